"""Functions × topics: which jurisdictions give each kind of body (民政, 财政 …) each subject.

A jurisdiction gives a function a topic when a unit of that function is named on one of its
records mapped to the topic.  Topics come from the crosswalk's mappings, which may be
partial: records not mapped yet are counted as pending, never taken as silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.analysis.matrix_model import unit_of
from generator.analysis.ranks import jurisdiction_rank
from generator.analysis.topic_coverage import TopicNode, topic_tree
from generator.content.model import Corpus, Function, Jurisdiction, Record, Unit


@dataclass
class Entry:
    """One jurisdiction in a functions × topics cell: the records, and whether it leads any."""

    jurisdiction: Jurisdiction
    records: list[Record] = field(default_factory=list)
    leads: bool = False


@dataclass
class FunctionTopic:
    functions: list[Function]                 # rows with at least one cell
    columns: list[TopicNode]                  # tree order, with at least one cell
    cells: dict[tuple[str, str], list[Entry]]
    responsible: int                          # records that name responsible units
    pending: int                              # of those, records with no topic mapping yet
    unassigned: list[Unit]                    # units with duties but no function


def function_topic(corpus: Corpus) -> FunctionTopic:
    """Which jurisdictions give each function each topic (a unit of that function is named on a
    record mapped to the topic).  Exact topics only: a parent column does not repeat its children."""
    rank = jurisdiction_rank(corpus)
    found: dict[tuple[str, str], dict[str, Entry]] = {}
    responsible = pending = 0
    unassigned: dict[str, Unit] = {}
    for doc in corpus.sorted_documents():
        for record in doc.walk():
            if not (record.responsibility and record.responsibility.units):
                continue
            responsible += 1
            if record.uid not in corpus.mappings and record.uid not in corpus.unmapped:
                pending += 1
            topics = corpus.topics_of(record)
            for ref in record.responsibility.units:
                unit = unit_of(corpus, ref.unit, doc.jurisdiction)
                if unit.function not in corpus.functions:
                    unassigned[unit.id] = unit
                    continue
                for topic in topics:
                    cell = found.setdefault((unit.function, topic.id), {})
                    entry = cell.setdefault(doc.jurisdiction, Entry(corpus.jurisdictions[doc.jurisdiction]))
                    if record not in entry.records:
                        entry.records.append(record)
                    entry.leads = entry.leads or ref.role == "lead"
    cells = {key: sorted(by_j.values(), key=lambda e: rank.get(e.jurisdiction.id, 0)) for key, by_j in found.items()}
    used_f = {f for f, _ in cells}
    used_t = {t for _, t in cells}
    return FunctionTopic(
        functions=[f for f in corpus.functions.values() if f.id in used_f],
        columns=[n for n in topic_tree(corpus) if n.topic.id in used_t],
        cells=cells, responsible=responsible, pending=pending, unassigned=list(unassigned.values()))
