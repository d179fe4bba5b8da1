"""Document pages, the document index, and one index page per jurisdiction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import partial
from html import escape
from typing import TYPE_CHECKING

from generator import routes
from generator.analysis import precedents
from generator.analysis.places import Places
from generator.analysis.regions import region_of
from generator.analysis.topic_coverage import is_pending
from generator.chinese import SCRIPTS, as_printed, choice, convert, family, shown
from generator.content import vocabulary
from generator.content.model import Corpus, Document, Record
from generator.site.names import display_name
from generator.site.pages import Page, environment

if TYPE_CHECKING:
    from generator.analysis.citations import ForPage


def doc_path(doc_id: str) -> str:
    return routes.document(doc_id)


def record_path(record: Record) -> str:
    return routes.record(record.doc_id, record.id)


def citation(doc: Document) -> str:
    """The document as a citation names it (organs, 《title》, 文号, date), marked for conversion."""
    from generator.analysis.citations import source_of  # citation builds on this module's paths and names
    named = source_of(doc)
    # A document known only from a citation is named as that source prints it (``Printed``),
    # which ``source_of`` marks only for a document with a source of its own.
    title = doc.full_title or doc.title
    return named if doc.source else named.replace(f"《{title}》", f"《{shown(title)}》", 1)


def pages(corpus: Corpus) -> Iterable[Page]:
    regions = documents_by_region(corpus)
    yield Page(routes.page_source(routes.DOCUMENTS), "文件", "documents_index.html", partial(_index_data, corpus, regions))
    for rid, docs in regions.items():
        j = corpus.jurisdictions[rid]
        yield Page(routes.page_source(routes.documents_in(rid)), f"{j.name}的文件", "documents_region.html",
                   {"region": j, "groups": _groups(corpus, docs), "names": _names(),
                    "pending": {d.id: n for d in docs if d.has_text and (n := _pending(corpus, d))}})
    for doc in corpus.sorted_documents():
        yield document_page(corpus, doc)
    places = Places.of(corpus)
    for j in corpus.jurisdictions.values():
        yield Page(routes.page_source(routes.jurisdiction(j.id)), j.name, "jurisdiction.html",
                   partial(_jurisdiction_data, corpus, places, j.id))


def document_page(corpus: Corpus, doc: Document) -> Page:
    """A document's page (also rendered alone, first, under ``mkdocs serve``: ``serve_preview``)."""
    return Page(routes.page_source(routes.document(doc.id)), display_name(corpus, doc), "document.html",
                partial(_document_data, corpus, doc),
                toc=lambda: _toc(doc), description=citation(doc), head=partial(citation_meta, corpus, doc))


def citation_meta(corpus: Corpus, doc: Document) -> str:
    """The document's citation_* meta tags, from the CSL-JSON item its GB/T entry is made from:
    reference managers capture the document (its organs, title as printed, date), not a web page."""
    from generator.analysis.citations import csl_item_of  # citation builds on this module's paths and names
    item = csl_item_of(corpus, doc)
    date = item.get("issued", {}).get("date-parts", [[]])[0]
    # Plain text, not ``Printed``: the head is the same on both scripts' pages, as printed, and is
    # not run through a page's conversion, so it must not carry the marks that ask for one.
    return environment().get_template("_citation_meta.html").render(
        title=_plain(item["title"]), authors=[_plain(a["literal"]) for a in item.get("author", [])],
        date="/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date)),
        publisher=_plain(item.get("publisher") or item.get("container-title")), url=_plain(item.get("URL")))


def _plain(value: str | None) -> str | None:
    return None if value is None else str(value)


def documents_by_region(corpus: Corpus) -> dict[str, list[Document]]:
    """Every document under its region (national first, then provinces in jurisdiction order)."""
    out: dict[str, list[Document]] = {}
    for d in corpus.sorted_documents():
        out.setdefault(region_of(corpus, d.jurisdiction), []).append(d)
    return dict(sorted(out.items(), key=lambda kv: (vocabulary.LEVEL_ORDER[corpus.jurisdictions[kv[0]].level],
                                                    corpus.jurisdiction_path(kv[0]))))


