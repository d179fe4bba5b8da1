"""Content checks that read the content's own text (``generator/content/checks.py``).

Each class of error a careful reader found in the bundled content is planted again into a
copy of the real content, and ``check`` must report it at the file and line of the defect.
The bundled content itself must pass every one of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from generator.content import readings
from generator.content.load import Paths
from generator.content.validate import check

YUXI = "content/documents/yuxi-2018.yaml"
LANZHOU = "content/documents/lanzhou-2013.yaml"
MIYI = "content/documents/miyi-2021.yaml"
NANCHONG = "content/documents/nanchong-2017.yaml"
UNITS = "content/units.yaml"
TOPICS = "crosswalk/topics.yaml"

# The warnings a reader must still judge by hand: records deliberately left without a topic.
JUDGED = ("left without a topic",)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    for folder in ("content", "crosswalk"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def plant(root: Path, file: str, old: str, new: str) -> int:
    """Replace the one occurrence of ``old``; return its line number."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def problems_at(root: Path, file: str) -> list[tuple[int, str, str]]:
    _, problems = check(Paths.at(root))
    return [(p.line, p.severity, p.message) for p in problems if p.file == file]


def test_bundled_content_passes_every_content_check():
    _, problems = check(Paths.at(ROOT))
    assert problems, "check returned nothing at all: the judged warnings are expected"
    unjudged = [str(p) for p in problems if not any(j in p.message for j in JUDGED)]
    assert unjudged == []


