"""Precedents: for each record, the most similar records in other documents.

A drafter reading a clause wants to know who else said the same thing.  Similarity is
computed at build time on script-normalised text (Simplified, full-width forms folded),
so a Traditional source and a Simplified one match, and combines

- text reuse: the share of the shorter record's character 4-grams ("shingles") that the
  other record also has, counting only shingles that occur in few records.  An inverted
  index from shingle to records finds the candidates; the document-frequency cut-off drops
  boilerplate ("城乡社区治理") and keeps the work near-linear, so ~100,000 records take
  seconds, not hours (``find`` says how);
- topic overlap: Jaccard overlap of the records' topics (``corpus.topics_of``), added with a
  small weight, so that of two candidates with similar wording the one on the same topic
  ranks first.

The shared wording is shown highlighted: every character of the precedent's text that lies
inside a common substring of at least four characters.  Spans are computed on the
normalised texts and mapped back to the displayed text position by position, which is only
right when normalisation kept the length; where it did not, the text is shown unmarked.
"""

from __future__ import annotations

import gc
import logging
import time
import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from .model import Corpus, Document, Jurisdiction, Record, Topic
from .script import normalise

log = logging.getLogger("mkdocs.plugins.crosswalk")

# Full-width ASCII forms and the ideographic space, folded to their narrow forms: sources
# mix "(" and "(", "30" and "30".  One character for one, so positions survive.
_FOLD = {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}


@dataclass(frozen=True)
class Settings:
    """How precedents are found; the defaults are tuned on the bundled corpus."""

    n: int = 4
    """Shingle length in characters; also the shortest highlighted common substring."""
    top: int = 5
    """At most this many precedents per record."""
    threshold: float = 0.1
    """Minimum score (text reuse + topic_weight × topic overlap)."""
    min_shared: int = 5
    """Minimum shared rare shingles: about one common phrase of eight characters."""
    saturation: int = 100
    """Records with more shingles than this count as this long: one shared sentence matters as
    much between two long clauses as between two of middling length."""
    probe: int = 24
    """A record looks for candidates by this many of its rarest shingles."""
    max_df: int = 200
    """Shingles in more records than this are boilerplate: not indexed, not counted."""
    max_df_ratio: float = 0.05
    """…nor those in more than this share of the records (what counts in a small corpus)."""
    topic_weight: float = 0.1
    """Weight of topic overlap (Jaccard, 0–1) in the score."""

    def df_cutoff(self, records: int) -> int:
        return max(2, min(self.max_df, int(records * self.max_df_ratio)))


@dataclass(frozen=True)
class Item:
    """What the finder needs of a record: its id, its document, normalised text and topics."""

    uid: str
    doc: str
    text: str
    topics: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Match:
    uid: str
    score: float
    reuse: float   # shared rare shingles / shingles of the shorter record (at most ``saturation``)
    shared: int    # shared rare shingles
    topics: float  # Jaccard overlap of topics


def fold(text: str) -> str:
    """``text`` in the form used for matching: Simplified, narrow ASCII, same length or not."""
    return normalise(text).translate(_FOLD)


