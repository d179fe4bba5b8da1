"""Document lineage: which document implements, describes or cites which.

Edges come from each document's ``links`` and from the ``cites`` of its records; one
edge per pair of documents, with the strongest relation (implements > describes >
cites).  Documents known only by citation are nodes too, drawn differently, so the
diagram shows where the corpus has gaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from generator import routes
from generator.analysis.regions import region_of
from generator.content import vocabulary
from generator.content.model import Corpus, Document, Jurisdiction
from generator.site.charts import drawing
from generator.site.pages import Context, Page

STRENGTH = ("implements", "describes", "cites")
# Up to this many documents one page draws them all; past it (a national corpus) the lineage
# page draws the nation and the provinces, and each region (a province with all below it) has a
# page of its own, so that no page grows with the corpus.
WHOLE_UP_TO = 100


@dataclass
class Link:
    source: Document
    target: Document
    type: str
    as_cited: str | None
    via_records: int     # records of the source that cite the target


def links(corpus: Corpus) -> list[Link]:
    """One link per ordered pair of documents, in document order."""
    found: dict[tuple[str, str], Link] = {}
    for doc in corpus.sorted_documents():
        for link in doc.links:
            target = corpus.documents.get(link.document)
            if target is None:
                continue
            key = (doc.id, target.id)
            old = found.get(key)
            if old is None or STRENGTH.index(link.type) < STRENGTH.index(old.type):
                found[key] = Link(doc, target, link.type, link.as_cited or (old.as_cited if old else None), 0)
        for record in doc.walk():
            for cited in record.cites:
                if cited not in corpus.documents or cited == doc.id:
                    continue
                key = (doc.id, cited)
                if key not in found:
                    found[key] = Link(doc, corpus.documents[cited], "cites", None, 0)
                found[key].via_records += 1
    return list(found.values())


def pages(corpus: Corpus) -> Iterable[Page]:
    all_links = links(corpus)
    docs = corpus.sorted_documents()
    out: dict[str, list[Link]] = {}
    into: dict[str, list[Link]] = {}
    for lk in all_links:  # grouped in one pass: per document, a scan of every link was quadratic
        out.setdefault(lk.source.id, []).append(lk)
        into.setdefault(lk.target.id, []).append(lk)
    page = partial(_page, corpus, out, into)
    if len(docs) <= WHOLE_UP_TO:
        yield page("lineage/index.md", "文件沿革", docs)
        return
    by_region: dict[str, list[Document]] = {}
    for d in docs:
        by_region.setdefault(region_of(corpus, d.jurisdiction), []).append(d)
    top = [d for d in docs if corpus.level_of(d) in ("national", "province")]
    regions = [(corpus.jurisdictions[rid], len(ds)) for rid, ds in by_region.items()]
    yield page("lineage/index.md", "文件沿革", top, regions=regions, total=len(docs))
    for rid, ds in by_region.items():
        j = corpus.jurisdictions[rid]
        yield page(routes.lineage_in(rid).rstrip("/") + ".md", f"{j.name}文件沿革", ds, region=j)


def _page(corpus: Corpus, out: dict[str, list[Link]], into: dict[str, list[Link]], path: str, title: str,
          docs: list[Document], regions: list | None = None, total: int | None = None,
          region: Jurisdiction | None = None) -> Page:
    """A lineage page of ``docs``: the graph draws them and the documents they link to, the
    table lists them with their links either way."""
    shown = [lk for d in docs for lk in out.get(d.id, [])]
    ids = {d.id for d in docs}
    others = {lk.target.id: lk.target for lk in shown if lk.target.id not in ids}
    nodes = sorted([*docs, *others.values()], key=corpus.sort_key)
    rows = [{"doc": d, "level": vocabulary.LEVELS[corpus.level_of(d)],
             "jurisdiction": corpus.jurisdictions[d.jurisdiction],
             "out": out.get(d.id, []), "in": into.get(d.id, [])} for d in docs]
    return Page(path, title, "lineage.html",
                {"rows": rows, "graph": lambda ctx: graph(ctx, nodes, shown), "regions": regions, "region": region,
                 "names": {"link": vocabulary.DOC_RELATIONS, "link_in": vocabulary.DOC_RELATIONS_IN,
                           "status": vocabulary.STATUSES},
                 "counts": {"documents": total or len(docs), "cited_only": sum(1 for d in docs if not d.has_text),
                            "links": len(shown)}},
                description="文件之间的贯彻落实、说明报道与引用关系")


def graph(ctx: Context, docs: list[Document], all_links: list[Link]) -> Markup:
    corpus = ctx.corpus
    nodes = []
    for d in docs:
        j = corpus.jurisdictions[d.jurisdiction]
        nodes.append(drawing.Node(
            id=d.id, label=d.title, layer=vocabulary.LEVEL_ORDER[j.level], group=j.name,
            muted=not d.has_text,
            sublabel=d.number or (str(d.year) if d.year else None) or (None if d.has_text else "仅见引用"),
            tooltip=f"《{d.full_title or d.title}》{d.number or ''} · {vocabulary.STATUSES[d.status]}"))
    edges = [drawing.Edge(lk.source.id, lk.target.id, lk.type,
                      f"《{lk.source.title}》{vocabulary.DOC_RELATIONS[lk.type]}《{lk.target.title}》") for lk in all_links]
    layers = [vocabulary.LEVELS[lv] for lv in sorted(vocabulary.LEVEL_ORDER, key=vocabulary.LEVEL_ORDER.__getitem__)]
    return drawing.layered_graph(layers, nodes, edges, "文件沿革图：文件之间的贯彻落实、说明报道与引用关系",
                             [(kind, vocabulary.DOC_RELATIONS[kind]) for kind in STRENGTH], "库中无原文，仅见引用")
