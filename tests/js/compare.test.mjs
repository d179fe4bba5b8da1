// The compare page's model (compare_model.js): relations read from both ends, the topic
// rows of a pair, the pair an address asks for.  Expected rows written out by hand.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  decoded, fill, isDocumentId, listedDocument, pairOf, relatedOf, rowsOf, table, topicsIndex,
} from "../../theme/assets/crosswalk/compare_model.js";

const TOPICS = [
  { id: "governance", parent: null, depth: 0 },
  { id: "burden", parent: "governance", depth: 1 },
  { id: "access", parent: "burden", depth: 2 },
  { id: "services", parent: null, depth: 0 },
  { id: "property", parent: "services", depth: 1 },
];
const BY_ID = table(Object.fromEntries(TOPICS.map((t) => [t.id, t])));
const A = [{ id: "a/1", doc: "a", topics: ["burden", "access"] }, { id: "a/2", doc: "a", topics: [] },
           { id: "a/3", doc: "a", topics: ["property"] }];
const B = [{ id: "b/1", doc: "b", topics: ["access"] }, { id: "b/2", doc: "b", topics: ["governance"] }];

test("each topic either document touches is a row, grouped under its branch's top", () => {
  const { counts, rows } = rowsOf(TOPICS, BY_ID, topicsIndex(A), topicsIndex(B));
  assert.deepEqual(counts, { both: 1, a: 2, b: 1 });
  assert.deepEqual(rows.map((r) => [r.topic.id, r.kind, r.a.map((x) => x.id), r.b.map((x) => x.id), r.group && r.group.id]), [
    ["governance", "b", [], ["b/2"], "governance"],
    ["burden", "a", ["a/1"], [], null],
    ["access", "both", ["a/1"], ["b/1"], null],
    ["property", "a", ["a/3"], [], "services"],
  ]);
});

test("one topic, or the shared ones only, is shown; the counts still count every topic", () => {
  const ia = topicsIndex(A);
  const ib = topicsIndex(B);
  const one = rowsOf(TOPICS, BY_ID, ia, ib, { topic: "property" });
  assert.deepEqual(one.rows.map((r) => [r.topic.id, r.group && r.group.id]), [["property", "services"]]);
  assert.deepEqual(one.counts, { both: 1, a: 2, b: 1 });
  const shared = rowsOf(TOPICS, BY_ID, ia, ib, { sharedOnly: true });
  assert.deepEqual(shared.rows.map((r) => [r.topic.id, r.group && r.group.id]), [["access", "governance"]]);
  assert.deepEqual(rowsOf(TOPICS, BY_ID, topicsIndex([]), topicsIndex(undefined)).rows, []);
});

test("a relation reads from its target as its inverse", () => {
  const records = table({ "a/1": A[0], "b/1": B[0], "b/2": B[1] });
  const related = relatedOf([
    { source: "a/1", target: "b/1", type: "subset", rationale: "窄" },
    { source: "b/2", target: "a/1", type: "intersects", rationale: "交" },
    { source: "a/1", target: "gone/1", type: "equal", rationale: "不在" },
  ], records);
  assert.deepEqual(related["a/1"].map((r) => [r.type, r.other.id, r.rationale]), [["subset", "b/1", "窄"], ["intersects", "b/2", "交"]]);
  assert.deepEqual(related["b/1"].map((r) => [r.type, r.other.id]), [["superset", "a/1"]]);
  assert.deepEqual(related["b/2"].map((r) => [r.type, r.other.id]), [["intersects", "a/1"]]);
  assert.equal(related["gone/1"], undefined);
});

test("an address naming Object's own members picks no document and no topic", () => {
  const docs = table({ "yuxi-2018": {}, "nanchong-2017": {} });
  const ids = ["yuxi-2018", "nanchong-2017"];
  const pair = (search) => pairOf(new URLSearchParams(search), ids, docs);
  assert.deepEqual(pair("a=__proto__&b=toString"), { a: "yuxi-2018", b: "nanchong-2017" });
  assert.deepEqual(pair("a=nanchong-2017"), { a: "nanchong-2017", b: "yuxi-2018" });
  assert.deepEqual(pair("a=yuxi-2018&b=yuxi-2018"), { a: "yuxi-2018", b: "yuxi-2018" });
  assert.deepEqual(pairOf(new URLSearchParams(""), ["only"], table({ only: {} })), { a: "only", b: "only" });
  assert.equal(topicsIndex([{ topics: ["constructor"] }]).toString, undefined);
  assert.equal(rowsOf(TOPICS, BY_ID, table(), table(), { topic: "__proto__" }).rows.length, 0);
});

test("UI texts are filled by name, and a broken fragment is kept as written", () => {
  assert.equal(fill("共同涉及 {both} 个；仅甲 {a} 个", { both: 3, a: 0 }), "共同涉及 3 个；仅甲 0 个");
  assert.equal(decoded("t-%E5%87%8F%E8%B4%9F"), "t-减负");
  assert.equal(decoded("%"), "%");
  assert.equal(decoded("%E0%A4%A"), "%E0%A4%A");
});

test("only a document id as content/conform.py allows it goes into an address to read", () => {
  for (const id of ["yuxi-2018", "doc-0042", "a"]) assert.equal(isDocumentId(id), true, id);
  for (const id of ["..", "../about", "a/b", "Yuxi", "-x", "", "__proto__", "x?y", null, undefined, 3]) {
    assert.equal(isDocumentId(id), false, String(id));
  }
});

test("a region list's row reads as a document", () => {
  assert.deepEqual(listedDocument({ id: "yuxi-2018", link: "《关于加强城乡社区治理的实施意见》", url: "u",
                                    jurisdiction: " 玉溪市 ", year: " 2018", pending: null, region: "yunnan" }),
                   { id: "yuxi-2018", region: "yunnan", url: "u", jurisdiction: "玉溪市",
                     title: "关于加强城乡社区治理的实施意见", year: 2018, pending: 0 });
  const undated = listedDocument({ id: "x", link: "《甲》", url: "u", jurisdiction: "乙", year: "", pending: "3", region: "r" });
  assert.equal(undated.year, null);
  assert.equal(undated.pending, 3);
});
