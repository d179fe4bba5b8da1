"""`crosswalk ingest` over the five real sources, small encoded fixtures and bad files."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import opencc
import pytest
import yaml

from generator.ingest import detect, targets
from generator.content.sources import PINYIN, clean_lines, read_source, span_text
from generator.ingest.draft import main

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "content" / "sources"
FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "sample-opinion.txt"
REAL = {
    "yuxi-2018": "yuxi-2018-implementation-opinion.txt",
    "lanzhou-2013": "lanzhou-2013-news-report.txt",
    "qinghai-2017": "qinghai-2017-drafting-explanation.txt",
    "miyi-2021": "miyi-2021-survey-report.txt",
    "nanchong-2017": "nanchong-2017-draft-opinion.txt",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def walk(records):
    for r in records or []:
        yield r
        yield from walk(r.get("children"))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A scratch copy of the project without the five curated documents, as a maintainer's
    checkout is before each is added (ingest writes unit stubs into its units.yaml)."""
    root = tmp_path_factory.mktemp("project")
    for part in ("content", "crosswalk"):
        shutil.copytree(ROOT / part, root / part)
    for doc_id in REAL:
        (root / "content" / "documents" / f"{doc_id}.yaml").unlink()
    return root


@pytest.fixture(scope="module")
def drafts(project) -> dict[str, tuple[dict, str, str]]:
    """doc id → (parsed draft, YAML text, what ingest printed), for the five sources."""
    out = project / "content" / "documents"
    result = {}
    for doc_id, name in REAL.items():
        buffer = io.StringIO()  # capsys is per test; this fixture runs once per module
        with contextlib.redirect_stdout(buffer):
            assert main([str(project / "content" / "sources" / name), "--doc-id", doc_id], root=project) == 0
        text = (out / f"{doc_id}.yaml").read_text(encoding="utf-8")
        result[doc_id] = (yaml.safe_load(text), text, buffer.getvalue())
    return result


# --- the five sources -----------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", REAL)
def test_every_verbatim_field_is_in_the_cleaned_source(drafts, doc_id):
    doc = drafts[doc_id][0]
    src = doc["source"]
    lines = clean_lines(read_source(SOURCES / src["file"]))
    joins = frozenset(src.get("joins", []))
    first, last = src["body"]
    ids = [r["id"] for r in walk(doc["records"])]
    assert len(ids) == len(set(ids)) > 5
    for r in walk(doc["records"]):
        a, b = r["lines"]
        assert first <= a <= b <= last
        segment = span_text(lines, a, b, joins)
        fields = [r.get("title"), r.get("text"), (r.get("responsibility") or {}).get("raw")]
        fields += [t["span"] for t in r.get("targets", [])]
        for value in filter(None, fields):
            assert value in segment, (r["id"], value)


def test_drafts_pass_the_validator(drafts, project):
    from generator.content.load import Paths
    from generator.content.validate import check, errors

    # Topics and indicators name records of the curated documents, which the scratch project lacks.
    (project / "crosswalk" / "topics.yaml").write_text("topics: []\n", encoding="utf-8")
    (project / "crosswalk" / "indicators.yaml").write_text("indicators: []\n", encoding="utf-8")
    corpus, problems = check(Paths.at(project))
    assert errors(problems) == []
    assert set(REAL) <= set(corpus.documents)


def test_yuxi_tasks_units_and_targets(drafts):
    doc, _, printed = drafts["yuxi-2018"]
    assert doc["source"]["body"] == [14, 82] and doc["source"]["script"] == "hans"
    assert doc["title"] == "关于加强和完善城乡社区治理的实施意见"
    assert doc["issuers"] == ["中共玉溪市委", "玉溪市人民政府"]
    records = {r["id"]: r for r in walk(doc["records"])}
    assert sum(r["kind"] == "task" for r in records.values()) == 15
    assert [records[i]["kind"] for i in ("preamble", "p1-1", "p1-2-1", "p1-3", "p3-1", "closing")] == \
        ["preamble", "guiding-thought", "principle", "goal", "safeguard", "closing"]
    task = records["p2-3-12"]
    assert task["number"] == "12." and task["lines"] == [64, 64]
    units = task["responsibility"]["units"]
    assert len(units) == 7
    assert units[0] == {"unit": "yuxi-civil-affairs", "role": "lead", "basis": "inferred"}
    assert {u["role"] for u in units[1:]} == {"participating"}
    assert task["responsibility"]["etc"] is False
    # The curated record's three targets: two standards and 全覆盖, read as 100 % for confirmation.
    assert [(t["value"], t["comparator"], t["unit"]) for t in task["targets"]] == \
        [(30, ">=", "平方米/百户"), (400, ">=", "平方米/社区"), (100, "=", "%"), (100, "=", "%")]
    assert all("请确认" in t["note"] for t in task["targets"][2:])
    assert "UNRESOLVED" not in drafts["yuxi-2018"][1]
    assert "责任单位" not in task["text"]
    assert "line 64: standard 每百户居民不低于30平方米" in printed


