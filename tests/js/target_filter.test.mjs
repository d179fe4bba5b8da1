// The 量化指标 target view's rules (target_filter.js): which rows a choice keeps, the count
// line, and what an address may choose.
import { test } from "node:test";
import assert from "node:assert/strict";

import { chosenFrom, countText, matches, withChoices } from "../../theme/assets/crosswalk/target_filter.js";

// Rows as the page writes them (data-years holds every year a deadline names, or "undated"/"none").
const ROWS = [
  { id: "yuxi-a", years: "2020", j: "yuxi", ind: "facility-area" },
  { id: "span", years: "2025 2030", j: "lanzhou", ind: "" },
  { id: "words", years: "undated", j: "lanzhou", ind: "worker-pay" },
  { id: "open", years: "none", j: "miyi", ind: "facility-area" },
];
const kept = (chosen) => ROWS.filter((r) => matches(r, chosen)).map((r) => r.id);

test("an empty choice keeps every row", () => {
  assert.deepEqual(kept({ year: "", j: "", ind: "" }), ["yuxi-a", "span", "words", "open"]);
});

test("a year keeps the rows whose deadline names it, both ends of a span included", () => {
  assert.deepEqual(kept({ year: "2030", j: "", ind: "" }), ["span"]);
  assert.deepEqual(kept({ year: "2025", j: "", ind: "" }), ["span"]);
  assert.deepEqual(kept({ year: "203", j: "", ind: "" }), []);   // a year is matched whole
  assert.deepEqual(kept({ year: "undated", j: "", ind: "" }), ["words"]);
});

test("jurisdiction and indicator narrow together", () => {
  assert.deepEqual(kept({ year: "", j: "lanzhou", ind: "" }), ["span", "words"]);
  assert.deepEqual(kept({ year: "", j: "", ind: "facility-area" }), ["yuxi-a", "open"]);
  assert.deepEqual(kept({ year: "", j: "miyi", ind: "facility-area" }), ["open"]);
  assert.deepEqual(kept({ year: "2020", j: "miyi", ind: "" }), []);
});

test("the count line fills the page's template", () => {
  assert.equal(countText("显示 {n} 项，共 {total} 项", 3, 40), "显示 3 项，共 40 项");
  assert.equal(countText("顯示 {n} 項", 0, 5), "顯示 0 項");
});

test("an address chooses only what a select offers", () => {
  const selects = [{ name: "year", values: ["", "2020", "2025"] }, { name: "j", values: ["", "yuxi"] }];
  assert.deepEqual(chosenFrom("?year=2025&j=nowhere&x=1", selects), { year: "2025" });
  assert.deepEqual(chosenFrom("?year=%3Cimg%3E", selects), {});
  assert.deepEqual(chosenFrom("", selects), {});
});

test("the address keeps the choice and the other parameters", () => {
  assert.equal(withChoices("https://h/kb/indicators/?x=1&j=old", { year: "2025", j: "" }),
               "https://h/kb/indicators/?x=1&year=2025");
  assert.equal(withChoices("https://h/kb/indicators/#t", { year: "" }), "https://h/kb/indicators/#t");
});
