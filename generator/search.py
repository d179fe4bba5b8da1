"""The clause search index: one Pagefind record per corpus record, shared by both scripts.

Search is clause level (a hit is a record, linked to its anchor) and script-insensitive:
every record's text is indexed in Simplified (``script.normalise``), and the browser turns
the user's query into Simplified with a character map derived here from OpenCC.  The index
lives at ``site/pagefind/``; the query data (that map, and the index's most common tokens) at
``site/assets/crosswalk/search-query.json``.  Simplified and Traditional pages use both.

Chinese is indexed as overlapping character bigrams that this module makes (``tokens``), not
with Pagefind's own segmentation: Pagefind segments a ``zh`` record with a dictionary at
index time but the query with the browser's ``Intl.Segmenter``, and the two disagree (准入 is
one word in the index and 准|入 in the query), so 社区工作事项准入 and 红白理事会 found
nothing.  ``search.js`` makes the same tokens from the query.  Each record's meta holds what a
hit shows, in both scripts.  Filter values are ids (ASCII, the same in both scripts, safe in a
URL); the search page carries their names.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from .model import LEVEL_NAMES, Corpus, Record
from .pagefind_order import canonicalise
from .pages.documents import GENRE_NAMES, KIND_NAMES
from .script import to_script

log = logging.getLogger("mkdocs.plugins.crosswalk")

INDEX_DIR = "pagefind"
# What the browser needs to turn a query into index tokens: the Traditional → Simplified
# character map and the tokens too common to be worth fetching (see common_tokens).
QUERY_DATA = "assets/crosswalk/search-query.json"
# A token in at least this share of the records (and this many) is "common".
COMMON_SHARE = 0.02
COMMON_MIN = 20
COMMON_MAX = 3000
# The records are pre-tokenised (see ``tokens``): a language Pagefind neither segments nor
# stems keeps each token whole.
LANGUAGE = "und"
FILTERS = ("jurisdiction", "level", "genre", "topic", "function", "unit", "year")
CJK_UNIFIED = (0x4E00, 0x9FFF)
_ASCII_OR_CJK_UNIFIED = re.compile(f"[\x00-\x7f{chr(CJK_UNIFIED[0])}-{chr(CJK_UNIFIED[1])}]+")
# Records sent before waiting for Pagefind's replies.  Waiting for each reply in turn left
# Pagefind idle while Python read the reply and sent the next record, and Python idle while
# Pagefind indexed it.  The index is still the same on every build: each add writes its
# record to Pagefind's input before it first waits, so the records arrive in corpus order,
# and Pagefind indexes its input one message at a time.  A batch bounds what waits in the pipe.
IN_FLIGHT = 500
# Pagefind makes its own UI bundles too; the site uses only the search API (pagefind.js,
# its worker, the wasm and the index), so the unused UI files are not written.
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


@dataclass(frozen=True)
class SearchRecord:
    """What Pagefind stores for one clause (``add_custom_record``'s arguments)."""

    url: str                                   # relative to the site root: documents/<doc>/#<id>
    content: str                               # the searchable text, in Simplified
    meta: dict[str, str] = field(default_factory=dict)   # shown with a hit; stored as ``pagefind_meta``
    filters: dict[str, list[str]] = field(default_factory=dict)


# Pagefind 1.5 indexes every metadata value as searchable words.  What a hit shows (its
# text in both scripts, document, place) must not be: queries are matched against the
# bigram tokens of ``content`` only, so those words were dead weight (on the bundled
# corpus they more than doubled the index, 93 KB → 201 KB, and every query fetches index
# chunks).  So the fields go to Pagefind as one value, their UTF-8 JSON with each byte
# spelt as a Braille pattern (U+2800 + byte): symbols, which Pagefind's word splitter
# skips.  search.js reverses it (``shown``).
META_KEY = "d"
_BYTE_AS_BRAILLE = {b: chr(0x2800 + b) for b in range(256)}


def pagefind_meta(shown: dict[str, str]) -> dict[str, str]:
    data = json.dumps(shown, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return {META_KEY: data.decode("latin-1").translate(_BYTE_AS_BRAILLE)}


def shown_fields(meta: dict[str, str]) -> dict[str, str]:
    """``pagefind_meta`` undone (what search.js does in the browser)."""
    return json.loads(bytes(ord(ch) - 0x2800 for ch in meta[META_KEY]).decode("utf-8"))


# Han ideographs (the unified blocks, compatibility ideographs and 〇); the same ranges are
# written in search.js, which must tokenise queries exactly as records are tokenised here.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
_RUN = re.compile(r"[^\W_]+")
_PIECE = re.compile(f"[{HAN}]+|[^{HAN}]+")
_HAN_RUN = re.compile(f"[{HAN}]+")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def tokens(text: str) -> list[str]:
    """Search tokens: overlapping character bigrams of Han text, whole runs of other letters.

    Pagefind's own Chinese segmentation (a dictionary at index time, ``Intl.Segmenter`` in
    the browser) splits the same phrase differently on the two sides: 准入 is one word in
    the index and 准|入 in a query, so 社区工作事项准入 found nothing.  Bigrams are the same
    on both sides and need no dictionary; a query's bigrams, all present, find the records
    that contain the query (and, as a phrase, exactly those).
    """
    out: list[str] = []
    for run in _RUN.findall(unicodedata.normalize("NFKC", text).lower()):
        for piece in _PIECE.findall(run):
            if _HAN_RUN.fullmatch(piece):
                out.extend(_han_tokens(piece))
            else:
                out.append("z" + piece)
    return out


def _han_tokens(run: str) -> list[str]:
    """Overlapping bigrams of a run of Han characters; a lone character is its own token."""
    codes = [_han_code(ch) for ch in run]
    return [a + b for a, b in zip(codes, codes[1:])] or codes


@cache  # a few thousand distinct characters, each met thousands of times
def _han_code(ch: str) -> str:
    """A Han character spelt in ASCII: four base-36 digits; a bigram's token is its two codes.

    Pagefind runs ``Intl.Segmenter`` over every Chinese query and would cut a bigram such as
    事转, which is no dictionary word, into 事|转, but leaves an ASCII word whole.  A Han
    character's code starts with a digit (0–4) and every other token with ``z``, so the two
    never meet; plain letters and digits keep Pagefind from also indexing parts of a token.
    A lone character's token is a prefix of its bigrams', so a one-character query finds the
    bigrams that start with it.
    """
    n, code = ord(ch), ""
    for _ in range(4):
        n, d = divmod(n, 36)
        code = _DIGITS[d] + code
    return code


def record_url(record: Record) -> str:
    return f"documents/{record.doc_id}/#{record.id}"


def clause_text(record: Record) -> str:
    """What a hit shows and what is searched: title, text and responsible units, as printed."""
    text = record.title or ""
    if record.text:
        text += ("" if not text or text[-1] in _CLOSING else "。") + record.text
    if record.responsibility:
        text += f"(责任单位:{record.responsibility.raw})"
    return text


_CLOSING = "。;;:!?!?:"


def search_records(corpus: Corpus) -> list[SearchRecord]:
    """One search record per corpus record that says anything, in document order."""
    return _search_records(corpus, [r for doc in corpus.sorted_documents() for r in doc.walk() if clause_text(r)])


def search_record(corpus: Corpus, record: Record) -> SearchRecord:
    return _search_records(corpus, [record])[0]


def _search_records(corpus: Corpus, records: list[Record]) -> list[SearchRecord]:
    shown = [_shown(corpus, r) for r in records]
    # Every value in both scripts, converted together: OpenCC costs far more a call than a character.
    values = list(dict.fromkeys(v for fields in shown for v in fields.values()))
    scripts = dict(zip(values, zip(_convert_all(values, "hans"), _convert_all(values, "hant"))))
    return [_search_record(corpus, r, fields, scripts) for r, fields in zip(records, shown)]


def _shown(corpus: Corpus, record: Record) -> dict[str, str]:
    """Everything shown with a hit, as written in the source."""
    doc = corpus.documents[record.doc_id]
    # Where the clause sits: its printed number path, else its own or the nearest heading.
    label = record.label or record.heading or next((a.heading for a in reversed(record.ancestors) if a.heading), "")
    return {"doc": doc.title, "jurisdiction": corpus.jurisdictions[doc.jurisdiction].name, "label": label,
            "kind": KIND_NAMES.get(record.kind, record.kind), "text": clause_text(record)}


def _convert_all(texts: list[str], script: str) -> list[str]:
    """``to_script`` of each text, in one call: no OpenCC phrase spans a line break."""
    converted = to_script("\n".join(texts), script).split("\n")
    if len(converted) != len(texts):  # some text has line breaks of its own
        converted = [to_script(t, script) for t in texts]
    return converted


def _search_record(corpus: Corpus, record: Record, shown: dict[str, str],
                   scripts: dict[str, tuple[str, str]]) -> SearchRecord:
    doc = corpus.documents[record.doc_id]
    j = corpus.jurisdictions[doc.jurisdiction]
    meta = {}
    # In both scripts: a page shows the fields of its own script.
    for key, value in shown.items():
        meta[key], meta[f"{key}_hant"] = scripts[value]
    units = [corpus.units[u.unit] for u in (record.responsibility.units if record.responsibility else [])
             if u.unit in corpus.units]
    filters = {
        "jurisdiction": [j.id],
        "level": [j.level],
        "genre": [doc.genre],
        "topic": _with_ancestors(corpus, [t.id for t in corpus.topics_of(record)]),
        "function": sorted({u.function for u in units if u.function}),
        "unit": sorted({u.id for u in units}),
        "year": [str(doc.year)] if doc.year else [],
    }
    # Indexed in Simplified, the text shown to Simplified pages.
    return SearchRecord(url=record_url(record), content=" ".join(tokens(meta["text"])), meta=meta,
                        filters={k: v for k, v in filters.items() if v})


def _with_ancestors(corpus: Corpus, topic_ids: list[str]) -> list[str]:
    """A record mapped to a topic is found under every broader topic above it too."""
    out: set[str] = set()
    for tid in topic_ids:
        while tid and tid not in out:
            out.add(tid)
            tid = corpus.topics[tid].parent if tid in corpus.topics else None
    return sorted(out)


def filter_labels(corpus: Corpus) -> dict[str, list[dict]]:
    """Every filter value with its name (Simplified), in the order the search page lists them."""
    topic_depth = {t.id: _depth(corpus, t.id) for t in corpus.topics.values()}
    docs = corpus.sorted_documents()
    jurisdictions = list(dict.fromkeys(d.jurisdiction for d in docs))
    genres = [g for g in GENRE_NAMES if any(d.genre == g for d in docs)]
    years = sorted({d.year for d in docs if d.year}, reverse=True)
    return {
        "jurisdiction": [{"id": j, "name": corpus.jurisdictions[j].name} for j in jurisdictions],
        "level": [{"id": k, "name": v} for k, v in LEVEL_NAMES.items()],
        "genre": [{"id": g, "name": GENRE_NAMES[g]} for g in genres],
        "topic": [{"id": t.id, "name": t.name, "depth": topic_depth[t.id]} for t in _topic_order(corpus)],
        "function": [{"id": f.id, "name": f.name} for f in corpus.functions.values()],
        "unit": [{"id": u.id, "name": f"{u.name}({corpus.jurisdictions[u.jurisdiction].name})"
                  if u.jurisdiction in corpus.jurisdictions else u.name} for u in corpus.units.values()],
        "year": [{"id": str(y), "name": str(y)} for y in years],
    }


def _depth(corpus: Corpus, tid: str) -> int:
    depth = 0
    while corpus.topics[tid].parent in corpus.topics:
        tid = corpus.topics[tid].parent
        depth += 1
    return depth


def _topic_order(corpus: Corpus) -> list:
    """Topics depth first, as the taxonomy is written."""
    children: dict[str | None, list] = {}
    for t in corpus.topics.values():
        children.setdefault(t.parent if t.parent in corpus.topics else None, []).append(t)
    out, stack = [], list(reversed(children.get(None, [])))
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(reversed(children.get(t.id, [])))
    return out


# --- the Traditional → Simplified character map for queries ------------------------------

def char_map(extra: Iterable[str] = ()) -> dict[str, str]:
    """Traditional → Simplified for single characters, as OpenCC converts each one alone.

    Covers the CJK Unified Ideographs block and every character in ``extra`` (the corpus),
    keeping only characters that change.  A character map is enough for queries: T→S is
    almost always many-to-one, so no phrase context is needed to pick the Simplified form.
    """
    chars = {chr(c) for c in range(CJK_UNIFIED[0], CJK_UNIFIED[1] + 1)}
    # ASCII and the block's characters dropped first: most of the corpus, and slow to set one by one.
    chars.update(_ASCII_OR_CJK_UNIFIED.sub("", "".join(extra)))
    ordered = sorted(chars)
    return {t: s for t, s in zip(ordered, _convert_all(ordered, "hans")) if t != s and len(s) == 1}


def common_tokens(records: list[SearchRecord]) -> list[str]:
    """Tokens found in many records, most common first.

    Their posting lists are the largest files of the index (at 100,000 records 社区 occurs in
    most of them), yet they narrow a multi-word query least.  The browser leaves them out of
    a query that has rarer tokens, so that a query fetches only small parts of the index.
    """
    df: Counter = Counter()
    for r in records:
        df.update(set(r.content.split()))
    floor = max(COMMON_MIN, COMMON_SHARE * len(records))
    ranked = sorted(((n, t) for t, n in df.items() if n >= floor), key=lambda x: (-x[0], x[1]))
    return [t for _, t in ranked[:COMMON_MAX]]


def query_data(corpus: Corpus, records: list[SearchRecord]) -> bytes:
    # The characters a query may hold: the texts as written and as shown in Traditional.
    texts = [clause_text(r) for r in corpus.records.values()] + [r.meta["text_hant"] for r in records]
    texts += [d.title for d in corpus.documents.values()] + [j.name for j in corpus.jurisdictions.values()]
    mapping = char_map(texts)
    # One string of pairs keeps the map small (≈ 6 bytes a pair) and quick to parse.
    data = {"t2s": "".join(t + s for t, s in sorted(mapping.items())), "common": common_tokens(records)}
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# --- writing ------------------------------------------------------------------------------

class _Service(PagefindService):
    """Pagefind's service, sending and reading messages without the stock client's overheads.

    The stock reader sleeps 0.1 s before reading each reply, so records added one at a time
    cost 0.1 s each (Pagefind issue #976): 100,000 records would take three hours.  It also
    stops at a reply longer than 2 MiB, and the reply that carries the whole bundle
    (``get_files``) is far longer.  The stock sender formats every request and reply into
    debug messages, logged or not, which cost more than sending a record.
    """

    async def send(self, payload: dict) -> dict:
        self._message_id += 1
        future = self._loop.create_future()
        self._responses[self._message_id] = future
        request = json.dumps({"message_id": self._message_id, "payload": payload}, ensure_ascii=False)
        self._backend.stdin.write(base64.b64encode(request.encode("utf-8")) + b",")
        await self._backend.stdin.drain()
        return await future

    async def _wait_for_responses(self) -> None:
        pending = bytearray()
        while chunk := await self._backend.stdout.read(1 << 20):
            searched = len(pending)   # replies end with a comma, which base64 never holds
            pending += chunk
            while (end := pending.find(b",", searched)) != -1:
                self._resolve(json.loads(base64.b64decode(pending[:end])))
                del pending[:end + 1]
                searched = 0

    def _resolve(self, reply: dict) -> None:
        future = self._responses.pop(reply.get("message_id"), None)
        if future is None:
            return
        payload = reply["payload"]
        if payload["type"] == "Error":
            future.set_exception(RuntimeError(f"pagefind: {payload['message']}"))
        else:
            future.set_result(payload)


async def write_index(records: Iterable[SearchRecord], out_dir: Path) -> int:
    """Write a Pagefind bundle for ``records`` to ``out_dir``; return how many were indexed."""
    service = await _Service().launch()
    try:
        index = await service.create_index(IndexConfig(force_language=LANGUAGE))
        count = await _add_records(index, records)
        # The bundle comes back in memory (a few hundred MB at 100,000 records) and is written
        # here.  Pagefind's own write_files replies before its writes have landed, and closing
        # the service then left files empty or cut short.
        files = {f["path"]: f["content"] for f in await index.get_files()}
    finally:
        await service.close()
    _write_bundle(canonicalise(files), out_dir)
    return count


async def _add_records(index: PagefindIndex, records: Iterable[SearchRecord]) -> int:
    count = 0
    for batch in _batches(records, IN_FLIGHT):
        await asyncio.gather(*(index.add_custom_record(url=r.url, content=r.content, language=LANGUAGE,
                                                       meta=pagefind_meta(r.meta), filters=r.filters)
                               for r in batch))
        count += len(batch)
    return count


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _write_bundle(files: dict[str, bytes], out_dir: Path) -> None:
    shutil.rmtree(out_dir, ignore_errors=True)
    kept = {out_dir / name: content for name, content in files.items() if name not in UNUSED_BUNDLE_FILES}
    for folder in {path.parent for path in kept}:
        folder.mkdir(parents=True, exist_ok=True)
    for path, content in kept.items():
        path.write_bytes(content)


def build_index(corpus: Corpus, site_dir: Path) -> None:
    """Write ``site/pagefind/`` and the query data (once a build, for both scripts)."""
    site_dir = Path(site_dir)
    records = search_records(corpus)
    count = asyncio.run(write_index(records, site_dir / INDEX_DIR))
    target = site_dir / QUERY_DATA
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(query_data(corpus, records))
    log.info("crosswalk: indexed %d records for search", count)
