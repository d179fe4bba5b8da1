// Closeness of a draft sentence to the corpus's clauses (起草助手, and long queries on the
// search page).  Pure functions over texts and posting lists, and one driver (rankSentence)
// that reads the index through an Engine (index.js) only.  The specification is
// docs/closeness.md; generator/analysis/closeness.py is its Python twin (same steps, same
// constant names), held to this file by tests/test_closeness_parity.py.  Readers are told
// on the about page (#closeness); the common bigrams come from the manifest (search-format §2).
//
// 1. Fold: Traditional → Simplified (the manifest's t2s), NFKC (full/half width), lower case;
//    only letters and digits are kept, so script, width and punctuation do not matter.
// 2. Candidates: the sentence's Han bigrams, less the corpus's boilerplate (manifest.common),
//    each weighted by its rarity (ln(1 + records / records holding it)); a clause scores the
//    weight of the bigrams it holds.  Of the best CANDIDATES, only those that could still reach
//    FLOOR (reach: every bigram they may share, shared) have their text fetched.
// 3. Re-rank by shared runs: the longest common runs of characters between the draft and
//    the clause, taken longest first; each run counts the weight of its bigrams, more for a
//    long run (RUN_BONUS a character beyond two), over the sentence's whole weight.
// 4. List only what a drafter would cite (listing "drafter"): a clause that covers at least
//    FLOOR of the sentence's weight, in substance (SUBSTANCE_RUNS separate shared runs, one of
//    SUBSTANCE_RUN characters, or WELL of it: one shared everyday word is not a precedent), and at least
//    RELATIVE of what the closest clause covers; in the order of the coverage shown (相近度).
//    A sentence with nothing listed is 新表述.  Listing "all" (a phrase on the search page)
//    keeps every clause sharing any weight, in the same order.

import { HAN } from "./tokenizer.js";

export const CANDIDATES = 8;      // clauses considered per sentence (fetched if they can reach FLOOR)
export const SHOWN = 5;           // clauses listed per sentence
export const RUN_BONUS = 0.125;   // a shared run of n characters weighs 1 + (n − 2) × this per bigram
export const MIN_RUN = 2;
// The verdict on a sentence with precedents, from how much of its weight the best clause covers.
export const WELL = 0.5;
// A clause that shares less than this of the sentence's weight is not a precedent
// (tuned on the tuning half of tests/draft_eval.yaml; `crosswalk draft-eval`).
export const FLOOR = 0.13;
// … nor one that shares its weight in fewer than SUBSTANCE_RUNS runs, unless one of them
// is SUBSTANCE_RUN characters long or they cover WELL of the sentence (符合条件的 alone, 倡导文明
// and 及时, are not substance; 试探 in a sentence that is 试探 is) …
export const SUBSTANCE_RUNS = 3, SUBSTANCE_RUN = 6;
// … nor one that covers less than this share of what the closest clause covers.
export const RELATIVE = 0.5;
// ln(1 + 1 / 0.05) / 2: half the weight of a bigram in 5 % of records (the writer's share for common).
export const MIN_DENSITY = 1.5;
// Past this many folded characters a query is a sentence, not a phrase (search page).
export const SENTENCE_CHARS = 10;

const HAN_CHAR = new RegExp("^[" + HAN + "]$", "u");
const KEEP = /^[\p{L}\p{N}]$/u;
const STOPS = /[。！？；;!?\n\r]+/u;

// {chars, at, cut}: the folded characters, each one's position (in code points) in `text`,
// and whether a separator (punctuation, space) came before it.
export function fold(text, map) {
  const chars = [], at = [], cut = [];
  let gap = false;
  Array.from(text || "").forEach((ch, i) => {
    const simple = map && map.get(ch) || ch;
    let any = false;
    for (const c of Array.from(simple.normalize("NFKC").toLowerCase())) {
      if (!KEEP.test(c)) continue;
      chars.push(c);
      at.push(i);
      cut.push(gap);
      gap = false;
      any = true;
    }
    if (!any) gap = true;
  });
  return { chars, at, cut };
}

export function isHan(ch) {
  return HAN_CHAR.test(ch);
}

