"""Nothing wrong passes in silence: what a draft or a hand edit gets wrong while every
record stays verbatim in its source.

Each failure a maintainer met (issue: a goal paragraph cut out of the body, a signature
and its date drafted as tasks, a comma or colon that turned text into YAML structure, an
unknown jurisdiction with no line to add, a comparator message that read what it could
not) is planted into a copy of the real content, and ``check`` must say so at its line.
The bundled content passes them all (``test_content_checks``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.analysis import source_coverage
from generator.content.load import Paths
from generator.content.validate import check
from test_content_checks import MIYI, NANCHONG, YUXI, corpus_copy, plant, problems_at  # noqa: F401

NANCHONG_SOURCE = "content/sources/nanchong-2017-draft-opinion.txt"
# Line 25 of the Nanchong source is blank (a no-break space) and lies before its body [29, 107],
# where the wrapper's title and addressee are.
BLANK_BEFORE_BODY = 25
# Yuxi's goal paragraph (yuxi-2018 line 32), as a draft might leave it out of a body.
GOAL = "到2020年,基本形成基层党组织领导、基层政府主导的多方参与、共同治理的城乡社区治理体系,城乡社区治理体制更加完善。"


def put_line(root: Path, number: int, text: str) -> None:
    path = root / NANCHONG_SOURCE
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[number - 1].strip(" \u00a0") == "", "the planted line must replace a blank one"
    lines[number - 1] = text
    path.write_text("\n".join(lines), encoding="utf-8")


def source_warnings(root: Path) -> list[tuple[int, str]]:
    return [(line, message) for line, severity, message in problems_at(root, NANCHONG_SOURCE)
            if severity == "warning"]


@pytest.mark.parametrize("text, holds", [
    (GOAL, "a sentence"),
    ("到2020年", "a number"),
    ("二〇一七年十月三十日", "a number"),
    ("各县(市、区)委、人民政府,市级各部门要认真贯彻落实", "a sentence"),
    ("请结合实际认真贯彻执行。", "a sentence"),   # a wrapper's closing line: short, no comma
])
def test_a_line_with_text_outside_the_body_is_a_warning_at_its_line(corpus_copy, text, holds):
    put_line(corpus_copy, BLANK_BEFORE_BODY, text)
    found = source_warnings(corpus_copy)
    assert [line for line, _ in found] == [BLANK_BEFORE_BODY], found
    assert f"holds {holds}" in found[0][1] and "before source.body [29, 107]" in found[0][1]


def test_coverage_strict_fails_on_a_goal_paragraph_outside_the_body(corpus_copy, capsys):
    assert source_coverage.main(["--strict"], root=corpus_copy) == 0
    put_line(corpus_copy, BLANK_BEFORE_BODY, GOAL)
    assert source_coverage.main(["--strict"], root=corpus_copy) == 1
    assert f"{NANCHONG_SOURCE}:{BLANK_BEFORE_BODY}:1: warning:" in capsys.readouterr().out


@pytest.mark.parametrize("text", [
    "首页 > 信息公开",            # chrome: neither a sentence nor a number
    "2017-10-30",                  # the document's own date (dates.drafted), as a header prints it
])
def test_a_line_outside_the_body_that_holds_no_text_or_only_metadata_is_silent(corpus_copy, text):
    put_line(corpus_copy, BLANK_BEFORE_BODY, text)
    assert source_warnings(corpus_copy) == []


def test_an_exclusion_with_its_reason_accounts_for_a_line_outside_the_body(corpus_copy):
    put_line(corpus_copy, BLANK_BEFORE_BODY, GOAL)
    plant(corpus_copy, NANCHONG, "    - lines: [27, 27]\n", "    - lines: [25, 27]\n")
    assert source_warnings(corpus_copy) == []


# The end of the Nanchong source, after its body: the signature and the date of the draft.
SIGNATURE_RECORDS = """
  - id: p5
    kind: task
    lines: [111, 111]
    text: 中共南充市委办公室
  - id: p6
    kind: task
    lines: [113, 113]
    text: 南充市人民政府办公室
  - id: p7
    kind: task
    lines: [115, 115]
    text: 2017年10月30日
