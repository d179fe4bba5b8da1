"""The home page: what the knowledge base holds and where to start."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from generator import routes
from generator.content import vocabulary
from generator.content.model import Corpus, Document
from generator.site.pages import Page


def pages(corpus: Corpus) -> Iterable[Page]:
    yield Page(routes.page_source(routes.HOME), "首页", "home.html", _data(corpus))


# The home page names this many documents, the newest; the rest are on the document list, by
# region, so the page weighs the same at 30 documents as at 3,000.
NEWEST = 10


def _newest(docs: list[Document]) -> list[Document]:
    """Documents with text, newest first: by year, then the latest date a source gives
    (dates are ISO strings, a year or month alone sorting before the days within it)."""
    return sorted(docs, key=lambda d: (d.year or 0, max(d.dates.values(), default=""), d.id), reverse=True)[:NEWEST]


def _data(corpus: Corpus) -> dict:
    docs = corpus.sorted_documents()
    with_text = [d for d in docs if d.has_text]
    levels = Counter(corpus.level_of(d) for d in docs)
    kinds = Counter(r.kind for r in corpus.records.values())
    return {
        "with_text": with_text,
        "newest": _newest(with_text),
        "cited_only": [d for d in docs if not d.has_text],
        "levels": [(vocabulary.LEVELS[lv], levels[lv], lv) for lv in sorted(vocabulary.LEVEL_ORDER, key=vocabulary.LEVEL_ORDER.__getitem__) if levels[lv]],
        "kinds": [(vocabulary.RECORD_KINDS[k], n) for k, n in kinds.most_common()],
        "genres": vocabulary.GENRES,
        "counts": {"records": len(corpus.records), "units": len(corpus.units), "topics": len(corpus.topics),
                   "targets": len(corpus.targets), "jurisdictions": len(corpus.jurisdictions)},
    }
