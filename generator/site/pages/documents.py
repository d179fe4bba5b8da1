"""Document pages, the document index, and one index page per jurisdiction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial
from html import escape
from typing import Iterable

from generator.content.model import Corpus, Document, Jurisdiction, Record
from generator.chinese import SCRIPTS, as_printed, choice, convert, family, normalise, shown
from generator.site.pages import Page, environment
from generator.site.pages.topics import region_of
from generator.content import vocabulary
from generator import routes


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


def display_name(corpus: Corpus, doc: Document) -> str:
    """What a page calls a document in its title and headings: the issuing jurisdiction and
    《title》 (the title as printed), and the year where two would still read alike; three
    documents are titled 关于加强和完善城乡社区治理的实施意见, in 玉溪, 云南 and 青海."""
    # Only the clashes are derived once a corpus: a preview under ``mkdocs serve`` names an
    # edited document by its new title.
    twice = corpus.derived("display_name_clashes", _clashes)
    year = f"{doc.year}年" if doc.year and _name_key(corpus, doc) in twice else ""
    return f"{_place(corpus, doc)}{year}《{shown(doc.title)}》"


def _place(corpus: Corpus, doc: Document) -> str:
    """The issuing jurisdiction's name, unless the title begins with it (米易县“十四五”…)."""
    j = corpus.jurisdictions.get(doc.jurisdiction)
    return "" if j is None or normalise(doc.title).startswith(j.name) else j.name


def _name_key(corpus: Corpus, doc: Document) -> tuple[str, str]:
    return _place(corpus, doc), normalise(doc.title)


def _clashes(corpus: Corpus) -> set[tuple[str, str]]:
    counts = Counter(_name_key(corpus, d) for d in corpus.documents.values())
    return {key for key, n in counts.items() if n > 1}


def pages(corpus: Corpus) -> Iterable[Page]:
    yield Page("documents/index.md", "文件", "documents_index.html", {"groups": _groups(corpus), "names": _names()})
    for doc in corpus.sorted_documents():
        yield document_page(corpus, doc)
    places = _Places.of(corpus)
    for j in corpus.jurisdictions.values():
        yield Page(f"jurisdictions/{j.id}.md", j.name, "jurisdiction.html",
                   partial(_jurisdiction_data, corpus, places, j.id))


def document_page(corpus: Corpus, doc: Document) -> Page:
    """A document's page (also rendered alone, first, under ``mkdocs serve``: ``serve_preview``)."""
    return Page(f"documents/{doc.id}.md", display_name(corpus, doc), "document.html",
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


def _groups(corpus: Corpus) -> list[dict]:
    """Documents by level, then jurisdiction (national → province → city → county)."""
    groups = []
    docs = corpus.sorted_documents()
    for level in sorted(vocabulary.LEVEL_ORDER, key=vocabulary.LEVEL_ORDER.get):
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
    links_in = [(d, link) for d, link in corpus.linked_from.get(doc.id, [])]
    return {
        "doc": doc,
        "metadata": _metadata(corpus, doc),
        "jurisdiction": corpus.jurisdictions[doc.jurisdiction],
        "links_out": [(corpus.documents.get(link.document), link) for link in doc.links],
        "links_in": links_in,
        "cited_by": corpus.cited_by.get(doc.id, []),
        "record_count": sum(1 for _ in doc.walk()),
        "names": _names(),
        "cite": ForPage(corpus, doc),
        "script_note": _script_note(doc),
        "record_path": record_path,
        "doc_path": doc_path,
    }


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


@dataclass
class _Places:
    """Each jurisdiction's children, documents and documents at or below it, gathered in one
    pass: looking them up page by page would make the jurisdiction pages quadratic."""

    children: dict[str, list[Jurisdiction]]
    docs: dict[str, list[Document]]
    below: Counter
    text_regions: set[str]   # regions (topics.region_of) with a document's text: they have a page of topics

    @classmethod
    def of(cls, corpus: Corpus) -> "_Places":
        children: dict[str, list[Jurisdiction]] = {}
        for j in corpus.jurisdictions.values():
            children.setdefault(j.parent, []).append(j)
        docs: dict[str, list[Document]] = {}
        below: Counter = Counter()
        for d in corpus.sorted_documents():
            docs.setdefault(d.jurisdiction, []).append(d)
            below.update(corpus.jurisdiction_path(d.jurisdiction))
        text_regions = {region_of(corpus, d.jurisdiction) for d in corpus.documents.values() if d.has_text}
        return cls(children, docs, below, text_regions)


def _jurisdiction_data(corpus: Corpus, places: _Places, jid: str) -> dict:
    from generator.site.pages.units import jurisdiction_units  # units builds on this module's paths
    children = places.children.get(jid, [])
    chain = [corpus.jurisdictions[x] for x in corpus.jurisdiction_path(jid)[:-1]]
    region = region_of(corpus, jid)
    return {"j": corpus.jurisdictions[jid], "children": children, "docs": places.docs.get(jid, []), "chain": chain,
            "names": _names(), "doc_path": doc_path, "descendant_counts": {c.id: places.below[c.id] for c in children},
            "region": corpus.jurisdictions[region] if region in places.text_regions else None,
            "units": jurisdiction_units(corpus, jid)}