def shingles(text: str, n: int = 4) -> set[str]:
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def find(items: Sequence[Item], settings: Settings = Settings()) -> dict[str, list[Match]]:
    """Each item's best matches in other documents, best first; items without any are left out.

    1. Count each shingle's document frequency; keep those in 2…cut-off records, numbered
       rarest first.
    2. Index every record's kept shingles (shingle → records).
    3. Look each record up by its ``probe`` rarest shingles: a record met on two of them is
       a candidate.  Rare shingles are what a reused passage is made of, and their short
       posting lists keep the work per record small however large the corpus.
    4. Score candidates on all the kept shingles the two share; a pair scored from either
       side goes into both lists.
    """
    n, cutoff = settings.n, settings.df_cutoff(len(items))
    # Hundreds of thousands of containers built at once: the cyclic collector would rescan
    # them over and over, for nothing (none of them holds a cycle).
    collecting = gc.isenabled()
    gc.disable()
    try:
        # Two passes over the texts instead of keeping every record's shingle set: memory
        # stays near the size of the vocabulary.
        df: Counter[str] = Counter()
        sizes = []
        for item in items:
            grams = shingles(item.text, n)
            sizes.append(len(grams))
            df.update(grams)
        rare = sorted((c, g) for g, c in df.items() if 2 <= c <= cutoff)
        del df
        ids = {g: k for k, (_, g) in enumerate(rare)}
        del rare
        postings: list[list[int]] = [[] for _ in ids]
        kept: list[tuple[int, ...]] = []
        for index, item in enumerate(items):
            mine = tuple(sorted(k for k in map(ids.get, shingles(item.text, n)) if k is not None))
            kept.append(mine)
            for k in mine:
                postings[k].append(index)
        del ids
        doc_of = _doc_numbers(items)
        scored: list[dict[int, Match]] = [{} for _ in items]
        for i, mine in enumerate(kept):
            counts: Counter[int] = Counter()
            for k in mine[:settings.probe]:
                counts.update(postings[k])
            mine_set = set(mine)
            for j in [j for j, hits in counts.items() if hits > 1]:
                if doc_of[j] == doc_of[i] or j in scored[i]:
                    continue
                shared = len(mine_set.intersection(kept[j]))
                if shared < settings.min_shared:
                    continue
                reuse, topics, score = _score(items[i], items[j], shared, sizes[i], sizes[j], settings)
                if score >= settings.threshold:
                    scored[i][j] = Match(items[j].uid, score, reuse, shared, topics)
                    scored[j][i] = Match(items[i].uid, score, reuse, shared, topics)
        found: dict[str, list[Match]] = {}
        for item, matches in zip(items, scored):
            if matches:
                found[item.uid] = sorted(matches.values(), key=lambda m: (-m.score, m.uid))[:settings.top]
        return found
    finally:
        if collecting:
            gc.enable()


def _doc_numbers(items: Sequence[Item]) -> list[int]:
    numbers: dict[str, int] = {}
    return [numbers.setdefault(item.doc, len(numbers)) for item in items]


def _score(a: Item, b: Item, shared: int, size_a: int, size_b: int, settings: Settings) -> tuple[float, float, float]:
    """(reuse, topic overlap, score), rounded so that output does not depend on float noise."""
    reuse = min(1.0, shared / max(1, min(size_a, size_b, settings.saturation)))
    union = len(a.topics | b.topics)
    topics = len(a.topics & b.topics) / union if union else 0.0
    return round(reuse, 6), round(topics, 6), round(reuse + settings.topic_weight * topics, 6)


# --- highlighting ------------------------------------------------------------------------


def shared_segments(text: str, other: str, n: int = 4) -> list[tuple[str, bool]]:
    """``text`` cut into runs, each flagged True where it lies in a common substring of ≥ n chars
    (of which at least n are letters, digits or ideographs, not punctuation).

    Both texts are as displayed (any script); the comparison is on their folded forms.  The
    runs always join up to ``text`` exactly, shared and unshared runs alternating.
    """
    if not text:
        return []
    mine = fold(text)
    if len(mine) != len(text):
        return [(text, False)]
    theirs = shingles(fold(other), n)
    marked = bytearray(len(text))
    for i in range(len(text) - n + 1):
        if mine[i:i + n] in theirs:
            marked[i:i + n] = b"\x01" * n
    segments: list[tuple[str, bool]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marked[i] != marked[start]:
            run = text[start:i]
            # "。为推进" shares four characters but only three words' worth: not worth a mark.
            shared = bool(marked[start]) and sum(c.isalnum() for c in run) >= n
            if segments and not shared and not segments[-1][1]:
                segments[-1] = (segments[-1][0] + run, False)
            else:
                segments.append((run, shared))
            start = i
    return segments


def excerpt(segments: list[tuple[str, bool]], context: int = 10, budget: int = 160) -> list[tuple[str, bool]]:
    """The longest distinct shared runs that fit in about ``budget`` characters, each with up
    to ``context`` characters around it; everything else becomes "…".

    Long records share many short stock phrases ("城乡社区") besides the passage that
    matters, and a record's page shows up to five excerpts: so keep the longest runs first,
    and no run that repeats part of one already kept.
    """
    runs = sorted((k for k, (_, shared) in enumerate(segments) if shared), key=lambda k: (-len(segments[k][0]), k))
    if not runs:  # nothing to centre on (e.g. no highlight possible): the opening words
        text = "".join(t for t, _ in segments)
        return [(text[:budget] + "…" if len(text) > budget else text, False)] if text else []
    chosen: set[int] = set()
    for k in runs:
        # A phrase the text repeats, or part of a longer one already shown, adds nothing.
        if any(segments[k][0] in segments[c][0] for c in chosen):
            continue
        if not chosen or _length(_trim(segments, chosen | {k}, context)) <= budget:
            chosen.add(k)
    return _trim(segments, chosen, context)


def _trim(segments: list[tuple[str, bool]], chosen: set[int], context: int) -> list[tuple[str, bool]]:
    merged: list[tuple[str, bool]] = []
    for k, (text, _) in enumerate(segments):
        shared = k in chosen
        if merged and not shared and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + text, False)
        else:
            merged.append((text, shared))
    out = []
    last = len(merged) - 1
    for k, (text, shared) in enumerate(merged):
        if not shared:
            head = text[:context] if k > 0 else ""
            tail = text[-context:] if k < last else ""
            if len(head) + len(tail) < len(text):
                text = head + "…" + tail
        out.append((text, shared))
    return out


