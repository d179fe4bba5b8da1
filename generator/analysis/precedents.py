"""Precedents: for each record, the closest records in other documents.

A drafter reading a clause wants to know who else said the same thing.  How close two records
are is the specification the drafting desk uses (docs/closeness.md, ``analysis/closeness.py``):
the same fold, weights learned from the same texts the search index holds, the same 相近度
(the share of the record's weight covered by runs it shares with the other) and the same
listing rule.  A record's panel and the desk list a pair with the same 相近度.

Comparing every record with every other is out of reach at national scale (~100,000 records),
so candidates are found first, cheaply: character 4-grams ("shingles") of script-normalised
text (Simplified, full-width forms folded), counting only those in few records.  An inverted
index from shingle to records proposes each record's ``Settings.candidates`` records sharing
the most rare shingles; the document-frequency cut-off drops boilerplate ("城乡社区治理") and
keeps the work near-linear (``find`` says how).  Each candidate is then measured by the
specification, and listed by its rule.

The shared wording shown marked is the specification's shared runs that carry weight, placed in
the displayed text through the fold's positions (``closeness.Folded.at``).
"""

from __future__ import annotations

import gc
import logging
import time
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate, chain, compress, groupby, islice, repeat
from operator import itemgetter, truediv

from generator.analysis import citations, closeness
from generator.analysis.derived import Derived
from generator.chinese import Printed, batches, family, joined, normalise, piece
from generator.content.model import Corpus, Document, Jurisdiction, Record, Topic

log = logging.getLogger(__name__)

# Full-width ASCII forms and the ideographic space, folded to their narrow forms: sources
# mix "(" and "(", "30" and "30".  One character for one, so positions survive.
_FOLD = {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}, 0x3000: 0x20}


@dataclass(frozen=True)
class Settings:
    """How candidates are found and precedents listed; the finder's defaults are tuned on the
    bundled corpus, the listing is the specification's (docs/closeness.md §5)."""

    n: int = 4
    """Shingle length in characters."""
    candidates: int = 8
    """The finder proposes at most this many records per record, by shingle reuse."""
    shown: int = closeness.SHOWN
    """At most this many precedents per record."""
    threshold: float = 0.01
    """Minimum shingle reuse of a candidate."""
    min_shared: int = 1
    """Minimum shared rare shingles of a candidate: one is a rare run of four characters, which
    the specification may judge enough (docs/closeness.md §5); it is what the candidates are
    measured by that keeps them few."""
    saturation: int = 100
    """Records with more shingles than this count as this long: one shared sentence matters as
    much between two long clauses as between two of middling length."""
    probe: int = 24
    """A record looks for candidates by this many of its rarest shingles."""
    max_df: int = 200
    """Shingles in more records than this are boilerplate: not indexed, not counted."""
    max_df_ratio: float = 0.05
    """…nor those in more than this share of the records (what counts in a small corpus)."""
    compact_above: int = 2000
    """A corpus of more records than this shows each record's precedents compactly on its page
    (``Precedents.compact``): a national corpus copies clauses so widely that excerpts of five
    precedents under every record took more bytes than the records themselves."""
    compact_top: int = 3
    """How many precedents a compact panel lists."""

    def df_cutoff(self, records: int) -> int:
        return max(2, min(self.max_df, int(records * self.max_df_ratio)))


@dataclass(frozen=True)
class Item:
    """What the finder needs of a record: its id, its document and normalised text."""

    uid: str
    doc: str
    text: str


@dataclass(frozen=True)
class Candidate:
    """A record the finder proposes: how much of the shorter record's rare shingles it shares."""

    uid: str
    reuse: float   # shared rare shingles / shingles of the shorter record (at most ``saturation``)
    shared: int    # shared rare shingles


@dataclass(frozen=True, slots=True)
class Match:
    """A precedent as listed: the other record and its closeness to this one (``closeness.Close``:
    its ``coverage`` is the 相近度 shown, its ``runs`` the shared runs that carry weight)."""

    uid: str
    close: closeness.Close

    @property
    def coverage(self) -> float:
        return self.close.coverage


