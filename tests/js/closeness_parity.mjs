// Ranks sentences with the desk's closeness code over an index on disk, for
// tests/test_closeness_parity.py, which ranks the same ones with generator/analysis/closeness.py.
//
//   node tests/js/closeness_parity.mjs <index dir> <sentences.json>
//
// sentences.json: [{text, phrase}]: phrase, if given, ranks the text as the search page ranks a
// phrase (listing "all"), this many clauses at most.
// Prints [{verdict, best, compared, hits: [{n, coverage, score, longest}]}, …], figures unrounded.

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
for (const { text, phrase } of JSON.parse(await readFile(path, "utf8"))) {
  // A phrase as the search page re-ranks hits (closequery.js): every clause sharing weight.
  const r = await rankSentence(engine, text, phrase ? { candidates: phrase, shown: phrase, listing: "all" } : {});
  out.push({ verdict: r.verdict, best: r.best, compared: r.compared,
             hits: r.hits.map((h) => ({ n: h.n, coverage: h.coverage, score: h.score, longest: h.longest })) });
}
process.stdout.write(JSON.stringify(out));
