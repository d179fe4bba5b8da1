// Where a hit's text shows the query: character ranges, and the text cut around them.
import { test } from "node:test";
import assert from "node:assert/strict";

import { matchRanges, snippet } from "../../theme/assets/crosswalk/search/highlight.js";
import { charMap } from "../../theme/assets/crosswalk/search/tokenizer.js";

const chars = (s) => Array.from(s);
const map = charMap("費费隨随轉转區区");

test("every occurrence of a whole term", () => {
  assert.deepEqual(matchRanges(chars("社区治理和社区服务"), ["社区"]), [[0, 2], [5, 7]]);
});

test("a term not there whole is marked by the pairs that are", () => {
  assert.deepEqual(matchRanges(chars("费随事转，权随责走"), ["费随转"]), [[0, 2]]);
  assert.deepEqual(matchRanges(chars("权随事转"), ["权随责走"]), [[0, 2]]);
});

test("overlapping and touching ranges merge; ranges are sorted", () => {
  assert.deepEqual(matchRanges(chars("社区治理"), ["区治", "社区"]), [[0, 3]]);
  assert.deepEqual(matchRanges(chars("社区治理"), ["治理", "社区"]), [[0, 4]]);
  assert.deepEqual(matchRanges(chars("社区治理"), ["村"]), []);
});

test("case, full width and punctuation in a term do not stop a match", () => {
  assert.deepEqual(matchRanges(chars("a POLICY b"), ["policy"]), [[2, 8]]);
  assert.deepEqual(matchRanges(chars("第12条"), ["１２"]), [[1, 3]]);
  assert.deepEqual(matchRanges(chars("12349热线"), ["12349-热线"]), [[0, 7]]);
});

test("positions count code points: a supplementary-plane character before a match", () => {
  assert.deepEqual(matchRanges(chars("\u{20000}社区"), ["社区"]), [[1, 3]]);
  assert.deepEqual(snippet("\u{20000}社区", ["社区"], map, 0), [{ text: "\u{20000}", mark: false }, { text: "社区", mark: true }]);
});

test("Traditional text is matched on its Simplified characters and shown as it is", () => {
  assert.deepEqual(snippet("實行費隨事轉。", ["费随事转"], map, 0), [
    { text: "實行", mark: false }, { text: "費隨事轉", mark: true }, { text: "。", mark: false }]);
});

test("a long text is cut to `room` characters around the first match, with ellipses", () => {
  const text = "一".repeat(50) + "社区" + "二".repeat(50);
  const pieces = snippet(text, ["社区"], map, 20);
  assert.deepEqual(pieces.map((p) => p.mark), [false, false, true, false, false]);
  assert.equal(pieces[0].text, "…");
  assert.equal(pieces[4].text, "…");
  assert.equal(pieces[2].text, "社区");
  assert.equal(pieces.slice(1, 4).map((p) => Array.from(p.text).length).reduce((a, b) => a + b), 20);
  assert.equal(pieces[1].text, "一".repeat(5));   // a quarter of the room before the match
  // No match: the start of the text.
  const plain = snippet(text, ["村"], map, 20);
  assert.deepEqual(plain, [{ text: "一".repeat(20), mark: false }, { text: "…", mark: false }]);
  // Short enough: all of it.
  assert.deepEqual(snippet("社区", ["社区"], map, 20), [{ text: "社区", mark: true }]);
});
