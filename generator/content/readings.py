"""Reading quantities out of Chinese policy text: numbers, how they bind, deadlines.

The content checks use these readings to compare what a target record claims (value,
comparator, unit, deadline year) with what its verbatim span says, and to list the
numbers of a text that no target records.  Readings are script-insensitive: text is
read in Simplified form, so a Traditional span reads the same as a Simplified one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.chinese import normalise

_DIGITS = "零〇一二两三四五六七八九"
_SMALL = {"十": 10, "百": 100, "千": 1000}
_DIGIT_VALUES = {**{ch: i for i, ch in enumerate("零一二三四五六七八九")}, "〇": 0, "两": 2}
_CN_NUMBER = f"[{_DIGITS}十][{_DIGITS}十百千]*"  # 百 or 千 alone is a word (百分点, 百户)
_ARABIC = r"\d+(?:\.\d+)?"
NUMBER = re.compile(rf"百分之(?P<pct>{_ARABIC}|{_CN_NUMBER})|(?P<num>{_ARABIC}|{_CN_NUMBER})")
# A year written 2020年, or either end of a range written 2025―2030年.
YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?=(?:[―—–-](?:20|19)\d\d)?年)")

# Words that say how a number binds, before it (不低于 400) or after it and its unit
# (0.2平方米以上, 980余万元).  Approximations (约, 近, 左右) bind nothing: comparator empty.
_BEFORE = (("不得少于", ">="), ("不低于", ">="), ("不少于", ">="), ("不小于", ">="), ("至少", ">="),
           ("最低", ">="), ("不得超过", "<="), ("不超过", "<="), ("不高于", "<="), ("不大于", "<="), ("最多", "<="),
           ("控制在", "<="), ("超过", ">"), ("不足", "<"), ("约", None), ("近", None))
_AFTER = (("以上", ">="), ("以下", "<="), ("以内", "<="), ("余", ">"), ("多", ">"))   # 左右: see comparator
# A bound with a verb between it and the figure (至少配备2名), and a bound over the whole a
# share is taken of (不低于总面积的70%): the comparator of the bound word.
GAPPED = re.compile(r"(至少|最多)[\u4e00-\u9fff]{1,3}$")
SHARE_OF = re.compile(r"(不得少于|不低于|不少于|不小于|不得超过|不超过|不高于|不大于)[\u4e00-\u9fff]{1,8}的$")
_REACH = "达到"  # 达到 a level: a floor for a target or standard, the level itself for a finding
APPROXIMATE = object()


@dataclass(frozen=True)
class Quantity:
    value: float
    start: int          # where the number starts in the normalised text
    end: int            # where it ends
    percent: bool       # written 百分之X
    after: str          # the text that follows, as far as the next number or punctuation
                        # (brackets and quotes kept: 86村(居)委会 is a count of 村(居)委会)
    word: bool = False  # a word that is a quantity by itself (全覆盖): a reading, not a number


def chinese_number(text: str) -> float | None:
    """``十五`` → 15, ``一百零八`` → 108, ``两`` → 2, ``二〇二〇`` → 2020; None if not a number."""
    if len(text) > 1 and all(ch in _DIGIT_VALUES for ch in text):
        return float("".join(str(_DIGIT_VALUES[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[ch]
        elif ch in _SMALL:
            total += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def _value(token: str) -> float | None:
    if token[0].isdigit():
        return float(token)
    return chinese_number(token)


_STOP = re.compile(r"[,，。;；、:：《》〔〕\s]|\d|[" + _DIGITS + "十]")
# Words that are quantities by themselves: 全覆盖 is coverage of 100 %.
_WORD_QUANTITIES = {"全覆盖": 100.0}


def quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` (read in Simplified form), in order."""
    plain = normalise(text)
    out = []
    for m in NUMBER.finditer(plain):
        token = m.group("pct") or m.group("num")
        value = _value(token)
        if value is None:
            continue
        stop = _STOP.search(plain, m.end())
        after = plain[m.end():stop.start() if stop else len(plain)]
        out.append(Quantity(value, m.start(), m.end(), bool(m.group("pct")), after))
    for word, value in _WORD_QUANTITIES.items():
        at = plain.find(word)
        while at >= 0:
            out.append(Quantity(value, at, at + len(word), True, "", word=True))
            at = plain.find(word, at + 1)
    return sorted(out, key=lambda q: q.start)


def comparator(text: str, q: Quantity, kind: str):
    """How the quantity ``q`` of ``text`` binds, as a schema comparator; None when the
    text qualifies nothing (read as ``=``), ``APPROXIMATE`` for 约/近/左右."""
    plain = normalise(text)
    before = plain[max(0, q.start - 6):q.start]
    for word, comp in _BEFORE:
        if before.endswith(word):
            return APPROXIMATE if comp is None else comp
    tail = plain[q.end:q.end + len(q.after) + 4]
    if "左右" in tail:
        return APPROXIMATE
    for word, comp in _AFTER:
        if word in tail[:len(q.after) + 2] or tail.startswith(word):
            return comp
    share = q.percent or q.after[:1] in "%％"
    apart = GAPPED.search(plain[max(0, q.start - 8):q.start]) \
        or (SHARE_OF.search(plain[max(0, q.start - 14):q.start]) if share else None)
    if apart:
        return bound(apart.group(1))
    if before.endswith(_REACH) or before.endswith(_REACH + "了"):
        return "=" if kind == "finding" else ">="
    return None


def comparator_words(text: str) -> list[str]:
    """The comparator words written anywhere in ``text``, in the order of ``_BEFORE`` and ``_AFTER``."""
    plain = normalise(text)
    return [word for word, _ in (*_BEFORE, *_AFTER, (_REACH, None)) if len(word) > 1 and word in plain]


def bound(word: str) -> str | None:
    """The comparator a bound word (不低于, 至少 …) gives."""
    return dict(_BEFORE)[word]


def unit_follows(q: Quantity, unit: str) -> bool:
    """Whether the text right after the number is the unit's first part (百分之X is %).

    余/多 between a multiplier and the unit (4万余元) are passed over."""
    first = normalise(unit).split("/")[0]
    if q.percent:
        return first == "%"
    after = q.after.replace("余", "").replace("多", "")
    return after.startswith(first) or (first == "%" and after.startswith("％"))   # full-width ％


def years(text: str) -> list[int]:
    """Four-digit years written as 2020年 in ``text``."""
    return [int(y) for y in YEAR.findall(normalise(text))]