def fold(text: str) -> str:
    """``text`` in the form used for matching: Simplified, narrow ASCII, same length or not."""
    return normalise(text).translate(_FOLD)


def shingles(text: str, n: int = 4) -> set[str]:
    return {text[i:i + n] for i in range(len(text) - n + 1)}


# A pair as proposed: (-reuse, the other record's uid, its index, shared shingles).  Sorting
# puts the best first, ties in uid order.
_Pair = tuple[float, str, int, int]
# A pair of groups as scored: (reuse, the other group, shared shingles).
_Scored = tuple[float, int, int]


def find(items: Sequence[Item], settings: Settings = Settings()) -> dict[str, list[Candidate]]:
    """Each item's candidates in other documents, most shingle reuse first, at most
    ``settings.candidates``; items without any are left out.

    1. Count each shingle's document frequency; keep those in 2…cut-off records, numbered
       rarest first.
    2. Index every record's kept shingles (shingle → records).
    3. Look each record up by its ``probe`` rarest shingles: a record met on two of them is
       a candidate.  Rare shingles are what a reused passage is made of, and their short
       posting lists keep the work per record small however large the corpus.
    4. Score candidates on all the kept shingles the two share; a pair scored from either
       side goes into both lists.

    Records with the same text (a clause copied word for word) pair alike with
    any other, so steps 2–4 work on such groups, and only the best of each group's pairs
    are spelt out record by record.  A group with no more kept shingles than the probe looks
    all of them up, so it meets every group it could pair with.  A longer ("partial") one
    may be met by groups it did not meet itself: they pass the pairs on to it.
    """
    with _gc_paused():
        index = _Index.of(items, settings)
        found = {}
        for i, pairs in enumerate(_pairs(index, settings)):
            if pairs:
                length = index.lengths[index.group_of[i]]
                found[index.uids[i]] = [_candidate(items[j], shared, length, index.lengths[index.group_of[j]])
                                        for _, _, j, shared in pairs]
        return found


@contextmanager
def _gc_paused():
    # Hundreds of thousands of containers built at once: the cyclic collector would rescan
    # them over and over, for nothing (none of them holds a cycle).
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@dataclass
class _Index:
    """What ``find`` works from: the records by index, and their groups (same text) by number."""

    uids: list[str]                   # each record's uid
    docs: list[int]                   # each record's document, numbered
    group_of: list[int]               # each record's group
    members: list[list[int]]          # each group's records, in uid order
    kept: list[tuple[int, ...]]       # each group's kept shingle numbers, rarest first
    lengths: list[int]                # each group's shingles of any frequency, 1 to ``saturation``
    partial: list[bool]               # each group: more kept shingles than the probe looks up?
    postings: list[list[int]]         # shingle number → the groups that have it

    @classmethod
    def of(cls, items: Sequence[Item], settings: Settings) -> _Index:
        kept_of, size_of, vocabulary = _rare_shingles(items, settings)
        groups: dict[str, list[int]] = defaultdict(list)
        for i in sorted(range(len(items)), key=lambda i: items[i].uid):
            groups[items[i].text].append(i)
        group_of = [0] * len(items)
        for g, members in enumerate(groups.values()):
            for i in members:
                group_of[i] = g
        kept = [kept_of[text] for text in groups]
        documents: dict[str, int] = {}
        return cls(uids=[item.uid for item in items],
                   docs=[documents.setdefault(item.doc, len(documents)) for item in items],
                   group_of=group_of, members=list(groups.values()),
                   kept=kept, lengths=[max(1, min(size_of[text], settings.saturation)) for text in groups],
                   partial=[len(mine) > settings.probe for mine in kept], postings=_postings(kept, vocabulary))


