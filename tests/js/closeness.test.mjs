// closeness.js: folding, sentences, candidates, shared runs, scores, and one sentence ranked
// over a small engine made in memory.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  bigramWeights, boilerplate, candidates, closeness, excerpt, fold, isSentence, jurisdictionsOf, lookupTokens, marked, merge,
  rankSentence, reach, sentences, sharedRuns, toText, verdict, weightOf, listed, FLOOR, RELATIVE, SUBSTANCE_RUN,
} from "../../theme/assets/crosswalk/search/closeness.js";
import { charMap } from "../../theme/assets/crosswalk/search/tokenizer.js";

const u32 = (a) => Uint32Array.from(a);
const MAP = charMap("區区隨随費费轉转項项準准給给");

test("fold: script, width, case and punctuation do not matter; positions point into the text", () => {
  const f = fold("費隨事轉，ＡＢ１２", MAP);
  assert.equal(f.chars.join(""), "费随事转ab12");
  assert.deepEqual(f.at, [0, 1, 2, 3, 5, 6, 7, 8]);
  assert.deepEqual(f.cut.map(Number), [0, 0, 0, 0, 1, 0, 0, 0]);   // a separator before ａ
  assert.deepEqual(fold("。，", MAP).chars, []);
});

test("sentences: cut after 。！？； and line breaks, offsets in code points, empty pieces dropped", () => {
  const got = sentences("第一句。 第二句！\n\n第三句；𠀀第四");
  assert.deepEqual(got.map((s) => s.text), ["第一句。", "第二句！", "第三句；", "𠀀第四"]);
  assert.deepEqual(got.map((s) => [s.start, s.end]), [[0, 4], [5, 9], [11, 15], [15, 18]]);
  assert.deepEqual(sentences("。。\n"), []);
  assert.deepEqual(sentences(""), []);
});

test("lookup tokens: Han bigrams within a run, distinct, less the common ones", () => {
  const f = fold("加强社区，社区准入准入", MAP);
  assert.deepEqual(lookupTokens(f, new Set(["加强", "社区"])), ["强社", "区准", "准入", "入准"]);
  assert.deepEqual(lookupTokens(fold("ab 12", MAP), new Set()), []);
});

test("weights: rarer is heavier; a common bigram weighs nothing; an unknown one the mean", () => {
  assert.ok(weightOf(1, 1000) > weightOf(10, 1000) && weightOf(10, 1000) > weightOf(1000, 1000));
  const f = fold("加强准入，事项", MAP);
  const w = bigramWeights(f, new Map([["准入", 4], ["事项", 2]]), new Set(["加强"]));
  assert.deepEqual(w, [0, 3, 4, 3, 2]);   // 加强, 强准 (mean), 准入, 入事 (across the comma: mean), 事项
});

test("candidates: weight of the tokens held, best first, ties in record order, filters respected", () => {
  const lists = [[2, u32([1, 3, 5])], [1, u32([3, 4])], [0.5, u32([0, 1])]];
  assert.deepEqual(candidates(lists, 6, null, 3), [{ n: 3, score: 3 }, { n: 1, score: 2.5 }, { n: 5, score: 2 }]);
  const allowed = Uint8Array.from([1, 1, 0, 0, 1, 0]);
  assert.deepEqual(candidates(lists, 6, allowed, 5).map((c) => c.n), [1, 4, 0]);
  assert.deepEqual(candidates([], 6, null, 5), []);
});

test("shared runs: longest first, no character of the draft counted twice, shorter than 2 ignored", () => {
  const a = Array.from("建立社区工作事项准入制度和清单");
  const b = Array.from("实行社区工作事项准入制度，公布清单，建立");
  const runs = sharedRuns(a, b);
  assert.deepEqual(runs.map((r) => a.slice(r.a[0], r.a[1]).join("")), ["社区工作事项准入制度", "建立", "清单"]);
  for (const r of runs) assert.equal(a.slice(r.a[0], r.a[1]).join(""), b.slice(r.b[0], r.b[1]).join(""));
  assert.deepEqual(sharedRuns(Array.from("甲乙"), Array.from("丙丁")), []);
  // Overlap on the draft's side: the second run keeps only what the first left.
  const over = sharedRuns(Array.from("甲乙丙丁戊"), Array.from("甲乙丙丁 丙丁戊"));
  assert.deepEqual(over.map((r) => r.a), [[0, 4]]);
});

