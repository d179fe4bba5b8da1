"""What the pages and the workbooks call a document: its jurisdiction and
《title》, with the year where two would still read alike."""

from __future__ import annotations

from collections import Counter

from generator.analysis.derived import Derived
from generator.chinese import normalise, shown
from generator.content.model import Corpus, Document


def display_name(corpus: Corpus, doc: Document) -> str:
    """What a page calls a document in its title and headings: the issuing jurisdiction and
    《title》 (the title as printed), and the year where two would still read alike; three
    documents are titled 关于加强和完善城乡社区治理的实施意见, in 玉溪, 云南 and 青海."""
    # Only the clashes are derived once a corpus: a preview under ``mkdocs serve`` names an
    # edited document by its new title.
    twice = _CLASHES.of(corpus)
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


_CLASHES: Derived[set[tuple[str, str]]] = Derived("display name clashes", _clashes)
