// Reading search-index/ (docs/search-format.md): varints, posting lists, buckets, docs.bin,
// facet packs, names and hit records, fetched a few files at a time.  The fetch function is
// injected, so that Node reads the same files from disk (tests/js/parity.mjs).

import { charMap } from "./tokenizer.js";
import { jsonOf } from "../gunzip.js";

// Why a search could not be answered: the file, and "network", "status" or "bytes".
export class SearchIndexError extends Error {
  constructor(path, reason, detail) {
    super("search index: " + path + ": " + reason + (detail ? " (" + detail + ")" : ""));
    this.name = "SearchIndexError";
    this.path = path;
    this.reason = reason;
  }
}

// A cursor over one file's bytes.  Reading past the end, or a list of an unknown kind, is
// an error ("bytes"): a truncated or foreign file must not read as an empty one.
export class Reader {
  constructor(bytes, pos, path) {
    this.b = bytes;
    this.p = pos || 0;
    this.path = path || "";
  }

  fail(what) {
    throw new SearchIndexError(this.path, "bytes", what + " at " + this.p);
  }

  byte() {
    if (this.p >= this.b.length) this.fail("unexpected end");
    return this.b[this.p++];
  }

  // LEB128: seven bits a byte, least significant first (§1).
  varint() {
    let n = 0, mul = 1, byte;
    do {
      byte = this.byte();
      n += (byte & 0x7f) * mul;
      mul *= 128;
      if (mul > 2 ** 49) this.fail("varint too long");
    } while (byte >= 0x80);
    return n;
  }

  // A posting list (§3): gaps (kind 0) or a bitmap (kind 1), as a sorted Uint32Array.
  list() {
    const kind = this.byte();
    if (kind === 0) {
      const n = this.varint();
      if (n > this.b.length - this.p) this.fail("list longer than its file");
      const out = new Uint32Array(n);
      for (let last = 0, k = 0; k < n; k++) { last += this.varint(); out[k] = last; }
      return out;
    }
    if (kind !== 1) this.fail("posting list of kind " + kind);
    const base = this.varint(), size = this.varint(), values = [];
    if (size > this.b.length - this.p) this.fail("bitmap longer than its file");
    for (let i = 0; i < size; i++) {
      for (let byte = this.b[this.p + i], bit = 0; byte; bit++, byte >>= 1) if (byte & 1) values.push(base + 8 * i + bit);
    }
    this.p += size;
    return Uint32Array.from(values);
  }

  skipList() {
    const kind = this.byte();
    if (kind === 0) {
      for (let n = this.varint(); n > 0; n--) this.varint();
      return;
    }
    if (kind !== 1) this.fail("posting list of kind " + kind);
    this.varint();
    const size = this.varint();
    if (size > this.b.length - this.p) this.fail("bitmap longer than its file");
    this.p += size;
  }

  bytes(size) {
    if (size > this.b.length - this.p) this.fail("unexpected end");
    const out = this.b.subarray(this.p, this.p + size);
    this.p += size;
    return out;
  }

  get done() {
    return this.p >= this.b.length;
  }
}

