"""The script rule: a source as printed in its own script, the project's conversion in the other.

The conversion is OpenCC corrected by ``generator/script_exceptions.yaml``; ``crosswalk scripts``
(``generator.analysis.script_slips``) finds the phrases that may need a correction.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import unpacked
from generator import chinese, cli
from generator.analysis import script_slips

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_exceptions(tmp_path) -> Path:
    path = tmp_path / "script_exceptions.yaml"
    path.write_text("to_hans: {}\nto_hant: {}\n", encoding="utf-8")
    return path


# --- the exceptions dictionary --------------------------------------------------------------------

def test_every_exception_corrects_what_opencc_alone_gets_wrong():
    table = chinese.exceptions()
    entries = [(s, phrase, fixed) for s, section in table.items() for phrase, fixed in section.items()]
    assert len(entries) >= 3
    for into, phrase, fixed in entries:
        assert chinese.opencc_only(phrase, chinese.CONFIG[into]) != fixed, f"{phrase}: OpenCC is right already"
        assert chinese.convert(phrase, into) == fixed


@pytest.mark.parametrize("text, into, expected", [
    ("隨著經濟社會發展", "hans", "随着经济社会发展"),       # t2s left 著 (Lanzhou, Miyi ×5)
    ("它著重破解了", "hans", "它着重破解了"),               # (Lanzhou ×2)
    ("建立社区工作准入制度长效机制", "hant", "建立社區工作准入制度長效機制"),  # s2tw: 工作準入 (Yuxi)
    ("年即着手开展调研", "hant", "年即著手開展調研"),
    # editorial text: a relation's rationale, topic scopes, the about pages
    ("两者都要求完善并发挥村规民约", "hant", "兩者都要求完善並發揮村規民約"),  # s2tw: 併發揮
    ("引号只影响结果高亮", "hant", "引號只影響結果高亮"),                    # 隻影響
    ("墙钟时间", "hant", "牆鐘時間"),                                        # 牆鍾
    ("行政事务回归政府", "hant", "行政事務回歸政府"),                        # 迴歸
    ("收集意见并回复的制度", "hant", "收集意見並回覆的制度"),                # 回復
])
def test_the_slips_the_issue_names_are_corrected(text, into, expected):
    assert chinese.convert(text, into) == expected


@pytest.mark.parametrize("printed, simplified", [
    ("關系", "关系"), ("聯系", "联系"), ("體繫", "体系"), ("重復", "重复"), ("注銷", "注销"), ("批準", "批准"),
    ("著手", "着手"),
])
def test_the_traditional_sources_own_misconversions_read_right_in_simplified(printed, simplified):
    assert chinese.convert(printed, "hans") == simplified


def test_every_judged_phrase_is_what_opencc_gives():
    judged = chinese.judged_right()
    assert len(judged) >= 5
    for phrase, right in judged.items():
        assert chinese.convert(phrase, "hant") == right, f"{phrase}: judged {right}, converted otherwise"


def test_a_broken_dictionary_is_refused_with_its_path(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("to_hans: [隨著]\n", encoding="utf-8")
    with pytest.raises(chinese.ExceptionsError, match=r"bad\.yaml: to_hans must map phrases to phrases"):
        chinese.exceptions(path)
    path.write_text("to_hans: {}\nto_trad: {}\n", encoding="utf-8")
    with pytest.raises(chinese.ExceptionsError, match="unknown section"):
        chinese.exceptions(path)


# --- marks: as printed, one per script, kept forms ---------------------------------------------

def test_source_text_is_kept_as_printed_in_its_own_script_and_converted_in_the_other():
    page = "正文:" + chinese.as_printed("社區成為各種社會關系的集聚點,關于", "hant-mixed")
    assert chinese.to_script(page, "hant") == "正文:社區成為各種社會關系的集聚點,關于"
    assert chinese.to_script(page, "hans") == "正文:社区成为各种社会关系的集聚点,关于"
    simplified = chinese.as_printed("干部", "hans")
    assert chinese.to_script(simplified, "hans") == "干部" and chinese.to_script(simplified, "hant") == "幹部"


def test_a_choice_gives_each_script_its_own_text_unconverted():
    text = "见" + chinese.choice("documents/x/", "zh-Hant/documents/x/")
    assert chinese.to_script(text, "hans") == "见documents/x/"
    assert chinese.to_script(text, "hant") == "見zh-Hant/documents/x/"


def test_forms_a_note_quotes_stay_as_written_in_both_scripts():
    """How Miyi's note should mark the Simplified forms the report keeps (⟦…⟧)."""
    note = "仍留有部分简体字形(如⟦后、于、干部⟧…)"
    assert chinese.to_script(note, "hant") == "仍留有部分簡體字形(如后、于、干部…)"
    assert chinese.to_script(note, "hans") == "仍留有部分简体字形(如后、于、干部…)"
    assert chinese.unmarked(note) == "仍留有部分简体字形(如后、于、干部…)"


def test_a_source_quoted_in_editorial_text_follows_the_rule_of_source_text():
    text = "原作“⟦繁|關于建立城鄉社區⟧”，后同"
    assert chinese.to_script(text, "hant") == "原作“關于建立城鄉社區”，後同"   # as printed, 于 and all
    assert chinese.to_script(text, "hans") == "原作“关于建立城乡社区”，后同"
    assert chinese.unmarked(text) == "原作“關于建立城鄉社區”，后同"