def _length(segments: list[tuple[str, bool]]) -> int:
    return sum(len(text) for text, _ in segments)


# --- the corpus --------------------------------------------------------------------------


def record_text(record: Record) -> str:
    """The record's words as its page shows them, less the number and responsible units."""
    return "。".join(p for p in (record.title, record.text) if p)


def items_of(corpus: Corpus) -> list[Item]:
    """Every record with words of its own, except headings (a title is not a clause)."""
    return [Item(r.uid, r.doc_id, fold(record_text(r)), frozenset(t.id for t in corpus.topics_of(r)))
            for r in corpus.records.values() if r.kind != "heading" and record_text(r)]


@dataclass
class Shown:
    """One precedent as a record's page shows it."""

    record: Record
    doc: Document
    jurisdiction: Jurisdiction
    match: Match
    segments: list[tuple[str, bool]]   # an excerpt of the precedent's text, shared runs flagged
    shared_chars: int                  # characters of the precedent's text in shared runs
    topics: list[Topic] = field(default_factory=list)  # topics the two records share


class _Cache:
    """Precedents of one corpus, computed once and shared by both script builds and the export."""

    def __init__(self, corpus: Corpus, settings: Settings):
        started = time.perf_counter()
        self.matches = find(items_of(corpus), settings)
        log.info("crosswalk: precedents for %d records in %.1f s", len(corpus.records),
                 time.perf_counter() - started)
        self.shown: dict[str, list[Shown]] = {}


_caches: dict[int, tuple[weakref.ref, _Cache]] = {}


def _cache(corpus: Corpus) -> _Cache:
    # Keyed by identity (a Corpus is an unhashable dataclass); the weak reference tells a
    # later corpus at a recycled address from this one.
    entry = _caches.get(id(corpus))
    if entry is None or entry[0]() is not corpus:
        _caches.clear()
        entry = (weakref.ref(corpus), _Cache(corpus, Settings()))
        _caches[id(corpus)] = entry
    return entry[1]


def precedents(corpus: Corpus) -> dict[str, list[Match]]:
    """Record uid → its precedents, best first (records without any are left out)."""
    return _cache(corpus).matches


def shown(corpus: Corpus, record: Record) -> list[Shown]:
    """The precedents of ``record`` ready for its page: links, excerpts with shared wording."""
    cache = _cache(corpus)
    if record.uid not in cache.shown:
        text = record_text(record)
        mine = {t.id for t in corpus.topics_of(record)}
        out = []
        for match in cache.matches.get(record.uid, []):
            other = corpus.records[match.uid]
            doc = corpus.documents[other.doc_id]
            segments = shared_segments(record_text(other), text)
            out.append(Shown(other, doc, corpus.jurisdictions[doc.jurisdiction], match, excerpt(segments),
                             sum(len(s) for s, shared in segments if shared),
                             [t for t in corpus.topics_of(other) if t.id in mine]))
        cache.shown[record.uid] = out
    return cache.shown[record.uid]


def export(corpus: Corpus) -> list[dict]:
    """Every record's precedents, for ``data/precedents.json``."""
    out = []
    for uid, matches in precedents(corpus).items():
        record = corpus.records[uid]
        text = record_text(record)
        out.append({"record": uid, "precedents": [
            {"record": m.uid, "score": m.score, "reuse": m.reuse, "shared_shingles": m.shared, "topics": m.topics,
             "shared_text": [s for s, shared in shared_segments(record_text(corpus.records[m.uid]), text) if shared]}
            for m in matches]})
    return out