# (file, text to replace, replacement, severity, words the message must hold)
CASES = {
    "target value differs from its span (十五分钟 read as 15)": (
        YUXI, "span: 十五分钟社区生活圈, value: 15,", "span: 十五分钟社区生活圈, value: 25,",
        "error", "value 25 is not in its span"),
    "Arabic value differs from its span": (
        YUXI, "span: 每个社区不低于400平方米, value: 400,", "span: 每个社区不低于400平方米, value: 350,",
        "error", "value 350 is not in its span '每个社区不低于400平方米' (it reads 400)"),
    "a span cut short of its number": (
        YUXI, "span: 每个社区不低于400平方米, value: 400,", "span: 每个社区不低于, value: 400,",
        "error", "value 400 is not in its span '每个社区不低于' (it reads no number)"),
    "comparator differs from its span (不低于 reads >=)": (
        YUXI, "span: 每个社区不低于400平方米, value: 400, comparator: '>='",
        "span: 每个社区不低于400平方米, value: 400, comparator: '='", "error", "reads '>='"),
    "approximation recorded as exact (近 reads no comparator)": (
        MIYI, "span: 有近80項, value: 80,", "span: 有近80項, value: 80, comparator: '=',",
        "error", "the span approximates"),
    "unit differs from what follows the number": (
        MIYI, "span: 平均年齡41歲, value: 41, comparator: '=', unit: 歲",
        "span: 平均年齡41歲, value: 41, comparator: '=', unit: 人", "error", "unit '人' is not what follows 41"),
    "a value without a unit": (
        MIYI, "value: 86, comparator: '=', unit: 村(居)委會,", "value: 86, comparator: '=',",
        "error", "has a value but no unit"),
    "a sic difference without its note": (
        MIYI, ", note: 原文“168597万人”中“万”字有误（见本条编者注），数值按168597人记录。}", "}",
        "error", "unit '人' is not what follows 168597"),
    "deadline year not printed": (
        LANZHOU, "deadline_year: 2020", "deadline_year: 2021", "error", "deadline_year 2021 is printed neither"),
    "deadline not printed in the record": (
        YUXI, "deadline: 到2020年, deadline_year: 2020, scope: 城乡社区治理体系",
        "deadline: 到2021年, deadline_year: 2020, scope: 城乡社区治理体系", "error", "deadline '到2021年' is not printed"),
    "a programme year in the span recorded nowhere (2021年 is not a deadline)": (
        MIYI, "unit: 萬元, scope: 2021年每個補短板項目爭取上級補助資金}",
        "unit: 萬元, scope: 每個補短板項目爭取上級補助資金}", "error", "the span names the year 2021"),
    "a range of years recorded as its last year only": (
        YUXI, "deadline: 到2025―2030年, deadline_year_from: 2025, deadline_year: 2030,",
        "deadline: 到2025―2030年, deadline_year: 2030,", "error",
        "the deadline '到2025―2030年' is a range of years; give its first in deadline_year_from"),
    "全覆盖 read as 100 % without saying so": (
        YUXI, "scope: 社区服务覆盖率, reading: 全覆盖读作覆盖率 100%（编者解读，原文无此数字）}",
        "scope: 社区服务覆盖率}", "error", "the span '努力实现社区服务全覆盖' states no number"),
    "a comparator the span does not say, without a reading (十五分钟 is within)": (
        YUXI, "unit: 分钟, scope: 玉溪中心城区和有条件的县区, reading: 十五分钟社区生活圈读作十五分钟以内可达（编者解读，原文未写“以内”），故记为不超过 15 分钟}",
        "unit: 分钟, scope: 玉溪中心城区和有条件的县区}", "error", "comparator '<=', but no comparator word stands next to 15 in the span '十五分钟社区生活圈'"),
    "stated lead where the source names no 牵头": (
        YUXI, "{unit: yuxi-county-governments, role: lead, basis: inferred}\n                - {unit: yuxi-establishment",
        "{unit: yuxi-county-governments, role: lead, basis: stated}\n                - {unit: yuxi-establishment",
        "error", "yuxi-county-governments is 'lead, stated', but no sentence"),
    "a unit of the printed list dropped": (
        YUXI, "                - {unit: yuxi-finance, role: participating, basis: inferred}\n            notes:\n"
              "              - {type: sic, span: 转移到为经济社会发展提供良好公共环境上。",
        "            notes:\n              - {type: sic, span: 转移到为经济社会发展提供良好公共环境上。",
        "error", "responsibility.raw names '市财政局'"),
    "a joint subject split with different roles": (
        LANZHOU, "{unit: lanzhou-governments, role: lead, basis: inferred}\n            cites",
        "{unit: lanzhou-governments, role: participating, basis: inferred}\n            cites",
        "error", "joint subject '各级党委、政府' is split with different roles"),
    "a joint subject the text charges as one, given two roles": (
        LANZHOU, "{unit: lanzhou-departments, role: lead, basis: inferred}",
        "{unit: lanzhou-departments, role: participating, basis: inferred}",
        "error", "joint subject '全市各级党委、政府和各部门' is split with different roles"),
    # Two bodies with no head in common (so not a joint pair by borrowing), the list charged as
    # one by 要求: the README's rule (a list the text charges as one has one role) holds for two.
    "a printed list of two bodies the text charges as one, given two roles": (
        LANZHOU, "須征求民政部門及所在街道辦(鄉鎮政府)的意見。\n            responsibility:\n"
                 "              raw: 民政部門及所在街道辦(鄉鎮政府)\n              units:\n"
                 "                - {unit: lanzhou-civil-affairs-departments, role: participating, basis: inferred}\n"
                 "                - {unit: lanzhou-street-offices, role: participating, basis: inferred}",
        "要求民政部門及所在街道辦(鄉鎮政府)提出意見。\n            responsibility:\n"
        "              raw: 民政部門及所在街道辦(鄉鎮政府)\n              units:\n"
        "                - {unit: lanzhou-civil-affairs-departments, role: lead, basis: inferred}\n"
        "                - {unit: lanzhou-street-offices, role: participating, basis: inferred}",
        "error", "joint subject '民政部门及所在街道办(乡镇政府)' is split with different roles"),
    "a body the text charges left out": (
        LANZHOU, "                - {unit: lanzhou-counties, role: lead, basis: inferred, named: text}\n"
                 "                - {unit: lanzhou-county-community-work-offices",
        "                - {unit: lanzhou-county-community-work-offices",
        "warning", "the text charges lanzhou-counties"),
    "a unit only the running text names, given as one of the printed list": (
        YUXI, "{unit: yuxi-mass-organisations, role: participating, basis: stated, named: text}",
        "{unit: yuxi-mass-organisations, role: participating, basis: stated}",
        "error", "yuxi-mass-organisations is not a body of responsibility.raw ('各级党委和政府')"),
    "a unit of the printed list said to be named only in the text": (
        YUXI, "            - {unit: yuxi-governments, role: lead, basis: inferred}\n"
              "            - {unit: yuxi-relevant-departments, role: participating, basis: stated, named: text}",
        "            - {unit: yuxi-governments, role: lead, basis: inferred, named: text}\n"
              "            - {unit: yuxi-relevant-departments, role: participating, basis: stated, named: text}",
        "error", "yuxi-governments is in responsibility.raw ('各级党委和政府'), so it is 'named: list'"),
    "a unit said to be named in the text that the text does not name": (
        NANCHONG, "{unit: nanchong-townships, role: lead, basis: stated, named: text}",
        "{unit: nanchong-residents-committees, role: lead, basis: stated, named: text}",
        "error", "nanchong-residents-committees is 'named: text', but the record's text does not name it"),
    "a relation type its topics contradict": (
        TOPICS, "target: yuxi-2018/p2-3-12, type: intersects, rationale: \"米易仍有38%",
        "target: yuxi-2018/p2-3-12, type: equal, rationale: \"米易仍有38%", "warning", "'equal' requires"),
    "a count in an artefact note that the source does not hold": (
        LANZHOU, "正文第8—108行内274处", "正文第8—108行内275处", "error", "states 275处, but the source holds"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_planted_content_error_is_reported_at_its_line(corpus_copy, case):
    file, old, new, severity, words = CASES[case]
    line = plant(corpus_copy, file, old, new)
    found = problems_at(corpus_copy, file)
    hits = [(ln, sev) for ln, sev, message in found if words in message]
    assert hits, f"no problem says {words!r}; got {found}"
    assert any(sev == severity for _, sev in hits)
    assert any(abs(ln - line) <= 12 for ln, _ in hits), f"reported at {hits}, planted at line {line}"


def test_a_number_left_without_a_target_is_reported(corpus_copy):
    path = corpus_copy / NANCHONG
    text = path.read_text(encoding="utf-8")
    start = text.index("        targets:\n          - {id: three-year-goal,")
    end = text.index("\n", text.index("{id: three-year-goal,")) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = problems_at(corpus_copy, NANCHONG)
    assert any(sev == "warning" and "经过3年的努力" in msg and "is in no target" in msg for _, sev, msg in found), found


def test_an_alias_no_source_prints_is_an_error(corpus_copy):
    line = plant(corpus_copy, UNITS, "function: civil-affairs}\n  - {id: yuxi-finance",
                 "function: civil-affairs, aliases: [玉溪市民政局]}\n  - {id: yuxi-finance")
    found = problems_at(corpus_copy, UNITS)
    assert (line, "error") in [(ln, sev) for ln, sev, msg in found if "'玉溪市民政局' is printed in no record" in msg]


def test_an_alias_naming_another_kind_of_body_is_an_error(corpus_copy):
    plant(corpus_copy, UNITS, "aliases: [各縣區政府, 縣區政府]", "aliases: [各縣區政府, 縣區政府, 縣區辦]")
    found = problems_at(corpus_copy, UNITS)
    assert any("does not name the same kind of body" in msg for _, sev, msg in found if sev == "error"), found


def test_a_unit_that_joins_two_bodies_is_an_error(corpus_copy):
    plant(corpus_copy, UNITS, "  - {id: yuxi-governments, name: 各级政府,", "  - {id: yuxi-governments, name: 各级党委和政府,")
    found = problems_at(corpus_copy, YUXI)
    assert any("names a joint subject" in msg for _, sev, msg in found if sev == "error"), found


def test_a_document_that_fails_to_load_adds_no_follow_on_alias_lines(corpus_copy):
    plant(corpus_copy, LANZHOU, "id: lanzhou-2013\n", "id: lanzhou-2013\n  bad: [\n")
    _, problems = check(Paths.at(corpus_copy))
    assert any(p.file == LANZHOU for p in problems)
    assert [str(p) for p in problems if "printed in no record" in p.message] == []


# --- readings ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [("十五", 15), ("一百零八", 108), ("两", 2), ("二十", 20), ("三千", 3000),
                                         ("二〇二〇", 2020), ("十", 10)])