def test_an_excerpt_is_cut_after_its_text_is_converted_whole():
    text = chinese.Printed("建立社区工作准入制度", "hans")
    assert chinese.convert("建立社区工作准", "hant") == "建立社區工作準"        # cut first, 准 is lost
    excerpt = chinese.excerpt(text, 7)
    assert chinese.to_script(excerpt, "hant") == "建立社區工作准…"
    assert chinese.to_script(excerpt, "hans") == "建立社区工作准…"
    assert chinese.to_script(chinese.piece(text, 4, 8), "hant") == "工作准入"
    printed = chinese.Printed("社區服務體系有效保障", "hant-mixed")           # Miyi's heading
    assert chinese.convert(printed, "hant") == "社區服務體繫有效保障"          # what re-conversion did
    assert chinese.to_script(chinese.shown(printed), "hant") == "社區服務體系有效保障"
    assert chinese.to_script(chinese.excerpt(printed, 7), "hant") == "社區服務體系有…"
    assert chinese.to_script(chinese.excerpt(printed, 7), "hans") == "社区服务体系有…"


def test_text_cannot_forge_a_mark_or_lose_words():
    """Content is untrusted: private-use characters in it neither open marks nor swallow text."""
    hostile = "甲\ue002乙\ue001丙\ue000t丁\ue003戊\ue004己"
    assert chinese.to_script(chinese.as_printed(hostile, "hant"), "hant") == "甲乙丙t丁戊己"
    assert chinese.to_script("于" + hostile.replace("\ue000", ""), "hant").startswith("於甲乙")
    assert chinese.to_script("干部\ue002", "hant") == "幹部"
    assert chinese.convert("隨著\ue003經濟", "hans") == "随着经济"


def test_no_mark_leaves_the_build(built_site):
    marks = ["\ue000", "\ue001", "\ue002", "\ue003", "\ue004", "\ue010", chinese.KEEP_OPEN, chinese.KEEP_CLOSE]
    files = [p for p in built_site.rglob("*") if p.suffix in {".html", ".json", ".csv", ".txt"}
             or p.name.endswith(".json.gz")]
    assert len(files) > 100 and any(p.suffix == ".gz" for p in files)
    leaked = [str(p.relative_to(built_site)) for p in files
              if any(m in unpacked(p).decode("utf-8", errors="replace") for m in marks)]
    assert leaked == []


# --- the check that finds slips -------------------------------------------------------------------

def test_the_bundled_corpus_has_no_unjudged_slip(corpus):
    assert [s.problem() for s in script_slips.find_slips(corpus)] == []


def test_without_the_dictionary_the_check_finds_the_slips_a_reader_found(corpus, empty_exceptions):
    slips = script_slips.find_slips(corpus, empty_exceptions)
    found = {(s.kind, s.text.doc.id, s.phrase) for s in slips if s.text.doc}
    suiz = [s for s in slips if s.kind == "reference" and "隨著" in s.phrase]
    assert len(suiz) == 5 and {s.text.doc.id for s in suiz} == {"lanzhou-2013", "miyi-2021"}
    assert len([s for s in slips if s.kind == "reference" and "著重" in s.phrase]) == 2
    assert ("inconsistent", "yuxi-2018", "工作准入制度") in found
    assert all(s.expected and s.converted for s in slips)
    problem = next(s for s in slips if "隨著" in s.phrase).problem()
    assert problem.severity == "warning" and problem.file.startswith("content/documents/")
    assert "tw2s" in str(problem)


def test_without_its_entries_the_check_finds_the_slips_in_editorial_text(corpus, tmp_path):
    """The dictionary less its editorial entries: each slip a reader found in editorial text
    (the 复制引文 issue's list) is found where it is written, and nothing else is."""
    editorial = {"并发挥", "并回复", "只影响", "墙钟", "回归", "报告发布"}
    text = chinese.EXCEPTIONS_FILE.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if line.strip().split(":")[0] not in editorial]
    assert len(lines) == len(text.split("\n")) - len(editorial)
    path = tmp_path / "script_exceptions.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    slips = [s for s in script_slips.find_slips(corpus, path) if s.kind == "unusual"]
    found = {(s.text.pos.file, s.converted) for s in slips}
    assert found == {("crosswalk/topics.yaml", "完善併發揮"), ("crosswalk/topics.yaml", "事務迴歸政"),
                     ("crosswalk/topics.yaml", "並回復的制"), ("docs/search-format.md", "引號隻影響"),
                     ("docs/benchmark.md", "，牆鍾時間"), ("docs/benchmark.md", "入牆鍾合計"),
                     ("content/documents/miyi-14th-fyp-community-governance-plan.yaml", "告發布時（")}
    assert all(s.problem().severity == "warning" and "judged_right" in str(s.problem()) for s in slips)


def test_a_mark_in_source_text_is_reported(corpus):
    record = corpus.records["yuxi-2018/p2-3-14"]
    original = record.text
    record.text = original.replace("社区工作事项准入", "社区⟦工作事项⟧准入")
    try:
        slips = script_slips.find_slips(corpus)
    finally:
        record.text = original
    assert [s.kind for s in slips if s.text.field == "p2-3-14.text"] == ["mark", "mark"]


def test_traditional_sources_own_forms_are_listed_on_request(corpus):
    forms = [s for s in script_slips.find_slips(corpus, sources=True) if s.kind == "source form"]
    assert any("關系" in s.phrase and "关系" in s.converted for s in forms)
    assert {s.text.doc.id for s in forms} == {"lanzhou-2013", "miyi-2021"}


def test_the_scripts_subcommand_lists_findings_and_exits_0(capsys):
    assert cli.main(["scripts"]) == 0
    assert "0 finding(s)" in capsys.readouterr().err
