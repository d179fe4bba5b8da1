"""Topics suggested for a draft's records: the topics whose records its wording is closest to.

Each topic is profiled by the pairs of Chinese characters of the records mapped to it in
``crosswalk/topics.yaml``, with its own name and scope (SCOPE_WEIGHT times), each pair weighted
by how rare it is among the tagged records (tf-idf); a drafted record is scored against each
profile by cosine.  A topic is suggested where its score reaches FLOOR and is within MARGIN of
the record's best, at most TOPICS_MAX a record: fewer, surer suggestions.  The values were
chosen on the seeds, each with its own records left out (`crosswalk ingest-eval --set seeds`,
row ``topics``).  Suggestions are written as comments at the top of the draft, in the form of
a ``mappings:`` line of ``crosswalk/topics.yaml``: a maintainer pastes the ones confirmed and
drops the rest, so nothing is published on a guess.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.analysis import precedents
from generator.chinese import HAN, normalise
from generator.content.load import Paths, load

TOPICS_MAX = 2
FLOOR = 0.28
MARGIN = 0.9
SCOPE_WEIGHT = 3
_NOT_HAN = re.compile(f"[^{HAN}]")


def _pairs(text: str) -> Counter[str]:
    """The text's pairs of Chinese characters (punctuation and figures say nothing of a topic)."""
    hans = _NOT_HAN.sub("", normalise(text))
    return Counter(hans[i:i + 2] for i in range(len(hans) - 1))


@dataclass(frozen=True)
class Profiles:
    """Each topic's weighted pairs, and how rare each pair is."""

    rarity: dict[str, float]
    topics: dict[str, tuple[dict[str, float], float]]   # topic → (weights, norm)

    @classmethod
    def of(cls, tagged: list[tuple[str, frozenset[str]]], scopes: dict[str, str]) -> Profiles:
        """From ``(text, topics)`` of the tagged records and each topic's name and scope."""
        counted = [(_pairs(text), topics) for text, topics in tagged]
        seen = Counter(pair for pairs, _ in counted for pair in pairs)
        rarity = {pair: math.log((len(counted) + 1) / (n + 1)) + 1 for pair, n in seen.items()}
        weights: dict[str, dict[str, float]] = {}
        for pairs, topics in counted:
            for topic in topics:
                profile = weights.setdefault(topic, {})
                for pair, n in pairs.items():
                    profile[pair] = profile.get(pair, 0.0) + n * rarity[pair]
        for topic, profile in weights.items():
            for pair, n in _pairs(scopes.get(topic, "")).items():
                profile[pair] = profile.get(pair, 0.0) + SCOPE_WEIGHT * n * rarity.get(pair, 1)
        return cls(rarity, {topic: (profile, math.sqrt(sum(w * w for w in profile.values())))
                            for topic, profile in weights.items()})

    def scores(self, text: str) -> list[tuple[str, float]]:
        """Every topic's closeness to the text, closest first."""
        query = {pair: n * self.rarity[pair] for pair, n in _pairs(text).items() if pair in self.rarity}
        norm = math.sqrt(sum(w * w for w in query.values()))
        if not norm:
            return []
        out = [(topic, sum(w * profile.get(pair, 0.0) for pair, w in query.items()) / (norm * size))
               for topic, (profile, size) in self.topics.items() if size]
        return sorted(out, key=lambda pair: -pair[1])

    def suggest(self, text: str) -> list[tuple[str, float]]:
        ranked = self.scores(text)
        if not ranked or ranked[0][1] < FLOOR:
            return []
        return [(topic, score) for topic, score in ranked[:TOPICS_MAX] if score >= FLOOR and score >= MARGIN * ranked[0][1]]


def _walk(records: list[dict] | None):
    for rec in records or []:
        yield rec
        yield from _walk(rec.get("children"))


def suggest(draft, root: Path, doc_id: str) -> None:
    """Fill ``draft.topics`` (record id → [(topic, score)]) and say how many."""
    corpus, _ = load(Paths.at(root))
    tagged = [(precedents.record_text(r), frozenset(corpus.mappings[r.uid])) for r in corpus.records.values()
              if r.doc_id != doc_id and corpus.mappings.get(r.uid) and precedents.record_text(r)]
    if not tagged:
        return
    profiles = Profiles.of(tagged, {t.id: f"{t.name or ''}。{t.scope or ''}" for t in corpus.topics.values()})
    for rec in _walk(draft.doc.get("records")):
        text = "。".join(p for p in (rec.get("title"), rec.get("text")) if p)
        picks = profiles.suggest(text) if text else []   # a heading too: a bare one reaches no floor
        if picks:
            draft.topics[rec["id"]] = picks
    if draft.topics:
        draft.done.append(f"topics suggested for {len(draft.topics)} records from the wording of each topic's records "
                          "(listed at the top of the YAML; confirm them in crosswalk/topics.yaml)")
        draft.done += [f"  {rid}: {', '.join(f'{topic} ({score:.2f})' for topic, score in picks)}"
                       for rid, picks in draft.topics.items()]


_SUGGESTION = "#   - {{record: {doc_id}/{rid}, topics: [{topics}]}}"
_SUGGESTED = re.compile(r"^#   - \{record: [^/\s]+/(?P<rid>[^,\s]+), topics: \[(?P<topics>[^\]]*)\]\}", re.M)


def comment_lines(draft, doc_id: str) -> list[str]:
    if not draft.topics:
        return []
    out = ["# Topics suggested from the wording of each topic's tagged records (not published): paste the lines you confirm",
           "# under mappings: in crosswalk/topics.yaml, change or drop the rest.",
           "# mappings:"]
    for rid, picks in draft.topics.items():
        topics = ", ".join(topic for topic, _ in picks)
        closeness = "; ".join(f"{topic} {score:.2f}" for topic, score in picks)
        out.append(_SUGGESTION.format(doc_id=doc_id, rid=rid, topics=topics) + f"   # closeness {closeness}")
    return out


def suggested(draft_text: str) -> dict[str, list[str]]:
    """Record id → the topics suggested for it, read back from a draft's comment lines."""
    return {m["rid"]: [t.strip() for t in m["topics"].split(",") if t.strip()]
            for m in _SUGGESTED.finditer(draft_text)}
