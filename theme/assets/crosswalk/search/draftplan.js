// A whole draft ranked on one fetch plan (起草助手): the first sentence's buckets first, so
// that its precedents are asked for before anything else, then every other sentence at once.
// The engine keeps each file it has asked for (index.js), so a bucket that several sentences
// need is fetched once, and the page's buckets travel side by side instead of one sentence
// after another.  Each sentence is ranked by closeness.js exactly as on its own: the plan
// changes when bytes are asked for, never which.

import { commonOf, fold, lookupTokens, rankSentence } from "./closeness.js";

// The sentences `texts` ranked (rankSentence's results, in order); `each(k, ranked)` hears
// sentence k as soon as it and every sentence before it are ranked.  `opts` as rankSentence's.
export async function rankDraft(engine, texts, opts, each) {
  const out = [];
  if (!texts.length) return out;
  const first = rankSentence(engine, texts[0], opts);
  first.catch(() => {});
  // Once its buckets are in, the first sentence asks for its precedents (its continuation
  // runs before this one) before the rest of the page's buckets queue up.
  const own = lookupTokens(fold(texts[0], engine.map), commonOf(engine));
  await Promise.all(own.map((t) => engine.postings(t))).catch(() => {});
  const rest = texts.slice(1).map((text) => rankSentence(engine, text, opts));
  for (const p of rest) p.catch(() => {});   // a failure is reported once, in order, below
  for (const [k, p] of [first, ...rest].entries()) {
    out.push(await p);
    if (each) each(k, out[k]);
  }
  return out;
}
