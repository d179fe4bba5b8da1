"""Editorial prose: the small Markdown subset that notes, scopes and rationales may use.

``*emphasis*``, ``**strong**`` and links into the corpus by id:
``[玉溪第14项](record:yuxi-2018/p2-3-14)``, ``[《意见》](document:yuxi-2018)``,
``[准入](topic:work-item-access)``.  Nothing else is Markdown here: raw HTML stays text, so
what an editor writes is escaped by the renderer, and a link can only point into the site.
``check`` reports a link to an id the corpus does not have, at the field that holds it.
"""

from __future__ import annotations

from collections.abc import Mapping

from markdown_it import MarkdownIt

from generator.content.model import Corpus
from generator.content.yamlfile import Pos, Problem

PARSER = MarkdownIt("zero").enable(["emphasis", "link"])
KINDS = ("record", "document", "topic")


def links(text: str) -> list[str]:
    """The link targets written in ``text``, as written."""
    tokens = PARSER.parseInline(text)
    return [str(t.attrGet("href")) for block in tokens for t in block.children or () if t.type == "link_open"]


def fields(corpus: Corpus) -> list[tuple[str, Pos]]:
    """Every piece of editorial prose, with where it is written."""
    out: list[tuple[str, Pos]] = []
    for doc in corpus.documents.values():
        out += [(n.text, n.pos) for n in doc.notes]
        if doc.source:
            out += [(e.reason, doc.pos) for e in doc.source.excluded]
        for record in doc.walk():
            out += [(n.text, n.pos) for n in record.notes]
    out += [(t.scope, t.at.get("scope", t.pos)) for t in corpus.topics.values()]
    out += [(r.rationale, r.at.get("rationale", r.pos)) for r in corpus.relations]
    for ind in corpus.indicators.values():
        out += [(ind.doc, ind.pos)] if ind.doc else []
        out += [(o.conversion, o.at.get("conversion", o.pos)) for o in ind.observations if o.conversion]
    return out


def check(corpus: Corpus) -> list[Problem]:
    registries: dict[str, Mapping[str, object]] = {"record": corpus.records, "document": corpus.documents,
                                                    "topic": corpus.topics}
    out = []
    for text, pos in fields(corpus):
        for href in links(text):
            kind, _, ident = href.partition(":")
            if kind not in registries or ident not in registries[kind]:
                out.append(pos.problem(f"link to '{href}': a link in editorial prose points into the corpus, "
                                       f"as {', '.join(k + ':<id>' for k in KINDS)}, to an id it has"))
    return out
