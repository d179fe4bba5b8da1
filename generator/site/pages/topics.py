"""Topic pages: the coverage matrix (topics × jurisdictions) and one page per topic.

A cell counts the records of a jurisdiction mapped to the topic or to one of its
descendants, so a parent row sums up its branch.  Mappings may be partial while the
crosswalk is being written: a jurisdiction whose records are not all mapped yet says so,
and a silent document is called "未涉及" only with that caveat.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from html import escape
from typing import Any

from markupsafe import Markup

from generator import routes
from generator.analysis import topic_coverage
from generator.analysis.topic_coverage import Column, Coverage, Region, TopicNode, is_pending
from generator.chinese import excerpt, joined, shown
from generator.content import vocabulary
from generator.content.model import Corpus, Document, Record, Topic
from generator.site.charts import drawing
from generator.site.pages import Context, Page


def topic_path(tid: str) -> str:
    return routes.topic(tid)


# A topic page lists every record of its topic under each jurisdiction while the corpus has
# at most this many jurisdictions with documents.  Beyond, it compares regions (the national
# level and each province with everything below it) in one row each, and each region's page
# of topics (``routes.region_topics``) lists the clauses: listing every clause of the country
# under every topic made each topic page about 2 MB at 300 documents.
FULL_UP_TO = 30
# Characters of a clause's text a region's page of topics quotes; the clause is one click away.
EXCERPT_CHARS = 40
# Past FULL_UP_TO, the page names each clause instead: its number and title, or, if it has no
# title, the opening of its text, this many characters.
OPENING_CHARS = 12


def in_full(corpus: Corpus) -> bool:
    """Whether the corpus is small enough for views that list every clause or observation
    (topic and indicator pages): no more jurisdictions with documents (``coverage``'s
    columns) than ``FULL_UP_TO``.  Beyond, they compare regions in one row each."""
    return len({d.jurisdiction for d in corpus.documents.values()}) <= FULL_UP_TO


def pages(corpus: Corpus) -> Iterable[Page]:
    cov = topic_coverage.cached(corpus)
    relations = corpus.relations_by_record
    pending = {d.id: sum(1 for r in d.walk() if is_pending(corpus, r)) for d in corpus.documents.values()}
    regions = topic_coverage.regions(corpus, cov)
    full = in_full(corpus)
    yield Page(routes.page_source(routes.TOPICS), "主题", "topics_index.html", _index_data(corpus, cov, None if full else regions),
               description="各辖区文件对各主题的覆盖情况")
    toc = partial(_toc, cov) if full else partial(_region_toc, regions)  # shared by every topic page
    for node in cov.tree:
        t = node.topic
        if full:
            yield Page(routes.page_source(routes.topic(t.id)), t.name, "topic.html",
                       partial(_topic_data, corpus, cov, node, relations, pending), toc=toc, description=t.scope)
        else:
            yield Page(routes.page_source(routes.topic(t.id)), t.name, "topic_regions.html",
                       partial(_regions_data, corpus, cov, node, regions, pending), toc=toc, description=t.scope)
    for region in regions:
        if region.text_docs:
            yield Page(routes.page_source(routes.region_topics(region.j.id)), f"{region.j.name}:各主题条款",
                       "topic_region.html", partial(_region_page_data, corpus, cov, region, full),
                       description=f"{region.j.name}及其下级辖区文件中各主题的条款")


def _names() -> dict:
    return {"kind": vocabulary.RECORD_KINDS, "role": vocabulary.ROLES, "basis": vocabulary.BASES, "named": vocabulary.NAMED,
            "target": vocabulary.TARGET_TYPES,
            "level": vocabulary.LEVELS}


def _column_note(col: Column) -> str:
    return vocabulary.LEVELS[col.jurisdiction.level] if col.has_text else "无原文"


# --- index ---------------------------------------------------------------------------------

def _index_data(corpus: Corpus, cov: Coverage, regions: list[Region] | None) -> dict:
    rows = []
    for node in cov.tree:
        cells = []
        if regions is None:
            for col in cov.columns:
                n = cov.count(node.topic.id, col.jurisdiction.id)
                cells.append({"jid": col.jurisdiction.id, "count": n, "shade": drawing.shade(n)})
        else:
            for region in regions:
                n = region.count(cov, node.topic.id)
                cells.append({"jid": region.j.id, "count": n, "shade": drawing.shade(n),
                              "href": routes.topic_in_region(node.topic.id, region.j.id)})
        rows.append({"node": node, "cells": cells})
    total = len(corpus.records)
    pending = sum(1 for r in corpus.records.values() if is_pending(corpus, r))
    return {"cov": cov, "rows": rows, "names": _names(), "topic_path": topic_path, "regions": regions,
            "heat_map": lambda ctx: heat_map(ctx, cov) if regions is None else region_heat_map(ctx, cov, regions),
            "progress": {"records": total, "mapped": len(corpus.mappings), "unmapped": len(corpus.unmapped),
                         "pending": pending, "relations": len(corpus.relations)}}


def heat_map(ctx: Context, cov: Coverage) -> Markup:
    rows = [drawing.Axis(n.topic.name, n.depth) for n in cov.tree]
    cols = [drawing.Axis(c.jurisdiction.name, note=_column_note(c)) for c in cov.columns]
    values = [[cov.count(n.topic.id, c.jurisdiction.id) for c in cov.columns] for n in cov.tree]
    return drawing.heat_map(rows, cols, values, "主题覆盖热图:各辖区文件中涉及各主题的记录数",
                        cell_title="{row} · {col}:{value} 条记录", none_label="库中无原文")


def region_heat_map(ctx: Context, cov: Coverage, regions: list[Region]) -> Markup:
    rows = [drawing.Axis(n.topic.name, n.depth) for n in cov.tree]
    cols = [drawing.Axis(r.j.name, note=f"{len(r.columns)}辖区" if r.text_docs else "无原文") for r in regions]
    values = [[r.count(cov, n.topic.id) for r in regions] for n in cov.tree]
    return drawing.heat_map(rows, cols, values, "主题覆盖热图:各地区(省级辖区及其下级)文件中涉及各主题的记录数",
                        cell_title="{row} · {col}:{value} 条记录", none_label="库中无原文")


def _excerpt_text(record: Record) -> str:
    return excerpt(joined("。", (record.title, record.text)), EXCERPT_CHARS)


def _regions_data(corpus: Corpus, cov: Coverage, node: TopicNode, regions: list[Region],
                  pending: dict[str, int]) -> dict:
    """One row per region: how many of its documents and jurisdictions address the topic, how
    many records, the clause of its highest level first, and the way to all of them."""
    topic = node.topic
    rows: list[dict[str, Any]] = []
    for region in regions:
        hits = region.hits(cov, topic.id)
        docs = region.text_docs
        addressing = {r.doc_id for r in hits}
        places = {corpus.documents[d].jurisdiction for d in addressing}
        rows.append({"region": region, "count": len(hits), "docs": len(docs), "addressing": len(addressing),
                     "places": len(places), "all_places": sum(1 for c in region.columns if c.has_text),
                     "pending": sum(pending[d.id] for d in docs if d.id not in addressing),
                     "first": hits[0] if hits else None, "excerpt": _excerpt_text(hits[0]) if hits else "",
                     "href": routes.topic_in_region(topic.id, region.j.id)})
    data = _topic_head(corpus, cov, node)
    data.update(rows=rows, total=sum(r["count"] for r in rows))
    return data


def _region_page_data(corpus: Corpus, cov: Coverage, region: Region, full: bool) -> dict:
    """A region's clauses under each topic they are mapped to (that topic exactly, so a clause
    appears once per mapping; a parent topic's section is followed by its children's).  Past
    ``FULL_UP_TO`` jurisdictions the page is the topic pages' only drill-down and lists every
    clause of a province: each document's clauses are then links on one line, named by number and
    title (``_clause_name``) instead of quoted (the excerpts were half of a province's page)."""
    docs = region.text_docs
    mapped: dict[str, dict[str, list[Record]]] = {}   # topic → document → its records, in order
    for d in docs:
        for r in d.walk():
            for tid in corpus.mappings.get(r.uid, []):
                mapped.setdefault(tid, {}).setdefault(d.id, []).append(r)
    sections = []
    for node in cov.tree:
        by_doc = mapped.get(node.topic.id, {})
        # A topic's heading stays while its branch has clauses here, so headings nest unbroken.
        sections.append({"node": node, "count": sum(map(len, by_doc.values())),
                         "branch": region.count(cov, node.topic.id),
                         "docs": [{"doc": corpus.documents[d], "records": [
                             {"r": r, "label": record_label(r) if full else _clause_name(r),
                              "excerpt": _excerpt_text(r) if full else ""} for r in rs]}
                             for d, rs in by_doc.items()]})
    return {"region": region, "sections": sections, "names": _names(), "topic_path": topic_path, "excerpts": full,
            "doc_path": _doc_path, "pending": sum(1 for d in docs for r in d.walk() if is_pending(corpus, r))}


def _clause_name(record: Record) -> str:
    """A clause's number and what it is about in a few words: its title (which ``record_label``
    already holds for a clause without a number), or the opening of its text."""
    label = record_label(record)
    if record.title:
        return f"{label}{shown(record.title)}" if record.label else shown(label)
    return f"{label} {excerpt(record.text, OPENING_CHARS)}" if record.text else label


def _region_toc(regions: list[Region]) -> list[dict]:
    return [{"level": 2, "id": f"j-{r.j.id}", "name": escape(r.j.name), "children": []} for r in regions]


# --- one topic -----------------------------------------------------------------------------

def _topic_head(corpus: Corpus, cov: Coverage, node: TopicNode) -> dict:
    """What every topic page says above its jurisdictions: breadcrumb, scope, subtopics."""
    topic = node.topic
    chain: list[Topic] = []
    parent = topic.parent
    while parent in corpus.topics and parent not in {t.id for t in chain}:
        chain.append(corpus.topics[parent])
        parent = corpus.topics[parent].parent
    children = [corpus.topics[c] for c in node.children]
    return {"topic": topic, "chain": chain[::-1], "children": children,
            "child_counts": {c.id: sum(len(cov.cells.get((c.id, col.jurisdiction.id), [])) for col in cov.columns)
                             for c in children},
            "names": _names(), "topic_path": topic_path, "doc_path": _doc_path}


def _topic_data(corpus: Corpus, cov: Coverage, node: TopicNode, relations: dict, pending: dict[str, int]) -> dict:
    tid = node.topic.id
    subtree = set(node.subtree)
    sections = []
    for col in cov.columns:
        hits = cov.cells.get((tid, col.jurisdiction.id), [])
        docs = []
        for doc in col.text_docs:
            records = [r for r in hits if r.doc_id == doc.id]
            docs.append({"doc": doc, "records": [_excerpt(corpus, r, subtree, relations) for r in records],
                         "pending": pending[doc.id]})
        sections.append({"col": col, "docs": docs, "count": len(hits),
                         "cited_only": [d for d in col.docs if not d.has_text]})
    data = _topic_head(corpus, cov, node)
    data["sections"] = sections
    return data


def record_label(record: Record) -> str:
    """What to call a record out of context: its number path, its heading, or the heading it sits under."""
    if record.label:
        return record.label
    if record.heading:
        return record.heading
    under = next((a.heading for a in reversed(record.ancestors) if a.heading), None)
    return f"{shown(under)} ¶" if under else "¶"


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

