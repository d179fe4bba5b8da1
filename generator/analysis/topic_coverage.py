"""The topic tree read against the corpus: which records address each topic, where.

Pages (topics, compare) and exports (topic-coverage.csv) share these look-ups, so they
live outside ``pages``.  Everything here copes with partial mappings: a record with no
mapping yet is counted as *pending*, never as silent, so a page can say "not addressed"
only where the editors have actually looked.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from generator.analysis.derived import Derived
from generator.analysis.regions import region_of
from generator.content import vocabulary
from generator.content.model import Corpus, Document, Jurisdiction, Record, Topic


@dataclass
class TopicNode:
    topic: Topic
    depth: int
    children: list[str] = field(default_factory=list)
    subtree: list[str] = field(default_factory=list)   # the topic and all its descendants, tree order


@dataclass
class Column:
    """One jurisdiction that has documents; ``text_docs`` empty means no text in the corpus."""

    jurisdiction: Jurisdiction
    docs: list[Document]
    text_docs: list[Document]
    records: int      # records in its text documents
    pending: int      # of those, records with no mapping yet

    @property
    def has_text(self) -> bool:
        return bool(self.text_docs)


def topic_tree(corpus: Corpus) -> list[TopicNode]:
    """Topics depth-first, siblings in file order; a topic whose parent is unknown is a root."""
    children: dict[str | None, list[str]] = {}
    for t in corpus.topics.values():
        parent = t.parent if t.parent in corpus.topics else None
        children.setdefault(parent, []).append(t.id)
    out: list[TopicNode] = []

    def visit(tid: str, depth: int, seen: frozenset) -> list[str]:
        node = TopicNode(corpus.topics[tid], depth, list(children.get(tid, [])))
        out.append(node)
        node.subtree = [tid]
        for child in node.children:
            if child not in seen:     # a cycle is reported by validation; don't loop on it here
                node.subtree += visit(child, depth + 1, seen | {child})
        return node.subtree

    for root in children.get(None, []):
        visit(root, 0, frozenset({root}))
    # Topics caught in a parent cycle have no root; list them anyway so each still gets a page.
    placed = {n.topic.id for n in out}
    for tid in corpus.topics:
        if tid not in placed:
            placed.update(visit(tid, 0, frozenset({tid})))
    return out


def records_by_topic(corpus: Corpus) -> dict[str, list[Record]]:
    """Records mapped directly to each topic, in corpus order."""
    out: dict[str, list[Record]] = {t: [] for t in corpus.topics}
    for uid, record in corpus.records.items():
        for tid in corpus.mappings.get(uid, []):
            if tid in out:
                out[tid].append(record)
    return out


def is_pending(corpus: Corpus, record: Record) -> bool:
    return record.uid not in corpus.mappings and record.uid not in corpus.unmapped


def jurisdiction_key(corpus: Corpus, j: Jurisdiction) -> tuple:
    """National → province → city → county, then by place in the jurisdiction tree."""
    return (vocabulary.LEVEL_ORDER[j.level], corpus.jurisdiction_path(j.id))


def columns(corpus: Corpus) -> list[Column]:
    by_j: dict[str, list[Document]] = {}
    for doc in corpus.sorted_documents():
        by_j.setdefault(doc.jurisdiction, []).append(doc)
    out = []
    for jid in sorted(by_j, key=lambda j: jurisdiction_key(corpus, corpus.jurisdictions[j])):
        docs = by_j[jid]
        text_docs = [d for d in docs if d.has_text]
        records = [r for d in text_docs for r in d.walk()]
        out.append(Column(corpus.jurisdictions[jid], docs, text_docs, len(records),
                          sum(1 for r in records if is_pending(corpus, r))))
    return out


@dataclass
class Coverage:
    tree: list[TopicNode]
    columns: list[Column]
    # (topic id, jurisdiction id) → records of that jurisdiction mapped to the topic or a
    # descendant, in corpus order; absent when the jurisdiction has no text.
    cells: dict[tuple[str, str], list[Record]]

    def count(self, tid: str, jid: str) -> int | None:
        cell = self.cells.get((tid, jid))
        return None if cell is None else len(cell)


def coverage(corpus: Corpus) -> Coverage:
    tree = topic_tree(corpus)
    cols = columns(corpus)
    direct = records_by_topic(corpus)
    jurisdiction_of = {d.id: d.jurisdiction for d in corpus.documents.values()}
    order = {uid: i for i, uid in enumerate(corpus.records)}
    cells: dict[tuple[str, str], list[Record]] = {}
    for node in tree:
        found: dict[str, dict[str, Record]] = {}
        for tid in node.subtree:
            for r in direct[tid]:
                found.setdefault(jurisdiction_of[r.doc_id], {})[r.uid] = r
        for col in cols:
            if col.has_text:
                hits = found.get(col.jurisdiction.id, {})
                cells[(node.topic.id, col.jurisdiction.id)] = sorted(hits.values(), key=lambda r: order[r.uid])
    return Coverage(tree, cols, cells)


def cached(corpus: Corpus) -> Coverage:
    """``coverage(corpus)``, made once a corpus (13 s at 3,000 documents)."""
    return COVERAGE.of(corpus)


COVERAGE = Derived("topic coverage", coverage)


def retagged(cov: Coverage, corpus: Corpus, jurisdictions: set[str]) -> Coverage:
    """``cov`` brought up to date with ``corpus``, whose mappings changed only for records of
    ``jurisdictions`` (a topics edit under ``mkdocs serve``): their cells and pending counts read
    afresh, everything else shared with ``cov``."""
    cols = [dataclasses.replace(c, pending=sum(1 for d in c.text_docs for r in d.walk() if is_pending(corpus, r)))
            if c.jurisdiction.id in jurisdictions else c for c in cov.columns]
    cells = dict(cov.cells)
    for jid in jurisdictions:
        # In corpus order, as ``coverage`` sorts each cell.
        records = [r for d in corpus.documents.values() if d.jurisdiction == jid and d.has_text for r in d.walk()]
        topics = {r.uid: set(corpus.mappings.get(r.uid, [])) for r in records}
        for node in cov.tree:
            if (node.topic.id, jid) in cells:
                subtree = set(node.subtree)
                cells[(node.topic.id, jid)] = [r for r in records if topics[r.uid] & subtree]
    return Coverage(cov.tree, cols, cells)


# --- regions: the national level, and each province with all below it -------------------------

@dataclass
class Region:
    """The jurisdictions compared in one row of a national corpus's topic pages: the national
    level alone, or a province with its cities and counties (``columns``, national → county)."""

    j: Jurisdiction
    columns: list[Column] = field(default_factory=list)

    @property
    def text_docs(self) -> list[Document]:
        return [d for c in self.columns for d in c.text_docs]

    @property
    def cited_only(self) -> list[Document]:
        return [d for c in self.columns for d in c.docs if not d.has_text]

    def hits(self, cov: Coverage, tid: str) -> list[Record]:
        return [r for c in self.columns for r in cov.cells.get((tid, c.jurisdiction.id), [])]

    def count(self, cov: Coverage, tid: str) -> int | None:
        return len(self.hits(cov, tid)) if self.text_docs else None


def regions(corpus: Corpus, cov: Coverage) -> list[Region]:
    """Regions in jurisdiction order, each with its columns; a jurisdiction with documents whose
    province is unknown is a region of its own."""
    out: dict[str, Region] = {}
    for col in cov.columns:
        top = region_of(corpus, col.jurisdiction.id)
        out.setdefault(top, Region(corpus.jurisdictions[top])).columns.append(col)
    rank = {col.jurisdiction.id: i for i, col in enumerate(cov.columns)}
    # National first, then provinces in the order of their first column.
    return sorted(out.values(), key=lambda r: (vocabulary.LEVEL_ORDER.get(r.j.level, 9),
                                               min(rank[c.jurisdiction.id] for c in r.columns)))
