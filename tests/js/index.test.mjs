// The index reader: varints, posting lists and the hash with the specification's own
// vectors; malformed bytes and failed fetches as errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";

import { Engine, Reader, SearchIndexError, bucketOf, fnv1a, httpSource, loader, quoteOf, withQuotes } from "../../theme/assets/crosswalk/search/index.js";
import { hashExamples, hex, listExamples, varintExamples } from "./spec.mjs";

test("varints: the examples of §1", () => {
  const examples = varintExamples();
  assert.ok(examples.length >= 5);
  for (const [n, bytes] of examples) {
    const r = new Reader(bytes);
    assert.equal(r.varint(), n);
    assert.equal(r.p, bytes.length);
  }
});

test("posting lists: the examples of §3, gaps and bitmaps, read and skipped to the same end", () => {
  const examples = listExamples();
  assert.ok(examples.length >= 5);
  assert.ok(examples.some(([, b]) => b[0] === 0) && examples.some(([, b]) => b[0] === 1));
  for (const [want, bytes] of examples) {
    const padded = Uint8Array.from([...bytes, 0xff]);   // what follows is not read
    const r = new Reader(padded), s = new Reader(padded);
    assert.deepEqual(Array.from(r.list()), want);
    s.skipList();
    assert.equal(r.p, bytes.length);
    assert.equal(s.p, bytes.length);
  }
});

test("a bitmap's trailing zero byte and a large base", () => {
  // base 1,000,000 (c0 84 3d), 2 bytes: 1,000,000 and 1,000,009
  const r = new Reader(hex("01 c0 84 3d 02 01 02"));
  assert.deepEqual(Array.from(r.list()), [1000000, 1000009]);
});

test("FNV-1a over UTF-8: the test vectors of §5", () => {
  const examples = hashExamples();
  assert.ok(examples.length >= 5);
  for (const [token, hash] of examples) assert.equal(fnv1a(token), hash, token);
  assert.equal(bucketOf("社区", 7), 0x6964d641 % 7);
});

test("bytes that end early or hold an unknown list kind are errors, not empty lists", () => {
  for (const bytes of ["80", "00 03 01 02", "01 00 05 ff", "02 00", ""]) {
    assert.throws(() => new Reader(hex(bytes), 0, "b/0.bin").list(), (err) =>
      err instanceof SearchIndexError && err.reason === "bytes" && err.path === "b/0.bin", bytes);
  }
  assert.throws(() => new Reader(hex("ff ff ff ff ff ff ff ff 01")).varint(), SearchIndexError);
});

