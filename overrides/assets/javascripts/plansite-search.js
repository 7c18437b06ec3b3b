/* The search behind the header's search box (Material's box, its dialog and its list of
 * results), in both search modes: Material's (lunr, in Material's worker, over
 * search/search_index.json) and Pagefind's (pagefind/, fetched in small parts). Nothing
 * of it loads with a page: overrides/main.html holds back Material's search worker and
 * loads this file when the reader first focuses the search box; it then answers the box
 * as Material's worker would (messages SETUP 0, READY 1, QUERY 2, RESULT 3).
 *
 * Either engine only finds the candidates; this file ranks them, the same way in both
 * modes, by what the words of a query match in each entry:
 *   1. every word of the query in the entry's own words (an action's words, label, owners,
 *      audience, what its abbreviations stand for; a page's or section's heading and
 *      text), above every word somewhere (with its group, plan or themes), above some;
 *   2. then the words as typed, next to one another and in order (a phrase);
 *   3. then how much of a short heading the query covers (a person's or a role's name);
 *   4. then how well the words match, rarer words counting for more, and where (an
 *      action's words above its owners, above its themes).
 * A query is expanded with the site's acronyms ("sen" is also "special educational
 * needs", "KS2" is "key stage 2") and a few synonyms ("maths", "mathematics"), from the
 * registry (render.search_records). Each result shows its own words, marked where they
 * match, with its label, its plan and its organisation, and opens at its anchor. */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var LIMIT = 30;          /* results shown */
  var PAGES = 8;           /* Pagefind: pages whose parts are ranked (one small file each) */
  var PAUSE = 250;         /* Pagefind: ms after the last key before searching */
  var MIN_TYPED = 3;       /* Pagefind: characters typed before searching */
  var STOP = {};
  ("a an and are as at be by for from has have in into is it its of on or that the their " +
   "them then there these this to was were which will with within via who whom").split(" ")
    .forEach(function (word) { STOP[word] = true; });
  var WEIGHT = { title: 1, o: 0.9, a: 0.85, x: 0.8, text: 0.7, g: 0.35, org: 0.35, plan: 0.35, t: 0.25 };
  var OWN = { title: true, o: true, a: true, x: true, text: true };
  var KIND = { a: 0.5, p: 0.4, s: 0.3, y: 0.3, o: 0 };
  var PARTY = { people: true, roles: true, teams: true, organisations: true, audiences: true };

  /* --- words ------------------------------------------------------------------------- */

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", nbsp: " " };

  /* HTML (Material's index holds escaped text with a few tags) as plain text. */
  function plain(text) {
    return String(text || "").replace(/<[^>]*>/g, " ")
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, function (_, name) { return ENTITIES[name]; })
      .replace(/\s+/g, " ").trim();
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  /* A word's key: lower case, without its plural, possessive or -ed/-ing ending. */
  function stem(word) {
    var w = word.toLowerCase();
    if (w.length < 4 || /\d/.test(w)) { return w; }
    if (/ies$/.test(w) && w.length > 4) { w = w.slice(0, -3) + "y"; }
    else if (/sses$/.test(w)) { w = w.slice(0, -2); }
    else if (/(ches|shes|xes)$/.test(w)) { w = w.slice(0, -2); }
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) { w = w.slice(0, -1); }
    if (/ied$/.test(w) && w.length > 5) { w = w.slice(0, -3) + "y"; }
    else if (/eed$/.test(w)) { /* agreed, need */ }
    else if (/ed$/.test(w) && w.length > 5) { w = w.slice(0, -2); }
    else if (/ing$/.test(w) && w.length > 5) { w = w.slice(0, -3); }
    if (/e$/.test(w) && w.length > 4) { w = w.slice(0, -1); }
    if (/([bdfgmnprt])\1$/.test(w) && w.length > 4) { w = w.slice(0, -1); }
    return w;
  }

  /* Two keys are near when one starts the other and is most of it (progress, progression). */
  function near(a, b) {
    if (a.length < 4 || b.length < 4) { return false; }
    var short = a.length < b.length ? a : b, long = a.length < b.length ? b : a;
    return long.indexOf(short) === 0 && short.length >= 0.6 * long.length;
  }

  var WORD = /[\p{L}\p{N}]+/gu;

  /* The words of a text that count (not "of", "the"...), with their keys and places. */
  function words(text) {
    var found = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var raw = match[0].toLowerCase();
      if (STOP[raw]) { continue; }
      found.push({ raw: raw, key: stem(raw), start: match.index, end: match.index + match[0].length });
    }
    return found;
  }

  /* --- the query ------------------------------------------------------------------- */

  var terms = { acronyms: {}, phrases: [] };

  /* The site's acronyms and synonyms, as lists of keys that stand for one another. */
  function learn(data) {
    var acronyms = {}, phrases = [];
    Object.keys((data && data.acronyms) || {}).forEach(function (term) {
      var short = term.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
      if (!short || STOP[short]) { return; }
      var long = words(data.acronyms[term]).map(function (w) { return w.key; });
      if (!long.length) { return; }
      acronyms[short] = long;
      phrases.push([[stem(short)], long]);
    });
    ((data && data.synonyms) || []).forEach(function (group) {
      phrases.push(group.map(function (phrase) { return words(phrase).map(function (w) { return w.key; }); })
        .filter(function (keys) { return keys.length; }));
    });
    terms = { acronyms: acronyms, phrases: phrases };
  }

  function same(a, b) {
    return a.length === b.length && a.every(function (key, i) { return key === b[i]; });
  }

  /* The query as slots: each one or more of the typed words, with what they may also be. */
  function parse(query) {
    var typed = words(query);
    if (!typed.length) {  /* only little words: search for them after all */
      var all = [], match;
      WORD.lastIndex = 0;
      while ((match = WORD.exec(query))) {
        all.push({ raw: match[0].toLowerCase(), key: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
      }
      typed = all;
    }
    var open = !/\s$/.test(query);  /* the last word may still be being typed */
    var slots = [];
    for (var i = 0; i < typed.length;) {
      var slot = null;
      for (var g = 0; g < terms.phrases.length && !slot; g++) {
        var group = terms.phrases[g];
        for (var p = 0; p < group.length; p++) {
          var keys = group[p];
          if (keys.length > 1 && i + keys.length <= typed.length &&
              same(keys, typed.slice(i, i + keys.length).map(function (w) { return w.key; }))) {
            slot = { size: keys.length, alts: [keys].concat(group.filter(function (other) { return other !== keys; })) };
            break;
          }
        }
      }
      if (!slot) {
        var word = typed[i], alts = [[word.key]];
        terms.phrases.forEach(function (group) {
          if (group.some(function (keys) { return same(keys, [word.key]); })) {
            group.forEach(function (keys) { if (!same(keys, [word.key])) { alts.push(keys); } });
          }
        });
        var numbered = /^([\p{L}]+)(\d+)$/u.exec(word.raw);
        if (numbered && terms.acronyms[numbered[1]]) { alts.push(terms.acronyms[numbered[1]].concat([numbered[2]])); }
        slot = { size: 1, alts: alts };
      }
      slot.words = typed.slice(i, i + slot.size).map(function (w) { return w.raw; }).join(" ");
      slot.first = typed[i].raw;
      i += slot.size;
      slot.prefix = open && i === typed.length && slot.size === 1 ? typed[i - 1].raw : null;
      slots.push(slot);
    }
    return slots;
  }

  /* --- ranking --------------------------------------------------------------------- */

  /* Where one slot matches a field's words: [start, end] spans, best quality first. */
  function spans(slot, field) {
    var found = [];
    slot.alts.forEach(function (keys, index) {
      var alternative = index > 0;
      for (var i = 0; i + keys.length <= field.length; i++) {
        var quality = 1;
        for (var k = 0; k < keys.length && quality > 0; k++) {
          var have = field[i + k];
          if (have.key === keys[k]) { continue; }
          if (keys.length === 1 && slot.prefix && !alternative && have.raw.indexOf(slot.prefix) === 0) { quality = Math.min(quality, 0.85); continue; }
          if (near(have.key, keys[k])) { quality = Math.min(quality, 0.8); continue; }
          quality = 0;
        }
        if (quality > 0) { found.push({ start: i, end: i + keys.length - 1, quality: quality * (alternative ? 0.95 : 1) }); }
      }
      /* A word written as two ("web site") or two as one ("head teachers"/"headteachers") */
      if (keys.length === 1) {
        for (var j = 0; j + 1 < field.length; j++) {
          if (stem(field[j].raw + field[j + 1].raw) === keys[0]) { found.push({ start: j, end: j + 1, quality: 0.95 }); }
        }
      }
    });
    return found;
  }

  /* Score one entry (its fields already split into words) for the query's slots. */
  function score(entry, slots, rarity) {
    var best = slots.map(function () { return { weight: 0, quality: 0, own: false, any: false }; });
    var perField = {};
    Object.keys(entry.fields).forEach(function (name) {
      var field = entry.fields[name];
      if (!field.length || !(name in WEIGHT)) { return; }
      perField[name] = slots.map(function (slot, s) {
        var found = spans(slot, field);
        if (found.length) {
          var quality = Math.max.apply(null, found.map(function (f) { return f.quality; }));
          var value = WEIGHT[name] * quality;
          if (value > best[s].weight) { best[s].weight = value; }
          best[s].any = true;
          if (OWN[name]) { best[s].own = true; }
        }
        return found;
      });
    });
    var own = best.every(function (b) { return b.own; });
    var any = best.every(function (b) { return b.any; });
    /* The longest run of slots matched next to one another, in order, in one own field. */
    var run = 1;
    Object.keys(perField).forEach(function (name) {
      if (!OWN[name]) { return; }
      var found = perField[name];
      var ends = found[0].map(function (f) { return { end: f.end, length: 1 }; });
      for (var s = 1; s < slots.length; s++) {
        var next = found[s].map(function (f) {
          var before = ends.filter(function (e) { return e.end + 1 === f.start; });
          return { end: f.end, length: before.length ? Math.max.apply(null, before.map(function (e) { return e.length; })) + 1 : 1 };
        });
        next.forEach(function (n) { if (n.length > run) { run = n.length; } });
        ends = next;
      }
    });
    var phrase = slots.length > 1 ? (run - 1) / (slots.length - 1) : 0;
    /* How close together the words are (in any order), in the own field where they are closest. */
    var close = 0;
    if (slots.length > 1) {
      Object.keys(perField).forEach(function (name) {
        if (!OWN[name]) { return; }
        var found = perField[name];
        if (found.some(function (list) { return !list.length; })) { return; }
        var marks = [];
        found.forEach(function (list, s) { list.forEach(function (f) { marks.push({ s: s, start: f.start, end: f.end }); }); });
        marks.sort(function (a, b) { return a.start - b.start; });
        var seen = {}, have = 0, left = 0;
        for (var right = 0; right < marks.length; right++) {
          seen[marks[right].s] = (seen[marks[right].s] || 0) + 1;
          if (seen[marks[right].s] === 1) { have += 1; }
          while (have === slots.length) {
            var width = marks[right].end - marks[left].start + 1;
            var value = Math.min(1, slots.length / width);
            if (value > close) { close = value; }
            seen[marks[left].s] -= 1;
            if (!seen[marks[left].s]) { have -= 1; }
            left += 1;
          }
        }
      });
    }
    /* How much of a short heading the query covers, and how much of the query it holds. */
    var cover = 0, title = entry.fields.title || [];
    if (title.length && title.length <= 12 && perField.title) {
      var covered = {};
      perField.title.forEach(function (found) {
        found.forEach(function (f) { for (var i = f.start; i <= f.end; i++) { covered[i] = true; } });
      });
      var inTitle = perField.title.filter(function (found) { return found.length; }).length;
      var share = Object.keys(covered).length / title.length;  /* most of it, or it is no name */
      cover = share >= 0.5 ? share * (inTitle / slots.length) : 0;
    }
    var total = 0, sum = 0;
    best.forEach(function (b, s) { total += rarity[s]; sum += rarity[s] * b.weight; });
    var matched = total ? sum / total : 0;
    return {
      /* A heading is a name the query gives only if the query has no word it lacks. */
      value: (own ? 20 : any ? 10 : 0) + phrase * 3 + close * 1.5 + (own ? cover * 2 : 0) + matched * 2 + (KIND[entry.kind] || 0),
      matched: best.map(function (b) { return b.any; }),
      perField: perField,
      any: best.some(function (b) { return b.any; })
    };
  }

  /* Entries ranked for a query: the rarer a slot's words among the candidates, the more it counts. */
  function rank(entries, slots) {
    var count = slots.map(function () { return 0; });
    var scored = entries.map(function (entry) {
      var result = score(entry, slots, slots.map(function () { return 1; }));
      result.matched.forEach(function (hit, s) { if (hit) { count[s] += 1; } });
      return { entry: entry, first: result };
    }).filter(function (item) { return item.first.any; });
    var rarity = count.map(function (n) { return Math.log(1 + (scored.length + 1) / (n + 1)) * 1; });
    scored.forEach(function (item) { item.score = score(item.entry, slots, rarity); });
    scored.sort(function (a, b) {
      return b.score.value - a.score.value || (a.entry.order - b.entry.order);
    });
    return scored;
  }

  /* --- what a result shows --------------------------------------------------------- */

  /* A field's text with its matches marked, cut to about ``length`` characters around the first. */
  function marked(field, text, found, length) {
    var marks = [];
    (found || []).forEach(function (list) {
      list.forEach(function (f) { marks.push([field[f.start].start, field[f.end].end]); });
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var from = 0, to = text.length;
    if (length && text.length > length) {
      var first = marks.length ? marks[0][0] : 0;
      from = Math.max(0, Math.min(first - Math.floor(length / 3), text.length - length));
      if (from > 0) { var space = text.indexOf(" ", from); from = space >= 0 && space < first ? space + 1 : from; }
      to = Math.min(text.length, from + length);
      if (to < text.length) { var cut = text.lastIndexOf(" ", to); to = cut > from ? cut : to; }
    }
    var html = from > 0 ? "…" : "", at = from;
    marks.forEach(function (mark) {
      if (mark[0] < at || mark[1] > to) { return; }
      html += escapeHTML(text.slice(at, mark[0])) + "<mark>" + escapeHTML(text.slice(mark[0], mark[1])) + "</mark>";
      at = mark[1];
    });
    html += escapeHTML(text.slice(at, to)) + (to < text.length ? "…" : "");
    return html;
  }

  function show(entry, result) {
    var found = result.perField;
    var part = function (name, length) {
      return entry.text[name] ? marked(entry.fields[name], entry.text[name], found[name], length) : "";
    };
    var hit = function (name) {
      return entry.text[name] && (found[name] || []).some(function (list) { return list.length; });
    };
    var lines = [];
    if (entry.kind === "a") {
      var group = entry.group || "";
      if (group.length > 90) { group = group.slice(0, group.lastIndexOf(" ", 88)) + "…"; }
      lines.push([escapeHTML(entry.org || ""), escapeHTML(group)].filter(Boolean).join(" · "));
      var who = [];
      if (entry.text.o) { who.push("Who: " + part("o", 120)); }
      if (entry.text.a) { who.push("For: " + part("a", 120)); }
      if (who.length) { lines.push(who.join(" · ")); }
      if (hit("x")) { lines.push(part("x", 120)); }
      if (hit("text")) { lines.push(part("text", 160)); }
    } else {
      if (entry.kind === "p" && entry.org) { lines.push(escapeHTML(entry.org)); }
      if (entry.show) { lines.push(escapeHTML(entry.show)); }
      if (entry.text.text) { lines.push(part("text", 180)); }
    }
    return {
      location: entry.location,
      title: part("title", entry.kind === "a" ? 220 : 140) || escapeHTML(entry.plainTitle || entry.location),
      text: lines.filter(Boolean).map(function (line) { return "<p>" + line + "</p>"; }).join(""),
      score: result.value,
      terms: {}
    };
  }

  /* Ranked entries as Material's list wants them: groups, each led by its page (scored 0,
   * a heading for the results beneath it), consecutive results of one page together. */
  function groups(ranked, slots, heading) {
    var list = [], last = null;
    ranked.slice(0, LIMIT).forEach(function (item) {
      var entry = item.entry, result = item.score;
      var shown = show(entry, result);
      shown.terms = {};
      slots.forEach(function (slot, s) { shown.terms[slot.words] = result.matched[s]; });
      var page = entry.location.split("#")[0];
      if (entry.location === page) { list.push([shown]); last = null; return; }  /* a page itself */
      if (!last || last.page !== page) {
        var top = heading(page);
        last = { page: page, items: [{ location: page, title: escapeHTML(top.title), text: top.org ? "<p>" + escapeHTML(top.org) + "</p>" : "", score: 0, terms: {} }] };
        list.push(last.items);
      }
      last.items.push(shown);
    });
    return list;
  }

  /* An entry as the ranking reads it: its fields' words, from plain text. */
  function prepare(entry, order) {
    entry.order = order;
    entry.fields = {};
    Object.keys(entry.text).forEach(function (name) { entry.fields[name] = words(entry.text[name]); });
    return entry;
  }

  /* --- the box: Material's list, answered as its worker would ------------------------ */

  /* The site's root, from Material's configuration on the page (its "base" is relative). */
  function siteRoot() {
    var config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base, location.href);
  }

  /* Answers arrive later, as from a worker: Material's list heeds results only once every
     part of it has seen the worker's READY. */
  function tell(port, data) {
    window.setTimeout(function () { port.dispatchEvent(new MessageEvent("message", { data: data })); }, 0);
  }

  function answer(port, items) {
    tell(port, { type: RESULT, data: { items: items } });
  }

  function ready(port) {
    tell(port, { type: READY });
  }

  /* Material's search: lunr, in Material's worker, finds every entry with a word that
   * starts like one of the query's (or of what it may also be); they are ranked here. */
  function material(port, form, workerUrl, RealWorker) {
    var worker = new RealWorker(workerUrl);
    var entries = {}, pages = {}, asked = null, waiting = null, busy = false;
    var index = new URL("search/search_index.json", siteRoot()).href;

    /* What lunr is asked for: the start of every word the query may stand for (lunr adds
       "*" to each): the word's key ("train" for "training"), shortened a little for a long
       word (as "progression" finds "progress"), or the word as typed if it is being typed. */
    function lunrQuery(slots) {
      var seen = {}, parts = [];
      slots.forEach(function (slot) {
        slot.alts.forEach(function (keys, index) {
          keys.forEach(function (key) {
            var start = index === 0 && slot.prefix ? slot.prefix : key;
            if (start.length >= 7) { start = start.slice(0, Math.max(5, Math.ceil(start.length * 0.6))); }
            if (!seen[start]) { seen[start] = true; parts.push(start); }
          });
        });
      });
      return parts.join(" ");
    }

    function pump() {
      if (busy || waiting === null) { return; }
      asked = waiting;
      waiting = null;
      if (!asked.slots.length) { answer(port, []); asked = null; return pump(); }
      busy = true;
      worker.postMessage({ type: QUERY, data: lunrQuery(asked.slots) });
    }

    worker.addEventListener("message", function (event) {
      var message = event.data;
      if (message.type === READY) { ready(port); return; }
      if (message.type !== RESULT) { return; }
      busy = false;
      if (waiting === null && asked) {
        var found = [];
        message.data.items.forEach(function (group) {
          group.forEach(function (item) { if (entries[item.location]) { found.push(entries[item.location]); } });
        });
        var unique = found.filter(function (entry, i) { return found.indexOf(entry) === i; });
        answer(port, groups(rank(unique, asked.slots), asked.slots, function (page) { return pages[page] || { title: page }; }));
      }
      pump();
    });

    fetch(index).then(function (response) {
      if (!response.ok) { throw new Error(response.statusText); }
      return response.json();
    }).then(function (data) {
      learn(data.plansite);
      var order = 0;
      data.docs.forEach(function (doc) {
        var path = doc.location.split("#")[0];
        var kind = doc.k || "o";
        var entry = {
          location: doc.location, kind: kind, org: doc.org || "", show: plain(doc.show),
          plainTitle: plain(doc.title), text: {}
        };
        ["title", "text", "o", "a", "x", "t", "g", "org"].forEach(function (name) {
          if (doc[name]) { entry.text[name] = plain(doc[name]); }
        });
        if (kind === "p" || !pages[path]) {
          if (!pages[path] || kind === "p") { pages[path] = { title: plain(doc.title), org: plain(doc.org) }; }
        }
        entries[doc.location] = prepare(entry, order++);
      });
      Object.keys(entries).forEach(function (location) {
        var entry = entries[location], page = pages[location.split("#")[0]];
        if (entry.kind === "a" || entry.kind === "s") {
          entry.org = page ? page.org : "";
          entry.group = entry.text.g || "";
          if (page && page.title) { entry.text.plan = page.title; entry.fields.plan = words(page.title); }
          if (entry.org && entry.kind === "a") { entry.text.org = entry.org; entry.fields.org = words(entry.org); }
        }
      });
      worker.postMessage({ type: SETUP, data: { config: data.config, docs: data.docs, options: { suggest: false } } });
    }).catch(function () {
      port.failed = true;
      ready(port);
    });

    return function (query) {
      if (port.failed) { answer(port, []); return; }
      waiting = { slots: parse(query) };
      pump();
    };
  }

  /* Pagefind: the pages that hold all of a query's words (or, failing that, any of them),
   * in Pagefind's order; the parts of the first few are ranked here. Each page's parts come
   * from its words and the places where its headings and its actions' fields begin. */
  function pagefind(port, form) {
    var bundle = new URL("pagefind/", siteRoot()).href;
    var base = siteRoot().pathname;
    var engine = null, latest = 0, pagesRead = {};

    function start() {
      if (!engine) {
        engine = Promise.all([
          import(bundle + "pagefind.js").then(function (module) {
            /* Pages are only candidates here, so a long page (a plan's) is not held back for its length. */
            return module.options({ basePath: bundle, baseUrl: base, noWorker: true, excerptLength: 0, ranking: { pageLength: 0.25 } })
              .then(function () { return module.init(); })
              .then(function () { return module; });
          }),
          fetch(bundle + "plansite-terms.json").then(function (response) { return response.ok ? response.json() : {}; })
            .catch(function () { return {}; })
        ]).then(function (both) { learn(both[1]); return both[0]; });
      }
      return engine;
    }

    function kindOf(path) {
      var parts = path.replace(/^\/+|\/+$/g, "").replace(/\.html$/, "").split("/");
      if (parts.length === 2 && parts[0] === "plans") { return "p"; }
      if (parts.length === 2 && PARTY[parts[0]]) { return "y"; }
      return "o";
    }

    /* A page's parts as entries: its top (the page itself), its sections, its actions. */
    function read(data) {
      if (pagesRead[data.url]) { return pagesRead[data.url]; }
      var list = data.content.split(/\s+/);
      var path = data.url.indexOf(base) === 0 ? data.url.slice(base.length) : data.url.replace(/^\//, "");
      var kind = kindOf(path);
      var org = (data.meta && data.meta.org) || "";
      var title = (data.meta && data.meta.title) || "";
      var anchors = (data.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
      var headings = anchors.filter(function (a) { return /^h[1-6]$/i.test(a.element); });
      var names = {};
      headings.forEach(function (h) { names[h.id] = h.text; });
      var entries = [];
      headings.forEach(function (heading, index) {
        var end = index + 1 < headings.length ? headings[index + 1].location : list.length;
        var marks = anchors.filter(function (a) { return a.id.indexOf(heading.id + "~") === 0 && a.location >= heading.location && a.location <= end; });
        var top = /^h1$/i.test(heading.element);
        if (!top && kind === "y") { return; }  /* a party page is one result: its lists are found in their own place */
        var entry = {
          location: top ? path : path + "#" + heading.id,
          kind: marks.length ? "a" : top ? kind : kind === "p" ? "s" : kind,
          org: org, show: "", plainTitle: heading.text, text: { title: heading.text }
        };
        var fields = marks.filter(function (m) { return !/~g~/.test(m.id); });
        var bodyEnd = fields.length ? fields[0].location : end;
        var body = list.slice(heading.location + heading.text.split(/\s+/).filter(Boolean).length, bodyEnd).join(" ");
        if (entry.kind === "a") {
          var group = marks.filter(function (m) { return /~g~/.test(m.id); })[0];
          entry.group = group ? names[group.id.split("~g~")[1]] || "" : "";
          fields.forEach(function (mark, i) {
            var letter = mark.id.slice(heading.id.length + 1);
            var name = letter === "m" ? "text" : letter;
            /* Pagefind ends each block with a full stop: not the plan's. */
            entry.text[name] = list.slice(mark.location, i + 1 < fields.length ? fields[i + 1].location : end).join(" ").replace(/\.$/, "");
          });
          if (entry.group) { entry.text.g = entry.group; }
          if (org) { entry.text.org = org; }
        } else if (body) {
          entry.text.text = body;
        }
        if (entry.kind === "p") { entry.text.org = org; }
        if (kind === "p" && !top) { entry.text.plan = title; }
        entries.push(prepare(entry, 0));
      });
      pagesRead[data.url] = { title: title, org: org, entries: entries, path: path };
      return pagesRead[data.url];
    }

    function variants(slots) {
      var queries = [slots.map(function (slot) { return slot.words; }).join(" ")];
      slots.forEach(function (slot, s) {
        slot.alts.slice(1, 3).forEach(function (keys) {
          queries.push(slots.map(function (other, o) { return o === s ? keys.join(" ") : other.words; }).join(" "));
        });
      });
      return queries.slice(0, 6);
    }

    /* The pages whose parts are ranked: first those where the query's words stand next to
       one another (Pagefind gives where each page's matching words are before its text is
       fetched), then by Pagefind's score. */
    function candidates(found, slots) {
      var wanted = slots.reduce(function (n, slot) { return n + slot.size; }, 0);
      found.forEach(function (result, index) {
        var places = (result.words || []).slice().sort(function (a, b) { return a - b; });
        var run = places.length ? 1 : 0, longest = run;
        for (var i = 1; i < places.length; i++) {
          run = places[i] === places[i - 1] + 1 ? run + 1 : places[i] === places[i - 1] ? run : 1;
          if (run > longest) { longest = run; }
        }
        result.together = Math.min(longest, wanted);
        result.rank = index;
      });
      return found.slice().sort(function (a, b) { return b.together - a.together || a.rank - b.rank; }).slice(0, PAGES);
    }

    function search(module, slots) {
      function union(queries) {
        return Promise.all(queries.map(function (q) { return module.search(q); })).then(function (answers) {
          var byId = {};
          answers.forEach(function (found) {
            (found && found.results || []).forEach(function (result) {
              if (!byId[result.id] || byId[result.id].score < result.score) { byId[result.id] = result; }
            });
          });
          return Object.keys(byId).map(function (id) { return byId[id]; }).sort(function (a, b) { return b.score - a.score; });
        });
      }
      return union(variants(slots)).then(function (found) {
        if (found.length || slots.length < 2) { return found; }
        var single = [];  /* no page has all the words: pages with any of them */
        slots.forEach(function (slot) {
          single.push(slot.words);
          slot.alts.slice(1, 2).forEach(function (keys) { single.push(keys.join(" ")); });
        });
        return union(single);
      });
    }

    start().then(function () { ready(port); }, function () { port.failed = true; ready(port); });

    var timer = null;
    return function (query) {
      var id = ++latest;
      window.clearTimeout(timer);
      var slots = parse(query);
      /* Not for each letter typed: the first letters would fetch the index's parts for the
         commonest words (90 KB and more on a large site) for results nobody wants. */
      if (!slots.length || port.failed || query.trim().length < MIN_TYPED) { answer(port, []); return; }
      timer = window.setTimeout(function () { run(id, slots); }, PAUSE);
    };

    function run(id, slots) {
      start().then(function (module) {
        return search(module, slots).then(function (found) {
          if (id !== latest) { return null; }
          return Promise.all(candidates(found, slots).map(function (result) { return result.data(); }));
        });
      }).then(function (pages) {
        if (!pages || id !== latest) { return; }
        var read_ = pages.map(read);
        var entries = [];
        read_.forEach(function (page, p) { page.entries.forEach(function (entry) { entry.order = p * 10000 + entries.length; entries.push(entry); }); });
        var byPath = {};
        read_.forEach(function (page) { byPath[page.path] = page; });
        answer(port, groups(rank(entries, slots), slots, function (path) { return byPath[path] || { title: path }; }));
      }).catch(function () {
        if (id === latest) { answer(port, []); }
      });
    }
  }

  /* Called by the loader in overrides/main.html with the stand-in for Material's worker
   * (``port``: it takes Material's messages and passes on the answers), the messages sent
   * before this file loaded, Material's worker's address and the browser's Worker. */
  window.plansiteSearch = function (port, queued, workerUrl, RealWorker, form) {
    var style = document.createElement("link");  /* how a result looks: only once searching */
    style.rel = "stylesheet";
    style.href = new URL("assets/stylesheets/plansite-search.css", siteRoot()).href;
    document.head.appendChild(style);
    var query = form.dataset.psMode === "pagefind" ? pagefind(port, form) : material(port, form, workerUrl, RealWorker);
    port.postMessage = function (message) {
      if (message && message.type === QUERY) { query(String(message.data || "")); }
    };
    queued.forEach(port.postMessage);
  };

  /* For tests: the ranking on its own. */
  window.plansiteSearch.rank = function (entries, query) {
    var slots = parse(query);
    return rank(entries.map(function (e, i) {
      return prepare({ location: e.location, kind: e.kind || "a", text: e.text, plainTitle: e.text.title || "" }, i);
    }), slots).map(function (item) { return item.entry.location; });
  };
  window.plansiteSearch.learn = learn;
})();
