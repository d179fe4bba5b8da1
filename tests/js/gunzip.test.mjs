// Reading the gzipped data files: gzip or already inflated, with the browser's
// DecompressionStream or, without it, the vendored fflate; bad bytes as errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";

import { inflate, isGzip, jsonOf } from "../../theme/assets/crosswalk/gunzip.js";

const VALUE = [{ id: "p1", citation: "《文件》第1条：“社区𠀀治理。”" }, { id: "p2", quote: [9, 18] }];
const TEXT = JSON.stringify(VALUE);

test("gzip is told from JSON by its first two bytes", () => {
  assert.ok(isGzip(gzipSync(TEXT)));
  assert.ok(!isGzip(new TextEncoder().encode(TEXT)));
  assert.ok(!isGzip(new Uint8Array([0x1f])));
  assert.ok(!isGzip(new Uint8Array()));
});

test("a gzipped file and the same file inflated by the server read the same", async () => {
  assert.deepEqual(await jsonOf(gzipSync(TEXT)), VALUE);
  assert.deepEqual(await jsonOf(new TextEncoder().encode(TEXT)), VALUE);
});

test("without DecompressionStream the vendored fflate inflates the same bytes", async () => {
  const saved = globalThis.DecompressionStream;
  assert.equal(typeof saved, "function");
  try {
    delete globalThis.DecompressionStream;
    assert.equal(typeof globalThis.DecompressionStream, "undefined");
    assert.deepEqual(await jsonOf(gzipSync(TEXT, { level: 9 })), VALUE);
    const big = new TextEncoder().encode("社区".repeat(50000));
    assert.deepEqual(await inflate(gzipSync(big)), big);
  } finally {
    globalThis.DecompressionStream = saved;
  }
});

test("truncated gzip, bytes that are not UTF-8 and text that is not JSON are errors", async () => {
  const whole = gzipSync(TEXT);
  await assert.rejects(jsonOf(whole.subarray(0, whole.length - 9)));
  await assert.rejects(jsonOf(gzipSync(Buffer.from([0x5b, 0x22, 0xc3, 0x28, 0x22, 0x5d]))));   // ["\xc3("]
  await assert.rejects(jsonOf(gzipSync("{not json")));
});
