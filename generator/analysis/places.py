"""What lies around each jurisdiction: its children, its documents and those below it, its
neighbours; gathered in one pass over the corpus.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.analysis.regions import region_of
from generator.content.model import Corpus, Document, Jurisdiction


@dataclass
class Places:
    """Each jurisdiction's children, documents and documents at or below it, gathered in one
    pass: looking them up page by page would make the jurisdiction pages quadratic."""

    children: dict[str | None, list[Jurisdiction]]   # parent (None: the top) → its children
    docs: dict[str, list[Document]]
    below: Counter
    text_regions: set[str]   # regions (``region_of``) with a document's text: they have a page of topics

    @classmethod
    def of(cls, corpus: Corpus) -> Places:
        children: dict[str | None, list[Jurisdiction]] = {}
        for j in corpus.jurisdictions.values():
            children.setdefault(j.parent, []).append(j)
        docs: dict[str, list[Document]] = {}
        below: Counter = Counter()
        for d in corpus.sorted_documents():
            docs.setdefault(d.jurisdiction, []).append(d)
            below.update(corpus.jurisdiction_path(d.jurisdiction))
        text_regions = {region_of(corpus, d.jurisdiction) for d in corpus.documents.values() if d.has_text}
        return cls(children, docs, below, text_regions)


def nearby(corpus: Corpus) -> dict[str, set[str]]:
    """Each jurisdiction's parent chain, siblings and children: where a unit's peers are worth
    listing on its page.  Listing every peer nationwide would make each page as long as the
    country (thousands of counties); the function page has them all."""
    children: dict[str | None, list[str]] = {}
    for j in corpus.jurisdictions.values():
        children.setdefault(j.parent, []).append(j.id)
    out: dict[str, set[str]] = {}
    for j in corpus.jurisdictions.values():
        near = set(children.get(j.id, [])) | set(children.get(j.parent, []) if j.parent else [])
        parent = j.parent
        while parent and parent not in near:
            near.add(parent)
            parent = corpus.jurisdictions[parent].parent if parent in corpus.jurisdictions else None
        near.discard(j.id)
        out[j.id] = near
    return out
