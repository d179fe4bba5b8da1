"""Topic pages: the coverage matrix (topics × jurisdictions) and one page per topic.

A cell counts the records of a jurisdiction mapped to the topic or to one of its
descendants, so a parent row sums up its branch.  Mappings may be partial while the
crosswalk is being written: a jurisdiction whose records are not all mapped yet says so,
and a silent document is called "未涉及" only with that caveat.
"""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Iterable

from markupsafe import Markup

from generator.analysis.citations import ForPage
from generator.site.charts import drawing as svg
from generator.content.model import Corpus, Document, Record
from generator.analysis.topic_coverage import Column, Coverage, TopicNode, coverage, is_pending
from generator.site.pages import Context, Page
from generator.content import vocabulary
from generator import routes


def topic_path(tid: str) -> str:
    return routes.topic(tid)


def pages(corpus: Corpus) -> Iterable[Page]:
    cov = coverage(corpus)
    relations = corpus.relations_by_record
    pending = {d.id: sum(1 for r in d.walk() if is_pending(corpus, r)) for d in corpus.documents.values()}
    yield Page("topics/index.md", "主题", "topics_index.html", _index_data(corpus, cov),
               description="各辖区文件对各主题的覆盖情况")
    toc = partial(_toc, cov)  # the same for every topic: one function, so its rendering is shared
    for node in cov.tree:
        t = node.topic
        yield Page(f"topics/{t.id}.md", t.name, "topic.html",
                   partial(_topic_data, corpus, cov, node, relations, pending), toc=toc, description=t.scope)


def _names() -> dict:
    return {"kind": vocabulary.RECORD_KINDS, "role": vocabulary.ROLES, "basis": vocabulary.BASES, "target": vocabulary.TARGET_TYPES,
            "level": vocabulary.LEVELS}


def _column_note(col: Column) -> str:
    return vocabulary.LEVELS[col.jurisdiction.level] if col.has_text else "无原文"


# --- index ---------------------------------------------------------------------------------

def _index_data(corpus: Corpus, cov: Coverage) -> dict:
    rows = []
    for node in cov.tree:
        cells = []
        for col in cov.columns:
            n = cov.count(node.topic.id, col.jurisdiction.id)
            cells.append({"jid": col.jurisdiction.id, "count": n, "shade": svg.shade(n)})
        rows.append({"node": node, "cells": cells})
    total = len(corpus.records)
    pending = sum(1 for r in corpus.records.values() if is_pending(corpus, r))
    return {"cov": cov, "rows": rows, "names": _names(), "topic_path": topic_path,
            "heat_map": lambda ctx: heat_map(ctx, cov),
            "progress": {"records": total, "mapped": len(corpus.mappings), "unmapped": len(corpus.unmapped),
                         "pending": pending, "relations": len(corpus.relations)}}


def heat_map(ctx: Context, cov: Coverage) -> Markup:
    rows = [svg.Axis(n.topic.name, n.depth) for n in cov.tree]
    cols = [svg.Axis(c.jurisdiction.name, note=_column_note(c)) for c in cov.columns]
    values = [[cov.count(n.topic.id, c.jurisdiction.id) for c in cov.columns] for n in cov.tree]
    return svg.heat_map(rows, cols, values, "主题覆盖热图:各辖区文件中涉及各主题的记录数",
                        cell_title="{row} · {col}:{value} 条记录", none_label="库中无原文")


# --- one topic -----------------------------------------------------------------------------

def _topic_data(corpus: Corpus, cov: Coverage, node: TopicNode, relations: dict, pending: dict[str, int]) -> dict:
    topic = node.topic
    tid = topic.id
    chain = []
    parent = topic.parent
    while parent in corpus.topics and parent not in {t.id for t in chain}:
        chain.append(corpus.topics[parent])
        parent = corpus.topics[parent].parent
    subtree = set(node.subtree)
    sections = []
    for col in cov.columns:
        hits = cov.cells.get((tid, col.jurisdiction.id), [])
        docs = []
        for doc in col.text_docs:
            records = [r for r in hits if r.doc_id == doc.id]
            docs.append({"doc": doc, "records": [_excerpt(corpus, r, subtree, relations) for r in records],
                         "pending": pending[doc.id], "cite": ForPage(corpus, doc)})
        sections.append({"col": col, "docs": docs, "count": len(hits),
                         "cited_only": [d for d in col.docs if not d.has_text]})
    children = [corpus.topics[c] for c in node.children]
    return {"topic": topic, "chain": chain[::-1], "children": children, "sections": sections,
            "child_counts": {c.id: sum(len(cov.cells.get((c.id, col.jurisdiction.id), [])) for col in cov.columns)
                             for c in children},
            "names": _names(), "topic_path": topic_path, "doc_path": _doc_path}


def record_label(record: Record) -> str:
    """What to call a record out of context: its number path, its heading, or the heading it sits under."""
    if record.label:
        return record.label
    if record.heading:
        return record.heading
    under = next((a.heading for a in reversed(record.ancestors) if a.heading), None)
    return f"{under} ¶" if under else "¶"


def _excerpt(corpus: Corpus, record: Record, subtree: set[str], relations: dict) -> dict:
    return {"r": record, "label": record_label(record),
            "topics": [t for t in corpus.topics_of(record) if t.id in subtree],
            "relations": relations.get(record.uid, ([], []))}


def _doc_path(doc: Document) -> str:
    return routes.document(doc.id)


def _toc(cov: Coverage) -> list[dict]:
    # A toc name is HTML (MkDocs takes it from rendered Markdown; Material prints it as is):
    # a jurisdiction's name is data, so it is escaped here.
    return [{"level": 2, "id": f"j-{c.jurisdiction.id}", "name": escape(c.jurisdiction.name), "children": []}
            for c in cov.columns]

