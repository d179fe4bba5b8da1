// A search over an Engine (index.js): the query's tokens, the filters, and the counts of
// every facet's values (docs/search-format.md §11).  Sets of records are sorted
// Uint32Arrays; null stands for every record.

import { parseQuery } from "./tokenizer.js";

// Counting topics, functions or units fetches one file per `range` records that the result
// touches; beyond this many the count waits for the reader to ask.
export const AUTO_RANGES = 6;
export const FACET_SHOWN = 12;
// Facets listed in their own order (the taxonomy, levels, years newest first); the others by count.
const OWN_ORDER = { topic: true, level: true, year: true };

export function intersect(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0, j = 0, n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else { out[n++] = a[i]; i++; j++; }
  }
  return out.subarray(0, n);
}

export function union(lists) {
  const seen = new Set();
  for (const l of lists) for (const v of l) seen.add(v);
  return Uint32Array.from(seen).sort();
}

// filters: {facet: [value ids]}, any value within a facet, every facet.
// Resolves to {query, hits (record numbers, in rank order), base, filterSets, engine, empty}.
export function run(e, query, filters) {
  const q = parseQuery(query, e.map);
  const active = Object.keys(filters || {}).filter((f) => filters[f].length && e.facets[f]);
  return Promise.all([
    Promise.all(q.tokens.map((t) => e.postings(t))),
    Promise.all(active.map((f) => filterSet(e, f, filters[f]))),
  ]).then(([lists, chosen]) => {
    let base = null;
    // Shortest first: every later intersection is at most that long.
    lists.sort((a, b) => a.length - b.length).forEach((l) => { base = intersect(base, l); });
    const sets = {};
    active.forEach((f, k) => { sets[f] = chosen[k]; });
    let hits = base;
    for (const f of active) hits = intersect(hits, sets[f]);
    const empty = !q.tokens.length && !active.length;
    return { query: q, hits: empty ? new Uint32Array(0) : hits || e.every(), base, filterSets: sets, engine: e, empty };
  });
}

// The records having any of a facet's chosen values.
export function filterSet(e, facet, ids) {
  return Promise.all(ids.map((id) => e.ordinal(facet, id))).then((numbers) => {
    numbers = numbers.filter((n) => n >= 0);
    if (e.facets[facet].scope === "record") {
      return Promise.all(numbers.map((n) => e.valueList(facet, n))).then(union);
    }
    return e.loadDocs().then((docs) => {
      const wanted = new Set(numbers.map((n) => n + 1)), out = [];
      for (let d = 0; d + 1 < docs.start.length; d++) {
        if (wanted.has(docs.values[facet][d])) for (let r = docs.start[d]; r < docs.start[d + 1]; r++) out.push(r);
      }
      return Uint32Array.from(out);
    });
  });
}

// The records a facet's counts are taken over: the search with every other facet's filter.
export function countedSet(result, facet) {
  let set = result.base;
  for (const f of Object.keys(result.filterSets)) if (f !== facet) set = intersect(set, result.filterSets[f]);
  return set || result.engine.every();
}

// The range files counting a record-level facet over `set` would fetch.
export function rangesOf(result, set) {
  const size = result.engine.m.range, seen = new Set();
  for (const r of set) seen.add(Math.floor(r / size));
  return Array.from(seen).sort((a, b) => a - b);
}

// {value number: records} (a Map) for one facet over `set` (its countedSet); a
// record-level facet reads the range files `ranges` (rangesOf the set).
export function facetCounts(e, facet, set, ranges) {
  const counts = new Map();
  const add = (v, c) => counts.set(v, (counts.get(v) || 0) + c);
  if (e.facets[facet].scope === "doc") {
    return e.loadDocs().then((docs) => {
      const column = docs.values[facet];
      for (const r of set) {
        const v = column[docs.recordDoc[r]];
        if (v) add(v - 1, 1);
      }
      return counts;
    });
  }
  const member = new Uint8Array(e.m.records);
  for (const r of set) member[r] = 1;
  return Promise.all(ranges.map((k) => e.rangeFile(facet, k))).then((files) => {
    for (const values of files) {
      for (const [value, list] of values) {
        let c = 0;
        for (let i = 0; i < list.length; i++) c += member[list[i]];
        if (c) add(value, c);
      }
    }
    return counts;
  });
}

// One facet's values to list for a search: {values: [{id, name, depth, rank, count}], total,
// deferred}, the chosen ones always.  A topic, function or unit count over a result that
// spreads over many range files waits for the reader to ask (opts.tally): until then it
// is deferred, and lists only the chosen values.  opts.all lists every value, not the top
// FACET_SHOWN.
export function facetList(r, name, chosen, opts) {
  const e = r.engine, info = e.facets[name];
  opts = opts || {};
  if (!info) return Promise.resolve({ values: [], total: 0, deferred: false });
  const set = countedSet(r, name), ranges = info.scope === "record" ? rangesOf(r, set) : [];
  const deferred = !opts.tally && ranges.length > AUTO_RANGES;
  return (deferred ? Promise.resolve(new Map()) : facetCounts(e, name, set, ranges)).then((counts) => {
    let numbers = Array.from(counts.keys());
    const byCount = !OWN_ORDER[name] && numbers.length > FACET_SHOWN;
    if (byCount) {
      numbers.sort((a, b) => counts.get(b) - counts.get(a) || a - b);
      if (!opts.all) numbers = numbers.slice(0, FACET_SHOWN);
    }
    return Promise.all(chosen.map((id) => e.ordinal(name, id))).then((picked) => {
      for (const n of picked) if (n >= 0 && !numbers.includes(n)) numbers.push(n);
      return e.names(name, numbers).then((named) => {
        const values = numbers.filter((n) => named[n]).map((n) => {
          const v = named[n];
          return { id: v.id, name: v.name, depth: v.depth, rank: v.rank, count: counts.get(n) || 0 };
        });
        if (!byCount) values.sort((a, b) => a.rank - b.rank);
        return { values, total: counts.size, deferred };
      });
    });
  });
}
