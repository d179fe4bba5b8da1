// Query tokens (docs/search-format.md §4, §11) and the Traditional → Simplified map.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { charMap, parseQuery, simplifiedChars, tokens } from "../../theme/assets/crosswalk/search/tokenizer.js";

const manifest = JSON.parse(readFileSync(new URL("fixtures/manifest.json", import.meta.url), "utf8"));
const map = charMap(manifest.t2s);

test("the specification's query examples", () => {
  assert.deepEqual(tokens("费随事转"), ["费随", "随事", "事转"]);
  assert.deepEqual(tokens("村"), ["村"]);
  assert.deepEqual(tokens("12349热线, Policy-2"), ["12349", "热线", "policy", "2"]);
  assert.deepEqual(tokens("。,、“”"), []);
});

test("NFKC folds full-width letters and digits, half-width kana and compatibility ideographs", () => {
  assert.deepEqual(tokens("１２３４９"), ["12349"]);
  assert.deepEqual(tokens("ＰＯＬＩＣＹ"), ["policy"]);
  assert.deepEqual(tokens("ｶﾀｶﾅ"), ["カタカナ"]);
  assert.deepEqual(tokens("\uf900"), ["\u8c48"]);   // 豈 (compatibility) → 豈 (unified)
});

test("Han text gives its adjacent pairs, a lone character itself, never a pair across a digit", () => {
  assert.deepEqual(tokens("社区，治理"), ["社区", "治理"]);
  assert.deepEqual(tokens("第3条"), ["第", "3", "条"]);
  assert.deepEqual(tokens("〇一二"), ["〇一", "一二"]);
  // Extension B: pairs of code points, not of UTF-16 units.
  assert.deepEqual(tokens("\u{20000}\u{20001}社"), ["\u{20000}\u{20001}", "\u{20001}社"]);
});

test("other letters and digits go whole, lower case; underscores and marks separate", () => {
  assert.deepEqual(tokens("GB/T 2260"), ["gb", "t", "2260"]);
  assert.deepEqual(tokens("abc_def"), ["abc", "def"]);
  assert.deepEqual(tokens("Policy2社区"), ["policy2", "社区"]);
  assert.deepEqual(tokens("ÉCOLE"), ["école"]);
});

test("the manifest's t2s map pairs code points, a supplementary-plane one among them", () => {
  assert.equal(map.get("費"), "费");
  assert.equal(map.get("\u4fd3"), "\u{201f9}");
  assert.equal(map.size, Array.from(manifest.t2s).length / 2);
  assert.ok(map.size > 0);
  for (const [t, s] of map) assert.ok(Array.from(t).length === 1 && Array.from(s).length === 1 && t !== s);
});

test("Traditional characters map one for one, so positions stay", () => {
  const chars = simplifiedChars("費隨事轉\u4fd3x", map);
  assert.deepEqual(chars, ["费", "随", "事", "转", "\u{201f9}", "x"]);
  assert.equal(chars.length, Array.from("費隨事轉\u4fd3x").length);
});

test("a query: Traditional to Simplified, quoted phrases first, the rest split on spaces, tokens distinct", () => {
  assert.deepEqual(parseQuery("費隨事轉", map), { terms: ["费随事转"], tokens: ["费随", "随事", "事转"] });
  const q = parseQuery('社区 "权随责走" 「治理」 『社區』 “会” 。', map);
  assert.deepEqual(q.terms, ["权随责走", "治理", "社区", "会", "社区"]);
  assert.deepEqual(q.tokens, ["权随", "随责", "责走", "治理", "社区", "会"]);
  assert.deepEqual(parseQuery("  。， ", map), { terms: [], tokens: [] });
  assert.deepEqual(parseQuery("", map).tokens, []);
});
