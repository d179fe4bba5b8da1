// Set algebra and the query engine over a small engine made in memory.
import { test } from "node:test";
import assert from "node:assert/strict";

import { countedSet, facetCounts, facetList, intersect, rangesOf, run, union } from "../../theme/assets/crosswalk/search/query.js";
import { charMap } from "../../theme/assets/crosswalk/search/tokenizer.js";

const u32 = (a) => Uint32Array.from(a);
const arr = (a) => Array.from(a);

test("intersection of sorted lists; null is every record", () => {
  assert.deepEqual(arr(intersect(u32([1, 3, 5, 7, 200000]), u32([0, 3, 4, 7, 200000]))), [3, 7, 200000]);
  assert.deepEqual(arr(intersect(u32([1, 2]), u32([3, 4]))), []);
  assert.deepEqual(arr(intersect(null, u32([4, 9]))), [4, 9]);
  assert.deepEqual(arr(intersect(u32([4, 9]), null)), [4, 9]);
  assert.equal(intersect(null, null), null);
  assert.deepEqual(arr(intersect(u32([]), u32([1]))), []);
});

test("union: distinct, in numeric order (not as strings)", () => {
  assert.deepEqual(arr(union([u32([5, 1000000]), u32([3, 5]), u32([20])])), [3, 5, 20, 1000000]);
  assert.deepEqual(arr(union([])), []);
});

// Six records in two documents: 0–3 in document 0 (jurisdiction a), 4–5 in document 1 (b);
// topic t0 on 0, 1, 4; topic t1 on 1, 5.  Ranges of 4 records.
function engine() {
  const postings = { "社区": [0, 1, 2, 4, 5], "治理": [1, 2, 5], "费随": [], "村": [3] };
  const names = { jurisdiction: [["a", "甲", "甲", 1, 0], ["b", "乙", "乙", 0, 0]],
                  topic: [["t0", "主题〇", "主題〇", 0, 0], ["t1", "主题一", "主題一", 1, 1]] };
  const topics = [[0, 1, 4], [1, 5]];
  const every = u32([0, 1, 2, 3, 4, 5]);
  return {
    m: { records: 6, range: 4, block: 128 },
    map: charMap("區区"),
    facets: { jurisdiction: { name: "jurisdiction", scope: "doc", first: ["a"] },
              topic: { name: "topic", scope: "record", first: ["t0"], packs: [0] } },
    postings: async (t) => u32(postings[t] || []),
    ordinal: async (f, id) => names[f].findIndex((v) => v[0] === id),
    valueList: async (f, n) => u32(topics[n]),
    loadDocs: async () => ({ start: u32([0, 4, 6]), values: { jurisdiction: u32([1, 2]) }, recordDoc: u32([0, 0, 0, 0, 1, 1]) }),
    rangeFile: async (f, k) => topics.map((l, v) => [v, u32(l.filter((r) => Math.floor(r / 4) === k))]).filter(([, l]) => l.length),
    names: async (f, numbers) => Object.fromEntries(numbers.map((n) => [n, { id: names[f][n][0], name: names[f][n][1], rank: names[f][n][3], depth: names[f][n][4] }])),
    every: () => every,
  };
}

test("a query finds the records holding all its tokens; Traditional is mapped first", async () => {
  const e = engine();
  assert.deepEqual(arr((await run(e, "社區 治理", {})).hits), [1, 2, 5]);
  assert.deepEqual(arr((await run(e, "社区治理", {})).hits), []);   // the pair 区治 is in no record
  assert.deepEqual(arr((await run(e, "费随", {})).hits), []);
  const none = await run(e, "。", {});
  assert.ok(none.empty);
  assert.deepEqual(arr(none.hits), []);
});

test("filters: any value within a facet, every facet; unknown facets ignored, unknown ids match nothing", async () => {
  const e = engine();
  assert.deepEqual(arr((await run(e, "", { topic: ["t0"] })).hits), [0, 1, 4]);
  assert.deepEqual(arr((await run(e, "", { topic: ["t0", "t1"] })).hits), [0, 1, 4, 5]);
  assert.deepEqual(arr((await run(e, "社区", { topic: ["t0", "t1"], jurisdiction: ["b"] })).hits), [4, 5]);
  assert.deepEqual(arr((await run(e, "社区", { colour: ["red"] })).hits), [0, 1, 2, 4, 5]);
  assert.deepEqual(arr((await run(e, "社区", { topic: ["nothing"] })).hits), []);
  assert.deepEqual(arr((await run(e, "社区", { topic: [] })).hits), [0, 1, 2, 4, 5]);
  const filtersOnly = await run(e, "", { jurisdiction: ["a"] });
  assert.ok(!filtersOnly.empty);
  assert.deepEqual(arr(filtersOnly.hits), [0, 1, 2, 3]);
});

test("a facet is counted over the search with every other facet's filter, not its own", async () => {
  const e = engine();
  const r = await run(e, "社区", { topic: ["t1"], jurisdiction: ["a"] });
  assert.deepEqual(arr(r.hits), [1]);
  const topicSet = countedSet(r, "topic");
  assert.deepEqual(arr(topicSet), [0, 1, 2]);
  assert.deepEqual(rangesOf(r, topicSet), [0]);
  assert.deepEqual(Object.fromEntries(await facetCounts(e, "topic", topicSet, [0])), { 0: 2, 1: 1 });
  const placeSet = countedSet(r, "jurisdiction");
  assert.deepEqual(arr(placeSet), [1, 5]);
  assert.deepEqual(Object.fromEntries(await facetCounts(e, "jurisdiction", placeSet, [])), { 0: 1, 1: 1 });
  // With neither terms nor filters the counts are over every record.
  const all = await run(e, "", {});
  assert.deepEqual(arr(countedSet(all, "topic")), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(rangesOf(all, countedSet(all, "topic")), [0, 1]);
});

test("a facet's list: by rank for the facets in their own order, chosen values always", async () => {
  const e = engine();
  const r = await run(e, "治理", {});
  const topics = await facetList(r, "topic", [], {});
  assert.deepEqual(topics.values.map((v) => [v.id, v.count, v.depth]), [["t0", 1, 0], ["t1", 2, 1]]);
  const places = await facetList(r, "jurisdiction", ["a"], {});
  assert.deepEqual(places.values.map((v) => [v.id, v.name, v.count]), [["b", "乙", 1], ["a", "甲", 2]]);
  assert.deepEqual(await facetList(r, "colour", [], {}), { values: [], total: 0, deferred: false });
});
