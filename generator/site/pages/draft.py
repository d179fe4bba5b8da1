"""The drafting desk (``draft/``, 起草助手): a draft in, each sentence's closest clauses out.

The page is a form (the draft and the filters travel in the URL, so a result can be shared)
and a frame that the search modules (``theme/assets/crosswalk/search/draft.js``) fill from the
search index, ranked by closeness (``closeness.js``).  Filters are the search page's, by the
same URL parameter names; their values are listed here, at build time, from the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator import routes
from generator.content.model import Corpus
from generator.search.records import filter_labels
from generator.site.pages import Page
from generator.site.pages.draft_quantities import quantities
from generator.site.pages.search import FILTER_NAMES, script_json

FILTERS = ("jurisdiction", "level", "genre", "topic")
# What the page's script writes, in Simplified (the build converts the page for Traditional).
STRINGS = {
    "working": "正在比对……", "sentence": "第 # 句", "none": "没有找到相近的条款：这是新表述。",
    "well": "有先例", "partly": "部分有先例", "new": "新表述",
    "closeness": "相近度 #%", "units": "责任单位", "targets": "指标", "cite": "复制引文", "done": "已复制",
    "pin": "摘录", "pinned": "已摘录", "pin_title": "加入摘录夹", "cite_title": "复制带出处的引文",
    "said_most": "说得最多的辖区", "sentences_of": "# 句", "empty": "请在上方输入或粘贴草稿，简体繁体均可。",
    "overview": "逐句概览", "summary": "共 # 句：有先例 {well} 句，部分有先例 {partly} 句，新表述 {new} 句。",
    "draft_side": "草稿", "clause_side": "先例", "too_long": "草稿较长，只比对了前 # 字。",
    "filtered": "已按筛选条件限定范围。",
    "numbers": "数字对照", "this_draft": "本稿", "below_all": "低于全部 # 个先例", "above_all": "高于全部 # 个先例",
    "within": "在 # 个先例之间", "equal_all": "与全部 # 个先例相同",
    "export": "下载对照表（Word）", "export_title": "起草对照表", "export_file": "起草对照表.docx", "quote": "原文与引文",
    "export_failed": "对照表未能生成：",
}
MAX_CHARS = 5000   # what the page compares; a longer draft is cut, and says so
# A filter with more values than this (jurisdictions at national scale: 3,000 options, 100 KB)
# is not written into the page: its options are read from the search index when the reader
# opens the list (draft.js).
INLINE_OPTIONS = 200


def pages(corpus: Corpus) -> Iterable[Page]:
    yield Page(routes.page_source(routes.draft()), "起草助手", "draft.html", lambda: _data(corpus),
               description="粘贴一段草稿，逐句查找各地文件中最相近的条款：谁说过、怎么说、由谁负责、有什么指标")


def _data(corpus: Corpus) -> dict:
    labels = filter_labels(corpus)
    groups = [{"id": f, "name": FILTER_NAMES[f], "lazy": len(labels[f]) > INLINE_OPTIONS,
               "values": labels[f] if len(labels[f]) <= INLINE_OPTIONS else []} for f in FILTERS]
    strings = {**STRINGS, "max": MAX_CHARS}
    return {"groups": groups, "strings_json": script_json(strings), "max_chars": MAX_CHARS,
            "quantities_json": script_json(quantities(corpus))}
