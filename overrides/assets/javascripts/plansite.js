/* plansite: small progressive enhancements. Pages are complete without this file.
 * - the "now" marker on timelines and What's on, placed at view time
 *   (the server placed it at the build date for readers without JavaScript);
 * - What's on filters by plan and audience, kept in the address bar;
 * - "overdue" re-derived against today, and progress roll-ups recounted. */
(function () {
  "use strict";

  function isoDate(date) {
    var month = String(date.getMonth() + 1).padStart(2, "0");
    var day = String(date.getDate()).padStart(2, "0");
    return date.getFullYear() + "-" + month + "-" + day;
  }

  function longDate(iso) {
    var parts = iso.split("-").map(Number);
    var date = new Date(parts[0], parts[1] - 1, parts[2]);
    return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  var today = isoDate(new Date());

  function within(element) {
    return element.dataset.start <= today && today <= element.dataset.end;
  }

  /* Timelines and timeline grids: mark the column that contains today. */
  function markTimelines() {
    document.querySelectorAll("table.ps-timeline, table.ps-grid").forEach(function (table) {
      table.querySelectorAll(".ps-now").forEach(function (cell) { cell.classList.remove("ps-now"); });
      table.querySelectorAll(".ps-now-badge").forEach(function (badge) { badge.remove(); });
      var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
      var index = headers.findIndex(function (th) { return th.dataset.start && within(th); });
      var block = table.closest(".ps-timeline-block");
      var note = block && block.querySelector("[data-now-note]");
      var first = headers.find(function (th) { return th.dataset.start; });
      var last = headers.slice().reverse().find(function (th) { return th.dataset.end; });
      if (index >= 0) {
        var header = headers[index];
        header.classList.add("ps-now");
        var badge = document.createElement("span");
        badge.className = "ps-now-badge";
        badge.textContent = "Today";
        header.appendChild(badge);
        table.querySelectorAll("tbody tr").forEach(function (row) {
          var cells = row.children;
          if (cells.length === headers.length) { cells[index].classList.add("ps-now"); }
        });
        if (note) {
          note.textContent = "Today is " + longDate(today) + ": it is marked in the " +
            header.firstChild.textContent.trim() + " column.";
        }
      } else if (note && first && last) {
        var where = today < first.dataset.start ? "before this timeline starts" : "after this timeline ends";
        note.textContent = "Today is " + longDate(today) + ", " + where + ".";
      }
    });
  }

  /* Boxes that scroll sideways (timelines, matrices, any wide table): a sentence above the
     box says so, and the box's region is described by it, so it is spoken on focus too; a
     shadow marks each edge that has more to show. A timeline opens at today's column (the
     build date's, where today is outside it; else the first column with entries), just
     right of its sticky first column. */
  var hints = 0;

  function hintText(wrap) {
    if (wrap.classList.contains("ps-timeline-wrap")) {
      var unit = (wrap.getAttribute("aria-label") || "").replace(/^Timeline by /, "").trim();
      return "Scroll sideways for more " + (unit ? unit + "s" : "columns") + ".";  /* terms, months */
    }
    if (wrap.classList.contains("ps-matrix-wrap")) { return "Scroll sideways for more parts of the plan."; }
    return "Scroll sideways for more columns.";
  }

  function stickyWidth(table) {
    var cell = table.querySelector("tbody tr > :first-child:not([colspan])");
    return cell && getComputedStyle(cell).position === "sticky" ? cell.getBoundingClientRect().width : 0;
  }

  function startColumn(table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th[data-start]"));
    if (!headers.length) { return null; }
    var note = document.querySelector("[data-build-date]");
    var built = note ? note.dataset.buildDate : "";
    var found = headers.find(function (th) { return th.dataset.start <= today && today <= th.dataset.end; }) ||
      headers.find(function (th) { return built && th.dataset.start <= built && built <= th.dataset.end; });
    if (found) { return found; }
    var first = table.querySelector("thead th[data-start]").cellIndex;
    var filled = -1;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (index >= first && cell.children.length && (filled < 0 || index < filled)) { filled = index; }
      });
    });
    return filled >= 0 ? table.querySelector("thead tr").children[filled] : null;
  }

  /* Each table box gets its scroll cue. Everything is written first, then measured, then
     written again, for all boxes at once: measuring each box just after writing the one
     before forced a style and layout pass per table (dozens on a plan page). */
  function measure(item) {
    var wrap = item.wrap;
    return { wide: wrap.scrollWidth > wrap.clientWidth + 1, client: wrap.clientWidth, scroll: wrap.scrollWidth,
             left: wrap.scrollLeft, sticky: stickyWidth(item.table) };
  }

  function apply(item, size) {
    var wrap = item.wrap, box = item.box, wide = size.wide;
    box.style.setProperty("--ps-wrap-width", size.client + "px");
    box.style.setProperty("--ps-sticky-width", size.sticky + "px");
    item.hint.hidden = !wide;
    if (wide) {
      wrap.setAttribute("aria-describedby", item.hint.id);
      if (!wrap.hasAttribute("tabindex")) { wrap.tabIndex = 0; }  /* keyboard users can scroll it */
    } else {
      wrap.removeAttribute("aria-describedby");
    }
    box.toggleAttribute("data-more-left", wide && size.left > 1);
    box.toggleAttribute("data-more-right", wide && size.left + size.client < size.scroll - 1);
  }

  function refresh(items) {
    var sizes = items.map(measure);
    items.forEach(function (item, index) { apply(item, sizes[index]); });
  }

  function setUpScrollers() {
    var items = [];
    document.querySelectorAll(".md-typeset .ps-table-wrap").forEach(function (wrap) {
      var table = wrap.querySelector("table");
      if (!table || wrap.parentNode.classList.contains("ps-scroller")) { return; }
      var box = document.createElement("div");
      box.className = "ps-scroller";
      wrap.parentNode.insertBefore(box, wrap);
      box.appendChild(wrap);
      var hint = document.createElement("p");
      hint.className = "ps-scroll-hint";
      hint.id = "ps-scroll-hint-" + (hints += 1);
      hint.hidden = true;
      var arrow = document.createElement("span");
      arrow.setAttribute("aria-hidden", "true");
      arrow.textContent = " →";
      hint.append(hintText(wrap), arrow);
      box.parentNode.insertBefore(hint, box);
      items.push({ wrap: wrap, table: table, box: box, hint: hint });
    });
    items.forEach(function (item) {
      item.wrap.addEventListener("scroll", function () { if (item.ready) { apply(item, measure(item)); } }, { passive: true });
    });
    if (!window.ResizeObserver) { firstLook(items); return; }
    /* Each box is first measured when it is laid out: the observer's first report of it. A box
       off the screen (plansite.css skips rendering it, content-visibility) is measured when the
       reader nears it, not as the page opens, when measuring every box laid out the whole page. */
    var byWrap = new Map(items.map(function (item) { return [item.wrap, item]; }));
    var observer = new ResizeObserver(function (entries) {
      var found = entries.map(function (entry) { return byWrap.get(entry.target); });
      var fresh = found.filter(function (item) { return !item.ready; });
      firstLook(fresh);
      refresh(found.filter(function (item) { return fresh.indexOf(item) < 0; }));
    });
    items.forEach(function (item) { observer.observe(item.wrap); });
  }

  /* Boxes seen for the first time: their cue, and a wide timeline opens at its start column. */
  function firstLook(items) {
    var sizes = items.map(measure);
    var starts = items.map(function (item, index) {
      if (!sizes[index].wide || !item.table.classList.contains("ps-timeline")) { return null; }
      var column = startColumn(item.table);
      return column ? column.getBoundingClientRect().left - item.table.getBoundingClientRect().left - sizes[index].sticky : null;
    });
    items.forEach(function (item, index) { item.ready = true; apply(item, sizes[index]); });
    var moved = items.filter(function (item, index) {
      if (starts[index] === null) { return false; }
      item.wrap.scrollLeft = starts[index];
      return true;
    });
    if (moved.length) { refresh(moved); }
  }

  /* "¶" permalinks stay visible on hover and clickable, but out of the tab order: a plan
     page had 20 and more of them between its links. */
  function quietPermalinks() {
    document.querySelectorAll(".md-typeset a.headerlink").forEach(function (link) { link.tabIndex = -1; });
  }

  /* Material's search results box takes focus even when there is nothing in it and the
     search has closed (a tab stop on nothing): it takes focus only while there is a query. */
  function quietEmptySearch() {
    var input = document.querySelector(".md-search__input");
    var results = document.querySelector(".md-search__scrollwrap");
    if (!input || !results) { return; }
    function update() { results.tabIndex = input.value.trim() ? 0 : -1; }
    input.addEventListener("input", update);
    update();
  }

  /* Material's colour-scheme switch is a pair of radio buttons, each showing the other's
     label; neither is checked, so Tab always lands on the first, whose label is hidden in
     the dark scheme (focus on nothing). Only the radio whose label shows takes focus. */
  function focusableSchemeSwitch() {
    var options = document.querySelectorAll(".md-option[name='__palette']");
    if (!options.length) { return; }
    function update() {
      options.forEach(function (option) {
        var label = option.nextElementSibling;
        option.tabIndex = label && !label.hidden ? 0 : -1;
      });
    }
    update();
    if (window.MutationObserver) {
      var watch = new MutationObserver(update);
      options.forEach(function (option) {
        if (option.nextElementSibling) { watch.observe(option.nextElementSibling, { attributes: true, attributeFilter: ["hidden"] }); }
      });
    }
  }

  /* Print. A timeline grid's row (a priority and its actions in each period) can be taller
     than a sheet: Chromium splits it, and the continuation shows a blank priority. So each
     row is also drawn as rows of at most PRINT_ROWS actions per period, each starting with
     the priority ("… (continued)" after the first), shown only in print, where rows never
     split; the screen, and screen readers, have the original row. */
  var PRINT_ROWS = 4;

  /* "outreach/reintegration" is one word to the line breaker: in a narrow column it breaks
     mid-word, or widens the grid past the page (Salford's, 851 px in 748 at 1280). A <wbr>
     after each slash lets it break there (and adds nothing to the text). */
  function breakAfterSlashes(node) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) { texts.push(walker.currentNode); }
    texts.forEach(function (text) {
      var parts = text.nodeValue.split(/(?<=\/)(?=\S)/);
      if (parts.length < 2) { return; }
      var made = document.createDocumentFragment();
      parts.forEach(function (part, index) {
        if (index) { made.appendChild(document.createElement("wbr")); }
        made.appendChild(document.createTextNode(part));
      });
      text.replaceWith(made);
    });
  }

  function printableGrids() {
    document.querySelectorAll("table.ps-grid .ps-grid__actions").forEach(breakAfterSlashes);
    document.querySelectorAll("table.ps-grid > tbody > tr:not(.ps-print-row)").forEach(function (row) {
      var cells = Array.prototype.slice.call(row.children);
      var lists = cells.map(function (cell) {
        var list = cell.querySelector(":scope > ul");
        return list ? Array.prototype.slice.call(list.children) : null;
      });
      var most = Math.max.apply(null, lists.map(function (items) { return items ? items.length : 0; }));
      if (!most || row.classList.contains("ps-screen-row")) { return; }
      row.classList.add("ps-screen-row");
      var after = row;
      for (var first = 0; first < most; first += PRINT_ROWS) {
        var copy = document.createElement("tr");
        copy.className = "ps-print-row";
        copy.setAttribute("aria-hidden", "true");
        cells.forEach(function (cell, index) {
          var made = document.createElement(cell.tagName.toLowerCase());
          if (cell.dataset.label) { made.dataset.label = cell.dataset.label; }
          if (index === 0) {
            made.textContent = cell.textContent.trim() + (first ? " (continued)" : "");
          } else if (lists[index]) {
            var list = document.createElement("ul");
            list.className = "ps-grid__actions";
            lists[index].slice(first, first + PRINT_ROWS).forEach(function (item) {
              var clone = item.cloneNode(true);
              clone.removeAttribute("id");
              clone.querySelectorAll("[id]").forEach(function (inner) { inner.removeAttribute("id"); });
              list.appendChild(clone);
            });
            if (list.children.length) { made.appendChild(list); }
          } else if (!first) {
            Array.prototype.forEach.call(cell.childNodes, function (node) { made.appendChild(node.cloneNode(true)); });
          }
          copy.appendChild(made);
        });
        after.after(copy);
        after = copy;
      }
    });
  }

  /* Print: theme chips come before the title on screen; on paper they are a line after it. */
  function printableThemes() {
    var tags = document.querySelector(".md-content .md-tags");
    var title = document.querySelector(".md-content h1");
    if (!tags || !title || document.querySelector(".ps-print-themes")) { return; }
    var names = Array.prototype.map.call(tags.querySelectorAll(".md-tag"), function (tag) { return tag.textContent.trim(); });
    if (!names.length) { return; }
    var line = document.createElement("p");
    line.className = "ps-print-themes";
    line.textContent = "Themes: " + names.join(", ") + ".";
    title.after(line);
  }

  /* What's on: past, this term and upcoming, by text as well as colour. */
  var STATUS_TEXT = { past: "Past", current: "This term", upcoming: "Upcoming" };

  function markTerms() {
    var terms = document.querySelectorAll(".ps-term[data-start]");
    if (!terms.length) { return; }
    var current = null;
    terms.forEach(function (term) {
      var status = term.dataset.end < today ? "past" : term.dataset.start > today ? "upcoming" : "current";
      term.dataset.status = status;
      term.querySelector(".ps-term__status").textContent = STATUS_TEXT[status];
      if (status === "current") { current = term; }
    });
    var note = document.querySelector("[data-now-note]");
    if (note && terms.length === 1) {  /* a large site's page of one term */
      var WHEN = { past: "this term is over", current: "this term is under way", upcoming: "this term is still to come" };
      note.textContent = "Today is " + longDate(today) + ": " + WHEN[terms[0].dataset.status] + ".";
    } else if (note) {
      note.textContent = current
        ? "Today is " + longDate(today) + ": this term is marked “This term”. "
        : "Today is " + longDate(today) + ". No plan lists anything for this term; past terms are marked “Past” and later ones “Upcoming”. ";
      /* The term to read first: this one, or the next with entries. */
      var next = current || Array.prototype.find.call(terms, function (term) { return term.dataset.status === "upcoming"; });
      var title = next && next.id && next.querySelector(".ps-term__title");
      if (title) {
        var link = document.createElement("a");
        link.href = "#" + next.id;
        link.textContent = (current ? "Go to this term: " : "Go to the next term with entries: ") + title.firstChild.textContent.trim();
        note.appendChild(link);
      }
    }
  }

  /* What's on filters. */
  function setUpFilters() {
    var form = document.getElementById("ps-whats-on-filters");
    if (!form) { return; }
    var plan = form.elements.plan;
    var audience = form.elements.audience;
    var count = document.getElementById("ps-filter-count");
    var params = new URLSearchParams(window.location.search);
    if (params.get("plan")) { plan.value = params.get("plan"); }
    if (params.get("audience")) { audience.value = params.get("audience"); }

    function apply(updateAddress) {
      var shown = 0;
      document.querySelectorAll(".ps-term").forEach(function (term) {
        var visible = 0;
        term.querySelectorAll("tbody tr").forEach(function (row) {
          var match = (!plan.value || row.dataset.plan === plan.value) &&
            (!audience.value || (" " + row.dataset.audience + " ").indexOf(" " + audience.value + " ") >= 0);
          row.hidden = !match;
          if (match) { visible += 1; }
        });
        term.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = shown + (shown === 1 ? " item" : " items") + " shown.";
      if (updateAddress) {
        var query = new URLSearchParams();
        if (plan.value) { query.set("plan", plan.value); }
        if (audience.value) { query.set("audience", audience.value); }
        var search = query.toString();
        history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  /* Progress: "overdue" is derived from the end date; re-derive it against today
     (the page says it as of its build date) and recount the roll-ups. */
  var WORDS = {
    "complete": "Complete or in place", "in-progress": "In progress", "not-started": "Not started",
    "overdue": "Overdue", "ongoing": "Ongoing", "dropped": "Dropped", "not-reported": "No progress reported"
  };
  var UNFINISHED = { "in-progress": true, "not-started": true };

  function progressOf(row) {
    var stated = row.dataset.stated;
    if (!stated) { return "not-reported"; }
    if (stated === "complete" || stated === "in-place") { return "complete"; }
    if (!UNFINISHED[stated]) { return stated; }
    return row.dataset.end && row.dataset.end < today ? "overdue" : stated;
  }

  function refreshProgress() {
    document.querySelectorAll("tr[data-stated]").forEach(function (row) {
      var label = row.querySelector("span.ps-progress");
      if (!label) { return; }
      var progress = progressOf(row);
      label.textContent = WORDS[progress];
      label.className = "ps-progress ps-progress--" + progress;
    });
    document.querySelectorAll("[data-rollup]").forEach(function (rollup) {
      var counts = {};
      var total = 0;
      rollup.dataset.actions.split(" ").forEach(function (id) {
        var row = document.getElementById(id);
        var progress = row && row.dataset.stated !== undefined ? progressOf(row) : "not-reported";
        counts[progress] = (counts[progress] || 0) + 1;
        total += 1;
      });
      var list = rollup.querySelector(".ps-rollup__counts");
      var bar = rollup.querySelector(".ps-rollup__bar");
      list.textContent = "";
      bar.textContent = "";
      Object.keys(WORDS).forEach(function (progress) {
        if (!counts[progress]) { return; }
        var item = document.createElement("li");
        item.dataset.progress = progress;
        var count = document.createElement("strong");
        count.textContent = counts[progress];
        item.append(WORDS[progress] + ": ", count);
        list.appendChild(item);
        var part = document.createElement("span");
        part.className = "ps-progress--" + progress;
        part.style.width = (100 * counts[progress] / total).toFixed(1) + "%";
        bar.appendChild(part);
      });
      var asOf = rollup.querySelector(".ps-rollup__asof");
      if (asOf) { asOf.textContent = "as of today, " + longDate(today); }
    });
  }

  function start() {
    refreshProgress();
    printableGrids();
    printableThemes();
    markTimelines();
    setUpScrollers();
    quietPermalinks();
    quietEmptySearch();
    focusableSchemeSwitch();
    markTerms();
    setUpFilters();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* The actions explorer: filters over actions.json, kept in the address bar; the caption
 * and the count follow the filters; dates are typed and shown day first (dd/mm/yyyy: a
 * browser's own date field shows the format of its interface language, often mm/dd/yyyy);
 * "Download these results (CSV)" saves the matching rows of the site's actions.csv. */
(function () {
  "use strict";
  var form = document.getElementById("ps-explorer");
  if (!form) { return; }
  var body = document.getElementById("x-rows");
  var count = document.getElementById("x-count");
  var table = body.closest("table");
  var caption = table && table.querySelector("caption");
  var original = Array.prototype.slice.call(body.children);
  var FIELDS = ["plan", "organisation", "who", "audience", "term", "from", "to", "status", "q", "sort"];
  var DATES = { from: true, to: true };

  /* The form shows at once (no jump when the data arrives; its count keeps a line for the
     words to come); it works once the data is in. */
  form.hidden = false;

  /* Day-first dates: 15/3/2004, 15/03/04 or 2004-03-15 are all read as 15 March 2004. */
  function isoOf(text) {
    var value = (text || "").trim();
    var day, month, year;
    var match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
    if (match) {
      year = +match[1]; month = +match[2]; day = +match[3];
    } else {
      match = /^(\d{1,2})[\/.\- ](\d{1,2})[\/.\- ](\d{2}|\d{4})$/.exec(value);
      if (!match) { return null; }
      day = +match[1]; month = +match[2]; year = +match[3];
      if (match[3].length === 2) { year += year < 50 ? 2000 : 1900; }
    }
    var date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) { return null; }
    return date.toISOString().slice(0, 10);
  }

  function ukOf(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return parts ? parts[3] + "/" + parts[2] + "/" + parts[1] : iso || "";
  }

  Object.keys(DATES).forEach(function (name) {
    var input = form.elements[name];
    if (!input) { return; }
    input.type = "text";
    input.inputMode = "numeric";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.size = 10;
    input.maxLength = 10;
    var hint = document.createElement("span");
    hint.className = "ps-filters__hint";
    hint.id = input.id + "-hint";
    hint.textContent = "dd/mm/yyyy";
    var error = document.createElement("span");
    error.className = "ps-filters__error";
    error.id = input.id + "-error";
    error.hidden = true;
    error.textContent = "Enter a date as dd/mm/yyyy, for example 15/03/2004.";
    input.parentNode.insertBefore(hint, input);
    input.parentNode.appendChild(error);
    input.setAttribute("aria-describedby", hint.id);
    input.addEventListener("change", function () {
      var bad = input.value.trim() !== "" && !isoOf(input.value);
      error.hidden = !bad;
      if (bad) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", hint.id + " " + error.id);
      } else {
        input.removeAttribute("aria-invalid");
        input.setAttribute("aria-describedby", hint.id);
        if (input.value.trim()) { input.value = ukOf(isoOf(input.value)); }
      }
    });
  });

  /* The value a filter has: dates as yyyy-mm-dd (in the address too), "" while not a date. */
  function valueOf(name) {
    var input = form.elements[name];
    if (!input) { return ""; }
    var value = input.value.trim();
    return DATES[name] ? isoOf(value) || "" : value;
  }

  var download = document.createElement("button");
  download.type = "button";
  download.className = "md-button";
  download.id = "x-csv";
  download.textContent = "Download these results (CSV)";
  download.disabled = true;
  var reset = form.querySelector("button[type=reset]");
  if (reset) { reset.after(download); } else { form.insertBefore(download, count); }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      if (params.has(name) && form.elements[name]) {
        form.elements[name].value = DATES[name] ? ukOf(params.get(name)) : params.get(name);
      }
    });
  }

  function toAddress() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var value = valueOf(name);
      if (value) { params.set(name, value); }
    });
    var search = params.toString();
    history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  function matches(record, f) {
    if (f.plan && record.plan !== f.plan) { return false; }
    if (f.organisation && record.organisation !== f.organisation) { return false; }
    if (f.who && record.parties.indexOf(f.who) < 0) { return false; }
    if (f.audience && record.audiences.indexOf(f.audience) < 0) { return false; }
    if (f.term && record.terms.indexOf(f.term) < 0) { return false; }
    if (f.status && record.progress !== f.status) { return false; }
    if (f.from && !(record.end && record.end >= f.from)) { return false; }
    if (f.to && !(record.start && record.start <= f.to)) { return false; }
    if (f.q) {
      var text = record.text;
      var words = f.q.split(/\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) { if (text.indexOf(words[i]) < 0) { return false; } }
    }
    return true;
  }

  /* A large site's page has no row per action: rows are drawn from the data, `limit` at a
   * time, their words set as text (plan text is data, never markup). */
  var limit = parseInt(body.dataset.limit || "0", 10);
  var more = document.getElementById("x-more");
  var data = {};

  function cell(label, parts) {
    var td = document.createElement("td");
    td.dataset.label = label;
    parts.forEach(function (part, index) {
      if (index) { td.appendChild(document.createElement("br")); }
      td.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    return td;
  }

  function element(name, className, text) {
    var made = document.createElement(name);
    if (className) { made.className = className; }
    made.textContent = text;
    return made;
  }

  function number(value) { return value.toLocaleString("en-GB"); }  /* 10,000 */

  function shorten(text, most) {
    if (text.length <= most) { return text; }
    var cut = text.slice(0, most - 1);
    return cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length) + "…";
  }

  function draw(record) {
    var row = document.createElement("tr");
    row.id = record.row;
    var link = element("a", "", shorten(record.title, 160));
    link.href = record.url;
    var plan = document.createDocumentFragment();
    plan.appendChild(document.createTextNode(data.plans[record.plan] || record.plan));
    plan.appendChild(element("span", "ps-part-of", " · " + shorten(record.group, 60)));
    row.appendChild(cell("Action", [link]));
    row.appendChild(cell("Plan", [plan]));
    row.appendChild(cell("Who", record.who));
    row.appendChild(cell("For", record.audience));
    row.appendChild(cell("When", [record.when || "Not stated"]));
    row.appendChild(cell("Status", [element("span", "ps-progress ps-progress--" + record.progress, data.progress[record.progress])]));
    return row;
  }

  /* CSV: the site's actions.csv, read as records with their exact text, so the rows saved
   * are the site's own, byte for byte, under its header. */
  function csvRecords(text) {
    var records = [];
    var at = 0;
    if (text.charCodeAt(0) === 0xfeff) { at = 1; }
    while (at < text.length) {
      var begin = at;
      var fields = [];
      var field = "";
      var quoted = false;
      for (;;) {
        var ch = text.charAt(at);
        if (quoted) {
          if (ch === '"' && text.charAt(at + 1) === '"') { field += '"'; at += 2; continue; }
          if (ch === '"') { quoted = false; at += 1; continue; }
          if (at >= text.length) { break; }
          field += ch; at += 1; continue;
        }
        if (ch === '"') { quoted = true; at += 1; continue; }
        if (ch === ",") { fields.push(field); field = ""; at += 1; continue; }
        if (ch === "\r" || ch === "\n" || at >= text.length) {
          fields.push(field);
          if (ch === "\r" && text.charAt(at + 1) === "\n") { at += 2; } else if (at < text.length) { at += 1; }
          break;
        }
        field += ch; at += 1;
      }
      records.push({ fields: fields, raw: text.slice(begin, at) });
    }
    return records;
  }

  function csvField(value) {
    value = value === undefined || value === null ? "" : String(value);
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function save(text, name) {
    var blob = new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  var csvSource = new URL(form.dataset.source.replace(/actions\.json$/, "actions.csv"), window.location.href).href;
  var siteCsv = null;

  function downloadCsv(found) {
    var keys = found.map(function (record) { return record.row; });
    var fileName = "actions" + (window.location.search ? "-filtered" : "") + ".csv";
    if (!siteCsv) {
      siteCsv = fetch(csvSource).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      }).then(csvRecords);
    }
    siteCsv.then(function (records) {
      var header = records[0];
      var plan = header.fields.indexOf("plan_id");
      var action = header.fields.indexOf("action_id");
      var byKey = {};
      records.slice(1).forEach(function (record) {
        byKey[record.fields[plan] + "--" + record.fields[action]] = record;
      });
      var ending = /\r?\n$/.exec(header.raw);
      ending = ending ? ending[0] : "\r\n";
      var lines = keys.filter(function (key) { return byKey[key]; }).map(function (key) {
        var raw = byKey[key].raw;
        return /\n$/.test(raw) ? raw : raw + ending;
      });
      save(header.raw + lines.join(""), fileName);
    }).catch(function () {
      /* No actions.csv to hand: the columns the explorer's own data has. */
      siteCsv = null;
      var columns = ["plan_id", "action_id", "start", "end", "progress"];
      var text = columns.join(",") + "\r\n" + found.map(function (record) {
        var split = record.row.indexOf("--");
        return [record.plan, record.row.slice(split + 2), record.start, record.end, record.progress].map(csvField).join(",") + "\r\n";
      }).join("");
      save(text, fileName);
    });
  }

  function start(records) {
    var byRow = {};
    records.forEach(function (record) {
      byRow[record.row] = record;
      if (record.text === undefined) {
        record.text = [record.title, record.group].concat(record.who, record.partners, record.audience).join(" ");
      }
      record.text = record.text.toLowerCase();
    });
    var showing = limit;
    var found = [];

    function ordered(items, startOf) {
      var later = form.elements.sort.value === "latest" ? -1 : 1;
      return items.slice().sort(function (a, b) {
        var x = startOf(a) || "", y = startOf(b) || "";
        if (!x || !y) { return x ? -1 : y ? 1 : 0; }  /* undated last either way */
        return x < y ? -later : x > y ? later : 0;
      });
    }

    function apply(updateAddress) {
      var f = {};
      FIELDS.forEach(function (name) { f[name] = valueOf(name); });
      f.q = f.q.toLowerCase();
      var filtered = FIELDS.some(function (name) { return name !== "sort" && f[name]; });
      var shown = 0;
      var total = limit ? records.length : original.length;
      if (limit) {
        found = records.filter(function (record) { return matches(record, f); });
        if (f.sort) { found = ordered(found, function (record) { return record.start; }); }
        body.textContent = "";
        found.slice(0, showing).forEach(function (record) { body.appendChild(draw(record)); });
        shown = Math.min(found.length, showing);
        count.textContent = number(found.length) + (found.length === 1 ? " action matches" : " actions match") + " of " + number(records.length) +
          (found.length > shown ? "; the first " + number(shown) + " are shown. Narrow the filters, or show more." : ".");
        more.hidden = found.length <= shown;
      } else {
        var rows = f.sort ? ordered(original, function (row) { return (byRow[row.id] || {}).start; }) : original.slice();
        found = [];
        /* Rows are moved only when the order changes, and hidden only when that changes: moving
           all of them as the page opened restyled and laid out the whole table again. */
        var moved = rows.some(function (row, index) { return body.children[index] !== row; });
        rows.forEach(function (row) {
          var record = byRow[row.id];
          var keep = record ? matches(record, f) : true;
          if (row.hidden === keep) { row.hidden = !keep; }
          if (keep) { shown += 1; if (record) { found.push(record); } }
          if (moved) { body.appendChild(row); }
        });
        count.textContent = number(shown) + (shown === 1 ? " action" : " actions") + " shown of " + number(original.length) + ".";
      }
      var matching = limit ? found.length : shown;
      if (caption) {
        caption.textContent = filtered
          ? "Actions matching your filters (" + number(matching) + " of " + number(total) + ")"
          : "All actions (" + number(total) + ")";
      }
      download.disabled = matching === 0;
      if (updateAddress) { toAddress(); }
    }

    if (more) {
      more.addEventListener("click", function () { showing += limit; apply(false); });
    }
    download.addEventListener("click", function () { downloadCsv(found); });
    var timer = null;
    form.addEventListener("input", function (event) {
      clearTimeout(timer);
      timer = setTimeout(function () { apply(true); }, event.target.name === "q" || DATES[event.target.name] ? 250 : 0);
    });
    form.addEventListener("change", function () { showing = limit; apply(true); });
    form.addEventListener("reset", function () {
      setTimeout(function () {
        form.querySelectorAll(".ps-filters__error").forEach(function (error) { error.hidden = true; });
        form.querySelectorAll("[aria-invalid]").forEach(function (input) {
          input.removeAttribute("aria-invalid");
          input.setAttribute("aria-describedby", input.id + "-hint");
        });
        showing = limit;
        apply(true);
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    fromAddress();
    apply(false);
  }

  fetch(form.dataset.source)
    .then(function (response) { return response.json(); })
    .then(function (loaded) { data = loaded; start(loaded.actions); })
    .catch(function () {
      /* the full table stays as it is; the filters cannot work without the data */
      form.hidden = true;
      form.style.display = "none";  /* the stylesheet shows the form before the data is in */
    });
})();
