// Clause search: the header box (a dropdown of top hits) and the search page (filters in the
// URL).  Pagefind holds one record per clause, indexed in Simplified as ASCII-spelt bigram
// tokens (generator/search.py); this file tokenises queries the same way.  Every request
// stays on the site's origin, and data is only ever inserted as text.
(function () {
  "use strict";

  // --- where things are -----------------------------------------------------------------
  // This file sits at <build root>/assets/crosswalk/search.js; the Traditional build lives
  // one folder below the site root (zh-Hant/), and the index is shared at <site root>/pagefind/.
  var SCRIPT = document.currentScript;
  var BUILD_ROOT = new URL("../../", SCRIPT.src);
  var HANT = document.documentElement.lang === "zh-Hant";
  var SITE_ROOT = HANT ? new URL("../", BUILD_ROOT) : BUILD_ROOT;
  var SUFFIX = HANT ? "_hant" : "";   // which meta fields to show: the page's own script

  // --- tokens: must match generator/search.py tokens() ----------------------------------
  var HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}";
  var RUN = /[\p{L}\p{N}]+/gu;
  var PIECE = new RegExp("[" + HAN + "]+|[^" + HAN + "]+", "gu");
  var HAN_RUN = new RegExp("^[" + HAN + "]+$", "u");

  function hanToken(chars) {
    var out = "";
    for (var i = 0; i < chars.length; i++) out += chars[i].codePointAt(0).toString(36).padStart(4, "0");
    return out;
  }

  function tokens(text) {
    var out = [];
    (text.normalize("NFKC").toLowerCase().match(RUN) || []).forEach(function (run) {
      run.match(PIECE).forEach(function (piece) {
        var chars = Array.from(piece);
        if (HAN_RUN.test(piece)) {
          if (chars.length === 1) out.push(hanToken(chars));
          for (var i = 0; i + 1 < chars.length; i++) out.push(hanToken(chars.slice(i, i + 2)));
        } else {
          out.push("z" + piece);
        }
      });
    });
    return out;
  }

  // --- query data: Traditional → Simplified character map (built by OpenCC) and the index's
  // most common tokens (generator/search.py query_data) --------------------------------------
  var queryData = null;
  function loadQueryData() {
    if (!queryData) {
      queryData = fetch(new URL("assets/crosswalk/search-query.json", SITE_ROOT)).then(function (r) { return r.json(); })
        .then(function (data) {
          var map = new Map(), pairs = Array.from(data.t2s);
          for (var i = 0; i + 1 < pairs.length; i += 2) map.set(pairs[i], pairs[i + 1]);
          var common = new Map();
          data.common.forEach(function (t, rank) { common.set(t, rank); });
          return { map: map, common: common };
        });
    }
    return queryData;
  }

  // One character in, one character out, so positions in the result match the input's.
  function simplifiedChars(text, map) {
    return Array.from(text).map(function (ch) { return map.get(ch) || ch; });
  }

  // --- queries ---------------------------------------------------------------------------
  // Quoted phrases ("…", “…”, 「…」) and the rest, split on spaces.  A query that is one
  // phrase is searched as a phrase (its bigrams in a row); otherwise every bigram of every
  // term must occur.  Pagefind cannot mix a phrase with other terms in one search.
  var QUOTED = /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』/g;

  // A term's tokens, less those too common to be worth fetching when it has rarer ones: the
  // rarer bigrams of a term pin it down almost as well, and the common ones are the largest
  // files of the index.  A term of only common tokens keeps its rarest.
  function plannedTokens(term, common) {
    var toks = tokens(term);
    var rare = toks.filter(function (t) { return !common.has(t); });
    if (rare.length || !toks.length) return rare;
    return [toks.reduce(function (a, b) { return common.get(a) >= common.get(b) ? a : b; })];
  }

  function parseQuery(raw, data) {
    var text = simplifiedChars(raw || "", data.map).join("");
    var phrases = [];
    var rest = text.replace(QUOTED, function (m, a, b, c, d) { phrases.push(a || b || c || d); return " "; });
    var words = rest.split(/\s+/).filter(function (w) { return tokens(w).length; });
    phrases = phrases.filter(function (p) { return tokens(p).length; });
    var all = phrases.concat(words);
    var query = null;
    if (phrases.length === 1 && words.length === 0) {
      query = '"' + tokens(phrases[0]).join(" ") + '"';   // a phrase: every bigram, in a row
    } else if (all.length) {
      var toks = [];
      all.forEach(function (t) { plannedTokens(t, data.common).forEach(function (k) { if (toks.indexOf(k) < 0) toks.push(k); }); });
      query = toks.join(" ");
    }
    return { terms: all, pagefind: query };
  }

  // --- Pagefind ------------------------------------------------------------------------
  var engine = null;
  function loadEngine() {
    if (!engine) {
      engine = Promise.all([import(new URL("pagefind/pagefind.js", SITE_ROOT).href), loadQueryData()])
        .then(function (loaded) {
          var pf = loaded[0];
          // baseUrl "/": hit URLs come back as "/" + the record's URL, which is relative to the
          // site root; hitUrl() resolves it against this build's root (Pagefind's default would
          // prefix the index's own folder).
          return pf.options({ baseUrl: "/", excerptLength: 0 }).then(function () { return pf.init(); })
            .then(function () { return { pf: pf, data: loaded[1], map: loaded[1].map }; });
        });
    }
    return engine;
  }

  // filters: {name: [values]} — any value within a filter, every filter.
  function pagefindFilters(filters) {
    var out = {};
    Object.keys(filters).forEach(function (k) { if (filters[k].length) out[k] = { any: filters[k] }; });
    return out;
  }

  function run(query, filters) {
    return loadEngine().then(function (e) {
      var q = parseQuery(query, e.data);
      if (!q.pagefind && !Object.keys(pagefindFilters(filters)).length) {
        // Nothing asked: no hits, and every filter value's count over the whole index.
        return e.pf.filters().then(function (all) {
          return { query: q, results: [], filters: all, total: 0, engine: e, empty: true };
        });
      }
      return e.pf.search(q.pagefind, { filters: pagefindFilters(filters) }).then(function (r) {
        return { query: q, results: r.results, filters: r.filters, total: r.results.length, engine: e,
                 empty: false };
      });
    });
  }

  // --- one hit, as DOM -----------------------------------------------------------------
  // What a hit shows, stored by the build as the UTF-8 bytes of a JSON object, each byte
  // spelt as a Braille pattern (U+2800 + byte) so that Pagefind does not index the words
  // (see pagefind_meta in generator/search.py).
  function shown(data) {
    if (!data.cwShown) {
      var spelt = data.meta.d || "";
      var bytes = new Uint8Array(spelt.length);  // one UTF-16 unit per pattern: all in the BMP
      for (var i = 0; i < spelt.length; i++) bytes[i] = spelt.charCodeAt(i) - 0x2800;
      data.cwShown = spelt ? JSON.parse(new TextDecoder().decode(bytes)) : {};
    }
    return data.cwShown;
  }

  function meta(data, key) {
    var fields = shown(data);
    return fields[key + SUFFIX] || fields[key] || "";
  }

  function hitUrl(data) {
    // Record URLs are relative to the site root; Pagefind prefixes them with "/".
    return new URL(data.url.replace(/^\//, ""), BUILD_ROOT).href;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  // Ranges [start, end) in the Simplified characters where the query's terms occur; a term
  // that does not occur whole (matched bigram by bigram) is marked by its bigrams.
  function matchRanges(chars, terms) {
    var hay = chars.join("").toLowerCase();
    var hayChars = Array.from(hay);
    var ranges = [];
    function mark(needle) {
      var n = Array.from(needle.toLowerCase());
      if (!n.length) return false;
      var found = false;
      for (var i = 0; i + n.length <= hayChars.length; i++) {
        var ok = true;
        for (var j = 0; j < n.length && ok; j++) ok = hayChars[i + j] === n[j];
        if (ok) { ranges.push([i, i + n.length]); found = true; }
      }
      return found;
    }
    terms.forEach(function (term) {
      var clean = (term.normalize("NFKC").match(RUN) || []).join("");
      if (!clean || mark(clean)) return;
      var cs = Array.from(clean);
      for (var i = 0; i + 1 < cs.length; i++) mark(cs[i] + cs[i + 1]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else merged.push(r.slice());
    });
    return merged;
  }

  // The text with its matches in <mark>, cut to `room` characters around the first match.
  function snippet(text, terms, map, room) {
    var shown = Array.from(text);
    var ranges = matchRanges(simplifiedChars(text, map), terms);
    var start = 0, end = shown.length;
    if (room && shown.length > room) {
      var first = ranges.length ? ranges[0][0] : 0;
      start = Math.max(0, Math.min(first - Math.floor(room / 4), shown.length - room));
      end = start + room;
    }
    var frag = document.createDocumentFragment();
    if (start > 0) frag.appendChild(document.createTextNode("…"));
    var pos = start;
    ranges.forEach(function (r) {
      var a = Math.max(r[0], start), b = Math.min(r[1], end);
      if (a >= b || a < pos) return;
      if (a > pos) frag.appendChild(document.createTextNode(shown.slice(pos, a).join("")));
      frag.appendChild(el("mark", null, shown.slice(a, b).join("")));
      pos = b;
    });
    if (pos < end) frag.appendChild(document.createTextNode(shown.slice(pos, end).join("")));
    if (end < shown.length) frag.appendChild(document.createTextNode("…"));
    return frag;
  }

  function hitNode(tag, data, terms, map, room) {
    var item = el(tag, "cw-hit");
    var link = el("a", "cw-hit__link");
    link.href = hitUrl(data);
    var head = el("span", "cw-hit__head");
    head.appendChild(el("span", "cw-hit__doc", "《" + meta(data, "doc") + "》"));
    head.appendChild(el("span", "cw-hit__label", meta(data, "label")));
    link.appendChild(head);
    var sub = el("span", "cw-hit__meta");
    sub.appendChild(el("span", "cw-hit__jurisdiction", meta(data, "jurisdiction")));
    sub.appendChild(el("span", "cw-hit__kind", meta(data, "kind")));
    link.appendChild(sub);
    var text = el("span", "cw-hit__text");
    text.appendChild(snippet(meta(data, "text"), terms, map, room));
    link.appendChild(text);
    item.appendChild(link);
    // documents/<doc>/#<id> → <doc>/<id>, the record's id in the data files.
    item.setAttribute("data-uid", data.url.replace(/^\/?documents\//, "").replace("/#", "/"));
    return item;
  }

  function countText(template, n) {
    return template.replace("#", String(n));
  }

  // --- the header box ---------------------------------------------------------------------
  var DROPDOWN_HITS = 8;

  function headerBox(form, page) {
    var input = form.querySelector(".cw-search__input");
    var list = form.querySelector(".cw-search__hits");
    var strings = form.dataset;
    var timer = null, seq = 0, active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }

    function select(i) {
      var items = list.querySelectorAll(".cw-hit");
      items.forEach(function (node, k) { node.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (items[i]) items[i].scrollIntoView({ block: "nearest" });
    }

    function show(query) {
      var mine = ++seq;
      if (!query.trim()) { close(); return; }
      run(query, {}).then(function (r) {
        if (mine !== seq) return null;
        return Promise.all(r.results.slice(0, DROPDOWN_HITS).map(function (x) { return x.data(); }))
          .then(function (datas) {
            if (mine !== seq) return;
            list.replaceChildren();
            datas.forEach(function (d) {
              var node = hitNode("div", d, r.query.terms, r.engine.map, 60);
              node.setAttribute("role", "option");
              list.appendChild(node);
            });
            var all = el("a", "cw-search__all",
                         r.total ? (r.total === 1 ? strings.one : countText(strings.other, r.total)) : strings.none);
            all.href = new URL("search/?q=" + encodeURIComponent(query), BUILD_ROOT).href;
            list.appendChild(all);
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
            active = -1;
          });
      });
    }

    input.addEventListener("focus", function () { loadEngine(); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      if (page) { timer = setTimeout(function () { page.setQuery(input.value); }, 200); return; }
      timer = setTimeout(function () { show(input.value); }, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (page || list.hidden) return;
      var items = list.querySelectorAll(".cw-hit");
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var n = items.length;
        if (n) select(event.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n);
      } else if (event.key === "Enter" && active >= 0 && items[active]) {
        event.preventDefault();
        location.href = items[active].querySelector("a").href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    form.addEventListener("submit", function (event) {
      if (page) { event.preventDefault(); clearTimeout(timer); page.setQuery(input.value); }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
    return input;
  }

  // --- the search page ----------------------------------------------------------------------
  var PAGE_HITS = 20;
  var FACET_SHOWN = 12;

  function searchPage(root) {
    var labels = JSON.parse(document.getElementById("cw-search-labels").textContent);
    var strings = JSON.parse(document.getElementById("cw-search-strings").textContent);
    var status = root.querySelector(".cw-results__status");
    var list = root.querySelector(".cw-results__list");
    var more = root.querySelector(".cw-results__more");
    var clear = root.querySelector(".cw-facets__clear");
    var facets = Array.from(root.querySelectorAll(".cw-facet"));
    var names = facets.map(function (f) { return f.dataset.filter; });
    var expanded = {};
    var state = readUrl();
    var seq = 0, current = null, shown = 0;

    function readUrl() {
      var params = new URLSearchParams(location.search);
      var filters = {};
      names.forEach(function (n) { filters[n] = params.getAll(n); });
      return { q: params.get("q") || "", filters: filters };
    }

    function writeUrl() {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      names.forEach(function (n) { state.filters[n].forEach(function (v) { params.append(n, v); }); });
      var search = params.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    function without(name) {
      var f = {};
      names.forEach(function (n) { f[n] = n === name ? [] : state.filters[n]; });
      return f;
    }

    // Counts per value: for a filter with a selection, as if that filter were not set (so
    // its other values show what choosing them would add); otherwise from this search.
    function counts(result) {
      var jobs = names.map(function (n) {
        if (!state.filters[n].length) return Promise.resolve(result.filters[n] || {});
        return run(state.q, without(n)).then(function (r) { return r.filters[n] || {}; });
      });
      return Promise.all(jobs);
    }

    function renderFacets(perFilter) {
      facets.forEach(function (facet, i) {
        var name = names[i], got = perFilter[i] || {}, chosen = state.filters[name];
        var ul = facet.querySelector(".cw-facet__values");
        ul.replaceChildren();
        var values = (labels[name] || []).filter(function (v) {
          return got[v.id] || chosen.indexOf(v.id) >= 0;
        });
        if (name !== "topic" && name !== "level" && name !== "year" && values.length > FACET_SHOWN) {
          values = values.slice().sort(function (a, b) { return (got[b.id] || 0) - (got[a.id] || 0); });
        }
        facet.hidden = !values.length;
        var limit = expanded[name] ? values.length : FACET_SHOWN;
        values.forEach(function (v, k) {
          var on = chosen.indexOf(v.id) >= 0;
          if (k >= limit && !on) return;
          var li = el("li", "cw-facet__value" + (v.depth ? " cw-depth-" + Math.min(v.depth, 3) : ""));
          var label = el("label");
          var box = el("input");
          box.type = "checkbox";
          box.checked = on;
          box.value = v.id;
          box.addEventListener("change", function () { toggle(name, v.id, box.checked); });
          label.appendChild(box);
          label.appendChild(el("span", "cw-facet__name", v.name));
          label.appendChild(el("span", "cw-facet__count", String(got[v.id] || 0)));
          li.appendChild(label);
          ul.appendChild(li);
        });
        if (values.length > FACET_SHOWN) {
          var toggleAll = el("button", "cw-facet__toggle",
                             expanded[name] ? strings.fewer : countText(strings.show_all, values.length));
          toggleAll.type = "button";
          toggleAll.addEventListener("click", function () { expanded[name] = !expanded[name]; renderFacets(perFilter); });
          var li2 = el("li");
          li2.appendChild(toggleAll);
          ul.appendChild(li2);
        }
      });
      clear.hidden = !names.some(function (n) { return state.filters[n].length; });
    }

    function toggle(name, value, on) {
      var list2 = state.filters[name].filter(function (v) { return v !== value; });
      if (on) list2.push(value);
      state.filters[name] = list2;
      refresh();
    }

    function showMore() {
      var mine = seq, r = current;
      var next = r.results.slice(shown, shown + PAGE_HITS);
      shown += next.length;
      more.hidden = shown >= r.results.length;
      return Promise.all(next.map(function (x) { return x.data(); })).then(function (datas) {
        if (mine !== seq) return;
        datas.forEach(function (d) { list.appendChild(hitNode("li", d, r.query.terms, r.engine.map, 160)); });
      });
    }

    // Pagefind counts filter values only once it has loaded the filter index, which a plain
    // search does not load: load it first (the dropdown needs no counts and skips this).
    var filtersLoaded = null;

    function refresh() {
      writeUrl();
      var mine = ++seq;
      status.textContent = strings.searching;
      filtersLoaded = filtersLoaded || loadEngine().then(function (e) { return e.pf.filters(); });
      return filtersLoaded.then(function () { return run(state.q, state.filters); }).then(function (r) {
        if (mine !== seq) return null;
        current = r;
        shown = 0;
        list.replaceChildren();
        if (r.empty) {
          status.textContent = strings.browse;
          more.hidden = true;
          renderFacets(names.map(function (n) { return r.filters[n] || {}; }));
          return null;
        }
        status.textContent = countText(strings.count, r.total);
        return Promise.all([showMore(), counts(r).then(function (c) { if (mine === seq) renderFacets(c); })]);
      });
    }

    more.addEventListener("click", showMore);
    clear.addEventListener("click", function () {
      names.forEach(function (n) { state.filters[n] = []; });
      refresh();
    });

    return {
      state: state,
      setQuery: function (q) { if (q !== state.q) { state.q = q; refresh(); } },
      refresh: refresh,
    };
  }

  // --- start ------------------------------------------------------------------------------
  function start() {
    var form = document.querySelector("form.cw-search");
    var root = document.getElementById("cw-search-page");
    var page = root ? searchPage(root) : null;
    if (form) {
      var input = headerBox(form, page);
      if (page) { input.value = page.state.q; page.refresh(); }
    }
  }

  // For tests and the benchmark: the same tokens and search the page uses.
  window.crosswalkSearch = { tokens: tokens, run: run, parseQuery: parseQuery, loadEngine: loadEngine };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
