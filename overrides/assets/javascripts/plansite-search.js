/* The search page (plugin option `search: pagefind`): a small interface over Pagefind's
 * JavaScript API, in place of Pagefind's own (about 135 KB of script and styles that a
 * first search would fetch). It searches as the reader types, after a pause and from the
 * third character (never for each letter, so no index chunks are fetched for half-typed
 * words), keeps the query in the address (?q=...), and loads the text of only the results
 * it shows, five at a time. Pagefind runs on the page rather than in a worker: its worker
 * script is another 41 KB, for a search that takes a fraction of a second either way. */
(function () {
  "use strict";
  var holder = document.getElementById("ps-search");
  var script = document.currentScript;
  if (!holder || !script) { return; }
  var form = holder.querySelector("form");
  var input = holder.querySelector("input[type=search]");
  var status = holder.querySelector(".ps-search__status");
  var list = holder.querySelector(".ps-search__results");
  var more = holder.querySelector(".ps-search__more");
  var PAGE = 5;      /* results shown at first, and added by "Show more results" */
  var SECTIONS = 3;  /* matching sections shown under a result before "Show all" */
  var MIN_TYPED = 3; /* characters typed before searching as the reader types (Enter searches any) */
  var bundle = new URL("../../pagefind/", script.src).href;
  var pagefind = null;
  var current = { query: "", results: [], shown: 0 };
  var searchId = 0;
  var timer = null;

  function engine() {
    if (!pagefind) {
      pagefind = import(bundle + "pagefind.js").then(function (module) {
        return module.options({ basePath: bundle, baseUrl: holder.dataset.baseUrl || "/", noWorker: true, excerptLength: 24 })
          .then(function () { return module.init(); })
          .then(function () { return module; });
      });
    }
    return pagefind;
  }

  /* Pagefind's excerpts are HTML with <mark> around the matched words: keep only text and marks. */
  function excerpt(html) {
    var paragraph = document.createElement("p");
    paragraph.className = "ps-search__excerpt";
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
    (function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.nodeName === "MARK") {
            var mark = document.createElement("mark");
            mark.textContent = node.textContent;
            to.appendChild(mark);
          } else {
            copy(node, to);
          }
        }
      });
    })(parsed, paragraph);
    return paragraph;
  }

  function link(url, title, className) {
    var anchor = document.createElement("a");
    anchor.className = className;
    anchor.href = url;
    anchor.textContent = title;
    return anchor;
  }

  function section(sub) {
    var item = document.createElement("li");
    item.appendChild(link(sub.url, sub.title, "ps-search__section-link"));
    item.appendChild(excerpt(sub.excerpt));
    return item;
  }

  /* The sections of a page that hold the query's words, the page's own first section aside;
     the most matches first for the short list, in page order for the full one. */
  function sections(data) {
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; });
    var top = subs.slice().sort(function (a, b) { return b.locations.length - a.locations.length; }).slice(0, SECTIONS);
    return { all: subs, top: subs.filter(function (sub) { return top.indexOf(sub) >= 0; }) };
  }

  function render(data, index) {
    var item = document.createElement("li");
    item.className = "ps-search__result";
    var heading = document.createElement("h2");
    heading.className = "ps-search__title";
    heading.appendChild(link(data.url, (data.meta && data.meta.title) || data.url, "ps-search__link"));
    item.appendChild(heading);
    item.appendChild(excerpt(data.excerpt));
    var found = sections(data);
    if (found.all.length) {
      var subs = document.createElement("ul");
      subs.className = "ps-search__sections";
      subs.id = "ps-search-sections-" + index;
      found.top.forEach(function (sub) { subs.appendChild(section(sub)); });
      item.appendChild(subs);
      if (found.all.length > found.top.length) {
        var toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "ps-search__all";
        toggle.setAttribute("aria-controls", subs.id);
        toggle.setAttribute("aria-expanded", "false");
        toggle.textContent = "Show all " + found.all.length + " matching parts of this page";
        toggle.addEventListener("click", function () {
          var open = toggle.getAttribute("aria-expanded") !== "true";
          subs.replaceChildren.apply(subs, (open ? found.all : found.top).map(section));
          toggle.setAttribute("aria-expanded", String(open));
          toggle.textContent = open ? "Show fewer" : "Show all " + found.all.length + " matching parts of this page";
        });
        item.appendChild(toggle);
      }
    }
    return item;
  }

  function showMore(id) {
    var next = current.results.slice(current.shown, current.shown + PAGE);
    current.shown += next.length;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (found) {
      if (id !== searchId) { return; }
      var start = list.children.length;
      found.forEach(function (data, offset) { list.appendChild(render(data, start + offset)); });
      more.hidden = current.shown >= current.results.length;
    });
  }

  function describe(count, query) {
    return count === 0 ? "No results for “" + query + "”."
      : count === 1 ? "1 page matches “" + query + "”."
      : count + " pages match “" + query + "”.";
  }

  function search(query) {
    var id = ++searchId;
    query = query.trim();
    list.replaceChildren();
    more.hidden = true;
    if (!query) { status.textContent = ""; current = { query: "", results: [], shown: 0 }; return Promise.resolve(); }
    status.textContent = "Searching…";
    return engine().then(function (module) { return module.search(query); }).then(function (found) {
      if (id !== searchId) { return; }
      current = { query: query, results: found.results, shown: 0 };
      return showMore(id).then(function () {
        if (id === searchId) { status.textContent = describe(found.results.length, query); }
      });
    }).catch(function () {
      if (id === searchId) { status.textContent = "Search is not available just now. Every plan is listed on the home page."; }
    });
  }

  function keepInAddress(query) {
    var params = new URLSearchParams(window.location.search);
    if (query) { params.set("q", query); } else { params.delete("q"); }
    var search = params.toString();
    history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
  }

  input.addEventListener("input", function () {
    keepInAddress(input.value);
    window.clearTimeout(timer);
    /* Not as the first letters are typed: "a" or "at" would fetch the index chunks of the
       commonest words (90 KB and more on a large site) for results nobody wants. */
    var typed = input.value.trim();
    if (typed && typed.length < MIN_TYPED) {
      searchId += 1;  /* what a longer query found no longer answers this one */
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    timer = window.setTimeout(function () { search(input.value); }, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    search(input.value);
  });
  more.addEventListener("click", function () { showMore(searchId); });

  holder.hidden = false;
  engine();  /* fetch the script, the index's page list and the WebAssembly while the reader types */
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    search(query);
  } else {
    input.focus();
  }
})();
