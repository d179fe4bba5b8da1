"""Where the document is in a source: the 印发通知 wrapper, the title, the body, and what
every line outside the body is.

A scraped page holds site chrome, a metadata block, perhaps a notice that prints the
document (关于印发《X》的通知: addressee, a sentence, signature, date), the document's title,
its body, and after it a signature and date.  The body runs from the first to the last
line of running text after the title; every other line gets a label, and a line that holds
a sentence or a number and fits no label is reported, never dropped in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.ingest import metadata, tables, units
from generator.ingest.detect import chrome_kind, ends_paragraph, has_sentence, heading_number, simplified

# A notice that prints, forwards or sends down a document, or a page that asks for comments
# on one, and the document's title in it.
_WRAPPER = re.compile(r"(?:关于)?(?:印发|转发|下发)[《〈]?(.+?)[》〉]?的通知|关于(?:公开)?征求[《〈](.+?)[》〉]"
                      r"|关于[《〈](.+?)[》〉](?:[（(][^）)]*[）)])?(?:向社会)?(?:公开)?征求")
_STATUS_MARK = re.compile(r"[（(](?:" + "|".join((*metadata.DRAFT_WORDS, "试行")) + r")[）)]$")
# A running-text line without final punctuation (a scrape lost it, or a paragraph ends in a
# list) is still prose when it is this long and has clause punctuation.
PROSE_MIN = 15
_CLAUSE = re.compile(r"[,，;；、]")
# Words a title ends with (before a status in brackets); matched on the Simplified copy.
_TITLE_WORD = re.compile(r"(?:意见|方案|办法|通知|规定|规划|细则|决定|报告|说明|条例|纲要|措施|制度|标准|计划|要点|指引|"
                         r"清单|分工表|公告|通告|函|批复|决议)(?:[（(][^）)]{1,8}[）)])?$")
_STATUS_LINE = re.compile(r"^[（(][^）)]{2,8}[）)]$")
_ADDRESSEE = re.compile(r"[:：]$")
# What follows a document's signature: an attachment list, the 抄送 line, the imprint
# (……办公室 2018年10月31日印发); none of it is the document's text.
_BACK_MATTER = re.compile(r"^(?:附件|抄送|主题词|抄报)[:：]|^\S*\s*\d{4}年\d{1,2}月\d{1,2}日印发$")


def is_prose(line: str) -> bool:
    """Running text: a sentence, a numbered heading, or a long line with clause punctuation
    that is not an addressee (各区人民政府,市政府各部门:)."""
    if units.label_line(line) or tables.is_deadline_line(line):
        return True   # 责任单位:… and 完成时限:… lines belong to the task above them
    if not line or chrome_kind(line) or metadata.header_fields(line) or is_back_matter(line):
        return False
    if has_sentence(line) or heading_number(line):
        return True
    return len(line) >= PROSE_MIN and bool(_CLAUSE.search(line)) and not _ADDRESSEE.search(line)


def is_back_matter(line: str) -> bool:
    return bool(_BACK_MATTER.search(simplified(line)))


def has_clauses(line: str) -> bool:
    """A line long enough to read as prose, with a clause break (an addressee, a notice)."""
    return len(line) >= PROSE_MIN - 3 and bool(_CLAUSE.search(line))


def has_number(line: str) -> bool:
    return bool(re.search(r"\d|[〇一二三四五六七八九十百千万][^\s]{0,1}[%％个项名人户次年]", line))


@dataclass
class Wrapper:
    """An 印发通知 around the document: its lines and what they say about it."""

    first: int
    last: int               # the line before the embedded title
    title_line: int         # the notice's own title
    embedded: str           # the document's title as the notice names it
    embedded_line: int | None = None   # where the document's own title is printed
    title_lines: list[int] = field(default_factory=list)   # the title block, issuers' line included
    lines: dict[int, str] = field(default_factory=dict)   # line → label (addressee, signature …)


def find_wrapper(lines: list[str]) -> Wrapper | None:
    """An 印发通知 in the first lines, and the embedded document's title below it."""
    for number, line in enumerate(lines, 1):
        if not line or has_sentence(line) or len(line) > 80:
            continue
        m = _WRAPPER.search(simplified(line))
        if not m:
            continue
        group = next(g for g in (1, 2, 3) if m.group(g))
        name = _STATUS_MARK.sub("", m.group(group).strip("《》〈〉"))
        name_hans = simplified(name)
        tail = name_hans[-min(len(name_hans), 12):]
        embedded = next((n for n in range(number + 1, len(lines) + 1)
                         if lines[n - 1] and not has_sentence(lines[n - 1])
                         and _STATUS_MARK.sub("", simplified(lines[n - 1])).endswith(tail)
                         and len(lines[n - 1]) <= len(name) + 20), None)
        title_first = embedded
        if embedded:
            # The embedded title's issuers on a line of their own above it belong to the title.
            above = _previous(lines, embedded, number)
            if above and metadata.issuers_of(lines[above - 1]) and not has_sentence(lines[above - 1]):
                title_first = above
        wrapper = Wrapper(number, (title_first or len(lines) + 1) - 1, number, name, embedded)
        wrapper.title_lines = list(range(title_first, embedded + 1)) if embedded and title_first else []

        above = _previous(lines, number, 0)
        if above and metadata.issuers_of(lines[above - 1]):
            wrapper.first = above
            wrapper.lines[above] = "issuer"
        for n in range(number + 1, wrapper.last + 1):
            text = lines[n - 1]
            if not text:
                continue
            wrapper.lines[n] = ("document number" if metadata.doc_number(text) and len(text) < 30
                                else "date" if metadata.is_date_line(text)
                                else "addressee" if _ADDRESSEE.search(text) and not has_sentence(text)
                                else "notice text" if has_sentence(text) else "signature or note")
        if embedded is None:
            # No title printed below the notice: the document starts after the notice's date.
            dates = [n for n, label in wrapper.lines.items() if label == "date"]
            if not dates:
                return None
            wrapper.last = dates[0]
            wrapper.lines = {n: label for n, label in wrapper.lines.items() if n <= dates[0]}
        return wrapper
    return None


