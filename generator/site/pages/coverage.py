"""The coverage page: how much of each source body the records cover, and what is excluded."""

from __future__ import annotations

from typing import Iterable

from generator.analysis.source_coverage import measure_all
from generator.content.model import Corpus
from generator.site.pages import Page
from generator import routes


def pages(corpus: Corpus) -> Iterable[Page]:
    yield Page(routes.page_source(routes.about("coverage")), "转录覆盖率", "about_coverage.html",
               lambda: {"reports": measure_all(corpus)})