"""


def test_a_signature_and_a_date_drafted_as_tasks_are_warnings_at_their_kind(corpus_copy):
    plant(corpus_copy, NANCHONG, "body: [29, 107]", "body: [29, 115]")
    path = corpus_copy / NANCHONG
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n" + SIGNATURE_RECORDS.lstrip("\n"), encoding="utf-8")
    first = before.rstrip("\n").count("\n") + 2           # the line of `- id: p5`
    kind_lines = [first + 1, first + 5, first + 9]        # each record's `kind:` line
    found = [(line, message) for line, severity, message in problems_at(corpus_copy, NANCHONG)
             if severity == "warning" and "is recorded as kind 'task'" in message]
    assert [line for line, _ in found] == kind_lines, found
    assert "organ's name alone" in found[0][1] and "organ's name alone" in found[1][1]
    assert "a date alone" in found[2][1]
    _, problems = check(Paths.at(corpus_copy))
    assert not [p for p in problems if p.severity == "error"], "the plant must be a valid draft otherwise"


def test_an_unquoted_comma_in_a_flow_mapping_says_quote_this_value(corpus_copy):
    line = plant(corpus_copy, YUXI, "text: 这是所引实施方案的内容分类，不是量化目标。}",
                 "text: 这是所引实施方案的内容分类, 不是量化目标。}")
    found = [(ln, msg) for ln, sev, msg in problems_at(corpus_copy, YUXI) if sev == "error"]
    assert [ln for ln, _ in found] == [line], found
    assert "quote this value" in found[0][1] and "unknown field" not in found[0][1]


def test_an_unquoted_colon_in_a_list_of_text_says_quote_this_value(corpus_copy):
    line = plant(corpus_copy, YUXI, "issuers: [中共玉溪市委, 玉溪市人民政府]", "issuers: [中共玉溪市委, 发文机关: 玉溪市人民政府]")
    found = [(ln, msg) for ln, sev, msg in problems_at(corpus_copy, YUXI) if sev == "error"]
    assert [ln for ln, _ in found] == [line], found
    assert "quote this value" in found[0][1] and "'发文机关: 玉溪市人民政府'" in found[0][1]


def test_an_unquoted_colon_in_block_text_says_quote_this_value(corpus_copy):
    line = plant(corpus_copy, YUXI, "title: 关于加强和完善城乡社区治理的实施意见\n",
                 "title: 实施意见: 关于加强和完善城乡社区治理\n")
    found = [(ln, msg) for ln, sev, msg in problems_at(corpus_copy, YUXI) if sev == "error"]
    assert [ln for ln, _ in found] == [line], found
    assert "YAML syntax error" in found[0][1] and "quote this value" in found[0][1]


def test_an_unknown_jurisdiction_names_the_line_to_add(corpus_copy):
    # Yuxi is a city of Yunnan (seeds); its document names 中共玉溪市委 and implements yunnan-2018.
    expected = "- {id: yuxi-city, name: 玉溪市, level: city, parent: yunnan}"
    plant(corpus_copy, YUXI, "jurisdiction: yuxi\n", "jurisdiction: yuxi-city\n")
    found = [msg for _, sev, msg in problems_at(corpus_copy, YUXI) if "unknown jurisdiction" in msg]
    assert len(found) == 1 and found[0].endswith(expected), found
    registry = corpus_copy / "content/jurisdictions.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + f"  {expected}\n", encoding="utf-8")
    assert not [msg for _, _, msg in problems_at(corpus_copy, YUXI) if "unknown jurisdiction" in msg]


@pytest.mark.parametrize("file, old, new, says", [
    # 以上 is in the span, but it binds 大专, not 218: the check reads no comparator for 218.
    (MIYI, "span: 大專以上學歷有218人, value: 218, comparator: '='", "span: 大專以上學歷有218人, value: 218, comparator: '>='",
     "no comparator word stands next to 218 in the span '大專以上學歷有218人' ('以上' is in the span, but not next to it)"),
    # No comparator word at all: the check says it read none, not that it read '='.
    (MIYI, "span: 全縣11個鄉鎮, value: 11, comparator: '='",
     "span: 全縣11個鄉鎮, value: 11, comparator: '>='", "no comparator word stands next to 11"),
])
def test_the_comparator_message_claims_no_comparator_it_did_not_read(corpus_copy, file, old, new, says):
    line = plant(corpus_copy, file, old, new)
    found = [(ln, msg) for ln, sev, msg in problems_at(corpus_copy, file) if "comparator '>='" in msg]
    assert [ln for ln, _ in found] == [line], found
    assert says in found[0][1] and "reads '='" not in found[0][1]