def find_body(lines: list[str], start: int = 1, rows: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """First and last line of running text from line ``start`` on; the ``rows`` of a task
    table count as text, whatever separates their cells."""
    hits = []
    for n in range(start, len(lines) + 1):
        if n in rows or is_prose(lines[n - 1]):
            hits.append(n)
        elif hits and is_site_tail(lines[n - 1]):
            break   # the page's footer: nothing below it (a 相关链接 list) is the document's
    return (hits[0], hits[-1]) if hits else None


# Chrome that closes a page: once the text has begun, nothing below one of these is the body.
_SITE_TAIL = ("copyright notice", "ICP or security registration", "site footer (owner, address, contact)",
              "related links and widgets")


def is_site_tail(line: str) -> bool:
    return chrome_kind(line) in _SITE_TAIL and not has_sentence(line)


@dataclass
class Title:
    lines: list[int]          # the title block, issuers' line included
    text: str                 # as printed, the lines joined
    status_line: int | None = None
    addressee: int | None = None


def find_title(lines: list[str], body_first: int, floor: int = 0) -> Title | None:
    """The title just above the body: the nearest plain line that reads as a title (关于…, or
    ending in 意见, 方案 …), with the lines of the same title above it (a title broken after
    关于…和) and a line of issuers; skipping an addressee, a status line ((征求意见稿)),
    chrome and metadata fields.  Without such a line, the nearest plain line (a headline)."""
    status = addressee = fallback = None
    for number in range(body_first - 1, floor, -1):
        line = lines[number - 1]
        if not line or chrome_kind(line) or metadata.header_fields(line):
            continue
        if _STATUS_LINE.match(line):
            status = status or number
            continue
        if _ADDRESSEE.search(line) and not has_sentence(line):
            addressee = addressee or number
            continue
        if has_sentence(line) or ends_paragraph(line) or len(line) > TITLE_MAX:
            break
        hans = simplified(line)
        if not (_TITLE_WORD.search(hans) or "关于" in hans):
            fallback = fallback or number
            continue
        block = [number]
        while True:
            above = _previous(lines, block[0], floor)
            if not above or not _plain(lines[above - 1]):
                break
            if metadata.issuers_of(lines[above - 1]):
                block.insert(0, above)
                break
            if "关于" in simplified("".join(lines[n - 1] for n in block)):
                break
            block.insert(0, above)
        return Title(block, "".join(lines[n - 1] for n in block), status, addressee)
    if fallback:
        return Title([fallback], lines[fallback - 1], status, addressee)
    return None


TITLE_MAX = 60


def _plain(line: str) -> bool:
    return bool(line) and not has_sentence(line) and not chrome_kind(line) and not metadata.header_fields(line) \
        and not _ADDRESSEE.search(line) and len(line) <= TITLE_MAX


def _previous(lines: list[str], number: int, floor: int) -> int | None:
    """The non-blank line above ``number``, at most one blank line up."""
    for n in (number - 1, number - 2):
        if n > floor and lines[n - 1]:
            return n
    return None


def label_outside(lines: list[str], number: int, title: Title | None, wrapper: Wrapper | None) -> str | None:
    """What a line outside the body is, or ``None`` if nothing accounts for it."""
    line = lines[number - 1]
    if wrapper and number == wrapper.title_line:
        return "wrapper notice title"
    if wrapper and number in wrapper.lines:
        return f"wrapper {wrapper.lines[number]}"
    if wrapper and number in wrapper.title_lines:
        return "title"
    if title and number in title.lines:
        return "title"
    if title and number == title.status_line:
        return "status"
    if title and number == title.addressee:
        return "addressee"
    chrome = chrome_kind(line)
    if metadata.header_fields(line):
        return "page metadata field"
    if chrome:
        return chrome
    if metadata.is_date_line(line):
        return "date"
    if is_back_matter(line):
        return "attachment list, 抄送 or imprint"
    if metadata.doc_number(line) and len(line) < 30:
        return "document number"
    if _STATUS_LINE.match(line):
        return "note in brackets"
    if metadata.issuers_of(line) and not has_sentence(line):
        return "signature"
    if not has_sentence(line) and not has_number(line) and len(line) <= 40:
        return "short line (heading, name or menu item)"
    return None