def _rare_shingles(items: Sequence[Item], settings: Settings) -> tuple[dict[str, tuple[int, ...]], dict[str, int], int]:
    """Each distinct text's kept shingles as numbers in ascending order (rarest first), its
    count of shingles of any frequency, and how many numbers there are.

    Policies copy each other's clauses word for word, so each distinct text is cut into
    shingles once and counted once per record that has it.  Two passes over the texts
    instead of keeping every text's shingle set: memory stays near the size of the
    vocabulary.  Numbers, not strings, from here on: the later steps hash and compare them
    millions of times.
    """
    n, cutoff = settings.n, settings.df_cutoff(len(items))
    copies = Counter(item.text for item in items)
    df: Counter[str] = Counter()
    size_of = {}
    for text, records in copies.items():
        grams = shingles(text, n)
        size_of[text] = len(grams)
        # A set is counted in C; a mapping adds its counts.
        df.update(grams if records == 1 else dict.fromkeys(grams, records))
    # Ties in frequency broken by the shingle itself, so the numbering is reproducible.  The
    # vocabulary can run to millions: filtered in C.
    rare = sorted(compress(zip(df.values(), df), map(range(2, cutoff + 1).__contains__, df.values())))
    del df
    ids = {g: k for k, (_, g) in enumerate(rare)}
    # ``keys() & set`` looks the text's shingles up in C, not one by one in Python.
    kept_of = {text: tuple(sorted(map(ids.__getitem__, ids.keys() & shingles(text, n)))) for text in copies}
    return kept_of, size_of, len(ids)


def _postings(kept: list[tuple[int, ...]], vocabulary: int) -> list[list[int]]:
    postings: list[list[int]] = [[] for _ in range(vocabulary)]
    for g, mine in enumerate(kept):
        for k in mine:
            postings[k].append(g)
    return postings


def _pairs(index: _Index, settings: Settings) -> list[list[_Pair]]:
    """Each record's best pairs, best first."""
    best: list[list[_Pair]] = [[] for _ in index.uids]
    # A partial group's own scores, and those of the groups that met it: settled only once
    # every group has looked.
    waiting: dict[int, list[_Scored]] = defaultdict(list)
    for g in range(len(index.members)):
        scored = _scored(g, index, settings)
        for score, h, shared in scored:
            if index.partial[h]:
                waiting[h].append((score, g, shared))
        if index.partial[g]:
            waiting[g] += scored
        else:
            _choose(g, scored, index, best, settings.candidates)
    for g, scored in waiting.items():
        # A pair met from both sides is there twice, as the same tuple.
        _choose(g, list(set(scored)), index, best, settings.candidates)
    return best


def _scored(g: int, index: _Index, settings: Settings) -> list[_Scored]:
    """(reuse, group, shared shingles) for the groups that group ``g``'s probe meets and that
    reuse at least the threshold with it, ``g`` itself included (copies in other documents)."""
    mine = index.kept[g]
    hits = Counter(chain.from_iterable(map(index.postings.__getitem__, mine[:settings.probe])))
    if index.partial[g]:
        # Only the probe looked up: count what the candidates share.
        met = list(compress(hits, map((2).__le__, hits.values())))
        shared = list(map(len, map(set(mine).intersection, map(index.kept.__getitem__, met))))
        enough = list(map(settings.min_shared.__le__, shared))
        met, shared = list(compress(met, enough)), list(compress(shared, enough))
    else:
        # Every kept shingle looked up: the hits are the shared counts.
        met = list(compress(hits, map(settings.min_shared.__le__, hits.values())))
        shared = list(map(hits.__getitem__, met))
    scores = _reuse(g, met, shared, index)
    return list(compress(zip(scores, met, shared), map(settings.threshold.__le__, scores)))


def _reuse(g: int, met: list[int], shared: list[int], index: _Index) -> list[float]:
    """``_candidate``'s reuse of group ``g`` with each of ``met``, sharing ``shared`` shingles.

    The same arithmetic on the same numbers, in maps of built-in functions: it runs for
    every candidate, and a Python loop would be most of the finder's time.
    """
    lengths = map(min, repeat(index.lengths[g]), map(index.lengths.__getitem__, met))
    return list(map(round, map(min, repeat(1.0), map(truediv, shared, lengths)), repeat(6)))


