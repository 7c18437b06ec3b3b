/* plansite-now: what is under way on a plan page, and which term What's on and an audience's
 * page open at, said against the reader's today. Pages are complete without this file: the
 * server said both as of the day the site was built (data-build-date). */
(function () {
  "use strict";

  function isoDate(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" +
      String(date.getDate()).padStart(2, "0");
  }

  function longDate(iso) {
    var parts = iso.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2])
      .toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  var today = isoDate(new Date());

  /* Plan pages: items are [start, end, anchor, title, when], oldest first. */
  function happenings(items) {
    var out = document.createDocumentFragment();
    items.slice(0, 3).forEach(function (item, index) {
      if (index) { out.append("; "); }
      var link = document.createElement("a");
      link.href = "#" + item[2];
      link.textContent = item[3];
      var when = document.createElement("span");
      when.className = "ps-when";
      when.textContent = "(" + item[4] + ")";
      out.append(link, " ", when);
    });
    if (items.length > 3) { out.append("; and " + (items.length - 3) + " more"); }
    return out;
  }

  function line(words, items) {
    var item = document.createElement("li");
    var strong = document.createElement("strong");
    strong.textContent = words;
    item.append(strong, " ", happenings(items));
    return item;
  }

  function nowNext(box) {
    var items = JSON.parse(box.dataset.items || "[]");
    var until = box.dataset.until || "";
    var now = [], next = [];
    items.forEach(function (item) {
      var first = item[0] || item[1], last = item[1] || until;
      if (first <= today && (!last || today <= last)) { now.push(item); } else if (first > today) { next.push(item); }
    });
    if (next.length) {
      var soonest = next[0][0] || next[0][1];
      next = next.filter(function (item) { return (item[0] || item[1]) === soonest; });
    }
    var title = box.querySelector(".ps-now-next__title");
    title.textContent = "Today, " + longDate(today) + ":";
    Array.prototype.slice.call(box.children).forEach(function (child) { if (child !== title) { child.remove(); } });
    if (now.length || next.length) {
      var list = document.createElement("ul");
      list.className = "ps-now-next__list";
      if (now.length) { list.appendChild(line("Under way:", now)); }
      if (next.length) { list.appendChild(line("Next:", next)); }
      box.appendChild(list);
    } else if (items.length) {
      var last = items.slice().sort(function (a, b) {
        var x = (a[1] || a[0]) + (a[0] || a[1]), y = (b[1] || b[0]) + (b[0] || b[1]);
        return x < y ? -1 : x > y ? 1 : 0;
      }).pop();
      var past = document.createElement("p");
      past.className = "ps-now-next__past";
      past.append("Nothing is under way or still to come. The plan's last date: ", happenings([last]), ".");
      box.appendChild(past);
    } else {
      var none = document.createElement("p");
      none.className = "ps-now-next__none";
      none.textContent = "This plan gives no dates.";
      box.appendChild(none);
    }
  }

  function start() {
    document.querySelectorAll("[data-now-next]").forEach(nowNext);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* Folded parts of a plan print open. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.ps-group-more:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();

/* What's on and an audience's page: the terms in the reader's order for today (that day's
 * term, or the nearest with entries, first; then later terms; then earlier ones, the most
 * recent first), as generator/render/pages/whats_on.py orders them for the build date. */
(function () {
  "use strict";

  function isoDate(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" +
      String(date.getDate()).padStart(2, "0");
  }

  function longDate(iso) {
    var parts = iso.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2])
      .toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function days(iso) {
    var parts = iso.split("-").map(Number);
    return Date.UTC(parts[0], parts[1] - 1, parts[2]) / 86400000;
  }

  var today = isoDate(new Date());

  function distance(term) {
    if (term.dataset.start > today) { return days(term.dataset.start) - days(today); }
    return Math.max(0, days(today) - days(term.dataset.end));
  }

  function label(term) {
    return term.querySelector(".ps-term__title").firstChild.textContent.trim();
  }

  function reorder(box) {
    var terms = Array.prototype.slice.call(box.querySelectorAll(":scope > .ps-term[data-start]"));
    if (!terms.length) { return; }
    terms.sort(function (a, b) { return a.dataset.start < b.dataset.start ? -1 : 1; });
    var opening = terms.reduce(function (best, term) {
      var d = distance(term), e = distance(best);
      return d < e || (d === e && term.dataset.start > best.dataset.start) ? term : best;
    });
    var later = terms.filter(function (term) { return term.dataset.start > opening.dataset.start; });
    var earlier = terms.filter(function (term) { return term.dataset.start < opening.dataset.start; }).reverse();
    var divider = box.querySelector("[data-terms-earlier]");
    var wanted = [opening].concat(later, divider ? [divider] : [], earlier);
    var shown = Array.prototype.filter.call(box.children, function (child) { return wanted.indexOf(child) >= 0; });
    if (wanted.some(function (child, index) { return shown[index] !== child; })) {
      /* moved only when today's order differs from the build date's: moving every term
         re-styles and lays out the whole page */
      wanted.forEach(function (child) { box.append(child); });
    }
    if (divider && divider.hidden !== !earlier.length) { divider.hidden = !earlier.length; }
    var current = opening.dataset.start <= today && today <= opening.dataset.end;
    var words = current ? "This term, " + label(opening) + ", comes first" :
      label(opening) + ", the nearest term with entries to " + longDate(today) + ", comes first";
    if (later.length) { words += "; later terms follow"; }
    if (earlier.length) { words += (later.length ? ", then" : "; then") + " earlier ones, the most recent first"; }
    var note = box.querySelector("[data-terms-opening]");
    if (note) { note.textContent = words + "."; }
    document.querySelectorAll("[data-term-link]").forEach(function (link) {
      if (link.dataset.termLink === opening.id) { link.setAttribute("aria-current", "true"); } else { link.removeAttribute("aria-current"); }
    });
  }

  function start() {
    document.querySelectorAll("[data-terms]").forEach(reorder);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
