"""What `crosswalk ingest` finds in a cleaned source: script, chrome, paragraphs, numbering,
the record tree and its kinds, genre and citations.  (Where the document lies in the source
is ``body``; its metadata ``metadata``; units, targets and task tables their own modules.)

Pure functions only.  They take cleaned lines (``clean.clean_lines``: index ``i`` holds
line ``i + 1``) or a record's text and return plain data; nothing here reads a file or
prints.  Matching is done on a Simplified copy of the same length (``simplified``), so a
pattern is written once for both scripts while every span handed back is cut from the
text as printed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeGuard

import opencc

from generator.chinese import normalise
from generator.content.sources import PINYIN
from generator.ingest.wrap import Wrap, runs_on

# --- script -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _char_hans(char: str) -> str:
    out = normalise(char)
    return out if len(out) == 1 else char


def simplified(text: str) -> str:
    """Simplified copy of ``text`` with the same length, so indices carry over to the original.

    Phrase-level conversion first (it resolves one-to-many characters); if a phrase changed
    the length, fall back to character by character.
    """
    out = normalise(text)
    return out if len(out) == len(text) else "".join(_char_hans(c) for c in text)


@lru_cache(maxsize=1)
def _to_traditional() -> opencc.OpenCC:
    # Taiwan standard, not plain s2t: s2t turns 群 into the variant 羣 and would count every
    # 群 in a Traditional text as a Simplified form.
    return opencc.OpenCC("s2tw")


# A machine-converted Traditional text keeps Simplified forms where the converter was
# unsure (于, 并, 后, 干部); one in a hundred converted characters is already visible.
MIXED_SHARE = 0.01


def detect_script(text: str) -> str:
    """``hans``, ``hant`` or ``hant-mixed`` (Traditional with a share of Simplified-only forms).

    A character is Traditional-only where the Simplified conversion changes it, and
    Simplified-only where that conversion leaves it but the Traditional one changes it.
    """
    hans = simplified(text)
    hant = _to_traditional().convert(text)
    if len(hant) != len(text):
        hant = "".join(_to_traditional().convert(c)[:1] or c for c in text)
    traditional = sum(1 for a, s in zip(text, hans) if a != s)
    simplified_only = sum(1 for a, s, t in zip(text, hans, hant) if a == s and a != t)
    if traditional <= simplified_only:
        return "hans"
    return "hant-mixed" if simplified_only / (traditional + simplified_only) >= MIXED_SHARE else "hant"


def pinyin_artefacts(lines: list[str]) -> Counter:
    """Converter pinyin per kind, keyed by the character it follows: ``區(qū)``."""
    return Counter(line[m.start() - 1] + m.group(0) for line in lines for m in PINYIN.finditer(line))


# --- lines: chrome, body, title -------------------------------------------------------------

SENTENCE_END = "。!?！？…;；"
_PARAGRAPH_END = SENTENCE_END + ":："
_CLOSERS = "”’」』)）】"
_TRAILING_PAREN = re.compile(r"[(（][^()（）]*[)）]$")

# Words of the link-farm spam a hacked site injects; three distinct ones make a spam line.
_SPAM = ("国产", "精品", "自拍", "偷拍", "私拍", "视频", "一区", "二区", "欧美", "亚洲", "久久", "无码", "成人")

# Matched on the Simplified copy.  Order matters only for the label a line is reported with.
_CHROME = (
    ("image file name", re.compile(r"(?i)\b\w+\.(?:jpe?g|png|gif|bmp)\b")),
    ("page metadata (date, source, counter)",
     re.compile(r"浏览次数|浏览量|点击[:：]|阅读次数|发布时间|来源[:：]|时间[:：]\s*\d{4}|选择阅读字号")),
    ("copyright notice", re.compile(r"(?i)版权|copyright|all rights reserved|©|侵权")),
    ("ICP or security registration", re.compile(r"(?i)icp备|公网安备")),
    ("site footer (owner, address, contact)", re.compile(r"(?i)主办单位|联系电话|邮编|技术支持|powered by")),
    ("breadcrumb", re.compile(r"当前位置|首页\s*>")),
    ("site greeting", re.compile(r"欢迎(?:您|你)|今天是")),
    ("related links and widgets",
     re.compile(r"相关(?:报道|新闻|规章|链接|文章|阅读)|推荐内容|顶一下|踩一下|分隔线|查看全部")),
    ("byline or editor", re.compile(r"责任编辑|^编辑[:：]|^记者\s")),
    ("counter widget", re.compile(r"^[(（]?\d+[)）]?%?$")),
)
_BULLET = re.compile(r"^[•·●▪◆>]")
LINK_LIST_TOKENS = 5


def chrome_kind(line: str) -> str | None:
    """What kind of site chrome a cleaned line is, or ``None`` for text."""
    if not line:
        return None
    hans = simplified(line)
    if sum(1 for word in _SPAM if word in hans) >= 3:
        return "spam keyword line"
    for label, pattern in _CHROME:
        if pattern.search(hans):
            return label
    tokens = line.split()
    if _BULLET.match(line) or (len(tokens) >= LINK_LIST_TOKENS and not has_sentence(line)) or line.count("|") >= 2:
        return "menu or link list"
    return None


def has_sentence(line: str) -> bool:
    return any(mark in line for mark in "。!?！？")


def ends_paragraph(line: str) -> bool:
    """Whether a line ends its paragraph: sentence punctuation or a colon, before any closing
    quotes and a trailing parenthesis such as (责任单位:…)."""
    core = _TRAILING_PAREN.sub("", line).rstrip(_CLOSERS) or line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _PARAGRAPH_END


def duplicates(lines: list[str], body: tuple[int, int], min_chars: int = 20) -> list[tuple[int, int]]:
    """``(line, kept)`` for each body line that repeats a later one word for word.

    The last copy is kept: scraped pages repeat a lead paragraph (a summary field) above
    the running text, not below it.  Short lines are ignored, as repeats there are normal.
    """
    last_seen: dict[str, int] = {}
    for number in range(body[0], body[1] + 1):
        if len(lines[number - 1]) >= min_chars:
            last_seen[lines[number - 1]] = number
    return [(n, last_seen[lines[n - 1]]) for n in range(body[0], body[1] + 1)
            if len(lines[n - 1]) >= min_chars and last_seen[lines[n - 1]] != n]


# --- paragraphs ------------------------------------------------------------------------------

# News sub-headings in the corpus run to 16 characters (流動人口聚集區,應設立社區居委會); a
# line without final punctuation that is longer than that is a paragraph cut by the scrape.
HEADING_MAX = 16
_LABEL = re.compile(r"^[^。,，]{2,8}[:：]")
LABEL_MAX = 20


def is_label(line: str) -> bool:
    """A newspaper section label such as 改革背景: or 改革亮點:厘清行政自治服務關系."""
    return len(line) <= LABEL_MAX and "。" not in line and bool(_LABEL.match(line))


def is_short_heading(line: str) -> bool:
    """A short line without punctuation at its end: a newspaper sub-heading."""
    return (0 < len(line) <= HEADING_MAX and not ends_paragraph(line) and "。" not in line
            and not heading_number(line) and not is_label(line))


@dataclass(frozen=True)
class Join:
    line: int
    next: int
    what: str  # "paragraph", "heading" or "wrap" (a hard wrap at a fixed width)


def split_joins(lines: list[str], body: tuple[int, int], skip: set[int], news: bool,
                wrapped: Wrap | None = None, indented: frozenset[int] = frozenset()) -> list[Join]:
    """Lines that run on into the next non-blank line (a blank line inserted by the scrape,
    or a hard wrap: ``wrapped``).

    A paragraph is split where a line longer than a sub-heading ends without punctuation
    and the next line does not start a numbered heading.  A numbered line is a heading
    unless it already holds a sentence (1.标题。正文…) or fills the wrap width.  In a news
    report two short sub-heading lines in a row are one heading broken in two.  Where the
    text marks each paragraph's start by its indent (``indented``), a line that fills the
    width and happens to end a sentence runs on into an unindented line.
    """
    numbers = [n for n in range(body[0], body[1] + 1) if lines[n - 1] and n not in skip]
    out: list[Join] = []
    for a, b in zip(numbers, numbers[1:]):
        first, second = lines[a - 1], lines[b - 1]
        if heading_number(second):
            continue
        if ends_paragraph(first):
            if indented and b not in indented and runs_on(first, wrapped):
                out.append(Join(a, b, "wrap"))
            continue
        if len(first) > HEADING_MAX and (not heading_number(first) or "。" in first or runs_on(first, wrapped)):
            out.append(Join(a, b, "wrap" if runs_on(first, wrapped) else "paragraph"))
        elif news and is_short_heading(first) and is_short_heading(second):
            out.append(Join(a, b, "heading"))
    return out


def paragraphs(lines: list[str], body: tuple[int, int], skip: set[int],
               joins: frozenset[int]) -> list[tuple[int, int]]:
    """``(first, last)`` of each paragraph in the body: non-blank lines, joined lines merged."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for number in range(body[0], body[1] + 1):
        if not lines[number - 1] or number in skip:
            continue
        if start is None:
            start = number
        if number not in joins:
            out.append((start, number))
            start = None
    if start is not None:
        out.append((start, body[1]))
    return out