// The draft's sentences: [{text, start, end}] (code point offsets), cut at 。！？；, line
// breaks and their ASCII forms; a piece with no letters is dropped.
export function sentences(text) {
  const out = [];
  const cps = Array.from(text || "");
  let start = 0;
  const flush = (end) => {
    const piece = cps.slice(start, end).join("");
    const lead = piece.length - piece.trimStart().length;
    const body = piece.trim();
    if (/[\p{L}\p{N}]/u.test(body)) {
      const s = start + Array.from(piece.slice(0, lead)).length;
      out.push({ text: body, start: s, end: s + Array.from(body).length });
    }
  };
  cps.forEach((ch, i) => {
    if (STOPS.test(ch)) {
      // The stop belongs to its sentence: 。 closes it.
      const end = i + 1;
      flush(end);
      start = end;
    }
  });
  if (start < cps.length) flush(cps.length);
  return out;
}

// Per bigram of the folded text (position i: chars i, i+1): 1 if common, SEAM if the seam
// between two common ones (步加 in 进一步加强, 强各 in 加强各级), else 0.  A seam is rarer
// than the words it joins, but boilerplate words meet in many orders: it counts for less.
export const SEAM = 0.5;
export function boilerplate(folded, common) {
  const { chars } = folded;
  const n = Math.max(0, chars.length - 1);
  const isCommon = [];
  for (let i = 0; i < n; i++) isCommon.push(common.has(chars[i] + chars[i + 1]));
  return isCommon.map((c, i) => (c ? 1 : i > 0 && i + 1 < n && isCommon[i - 1] && isCommon[i + 1] ? SEAM : 0));
}

// The index tokens to look up: distinct Han bigrams within a run (not across a separator,
// as the index makes them), less the boilerplate ones.
export function lookupTokens(folded, common) {
  const out = [];
  const { chars, cut } = folded;
  const boiler = boilerplate(folded, common);
  for (let i = 0; i + 1 < chars.length; i++) {
    if (cut[i + 1] || !isHan(chars[i]) || !isHan(chars[i + 1]) || boiler[i] === 1) continue;
    const t = chars[i] + chars[i + 1];
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

// A token's weight from how many records hold it: rare wording counts, boilerplate does not.
export function weightOf(df, records) {
  return df > 0 ? Math.log(1 + records / df) : Math.log(1 + records);
}

// The weight of each bigram of the folded sentence (position i: chars i, i+1): a common
// (or seam, see boilerplate) bigram 0, a looked-up one its weight, one across a separator or with a non-Han character
// the mean of the others (its rarity is unknown; it still counts as shared wording).
export function bigramWeights(folded, weights, common) {
  const { chars } = folded;
  const known = Array.from(weights.values());
  const mean = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  const boiler = boilerplate(folded, common);
  const out = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const t = chars[i] + chars[i + 1];
    out.push((1 - boiler[i]) * (weights.has(t) ? weights.get(t) : mean));
  }
  return out;
}

// The best `limit` records by the weight of the tokens they hold: [{n, score}], best first,
// ties in record order (the index's order: level, jurisdiction, year).  `lists`: [[token
// weight, Uint32Array]]; `allowed`: a Uint8Array over records, or null for all.
export function candidates(lists, records, allowed, limit) {
  const score = new Float64Array(records);
  const touched = [];
  for (const [w, list] of lists) {
    for (let k = 0; k < list.length; k++) {
      const n = list[k];
      if (allowed && !allowed[n]) continue;
      if (score[n] === 0) touched.push(n);
      score[n] += w;
    }
  }
  touched.sort((a, b) => score[b] - score[a] || a - b);
  return touched.slice(0, limit).map((n) => ({ n, score: score[n] }));
}

// Whether a sorted list of record numbers holds `n`.
function holds(list, n) {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < n) lo = mid + 1; else hi = mid;
  }
  return lo < list.length && list[lo] === n;
}

// The most of the sentence's weight record `n` could cover, from the postings alone: every
// bigram it may share counted as shared (a looked-up one if `n` holds it, any other one
// always), over the sentence's weight as closeness measures it.  `lists`: token → records.
// Shared runs cover each bigram of the sentence at most once, so a clause's coverage exceeds
// its reach only where it shares a looked-up bigram the index does not give it (across its
// own punctuation); the rule that drops it is therefore part of the specification (§3).
export function reach(folded, weights, lists, n) {
  const { chars } = folded;
  let most = 0;
  for (let i = 0; i < weights.length; i++) {
    const list = lists.get(chars[i] + chars[i + 1]);
    if (!list || holds(list, n)) most += weights[i];
  }
  const whole = total(weights);
  return whole ? most / whole : 0;
}

// A sentence's weight: its bigrams' weights, but at least MIN_DENSITY a bigram (see closeness).
function total(weights) {
  return Math.max(weights.reduce((a, b) => a + b, 0), MIN_DENSITY * weights.length);
}

