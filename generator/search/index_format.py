"""The clause search index: static files that a query fetches a few of.

Written once a build to ``site/search-index/`` and read by the search modules (``theme/assets/crosswalk/search/``) from Simplified and
Traditional pages alike.  Every part is split so that what a query fetches is bounded by
what it asks, not by the size of the corpus:

``manifest.json``
    Record and bucket counts, the facets, the Traditional → Simplified map that folds
    queries and postings, and the
    build's version (added to every other URL, so a reader never mixes two builds).
``b/<n>.bin``
    Posting lists of tokens (Han characters and bigrams, other letter runs), bucketed by
    FNV-1a hash of the token.  A query fetches one bucket per token.
``docs.bin``
    Per document, in rank order: its number of records and its values of the document-level
    facets (jurisdiction, level, genre, year).  Records are numbered in rank order, a
    document's records together, so this file alone filters and counts those facets.
``f/<facet>/<k>.bin``
    Posting lists of consecutive values of a record-level facet (topic, function, unit),
    packed about ``PACK_BYTES`` to a file (the manifest has each file's first value): fetched
    to filter by a value.  A file per value would be 100,000 files for the units of a
    national corpus, most of a few bytes.
``c/<facet>/<k>.bin``
    Every value of a record-level facet with its postings within one range of ``RANGE``
    records: fetched to count that facet over the records of a result that fall in the range.
``n/<facet>/<block>.json``
    Names of a facet's values, ``BLOCK`` to a file, in both scripts.
``r/<k>/<file>.json.gz``
    What a hit shows, in both scripts, and its URL, ``HITS`` records to a gzipped file:
    fetched for the hits on screen.

A posting list is a sorted list of record numbers, stored as varint gaps or, when that is
smaller, as a bitmap (so no list is larger than an eighth of a byte per record).
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import math
import shutil
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

# Boilerplate (``common_bigrams``), learned from the corpus by the rule of docs/closeness.md §2:
# the manifest lists it; closeness ranking (closeness.js) neither fetches nor scores it.
from generator.analysis.closeness import common_bigrams

DIR = "search-index"
BUCKET_BYTES = 2048      # target mean bucket size: a query's tokens fetch about this much each
RANGE = 2048             # records per facet-count range file
BLOCK = 128              # names per file
PACK_BYTES = 2048        # facet value postings per file, at least (one large list may exceed it)
FRAGMENT_FOLDER = 1000   # hit files per folder
# Hits a file: a national corpus of 100,000 records would otherwise be 100,000 files, past
# what a Pages site should hold.  Six make 16,667 files at 100,000 records (four made 25,000,
# half the site's files at 3,000 documents, which then held 53,000 of its 50,000), and gzip
# more text at once (hit files 9 % smaller at 300 documents); a cold draft (起草助手), whose
# candidates are scattered, fetches about a third more (crosswalk search-bench).
HITS = 6
DOC_FACETS = ("jurisdiction", "level", "genre", "year")
RECORD_FACETS = ("topic", "function", "unit")
GAPS, BITMAP = 0, 1


# --- posting lists ------------------------------------------------------------------------

def varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def encode_list(values: Sequence[int]) -> bytes:
    """A sorted list of distinct record numbers, as gaps or as a bitmap, whichever is smaller."""
    gaps = [values[0], *(b - a for a, b in zip(values, values[1:]))] if values else []
    out = bytearray([GAPS])
    varint(len(gaps), out)
    if gaps and max(gaps) < 0x80:   # the usual case for a list worth the choice: one byte a gap
        out += bytes(gaps)
    else:
        for g in gaps:
            varint(g, out)
    span = values[-1] - values[0] + 1 if values else 0
    if values and span // 8 + 4 < len(out):
        bitmap = bytearray(span // 8 + 1)
        base = values[0]
        for v in values:
            bitmap[(v - base) >> 3] |= 1 << ((v - base) & 7)
        out = bytearray([BITMAP])
        varint(base, out)
        varint(len(bitmap), out)
        out += bitmap
    return bytes(out)


def decode_list(data: bytes, pos: int = 0) -> tuple[list[int], int]:
    """``encode_list`` undone: the values and the position after them (the reader in index.js)."""
    kind, pos = data[pos], pos + 1
    if kind == GAPS:
        count, pos = read_varint(data, pos)
        values, last = [], 0
        for _ in range(count):
            gap, pos = read_varint(data, pos)
            last += gap
            values.append(last)
        return values, pos
    base, pos = read_varint(data, pos)
    size, pos = read_varint(data, pos)
    values = [base + 8 * k + bit for k, byte in enumerate(data[pos:pos + size]) for bit in range(8) if byte >> bit & 1]
    return values, pos + size


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        n |= (byte & 0x7F) << shift
        if byte < 0x80:
            return n, pos
        shift += 7


def bucket_of(token: str, buckets: int) -> int:
    """FNV-1a (32-bit) of the token's UTF-8, modulo the bucket count (also in index.js)."""
    h = 0x811C9DC5
    for byte in token.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % buckets


