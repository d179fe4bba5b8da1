// draft.js and the search page's order: the URL read back, filters as a membership array,
// the order a query is listed in, and the way from the search page to the drafting desk.
import { test } from "node:test";
import assert from "node:assert/strict";

import { allowedBy, draftFragment, facetValues, fill, fillLazy, readParams, FILTERS } from "../../theme/assets/crosswalk/search/draft.js";
import { draftHref, orderOf } from "../../theme/assets/crosswalk/search/page.js";

const u32 = (a) => Uint32Array.from(a);

test("the draft and its filters come from the URL, by the search page's parameter names", () => {
  const got = readParams("?text=" + encodeURIComponent("建立社區準入制度。\n第二句") + "&level=city&level=county&topic=&unit=x");
  assert.equal(got.text, "建立社區準入制度。\n第二句");
  assert.deepEqual(got.filters, { jurisdiction: [], level: ["city", "county"], genre: [], topic: [] });
  assert.deepEqual(FILTERS, ["jurisdiction", "level", "genre", "topic"]);
  assert.deepEqual(readParams("").text, "");
  // The fragment first (no server sees it); the query for links made before.
  const both = readParams("?text=old&level=city", "#text=" + encodeURIComponent("新稿。") + "&genre=law");
  assert.deepEqual([both.text, both.filters.level, both.filters.genre], ["新稿。", [], ["law"]]);
  assert.equal(readParams("?text=old", "#s3").text, "old");   // an anchor, not a draft
  const back = readParams("", draftFragment("甲&乙=丙 #", { level: ["city", ""], unit: ["u"] }));
  assert.deepEqual([back.text, back.filters.level], ["甲&乙=丙 #", ["city"]]);
});

// Six records in two documents (jurisdictions a, b); topic t0 on 0, 1, 4.
function engine() {
  const names = { jurisdiction: ["a", "b"], topic: ["t0"] };
  return {
    m: { records: 6 },
    facets: { jurisdiction: { scope: "doc" }, topic: { scope: "record" } },
    ordinal: async (f, id) => names[f].indexOf(id),
    valueList: async () => u32([0, 1, 4]),
    loadDocs: async () => ({ start: u32([0, 4, 6]), values: { jurisdiction: u32([1, 2]) } }),
  };
}

test("filters become the records every chosen facet allows; none chosen is no restriction", async () => {
  const e = engine();
  assert.equal(await allowedBy(e, { jurisdiction: [], topic: [] }), null);
  assert.deepEqual(Array.from(await allowedBy(e, { jurisdiction: ["a"], topic: [] })), [1, 1, 1, 1, 0, 0]);
  assert.deepEqual(Array.from(await allowedBy(e, { jurisdiction: ["b"], topic: ["t0"] })), [0, 0, 0, 0, 1, 0]);
  assert.deepEqual(Array.from(await allowedBy(e, { jurisdiction: ["nowhere"] })), [0, 0, 0, 0, 0, 0]);
});

test("a sentence is listed by relevance and a phrase by level, unless the URL says otherwise", () => {
  assert.equal(orderOf("", true), "relevance");
  assert.equal(orderOf("", false), "level");
  assert.equal(orderOf("level", true), "level");
  assert.equal(orderOf("relevance", false), "relevance");
  assert.equal(orderOf("<script>", false), "level");
});

test("a sentence opens in the drafting desk with the filters it takes", () => {
  const href = new URL(draftHref(new URL("http://x/kb/"), "费随事转，权随责走。", { level: ["city"], unit: ["u1"], topic: [] }));
  assert.equal(href.pathname, "/kb/draft/");
  assert.equal(href.search, "");   // the draft travels in the fragment
  const params = new URLSearchParams(href.hash.slice(1));
  assert.equal(params.get("text"), "费随事转，权随责走。");
  assert.deepEqual(params.getAll("level"), ["city"]);
  assert.equal(params.has("unit"), false);   // not a filter of the drafting desk
  assert.equal(fill("第 # 句", 3), "第 3 句");
});

test("a filter not written into the page is read from the index's names files, in order", async () => {
  const asked = [];
  const names = { 0: { id: "a", name: "甲", depth: 0 }, 1: { id: "b", name: "乙", depth: 1 }, 2: { id: "c", name: "丙", depth: 1 } };
  const e = {
    facets: { jurisdiction: { values: 3 } },
    names: async (f, ns) => { asked.push([f, ns]); return Object.fromEntries(ns.map((n) => [n, names[n]])); },
  };
  assert.deepEqual((await facetValues(e, "jurisdiction")).map((v) => v.id), ["a", "b", "c"]);
  assert.deepEqual(asked, [["jurisdiction", [0, 1, 2]]]);
  assert.deepEqual(await facetValues(e, "topic"), []);
});

test("a lazy list is filled once, keeps the chosen value, and indents by depth", async () => {
  globalThis.document = { createElement: () => ({}) };
  const select = { dataset: { filter: "jurisdiction" }, value: "b", options: [], appendChild(o) { this.options.push(o); } };
  let calls = 0;
  const e = {
    facets: { jurisdiction: { values: 2 } },
    names: async () => { calls++; return { 0: { id: "a", name: "甲", depth: 0 }, 1: { id: "b", name: "乙", depth: 1 } }; },
  };
  await fillLazy(select, e);
  await fillLazy(select, e);
  assert.equal(calls, 1);
  assert.deepEqual(select.options.map((o) => [o.value, o.textContent]), [["a", "甲"]]);   // b is already there
  select.dataset.filled = "";
  select.value = "";
  select.options = [];
  await fillLazy(select, e);
  assert.deepEqual(select.options.map((o) => o.textContent), ["甲", "\u3000乙"]);
  delete globalThis.document;
});
