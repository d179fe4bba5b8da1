"""A reader of ``search-index/`` written from ``docs/search-format.md`` alone.

It imports nothing from ``generator/``: where it agrees with the index the build writes,
the specification is enough to write a compatible reader.  Section numbers (§) are those
of the specification.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# --- §1 varints and §3 posting lists -------------------------------------------------------------

GAPS, BITMAP = 0, 1


def varint(data: bytes, pos: int) -> tuple[int, int]:
    """The unsigned integer at ``pos`` (seven bits a byte, least significant first) and the position after it."""
    n = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        n |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return n, pos
        shift += 7


def posting_list(data: bytes, pos: int) -> tuple[list[int], int, int]:
    """The list at ``pos``: its record numbers, the position after it and its kind (0 gaps, 1 bitmap)."""
    kind, pos = data[pos], pos + 1
    if kind == GAPS:
        count, pos = varint(data, pos)
        out, last = [], 0
        for _ in range(count):
            gap, pos = varint(data, pos)
            last += gap
            out.append(last)
        return out, pos, kind
    if kind != BITMAP:
        raise ValueError(f"posting list of unknown kind {kind} at {pos - 1}")
    base, pos = varint(data, pos)
    size, pos = varint(data, pos)
    out = [base + 8 * i + j for i in range(size) for j in range(8) if data[pos + i] >> j & 1]
    return out, pos + size, kind


# --- §5 the hash --------------------------------------------------------------------------------

def fnv1a(token: str) -> int:
    h = 0x811C9DC5
    for byte in token.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) % 2 ** 32
    return h


# --- §4 tokens -----------------------------------------------------------------------------------

HAN_RANGES = ((0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


def is_han(ch: str) -> bool:
    return any(a <= ord(ch) <= b for a, b in HAN_RANGES)


def pieces(text: str) -> list[tuple[str, bool]]:
    """NFKC, lower case; runs of letters and digits (categories L and N) cut into Han and other pieces."""
    out: list[tuple[str, bool]] = []
    piece, han = "", False
    for ch in unicodedata.normalize("NFKC", text).lower() + " ":
        if unicodedata.category(ch)[0] not in "LN":
            if piece:
                out.append((piece, han))
            piece = ""
            continue
        if piece and is_han(ch) != han:
            out.append((piece, han))
            piece = ""
        if not piece:
            han = is_han(ch)
        piece += ch
    return out


def record_tokens(text: str) -> set[str]:
    """What a record is indexed under: each Han character, each adjacent pair, each other piece."""
    out: set[str] = set()
    for piece, han in pieces(text):
        if han:
            out.update(piece)
            out.update(a + b for a, b in zip(piece, piece[1:]))
        else:
            out.add(piece)
    return out


def query_tokens(text: str) -> list[str]:
    """A query term's tokens: the pairs of a Han piece (a lone character itself), whole other pieces."""
    out: list[str] = []
    for piece, han in pieces(text):
        if not han:
            out.append(piece)
        elif len(piece) == 1:
            out.append(piece)
        else:
            out.extend(a + b for a, b in zip(piece, piece[1:]))
    return out


QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』')


# --- the index ----------------------------------------------------------------------------------

@dataclass
class Document:
    first: int                  # its first record's number
    count: int                  # its number of records
    values: dict[str, int | None]   # document-level facet → value number (None: no value)

    @property
    def records(self) -> range:
        return range(self.first, self.first + self.count)


