"""Document pages, the document index, and one index page per jurisdiction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial
from html import escape
from typing import Iterable

from generator.content.model import LEVEL_NAMES, LEVEL_ORDER, Corpus, Document, Jurisdiction, Record
from generator.chinese import NAMES as SCRIPT_NAMES, SCRIPTS, as_printed, choice, convert, family
from generator.pages import Page

KIND_NAMES = {
    "heading": "标题", "preamble": "前言", "significance": "重要意义", "guiding-thought": "指导思想",
    "principle": "基本原则", "goal": "目标", "task": "任务", "safeguard": "保障措施", "responsibility": "部门职责",
    "closing": "结语", "reported-provision": "报道所述条款", "background": "背景", "finding": "调研发现",
    "problem": "问题", "recommendation": "建议", "explanation": "起草说明", "statement": "引述",
}
GENRE_NAMES = {
    "opinion": "意见", "implementation-opinion": "实施意见", "draft-for-comment": "征求意见稿",
    "drafting-explanation": "起草说明", "news-report": "新闻报道", "survey-report": "调研报告", "notice": "通知",
    "law": "法律", "regulation": "法规规章", "plan": "规划方案", "other": "其他",
}
STATUS_NAMES = {"issued": "已印发", "draft": "征求意见稿", "reported": "经报道得知", "cited-only": "仅见引用",
                "unknown": "不详"}
DATE_NAMES = {"issued": "下发", "printed": "印发", "published": "发布", "drafted": "成文"}
ROLE_NAMES = {"lead": "牵头", "participating": "参与"}
BASIS_NAMES = {"stated": "原文明示", "inferred": "推定（原文未写明牵头或配合）"}
TARGET_TYPE_NAMES = {"target": "目标", "standard": "标准", "finding": "实测"}
NOTE_NAMES = {"sic": "原文如此", "joined": "段落拼接", "artefact-removed": "已删转换残留", "duplicate": "重复段落",
              "editorial": "编者按", "untargeted": "未列指标"}
LINK_NAMES = {"implements": "贯彻落实", "describes": "说明或报道", "cites": "引用"}
LINK_NAMES_IN = {"implements": "被贯彻落实", "describes": "被说明或报道", "cites": "被引用"}


def doc_path(doc_id: str) -> str:
    return f"documents/{doc_id}/"


def record_path(record: Record) -> str:
    return f"documents/{record.doc_id}/#{record.id}"


def citation(doc: Document) -> str:
    """The document as a citation names it (organs, 《title》, 文号, date), marked for conversion."""
    from generator.analysis.citations import source_of  # citation builds on this module's paths and names
    return source_of(doc)


def pages(corpus: Corpus) -> Iterable[Page]:
    yield Page("documents/index.md", "文件", "documents_index.html", {"groups": _groups(corpus), "names": _names()})
    for doc in corpus.sorted_documents():
        title = as_printed(doc.title, doc.source.script) if doc.source else doc.title
        yield Page(f"documents/{doc.id}.md", title, "document.html", partial(_document_data, corpus, doc),
                   toc=lambda doc=doc: _toc(doc), description=citation(doc))
    places = _Places.of(corpus)
    for j in corpus.jurisdictions.values():
        yield Page(f"jurisdictions/{j.id}.md", j.name, "jurisdiction.html",
                   partial(_jurisdiction_data, corpus, places, j.id))


def _groups(corpus: Corpus) -> list[dict]:
    """Documents by level, then jurisdiction (national → province → city → county)."""
    groups = []
    docs = corpus.sorted_documents()
    for level in sorted(LEVEL_ORDER, key=LEVEL_ORDER.get):
        at_level = [d for d in docs if corpus.level_of(d) == level]
        if not at_level:
            continue
        by_j: dict[str, list[Document]] = {}
        for d in at_level:
            by_j.setdefault(d.jurisdiction, []).append(d)
        groups.append({"level": level, "name": LEVEL_NAMES[level], "count": len(at_level),
                       "jurisdictions": [(corpus.jurisdictions[j], ds) for j, ds in by_j.items()]})
    return groups


def _metadata(corpus: Corpus, doc: Document) -> list[tuple[str, str]]:
    j = corpus.jurisdictions[doc.jurisdiction]
    printed = partial(as_printed, source_script=doc.source.script) if doc.source else (lambda text: text)
    rows = [("标题", printed(doc.full_title or doc.title)), ("发文机关", printed("、".join(doc.issuers))),
            ("文号", printed(doc.number or "")),
            ("辖区", f"{j.name}({LEVEL_NAMES[j.level]})"), ("文种", GENRE_NAMES[doc.genre]),
            ("状态", STATUS_NAMES[doc.status])]
    rows += [(f"{DATE_NAMES[k]}日期", v) for k, v in doc.dates.items()]
    if doc.source:
        rows.append(("来源", printed(" / ".join(x for x in (doc.source.site, doc.source.url_title) if x))))
        rows.append(("原文文字", SCRIPT_NAMES[doc.source.script]))
        rows.append(("原文文件", f"content/sources/{doc.source.file}(第{doc.source.body[0]}–{doc.source.body[1]}行为正文)"))
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
    source = SCRIPT_NAMES[doc.source.script]
    own = family(doc.source.script)
    notes = [f"本页据{source}原文转录;当前显示为{SCRIPT_NAMES[page]},照原文显示,未作字形转换。" if page == own else
             f"本页据{source}原文转录;当前显示为{SCRIPT_NAMES[page]},原文文字由 OpenCC 按词转换,并经本库的例外词表校正。"
             "引文以原文为准。" for page in SCRIPTS]
    return choice(*(convert(note, page) for note, page in zip(notes, SCRIPTS)))


def _names() -> dict:
    return {"kind": KIND_NAMES, "role": ROLE_NAMES, "basis": BASIS_NAMES, "target": TARGET_TYPE_NAMES,
            "note": NOTE_NAMES, "link": LINK_NAMES, "link_in": LINK_NAMES_IN, "genre": GENRE_NAMES,
            "status": STATUS_NAMES, "level": LEVEL_NAMES}


def _toc(doc: Document) -> list[dict]:
    """Headings of the first two levels, for the page's table of contents."""
    def token(record: Record, level: int) -> dict:
        children = [token(c, level + 1) for c in record.children if level < 3 and (c.children or c.kind == "heading"
                                                                                    or c.number)]
        name = as_printed(record.heading, doc.source.script) if record.heading and doc.source else record.id
        return {"level": level, "id": record.id, "name": escape(name), "children": children}
    return [token(r, 2) for r in doc.records if r.children or r.kind == "heading" or r.number]


@dataclass
class _Places:
    """Each jurisdiction's children, documents and documents at or below it, gathered in one
    pass: looking them up page by page would make the jurisdiction pages quadratic."""

    children: dict[str, list[Jurisdiction]]
    docs: dict[str, list[Document]]
    below: Counter

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
        return cls(children, docs, below)


def _jurisdiction_data(corpus: Corpus, places: _Places, jid: str) -> dict:
    children = places.children.get(jid, [])
    chain = [corpus.jurisdictions[x] for x in corpus.jurisdiction_path(jid)[:-1]]
    return {"j": corpus.jurisdictions[jid], "children": children, "docs": places.docs.get(jid, []), "chain": chain,
            "names": _names(), "doc_path": doc_path, "descendant_counts": {c.id: places.below[c.id] for c in children}}