// Shared runs of at least `min` characters between two character arrays, longest first,
// none overlapping another on `a`'s side: [{a: [start, end), b: [start, end)}].
export function sharedRuns(a, b, min) {
  min = min || MIN_RUN;
  const m = a.length, n = b.length, found = [];
  let prev = new Uint16Array(n + 1), row = new Uint16Array(n + 1);
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : 0;
    // A diagonal that does not go on: a maximal run ends at (i, j).
    for (let j = 1; j <= n; j++) {
      const len = row[j];
      if (len >= min && !(i < m && j < n && a[i] === b[j])) found.push([len, i - len, j - len]);
    }
    [prev, row] = [row, prev];
  }
  found.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const taken = new Uint8Array(m), out = [];
  for (const [len, i, j] of found) {
    // The longest stretch of this run that `a` has not yet given to a longer one.
    let best = [0, 0];
    for (let s = i; s < i + len;) {
      if (taken[s]) { s++; continue; }
      let e = s;
      while (e < i + len && !taken[e]) e++;
      if (e - s > best[1] - best[0]) best = [s, e];
      s = e;
    }
    if (best[1] - best[0] < min) continue;
    for (let s = best[0]; s < best[1]; s++) taken[s] = 1;
    out.push({ a: best, b: [j + best[0] - i, j + best[1] - i] });
  }
  return out;
}

// How close a clause is: {score, coverage, longest}.  `weights`: bigramWeights of the
// sentence.  coverage is the share of the sentence's weight that shared runs cover; score
// adds the bonus of long runs; longest is the longest run with any weight.
// `runs` is those of the runs that carry weight: a run of boilerplate alone (社区, 依法) is
// neither counted nor marked.
export function closeness(runs, weights) {
  // A sentence made mostly of boilerplate has little weight; measured against that alone,
  // a clause sharing its one rare seam would cover it all.  So a sentence weighs at least
  // MIN_DENSITY a bigram: about half of what the least rare non-common bigram weighs.
  const whole = total(weights);
  let covered = 0, bonus = 0, longest = 0;
  const kept = [];
  for (const r of runs) {
    let w = 0;
    for (let i = r.a[0]; i + 1 < r.a[1]; i++) w += weights[i];
    if (!(w > 0)) continue;
    const len = r.a[1] - r.a[0];
    kept.push(r);
    covered += w;
    bonus += w * RUN_BONUS * (len - 2);
    if (len > longest) longest = len;
  }
  if (!whole) return { score: 0, coverage: 0, longest, runs: kept };
  return { score: (covered + bonus) / whole, coverage: covered / whole, longest, runs: kept };
}

// Pieces (as `marked` gives them) shortened for a list: unmarked text longer than `context`
// characters on either side of a mark is cut to "…"; with no mark at all, the start.
export function excerpt(pieces, context) {
  const room = context || 30, last = pieces.length - 1, out = [];
  if (!pieces.some((p) => p.mark)) {
    const cps = Array.from(pieces.map((p) => p.text).join(""));
    return [{ text: cps.length > 2 * room ? cps.slice(0, 2 * room).join("") + "…" : cps.join(""), mark: false }];
  }
  pieces.forEach((p, k) => {
    const cps = Array.from(p.text);
    if (p.mark || cps.length <= room) { out.push(p); return; }
    let text;
    if (k === 0) text = "…" + cps.slice(-room).join("");
    else if (k === last) text = cps.slice(0, room).join("") + "…";
    else if (cps.length > 2 * room + 1) text = cps.slice(0, room).join("") + "…" + cps.slice(-room).join("");
    else text = p.text;
    out.push({ text, mark: false });
  });
  return out;
}

// Character ranges [start, end) in the original text from folded ranges (runs' sides).
export function toText(ranges, at) {
  return merge(ranges.map(([s, e]) => [at[s], at[e - 1] + 1]));
}