# --- what goes in ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One record as the index takes it; entries come in rank order, a document's together."""

    url: str                                  # relative to the site root
    doc: str                                  # the document it belongs to
    text: str                                 # what is searched (its tokens are made as it is indexed)
    shown: dict[str, str]                     # what a hit shows, keys with ``_hant`` for Traditional
    facets: dict[str, list[str]] = field(default_factory=dict)   # facet → value ids


@dataclass(frozen=True)
class Value:
    """A facet value: its id (in URLs), its name in both scripts, where it sits in the list."""

    id: str
    name: str
    name_hant: str
    rank: int = 0     # the order of facets listed in their own order (topics, levels, years)
    depth: int = 0    # a topic's depth under the taxonomy's roots


# --- writing -----------------------------------------------------------------------------------

def write(entries: Iterable[Entry], values: dict[str, list[Value]], t2s: str, out_dir: Path,
          tokenise: Callable[[str], Iterable[str]]) -> dict:
    """Write the index for ``entries`` to ``out_dir``; return its manifest.  ``tokenise``
    gives the distinct tokens a record's text is indexed under, folded by the map ``t2s``
    (the manifest's, as pairs) that queries are folded by.

    Entries are read once, in order, and dropped once indexed: a hit file is written as it
    fills, and only what the posting lists, the facets and ``docs.bin`` need is kept (at
    100,000 records, every entry held at once made most of the index's memory)."""
    shutil.rmtree(out_dir, ignore_errors=True)
    out = _Files(out_dir)
    by_id = {name: sorted(vals, key=lambda v: v.id) for name, vals in values.items()}   # value numbers
    numbered = {name: {v.id: n for n, v in enumerate(ordered)} for name, ordered in by_id.items()}
    kept = _Kept(numbered, tokenise)
    hits = _write_hits(entries, kept, out)
    buckets, common = _write_postings(kept.postings, kept.records, out)
    out.put("docs.bin", _docs(kept.docs))
    packs = {}
    for name in RECORD_FACETS:
        lists = kept.facets.pop(name)   # dropped once written
        packs[name] = _write_packs(name, lists, out)
        for k, in_range in enumerate(_by_range(lists, kept.records)):
            out.put(f"c/{name}/{k}.bin", _range_counts(in_range))
    facets = []
    for name in (*DOC_FACETS, *RECORD_FACETS):
        ordered = by_id[name]
        for b in range(0, len(ordered), BLOCK):
            out.put(f"n/{name}/{b // BLOCK}.json", _json([[v.id, v.name, v.name_hant, v.rank, v.depth]
                                                          for v in ordered[b:b + BLOCK]]))
        facets.append({"name": name, "scope": "doc" if name in DOC_FACETS else "record", "values": len(ordered),
                       "first": [v.id for v in ordered[::BLOCK]], **({"packs": packs[name]} if name in packs else {})})
    out.hash_written(hits)
    manifest = {"version": out.digest.hexdigest()[:12], "records": kept.records,
                "documents": len(kept.docs), "buckets": buckets, "range": RANGE, "block": BLOCK,
                "fragments": FRAGMENT_FOLDER, "hits": HITS, "facets": facets, "t2s": t2s, "common": common}
    out.put("manifest.json", _json(manifest))
    return manifest


