// A search-page query answered by closeness (closeness.js): a sentence pasted in, or a phrase
// listed 按相关度.  The result has the shape query.js's run gives (so that the facets count
// over it), plus `ranked`: the hits in closeness order with their marks.

import { parseQuery } from "./tokenizer.js";
import { run } from "./query.js";
import { rankSentence } from "./closeness.js";

export const SENTENCE_HITS = 30;   // a sentence lists this many of the closest clauses at most
export const PHRASE_HITS = 40;     // a phrase's exact hits re-ranked by relevance, at most

function membership(records, hits) {
  const out = new Uint8Array(records);
  for (const n of hits) out[n] = 1;
  return out;
}

// opts: {sentence (a sentence, not a phrase), hant}.
export async function closeRun(e, query, filters, opts) {
  const sentence = Boolean(opts && opts.sentence);
  // A sentence is looked for among the filters' records; a phrase among its exact hits.
  const exact = await run(e, sentence ? "" : query, filters);
  const active = Object.keys(exact.filterSets).length;
  const allowed = !sentence || active ? membership(e.m.records, exact.hits) : null;
  if (!sentence && !exact.hits.length) return exact;
  const limit = sentence ? SENTENCE_HITS : Math.min(PHRASE_HITS, exact.hits.length);
  const ranked = await rankSentence(e, query, { allowed, hant: opts && opts.hant, candidates: limit, shown: limit,
                                                listing: sentence ? "drafter" : "all" });
  // A phrase of boilerplate alone has nothing to rank by: its hits stay in level order.
  if (!sentence && !ranked.hits.length) return exact;
  const hits = Uint32Array.from(ranked.hits.map((h) => h.n)).sort();
  return { query: parseQuery(query, e.map), hits, base: hits, filterSets: exact.filterSets, engine: e, empty: false,
           ranked: ranked.hits };
}