// Ranges sorted, overlapping ones joined (touching ones stay apart: two runs of the draft
// that meet in the clause are two marks, each of them wording of the draft).
export function merge(ranges) {
  const out = ranges.map((r) => r.slice()).sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

// Pieces [{text, mark}] of `text` with `ranges` (code point offsets) marked.
export function marked(text, ranges) {
  const cps = Array.from(text), out = [];
  let pos = 0;
  for (const [a, b] of ranges) {
    if (a > pos) out.push({ text: cps.slice(pos, a).join(""), mark: false });
    out.push({ text: cps.slice(Math.max(a, pos), b).join(""), mark: true });
    pos = Math.max(pos, b);
  }
  if (pos < cps.length) out.push({ text: cps.slice(pos).join(""), mark: false });
  return out.filter((p) => p.text);
}

// A sentence with nothing listed is new wording; otherwise how much the closest clause covers.
export function verdict(best, listedCount) {
  return !listedCount ? "new" : best >= WELL ? "well" : "partly";
}

// Whether a search-box query is a sentence (ranked by closeness) rather than a phrase.
export function isSentence(query, map) {
  if (/["“”「」『』]/.test(query || "")) return false;
  return fold(query, map).chars.length >= SENTENCE_CHARS;
}

// The common bigrams of an index, as a Set (made once per engine).
export function commonOf(engine) {
  if (!engine.commonSet) engine.commonSet = new Set(engine.m.common || []);
  return engine.commonSet;
}

// One sentence ranked against the index: {text, folded, hits: [{n, data, score, coverage,
// longest, draft: ranges in the sentence, clause: ranges in the shown text}], best, verdict,
// covered: ranges of the sentence that some listed clause shares, compared: the candidates
// whose text was fetched and compared}.  opts: {allowed,
// hant (which script's text is shown and matched), candidates, shown}.
export async function rankSentence(engine, text, opts) {
  opts = opts || {};
  const common = commonOf(engine), records = engine.m.records;
  const folded = fold(text, engine.map);
  const toks = lookupTokens(folded, common);
  const lists = await Promise.all(toks.map((t) => engine.postings(t)));
  const weights = new Map(toks.map((t, k) => [t, weightOf(lists[k].length, records)]));
  const bw = bigramWeights(folded, weights, common);
  let found = candidates(toks.map((t, k) => [weights.get(t), lists[k]]), records, opts.allowed || null,
                         opts.candidates || CANDIDATES);
  const listing = opts.listing || "drafter";
  if (listing === "drafter") {
    // A clause that cannot reach FLOOR is never listed: its text is not fetched.
    const byToken = new Map(toks.map((t, k) => [t, lists[k]]));
    found = found.filter((c) => reach(folded, bw, byToken, c.n) >= FLOOR);
  }
  const datas = await engine.hitData(found.map((c) => c.n));
  const key = opts.hant ? "text_hant" : "text";
  let hits = found.map((c, k) => {
    const data = datas[k], shown = data.d[key] || data.d.text || "";
    const theirs = fold(shown, engine.map);
    const runs = sharedRuns(folded.chars, theirs.chars);
    const close = closeness(runs, bw);
    return { n: c.n, data, score: close.score, coverage: close.coverage, longest: close.longest, runs: close.runs.length,
             size: theirs.chars.length,
             draft: toText(close.runs.map((r) => r.a), folded.at), clause: toText(close.runs.map((r) => r.b), theirs.at) };
  });
  hits = listed(hits, listing).slice(0, opts.shown || SHOWN);
  const best = hits.length ? hits[0].coverage : 0;
  return { text, hits, best, verdict: verdict(best, hits.length), covered: merge(hits.flatMap((h) => h.draft)),
           compared: found.map((c) => c.n) };
}

// The hits worth listing (see 4. above), in the order of the coverage shown; equal coverage
// (a phrase every hit holds whole): more of it in long runs, then the shorter clause.
export function listed(hits, listing) {
  const order = (x, y) => y.coverage - x.coverage || y.score - x.score || y.longest - x.longest || x.size - y.size || x.n - y.n;
  if (listing === "all") return hits.filter((h) => h.coverage > 0).sort(order);
  // Substance: several shared runs, or a long one, or most of a short sentence (试探 in 试探).
  const kept = hits.filter((h) => h.coverage >= FLOOR &&
    (h.runs >= SUBSTANCE_RUNS || h.longest >= SUBSTANCE_RUN || h.coverage >= WELL)).sort(order);
  return kept.filter((h) => h.coverage >= RELATIVE * kept[0].coverage);
}

// The jurisdictions that said most of a draft: per jurisdiction, the sum over sentences of
// its best clause's coverage; [{name, score, sentences}], most first.
export function jurisdictionsOf(ranked, hant, limit) {
  const by = new Map();
  ranked.forEach((s) => {
    const seen = new Map();
    for (const h of s.hits) {
      const name = (hant && h.data.d.jurisdiction_hant) || h.data.d.jurisdiction || "";
      seen.set(name, Math.max(seen.get(name) || 0, h.coverage));
    }
    for (const [name, c] of seen) {
      const got = by.get(name) || { name, score: 0, sentences: 0 };
      got.score += c;
      got.sentences += 1;
      by.set(name, got);
    }
  });
  return Array.from(by.values()).sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1)).slice(0, limit || 5);
}
