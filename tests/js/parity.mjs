// Answers queries with the search modules over an index on disk, for tests/test_search_parity.py.
//
//   node tests/js/parity.mjs <index dir> <queries.json>
//
// queries.json: [{"q": "…", "filters": {facet: [ids]}}, …].  Prints one JSON object:
// {"answers": [{"hits": [record numbers], "counts": {facet: {id: count}}, "shown": [hit files
// of the first three hits]}], "files": [every index file read, once each]}.  The files come
// through the same fetch layer as in the browser; only fetch itself reads the disk.

import { readFile } from "node:fs/promises";

import { countedSet, facetCounts, facetList, rangesOf, run } from "../../theme/assets/crosswalk/search/query.js";
import { openIndex } from "./disk_index.mjs";

const [dir, queriesPath] = process.argv.slice(2);
if (!dir || !queriesPath) {
  console.error("usage: node tests/js/parity.mjs <index dir> <queries.json>");
  process.exit(2);
}
const files = new Set();
const engine = await openIndex(dir, (path) => files.add(path));
const queries = JSON.parse(await readFile(queriesPath, "utf8"));
const answers = [];
for (const { q, filters } of queries) {
  const r = await run(engine, q, filters);
  const counts = {};
  for (const f of engine.m.facets) {
    const set = countedSet(r, f.name);
    const numbers = await facetCounts(engine, f.name, set, f.scope === "record" ? rangesOf(r, set) : []);
    const named = await engine.names(f.name, Array.from(numbers.keys()));
    counts[f.name] = Object.fromEntries(Array.from(numbers, ([n, c]) => [named[n].id, c]));
  }
  // The page's own listing of the chosen facets' values (ordinal and names as the page uses them).
  for (const name of Object.keys(filters)) await facetList(r, name, filters[name], { tally: true, all: true });
  const shown = await engine.hitData(r.hits.subarray(0, 3));
  answers.push({ hits: Array.from(r.hits), counts, shown });
}
process.stdout.write(JSON.stringify({ answers, files: Array.from(files).sort() }));