def test_chinese_numbers(text, value):
    assert readings.chinese_number(text) == value


@pytest.mark.parametrize("span, kind, value, comparator, after", [
    ("每户0.2平方米以上", "standard", 0.2, ">=", "平方米以上"),
    ("最低不得少于350平方米", "standard", 350, ">=", "平方米"),
    ("980余萬元", "finding", 980, ">", "余万元"),
    ("約4萬余元", "finding", 4, readings.APPROXIMATE, "万余元"),
    ("服务半径500米左右", "standard", 500, readings.APPROXIMATE, "米左右"),
    ("平均達到2616人", "finding", 2616, "=", "人"),
    ("社會工作者持證比例達到20%", "target", 20, ">=", "%"),
    ("全縣95%以上的社區", "finding", 95, ">=", "%以上的社区"),
    ("十五分钟社区生活圈", "target", 15, None, "分钟社区生活圈"),
    ("实现新兴领域党建工作全覆盖", "target", 100, None, ""),
    # A bound apart from its figure: a verb between (至少配备), or the whole of a share (总面积的).
    ("每个社区至少配备2名", "standard", 2, ">=", "名"),
    ("每个村最多设立3个", "standard", 3, "<=", "个"),
    ("不低于总面积的70%", "standard", 70, ">=", "%"),
    ("不超过总支出的百分之十", "standard", 10, "<=", ""),
    ("不得超过5块", "standard", 5, "<=", "块"),
])
def test_a_span_reads_its_value_comparator_and_unit(span, kind, value, comparator, after):
    found = [q for q in readings.quantities(span) if q.value == value]
    assert found, readings.quantities(span)
    assert found[0].after == after
    assert readings.comparator(span, found[0], kind) == comparator


def test_readings_are_script_insensitive():
    hans, hant = readings.quantities("每百户居民不低于30平方米"), readings.quantities("每百戶居民不低於30平方米")
    assert [(q.value, q.after) for q in hans] == [(q.value, q.after) for q in hant] == [(30.0, "平方米")]
    assert readings.years("到2020年,经过3年") == [2020]


@pytest.mark.parametrize("span, unit", [("覆盖率达到100%", "%"), ("覆盖率达到100％", "%"), ("约4万余元", "万元"),
                                        ("百分之二十", "%"), ("每百户32平米", "平米/百户")])
def test_the_unit_follows_its_number(span, unit):
    q = [q for q in readings.quantities(span) if q.value][-1]
    assert readings.unit_follows(q, unit)
    assert not readings.unit_follows(q, "人")