@dataclass
class Index:
    root: Path
    manifest: dict = field(init=False)
    t2s: dict[str, str] = field(init=False)
    kinds: set[int] = field(default_factory=set)   # the posting list kinds read so far

    def __post_init__(self):
        self.manifest = json.loads((self.root / "manifest.json").read_bytes().decode("utf-8"))
        chars = list(self.manifest["t2s"])   # code points, not UTF-16 units
        if len(chars) % 2:
            raise ValueError("t2s holds an odd number of characters")
        self.t2s = dict(zip(chars[::2], chars[1::2]))
        self.facets = {f["name"]: f for f in self.manifest["facets"]}
        self.common = frozenset(self.manifest.get("common", []))   # §2: boilerplate bigrams

    def _bytes(self, path: str) -> bytes:
        return (self.root / path).read_bytes()

    def _json(self, path: str):
        return json.loads(self._bytes(path).decode("utf-8"))

    def _list(self, data: bytes, pos: int) -> tuple[list[int], int]:
        values, pos, kind = posting_list(data, pos)
        self.kinds.add(kind)
        return values, pos

    # §5 buckets
    def bucket_of(self, token: str) -> int:
        return fnv1a(token) % self.manifest["buckets"]

    def bucket(self, n: int) -> list[tuple[str, list[int]]]:
        """Every entry of ``b/<n>.bin``, in file order."""
        data, pos, out = self._bytes(f"b/{n}.bin"), 0, []
        while pos < len(data):
            size, pos = varint(data, pos)
            token, pos = data[pos:pos + size].decode("utf-8"), pos + size
            values, pos = self._list(data, pos)
            out.append((token, values))
        return out

    def postings(self, token: str) -> list[int]:
        for key, values in self.bucket(self.bucket_of(token)):
            if key == token:
                return values
        return []

    # §6 docs.bin
    def documents(self) -> list[Document]:
        names = [f["name"] for f in self.manifest["facets"] if f["scope"] == "doc"]
        data = self._bytes("docs.bin")
        count, pos = varint(data, 0)
        out, first = [], 0
        for _ in range(count):
            size, pos = varint(data, pos)
            values = {}
            for name in names:
                v, pos = varint(data, pos)
                values[name] = v - 1 if v else None
            out.append(Document(first, size, values))
            first += size
        if pos != len(data):
            raise ValueError("docs.bin: bytes after the last document")
        return out

    # §7 names
    def names(self, facet: str) -> list[list]:
        """Every value of ``facet`` by number: [id, name, name_hant, rank, depth]."""
        out: list[list] = []
        for k in range(len(self.facets[facet]["first"])):
            out += self._json(f"n/{facet}/{k}.json")
        return out

    def number(self, facet: str, value_id: str) -> int:
        """A value's number from its id, -1 when there is none (§7)."""
        first = self.facets[facet]["first"]
        k = max((i for i, f in enumerate(first) if f <= value_id), default=-1)
        if k < 0:
            return -1
        for i, entry in enumerate(self._json(f"n/{facet}/{k}.json")):
            if entry[0] == value_id:
                return k * self.manifest["block"] + i
        return -1

    # §8 packs
    def value_records(self, facet: str, n: int) -> list[int]:
        packs = self.facets[facet]["packs"]
        k = max(i for i, p in enumerate(packs) if p <= n)
        data, pos = self._bytes(f"f/{facet}/{k}.bin"), 0
        for _ in range(n - packs[k]):
            _, pos = self._list(data, pos)
        return self._list(data, pos)[0]

    def pack(self, facet: str, k: int) -> list[list[int]]:
        """Every list in ``f/<facet>/<k>.bin``, the whole file read."""
        data, pos, out = self._bytes(f"f/{facet}/{k}.bin"), 0, []
        while pos < len(data):
            values, pos = self._list(data, pos)
            out.append(values)
        return out

    # §9 ranges
    def range_count(self) -> int:
        return -(-self.manifest["records"] // self.manifest["range"])

    def range_file(self, facet: str, k: int) -> dict[int, list[int]]:
        data = self._bytes(f"c/{facet}/{k}.bin")
        count, pos = varint(data, 0)
        out, value = {}, 0
        for _ in range(count):
            gap, pos = varint(data, pos)
            value += gap
            out[value], pos = self._list(data, pos)
        if pos != len(data):
            raise ValueError(f"c/{facet}/{k}.bin: bytes after the last value")
        return out

    # §10 hits
    def hit(self, n: int) -> dict:
        """The hit file as stored, with each script's quote cut out of its citation (``text``,
        ``text_hant``) as §10 says."""
        m = self.manifest
        k = n // m["hits"]
        path = f"r/{k // m['fragments']}/{k}.json.gz"
        pack = json.loads(gzip.decompress(self._bytes(path)).decode("utf-8"))
        if not isinstance(pack, list) or not 0 <= n - k * m["hits"] < len(pack):
            raise ValueError(f"{path} does not hold record {n}")
        hit = pack[n - k * m["hits"]]
        d = hit["d"]
        for text, place, cite in (("text", "quote", "cite"), ("text_hant", "quote_hant", "cite_hant")):
            start, end = d[place]
            d[text] = d[cite][start:end].translate(_UNNEST).replace("〔原文如此〕", "")   # the citation's mark
        return hit

    # §11 queries
    def simplified(self, text: str) -> str:
        return "".join(self.t2s.get(ch, ch) for ch in text)

    def parse(self, raw: str) -> tuple[list[str], list[str]]:
        """A query's terms and its tokens (distinct, in order)."""
        terms: list[str] = []

        def take(m: re.Match) -> str:
            terms.append(next(g for g in m.groups() if g))
            return " "

        rest = QUOTED.sub(take, self.simplified(raw))
        terms = [t for t in terms + re.split(r"\s+", rest) if query_tokens(t)]
        tokens = list(dict.fromkeys(k for t in terms for k in query_tokens(t)))
        return terms, tokens

    def search(self, raw: str, filters: dict[str, list[str]] | None = None) -> list[int]:
        """The record numbers a query and filters find, in rank order (§11, §12)."""
        _, tokens = self.parse(raw)
        active = {f: ids for f, ids in (filters or {}).items() if ids and f in self.facets}
        if not tokens and not active:
            return []
        hits: set[int] | None = None
        for token in tokens:
            found = set(self.postings(token))
            hits = found if hits is None else hits & found
        for facet, ids in active.items():
            numbers = [n for n in (self.number(facet, i) for i in ids) if n >= 0]
            if self.facets[facet]["scope"] == "record":
                chosen = {r for n in numbers for r in self.value_records(facet, n)}
            else:
                chosen = {r for d in self.documents() if d.values[facet] in numbers for r in d.records}
            hits = chosen if hits is None else hits & chosen
        return sorted(hits)

    # §13 version
    def files_in_written_order(self) -> list[str]:
        m, out = self.manifest, [f"b/{n}.bin" for n in range(self.manifest["buckets"])]
        out.append("docs.bin")
        for f in m["facets"]:
            if f["scope"] == "record":
                out += [f"f/{f['name']}/{k}.bin" for k in range(len(f["packs"]))]
                out += [f"c/{f['name']}/{k}.bin" for k in range(self.range_count())]
        for f in m["facets"]:
            out += [f"n/{f['name']}/{k}.json" for k in range(len(f["first"]))]
        files = -(-m["records"] // m["hits"])
        out += [f"r/{k // m['fragments']}/{k}.json.gz" for k in range(files)]
        return out

    def version(self) -> str:
        digest = hashlib.sha256()
        for path in self.files_in_written_order():
            data = self._bytes(path)
            digest.update(path.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()[:12]


_UNNEST = str.maketrans({"“": "‘", "”": "’", "‘": "“", "’": "”"})   # §10: quotation marks one level up
