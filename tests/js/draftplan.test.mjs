// draftplan.js: a whole draft on one fetch plan.  A small index written here by hand (format
// §3, §5, §10) and read through index.js's Engine, so that every file asked for is seen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";

import { bucketOf, httpSource, loader, SearchIndexError } from "../../theme/assets/crosswalk/search/index.js";
import { rankSentence } from "../../theme/assets/crosswalk/search/closeness.js";
import { rankDraft } from "../../theme/assets/crosswalk/search/draftplan.js";

const TEXTS = [
  "建立社区工作事项准入制度，不得将行政事务转嫁给社区。",
  "实行社区工作事项准入制度，各部门不得随意摊派。",
  "新建住宅小区应当配建社区用房，面积不低于三百平方米。",
  "村规民约每三年修订一次，报乡镇人民政府备案。",
  "健全社区应急管理体系，每年开展应急演练。",
];
const BUCKETS = 61;   // enough that the sentences share few buckets
const DRAFT = ["各地要建立社区工作事项准入制度。", "新建住宅小区要配建社区用房。", "村规民约要定期修订并备案。"];

// Type-0 posting lists of every Han bigram within a run (§3, §4), in buckets by FNV-1a (§5).
function indexFiles() {
  const lists = new Map();
  TEXTS.forEach((text, n) => {
    for (const run of text.split(/[，。]/)) {
      const cs = Array.from(run);
      for (let i = 0; i + 1 < cs.length; i++) {
        const t = cs[i] + cs[i + 1];
        if (!lists.has(t)) lists.set(t, []);
        if (!lists.get(t).includes(n)) lists.get(t).push(n);
      }
    }
  });
  const buckets = Array.from({ length: BUCKETS }, () => []);
  for (const t of Array.from(lists.keys()).sort()) {
    const key = Array.from(new TextEncoder().encode(t));
    const ns = lists.get(t);
    buckets[bucketOf(t, BUCKETS)].push(key.length, ...key, 0, ns.length, ...ns.map((n, k) => n - (k ? ns[k - 1] : 0)));
  }
  const files = { "manifest.json": JSON.stringify({ version: "v1", records: TEXTS.length, documents: 1, buckets: BUCKETS,
    range: 2048, block: 128, fragments: 1000, hits: 1, facets: [], t2s: "", common: ["社区", "制度"] }) };
  buckets.forEach((b, k) => { files["b/" + k + ".bin"] = Uint8Array.from(b); });
  TEXTS.forEach((text, n) => {
    files["r/0/" + n + ".json.gz"] = gzipSync(JSON.stringify([{ u: "documents/d/#r" + n, d: { text, text_hant: text } }]));
  });
  return files;
}

// An engine whose fetches are logged in order; `slow` paths answer after `ms`.
async function open(slow = {}, files = indexFiles()) {
  const asked = [];
  const fetchImpl = async (url) => {
    const path = new URL(url).pathname.replace(/^\/index\//, "");
    asked.push(path);
    if (slow[path]) await new Promise((resolve) => setTimeout(resolve, slow[path]));
    const got = files[path];
    if (got === undefined) return new Response(null, { status: 404 });
    return new Response(got);
  };
  const engine = await loader(httpSource("https://example.org/index/", fetchImpl))();
  return { engine, asked };
}

const brief = (r) => [r.verdict, r.hits.map((h) => [h.n, h.coverage])];

// The files a sentence asks for when it is ranked on its own, on a fresh engine.
async function filesOf(sentence) {
  const { engine, asked } = await open();
  await rankSentence(engine, sentence, {});
  return asked.filter((p) => p !== "manifest.json");
}
const bucketsOf = async (sentence) => (await filesOf(sentence)).filter((p) => p.startsWith("b/"));

test("a draft ranked on one plan lists what each sentence ranked on its own lists", async () => {
  const { engine } = await open();
  const alone = [];
  for (const s of DRAFT) alone.push(brief(await rankSentence(engine, s, {})));
  const fresh = await open();
  const together = (await rankDraft(fresh.engine, DRAFT, {})).map(brief);
  assert.deepEqual(together, alone);
  // The draft's precedents, by hand: records 0 and 1, 2, 3.
  assert.deepEqual(together.map(([, hits]) => hits.map(([n]) => n).sort()), [[0, 1], [2], [3]]);
  // Filters reach every sentence: without record 2, the second sentence has no precedent.
  const allowed = Uint8Array.from([1, 1, 0, 1, 1]);
  const filtered = (await rankDraft((await open()).engine, DRAFT, { allowed })).map(brief);
  assert.deepEqual(filtered.map(([, hits]) => hits.map(([n]) => n).sort()), [[0, 1], [], [3]]);
});

test("each file is fetched once, however many sentences need it", async () => {
  const { engine, asked } = await open();
  const twice = [DRAFT[0], DRAFT[0].replace("各地要", "全市"), DRAFT[1]];
  await rankDraft(engine, twice, {});
  assert.ok(asked.length > 3);
  assert.equal(new Set(asked).size, asked.length, asked);
  // The files asked for are those the sentences ask for on their own, together.
  const apart = new Set();
  for (const s of twice) for (const p of await filesOf(s)) apart.add(p);
  assert.deepEqual(asked.filter((p) => p !== "manifest.json").sort(), Array.from(apart).sort());
  assert.ok(asked.length < (await filesOf(twice[0])).length + (await filesOf(twice[1])).length + (await filesOf(twice[2])).length);
});

test("sentences are handed over in order as they are ranked; the first one's precedents are asked for first", async () => {
  // The first sentence's buckets answer slowly, the second's more slowly: the third is
  // ranked before the second, but is shown only after it.
  const firstBuckets = await bucketsOf(DRAFT[0]), own = new Set(firstBuckets);
  const second = (await bucketsOf(DRAFT[1])).filter((p) => !own.has(p));
  assert.ok(second.length);
  const slow = Object.fromEntries([...firstBuckets.map((p) => [p, 20]), ...second.map((p) => [p, 80])]);
  const { engine, asked } = await open(slow);
  const heard = [];
  const ranked = await rankDraft(engine, DRAFT, {}, (k, r) => heard.push([k, r.text]));
  assert.deepEqual(heard, DRAFT.map((s, k) => [k, s]));
  assert.deepEqual(ranked.map((r) => r.text), DRAFT);
  // The first sentence's hit files go before any bucket only the later sentences need.
  const laterBucket = asked.findIndex((p) => p.startsWith("b/") && !own.has(p));
  const firstHit = asked.findIndex((p) => p.startsWith("r/"));
  assert.ok(firstHit >= 0 && laterBucket > firstHit, asked);
});

test("a file that cannot be had fails the draft with its reason; an empty draft asks for nothing", async () => {
  const files = indexFiles();
  delete files[(await bucketsOf(DRAFT[2]))[0]];
  const { engine } = await open({}, files);
  await assert.rejects(rankDraft(engine, DRAFT, {}), (err) => err instanceof SearchIndexError && err.reason === "status");
  const idle = await open();
  assert.deepEqual(await rankDraft(idle.engine, [], {}), []);
  assert.deepEqual(idle.asked, ["manifest.json"]);
});
