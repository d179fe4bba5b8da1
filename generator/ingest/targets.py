"""Quantified targets in a record's text: every quantity it sets, how it binds, by when.

Numbers are read by ``content.readings`` (Arabic and Chinese numerals, 百分之X, 全覆盖), the
reader the content checks use, so a drafted target reads as its span says.  On top of it:

- a quantity needs a measure word after it (%, 个, 名, 平方米 …) or a rate before it (每百户,
  每万人, 每个社区每年); years, ordinals, names (两委, 三社联动) and spans of time are not
  quantities;
- how it binds: 不低于/不少于/至少/达到/达/提高到/满/以上 ``>=``, 不超过/以内/以下/压减至/控制在
  ``<=``, 超过/余/多 ``>``, 3至5 a range, a plain figure ``=``; 三成 is 30 %, 一半 50 %, 全覆盖
  100 %; 翻一番 and 提高一倍 are read as printed (1 番, 1 倍);
- the deadline is the last one printed before the figure in its sentence, carried across
  the sentence's clauses and its ；(到2025年,…；…), never back to a figure before it;
- a dated goal without a figure (2024年底前完成…) is a target with a deadline alone.

Where this reading differs from what the content checks read out of the span (达 read as a
floor, 三成 as 30 %), the target says so in its ``note``, which is published as an editor's note
and so states the reading; what a curator should confirm (全覆盖 as 100 %, a reading the
checks do not share) is its ``review``, written as a ``# REVIEW`` comment that ``check`` reports
until it is deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content import readings
from generator.ingest.detect import simplified

# The reading of 全覆盖, as the curated documents word it: a value no figure in the text states.
FULL_COVERAGE = "全覆盖读作覆盖率 100%（编者解读，原文无此数字）"

# Measure words after a number, longest first; the unit is written as printed.
_MEASURES = ("平方公里", "平方米", "平米", "万平方米", "学时", "人次", "户次", "家次", "场次", "个月", "万人", "万元", "亿元", "千元", "元",
             "个", "名", "人", "户", "次", "项", "家", "所", "场", "处", "岁", "天", "个工作日", "工作日", "小时", "分钟", "公里", "米",
             "套", "间", "支", "批", "类", "件", "张", "台", "辆", "座", "条", "本", "块", "遍", "栋", "幢", "份", "轮", "期",
             "%", "％", "成", "倍", "个百分点", "百分点")
_MEASURE = re.compile("(?:万|千|余|多)*(" + "|".join(sorted(_MEASURES, key=len, reverse=True)) + ")")
# Measure words that, after a Chinese numeral, make a quantity (一个, 三成); others (一年,
# 三级, 四项) are as often words as figures.
_CHINESE_MEASURES = ("个", "名", "人次", "人", "户", "次", "家", "所", "场", "成", "倍", "百分点", "个百分点", "学时",
                     "分钟", "个工作日", "工作日", "个月", "遍", "轮",
                     "平方米", "万元", "元", "%", "％")
# A rate: who a figure is per (每个城市社区, 每百户, 每名党员, 城市社区平均, 人均) and how often (每年,
# 每季度, 月均), before the figure, or printed after its measure word (4100元/月, 20元/人·年).  Printed words (Simplified),
# longest first, → the denominator as the curated documents spell it (平方米/百户, 名/社区, 元/月).
_PER_WHO = (("百户居民", "百户"), ("百户", "百户"), ("万人", "万人"), ("万名", "万人"), ("万常住人口", "万人"), ("千人", "千人"),
            ("千名", "千人"), ("千常住人口", "千人"),
            ("城市社区", "社区"), ("农村社区", "社区"), ("城乡社区", "社区"), ("社区", "社区"), ("行政村", "村"),
            ("村", "村"), ("小区", "小区"), ("网格", "网格"), ("乡（镇）", "乡镇"), ("乡(镇)", "乡镇"), ("乡镇", "乡镇"),
            ("街道", "街道"), ("区（县）", "区县"), ("区(县)", "区县"), ("床位", "床"), ("户", "户"), ("人", "人"),
            ("届任期内", "届"), ("届", "届"))
_PERIODS = (("半年", "半年"), ("季度", "季度"), ("年", "年"), ("月", "月"), ("周", "周"), ("天", "天"), ("日", "日"))
_DENOMINATOR = dict(_PER_WHO + _PERIODS)


def _alternatives(pairs) -> str:
    return "|".join(re.escape(word) for word in sorted((w for w, _ in pairs), key=len, reverse=True))


_RATE = re.compile(rf"每(?:个|张|所)?(?P<who>{_alternatives(_PER_WHO)})|每(?:个)?(?P<period>{_alternatives(_PERIODS)})"
                   rf"|每(?:名|位)(?P<person>)|(?P<average>(?:城市|农村|城乡)?社区)平均|(?P<each>[人户年月日])均")
_RATE_AFTER = re.compile(rf"(?:[/／·](?:{_alternatives(_PER_WHO + _PERIODS)}))+")
RATE_REACH = 32    # how far before the figure a rate word still governs it (每百户居民拥有…不低于30平方米)
# A figure without a rate of its own after one with (每个城市社区不少于10个、农村社区不少于5个;
# 每百户不低于30平方米，农村社区不低于20平方米) is the same rate: so many characters apart at most,
# none of them 每 or a total's word (全县共招聘300名 is no rate).
CARRY_REACH = 10
# The size of one thing a place has (每个社区建立一支不少于15人的队伍): the figure counts the thing.
_ONE_THING = re.compile(r"一(?:支|个|所|处|座|间)")
_NOT_CARRIED = re.compile(r"[每共总全合累]")
# How a figure binds: words before it, and after its measure word.
_BEFORE = (("最低不得少于", ">="), ("不得少于", ">="), ("不少于", ">="), ("不低于", ">="), ("不小于", ">="),
           ("至少", ">="), ("达到", ">="), ("提高到", ">="), ("提高至", ">="), ("提升到", ">="), ("提升至", ">="),
           ("增加到", ">="), ("增加至", ">="), ("达", ">="), ("满", ">="), ("不得超过", "<="), ("不超过", "<="),
           ("不高于", "<="), ("不大于", "<="), ("压减至", "<="), ("压减到", "<="), ("压缩至", "<="), ("压缩到", "<="),
           ("控制在", "<="), ("最多", "<="), ("超过", ">"), ("高于", ">"), ("低于", "<"), ("不足", "<"))
_AFTER = (("以上", ">="), ("以下", "<="), ("以内", "<="), ("之内", "<="), ("内", "<="), ("余", ">"), ("多", ">"))
# An age with its bound, then the people it qualifies (65岁以上老年人, 3岁以下婴幼儿, 35岁以下的成员):
# whom a figure counts, not a figure.  年龄在35岁以下。 ends its clause and is a figure.
_AGE_QUALIFIER = re.compile(r"(?:及)?(?:以上|以下|以内|(?!以上|以下|以内))(?!左右)[\u4e00-\u9fff]")
# A year that says which things (2000年底前建成的老旧小区), not by when: a verb, then 的.
_WHICH_THINGS = re.compile(r"[\u4e00-\u9fff]{1,4}的")
# A circle a walk of so many minutes reaches (十五分钟社区生活圈, 15分钟服务圈).
_REACH_CIRCLE = re.compile(r"[\u4e00-\u9fff]{0,6}圈")
# A share reached, its whole between the verb and the figure (达到常住人口的15%).
_REACH_SHARE = re.compile(r"(?:达到|提高到|提高至|达)[\u4e00-\u9fff]{1,8}的$")
_RANGE = re.compile(r"\s*(?:至|到|~|～|-|—|－)\s*")
# Not quantities: a number in a title or document number, a date, an ordinal, a name.
_NOT_HERE = re.compile(r"《[^》]*》|〔\d{4}〕\s*\d+\s*号|\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|第[\d一二三四五六七八九十百]+"
                       r"|[一二三四五六七八九十两]+(?:是|要|级|化|委|社|站式|位一体|项改革|张清单|务|公开|议|同步)"
                       r"|[一二三四五六七八九十]+届[一二三四五六七八九十]+次|“[\d一二三四五六七八九十两]+[^”]{0,10}”"   # a name in quotes: “三个关口”, “15分钟便民生活圈”
                       r"|[\d一二三四五六七八九十两]+(?:个)?(?:方面|层面|环节|部分|大类|章|节|条)")   # the text's own structure
# One per place (“1社区1名大学生”, 一村一名): a rate, even inside a name's quotes.
_ONE_PER = re.compile(r"[1一](?:个)?(?P<per>社区|村|户|小区|网格|楼栋)(?P<n>\d+|[一二两三四五])(?P<measure>名|个|人|警)")
# A bound pegged to a stated level, with no figure (工资福利不低于上年度职工工资平均水平): a
# standard the curated documents record with its comparator and the level as its unit.
_PEGGED = re.compile(r"(?P<bound>不低于|不少于|不高于|不超过)(?P<level>(?:当地|本地|上年度|上一年度|全市|全省|全县|全区|同级|同类)"
                     r"[^,，。;；、]{0,16}?平均[^,，。;；、]{0,6}?水平)")
_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
# A goal's horizon as a span of time, where its sentence begins.
_HORIZON = re.compile(r"(?:^|(?<=。))(?P<span>(?:经过|用)[\d一二三四五六七八九十两]+(?:年|个月)(?:左右)?(?:的)?(?:努力|时间))")
_SPAN_OF_TIME = re.compile(r"(?:用|经过|通过|花|利用)[\d一二三四五六七八九十两]+(?:年|个月)|[\d一二三四五六七八九十两]+年(?:来|以来|时间|的)")

# Deadlines, on the Simplified copy: 到2025年(底), 2024年底前, 2022年,… and “十四五”末.
# A span of years (到2025―2030年) is due by its last year.
_YEAR_SPAN = re.compile(r"(20\d\d)[―—\-－~～至到]20\d\d年")
_YEAR_DEADLINE = re.compile(r"(?:到|至|在|于)?(?:20\d\d[―—\-－~～至到])?(?P<year>20\d\d)年(?:底|末|年底|上半年|下半年|\d{1,2}月(?:底|末)?)?(?:前|以前|之前)?"
                            r"(?![\d以来的度])")
_PLAN_DEADLINE = re.compile(r"(?:到|至)?“?(?P<plan>十[一二三四五六])五”?(?:末|期末|期间)")
_PLAN_END = {"十一": 2010, "十二": 2015, "十三": 2020, "十四": 2025, "十五": 2030, "十六": 2035}
# A dated goal without a figure: the deadline, then a verb of completion in its clause.
_DONE = re.compile(r"(?:前|底|末|年)[,，]?[^,，。;；]{0,12}?(?:完成|实现|建成|建立|出台|印发|制定|形成|覆盖|落实|启动|健全|推开|全面|基本|报|修改|修订|清理|整改|更加|全部)")


@dataclass(frozen=True)
class TargetMatch:
    span: str
    value: float | None
    comparator: str | None
    unit: str | None
    value_max: float | None = None
    deadline: str | None = None
    deadline_year: int | None = None
    note: str | None = None      # why the reading differs from the span's (published)
    review: str | None = None    # what a curator should confirm (a comment, never published)
    reading: str | None = None   # how a value read from a word is read (published as 编者解读)

    @property
    def deadline_year_from(self) -> int | None:
        """The first year of a deadline printed as a span of years (到2025―2030年)."""
        m = _YEAR_SPAN.search(simplified(self.deadline or ""))
        return int(m.group(1)) if m else None


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _blanked(hans: str) -> str:
    """The text with what holds no quantity blanked out, same length."""
    out = _ONE_PER.sub(lambda m: " " * len(m.group()), hans)
    out = _NOT_HERE.sub(lambda m: " " * len(m.group()), out)
    return _SPAN_OF_TIME.sub(lambda m: " " * len(m.group()), out)


def _deadlines(text: str, hans: str) -> list[tuple[int, int, str, int]]:
    """``(start, end, as printed, year)`` of each deadline in the text."""
    out = []
    for m in _YEAR_DEADLINE.finditer(hans):
        if m.group(0).endswith("前") and _WHICH_THINGS.match(hans, m.end()):
            continue
        # A bare year (2022年) is a deadline only where a clause starts with it: 2022年,全面建成…
        if re.fullmatch(r"20\d\d年", m.group(0)) and not hans.startswith((",", "，"), m.end()):
            continue
        out.append((m.start(), m.end(), text[m.start():m.end()], int(m.group("year"))))
    for m in _PLAN_DEADLINE.finditer(hans):
        out.append((m.start(), m.end(), text[m.start():m.end()], _PLAN_END[m.group("plan")]))
    return sorted(out)


def _deadline_for(at: int, hans: str, deadlines) -> tuple[str | None, int | None]:
    """The last deadline before ``at`` in its sentence (up to the previous 。)."""
    sentence = hans.rfind("。", 0, at) + 1
    before = [d for d in deadlines if sentence <= d[0] and d[1] <= at]
    return (before[-1][2], before[-1][3]) if before else (None, None)


def _rate(hans: str, at: int) -> tuple[int, str] | None:
    """``(start, denominator)`` of the rate governing a figure at ``at``, if one does."""
    window_start = max(0, at - RATE_REACH)
    window = hans[window_start:at]
    stop = max(window.rfind(p) for p in "。;；,，、")
    window_start, window = window_start + stop + 1, window[stop + 1:]
    found = list(_RATE.finditer(window))
    if not found:
        return None
    # Rate words apart (每个街道（乡镇）每年, 每年为每个农村社区) make one rate: who, then how often.
    denominators = list(dict.fromkeys(_denominator(m) for m in found))
    periods = {d for _, d in _PERIODS}
    denominators.sort(key=lambda d: d in periods)
    return window_start + found[0].start(), "/".join(denominators)


def _denominator(m: re.Match) -> str:
    if m.group("person") is not None:
        return "人"
    return _DENOMINATOR[m.group("who") or m.group("period") or m.group("average") or m.group("each")]


def _binding(hans: str, start: int, end: int, share: bool = False) -> tuple[str | None, int, int]:
    """``(comparator, span start, span end)`` from the words around the figure; a ``share``
    (a percentage) may have its whole between the bound and the figure."""
    before = hans[max(0, start - 8):start]
    comparator, span_start = None, start
    for word, comp in _BEFORE:
        if before.endswith(word):
            comparator, span_start = comp, start - len(word)
            break
    else:
        # 至少配备2名 (a verb between the bound and the figure), 不低于总面积的70% (a share's whole)
        apart = readings.GAPPED.search(before) \
            or (readings.SHARE_OF.search(hans[max(0, start - 14):start]) if share else None)
        reached = _REACH_SHARE.search(hans[max(0, start - 14):start]) if share and not apart else None
        if apart:
            comparator, span_start = readings.bound(apart.group(1)), start - len(apart.group(0))
        elif reached:   # 达到常住人口的15%: a floor, as 达到15% is
            comparator, span_start = ">=", start - len(reached.group(0))
    for word, comp in _AFTER:
        if hans.startswith(word, end):
            if word == "内" and not re.search(r"[在控]", hans[max(0, span_start - 6):span_start]):
                continue
            if word == "多" and re.match(r"[\u4e00-\u9fff]", hans[end + 1:end + 2]):
                continue   # 一人多岗, 一专多能: a word, not "more than"
            return comp if comparator is None or comp in (">=", "<=") else comparator, span_start, end + len(word)
    return comparator, span_start, end


def targets(text: str, findings: bool, bound_only: bool = False, goal: bool = False) -> list[TargetMatch]:
    """The quantities of ``text``.  ``findings``: a survey's measured status (comparators
    read as the level reached).  ``bound_only``: a background or preamble paragraph, where
    only a figure with a comparator or a rate is a target.  ``goal``: a goal paragraph, whose
    horizon may be a span of time (经过3年的努力,…)."""
    hans = simplified(text)
    blank = _blanked(hans)
    deadlines = _deadlines(text, hans)
    out: list[TargetMatch] = []
    skip_until = -1
    quantities = [q for q in readings.quantities(blank) if q.start >= 0]
    previous: tuple[int, str, str | None] | None = None   # (span end, measure word, denominator) of the last figure
    for i, q in enumerate(quantities):
        if q.start < skip_until or (q.start and blank[q.start - 1].isdigit()):
            continue
        chinese = not hans[q.start].isdigit() and not q.percent
        word = hans[q.start:q.end]
        if word == "全覆盖":
            deadline, year = _deadline_for(q.start, hans, deadlines)
            if findings:
                deadline = year = None
            out.append(TargetMatch(text[q.start:q.end], 100, "=", "%", None, deadline, year,
                                   _plan_note(deadline, year), review="全覆盖读作100%，请确认",
                                   reading=FULL_COVERAGE))
            continue
        value_max, tail = None, q
        gap = _RANGE.match(hans, q.end)
        first = _MEASURE.match(hans, q.end)
        if not gap and first and i + 1 < len(quantities):   # 2万元至5万元: the measure printed twice
            gap = _RANGE.match(hans, first.end())
            second = _MEASURE.match(hans, quantities[i + 1].end)
            if gap and second and second.group(0) != first.group(0):
                gap = None
        if gap and i + 1 < len(quantities) and quantities[i + 1].start == gap.end():
            tail = quantities[i + 1]   # 1000至3000户: a range, measured after its upper bound
            value_max, skip_until = tail.value, tail.end + 1
        measure = _MEASURE.match(hans, tail.end)
        if q.percent:
            unit, end = "%", q.end
        elif measure and (not chinese or measure.group(1) in _CHINESE_MEASURES):
            # 980余万元: the unit is 万元, and 余 says more than
            unit, end = re.sub("[余多]", "", measure.group(0)), measure.end()
        elif tail.percent:
            unit, end = "%", tail.end
        elif hans.startswith("年", tail.end) and tail.value < 100 and _binding(hans, q.start, tail.end + 1)[0]:
            unit, end = "年", tail.end + 1   # 保存不少于3年: a bound on years; a bare 3年 is a span of time
        else:
            continue
        # A share (30%, 三成) is of a whole, an age (人均寿命80岁) of one person: never per place or year.
        rated = unit not in ("%", "成", "岁")
        rate = _rate(hans, q.start) if rated else None
        if rate and hans.startswith("的", end) and _ONE_THING.search(hans, rate[0], q.start):
            rate = None
        printed_per = _RATE_AFTER.match(hans, end) if not rate and rated else None
        if printed_per:   # 4100元/月: the rate printed after the measure word
            end = printed_per.end()
        if chinese and q.value < 1:
            continue
        # a share or a multiple of a whole: 不低于资金总额的两倍
        comparator, span_start, span_end = _binding(hans, q.start, end, share=unit in ("%", "倍"))
        if comparator is None and hans[q.end:q.end + 1] in ("余", "多"):
            comparator = ">"
        if comparator is None and unit == "分钟" and _REACH_CIRCLE.match(hans, end):
            comparator = "<="   # 十五分钟生活圈: everything within a walk of that many minutes
        before = re.search(r"(?:约|近|大约)$", hans[:span_start])
        approximate = bool(before) or hans.startswith("左右", span_end)
        if before and not hans.startswith("左右", span_end):
            span_start = before.start()   # the span holds what makes it approximate
        elif approximate:
            span_end += 2
        if rate:
            if comparator is None:   # 不低于每人每年20元: the comparator stands before the rate
                comparator, before_rate, _ = _binding(hans, rate[0], end)
                span_start = min(before_rate, rate[0])
            span_start = min(span_start, rate[0])
        if value_max is not None:
            comparator = "range"
        elif findings and hans[span_start:q.start] in ("达到", "达"):
            comparator = "="
        if (bound_only or (chinese and q.value == 1 and unit != "遍")) and comparator is None and not rate:
            continue   # 一个 is as often an article as a count; 轮训一遍 is a count
        if unit in ("岁", "年") and _AGE_QUALIFIER.match(hans, end):
            continue
        value, note = q.value, None
        if unit == "成":
            value, unit, note = q.value * 10, "%", f"{word}成读作{_number(q.value * 10)}%"
        if chinese and hans.startswith("一半", q.start):
            value, unit = 50, "%"
        per = rate[1] if rate else "/".join(_DENOMINATOR[w] for w in re.split("[/／·]", printed_per.group(0))[1:]) \
            if printed_per else _carried(hans, previous, unit, span_start)
        previous = (span_end, unit, per)
        if per:
            unit = f"{unit}/{per}"
        deadline, year = _deadline_for(q.start, hans, deadlines) if not findings else (None, None)
        span = text[span_start:span_end]
        comparator = None if approximate else comparator or "="
        differs = _disagrees(span, value, value_max, comparator, unit, findings)
        out.append(TargetMatch(span, _number(value), comparator, unit,
                               _number(value_max) if value_max is not None else None, deadline, year,
                               note or differs or _plan_note(deadline, year),
                               review=f"{differs}，请核对" if differs and not note else None))
    if not findings:   # a survey's dates are when it measured, not deadlines
        out += _halves_and_doublings(text, hans, deadlines)
        out += _one_per_place(text, hans, deadlines)
        out += _pegged(text, hans, deadlines)
        out += _dated_goals(text, hans, deadlines, out)
    if goal and not findings:
        out += _horizons(text, hans, out)
    return sorted(out, key=lambda t: text.find(t.span))


def _carried(hans: str, previous: tuple[int, str, str | None] | None, measure: str, start: int) -> str | None:
    """The denominator of the figure just before, where this one, in the same measure word and
    a few characters on in the same sentence, has no rate of its own (…不少于10个、农村社区不少于5个)."""
    if previous is None or previous[2] is None or previous[1] != measure:
        return None
    between = hans[previous[0]:start]
    if len(between) > CARRY_REACH or re.search("[。;；]", between) or _NOT_CARRIED.search(between):
        return None
    return previous[2]


def _halves_and_doublings(text, hans, deadlines) -> list[TargetMatch]:
    """减少一半 (50 %, with a note), and 翻一番, 提高一倍 read as printed (1 番, 1 倍)."""
    out = []
    for m in re.finditer(r"(?:减少|降低|压减)一半|翻(一)番|(?:提高|增加|增长)(一)倍", hans):
        deadline, year = _deadline_for(m.start(), hans, deadlines)
        if m.group(1) or m.group(2):
            start = m.start(1) if m.group(1) else m.start(2)
            out.append(TargetMatch(text[m.start():m.end()], 1, "=", hans[start + 1:m.end()], None, deadline, year,
                                   _plan_note(deadline, year)))
        else:
            out.append(TargetMatch(text[m.start():m.end()], 50, "=", "%", None, deadline, year,
                                   f"“{text[m.start():m.end()]}”读作50%"))
    return out


def _one_per_place(text, hans, deadlines) -> list[TargetMatch]:
    """1社区1名 (one per community): so many per place, a plain figure."""
    out = []
    for m in _ONE_PER.finditer(hans):
        n = m.group("n")
        value = int(n) if n.isdigit() else _SMALL[n]
        deadline, year = _deadline_for(m.start(), hans, deadlines)
        out.append(TargetMatch(text[m.start():m.end()], value, "=", f"{m.group('measure')}/{m.group('per')}", None,
                               deadline, year, _plan_note(deadline, year)))
    return out


def _pegged(text, hans, deadlines) -> list[TargetMatch]:
    """A bound to a stated level (不低于上年度职工工资平均水平): comparator, no value."""
    out = []
    for m in _PEGGED.finditer(hans):
        deadline, year = _deadline_for(m.start(), hans, deadlines)
        out.append(TargetMatch(text[m.start():m.end()], None, readings.bound(m.group("bound")),
                               text[m.start("level"):m.end()], None, deadline, year, _plan_note(deadline, year)))
    return out


def _horizons(text, hans, found: list[TargetMatch]) -> list[TargetMatch]:
    """A goal's sentence that opens with the span it is to be reached in (经过3年的努力,…) and
    has no dated figure: a goal with that deadline and no year, as the curated documents record
    it.  A span in any other paragraph, or inside a sentence, is no target."""
    out = []
    for m in _HORIZON.finditer(hans):
        sentence_end = hans.find("。", m.end())
        sentence_end = len(hans) if sentence_end < 0 else sentence_end
        if any(t.deadline and m.start() <= text.find(t.span) < sentence_end for t in found):
            continue
        printed = text[m.start("span"):m.end("span")]
        out.append(TargetMatch(printed, None, None, None, None, printed, None))
    return out


def _dated_goals(text, hans, deadlines, found: list[TargetMatch]) -> list[TargetMatch]:
    """A deadline with a verb of completion and no figure after it in its sentence."""
    out = []
    for start, end, printed, year in deadlines:
        done = _DONE.match(hans, end - 1)
        if not done:
            continue
        if any(t.deadline == printed for t in found):
            continue
        clause_end = min([e for e in (hans.find(p, end) for p in "，,。;；") if e >= 0] or [len(hans)])
        out.append(TargetMatch(text[start:clause_end], None, None, None, None, printed, year,
                               _plan_note(printed, year)))
    return out


def _plan_note(deadline: str | None, year: int | None) -> str | None:
    """The checks read a deadline year only where it is printed (2025年), not from “十四五”末."""
    if deadline and year and str(year) not in deadline:
        return f"“{deadline}”读作{year}年"
    return None


def _disagrees(span: str, value: float, value_max: float | None, comparator: str | None, unit: str,
               findings: bool) -> str | None:
    """A note where the content checks would read the span otherwise than ingest did."""
    found = readings.quantities(span)
    same = [q for q in found if abs(q.value - value) < 1e-9]
    first = unit.split("/")[0]
    # A range (300至500户) prints its unit after the upper bound.
    measured = value_max if comparator == "range" and value_max is not None else value
    if not same or not any(abs(q.value - measured) < 1e-9 and readings.unit_follows(q, first) for q in found):
        return f"读作{_number(value)}{unit}"
    if comparator in ("range", None):   # approximate (约, 近, 左右): the checks read no comparator either
        return None
    match = next((q for q in same if readings.unit_follows(q, first)), same[0])
    read = readings.comparator(span, match, "finding" if findings else "target")
    expected = None if read is readings.APPROXIMATE else (read or "=")
    if expected != comparator:
        return f"“{span}”读作{comparator}（比较符）"
    return None


def with_deadline(found: list[TargetMatch], text: str, at: tuple[int, int]) -> list[TargetMatch]:
    """The targets of a record whose deadline is printed apart (a 完成时限 line or cell at
    ``at`` in its text): figures without a deadline take it; without figures, the deadline is
    a dated goal.  持续推进, 长期坚持 and the like fix no deadline."""
    hans = simplified(text)
    dated = [d for d in _deadlines(text, hans) if at[0] <= d[0] and d[1] <= at[1]]
    if not dated:
        printed_year = re.search(r"(20\d\d)年", hans[at[0]:at[1]])
        if not printed_year:
            return found
        dated = [(at[0], at[1], text[at[0]:at[1]], int(printed_year.group(1)))]
    _, _, printed, year = dated[0]
    out = [t if t.deadline or t.value is None else
           TargetMatch(t.span, t.value, t.comparator, t.unit, t.value_max, printed, year,
                       t.note or _plan_note(printed, year), t.review, t.reading)
           for t in found]
    if not any(t.value is not None or t.deadline == printed for t in out):
        out.append(TargetMatch(text[at[0]:at[1]], None, None, None, None, printed, year, _plan_note(printed, year)))
    return out
