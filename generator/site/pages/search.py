"""The full search page (``search/``): the header box's query with filters, all in the URL.

The page itself is a frame; the search modules (``theme/assets/crosswalk/search/``) fills it from the index in ``search-index/``, which
also holds the filter values' names in both scripts.  The page carries its own strings (in
Simplified; the plugin converts the page for the Traditional build).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from markupsafe import Markup

from generator import routes
from generator.content.model import Corpus
from generator.search.records import FILTERS
from generator.site.pages import Page

FILTER_NAMES = {"jurisdiction": "辖区", "level": "层级", "genre": "文种", "topic": "主题", "function": "职能",
                "unit": "责任单位", "year": "年份"}
STRINGS = {"more": "显示更多结果", "clear_all": "清除全部筛选", "searching": "正在检索……", "browse": "输入检索词，或只用筛选浏览条款",
           "count": "共 # 条", "none": "没有找到。可以减少或换用检索词，去掉引号，或清除筛选后再试；整句草稿可粘贴到起草助手逐句比对。",
           "filters": "筛选", "chosen": "筛选（已选 # 项）", "show_all": "显示全部 # 项", "fewer": "收起", "results_for": "检索结果",
           "tally": "结果分布较广，点此统计各项条数",
           "count_close": "按相近程度列出最接近的 # 条",
           "none_close": "没有找到相近的条款。可以删去“加强”“推进”一类套话，只留几个关键词语再检索，或到起草助手逐句比对。"}


def pages(corpus: Corpus) -> Iterable[Page]:
    groups = [{"id": f, "name": FILTER_NAMES[f]} for f in FILTERS]
    yield Page(routes.page_source(routes.SEARCH), "条款检索", "search.html",
               {"groups": groups, "strings": STRINGS, "strings_json": script_json(STRINGS)},
               description="在全部文件的条款中检索，可按辖区、层级、文种、主题、责任单位和年份筛选")


def script_json(data) -> Markup:
    """JSON that is safe inside ``<script type="application/json">`` and stays readable.

    Not ``|tojson``: that escapes every non-ASCII character, and the Traditional build can
    only convert the names it can see.  ``<``, ``>`` and ``&`` are escaped as JSON escapes,
    so no text can close the script element.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
