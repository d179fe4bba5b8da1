// Clause search: the header box (a dropdown of top hits) and the search page (filters in the
// URL).  The index (generator/search_index.py) is static files under search-index/, fetched
// a few at a time: one bucket per query token, the files of the filters chosen, the hits on
// screen.  Every request stays on the site's origin, and data is only ever inserted as text.
(function () {
  "use strict";

  // --- where things are -----------------------------------------------------------------
  // This file sits at <build root>/assets/crosswalk/search.js; the Traditional build lives
  // one folder below the site root (zh-Hant/), and the index is shared at <site root>/search-index/.
  var SCRIPT = document.currentScript;
  var BUILD_ROOT = new URL("../../", SCRIPT.src);
  var HANT = document.documentElement.lang === "zh-Hant";
  var SITE_ROOT = HANT ? new URL("../", BUILD_ROOT) : BUILD_ROOT;
  var INDEX = new URL("search-index/", SITE_ROOT);
  var SUFFIX = HANT ? "_hant" : "";   // which fields to show: the page's own script
  // Counting topics, functions or units fetches one file per RANGE records that the result
  // touches; beyond this many the count waits for the reader to ask.
  var AUTO_RANGES = 6;

  // --- tokens: must match generator/search.py tokens() ----------------------------------
  var HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}";
  var RUN = /[\p{L}\p{N}]+/gu;
  var PIECE = new RegExp("[" + HAN + "]+|[^" + HAN + "]+", "gu");
  var HAN_RUN = new RegExp("^[" + HAN + "]+$", "u");

  function tokens(text) {
    var out = [];
    (text.normalize("NFKC").toLowerCase().match(RUN) || []).forEach(function (run) {
      run.match(PIECE).forEach(function (piece) {
        var chars = Array.from(piece);
        if (HAN_RUN.test(piece)) {
          for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
          if (chars.length === 1) out.push(piece);
        } else {
          out.push(piece);
        }
      });
    });
    return out;
  }

  // One character in, one character out, so positions in the result match the input's.
  function simplifiedChars(text, map) {
    return Array.from(text).map(function (ch) { return map.get(ch) || ch; });
  }

  // Quoted phrases ("…", “…”, 「…」) and the rest, split on spaces.  Every term must occur;
  // a term occurs when all its tokens do (see tokens() in generator/search.py).
  var QUOTED = /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』/g;

  function parseQuery(raw, map) {
    var text = simplifiedChars(raw || "", map).join("");
    var terms = [];
    var rest = text.replace(QUOTED, function (m, a, b, c, d) { terms.push(a || b || c || d); return " "; });
    terms = terms.concat(rest.split(/\s+/)).filter(function (t) { return tokens(t).length; });
    var toks = [];
    terms.forEach(function (t) { tokens(t).forEach(function (k) { if (toks.indexOf(k) < 0) toks.push(k); }); });
    return { terms: terms, tokens: toks };
  }

  // --- reading the index's files ---------------------------------------------------------
  function Reader(bytes, pos) { this.b = bytes; this.p = pos || 0; }
  Reader.prototype.varint = function () {
    var n = 0, mul = 1, byte;
    do { byte = this.b[this.p++]; n += (byte & 0x7f) * mul; mul *= 128; } while (byte >= 0x80);
    return n;
  };
  // A posting list (generator/search_index.py encode_list): gaps or a bitmap.
  Reader.prototype.list = function () {
    var kind = this.b[this.p++], out, i, n;
    if (kind === 0) {
      n = this.varint();
      out = new Uint32Array(n);
      for (var last = 0, k = 0; k < n; k++) { last += this.varint(); out[k] = last; }
      return out;
    }
    var base = this.varint(), size = this.varint(), values = [];
    for (i = 0; i < size; i++) {
      var byte = this.b[this.p + i];
      for (var bit = 0; byte; bit++, byte >>= 1) if (byte & 1) values.push(base + 8 * i + bit);
    }
    this.p += size;
    return Uint32Array.from(values);
  };
  Reader.prototype.skipList = function () {
    var kind = this.b[this.p++];
    if (kind === 0) { for (var n = this.varint(); n > 0; n--) this.varint(); return; }
    this.varint();
    var size = this.varint();   // read first: `p += varint()` would add to p as it was before
    this.p += size;
  };

  // FNV-1a over UTF-8, as bucket_of() in generator/search_index.py.
  var ENCODER = new TextEncoder();
  function bucketOf(token, buckets) {
    var h = 0x811c9dc5, bytes = ENCODER.encode(token);
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h % buckets;
  }

  var engine = null;
  function loadEngine() {
    if (!engine) {
      // The manifest is revalidated on every load; every other file carries its build's version.
      engine = fetch(new URL("manifest.json", INDEX), { cache: "no-cache" })
        .then(function (r) { if (!r.ok) throw new Error("search index: " + r.status); return r.json(); })
        .then(function (m) { return new Engine(m); });
    }
    return engine;
  }

  function Engine(manifest) {
    this.m = manifest;
    this.map = new Map();
    var pairs = Array.from(manifest.t2s);
    for (var i = 0; i + 1 < pairs.length; i += 2) this.map.set(pairs[i], pairs[i + 1]);
    this.facets = {};
    // The document-level facets, in the order docs.bin holds them.
    this.docFacets = [];
    var self = this;
    manifest.facets.forEach(function (f) {
      self.facets[f.name] = f;
      if (f.scope === "doc") self.docFacets.push(f.name);
    });
    this.files = new Map();
    this.docs = null;
  }

  Engine.prototype.url = function (path) {
    return new URL(path + "?v=" + this.m.version, INDEX).href;
  };
  // A file's bytes (null when it does not exist), fetched once.
  Engine.prototype.bytes = function (path) {
    if (!this.files.has(path)) {
      this.files.set(path, fetch(this.url(path)).then(function (r) {
        return r.ok ? r.arrayBuffer().then(function (b) { return new Uint8Array(b); }) : null;
      }));
    }
    return this.files.get(path);
  };
  Engine.prototype.json = function (path) {
    var key = "json:" + path;
    if (!this.files.has(key)) {
      this.files.set(key, fetch(this.url(path)).then(function (r) { return r.ok ? r.json() : null; }));
    }
    return this.files.get(key);
  };

  // The records holding a token: read from its bucket.
  Engine.prototype.postings = function (token) {
    return this.bytes("b/" + bucketOf(token, this.m.buckets) + ".bin").then(function (bytes) {
      var r = new Reader(bytes || new Uint8Array(0)), decoder = new TextDecoder();
      while (r.p < r.b.length) {
        var size = r.varint(), key = decoder.decode(r.b.subarray(r.p, r.p + size));
        r.p += size;
        if (key === token) return r.list();
        r.skipList();
      }
      return new Uint32Array(0);
    });
  };

  // Per document, its first record and its document-level facet values (value number + 1).
  Engine.prototype.loadDocs = function () {
    var self = this;
    if (!this.docs) {
      this.docs = this.bytes("docs.bin").then(function (bytes) {
        var r = new Reader(bytes), n = r.varint(), names = self.docFacets;
        var start = new Uint32Array(n + 1), values = {}, recordDoc = new Uint32Array(self.m.records);
        names.forEach(function (f) { values[f] = new Uint32Array(n); });
        for (var d = 0; d < n; d++) {
          var count = r.varint();
          start[d + 1] = start[d] + count;
          recordDoc.fill(d, start[d], start[d + 1]);
          names.forEach(function (f) { values[f][d] = r.varint(); });
        }
        return { start: start, values: values, recordDoc: recordDoc };
      });
    }
    return this.docs;
  };

  // A facet value's number from its id: the manifest has the first id of every names file.
  Engine.prototype.ordinal = function (facet, id) {
    var info = this.facets[facet], block = -1;
    if (!info) return Promise.resolve(-1);
    for (var i = 0; i < info.first.length && info.first[i] <= id; i++) block = i;
    if (block < 0) return Promise.resolve(-1);
    var size = this.m.block;
    return this.json("n/" + facet + "/" + block + ".json").then(function (names) {
      for (var k = 0; names && k < names.length; k++) if (names[k][0] === id) return block * size + k;
      return -1;
    });
  };

  // The records of one value of a record-level facet, from the pack of lists that holds it.
  Engine.prototype.valueList = function (facet, n) {
    var packs = this.facets[facet].packs, k = 0;
    while (k + 1 < packs.length && packs[k + 1] <= n) k++;
    return this.bytes("f/" + facet + "/" + k + ".bin").then(function (bytes) {
      var r = new Reader(bytes);
      for (var skip = n - packs[k]; skip > 0; skip--) r.skipList();
      return r.list();
    });
  };

  // Names of values by number: {number: {id, name, rank, depth}} in the page's script.
  Engine.prototype.names = function (facet, numbers) {
    var size = this.m.block, self = this, blocks = {};
    numbers.forEach(function (n) { blocks[Math.floor(n / size)] = true; });
    return Promise.all(Object.keys(blocks).map(function (b) {
      return self.json("n/" + facet + "/" + b + ".json").then(function (names) { return [Number(b), names || []]; });
    })).then(function (got) {
      var out = {};
      got.forEach(function (pair) {
        pair[1].forEach(function (v, k) {
          out[pair[0] * size + k] = { id: v[0], name: HANT ? v[2] : v[1], rank: v[3], depth: v[4] };
        });
      });
      return out;
    });
  };

  // --- sets of record numbers (sorted Uint32Arrays; null is every record) -------------------
  function intersect(a, b) {
    if (a === null) return b;
    if (b === null) return a;
    var out = new Uint32Array(Math.min(a.length, b.length)), i = 0, j = 0, n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out[n++] = a[i]; i++; j++; }
    }
    return out.subarray(0, n);
  }

  function union(lists) {
    var flags = new Set();
    lists.forEach(function (l) { l.forEach(function (v) { flags.add(v); }); });
    return Uint32Array.from(flags).sort();
  }

  // Every record, made once: what a search with no terms and no filters is counted over.
  Engine.prototype.every = function () {
    if (!this.all) {
      this.all = new Uint32Array(this.m.records);
      for (var i = 0; i < this.all.length; i++) this.all[i] = i;
    }
    return this.all;
  };

  // --- a search ----------------------------------------------------------------------------
  // filters: {facet: [value ids]} — any value within a facet, every facet.
  // Resolves to {query, hits (record numbers, in rank order), engine, filterSets, base}.
  function run(query, filters) {
    return loadEngine().then(function (e) {
      var q = parseQuery(query, e.map);
      var active = Object.keys(filters || {}).filter(function (f) { return filters[f].length && e.facets[f]; });
      var jobs = [Promise.all(q.tokens.map(function (t) { return e.postings(t); }))];
      jobs.push(Promise.all(active.map(function (f) { return filterSet(e, f, filters[f]); })));
      return Promise.all(jobs).then(function (got) {
        var base = null;
        got[0].sort(function (a, b) { return a.length - b.length; }).forEach(function (l) { base = intersect(base, l); });
        var sets = {};
        active.forEach(function (f, k) { sets[f] = got[1][k]; });
        var hits = base;
        active.forEach(function (f) { hits = intersect(hits, sets[f]); });
        var empty = !q.tokens.length && !active.length;
        return { query: q, hits: empty ? new Uint32Array(0) : hits || e.every(), base: base,
                 filterSets: sets, engine: e, empty: empty };
      });
    });
  }

  // The records having any of a facet's chosen values.
  function filterSet(e, facet, ids) {
    return Promise.all(ids.map(function (id) { return e.ordinal(facet, id); })).then(function (numbers) {
      numbers = numbers.filter(function (n) { return n >= 0; });
      if (e.facets[facet].scope === "record") {
        return Promise.all(numbers.map(function (n) { return e.valueList(facet, n); })).then(union);
      }
      return e.loadDocs().then(function (docs) {
        var wanted = new Set(numbers.map(function (n) { return n + 1; })), out = [];
        for (var d = 0; d + 1 < docs.start.length; d++) {
          if (wanted.has(docs.values[facet][d])) for (var r = docs.start[d]; r < docs.start[d + 1]; r++) out.push(r);
        }
        return Uint32Array.from(out);
      });
    });
  }

  // The records a facet's counts are taken over: the search with every other facet's filter.
  function countedSet(result, facet) {
    var set = result.base;
    Object.keys(result.filterSets).forEach(function (f) { if (f !== facet) set = intersect(set, result.filterSets[f]); });
    return set || result.engine.every();
  }

  // The range files counting a record-level facet over `set` would fetch.
  function rangesOf(result, set) {
    var size = result.engine.m.range, seen = new Set();
    set.forEach(function (r) { seen.add(Math.floor(r / size)); });
    return Array.from(seen).sort(function (a, b) { return a - b; });
  }

  // {value number: records} for one facet over `set` (its countedSet); a record-level facet
  // reads the range files `ranges` (rangesOf the set).
  function facetCounts(e, facet, set, ranges) {
    var counts = new Map();
    if (e.facets[facet].scope === "doc") {
      return e.loadDocs().then(function (docs) {
        var column = docs.values[facet];
        set.forEach(function (r) {
          var v = column[docs.recordDoc[r]];
          if (v) counts.set(v - 1, (counts.get(v - 1) || 0) + 1);
        });
        return counts;
      });
    }
    var member = new Uint8Array(e.m.records);
    set.forEach(function (r) { member[r] = 1; });
    return Promise.all(ranges.map(function (k) { return e.bytes("c/" + facet + "/" + k + ".bin"); }))
      .then(function (files) {
        files.forEach(function (bytes) {
          var r = new Reader(bytes);
          for (var n = r.varint(), value = 0; n > 0; n--) {
            value += r.varint();
            var list = r.list(), c = 0;
            for (var i = 0; i < list.length; i++) c += member[list[i]];
            if (c) counts.set(value, (counts.get(value) || 0) + c);
          }
        });
        return counts;
      });
  }

  // What the hits show: one small file each.
  function hitData(e, numbers) {
    var per = e.m.fragments;
    return Promise.all(Array.from(numbers, function (n) {
      return e.json("r/" + Math.floor(n / per) + "/" + n + ".json");
    }));
  }

  // --- one hit, as DOM -----------------------------------------------------------------
  function field(data, key) {
    return data.d[key + SUFFIX] || data.d[key] || "";
  }

  function hitUrl(data) {
    return new URL(data.u, BUILD_ROOT).href;   // record URLs are relative to the site root
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
    var hayChars = Array.from(chars.join("").toLowerCase());
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
    head.appendChild(el("span", "cw-hit__doc", "《" + field(data, "doc") + "》"));
    head.appendChild(el("span", "cw-hit__label", field(data, "label")));
    link.appendChild(head);
    var sub = el("span", "cw-hit__meta");
    sub.appendChild(el("span", "cw-hit__jurisdiction", field(data, "jurisdiction")));
    sub.appendChild(el("span", "cw-hit__kind", field(data, "kind")));
    link.appendChild(sub);
    var text = el("span", "cw-hit__text");
    text.appendChild(snippet(field(data, "text"), terms, map, room));
    link.appendChild(text);
    item.appendChild(link);
    // documents/<doc>/#<id> → <doc>/<id>, the record's id in the data files.
    item.setAttribute("data-uid", data.u.replace(/^documents\//, "").replace("/#", "/"));
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
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    // The options are the links themselves (a link inside an option would be a control
    // inside a control); the arrow keys move among them, the focus stays in the box.
    function options() { return list.querySelectorAll("[role=option]"); }

    function option(node, id) {
      node.setAttribute("role", "option");
      node.setAttribute("aria-selected", "false");
      node.tabIndex = -1;
      node.id = id;
      return node;
    }

    function select(i) {
      var items = options();
      items.forEach(function (node, k) { node.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (items[i]) {
        input.setAttribute("aria-activedescendant", items[i].id);
        items[i].scrollIntoView({ block: "nearest" });
      }
    }

    function show(query) {
      var mine = ++seq;
      if (!query.trim()) { close(); return; }
      run(query, {}).then(function (r) {
        if (mine !== seq) return null;
        return hitData(r.engine, r.hits.subarray(0, DROPDOWN_HITS)).then(function (datas) {
          if (mine !== seq) return;
          list.replaceChildren();
          datas.forEach(function (d, k) {
            var node = hitNode("div", d, r.query.terms, r.engine.map, 60);
            node.setAttribute("role", "none");
            option(node.querySelector("a"), "cw-search-option-" + k);
            list.appendChild(node);
          });
          var total = r.hits.length;
          var all = el("a", "cw-search__all", total ? (total === 1 ? strings.one : countText(strings.other, total)) : strings.none);
          all.href = new URL("search/?q=" + encodeURIComponent(query), BUILD_ROOT).href;
          list.appendChild(option(all, "cw-search-option-all"));
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
      var items = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var n = items.length;
        if (n) select(event.key === "ArrowDown" ? (active + 1) % n : (active - 1 + n) % n);
      } else if (event.key === "Enter" && active >= 0 && items[active]) {
        event.preventDefault();
        location.href = items[active].href;
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
  // Facets listed in their own order (the taxonomy, levels, years newest first); the others by count.
  var OWN_ORDER = { topic: true, level: true, year: true };

  // One facet's values to list for a search: {values: [{id, name, depth, rank, count}], total,
  // deferred}, the chosen ones always.  A topic, function or unit count over a result that
  // spreads over many range files waits for the reader to ask (opts.tally): until then it
  // is deferred, and lists only the chosen values.  opts.all lists every value, not the top
  // FACET_SHOWN.
  function facetList(r, name, chosen, opts) {
    var e = r.engine, info = e.facets[name];
    if (!info) return Promise.resolve({ values: [], total: 0, deferred: false });
    var set = countedSet(r, name), ranges = info.scope === "record" ? rangesOf(r, set) : [];
    var deferred = !opts.tally && ranges.length > AUTO_RANGES;
    return (deferred ? Promise.resolve(new Map()) : facetCounts(e, name, set, ranges)).then(function (counts) {
      var numbers = Array.from(counts.keys());
      var byCount = !OWN_ORDER[name] && numbers.length > FACET_SHOWN;
      if (byCount) {
        numbers.sort(function (a, b) { return counts.get(b) - counts.get(a) || a - b; });
        if (!opts.all) numbers = numbers.slice(0, FACET_SHOWN);
      }
      return Promise.all(chosen.map(function (id) { return e.ordinal(name, id); })).then(function (picked) {
        picked.forEach(function (n) { if (n >= 0 && numbers.indexOf(n) < 0) numbers.push(n); });
        return e.names(name, numbers).then(function (named) {
          var values = numbers.filter(function (n) { return named[n]; }).map(function (n) {
            var v = named[n];
            return { id: v.id, name: v.name, depth: v.depth, rank: v.rank, count: counts.get(n) || 0 };
          });
          if (!byCount) values.sort(function (a, b) { return a.rank - b.rank; });
          return { values: values, total: counts.size, deferred: deferred };
        });
      });
    });
  }

  function searchPage(root) {
    var strings = JSON.parse(document.getElementById("cw-search-strings").textContent);
    var status = root.querySelector(".cw-results__status");
    var list = root.querySelector(".cw-results__list");
    var more = root.querySelector(".cw-results__more");
    var clear = root.querySelector(".cw-facets__clear");
    var facets = Array.from(root.querySelectorAll(".cw-facet"));
    var names = facets.map(function (f) { return f.dataset.filter; });
    var fold = root.querySelector(".cw-facets-fold");
    var foldLabel = fold && fold.querySelector("summary");
    // On a phone the filters fold behind 筛选 so that the results come first.
    if (fold && window.matchMedia("(max-width: 44.9375em)").matches) fold.open = false;
    var expanded = {}, tallied = {};
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

    function facetValues(r, name) {
      return facetList(r, name, state.filters[name], { all: expanded[name], tally: tallied[name] });
    }

    function renderFacet(facet, name, got, r) {
      var ul = facet.querySelector(".cw-facet__values"), chosen = state.filters[name];
      ul.replaceChildren();
      if (got.deferred) {   // a record-level facet over a wide result: counted on request
        var tally = el("button", "cw-facet__toggle", strings.tally);
        tally.type = "button";
        tally.addEventListener("click", function () {
          tallied[name] = true;
          tally.disabled = true;
          facetValues(r, name).then(function (g) { renderFacet(facet, name, g, r); });
        });
        var li0 = el("li");
        li0.appendChild(tally);
        ul.appendChild(li0);
      }
      facet.hidden = !got.values.length && !got.deferred;
      var limit = expanded[name] ? Infinity : FACET_SHOWN;
      got.values.forEach(function (v, k) {
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
        label.appendChild(el("span", "cw-facet__count", got.deferred ? "–" : String(v.count)));
        li.appendChild(label);
        ul.appendChild(li);
      });
      if (got.total > FACET_SHOWN) {
        var toggleAll = el("button", "cw-facet__toggle",
                           expanded[name] ? strings.fewer : countText(strings.show_all, got.total));
        toggleAll.type = "button";
        toggleAll.addEventListener("click", function () {
          expanded[name] = !expanded[name];
          facetValues(r, name).then(function (g) { renderFacet(facet, name, g, r); });
        });
        var li2 = el("li");
        li2.appendChild(toggleAll);
        ul.appendChild(li2);
      }
    }

    function renderFacets(r, mine) {
      return Promise.all(names.map(function (n) { return facetValues(r, n); })).then(function (all) {
        if (mine !== seq) return;
        facets.forEach(function (facet, i) { renderFacet(facet, names[i], all[i], r); });
        clear.hidden = !names.some(function (n) { return state.filters[n].length; });
        var chosen = names.reduce(function (sum, n) { return sum + state.filters[n].length; }, 0);
        if (foldLabel) foldLabel.textContent = chosen ? countText(strings.chosen, chosen) : strings.filters;
      });
    }

    function toggle(name, value, on) {
      var list2 = state.filters[name].filter(function (v) { return v !== value; });
      if (on) list2.push(value);
      state.filters[name] = list2;
      refresh();
    }

    function showMore() {
      var mine = seq, r = current;
      var next = r.hits.subarray(shown, shown + PAGE_HITS);
      shown += next.length;
      more.hidden = shown >= r.hits.length;
      return hitData(r.engine, next).then(function (datas) {
        if (mine !== seq) return;
        datas.forEach(function (d) { list.appendChild(hitNode("li", d, r.query.terms, r.engine.map, 160)); });
      });
    }

    function refresh() {
      writeUrl();
      var mine = ++seq;
      status.textContent = strings.searching;
      tallied = {};
      return run(state.q, state.filters).then(function (r) {
        if (mine !== seq) return null;
        current = r;
        shown = 0;
        list.replaceChildren();
        more.hidden = true;
        status.textContent = r.empty ? strings.browse
          : r.hits.length ? countText(strings.count, r.hits.length) : strings.none;
        return Promise.all([r.empty ? null : showMore(), renderFacets(r, mine)]);
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

  // For tests and the benchmark: the same steps the page takes.
  window.crosswalkSearch = { tokens: tokens, run: run, loadEngine: loadEngine, hitData: hitData, facetList: facetList };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
