// Ranks sentences with the desk's closeness code over an index on disk, for
// tests/test_closeness_parity.py, which ranks the same ones with generator/analysis/closeness.py.
//
//   node tests/js/closeness_parity.mjs <index dir> <sentences.json>
//
// Prints [{verdict, best, hits: [{n, coverage, score, longest}]}, …], figures unrounded.

import { readFile } from "node:fs/promises";

import { rankSentence } from "../../theme/assets/crosswalk/search/closeness.js";
import { openIndex } from "./disk_index.mjs";

const [dir, path] = process.argv.slice(2);
if (!dir || !path) {
  console.error("usage: node tests/js/closeness_parity.mjs <index dir> <sentences.json>");
  process.exit(2);
}
const engine = await openIndex(dir);
const out = [];
for (const sentence of JSON.parse(await readFile(path, "utf8"))) {
  const r = await rankSentence(engine, sentence);
  out.push({ verdict: r.verdict, best: r.best,
             hits: r.hits.map((h) => ({ n: h.n, coverage: h.coverage, score: h.score, longest: h.longest })) });
}
process.stdout.write(JSON.stringify(out));
