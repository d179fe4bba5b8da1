"""What a source says about itself: header fields, title and issuers, 文号, dates, status.

Government sites print a block of labelled fields above a document (索引号, 发布机构,
发布日期, 文号 …); the document itself prints its issuers before 关于, its 文号 under the
title, and its signature and date at the end.  Everything here reads cleaned lines (or one
line) and returns plain data; matching is on the Simplified copy (``detect.simplified``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content import readings
from generator.ingest.detect import simplified

# Labels of a page's metadata block, by what they give.  A line may hold several fields
# (发布时间:2018-12-04 来源:… 浏览量:…).
FIELDS = {
    "number": ("发文字号", "文号", "字号", "发文号"),
    "issuers": ("发布机构", "发文机关", "发文单位", "发布单位", "制发机关"),
    "published": ("发布日期", "发布时间", "公开日期", "时间"),
    "source": ("来源", "信息来源"),
    "issued": ("成文日期", "发文日期", "印发日期"),
    "title": ("标题", "名称", "文件名称"),
    "other": ("索引号", "主题分类", "公开方式", "有效性", "生效日期", "失效日期",
              "体裁分类", "组配分类", "文件类型", "公开范围", "浏览次数", "浏览量", "点击"),
}
_LABEL_OF = {label: key for key, labels in FIELDS.items() for label in labels}
_FIELD = re.compile(r"(?:^|\s)(" + "|".join(sorted(_LABEL_OF, key=len, reverse=True)) + r")\s*[:：]\s*")

# A document number: an issuer's abbreviation, the year in brackets, the serial (测府发〔2099〕7号).
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d+\s*[号號]")
_NUMERIC_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# Circles printed for 〇 in a year (○, O), read as 〇.
_ZERO_FORMS = str.maketrans("○O零", "〇〇〇")
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九O]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")


@dataclass(frozen=True)
class Field:
    key: str      # number, issuers, published, issued, source, title or other
    label: str    # as printed
    value: str    # as printed, trimmed


def header_fields(line: str) -> list[Field]:
    """The labelled fields of a metadata line, or ``[]`` if it does not start with one."""
    hans = simplified(line)
    found = list(_FIELD.finditer(hans))
    if not found or found[0].start() != 0:
        return []
    out = []
    for m, after in zip(found, found[1:] + [None]):
        value = line[m.end():after.start() if after else len(line)].strip()
        out.append(Field(_LABEL_OF[m.group(1)], line[m.start(1):m.end(1)], value))
    return out


def date_in(text: str) -> tuple[str, int, int] | None:
    """``(YYYY-MM-DD, start, end)`` of the first date written 2099-05-20, 2099年5月20日 or
    二〇九九年五月二十日, or ``None``."""
    m = _NUMERIC_DATE.search(text)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
        return "{}-{:0>2}-{:0>2}".format(*m.groups()), m.start(), m.end()
    m = _CN_DATE.search(text)
    if m:
        year, month, day = (int(readings.chinese_number(g.translate(_ZERO_FORMS)) or 0) for g in m.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04}-{month:02}-{day:02}", m.start(), m.end()
    return None


def is_date_line(line: str) -> bool:
    """A line that is a date and little else: 2099年3月8日, 2018年10月31日印发."""
    found = date_in(line)
    return found is not None and len(line) - (found[2] - found[1]) <= 6


def doc_number(text: str) -> str | None:
    m = DOC_NUMBER.search(text)
    return m.group(0) if m else None


# --- title and issuers -----------------------------------------------------------------------

# How an issuing organ's name ends, longest first.
# A party committee's department (中共临溪区委社会工作部) is one organ, not the committee and a 部.
_ORGAN = re.compile(r"(?:中共)?[\u4e00-\u9fff]+?(?:人民政府办公[室厅]|政府办公[室厅]|委员会办公[室厅]|委办公[室厅]|"
                    r"人民政府|人民代表大会常务委员会|委员会|党委|政府|办公[室厅]|委(?:组织|宣传|统战|社会工作|政法)部|委|厅|局|部|办)")
# The marks of a draft, in brackets after a title or on a line of their own.
DRAFT_WORDS = ("征求意见稿", "送审稿", "草案")
DRAFT_MARK = re.compile(r"[（(](?:" + "|".join(DRAFT_WORDS) + r")[）)]$")
_STATUS = (("draft", re.compile("|".join(DRAFT_WORDS))),)


def issuers_of(prefix: str) -> list[str] | None:
    """The organs a title prefix names (中共玉溪市委玉溪市人民政府), as printed; ``None``
    unless the whole prefix reads as organs (玉溪市关于… names a place)."""
    out: list[str] = []
    for chunk in re.split(r"[\s、,，]+", prefix.strip()):
        if not chunk:
            continue
        hans = simplified(chunk)
        at = 0
        while at < len(hans):
            m = _ORGAN.match(hans, at)
            if not m:
                return None
            out.append(chunk[at:m.end()])
            at = m.end()
    return out or None


# A place alone before 关于 (玉溪市关于…, 雲岫縣關於…): part of the full title, not an issuer.
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:自治区|自治州|自治县|省|市|州|盟|县|区|旗)")


def split_title(full: str) -> tuple[str, list[str], bool]:
    """``(title, issuers, cut)``: the title from 关于 on when what precedes it names organs or
    a place; ``cut`` says a prefix was taken off, so the whole line is the full title."""
    hans = simplified(full)
    at = hans.find("关于")
    if at > 0:
        issuers = issuers_of(full[:at])
        if issuers:
            return full[at:], issuers, True
        if _PLACE.fullmatch(hans[:at].strip()):
            return full[at:], [], True
    return full, [], False


def without_draft_mark(title: str) -> str:
    """The title as printed, less a （征求意见稿） after it (in either script)."""
    m = DRAFT_MARK.search(simplified(title))
    return title[:m.start()] if m else title


def status_of(text: str) -> str | None:
    hans = simplified(text)
    return next((status for status, pattern in _STATUS if pattern.search(hans)), None)
