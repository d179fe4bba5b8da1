// Ranks draft sentences with the browser's closeness code over an index on disk, for
// tests/test_draft_eval.py.
//
//   node tests/js/draft_eval.mjs <index dir> <drafts.json>
//
// drafts.json: ["…", …].  Prints [[record uid (doc/record), …] best first, …]: every draft
// ranked as one passage, as the search page ranks a pasted clause, ten clauses each.

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
const out = [];
for (const draft of drafts) {
  const ranked = await rankSentence(engine, draft, { shown: 10 });
  out.push(ranked.hits.map((h) => h.data.u.replace(/^documents\//, "").replace("/#", "/")));
}
process.stdout.write(JSON.stringify(out));