test("closeness: long runs count more than the same weight in short ones; boilerplate runs count nothing", () => {
  const w = [1, 1, 1, 1, 1, 1, 1, 1];   // nine characters, eight bigrams
  const long = closeness([{ a: [0, 6], b: [0, 6] }], w);
  const short = closeness([{ a: [0, 3], b: [0, 3] }, { a: [3, 6], b: [9, 12] }], w.map((x, i) => (i === 2 ? 1 : x)));
  assert.ok(long.score > short.score);
  assert.equal(long.longest, 6);
  const boiler = closeness([{ a: [0, 2], b: [0, 2] }], [0, 1, 1]);
  assert.deepEqual([boiler.score, boiler.coverage, boiler.runs.length], [0, 0, 0]);
  assert.equal(closeness([], []).score, 0);
  // A sentence of boilerplate but one seam is measured against MIN_DENSITY a bigram, not its seam alone.
  const seam = closeness([{ a: [0, 3], b: [0, 3] }], [0, 0.4, 0, 0, 0]);
  assert.ok(seam.coverage < 0.1, seam.coverage);
});

test("boilerplate: common bigrams, and at half weight the seam between two of them", () => {
  const f = fold("进一步加强准入", MAP);
  assert.deepEqual(boilerplate(f, new Set(["一步", "加强"])), [0, 1, 0.5, 1, 0, 0]);
  assert.deepEqual(lookupTokens(f, new Set(["一步", "加强"])), ["进一", "步加", "强准", "准入"]);
  const w = bigramWeights(f, new Map([["进一", 2], ["步加", 4], ["强准", 2], ["准入", 2]]), new Set(["一步", "加强"]));
  assert.deepEqual(w, [2, 0, 2, 0, 2, 2]);
});

test("verdicts and sentence-sized queries", () => {
  assert.deepEqual([verdict(0.9, 1), verdict(0.3, 2), verdict(0.1, 1), verdict(0, 0)], ["well", "partly", "partly", "new"]);
  assert.ok(isSentence("各有关部门需社区协助的事项应按照费随事转", MAP));
  assert.ok(!isSentence("社区工作事项准入", MAP));
  assert.ok(!isSentence("“各有关部门需社区协助的事项应按照费随事转”", MAP));   // quoted: a phrase search
});

test("marks: folded ranges back to the text, merged; pieces and excerpts", () => {
  const f = fold("甲，乙丙丁", MAP);
  assert.deepEqual(toText([[0, 2], [2, 4]], f.at), [[0, 3], [3, 5]]);   // touching runs stay two marks
  assert.deepEqual(toText([[0, 3], [2, 4]], f.at), [[0, 5]]);
  assert.deepEqual(merge([[5, 7], [0, 2], [1, 3]]), [[0, 3], [5, 7]]);
  assert.deepEqual(marked("甲乙丙丁", [[1, 3]]), [{ text: "甲", mark: false }, { text: "乙丙", mark: true },
                                                 { text: "丁", mark: false }]);
  const long = "一".repeat(50) + "准入" + "二".repeat(50);
  const cut = excerpt(marked(long, [[50, 52]]), 10).map((p) => p.text).join("");
  assert.equal(cut, "…" + "一".repeat(10) + "准入" + "二".repeat(10) + "…");
  assert.equal(excerpt([{ text: "三".repeat(30), mark: false }], 10)[0].text, "三".repeat(20) + "…");
});

// Four records: two precedents of the draft in different words, one of boilerplate only,
// one unrelated.  Tokens as the writer indexes them (bigrams of each record's text).
function engine() {
  const texts = [
    "建立社区工作事项准入制度，不得将行政事务转嫁给社区。",
    "加强社区建设，推进社区治理。",
    "实行社区工作事项准入制度，各部门不得随意把行政事务摊派给社区。",
    "新建住宅小区应当配建社区用房。",
  ];
  const postings = new Map();
  texts.forEach((t, n) => {
    const cs = fold(t, MAP);
    for (let i = 0; i + 1 < cs.chars.length; i++) {
      if (cs.cut[i + 1]) continue;
      const k = cs.chars[i] + cs.chars[i + 1];
      if (!postings.has(k)) postings.set(k, []);
      if (!postings.get(k).includes(n)) postings.get(k).push(n);
    }
  });
  const asked = [], fetched = [];
  return {
    asked,
    fetched,
    m: { records: texts.length, common: ["社区", "加强", "推进"] },
    map: MAP,
    postings: async (t) => { asked.push(t); return u32(postings.get(t) || []); },
    hitData: async (ns) => { fetched.push(...ns); return Array.from(ns, (n) => ({ u: "documents/d/#r" + n,
      d: { text: texts[n], text_hant: texts[n], jurisdiction: n === 2 ? "乙市" : "甲市", jurisdiction_hant: "甲市" } })); },
  };
}

