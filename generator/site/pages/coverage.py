"""The coverage page: how much of each source body the records cover, and what is excluded."""

from __future__ import annotations

from collections.abc import Iterable

from generator import routes
from generator.analysis.source_coverage import measure_all
from generator.content.model import Corpus
from generator.site.pages import Page


def pages(corpus: Corpus) -> Iterable[Page]:
    yield Page(routes.page_source(routes.about("coverage")), "转录覆盖率", "about_coverage.html",
               lambda: {"reports": measure_all(corpus)})