def _choose(g: int, scored: list[_Scored], index: _Index, best: list[list[_Pair]], top: int) -> None:
    """The best ``top`` pairs of each record of group ``g`` with records of other documents."""
    pairs = _listed(scored, index, index.members[g], top)
    for i in index.members[g]:
        best[i] = list(islice((pair for pair in pairs if index.docs[pair[2]] != index.docs[i]), top))


def _listed(scored: list[_Scored], index: _Index, members: list[int], top: int) -> list[_Pair]:
    """The records of the scored groups as pairs, best first, as far as ``members`` need them:
    reuse by reuse, until each has ``top`` with records of other documents."""
    docs = {index.docs[i] for i in members}
    in_doc: Counter[int] = Counter()
    pairs: list[_Pair] = []
    for score, level in groupby(sorted(scored, key=itemgetter(0), reverse=True), key=itemgetter(0)):
        for _, h, shared in level:
            records = index.members[h]
            pairs.extend(zip(repeat(-score), map(index.uids.__getitem__, records), records, repeat(shared)))
            in_doc.update(map(index.docs.__getitem__, records))
        if len(pairs) - max(map(in_doc.__getitem__, docs)) >= top:
            break
    pairs.sort()
    return pairs


def _candidate(b: Item, shared: int, length_a: int, length_b: int) -> Candidate:
    """``b`` as a candidate, its reuse rounded so that the order does not depend on float noise."""
    return Candidate(b.uid, round(min(1.0, shared / min(length_a, length_b)), 6), shared)


# --- highlighting ------------------------------------------------------------------------


def shared_places(folded: closeness.Folded, runs: Sequence[closeness.Run]) -> list[tuple[int, int]]:
    """Where the other text of a pair shares ``runs`` (their ``b`` side) with the record, as
    [start, end) in the text ``folded`` was made from (``Folded.at``), in text order; runs that
    overlap or follow each other in the folded text are one place, with what lies between."""
    spans = sorted(r.b for r in runs)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(folded.at[start], folded.at[end - 1] + 1) for start, end in merged]