// FNV-1a (32-bit) over UTF-8 (§5).
const ENCODER = new TextEncoder();
export function fnv1a(token) {
  let h = 0x811c9dc5;
  for (const byte of ENCODER.encode(token)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

export function bucketOf(token, buckets) {
  return fnv1a(token) % buckets;
}

// Files of the index at `base` (a URL ending in /), through `fetchImpl`.  The manifest is
// revalidated on every load; every other file carries its build's version (§13).  Every
// failure (no answer, a status other than 2xx, bytes that do not parse) rejects with a
// SearchIndexError.
export function httpSource(base, fetchImpl) {
  const get = (path, init) => Promise.resolve()
    .then(() => fetchImpl(new URL(path, base).href, init))
    .catch((err) => { throw new SearchIndexError(path, "network", err && err.message); })
    .then((response) => {
      if (!response.ok) throw new SearchIndexError(path, "status", String(response.status));
      return response;
    });
  // JSON files, the hit packs gzipped (§10): read as bytes and inflated here, not by the
  // server.
  const parse = (path, response) => response.arrayBuffer().then((b) => jsonOf(new Uint8Array(b)))
    .catch((err) => { throw new SearchIndexError(path, "bytes", err && err.message); });
  return {
    manifest: () => get("manifest.json", { cache: "no-cache" }).then((r) => parse("manifest.json", r)),
    bytes: (path, version) => get(path + "?v=" + version).then((r) => r.arrayBuffer())
      .then((b) => new Uint8Array(b), (err) => {
        throw err instanceof SearchIndexError ? err : new SearchIndexError(path, "network", err && err.message);
      }),
    json: (path, version) => get(path + "?v=" + version).then((r) => parse(path, r)),
  };
}

// An index loader: the first call fetches the manifest, later calls share it; a failed
// load is forgotten, so that the next search tries again.
export function loader(source, options) {
  let engine = null;
  return function load() {
    if (!engine) {
      engine = source.manifest().then((m) => new Engine(m, source, options));
      engine.catch(() => { engine = null; });
    }
    return engine;
  };
}

const DECODER = new TextDecoder("utf-8", { fatal: true });

// One build's index: its manifest, and its files read as a search needs them.
export class Engine {
  constructor(manifest, source, options) {
    if (!manifest || !Array.isArray(manifest.facets) || !(manifest.buckets >= 1)) {
      throw new SearchIndexError("manifest.json", "bytes", "not a search index manifest");
    }
    this.m = manifest;
    this.source = source;
    this.hant = Boolean(options && options.hant);   // names in Traditional
    this.map = charMap(manifest.t2s);
    this.facets = {};
    this.docFacets = [];   // the document-level facets, in the order docs.bin holds them
    for (const f of manifest.facets) {
      this.facets[f.name] = f;
      if (f.scope === "doc") this.docFacets.push(f.name);
    }
    this.files = new Map();
    this.docs = null;
    this.all = null;
  }

  // A file, fetched once; a failure is not kept, so that a later search fetches it again.
  cached(key, make) {
    if (!this.files.has(key)) {
      const got = make();
      this.files.set(key, got);
      got.catch(() => { if (this.files.get(key) === got) this.files.delete(key); });
    }
    return this.files.get(key);
  }

  bytes(path) {
    return this.cached(path, () => this.source.bytes(path, this.m.version));
  }

  json(path) {
    return this.cached("json:" + path, () => this.source.json(path, this.m.version));
  }

  // The records holding a token: read from its bucket (§5).
  postings(token) {
    const path = "b/" + bucketOf(token, this.m.buckets) + ".bin";
    return this.bytes(path).then((bytes) => {
      const r = new Reader(bytes, 0, path);
      while (!r.done) {
        let key;
        try { key = DECODER.decode(r.bytes(r.varint())); } catch (err) {
          throw err instanceof SearchIndexError ? err : new SearchIndexError(path, "bytes", "token not UTF-8");
        }
        if (key === token) return r.list();
        r.skipList();
      }
      return new Uint32Array(0);
    });
  }

  // Per document, its first record and its document-level facet values (value number + 1) (§6).
  loadDocs() {
    if (!this.docs) {
      this.docs = this.bytes("docs.bin").then((bytes) => {
        const r = new Reader(bytes, 0, "docs.bin"), n = r.varint(), names = this.docFacets;
        if (n > bytes.length) r.fail("more documents than bytes");
        const start = new Uint32Array(n + 1), values = {}, recordDoc = new Uint32Array(this.m.records);
        for (const f of names) values[f] = new Uint32Array(n);
        for (let d = 0; d < n; d++) {
          start[d + 1] = start[d] + r.varint();
          if (start[d + 1] > this.m.records) r.fail("more records than the manifest's");
          recordDoc.fill(d, start[d], start[d + 1]);
          for (const f of names) values[f][d] = r.varint();
        }
        if (start[n] !== this.m.records) r.fail("fewer records than the manifest's");
        return { start, values, recordDoc };
      });
      this.docs.catch(() => { this.docs = null; });
    }
    return this.docs;
  }

  // A facet value's number from its id (§7): the manifest has the first id of every names file.
  ordinal(facet, id) {
    const info = this.facets[facet];
    let block = -1;
    if (!info) return Promise.resolve(-1);
    for (let i = 0; i < info.first.length && info.first[i] <= id; i++) block = i;
    if (block < 0) return Promise.resolve(-1);
    const size = this.m.block;
    return this.json("n/" + facet + "/" + block + ".json").then((names) => {
      for (let k = 0; k < names.length; k++) if (names[k][0] === id) return block * size + k;
      return -1;
    });
  }

  // The records of one value of a record-level facet, from the pack that holds it (§8).
  valueList(facet, n) {
    const packs = this.facets[facet].packs;
    let k = 0;
    while (k + 1 < packs.length && packs[k + 1] <= n) k++;
    const path = "f/" + facet + "/" + k + ".bin";
    return this.bytes(path).then((bytes) => {
      const r = new Reader(bytes, 0, path);
      for (let skip = n - packs[k]; skip > 0; skip--) r.skipList();
      return r.list();
    });
  }

  // One range file of a record-level facet (§9): [[value number, records], …].
  rangeFile(facet, k) {
    const path = "c/" + facet + "/" + k + ".bin";
    return this.bytes(path).then((bytes) => {
      const r = new Reader(bytes, 0, path), out = [];
      for (let n = r.varint(), value = 0; n > 0; n--) {
        value += r.varint();
        out.push([value, r.list()]);
      }
      return out;
    });
  }

  // Names of values by number: {number: {id, name, rank, depth}}, name in the page's script.
  names(facet, numbers) {
    const size = this.m.block, blocks = new Set();
    for (const n of numbers) blocks.add(Math.floor(n / size));
    return Promise.all(Array.from(blocks, (b) => this.json("n/" + facet + "/" + b + ".json").then((names) => [b, names])))
      .then((got) => {
        const out = {};
        for (const [b, names] of got) {
          names.forEach((v, k) => {
            out[b * size + k] = { id: v[0], name: this.hant ? v[2] : v[1], rank: v[3], depth: v[4] };
          });
        }
        return out;
      });
  }

  // What the hits show (§10): `hits` to a gzipped file.
  hitData(numbers) {
    const per = this.m.hits, folder = this.m.fragments;
    return Promise.all(Array.from(numbers, (n) => {
      const k = Math.floor(n / per), path = "r/" + Math.floor(k / folder) + "/" + k + ".json.gz";
      return this.json(path).then((pack) => {
        const hit = Array.isArray(pack) ? pack[n - k * per] : undefined;
        if (!hit) throw new SearchIndexError(path, "bytes", "no record " + n);
        return withQuotes(hit);
      });
    }));
  }

  // Every record, made once: what a search with no terms and no filters is counted over.
  every() {
    if (!this.all) {
      this.all = new Uint32Array(this.m.records);
      for (let i = 0; i < this.all.length; i++) this.all[i] = i;
    }
    return this.all;
  }
}


// §10: a hit file holds each script's quote as its place in that script's citation, where
// its quotation marks sit one level down (“” ↔ ‘’) and a source error is followed by
// 〔原文如此〕; the text is cut out, turned back and the marks taken out.
const QUOTED = [["text", "quote", "cite"], ["text_hant", "quote_hant", "cite_hant"]];
const NEST = { "“": "‘", "”": "’", "‘": "“", "’": "”" };
const SIC = "〔原文如此〕";

export function quoteOf(cite, span) {
  return Array.from(cite).slice(span[0], span[1]).map((ch) => NEST[ch] || ch).join("").split(SIC).join("");
}

export function withQuotes(hit) {
  const d = hit && hit.d;
  if (!d) return hit;
  for (const [text, place, cite] of QUOTED) {
    if (d[text] === undefined && Array.isArray(d[place]) && typeof d[cite] === "string") {
      d[text] = quoteOf(d[cite], d[place]);
    }
  }
  return hit;
}
