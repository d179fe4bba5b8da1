"""The home page: what the knowledge base holds and where to start."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from generator import routes
from generator.content import vocabulary
from generator.content.model import Corpus
from generator.site.pages import Page


def pages(corpus: Corpus) -> Iterable[Page]:
    yield Page(routes.page_source(routes.HOME), "首页", "home.html", _data(corpus))


def _data(corpus: Corpus) -> dict:
    docs = corpus.sorted_documents()
    with_text = [d for d in docs if d.has_text]
    levels = Counter(corpus.level_of(d) for d in docs)
    kinds = Counter(r.kind for r in corpus.records.values())
    return {
        "documents": docs,
        "with_text": with_text,
        "cited_only": [d for d in docs if not d.has_text],
        "levels": [(vocabulary.LEVELS[lv], levels[lv], lv) for lv in sorted(vocabulary.LEVEL_ORDER, key=vocabulary.LEVEL_ORDER.__getitem__) if levels[lv]],
        "kinds": [(vocabulary.RECORD_KINDS[k], n) for k, n in kinds.most_common()],
        "genres": vocabulary.GENRES,
        "counts": {"records": len(corpus.records), "units": len(corpus.units), "topics": len(corpus.topics),
                   "targets": len(corpus.targets), "jurisdictions": len(corpus.jurisdictions)},
    }
