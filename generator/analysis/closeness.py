"""How close a draft sentence is to a clause: docs/closeness.md, in Python.

The drafting desk ranks in the browser (``theme/assets/crosswalk/search/closeness.js``); this
module is the same specification step for step, so that Python can score a pair exactly as
the desk does (``crosswalk draft-eval`` checks the desk's lists against it; the build's
相似条款 do not use it yet, docs/closeness.md §9), and ``tests/test_closeness_parity.py``
holds the two to the same figures.  Every constant here has its twin, of the same name, in
closeness.js.  Corpus-learned inputs (which bigrams are boilerplate, how many records hold
each bigram) are passed in: the search index carries them (docs/search-format.md §2, §3).
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

from generator.chinese import HAN, batches, to_script

if TYPE_CHECKING:
    from generator.content.model import Corpus

RUN_BONUS = 0.125      # a shared run of n characters weighs 1 + (n − 2) × this per bigram
MIN_RUN = 2            # the shortest shared run counted
WELL = 0.5             # coverage of the best clause from which a sentence "has a precedent"
FLOOR = 0.13           # a clause sharing less of the sentence's weight is not a precedent
SUBSTANCE_RUNS = 3     # … nor one sharing it in fewer runs than this,
SUBSTANCE_RUN = 6      # … unless one run is this long or it covers WELL of the sentence
RELATIVE = 0.5         # … nor one covering less than this share of what the closest covers
MIN_DENSITY = 1.5      # a sentence weighs at least this per bigram
SEAM = 0.5             # a bigram between two boilerplate ones counts for this much
SHOWN = 5              # clauses listed per sentence
CANDIDATES = 8         # clauses considered per sentence (compared if they can reach FLOOR)


_HAN_CHAR = re.compile(f"[{HAN}]")
_HAN_RUN = re.compile(f"[{HAN}]+")


def _is_han(ch: str) -> bool:
    return _HAN_CHAR.fullmatch(ch) is not None


# --- what the comparison learns from the corpus (§1, §2) -----------------------------------------
# Declared here, where the specification is, and read by both of its users: the search index
# writer (generator/search), which puts them in the index for the desk, and the build's 相似条款
# (analysis/precedents.py), which learns them from the same texts.

# Boilerplate: a Han bigram held by at least this share of records (and by at least COMMON_MIN
# of them) says little about what a clause is about (坚持, 加强 …).  In a small corpus 5 % is a
# handful of records, and a matter a few clauses treat (用房, 准入, 居委) would count as
# boilerplate: COMMON_MIN keeps it weighed until it is in 15 records (tuned on draft-eval's
# tune and held sets; from 300 records on, the share alone decides).
COMMON_SHARE = 0.05
COMMON_MIN = 15
CJK_UNIFIED = (0x4E00, 0x9FFF)
ASCII_OR_CJK_UNIFIED = re.compile(f"[\x00-\x7f{chr(CJK_UNIFIED[0])}-{chr(CJK_UNIFIED[1])}]+")
_APART = "\ue010"  # between texts converted together: a private-use character no text holds


def is_han_bigram(token: str) -> bool:
    return len(token) == 2 and all(map(_is_han, token))


def common_bigrams(frequency: Mapping[str, int], records: int) -> list[str]:
    """The Han bigrams held by so many records that they are boilerplate, sorted (by code point).

    Learned from the corpus, not listed by hand: the share is the one setting."""
    floor = max(COMMON_MIN, math.ceil(COMMON_SHARE * records))
    return sorted(t for t, n in frequency.items() if n >= floor and is_han_bigram(t))


def han_bigram_frequency(texts: Iterable[str], t2s: Mapping[str, str] | None = None) -> Counter[str]:
    """How many of ``texts`` hold each Han bigram, counted as the search index counts a bigram's
    records (two Han characters side by side after ``t2s``, NFKC and lower case, ``t2s`` being
    the fold's map, ``fold_map``): the ``df`` of §2."""
    table = str.maketrans(dict(t2s or {}))
    df: Counter[str] = Counter()
    # Policies copy clauses word for word: each distinct text read once, counted once a copy.
    for text, copies in Counter(texts).items():
        runs = _HAN_RUN.findall(unicodedata.normalize("NFKC", text.translate(table)).lower())
        held = {a + b for run in runs for a, b in zip(run, run[1:])}
        df.update(held if copies == 1 else dict.fromkeys(held, copies))
    return df


def in_script(texts: Sequence[str], script: str) -> list[str]:
    """Each of ``texts`` converted into ``script`` (``chinese.to_script``), in one OpenCC call:
    no phrase spans the private-use character put between them."""
    converted = to_script(_APART.join(texts), script).split(_APART)
    return converted if len(converted) == len(texts) else [to_script(t, script) for t in texts]


def in_simplified(texts: Sequence[str]) -> list[str]:
    return in_script(texts, "hans")


def char_map(extra: Iterable[str] = ()) -> dict[str, str]:
    """Traditional → Simplified for single characters, as OpenCC converts each one alone.

    Covers the CJK Unified Ideographs block and every character in ``extra`` (the corpus),
    keeping only characters that change.  T→S is almost always many-to-one, so no phrase
    context is needed to pick the Simplified form; what it misses, ``learned_pairs`` adds.
    """
    chars = {chr(c) for c in range(CJK_UNIFIED[0], CJK_UNIFIED[1] + 1)}
    # ASCII and the block's characters dropped first: most of the corpus, and slow to set one by one.
    chars.update(ASCII_OR_CJK_UNIFIED.sub("", "".join(extra)))
    ordered = sorted(chars)
    return {t: s for t, s in zip(ordered, in_simplified(ordered)) if t != s and len(s) == 1}


def written_texts(corpus: Corpus) -> Iterator[str]:
    """The corpus's texts as written, which the fold's map is learned from: its records' titles
    and texts, document titles and jurisdiction names."""
    yield from (p for r in corpus.records.values() for p in (r.title, r.text) if p)
    yield from (d.title for d in corpus.documents.values())
    yield from (j.name for j in corpus.jurisdictions.values())


def fold_map(written: Iterable[str]) -> dict[str, str]:
    """The fold's ``t2s`` (§1): ``char_map`` over ``written`` and their Traditional as the site's
    pages write them, with ``learned_pairs``; so every text folds alike in both scripts."""
    return dict(_fold_map(tuple(dict.fromkeys(written))))


# The search index and the build's 相似条款 learn the map from the same texts in one build:
# converted once (at 100,000 records, about 3 s of CPU a time).
@lru_cache(maxsize=2)
def _fold_map(texts: tuple[str, ...]) -> dict[str, str]:
    # A batch at a time, as the build converts: one OpenCC call a batch, a batch held at once.
    hant = [t for batch in batches(texts) for t in in_script(batch, "hant")]
    t2s = char_map(chain(texts, hant))
    t2s.update(learned_pairs(texts, hant, t2s))
    return t2s


def learned_pairs(texts: Sequence[str], hant: Sequence[str], t2s: Mapping[str, str]) -> dict[str, str]:
    """The Traditional characters the site's pages write (``hant``: ``texts`` converted by phrase)
    that ``t2s`` leaves as they are, each to the Simplified character it stood for most often:
    着力 → 著力, 了解 → 瞭解 give 著 → 着, 瞭 → 了.  Compared character by character where the
    conversion kept the length; a text that comes back whole through ``t2s`` has none."""
    table = str.maketrans(dict(t2s))
    seen: dict[str, Counter[str]] = {}
    for text, shown in zip(texts, hant):
        if len(shown) != len(text):
            continue
        # Most texts are Simplified and come back as they are: the second translation is rarely paid.
        back = shown.translate(table)
        if back == text or back == text.translate(table):
            continue
        for s, t in zip(text, shown):
            stood = t2s.get(s, s)
            if t != stood and t not in t2s:
                seen.setdefault(t, Counter())[stood] += 1
    # Most often, ties to the lower code point: the same map from the same texts on every build.
    return {t: min(c, key=lambda s: (-c[s], s)) for t, c in sorted(seen.items())}


@dataclass(frozen=True)
class Folded:
    """A text as compared: its kept characters, each one's position in the text, and whether
    a separator (punctuation, space) came before it."""

    chars: tuple[str, ...]
    at: tuple[int, ...]
    cut: tuple[bool, ...]


def fold(text: str, t2s: Mapping[str, str], memo: dict[str, str] | None = None) -> Folded:
    """Each character to Simplified by ``t2s`` (the index's character map), then NFKC and
    lower case; only letters and digits are kept.  ``memo``, if given, keeps what each
    character becomes, for a caller folding many texts with the same ``t2s``."""
    chars, at, cut = [], [], []
    gap = False
    known = {} if memo is None else memo
    for i, ch in enumerate(text or ""):
        kept = known.get(ch)
        if kept is None:
            kept = known[ch] = "".join(c for c in unicodedata.normalize("NFKC", t2s.get(ch, ch)).lower() if c.isalnum())
        for c in kept:
            chars.append(c)
            at.append(i)
            cut.append(gap)
            gap = False
        if not kept:
            gap = True
    return Folded(tuple(chars), tuple(at), tuple(cut))


def boilerplate(folded: Folded, common: frozenset[str] | set[str]) -> list[float]:
    """Per bigram: 1 if boilerplate, SEAM between two boilerplate ones, else 0."""
    chars = folded.chars
    n = max(0, len(chars) - 1)
    is_common = [chars[i] + chars[i + 1] in common for i in range(n)]
    return [1 if c else SEAM if 0 < i < n - 1 and is_common[i - 1] and is_common[i + 1] else 0
            for i, c in enumerate(is_common)]


def lookup_tokens(folded: Folded, common: frozenset[str] | set[str]) -> list[str]:
    """The distinct Han bigrams within a run, not boilerplate: what the index is asked for."""
    chars, cut = folded.chars, folded.cut
    boiler = boilerplate(folded, common)
    out: dict[str, None] = {}   # in order of first occurrence
    for i in range(len(chars) - 1):
        if cut[i + 1] or not _is_han(chars[i]) or not _is_han(chars[i + 1]) or boiler[i] == 1:
            continue
        out[chars[i] + chars[i + 1]] = None
    return list(out)


def weight_of(df: int, records: int) -> float:
    """A bigram's weight from how many of ``records`` hold it: ln(1 + records / df)."""
    return math.log(1 + records / df) if df > 0 else math.log(1 + records)


def bigram_weights(folded: Folded, weights: Mapping[str, float], common: frozenset[str] | set[str]) -> list[float]:
    """Each bigram's weight in the sentence: boilerplate 0, a looked-up one its weight, any
    other (across a separator, not Han) the mean of the looked-up ones."""
    known = list(weights.values())
    mean = _sum(known) / len(known) if known else 1
    boiler = boilerplate(folded, common)
    chars = folded.chars
    out = []
    for i in range(len(chars) - 1):
        token = chars[i] + chars[i + 1]
        out.append((1 - boiler[i]) * (weights[token] if token in weights else mean))
    return out


def _sum(values: Sequence[float]) -> float:
    # Left to right, as JavaScript's reduce adds: the same float at the end.
    total = 0.0
    for v in values:
        total += v
    return total


def reach(folded: Folded, weights: Sequence[float], lists: Mapping[str, Sequence[int]], n: int) -> float:
    """The most of the sentence's weight record ``n`` could cover, from the postings alone:
    a looked-up bigram counted if ``n`` holds it, any other always (docs/closeness.md §3)."""
    chars = folded.chars
    most = 0.0
    for i, w in enumerate(weights):
        records = lists.get(chars[i] + chars[i + 1])
        if records is None or _holds(records, n):
            most += w
    whole = _total(weights)
    return most / whole if whole else 0.0


def _holds(records: Sequence[int], n: int) -> bool:
    k = bisect.bisect_left(records, n)
    return k < len(records) and records[k] == n


def _total(weights: Sequence[float]) -> float:
    """A sentence's weight: its bigrams' weights, but at least MIN_DENSITY a bigram."""
    return max(_sum(weights), MIN_DENSITY * len(weights))


@dataclass(frozen=True, slots=True)
class Run:
    a: tuple[int, int]   # [start, end) in the sentence's folded characters
    b: tuple[int, int]   # [start, end) in the clause's


def shared_runs(a: Sequence[str], b: Sequence[str], least: int = MIN_RUN) -> list[Run]:
    """Maximal common runs of at least ``least`` characters, longest first, none overlapping
    another on ``a``'s side (a run cut by a longer one keeps its longest free stretch); ``least`` ≥ 2."""
    m, n = len(a), len(b)
    # The maximal runs are those closeness.js finds cell by cell, found here from where they
    # start: a bigram of ``a`` at a place of ``b`` not preceded by a common character, run on
    # (Python pays per step, so only shared bigrams are visited: a pair takes about a twentieth
    # of the time).
    starts: dict[str, list[int]] = {}
    for j in range(n - 1):
        starts.setdefault(b[j] + b[j + 1], []).append(j)
    found = []
    for i in range(m - 1):
        for j in starts.get(a[i] + a[i + 1], ()):
            if i and j and a[i - 1] == b[j - 1]:
                continue
            length = 2
            while i + length < m and j + length < n and a[i + length] == b[j + length]:
                length += 1
            if length >= least:
                found.append((-length, i, j))
    found.sort()   # longest first, then by place: sorted as tuples, not by a key function (a tenth of the time)
    taken = [False] * m
    out = []
    for negative, i, j in found:
        length = -negative
        # Most runs are wholly free or wholly taken: told apart by a slice, not place by place.
        ahead = taken[i:i + length]
        if True not in ahead:
            taken[i:i + length] = [True] * length
            out.append(Run((i, i + length), (j, j + length)))
            continue
        if False not in ahead:
            continue
        best = (0, 0)
        s = i
        while s < i + length:
            if taken[s]:
                s += 1
                continue
            e = s
            while e < i + length and not taken[e]:
                e += 1
            if e - s > best[1] - best[0]:
                best = (s, e)
            s = e
        if best[1] - best[0] < least:
            continue
        for s in range(*best):
            taken[s] = True
        out.append(Run(best, (j + best[0] - i, j + best[1] - i)))
    return out


@dataclass(frozen=True, slots=True)
class Close:
    score: float         # covered weight with the long-run bonus, over the sentence's weight
    coverage: float      # covered weight over the sentence's weight: the 相近度 shown
    longest: int         # the longest run that carries weight
    runs: list[Run] = field(default_factory=list)   # the runs that carry weight


def closeness(runs: Sequence[Run], weights: Sequence[float]) -> Close:
    total = _total(weights)
    covered = bonus = 0.0
    longest = 0
    kept = []
    for r in runs:
        w = 0.0
        for i in range(r.a[0], r.a[1] - 1):
            w += weights[i]
        if not w > 0:
            continue
        length = r.a[1] - r.a[0]
        kept.append(r)
        covered += w
        bonus += w * RUN_BONUS * (length - 2)
        longest = max(longest, length)
    if not total:
        return Close(0.0, 0.0, longest, kept)
    return Close((covered + bonus) / total, covered / total, longest, kept)


def percent(coverage: float) -> int:
    """The 相近度 as the desk shows it: a whole percentage, halves rounded up (``Math.round``;
    Python's ``round`` would round 62.5 down to the even 62)."""
    return math.floor(coverage * 100 + 0.5)


@dataclass(frozen=True)
class Hit:
    """A clause as a candidate for the list: its number in the index, closeness, size."""

    n: int
    close: Close
    size: int

    @property
    def coverage(self) -> float:
        return self.close.coverage


def _order(h: Hit) -> tuple:
    return (-h.close.coverage, -h.close.score, -h.close.longest, h.size, h.n)


def listed(hits: Sequence[Hit], listing: str = "drafter") -> list[Hit]:
    """The hits a drafter would cite (§5), or with ``listing="all"`` every hit sharing any
    weight (§7, a phrase on the search page); in the order of the coverage shown."""
    if listing == "all":
        return sorted((h for h in hits if h.close.coverage > 0), key=_order)
    kept = sorted((h for h in hits if h.close.coverage >= FLOOR and has_substance(h.close)), key=_order)
    return [h for h in kept if h.close.coverage >= RELATIVE * kept[0].close.coverage]


def has_substance(close: Close) -> bool:
    """§5's substance: enough shared runs, or one long one, or most of the sentence covered."""
    return len(close.runs) >= SUBSTANCE_RUNS or close.longest >= SUBSTANCE_RUN or close.coverage >= WELL


def verdict(best: float, count: int) -> str:
    return "new" if not count else "well" if best >= WELL else "partly"


def candidates(lists: Sequence[tuple[float, Sequence[int]]], limit: int) -> list[int]:
    """The ``limit`` records holding the most token weight, best first, ties by number.
    ``lists``: (token weight, the records holding the token)."""
    score: dict[int, float] = {}
    for w, records in lists:
        for n in records:
            score[n] = score.get(n, 0.0) + w
    return sorted(score, key=lambda n: (-score[n], n))[:limit]


@dataclass(frozen=True)
class Index:
    """What ranking reads of the search index: the character map, the boilerplate bigrams,
    the record count, each token's records and each record's text as shown."""

    t2s: Mapping[str, str]
    common: frozenset[str]
    records: int
    postings: Callable[[str], Sequence[int]]
    text: Callable[[int], str]


@dataclass(frozen=True)
class Ranked:
    hits: list[Hit]
    best: float
    verdict: str
    compared: list[int]   # the candidates whose text was compared (those that can reach FLOOR)


def rank(sentence: str, index: Index, limit: int = CANDIDATES, shown: int = SHOWN, listing: str = "drafter",
         allowed: Callable[[int], bool] | None = None) -> Ranked:
    """``sentence`` ranked against the index as the desk ranks it: what it lists, and its
    verdict; ``listing`` as for ``listed``; ``allowed``, if given, the records a filter keeps
    (the others dropped before candidates are chosen, §3; weights are the whole index's)."""
    folded = fold(sentence, index.t2s)
    tokens = lookup_tokens(folded, index.common)
    lists = [index.postings(t) for t in tokens]
    weights = {t: weight_of(len(lst), index.records) for t, lst in zip(tokens, lists)}
    bw = bigram_weights(folded, weights, index.common)
    found = candidates([(weights[t], lst if allowed is None else [n for n in lst if allowed(n)])
                        for t, lst in zip(tokens, lists)], limit)
    if listing == "drafter":
        # A clause that cannot reach FLOOR is never listed: the desk does not fetch its text.
        by_token = dict(zip(tokens, lists, strict=True))
        found = [n for n in found if reach(folded, bw, by_token, n) >= FLOOR]
    hits = []
    for n in found:
        theirs = fold(index.text(n), index.t2s)
        hits.append(Hit(n, closeness(shared_runs(folded.chars, theirs.chars), bw), len(theirs.chars)))
    chosen = listed(hits, listing)[:shown]
    best = chosen[0].coverage if chosen else 0.0
    return Ranked(chosen, best, verdict(best, len(chosen)), found)