// A fetch that answers from a table of paths: bytes, a status, or a rejection.
function fakeFetch(files, seen = []) {
  return async (url, init) => {
    const u = new URL(url);
    const path = u.pathname.replace(/^\/index\//, "");
    seen.push({ path, v: u.searchParams.get("v"), init });
    const got = files[path];
    if (got === undefined) return new Response(null, { status: 404 });
    if (got instanceof Error) throw got;
    if (typeof got === "number") return new Response(null, { status: got });
    return new Response(got);
  };
}

const BASE = "https://example.org/index/";
const MANIFEST = JSON.stringify({ version: "abc", records: 3, documents: 1, buckets: 1, range: 2048, block: 128,
                                  fragments: 1000, hits: 1, facets: [], t2s: "費费" });

test("the manifest is revalidated; every other file carries the version", async () => {
  const seen = [];
  const e = await loader(httpSource(BASE, fakeFetch({ "manifest.json": MANIFEST, "docs.bin": hex("01 03 00 00 00 00") }, seen)))();
  assert.equal(e.map.get("費"), "费");
  const docs = await e.loadDocs();
  assert.deepEqual(Array.from(docs.start), [0, 3]);
  assert.deepEqual(seen.map((s) => [s.path, s.v]), [["manifest.json", null], ["docs.bin", "abc"]]);
  assert.equal(seen[0].init.cache, "no-cache");
});

test("every failure rejects with its reason: no answer, a status, bytes that do not parse", async () => {
  const files = { "manifest.json": MANIFEST, "b/0.bin": 500, "r/0/0.json.gz": gzipSync("{not json"), "r/0/1.json.gz": new TypeError("offline"),
                  "docs.bin": hex("01 05 00 00 00 00") };
  const e = await loader(httpSource(BASE, fakeFetch(files)))();
  const reason = (promise) => promise.then(() => "resolved", (err) => (err instanceof SearchIndexError ? err.reason : String(err)));
  assert.equal(await reason(e.postings("社区")), "status");
  assert.equal(await reason(e.hitData([0])), "bytes");
  assert.equal(await reason(e.hitData([1])), "network");
  assert.equal(await reason(e.hitData([2])), "status");      // 404
  assert.equal(await reason(e.loadDocs()), "bytes");          // 5 records, the manifest says 3
  assert.equal(await reason(loader(httpSource(BASE, fakeFetch({})))()), "status");
  assert.equal(await reason(loader(httpSource(BASE, fakeFetch({ "manifest.json": "[]" })))()), "bytes");
});

test("a failed file is fetched again by the next search, a good one only once", async () => {
  const files = { "manifest.json": new TypeError("offline") }, seen = [];
  const load = loader(httpSource(BASE, fakeFetch(files, seen)));
  await assert.rejects(load(), SearchIndexError);
  files["manifest.json"] = MANIFEST;
  const e = await load();
  assert.ok(e instanceof Engine);
  assert.equal(await load(), e);
  files["b/0.bin"] = 503;
  await assert.rejects(e.postings("社区"), (err) => err.reason === "status");
  // One bucket: 社区 → records 0 and 2.
  files["b/0.bin"] = Uint8Array.from([6, ...new TextEncoder().encode("社区"), 0, 2, 0, 2]);
  assert.deepEqual(Array.from(await e.postings("社区")), [0, 2]);
  assert.deepEqual(Array.from(await e.postings("治理")), []);
  assert.equal(seen.filter((s) => s.path === "b/0.bin").length, 2);
  assert.equal(seen.filter((s) => s.path === "manifest.json").length, 2);
});

test("a bucket whose token is not UTF-8 is an error", async () => {
  const files = { "manifest.json": MANIFEST, "b/0.bin": hex("02 c3 28 00 00") };
  const e = await loader(httpSource(BASE, fakeFetch(files)))();
  await assert.rejects(e.postings("社区"), (err) => err.reason === "bytes" && err.path === "b/0.bin");
});

test("a hit's quote is cut out of its citation by code points, its quotation marks one level up (§10)", () => {
  const cite = "《𠀀文件》第1条:“他说‘费随事转’𠀁。”\ndocuments/a/#p1";
  const start = Array.from(cite).indexOf("他");
  const end = Array.from(cite).indexOf("。") + 1;
  assert.equal(quoteOf(cite, [start, end]), "他说“费随事转”𠀁。");
  const hit = withQuotes({ u: "documents/a/#p1", d: { cite, quote: [start, end], cite_hant: cite, quote_hant: [start, end] } });
  assert.equal(hit.d.text, "他说“费随事转”𠀁。");
  assert.equal(hit.d.text_hant, hit.d.text);
});

test("hits are packed several to a gzipped file (§10): each number finds its own, a missing one is an error", async () => {
  const hit = (u) => ({ u, d: { cite: "《文》:“" + u + "”\n" + u, quote: [5, 5 + u.length], cite_hant: "x", quote_hant: [0, 1] } });
  const manifest = JSON.stringify({ version: "v", records: 3, documents: 1, buckets: 1, range: 2048, block: 128,
                                    fragments: 1, hits: 2, facets: [], t2s: "" });
  const seen = [];
  // Gzipped as the build writes them, or inflated already by a server that sent them with
  // Content-Encoding: gzip.
  const files = { "manifest.json": manifest, "r/0/0.json.gz": gzipSync(JSON.stringify([hit("a"), hit("b")])),
                  "r/1/1.json.gz": JSON.stringify([hit("c")]) };
  const e = await loader(httpSource(BASE, fakeFetch(files, seen)))();
  const got = await e.hitData([1, 2, 0]);
  assert.deepEqual(got.map((h) => [h.u, h.d.text]), [["b", "b"], ["c", "c"], ["a", "a"]]);
  assert.equal(seen.filter((s) => s.path.startsWith("r/")).length, 2);   // one fetch a file
  const missing = await e.hitData([3]).then(() => "resolved", (err) => err.reason);
  assert.equal(missing, "bytes");
});