class _Kept:
    """What the index keeps of the entries as they go by: each token's records, each
    record-level facet value's records, and per document its record count and its
    document-level facet value numbers."""

    def __init__(self, numbered: dict[str, dict[str, int]], tokenise: Callable[[str], Iterable[str]]):
        self.numbered = numbered
        self.tokenise = tokenise
        self.records = 0
        # Record numbers as 4-byte machine integers: half a list's 8-byte pointers.
        self.postings: dict[str, array] = defaultdict(partial(array, "I"))
        self.facets: dict[str, list[list[int]]] = {name: [[] for _ in numbered[name]] for name in RECORD_FACETS}
        self.docs: list[list] = []   # [doc, record count, document-level value numbers + 1]
        self._doc_ids: set[str] = set()

    def add(self, e: Entry) -> None:
        n = self.records
        # A record's tokens are made here and dropped once counted: kept for every record, the
        # token strings alone took most of a gigabyte at 33,000 records.
        for token in self.tokenise(e.text):
            self.postings[token].append(n)
        for name, lists in self.facets.items():
            for vid in e.facets.get(name, []):
                lists[self.numbered[name][vid]].append(n)
        self._count(e)
        self.records += 1

    def _count(self, e: Entry) -> None:
        if self.docs and self.docs[-1][0] == e.doc:
            self.docs[-1][1] += 1
            return
        if e.doc in self._doc_ids:
            raise ValueError("search index: a document's records must be given together")
        self._doc_ids.add(e.doc)
        # A document has at most one value of each document-level facet: its first.
        numbers = [self.numbered[name][ids[0]] + 1 if (ids := e.facets.get(name)) else 0 for name in DOC_FACETS]
        self.docs.append([e.doc, 1, numbers])


def _write_hits(entries: Iterable[Entry], kept: _Kept, out: _Files) -> list[str]:
    """Each entry given to ``kept`` and its hit written as its file fills; returns the hit
    files' paths, in order (the version hashes them last, §13 of docs/search-format.md)."""
    paths: list[str] = []
    pack: list[dict] = []
    for e in entries:
        kept.add(e)
        pack.append({"u": e.url, "d": e.shown})
        if len(pack) == HITS:
            paths.append(_write_hit_file(pack, len(paths), out))
            pack = []
    if pack:
        paths.append(_write_hit_file(pack, len(paths), out))
    return paths


def _write_hit_file(pack: list[dict], k: int, out: _Files) -> str:
    """A pack of hits, gzipped: hits are most of the index's bytes and shrink to about a
    third (at national scale, 150 MB of a Pages site's 1 GB otherwise).  No time in the header, so
    the same hits give the same bytes and the same version."""
    path = f"r/{k // FRAGMENT_FOLDER}/{k}.json.gz"
    out.put(path, gzip.compress(_json(pack), compresslevel=9, mtime=0), hashed=False)
    return path


class _Files:
    """Writes the index's files as they are made (at 100,000 records they are 100 MB), and
    hashes them in the order written, which is the same on every build, for the version."""

    def __init__(self, root: Path):
        self.root = root
        self.digest = hashlib.sha256()
        self.folders: set[Path] = set()

    def put(self, path: str, data: bytes, hashed: bool = True) -> None:
        """Write a file; ``hashed=False`` leaves it for ``hash_written`` (hit files are
        written first, as the entries come, and hashed last)."""
        target = self.root / path
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        target.write_bytes(data)
        if hashed:
            self._hash(path, data)

    def hash_written(self, paths: Iterable[str]) -> None:
        """Hash files already written, read back (from the page cache: they were just written)."""
        for path in paths:
            self._hash(path, (self.root / path).read_bytes())

    def _hash(self, path: str, data: bytes) -> None:
        self.digest.update(path.encode() + b"\0" + len(data).to_bytes(8, "big") + data)


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write_postings(postings: dict[str, array], records: int, out: _Files) -> tuple[int, list[str]]:
    """Bucket files of every token's posting list; returns the bucket count and the common
    bigrams (``common_bigrams``).  ``postings`` is emptied as it is encoded, and each
    encoded list dropped once its bucket is written, so at most one form of the lists is
    held whole."""
    common = common_bigrams({t: len(lst) for t, lst in postings.items()}, records)
    encoded = {token: encode_list(postings.pop(token)) for token in sorted(postings)}
    total = sum(len(t.encode()) + len(v) + 1 for t, v in encoded.items())
    count = max(1, math.ceil(total / BUCKET_BYTES))
    tokens: list[list[str]] = [[] for _ in range(count)]   # each bucket's tokens, sorted
    for token in encoded:
        tokens[bucket_of(token, count)].append(token)
    for k, in_bucket in enumerate(tokens):
        bucket = bytearray()
        for token in in_bucket:
            key = token.encode("utf-8")
            varint(len(key), bucket)
            bucket += key
            bucket += encoded.pop(token)
        out.put(f"b/{k}.bin", bytes(bucket))
    return count, common