test("a sentence ranked: precedents found in other words, boilerplate neither fetched nor ranking", async () => {
  const e = engine();
  const r = await rankSentence(e, "各地要建立社區工作事項準入制度，不得把行政事务转嫁給社区。", {});
  assert.ok(r.hits.length >= 2);
  assert.deepEqual(r.hits.slice(0, 2).map((h) => h.n), [0, 2]);
  assert.ok(!r.hits.some((h) => h.n === 1 || h.n === 3), r.hits.map((h) => h.n));
  assert.ok(!e.asked.includes("社区") && e.asked.length > 0);
  assert.equal(r.verdict, "well");
  // Marks on both sides cover the same wording.
  const h = r.hits[0];
  const theirs = h.clause.map(([a, b]) => Array.from(h.data.d.text).slice(a, b).join(""));
  assert.ok(theirs.some((t) => t.startsWith("建立社区工作事项准入制度，不得")), theirs);   // across the comma
  assert.ok(r.covered.length > 0);
  const filtered = await rankSentence(e, "各地要建立社区工作事项准入制度。", { allowed: Uint8Array.from([0, 1, 1, 1]) });
  assert.ok(filtered.hits.every((x) => x.n !== 0) && filtered.hits.length > 0);
  const none = await rankSentence(e, "加强，推进，社区。", {});   // boilerplate only: nothing to look up
  assert.deepEqual([none.hits.length, none.verdict], [0, "new"]);
});

test("a candidate that cannot reach the floor is not fetched", async () => {
  // Record 2 shares only 随意 with this sentence, far below FLOOR even were it all shared;
  // record 3 shares most of it.
  const e = engine();
  const r = await rankSentence(e, "新建住宅小区应当配建社区用房随意。", {});
  assert.deepEqual(r.compared, [3]);
  assert.deepEqual(e.fetched, [3]);
  assert.deepEqual(r.hits.map((h) => h.n), [3]);
  // A phrase on the search page lists every clause sharing any weight: all are fetched.
  const all = await rankSentence(engine(), "新建住宅小区应当配建社区用房随意。", { listing: "all", candidates: 40, shown: 40 });
  assert.deepEqual(all.compared.slice().sort(), [2, 3]);
});

test("reach: the most a clause could cover, from the postings alone", () => {
  // By hand: 甲乙 (weight 2) held by records 0 and 2, 乙丙 (1) by record 1; 丙丁 (3) was not
  // looked up, so any record may share it.  The sentence weighs 6 (above 1.5 × 3 bigrams).
  const folded = fold("甲乙丙丁", MAP);
  const lists = new Map([["甲乙", u32([0, 2])], ["乙丙", u32([1])]]);
  const got = [0, 1, 2, 3].map((n) => reach(folded, [2, 1, 3], lists, n));
  assert.deepEqual(got.map((x) => Math.round(x * 600)), [500, 400, 500, 300]);
  assert.equal(reach(fold("甲", MAP), [], new Map(), 0), 0);
});

// Hits as rankSentence scores them, before listing.
const hit = (n, coverage, runs, longest) => ({ n, coverage, score: coverage, runs, longest, size: 10 });

test("only what a drafter would cite is listed, in the order of the coverage shown", () => {
  // Below the floor; one everyday word (one run of four); far below the closest; then kept ones.
  const got = listed([hit(0, FLOOR - 0.01, 5, 6), hit(1, 0.3, 1, 4), hit(2, 0.4, 3, 2), hit(3, 0.5, 1, SUBSTANCE_RUN),
                      hit(4, 0.5 * RELATIVE - 0.01, 4, 4), hit(5, 0.45, 3, 3)], "drafter");
  assert.deepEqual(got.map((h) => h.n), [3, 5, 2]);
  // Ties in coverage: the higher score (more in long runs) first.
  assert.deepEqual(listed([{ ...hit(0, 0.4, 3, 3), score: 0.4 }, { ...hit(1, 0.4, 3, 3), score: 0.5 }], "drafter").map((h) => h.n), [1, 0]);
  assert.deepEqual(listed([hit(0, 0.1, 1, 2)], "drafter"), []);
  // Most of a short sentence in one short run is substance (试探 in 试探).
  assert.deepEqual(listed([hit(0, 1, 1, 2), hit(1, 0.4, 1, 2)], "drafter").map((h) => h.n), [0]);
  // A phrase on the search page: every clause sharing any of it, in the same order.
  assert.deepEqual(listed([hit(0, 0.1, 1, 2), hit(1, 1, 1, 4), hit(2, 0, 0, 0)], "all").map((h) => h.n), [1, 0]);
});

test("the jurisdictions that said most: summed over sentences, best clause each", () => {
  const s = (hits) => ({ hits: hits.map(([j, c]) => ({ coverage: c, data: { d: { jurisdiction: j, jurisdiction_hant: j } } })) });
  const got = jurisdictionsOf([s([["甲市", 0.6], ["甲市", 0.9], ["乙市", 0.5]]), s([["乙市", 0.7]])], false, 5);
  assert.deepEqual(got.map((j) => [j.name, j.sentences]), [["乙市", 2], ["甲市", 1]]);
  assert.deepEqual(jurisdictionsOf([], false, 5), []);
});