def segments_of(text: str, places: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into runs, each flagged True inside one of ``places`` (sorted, apart); the
    runs join up to ``text`` exactly, shared and unshared runs alternating."""
    segments: list[tuple[str, bool]] = []
    done = 0
    for start, stop in places:
        if start > done:
            segments.append((text[done:start], False))
        segments.append((text[start:stop], True))
        done = stop
    if done < len(text):
        segments.append((text[done:], False))
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
    # Characters before each segment: what a trimmed excerpt would measure is worked out from
    # these, without building it for every run tried.
    offsets = list(accumulate((len(text) for text, _ in segments), initial=0))
    chosen: list[int] = []   # in text order
    for k in runs:
        # A phrase the text repeats, or part of a longer one already shown, adds nothing.
        if any(segments[k][0] in segments[c][0] for c in chosen):
            continue
        if not chosen or _trimmed_length(offsets, sorted(chosen + [k]), context) <= budget:
            insort(chosen, k)
    return _trim(segments, set(chosen), context)


def _trim(segments: list[tuple[str, bool]], chosen: set[int], context: int) -> list[tuple[str, bool]]:
    """The chosen runs, and between them the rest as one unshared stretch cut down to
    ``context`` characters either side of "…"."""
    merged: list[tuple[str, bool]] = []
    for is_chosen, group in groupby(enumerate(segments), key=lambda entry: entry[0] in chosen):
        if is_chosen:
            merged.extend((text, True) for _, (text, _) in group)
        else:
            merged.append(("".join(text for _, (text, _) in group), False))
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


def _trimmed_length(offsets: list[int], chosen: list[int], context: int) -> int:
    """``_trim``'s output length in characters, given the segments' ``offsets`` and the
    chosen runs in text order."""
    total = sum(offsets[c + 1] - offsets[c] for c in chosen)
    end = len(offsets) - 1
    for start, stop in zip([0] + [c + 1 for c in chosen], chosen + [end]):
        # A range slices as the stretch of text would (``[-0:]`` keeping all of it included).
        gap = range(offsets[stop] - offsets[start])
        head = len(gap[:context]) if start > 0 else 0
        tail = len(gap[-context:]) if stop < end else 0
        total += head + 1 + tail if head + tail < len(gap) else len(gap)
    return total


# --- the corpus --------------------------------------------------------------------------


def record_text(record: Record) -> str:
    """The record's words as its page shows them, less the number and responsible units."""
    return joined("。", (record.title, record.text))


def items_of(corpus: Corpus) -> list[Item]:
    """Every record with words of its own, except headings (a title is not a clause)."""
    texts = {r.uid: record_text(r) for r in corpus.records.values() if r.kind != "heading" and record_text(r)}
    # Script conversion is slow, and copied clauses are many: each distinct text once.
    folded = {text: fold(text) for text in set(texts.values())}
    return [Item(uid, corpus.records[uid].doc_id, folded[text]) for uid, text in texts.items()]


@dataclass
class Spec:
    """What the specification learns from the corpus (§1, §2), learned from the texts the search
    index holds (each record's quote, in Simplified) by the same rules (``closeness.fold_map``,
    ``han_bigram_frequency``, ``common_bigrams``): a pair measured here and on the desk is
    weighed alike.  Each distinct text compared is folded once."""

    records: int                  # how many records the index holds
    df: Mapping[str, int]         # how many of them hold each Han bigram
    common: frozenset[str]        # boilerplate bigrams
    t2s: Mapping[str, str]        # the character map
    number: dict[str, int] = field(default_factory=dict)   # each record's number in the index: §5's last tie-break
    _chars: dict[str, str] = field(default_factory=dict)
    _memo: dict[str, str] = field(default_factory=dict)    # what each character folds to

    @classmethod
    def of(cls, corpus: Corpus) -> Spec:
        said = [r for doc in corpus.sorted_documents() for r in doc.walk() if record_text(r)]
        t2s = closeness.fold_map(closeness.written_texts(corpus))   # the index's map: it folds the df's texts too
        df = closeness.han_bigram_frequency(_indexed_texts(corpus, said), t2s)
        return cls(len(said), df, frozenset(closeness.common_bigrams(df, len(said))), t2s,
                   {r.uid: n for n, r in enumerate(said)})

    def folded(self, text: str) -> closeness.Folded:
        return closeness.fold(text, self.t2s, self._memo)

    def chars(self, text: str) -> str:
        """``text``'s folded characters, as one string (kept for every text compared: a tuple of
        characters and two of positions would be ten times the memory)."""
        if text not in self._chars:
            self._chars[text] = "".join(self.folded(text).chars)
        return self._chars[text]

    def weights(self, folded: closeness.Folded) -> list[float]:
        """Each bigram's weight in ``folded`` (§2)."""
        tokens = closeness.lookup_tokens(folded, self.common)
        return closeness.bigram_weights(folded, {t: closeness.weight_of(self.df.get(t, 0), self.records)
                                                 for t in tokens}, self.common)

    def close(self, mine: closeness.Folded, weights: Sequence[float], theirs: str) -> closeness.Close:
        """How close ``theirs`` (a text as shown) is to the folded text ``mine`` of these weights (§4)."""
        return closeness.closeness(closeness.shared_runs(mine.chars, self.chars(theirs)), weights)


def _indexed_texts(corpus: Corpus, records: Sequence[Record]) -> list[str]:
    """Each record's text as the search index holds it: its quote as printed, in Simplified
    (``search.records``: Traditional sources converted)."""
    quotes = [citations.quote(corpus, r) for r in records]
    converted = [family(corpus.documents[r.doc_id].text_source.script) != "hans" for r in records]
    # Each distinct Traditional quote converted once: copied clauses are many.
    todo = sorted({q for q, c in zip(quotes, converted) if c})
    simplified: dict[str, str] = {}
    for batch in batches(todo):
        simplified.update(zip(batch, closeness.in_simplified(batch)))
    return [simplified[q] if c else q for q, c in zip(quotes, converted)]


def measured(corpus: Corpus, spec: Spec, found: dict[str, list[Candidate]], settings: Settings
             ) -> dict[str, list[Match]]:
    """Each record's candidates measured by the specification and listed by its rule (§4, §5):
    at most ``settings.shown``, in the order of the 相近度 shown; records listing none are
    left out."""
    texts = {uid: record_text(corpus.records[uid]) for uid in found}
    out: dict[str, list[Match]] = {}
    # Records of the same text (copied clauses) together: the text is folded and weighed once,
    # and each candidate text measured once, for all of them.
    for text, same in groupby(sorted(found, key=texts.__getitem__), key=texts.__getitem__):
        mine = spec.folded(text)
        weights = spec.weights(mine)
        closes: dict[str, closeness.Close] = {}
        for uid in same:
            hits, by_number = [], {}
            for c in found[uid]:
                theirs = record_text(corpus.records[c.uid])
                if theirs not in closes:
                    closes[theirs] = spec.close(mine, weights, theirs)
                n = spec.number[c.uid]
                by_number[n] = c.uid
                hits.append(closeness.Hit(n, closes[theirs], len(spec.chars(theirs))))
            chosen = closeness.listed(hits)[:settings.shown]
            if chosen:
                out[uid] = [Match(by_number[h.n], h.close) for h in chosen]
    return {uid: out[uid] for uid in found if uid in out}


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
    shared: list[list[int]] = field(default_factory=list)  # [start, end) of each shared run in the text, for the export

    @property
    def percent(self) -> int:
        return closeness.percent(self.match.coverage)

    @property
    def coverage(self) -> float:
        """The 相近度 as the data files carry it (precedents.json, a document's own file), rounded
        so that a file does not depend on float noise; rounded to a percentage only when shown."""
        return round(self.match.coverage, 6)


class Precedents(list):
    """A record's precedents (``Shown``), best first, and how its page lists them: in full in a
    small corpus, or only the first ``compact_top`` as links without excerpts (``compact``), so
    that the panel costs a bounded number of bytes per record.  The export has them all."""

    def __init__(self, items: list[Shown], compact: bool, top: int):
        super().__init__(items)
        self.compact = compact
        self.listed = items[:top] if compact else items


class _Cache:
    """Precedents of one corpus, computed once and shared by both script builds and the export."""

    def __init__(self, corpus: Corpus, settings: Settings):
        started = time.perf_counter()
        found = find(items_of(corpus), settings)
        spec = Spec.of(corpus)
        self.matches = measured(corpus, spec, found, settings)
        log.info("crosswalk: precedents for %d records in %.1f s (%d candidate pairs measured)", len(corpus.records),
                 time.perf_counter() - started, sum(map(len, found.values())))
        # Marking folds the shown texts again for their positions (measuring kept only their
        # characters); a precedent's text recurs on the pages of the records it is close to.
        self._folded = lru_cache(maxsize=4096)(partial(closeness.fold, t2s=spec.t2s, memo={}))
        self.compact = len(corpus.records) > settings.compact_above
        self.top = settings.compact_top
        self.shown: dict[str, Precedents] = {}
        self._marks: dict[tuple[str, str], tuple[list[tuple[str, bool]], list[list[int]]]] = {}

    def marks(self, record: Record, match: Match, other: Record) -> tuple[list[tuple[str, bool]], list[list[int]]]:
        """``other``'s text marked where it shares wording with ``record``'s (``match``'s runs):
        the excerpt to show, and where each shared run lies in the text.

        Worked out once per pair of texts: a clause copied into many documents has the same
        precedent texts over and over.  The lists are shared between those records' pages.
        """
        text = record_text(other)
        key = (text, record_text(record))
        if key not in self._marks:
            segments = segments_of(text, shared_places(self._folded(text), match.close.runs))
            self._marks[key] = (_pieces(text, excerpt(segments)), shared_ranges(segments))
        return self._marks[key]


def _pieces(text: str, segments: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """An excerpt's segments as pieces of ``text`` (``chinese.piece``), so that a page converts
    the text whole before cutting it; "…" stays between them.  The segments are ``text``'s in
    order, so each is found from where the last ended."""
    if not isinstance(text, Printed):
        return segments
    out, at = [], 0
    for segment, shared in segments:
        parts = []
        for chunk in segment.split("…"):
            found = text.find(chunk, at) if chunk else -1
            if found < 0:
                parts.append(chunk)
            else:
                parts.append(piece(text, found, found + len(chunk)))
                at = found + len(chunk)
        out.append(("…".join(parts), shared))
    return out


def shared_ranges(segments: list[tuple[str, bool]]) -> list[list[int]]:
    """[start, end) character offsets of the shared segments in the text the segments make up."""
    out, at = [], 0
    for text, shared in segments:
        if shared:
            out.append([at, at + len(text)])
        at += len(text)
    return out


_CACHE = Derived("precedents", lambda c: _Cache(c, Settings()))


def _cache(corpus: Corpus) -> _Cache:
    return _CACHE.of(corpus)


def precedents(corpus: Corpus) -> dict[str, list[Match]]:
    """Record uid → its precedents, best first (records without any are left out)."""
    return _cache(corpus).matches


def shown(corpus: Corpus, record: Record) -> Precedents:
    """The precedents of ``record`` ready for its page: links, excerpts with shared wording."""
    cache = _cache(corpus)
    if record.uid not in cache.shown:
        cache.shown[record.uid] = Precedents(_shown(corpus, cache, record), cache.compact, cache.top)
    return cache.shown[record.uid]


def release(corpus: Corpus) -> None:
    """Forget the precedents as shown and the marked pairs (the matches stay): the exports, their
    last user at national scale, hand the memory to what the build does next (the search
    index); a page that still asks for them has them made again."""
    cache = _CACHE.held(corpus)
    if cache is not None:
        cache.shown.clear()
        cache._marks.clear()
        cache._folded.cache_clear()


def listed_count(corpus: Corpus, record: Record) -> int | None:
    """How many precedents ``record``'s panel lists, where a page shows the panel's heading
    only (``Precedents.compact``: the links are read from the data file when it is opened);
    None in a small corpus, whose pages show each precedent in full (``shown``).  Without
    marking the shared wording, which only the data files need."""
    cache = _cache(corpus)
    return min(len(cache.matches.get(record.uid, ())), cache.top) if cache.compact else None


def _shown(corpus: Corpus, cache: _Cache, record: Record) -> list[Shown]:
    matches = cache.matches.get(record.uid)
    if not matches:
        return []
    mine = {t.id for t in corpus.topics_of(record)}
    out = []
    for match in matches:
        other = corpus.records[match.uid]
        doc = corpus.documents[other.doc_id]
        marked, shared = cache.marks(record, match, other)
        out.append(Shown(other, doc, corpus.jurisdictions[doc.jurisdiction], match, marked,
                         sum(end - start for start, end in shared),
                         [t for t in corpus.topics_of(other) if t.id in mine], shared))
    return out


def export(corpus: Corpus) -> Iterator[dict]:
    """Every record's precedents, for ``data/precedents.json``, one record at a time (the whole
    list at once was the exports' largest object at national scale); the shared runs are those
    the record's page marks, worked out once for both, and given as places in the precedent's
    text, which provisions.json holds (the runs written out were 23.1 of the file's MB at 300
    synthetic documents; their places 5.8).  The figures are the specification's (§4), rounded
    so that the file does not depend on float noise."""
    for uid in precedents(corpus):
        yield {"record": uid, "precedents": [
            {"record": s.match.uid, "coverage": s.coverage, "score": round(s.match.close.score, 6),
             "longest": s.match.close.longest, "shared": s.shared}
            for s in shown(corpus, corpus.records[uid])]}
