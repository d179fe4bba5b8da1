"""`crosswalk check` on bad input: every defect is named by file, line and field, all at once.

Each case copies the tiny valid project in ``tests/fixtures/bad/base`` and plants one
defect by replacing one exact piece of text; the expected problem names the file and the
line of the defect as a maintainer would open it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from generator.content.load import Paths
from generator.content.validate import check
from generator.content.yamlfile import Problem

DOC = "content/documents/demo-2020.yaml"
UNITS = "content/units.yaml"
TOPICS = "crosswalk/topics.yaml"
LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$", re.M)


def plant(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run_check(root: Path) -> tuple[int, list[tuple[str, int, str]], str]:
    """Exit code, the ``(file, line, message)`` problems printed, and stderr."""
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    problems = [(m["file"], int(m["line"]), m["message"]) for m in LINE.finditer(result.stdout)]
    return result.returncode, problems, result.stderr


def reported(problems, file: str, line: int, phrase: str) -> bool:
    return any(f == file and n == line and phrase in message for f, n, message in problems)


# (case, [(file, old, new)], expected file, expected line, key phrase of the message)
CASES = [
    ("yaml-syntax", [(DOC, "title: 关于", "title: [关于")], DOC, 3, "YAML syntax error"),
    ("duplicate-key", [(DOC, "year: 2020\n", "year: 2020\nyear: 2021\n")], DOC, 8, "duplicate key 'year'"),
    ("unknown-field", [(DOC, "year: 2020\n", "year: 2020\ncolour: red\n")], DOC, 8,
     "unknown field 'colour' in Document"),
    ("missing-required-field", [(DOC, "        kind: task\n        number: (二)", "        number: (二)")], DOC, 43,
     "missing required field 'kind'"),
    ("wrong-type", [(DOC, "year: 2020", "year: 二〇二〇")], DOC, 7, "demo-2020.year: expected a whole number"),
    ("invalid-date", [(DOC, "printed: 2020-05-01", "printed: 2018-02-30")], DOC, 9, "invalid date '2018-02-30'"),
    ("bad-choice", [(DOC, "kind: preamble", "kind: preface")], DOC, 20, "'preface' is not one of"),
    ("id-not-file-name", [(DOC, "id: demo-2020\n", "id: demo-2021\n")], DOC, 1, "does not match the file name"),
    ("duplicate-record-id", [(DOC, "      - id: p1-2", "      - id: p1-1")], DOC, 43,
     "duplicate record id 'p1-1' (first at line 30)"),
    ("duplicate-unit-id", [(UNITS, "  - id: demo-finance", "  - id: demo-civil-affairs")], UNITS, 11,
     "duplicate unit id 'demo-civil-affairs'"),
    ("unknown-unit", [(DOC, "{unit: demo-finance,", "{unit: demo-treasury,")], DOC, 40,
     "unknown unit 'demo-treasury'"),
    ("unknown-jurisdiction", [(DOC, "jurisdiction: demo\n", "jurisdiction: atlantis\n")], DOC, 3,
     "unknown jurisdiction 'atlantis'"),
    ("unknown-document-link", [(DOC, "    document: china-2019", "    document: china-2018")], DOC, 16,
     "unknown document 'china-2018'"),
    ("unknown-document-cited", [(DOC, "cites: [china-2019]", "cites: [china-2018]")], DOC, 23,
     "unknown document 'china-2018'"),
    ("unknown-record-in-relation", [(TOPICS, "target: demo-2020/p1-2", "target: demo-2020/p9")], TOPICS, 16,
     "unknown record 'demo-2020/p9'"),
    ("unknown-record-in-mapping", [(TOPICS, "{record: demo-2020/p1-1,", "{record: demo-2020/p1-9,")], TOPICS, 11,
     "unknown record 'demo-2020/p1-9'"),
    ("unknown-topic-in-mapping", [(TOPICS, "topics: [facilities]", "topics: [facility]")], TOPICS, 11,
     "unknown topic 'facility'"),
    ("text-not-in-source", [(DOC, "党员干部要带头", "党员干部要带领")], DOC, 43,
     "text is not found verbatim in demo-2020-opinion.txt lines 12-12"),
    ("wrong-line-range", [(DOC, "lines: [12, 12]", "lines: [10, 10]")], DOC, 43,
     "title is not found verbatim in demo-2020-opinion.txt lines 10-10"),
    ("target-span-not-in-source", [(DOC, "span: 每百户居民不低于30平方米", "span: 每百户居民不低于40平方米")], DOC, 30,
     "targets.facility-area.span is not found verbatim"),
    ("self-relation", [(TOPICS, "target: demo-2020/p1-2", "target: demo-county-2021/p1")], TOPICS, 15,
     "relation of 'demo-county-2021/p1' to itself"),
]


def test_the_base_project_is_valid(make_project):
    code, problems, err = run_check(make_project(site_config=False))
    assert (code, problems) == (0, [])
    assert err.startswith("ok: 3 documents, 5 records, 2 units, 2 topics")


@pytest.mark.parametrize("edits, file, line, phrase", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_defect_is_named_by_file_line_and_message(make_project, edits, file, line, phrase):
    root = make_project(site_config=False)
    for edit in edits:
        plant(root, *edit)
    code, problems, err = run_check(root)
    assert code == 1
    assert reported(problems, file, line, phrase), f"expected {file}:{line}: …{phrase}… in {problems}"
    assert re.search(r"^\d+ problem\(s\) in ", err, re.M)


def test_several_defects_are_all_reported_in_one_run(make_project):
    root = make_project(site_config=False)
    plant(root, DOC, "printed: 2020-05-01", "printed: 2018-02-30")
    plant(root, DOC, "{unit: demo-finance,", "{unit: demo-treasury,")
    plant(root, UNITS, "type: government\n    function: finance", "type: ministry\n    function: finance")
    plant(root, TOPICS, "topics: [facilities]", "topics: [facility]")
    plant(root, DOC, "党员干部要带头", "党员干部要带领")
    code, problems, _ = run_check(root)
    assert code == 1
    expected = [(DOC, 9, "invalid date '2018-02-30'"), (DOC, 40, "unknown unit 'demo-treasury'"),
                (UNITS, 14, "'ministry' is not one of"), (TOPICS, 11, "unknown topic 'facility'"),
                (DOC, 43, "text is not found verbatim")]
    for file, line, phrase in expected:
        assert reported(problems, file, line, phrase), (file, line, phrase, problems)


def test_library_check_returns_sorted_problems(make_project):
    root = make_project(site_config=False)
    plant(root, TOPICS, "topics: [facilities]", "topics: [facility]")
    plant(root, DOC, "year: 2020", "year: 二〇二〇")
    plant(root, UNITS, "  - id: demo-finance", "  - id: demo-civil-affairs")
    corpus, problems = check(Paths.at(root))
    assert problems and all(isinstance(p, Problem) for p in problems)
    assert problems == sorted(problems)
    assert [(p.file, p.line) for p in problems if p.severity == "error"][:1] == [(DOC, 7)]
    assert str(problems[0]).startswith(f"{DOC}:7:")
    assert set(corpus.documents) == {"china-2019", "demo-2020", "demo-county-2021"}


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_previous_site_as_it_was(make_project):
    root = make_project()
    site = root / "site"
    first = mkdocs_build(root, site)
    assert first.returncode == 0, first.stderr
    before = _digests(site)
    assert "documents/demo-2020/index.html" in before and "zh-Hant/documents/demo-2020/index.html" in before
    plant(root, DOC, "printed: 2020-05-01", "printed: 2018-02-30")
    failed = mkdocs_build(root, site)
    assert failed.returncode != 0
    assert f"{DOC}:9:12: demo-2020.dates.printed: invalid date '2018-02-30'" in failed.stdout + failed.stderr
    assert _digests(site) == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site"]
