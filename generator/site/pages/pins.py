"""The pins page (摘录夹): clauses a reader pinned while browsing, kept in the browser.

Pinning needs no build-time data: the "摘录" button on every clause (document and topic
pages, ``_record.actions``) carries the record's address (made by ``routes``), its sibling
"复制引文" button the citation and quote, as ``citation`` made them, in the page's script.
``theme/assets/crosswalk/pins.js`` keeps what was pinned in ``localStorage`` and fills this
page in its own script: a record pinned only in the other script gets its wording from the
record's page in this script.  The page holds only the
markup and every label, so the plugin's script conversion covers the UI text too.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator import routes
from generator.content.model import Corpus
from generator.site.pages import Page

# Columns of the CSV download, in order; pins.js fills them in this order.
CSV_COLUMNS = ("序号", "出处", "条文", "链接", "记录编号")


def pages(corpus: Corpus) -> Iterable[Page]:
    yield Page(routes.page_source(routes.PINS), "摘录夹", "pins.html",
               {"columns": "|".join(CSV_COLUMNS), "csl_file": routes.data(routes.CITATIONS_FILE)},
               description="在条款旁点“摘录”收集的条款,可导出 CSV 或引文列表")
