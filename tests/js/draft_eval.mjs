// Ranks draft sentences with the browser's closeness code over an index on disk, as the
// drafting desk lists them, for `crosswalk draft-eval` (generator/bench/draft_eval.py).
//
//   node tests/js/draft_eval.mjs <index dir> <drafts.json>
//
// drafts.json: ["…", …].  Prints [{verdict, hits: [{uid, coverage}], reference: [{uid,
// coverage}]}, …]: each draft ranked as the desk ranks one sentence (hits: what it lists;
// reference: the collapsed 仅供参考 list apart from it).

import { readFile } from "node:fs/promises";

import { rankSentence } from "../../theme/assets/crosswalk/search/closeness.js";
import { openIndex } from "./disk_index.mjs";

const [dir, draftsPath] = process.argv.slice(2);
if (!dir || !draftsPath) {
  console.error("usage: node tests/js/draft_eval.mjs <index dir> <drafts.json>");
  process.exit(2);
}
const engine = await openIndex(dir);
const drafts = JSON.parse(await readFile(draftsPath, "utf8"));
const uid = (h) => ({ uid: h.data.u.replace(/^documents\//, "").replace("/#", "/"), coverage: +h.coverage.toFixed(3) });
const out = [];
for (const draft of drafts) {
  const ranked = await rankSentence(engine, draft);
  out.push({ verdict: ranked.verdict, hits: ranked.hits.map(uid), reference: (ranked.reference || []).map(uid) });
}
process.stdout.write(JSON.stringify(out));