def _pending(corpus: Corpus, doc: Document) -> int:
    """How many of a document's records wait for a topic: compare.js warns of them, and the
    document's page does not say."""
    return sum(1 for r in doc.walk() if is_pending(corpus, r))


def _index_data(corpus: Corpus, regions: dict[str, list[Document]]) -> dict:
    """The document list's front page: counts by region and level, each linking to the region's
    page; its size grows with the regions (about 30 provinces), not with the documents."""
    levels = sorted(vocabulary.LEVEL_ORDER, key=vocabulary.LEVEL_ORDER.__getitem__)
    counts = {rid: Counter(corpus.level_of(d) for d in docs) for rid, docs in regions.items()}
    used = [lv for lv in levels if any(c[lv] for c in counts.values())]
    return {"levels": [(lv, vocabulary.LEVELS[lv], sum(c[lv] for c in counts.values())) for lv in used],
            "regions": [(corpus.jurisdictions[rid], [counts[rid][lv] for lv in used], len(docs),
                         sum(1 for d in docs if not d.has_text)) for rid, docs in regions.items()],
            "total": len(corpus.documents)}


def _groups(corpus: Corpus, docs: list[Document]) -> list[dict]:
    """Documents by level, then jurisdiction (national → province → city → county)."""
    groups = []
    for level in sorted(vocabulary.LEVEL_ORDER, key=vocabulary.LEVEL_ORDER.__getitem__):
        at_level = [d for d in docs if corpus.level_of(d) == level]
        if not at_level:
            continue
        by_j: dict[str, list[Document]] = {}
        for d in at_level:
            by_j.setdefault(d.jurisdiction, []).append(d)
        groups.append({"level": level, "name": vocabulary.LEVELS[level], "count": len(at_level),
                       "jurisdictions": [(corpus.jurisdictions[j], ds) for j, ds in by_j.items()]})
    return groups


def _metadata(corpus: Corpus, doc: Document) -> list[tuple[str, str]]:
    j = corpus.jurisdictions[doc.jurisdiction]
    printed = partial(as_printed, source_script=doc.source.script) if doc.source else (lambda text: text)
    rows = [("标题", printed(doc.full_title or doc.title)), ("发文机关", printed("、".join(doc.issuers))),
            ("文号", printed(doc.number or "")),
            ("辖区", f"{j.name}({vocabulary.LEVELS[j.level]})"), ("文种", vocabulary.GENRES[doc.genre]),
            ("状态", vocabulary.STATUSES[doc.status])]
    rows += [(f"{vocabulary.DATES[k]}日期", v) for k, v in doc.dates.items()]
    rows.append(("有效期至", doc.effective_until))
    if doc.source:
        rows.append(("来源", printed(" / ".join(x for x in (doc.source.site, doc.source.url_title) if x))))
        rows.append(("原文文字", vocabulary.SOURCE_SCRIPTS[doc.source.script]))
        # The file itself is named on the about page and in documents.json, not to readers here.
        rows.append(("原文正文", f"所据原文第{doc.source.body[0]}–{doc.source.body[1]}行（其余为网页导航、页脚等）"))
    return rows


def _document_data(corpus: Corpus, doc: Document) -> dict:
    from generator.analysis.citations import ForPage  # citation builds on this module's paths and names
    cite = ForPage(corpus, doc)
    links_in = [(d, link) for d, link in corpus.linked_from.get(doc.id, [])]
    return {
        "doc": doc,
        "metadata": _metadata(corpus, doc),
        "jurisdiction": corpus.jurisdictions[doc.jurisdiction],
        "region": region_of(corpus, doc.jurisdiction),   # its documents/in/ page, for compare.js
        # (document, link, its words as the source printed them)
        "links_out": [(corpus.documents.get(link.document), link, cite.printed(link.as_cited)) for link in doc.links],
        "links_in": links_in,
        # (record, its document's title as printed, the record's quote)
        "cited_by": [(r, cite.printed(corpus.documents[r.doc_id].title, corpus.documents[r.doc_id]), cite.quote(r))
                     for r in corpus.cited_by.get(doc.id, [])],
        "record_count": sum(1 for _ in doc.walk()),
        "names": _names(),
        # Values, worked out here so that templates call no analysis: the document's citation,
        # its notes and each record's words as printed.
        "citation": cite.document(),
        "doc_notes": cite.notes(doc.notes),
        "printed": {r.uid: _printed_record(cite, r) for r in doc.walk()},
        # Each record's precedents, for _record.html; a record with none is left out.
        "precedents": _precedents(corpus, doc),
        "script_note": _script_note(doc),
        "record_path": record_path,
        "doc_path": doc_path,
    }