def test_lanzhou_pinyin_join_and_script(drafts):
    doc, _, printed = drafts["lanzhou-2013"]
    records = yaml.dump(doc["records"], allow_unicode=True)  # the note names the artefacts on purpose
    assert "(qū)" not in records and not PINYIN.search(records) and "社區" in records
    assert "區(qū)" in doc["notes"][0]["text"]
    assert "removed 284 pinyin artefacts of 18 kinds: 區(qū) ×198" in printed
    assert "lines 78/80: split paragraph joined" in printed
    assert doc["source"]["joins"] == [78, 88, 96]
    assert doc["source"]["script"] in ("hant", "hant-mixed")
    assert doc["source"]["body"] == [8, 106]
    joined = next(r for r in walk(doc["records"]) if r["lines"] == [78, 80])
    assert "居民區的建設單位必須按照" in joined["text"]
    assert ("每戶0.2平方米以上", 0.2, ">=", "平方米/户") in \
        [(t["span"], t["value"], t["comparator"], t["unit"]) for t in joined["targets"]]
    headings = [r["title"] for r in walk(doc["records"]) if r["kind"] == "heading"]
    assert "社區建設納入政府公共服務職能" in headings and "流動人口聚集區,應設立社區居委會" in headings
    deadline = [t for r in walk(doc["records"]) for t in r.get("targets", []) if t.get("deadline")]
    assert [(t["deadline"], t["deadline_year"], t["type"]) for t in deadline] == [("到2020年", 2020, "target")]


def test_qinghai_duplicate_excluded(drafts):
    doc, _, printed = drafts["qinghai-2017"]
    assert doc["source"]["excluded"] == [{"lines": [6, 6], "reason": "duplicate of line 9 (scrape)"}]
    assert "line 6: duplicate of line 9, excluded" in printed
    assert not any(r["lines"][0] <= 6 <= r["lines"][1] for r in walk(doc["records"]))
    assert doc["records"][0]["id"] == "preamble" and doc["records"][0]["lines"] == [9, 9]
    assert doc["genre"] == "drafting-explanation"


def test_miyi_spam_outside_body_and_mixed_script(drafts):
    doc, _, printed = drafts["miyi-2021"]
    assert doc["source"]["body"] == [9, 49]
    assert "line 1: spam keyword line, outside body" in printed
    assert doc["source"]["script"] == "hant-mixed"
    assert doc["genre"] == "survey-report"
    kinds = {r["id"]: r["kind"] for r in walk(doc["records"])}
    assert (kinds["p1-1"], kinds["p2-1"], kinds["p3-1"]) == ("finding", "problem", "recommendation")


def test_nanchong_image_names_outside_body(drafts):
    doc, _, printed = drafts["nanchong-2017"]
    assert doc["source"]["body"] == [29, 107]
    assert "lines 5-7: image file name, outside body" in printed
    assert (doc["genre"], doc["status"]) == ("draft-for-comment", "draft")
    records = {r["id"]: r for r in walk(doc["records"])}
    # A numbered title standing alone takes the paragraph under it as its text.
    assert records["p3-1-6"]["lines"] == [77, 79] and records["p3-1-6"]["title"] == "建立小区(院落)自治制度"
    assert [records[f"p2-2-{n}"]["title"] for n in (1, 6)] == ["坚持党的领导", "坚持重心下移"]


def test_citations_listed_as_comments(drafts):
    text = drafts["nanchong-2017"][1]
    assert "#   line 29: 《中共四川省委办公厅、四川省人民政府办公厅关于全面深化改革加强基层群众自治和创新治理的通知》" \
           "(川委办 [2014]27号)" in text
    assert "#   line 15: 攀辦發〔2021〕29 號" in drafts["miyi-2021"][1]


# --- files, options, encodings --------------------------------------------------------------


def test_force(capsys, tmp_path):
    code, out, _ = run(capsys, FIXTURE, "--doc-id", "yuxi-2099", "--out", tmp_path)
    assert code == 0 and "wrote" in out
    target = tmp_path / "yuxi-2099.yaml"
    target.write_text("curated\n", encoding="utf-8")
    code, _, err = run(capsys, FIXTURE, "--doc-id", "yuxi-2099", "--out", tmp_path)
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "curated\n"
    code, _, _ = run(capsys, FIXTURE, "--doc-id", "yuxi-2099", "--out", tmp_path, "--force")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# DRAFT")


