// quantities.js: a draft's numbers read as comparable indicators, and where they stand.
import { test } from "node:test";
import assert from "node:assert/strict";

import { readQuantities, standing } from "../../theme/assets/crosswalk/search/quantities.js";
import { charMap } from "../../theme/assets/crosswalk/search/tokenizer.js";

// A table as the build writes it (draft_quantities.py), by hand: two area indicators that
// share a measure and differ by the words before the number.
const TABLE = {
  measures: ["平方米", "%"],
  indicators: [
    { id: "per-100", measure: "平方米", cues: [["百户", 1], ["户均", 100]], low: 20, high: 30, count: 3 },
    { id: "per-community", measure: "平方米", cues: [["社区", 1]], low: 350, high: 400, count: 3 },
    { id: "occupancy", measure: "%", cues: [["入住", 1]], low: 50, high: 50, count: 1 },
  ],
};

test("each number is read as the indicator its clause names, in the indicator's unit", () => {
  const got = readQuantities("按户均不少于0.2平方米配建，每百户30平方米，每个社区不低于300平方米，入住率达到60%。", TABLE);
  assert.deepEqual(got.map((q) => [q.indicator.id, q.value, q.said]),
    [["per-100", 20, "0.2平方米"], ["per-100", 30, "30平方米"], ["per-community", 300, "300平方米"], ["occupancy", 60, "60%"]]);
  // A number without a measure, or without a cue in its clause, is no quantity.
  assert.deepEqual(readQuantities("到2020年，建成300个社区；面积300平方米。", TABLE), []);
  // Traditional: folded by the index's map, on either script's table.
  const map = charMap("戶户區区");
  assert.deepEqual(readQuantities("每百戶30平方米", TABLE, map).map((q) => q.value), [30]);
  assert.equal(readQuantities("每个社区300平方米", TABLE).length, 1);
  assert.deepEqual(readQuantities("", null), []);
});

test("a draft's value stands below, above, within or equal to every precedent", () => {
  const ind = TABLE.indicators[1];
  assert.deepEqual([standing(300, ind), standing(500, ind), standing(380, ind), standing(400, ind)],
    ["below", "above", "within", "within"]);
  assert.equal(standing(50, TABLE.indicators[2]), "equal");
  assert.equal(standing(60, TABLE.indicators[2]), "above");
});