def _docs(docs: list[list]) -> bytes:
    """Per document: its record count, then each document-level facet's value number + 1 (0: none)."""
    out = bytearray()
    varint(len(docs), out)
    for _, count, numbers in docs:
        varint(count, out)
        for number in numbers:
            varint(number, out)
    return bytes(out)


def _write_packs(name: str, lists: list[list[int]], out: _Files) -> list[int]:
    """The value postings of a facet, consecutive values packed together; returns each
    file's first value number."""
    firsts: list[int] = []
    pack = bytearray()
    for n, lst in enumerate(lists):
        if not pack:
            firsts.append(n)
        pack += encode_list(lst)
        if len(pack) >= PACK_BYTES or n == len(lists) - 1:
            out.put(f"f/{name}/{len(firsts) - 1}.bin", bytes(pack))
            pack = bytearray()
    return firsts


def _by_range(lists: list[list[int]], records: int) -> list[dict[int, list[int]]]:
    """The value lists cut into ranges of ``RANGE`` records: per range, value number → its
    records there (values in order), in one pass over the lists."""
    ranges: list[dict[int, list[int]]] = [{} for _ in range(0, records, RANGE)]
    for value, lst in enumerate(lists):
        for n in lst:
            ranges[n // RANGE].setdefault(value, []).append(n)
    return ranges


def _range_counts(in_range: dict[int, list[int]]) -> bytes:
    """How many of a facet's values occur in the range, then each one's number (as a gap from
    the previous) and its postings in the range."""
    out = bytearray()
    varint(len(in_range), out)
    last = 0
    for n, lst in in_range.items():
        varint(n - last, out)
        last = n
        out += encode_list(lst)
    return bytes(out)


# --- reading (tests and tools; the search modules are the reader that matters) -----------------------------

def read_postings(out_dir: Path) -> dict[str, list[int]]:
    """Every token's records, read back from the bucket files."""
    out: dict[str, list[int]] = {}
    for path in (out_dir / "b").iterdir():
        data, pos = path.read_bytes(), 0
        while pos < len(data):
            size, pos = read_varint(data, pos)
            key, pos = data[pos:pos + size].decode("utf-8"), pos + size
            out[key], pos = decode_list(data, pos)
    return out


def read_docs(out_dir: Path) -> list[dict]:
    """``docs.bin`` read back: per document, its records' numbers and its facet value numbers."""
    data = (out_dir / "docs.bin").read_bytes()
    count, pos = read_varint(data, 0)
    docs, first = [], 0
    for _ in range(count):
        size, pos = read_varint(data, pos)
        doc: dict[str, range | int | None] = {"records": range(first, first + size)}
        for name in DOC_FACETS:
            value, pos = read_varint(data, pos)
            doc[name] = value - 1 if value else None
        docs.append(doc)
        first += size
    return docs


def read_pack(out_dir: Path, name: str, firsts: list[int], value: int) -> list[int]:
    """One facet value's records, read back from its pack."""
    k = bisect.bisect_right(firsts, value) - 1
    data, pos = (out_dir / "f" / name / f"{k}.bin").read_bytes(), 0
    for _ in range(value - firsts[k]):
        _, pos = decode_list(data, pos)
    return decode_list(data, pos)[0]


def read_range(out_dir: Path, k: int) -> dict[str, dict[int, list[int]]]:
    """The range files ``c/<facet>/<k>.bin`` read back: facet → value number → its records in the range."""
    out: dict[str, dict[int, list[int]]] = {}
    for name in RECORD_FACETS:
        data = (out_dir / "c" / name / f"{k}.bin").read_bytes()
        count, pos = read_varint(data, 0)
        out[name], value = {}, 0
        for _ in range(count):
            gap, pos = read_varint(data, pos)
            value += gap
            out[name][value], pos = decode_list(data, pos)
    return out
