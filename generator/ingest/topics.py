"""Topics suggested for a draft's records: those of their closest tagged records.

The precedent engine (``analysis.precedents``) finds, for each drafted record, the records of
other documents that share its wording; the topics those records are mapped to are the
suggestion.  Suggestions are written as comments at the top of the draft, in the form of a
``mappings:`` line of ``crosswalk/topics.yaml``: a maintainer pastes the ones confirmed and
drops the rest, so nothing is published on a guess.
"""

from __future__ import annotations

from pathlib import Path

from generator.analysis import precedents
from generator.content.load import Paths, load

# At most this many topics a record, each carried by a match scoring at least MIN_SCORE.
TOPICS_MAX = 3
MIN_SCORE = 0.15


def _walk(records: list[dict] | None):
    for rec in records or []:
        yield rec
        yield from _walk(rec.get("children"))


def suggest(draft, root: Path, doc_id: str) -> None:
    """Fill ``draft.topics`` (record id → [(topic, precedent uid, score)]) and say how many."""
    corpus, _ = load(Paths.at(root))
    items = [item for item in precedents.items_of(corpus) if item.doc != doc_id]
    tagged = {item.uid: item.topics for item in items if item.topics}
    if not tagged:
        return
    mine = []
    for rec in _walk(draft.doc.get("records")):
        text = "。".join(p for p in (rec.get("title"), rec.get("text")) if p)
        if rec.get("kind") != "heading" and text:
            mine.append(precedents.Item(f"{doc_id}/{rec['id']}", doc_id, precedents.fold(text)))
    found = precedents.find(items + mine)
    for item in mine:
        votes: dict[str, float] = {}   # topic → the summed scores of the records that carry it
        best: dict[str, tuple[str, float]] = {}
        for match in found.get(item.uid, []):
            if match.uid not in tagged or match.score < MIN_SCORE:
                continue
            for topic in tagged[match.uid]:
                votes[topic] = votes.get(topic, 0.0) + match.score
                if topic not in best or best[topic][1] < match.score:
                    best[topic] = (match.uid, match.score)
        if votes:
            rid = item.uid.split("/", 1)[1]
            ranked = sorted(votes, key=lambda topic: -votes[topic])[:TOPICS_MAX]   # stable, as most_common
            draft.topics[rid] = [(topic, *best[topic]) for topic in ranked]
    if draft.topics:
        draft.done.append(f"topics suggested for {len(draft.topics)} records from their closest tagged records "
                          "(listed at the top of the YAML; confirm them in crosswalk/topics.yaml)")
        draft.done += [f"  {rid}: {', '.join(topic for topic, _, _ in picks)} (like {picks[0][1]})"
                       for rid, picks in draft.topics.items()]


def comment_lines(draft, doc_id: str) -> list[str]:
    if not draft.topics:
        return []
    out = ["# Topics suggested from the closest tagged records (not published): paste the lines you confirm",
           "# under mappings: in crosswalk/topics.yaml, change or drop the rest.",
           "# mappings:"]
    for rid, picks in draft.topics.items():
        topics = ", ".join(topic for topic, _, _ in picks)
        because = "; ".join(f"{topic} as {uid} ({score:.2f})" for topic, uid, score in picks)
        out.append(f"#   - {{record: {doc_id}/{rid}, topics: [{topics}]}}   # {because}")
    return out
