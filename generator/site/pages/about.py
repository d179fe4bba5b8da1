"""“About the data” pages: method, the data files, and the schema (generated from schema.py)."""

from __future__ import annotations

from collections.abc import Iterable

from generator import routes
from generator.analysis import precedents
from generator.content import schema, vocabulary
from generator.content.model import Corpus
from generator.site import exports
from generator.site.pages import Page


def pages(corpus: Corpus) -> Iterable[Page]:
    sources = [d for d in corpus.sorted_documents() if d.source]
    yield Page(routes.page_source(routes.ABOUT), "关于数据", "about.html", {"sources": sources, "scripts": vocabulary.SOURCE_SCRIPTS,
                                                                    "precedents": precedents.Settings()})
    yield Page(routes.page_source(routes.about("data")), "数据文件", "about_data.html", {"files": exports.listed(corpus)})
    yield Page(routes.page_source(routes.about("schema")), "数据结构", "about_schema.html", {"objects": list(schema.OBJECTS.values())})