def _precedents(corpus: Corpus, doc: Document) -> dict[str, precedents.Precedents | int]:
    """Each record's precedents as its page shows them: in full, or (a large corpus) only how
    many its panel lists, the links being read from the data file when it is opened."""
    out: dict[str, precedents.Precedents | int] = {}
    for r in doc.walk():
        count = precedents.listed_count(corpus, r)
        found = precedents.shown(corpus, r) if count is None else count
        if found:
            out[r.uid] = found
    return out


def _printed_record(cite: ForPage, r: Record) -> dict:
    """What _record.html shows of ``r``: title, the gap after it and text as the source printed
    them, and the record whose targets and notes quote it as printed."""
    if r.kind == "heading":
        return {"title": cite.printed(r.title)}
    return {"title": cite.printed(r.title), "gap": cite.gap(r), "text": cite.printed(r.text),
            "record": cite.shown(r) if r.targets or r.notes else r}


def _script_note(doc: Document) -> str | None:
    """Which script the source was in, and whether this page converted its text: one text
    for each script's page (the body is rendered once for both)."""
    if not doc.source:
        return None
    source = vocabulary.SOURCE_SCRIPTS[doc.source.script]
    own = family(doc.source.script)
    notes = [f"本页据{source}原文转录；当前显示为{vocabulary.SOURCE_SCRIPTS[page]}，照原文显示，未作字形转换。" if page == own else
             f"本页据{source}原文转录；当前显示为{vocabulary.SOURCE_SCRIPTS[page]}，原文文字按词转换，并经本库的例外词表校正"
             "（转换规则见关于页）。引文以原文为准。" for page in SCRIPTS]
    return choice(*(convert(note, page) for note, page in zip(notes, SCRIPTS)))


def _names() -> dict:
    return {"kind": vocabulary.RECORD_KINDS, "role": vocabulary.ROLES, "basis": vocabulary.BASES, "named": vocabulary.NAMED,
            "target": vocabulary.TARGET_TYPES,
            "note": vocabulary.NOTE_TYPES, "link": vocabulary.DOC_RELATIONS, "link_in": vocabulary.DOC_RELATIONS_IN, "genre": vocabulary.GENRES,
            "status": vocabulary.STATUSES, "level": vocabulary.LEVELS}


def _toc(doc: Document) -> list[dict]:
    """The headings, for the page's table of contents: every numbered part of the first two
    levels, and below them every clause that has a title or clauses of its own, so that the
    contents reach the deepest heading (a long implementation opinion's 12. 加强…)."""
    def listed(record: Record, level: int) -> bool:
        if level <= 3:
            return bool(record.children or record.kind == "heading" or record.number)
        return bool(record.children or record.heading)

    def token(record: Record, level: int) -> dict:
        children = [token(c, level + 1) for c in record.children if listed(c, level + 1)]
        name = as_printed(record.heading, doc.source.script) if record.heading and doc.source else record.id
        return {"level": level, "id": record.id, "name": escape(name), "children": children}
    return [token(r, 2) for r in doc.records if listed(r, 2)]


def _jurisdiction_data(corpus: Corpus, places: Places, jid: str) -> dict:
    from generator.site.pages.units import jurisdiction_units  # units builds on this module's paths
    children = places.children.get(jid, [])
    chain = [corpus.jurisdictions[x] for x in corpus.jurisdiction_path(jid)[:-1]]
    region = region_of(corpus, jid)
    return {"j": corpus.jurisdictions[jid], "children": children, "docs": places.docs.get(jid, []), "chain": chain,
            "names": _names(), "doc_path": doc_path, "descendant_counts": {c.id: places.below[c.id] for c in children},
            "region": corpus.jurisdictions[region] if region in places.text_regions else None,
            "units": jurisdiction_units(corpus, jid)}