def test_fixture_steps(capsys, tmp_path):
    code, out, _ = run(capsys, FIXTURE, "--doc-id", "yuxi-2099", "--out", tmp_path)
    assert code == 0
    assert "line 8: duplicate of line 10, excluded" in out
    assert "lines 16/18: split paragraph joined" in out
    # A body units.yaml does not list is drafted as a stub, printed (the draft is not in the project).
    assert "unit 市测试局 is not in content/units.yaml; drafted as stub yuxi-unit" in out
    assert '  - {id: "yuxi-unit", name: "市测试局", jurisdiction: "yuxi", type: "government"}  # REVIEW' in out
    doc = yaml.safe_load((tmp_path / "yuxi-2099.yaml").read_text(encoding="utf-8"))
    tasks = {r["id"]: r for r in walk(doc["records"]) if r["kind"] == "task"}
    assert tasks["p1-2"]["text"] == "社区工作者的报酬待遇要逐步提高,建立正常增长机制,并纳入财政预算予以保障。"
    assert tasks["p1-1"]["responsibility"]["etc"] is True
    assert tasks["p1-1"]["responsibility"]["units"][-1]["unit"] == "yuxi-unit"
    # 玉溪市关于… names a place, not an issuer: the issuer is the page's 来源 field.
    assert doc["title"] == "玉溪市关于测试城乡社区治理的实施意见" and "full_title" not in doc
    assert doc["issuers"] == ["测试办公室"]


SNIPPET = ("关于测试的实施意见\n\n"
           "一、主要任务\n\n"
           "1.加强社区设施建设。每个社区不低于400平方米。(责任单位:市民政局、市财政局)\n")


@pytest.mark.parametrize("encoding, script, newline", [
    ("utf-8-sig", "hans", "\n"),
    ("utf-8", "hans", "\r\n"),
    ("gb18030", "hans", "\n"),
    ("big5", "hant", "\r\n"),
])
def test_encodings(capsys, tmp_path, encoding, script, newline):
    text = SNIPPET if script == "hans" else opencc.OpenCC("s2tw").convert(SNIPPET)
    source = tmp_path / "snippet.txt"
    source.write_bytes(text.replace("\n", newline).encode(encoding))
    code, _, err = run(capsys, source, "--doc-id", "yuxi-2099", "--out", tmp_path)
    assert code == 0, err
    doc = yaml.safe_load((tmp_path / "yuxi-2099.yaml").read_text(encoding="utf-8"))
    assert doc["source"]["script"] == script
    task = doc["records"][0]["children"][0]
    assert task["text"] == text.splitlines()[4][len("1.加强社区设施建设。"):text.splitlines()[4].index("(")]
    assert [u["unit"] for u in task["responsibility"]["units"]] == ["yuxi-civil-affairs", "yuxi-finance"]
    assert task["targets"][0]["value"] == 400


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"  \r\n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_unreadable_files(capsys, tmp_path, content, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    code, out, err = run(capsys, source, "--doc-id", "yuxi-2099", "--out", tmp_path)
    assert code == 1 and str(source) in err and message in err
    assert "Traceback" not in err + out
    assert not (tmp_path / "yuxi-2099.yaml").exists()


def test_missing_file_and_no_body(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "nope.txt", "--doc-id", "yuxi-2099", "--out", tmp_path)
    assert code == 1 and "nope.txt" in err
    source = tmp_path / "menu.txt"
    source.write_text("首页\n  • 新闻\n版权所有\n", encoding="utf-8")
    code, _, err = run(capsys, source, "--doc-id", "yuxi-2099", "--out", tmp_path)
    assert code == 1 and "no running text" in err and "menu.txt" in err


def test_bad_options(capsys, tmp_path):
    assert run(capsys, FIXTURE, "--doc-id", "Yuxi 2099", "--out", tmp_path)[0] == 1
    code, _, err = run(capsys, FIXTURE, "--doc-id", "yuxi-2099", "--jurisdiction", "atlantis", "--out", tmp_path)
    assert code == 1 and "atlantis" in err


# --- detectors ------------------------------------------------------------------------------


def test_targets_in_either_script():
    for text in ("每个社区最低不得少于350平方米", "每個社區最低不得少於350平方米"):
        [t] = targets.targets(text, findings=False)
        assert (t.span, t.value, t.comparator, t.unit) == (text, 350, ">=", "平方米/社区")
    [t] = targets.targets("力争到“十二五”末,每人每年不低于0.5元", findings=False)
    assert (t.deadline, t.deadline_year, t.unit) == ("到“十二五”末", 2015, "元/人/年")
    assert targets.targets("共包括9大类33个方面", findings=False) == []
    # The text's own structure is counted in no target, in a survey either.
    assert targets.targets("共包括9大类33个方面", findings=True) == []
    assert [t.value for t in targets.targets("共登记社会组织133个", findings=True)] == [133]


def test_headings_and_script():
    assert detect.heading_number("(十二)标题").value == 12
    assert detect.heading_number("1.5万元") is None
    assert detect.heading_number("——坚持党的领导").style == "——"
    assert detect.detect_script("关于加强和完善城乡社区治理") == "hans"
    assert detect.detect_script("關於加強和完善城鄉社區治理的實施意見,建立健全社區工作") == "hant"
    assert detect.detect_script("關於加強和完善城鄉社區治理的實施意見,并于今后") == "hant-mixed"
    assert detect.chrome_kind("IMG_0825.jpg") == "image file name"
    assert detect.chrome_kind("點擊: 載入中...") == "page metadata (date, source, counter)"