# --- headings and hierarchy ---------------------------------------------------------------

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}

# (style as printed, pattern); the number is group 1 where there is one.
_NUMBERED = (
    ("第一章", re.compile(r"第([一二三四五六七八九十]+)[章编]\s*")),
    ("第一节", re.compile(r"第([一二三四五六七八九十]+)节\s*")),
    ("第一条", re.compile(r"第([一二三四五六七八九十]+)条\s*")),
    ("一、", re.compile(r"([一二三四五六七八九十]+)、")),
    ("(一)", re.compile(r"[(（]([一二三四五六七八九十]+)[)）]")),
    ("1.", re.compile(r"(\d{1,2})[.．](?!\d)")),
    ("1、", re.compile(r"(\d{1,2})、")),
    ("(1)", re.compile(r"[(（](\d{1,2})[)）]")),
    ("1)", re.compile(r"(\d{1,2})[)）](?!\d)")),
    ("①", re.compile(r"([①-⑳])")),
    ("——", re.compile(r"——(?=\S)")),
)
# A run-in title is the first sentence when it is this short: 坚持党的领导。, or for a
# numbered item 加强基层党组织建设,发挥基层党组织领导核心作用。
NUMBERED_TITLE_MAX = 40
RUNIN_TITLE_MAX = 15


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as an int; ``None`` for what is no such number (三一, 十十)."""
    tens, ten, units = text.partition("十")
    if len(units) > 1 or len(tens) > 1 or (not ten and len(text) != 1) or "十" in units:
        return None
    if not ten:
        return _CN_DIGITS.get(text)
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


@dataclass(frozen=True)
class Number:
    style: str
    printed: str
    value: int | None
    rest: str


def heading_number(text: str) -> Number | None:
    """The hierarchy number a paragraph starts with: 一、 (一) 1. 1、 (1) ——."""
    for style, pattern in _NUMBERED:
        m = pattern.match(text)
        if m:
            digits = m.group(1) if m.groups() else None
            value = (None if digits is None else int(digits) if digits.isascii() and digits.isdigit()
                     else ord(digits) - ord("①") + 1 if "①" <= digits <= "⑳" else chinese_number(digits))
            if digits is not None and value is None:
                continue   # 三一、 is no number
            return Number(style, m.group(0).rstrip(), value, text[m.end():].lstrip())
    return None


@dataclass
class Node:
    """A record in the making."""

    first: int
    last: int
    style: str | None          # heading style; None for a plain paragraph
    number: str | None = None  # as printed
    value: int | None = None   # the number's value, for the id
    title: str | None = None
    text: str | None = None
    intro: bool = False        # text is an introductory paragraph absorbed from below
    absorbed: Node | None = None   # the paragraph it absorbed, kept to give back
    own_last: int = 0              # its last line before it absorbed one
    special: str | None = None  # "preamble" or "closing"
    children: list[Node] = field(default_factory=list)
    id: str = ""
    kind: str = ""

    @property
    def open(self) -> bool:
        """Whether plain paragraphs that follow belong to this node."""
        return self.style is not None and (self.text is None or self.intro) \
            and not any(child.style for child in self.children)


# A figure a provision sets: a bound word before a number, or a number with its measure word.
_FIGURE = re.compile(r"(?:不少于|不低于|不超过|不高于|达到|至少|压减至)\s*[\d一二三四五六七八九十两]"
                     r"|\d+(?:\.\d+)?\s*(?:%|％|个|名|人|户|次|项|家|处|所|平方米|万元|元)")


def split_title(rest: str, limit: int, strict: bool) -> tuple[str | None, str | None]:
    """``(title, text)`` of a paragraph: a first sentence up to ``limit`` characters is a
    run-in title.  ``strict`` (for unnumbered paragraphs) also wants a text after it and
    no comma in it, so an ordinary short opening sentence is not taken for a title."""
    end = rest.find("。")
    if end < 0 and not any(mark in rest for mark in SENTENCE_END):
        return (rest, None) if not strict else (None, rest)
    if 0 < end <= limit:
        title, text = rest[:end], rest[end + 1:].strip()
        if not text and re.search(r"[,，;；]", title):
            return None, rest   # one sentence with clauses is a provision, not a heading
        if re.search(r"[,，;；]", title) and _FIGURE.search(simplified(title)):
            return None, rest   # clauses that set a figure (…不少于4次) are a provision too
        if not strict or (text and not re.search(r"[,，;；]", title)):
            return title, text or None
    return None, rest


# A label and its value as one sentence (主办机关：县民政局。, 实施期程：…。): a provision, not a title.
_LABEL_VALUE = re.compile(r"^[^:：,，]{2,8}[:：][^:：]+$")


def classify(first: int, last: int, text: str, news: bool) -> Node:
    """A paragraph as a numbered item, a news heading (label or short line) or plain text."""
    number = heading_number(text)
    if number and number.style == "第一条":   # an article of a 办法 has no title of its own
        return Node(first, last, number.style, number.printed, number.value, None, number.rest or None)
    if number:
        title, body = split_title(number.rest, NUMBERED_TITLE_MAX, strict=False)
        if body is None and title and (_IN_FORCE.search(simplified(title))
                                       or _LABEL_VALUE.match(title) and number.rest.endswith("。")):
            title, body = None, number.rest   # 本办法自发布之日起施行。, 三、主办机关：县民政局。 are provisions
        return Node(first, last, number.style, number.printed, number.value, title, body)
    if news and is_label(text):
        return Node(first, last, "label", title=text)
    if news and is_short_heading(text):
        return Node(first, last, "short", title=text)
    title, body = split_title(text, RUNIN_TITLE_MAX, strict=True)
    return Node(first, last, None, title=title, text=body)


def _absorbs(prev: Node | None, node: Node, after: Node | None, levels: dict[str, int]) -> TypeGuard[Node]:
    """A numbered title standing alone (6、建立小区(院落)自治制度。) takes the single plain
    paragraph under it as its text; several paragraphs, or numbered items below it, stay its
    children (一、成效 / 全县… / (一)…: a heading with children)."""
    def plain(n: Node | None) -> bool:
        return n is not None and n.style is None and n.title is None
    deeper = after is not None and after.style is not None and prev is not None and prev.style is not None \
        and levels.get(after.style, len(levels)) > levels[prev.style]
    return (prev is not None and prev.number is not None and prev.title is not None
            and prev.text is None and not prev.children and plain(node) and not plain(after) and not deeper)


def build_tree(nodes: list[Node]) -> list[Node]:
    """Nest paragraphs: heading styles rank by order of first appearance; a plain paragraph
    goes under the deepest open heading (one without text and without numbered children)."""
    levels: dict[str, int] = {}
    root = Node(0, 0, None)
    stack = [(root, -1)]  # the open headings, each with its style's level
    for i, node in enumerate(nodes):
        prev = nodes[i - 1] if i else None
        if node.style:
            level = levels.setdefault(node.style, len(levels))
            while len(stack) > 1 and stack[-1][1] >= level:
                stack.pop()
            stack[-1][0].children.append(node)
            stack.append((node, level))
        elif _absorbs(prev, node, nodes[i + 1] if i + 1 < len(nodes) else None, levels):
            prev.own_last, prev.absorbed = prev.last, node
            prev.text, prev.last, prev.intro = node.text, node.last, True
        else:
            parent = next((n for n, _ in reversed(stack[1:]) if n.open), root)
            parent.children.append(node)
    top = root.children
    _like_siblings(top)
    if top and top[0] is nodes[0] and nodes[0].style is None:
        top[0].special = "preamble"
    if len(top) > 1 and top[-1].style is None and top[-1].title is None and any(n.style for n in top):
        top[-1].special = "closing"
    return top


def _like_siblings(nodes: list[Node]) -> None:
    """Where a numbered title's siblings are headings over several plain paragraphs, a title
    that absorbed its one paragraph is a heading like them, the paragraph its child
    (一、…依据 / 三段 / 二、…框架内容 / 一段 / 三、…: three headings)."""
    headings = {n.style for n in nodes if n.style and n.absorbed is None and len(n.children) > 1
                and all(c.style is None for c in n.children)}
    for n in nodes:
        if n.absorbed is not None and n.style in headings:
            n.children = [n.absorbed, *n.children]
            n.text, n.last, n.intro, n.absorbed = None, n.own_last, False, None
        _like_siblings(n.children)


def assign_ids(nodes: list[Node], parent: str = "") -> None:
    """Ids as the curators write them: p1, p1-1, p1-1-1 from printed numbers; styles
    without one (——, news headings) and titled paragraphs numbered in order; other
    paragraphs <parent>-para<n>; preamble and closing by name."""
    numbered_siblings = any(n.style for n in nodes)
    counters: Counter = Counter()
    for node in nodes:
        if node.special:
            node.id = node.special
        else:
            if node.style or (node.title and not numbered_siblings):
                key = node.style or "titled"
                counters[key] += 1
                local = str(node.value if node.value is not None else counters[key])
                node.id = f"{parent}-{local}" if parent else f"p{local}"
            else:
                counters["para"] += 1
                node.id = f"{parent}-para{counters['para']}" if parent else f"para{counters['para']}"
        assign_ids(node.children, node.id)


def unique_ids(nodes: list[Node]) -> list[tuple[str, str]]:
    """Rename repeated ids (a number printed twice) with a suffix; ``(old, new)`` per rename."""
    seen: set[str] = set()
    renamed: list[tuple[str, str]] = []
    for node in walk(nodes):
        if node.id in seen:
            n = 2
            while f"{node.id}-{n}" in seen:
                n += 1
            renamed.append((node.id, f"{node.id}-{n}"))
            node.id = f"{node.id}-{n}"
        seen.add(node.id)
    return renamed


def walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from walk(node.children)


# --- kinds ----------------------------------------------------------------------------------

# Matched on a heading's title (Simplified); first match wins, so 说明 shields 关于几个问题的说明.
_TITLE_KINDS = (
    ("significance", re.compile(r"重要意义|重大意义")),
    ("guiding-thought", re.compile(r"指导思想")),
    ("principle", re.compile(r"基本原则")),
    ("goal", re.compile(r"目标")),
    ("safeguard", re.compile(r"保障措施|组织保障|工作要求|组织实施")),
    ("explanation", re.compile(r"说明$")),
    ("problem", re.compile(r"问题")),
    ("recommendation", re.compile(r"对策|建议")),
    ("finding", re.compile(r"成效|成绩")),
    ("background", re.compile(r"背景")),
    ("task", re.compile(r"主要任务|重点任务|主要内容|工作任务")),
)
# A news paragraph that names the 意见 or speaks in its modal verbs reports a provision.
_PROVISION = re.compile(r"意见|应|要|必须|不得|须|力争|鼓励|推进|推行|完善|建立|健全|发挥|实行|实施|落实|加强|明确|形成")
# What a reporter or an official says, not what the document provides.
_SPEECH = re.compile(r"(?:处长|局长|主任|书记|负责人|同志|记者|专家)[^。]{0,30}?(?:介绍|表示|说|称|认为)|据了解|据悉|记者从")
GENRE_KINDS = {"survey-report": "finding", "drafting-explanation": "explanation"}
_NARRATIVE = ("news-report", "survey-report")


def speech(text: str) -> bool:
    """Whether a paragraph reports what an official or the reporter says (王某介绍, 据了解)."""
    return bool(_SPEECH.search(simplified(text)))


def kind_from_title(title: str | None) -> str | None:
    if not title:
        return None
    hans = simplified(title)
    return next((kind for kind, pattern in _TITLE_KINDS if pattern.search(hans)), None)


# The provision that puts a text in force, and a 办法's article of purpose.
_IN_FORCE = re.compile(r"自[^。,，]{0,12}起(?:施行|实施|执行|生效)")
_PURPOSE = re.compile(r"^为[^。]*(?:制定本|特制定)")


def assign_kinds(nodes: list[Node], genre: str, context: str | None = None) -> None:
    """Kinds from heading titles, passed down to what they head; otherwise by genre."""
    for node in nodes:
        own = kind_from_title(node.title) or context
        if node.special == "preamble":
            node.kind = "background" if genre in _NARRATIVE else "preamble"
        elif node.special == "closing":
            node.kind = "closing"
        elif node.style and node.text is None:
            node.kind = "heading"
        elif _IN_FORCE.search(simplified(node.text or "")) and not node.children:
            node.kind = "closing"
        elif node.style == "第一条" and node.value == 1 and _PURPOSE.search(simplified(node.text or "")):
            node.kind = "preamble"
        elif own:
            node.kind = own
        elif genre == "news-report":
            plain = simplified(node.text or "")
            node.kind = "reported-provision" if _PROVISION.search(plain) and not speech(plain) else "background"
        else:
            node.kind = GENRE_KINDS.get(genre, "task")
        assign_kinds(node.children, genre, own)


# --- genre ----------------------------------------------------------------------------------

_GENRES = (
    ("draft-for-comment", re.compile(r"征求意见稿")),
    ("drafting-explanation", re.compile(r"起草说明")),
    ("survey-report", re.compile(r"调研报告")),
    ("news-report", re.compile(r"本报|记者|来源[:：]\s*\S*报")),
    ("implementation-opinion", re.compile(r"实施意见")),
    ("opinion", re.compile(r"意见")),
    ("notice", re.compile(r"通知")),
    ("regulation", re.compile(r"办法|规定|条例|细则")),
    ("plan", re.compile(r"规划|方案|清单|要点|分工表|计划")),
)


def guess_genre(heading_text: str, whole_text: str) -> str:
    """Genre from the title and page head, then from the whole text (news markers)."""
    for text in (simplified(heading_text), simplified(whole_text)):
        for genre, pattern in _GENRES:
            if pattern.search(text):
                return genre
    return "other"


# --- citations ------------------------------------------------------------------------------

# A document number (文号): an issuer's abbreviation ending in 发/办/函/字 (中发, 川委办,
# 米委辦發), the year in brackets, the serial.  The abbreviation may not start with a
# function word or a verb that introduces a citation, so 按照攀辦發 yields 攀辦發.
_DOC_NUMBER = (r"(?:(?![按照根据據依和及与與的了在等于於遵循贯貫彻徹执執行落实實对對印下])[\u4e00-\u9fff]){0,3}"
               r"[发發办辦函字令]"
               r"\s*[〔\[【]\s*\d{4}\s*[〕\]】]\s*\d+\s*[号號]")
_CITATION = re.compile(rf"《[^《》]+》(?:[(（][^()（）]*?{_DOC_NUMBER}[)）])?|{_DOC_NUMBER}")


def citations(text: str) -> list[str]:
    """Candidate citations as printed: 《…》 with its document number if one follows, or a
    document number (X发〔YYYY〕N号) on its own."""
    return [m.group(0) for m in _CITATION.finditer(text)]
