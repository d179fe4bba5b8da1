"""Hostile input, round 3: ids and names that spoof, and publishing into any site_dir.

Each test plants what an attacker or an unlucky maintainer would into the tiny fixture
project and asserts what must happen instead.  The browser's side (the 404 page, stored
pins, crafted compare links, the content security policy) is in ``test_hostile_browser``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import mkdocs_build
from generator.content.load import Paths
from generator.content.validate import check
from test_check import DOC, TOPICS, UNITS, plant

PAGE = "documents/demo-2020/index.html"


def problems(root: Path) -> set[tuple[str, int, str, str]]:
    """Every problem ``check`` finds, as (file, line, severity, message)."""
    return {(p.file, p.line, p.severity, p.message) for p in check(Paths.at(root))[1]}


def errors_of(root: Path) -> list[tuple[str, int, str]]:
    return [(f, n, m) for f, n, s, m in problems(root) if s == "error"]


# 3. Ids: the whole string, not up to a final newline ----------------------------------------

SECOND_P1_2 = """      - id: "p1-2\\n"
        kind: task
        number: (二)
        title: 居民议事
        lines: [12, 12]
"""


def test_a_record_id_with_a_trailing_newline_is_refused(make_project):
    root = make_project(site_config=False)
    plant(root, DOC, "      - id: p1-2\n", SECOND_P1_2 + "      - id: p1-2\n")
    assert (DOC, 43, "demo-2020.records[1].children[1].id: expected an id (lower-case letters, digits, '-'), "
            "got text 'p1-2\\n'") in errors_of(root)


def test_a_topic_id_with_a_trailing_newline_is_refused(make_project):
    root = make_project(site_config=False)
    plant(root, TOPICS, "  - id: consultation\n", '  - id: "facilities\\n"\n    name: 设施二\n    scope: 又一个\n'
                                                  "  - id: consultation\n")
    assert (TOPICS, 5, "topics[1].id: expected an id (lower-case letters, digits, '-'), got text 'facilities\\n'"
            ) in errors_of(root)


def test_references_with_a_trailing_newline_are_refused(make_project):
    root = make_project(site_config=False)
    plant(root, TOPICS, "{record: demo-2020/p1-1, topics: [facilities]}",
          '{record: "demo-2020/p1-1\\n", topics: ["facilities\\n"]}')
    (root / "crosswalk/indicators.yaml").write_text(
        'indicators:\n  - id: area\n    name: 面积\n    unit: 平方米/百户\n    observations:\n'
        '      - target: "demo-2020/p1-1#facility-area\\n"\n', encoding="utf-8")
    found = errors_of(root)
    assert (TOPICS, 11, "mappings[2].record: expected a record id '<doc-id>/<record-id>', "
            "got text 'demo-2020/p1-1\\n'") in found
    assert (TOPICS, 11, "mappings[2].topics[0]: expected a topic id, got text 'facilities\\n'") in found
    assert ("crosswalk/indicators.yaml", 6, "indicators[0].observations[0].target: expected a target id "
            "'<doc-id>/<record-id>#<target-id>', got text 'demo-2020/p1-1#facility-area\\n'") in found


@pytest.mark.parametrize("date", ['"2020-05-01\\n"', '"2020\\n"'])
def test_a_date_with_a_trailing_newline_is_refused(make_project, date):
    root = make_project(site_config=False)
    plant(root, DOC, "printed: 2020-05-01", f"printed: {date}")
    held = date.strip('"').replace("\\n", "\n")
    assert [m for f, n, m in errors_of(root) if (f, n) == (DOC, 9)] == [
        f"demo-2020.dates.printed: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got text {held!r}"]


# 4. Names that display as something else ------------------------------------------------------

REVERSED = "\u202e局政民市例示\u202c"   # shows as 示例市民政局; holds 局政民市例示


@pytest.mark.parametrize("file, old, new, line, where, codes", [
    (UNITS, "name: 示例市民政局", f'name: "{REVERSED}"', 6, "units[0].name", "U+202C, U+202E"),
    (DOC, "title: 关于加强社区治理的实施意见", "title: \"\u202e关于加强社区治理的实施意见\"", 2, "demo-2020.title", "U+202E"),
    (UNITS, "aliases: [市民政局]", "aliases: [市民政局, \"市\u2067民政局\"]", 10, "units[0].aliases[1]", "U+2067"),
])
def test_a_bidirectional_control_in_a_name_or_title_is_refused(make_project, file, old, new, line, where, codes):
    root = make_project(site_config=False)
    plant(root, file, old, new)
    assert (file, line, f"{where}: holds the bidirectional control {codes}, which makes the text display as "
            f"something it is not; remove it") in errors_of(root)


@pytest.mark.parametrize("char", ["\u200d", "\u200b", "\ufeff", "\u2060"])
def test_a_zero_width_character_in_a_name_is_refused(make_project, char):
    root = make_project(site_config=False)
    plant(root, UNITS, "name: 示例市财政局", f'name: "示例市{char}财政局"')
    assert (UNITS, 12, f"units[1].name: holds the zero-width character U+{ord(char):04X}, which makes the text "
            "display as something it is not; remove it") in errors_of(root)


@pytest.mark.parametrize("name, message", [
    ("民\uf9b5", "holds the CJK compatibility ideograph U+F9B5; write the unified ideograph: '民例'"),
    ("'民政 '", "begins or ends with a space; write '民政'"),
    ("\"\u3000民政\"", "begins or ends with a space; write '民政'"),
    ("民政e\u0301", "is not in Unicode NFC; write '民政\u00e9'"),
])
def test_a_lookalike_name_is_warned_about(make_project, name, message):
    root = make_project(site_config=False)
    plant(root, UNITS, "name: 民政}", f"name: {name}}}")
    found = problems(root)
    assert (UNITS, 2, "warning", f"functions[0].name: {message}") in found
    assert [p for p in found if p[2] == "error"] == []


def test_sibling_topics_may_not_share_a_name(make_project):
    root = make_project(site_config=False)
    plant(root, TOPICS, "name: 协商", "name: 设施")
    assert (TOPICS, 6, "topic consultation: name '设施' is already the name of topic facilities "
            f"(at {TOPICS}:2), under the same parent") in errors_of(root)


def test_topics_under_different_parents_may_share_a_name(make_project):
    root = make_project(site_config=False)
    plant(root, TOPICS, "    scope: 居民议事与协商\n",
          "    scope: 居民议事与协商\n  - {id: facilities-consultation, name: 设施, scope: 议事场所, parent: consultation}\n")
    assert errors_of(root) == []


# 2. Publishing into a site_dir that is not a plain folder ---------------------------------------

def _old_site(folder: Path) -> None:
    """A previous site in ``folder``: one page the new build does not write."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "stale.html").write_text("old", encoding="utf-8")


def _published(folder: Path) -> None:
    assert (folder / PAGE).is_file() and (folder / "zh-Hant" / PAGE).is_file()
    assert not (folder / "stale.html").exists()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".building" in p.name or ".old" in p.name)


def test_a_symlinked_site_dir_is_published_through(make_project):
    root = make_project()
    _old_site(root / "served")
    (root / "site").symlink_to("served")
    for _ in range(2):   # the second build used to fail with NotADirectoryError
        result = mkdocs_build(root, root / "site")
        assert result.returncode == 0, result.stderr
        assert (root / "site").is_symlink() and os.readlink(root / "site") == "served"
        _published(root / "served")
        assert _leftovers(root) == []


def test_a_site_dir_that_is_a_file_stops_the_build_before_it_starts(make_project):
    root = make_project()
    (root / "site").write_text("not a folder", encoding="utf-8")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 1
    assert f"site_dir {root / 'site'} is not a folder; nothing was built" in result.stderr
    assert "Traceback" not in result.stderr and "Building documentation" not in result.stderr
    assert (root / "site").read_text(encoding="utf-8") == "not a folder"


@pytest.fixture
def mount_point(make_project):
    """The project with a tmpfs mounted at site/, as a container volume is; skipped where
    this user may not mount."""
    root = make_project()
    (root / "site").mkdir()
    if shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(root / "site")], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield root
    finally:
        subprocess.run(["umount", str(root / "site")], check=True)


def test_a_mount_point_site_dir_is_published_into(mount_point):
    root = mount_point
    _old_site(root / "site")
    for _ in range(2):
        result = mkdocs_build(root, root / "site")   # was: OSError: [Errno 16] Device or resource busy
        assert result.returncode == 0, result.stderr
        assert os.path.ismount(root / "site")
        _published(root / "site")
        assert sorted(p.name for p in (root / "site/.publishing").iterdir()) == ["lock"]


@pytest.fixture
def undeletable(tmp_path):
    """``undeletable(path)`` makes a file the build cannot remove: immutable for root, in a
    read-only folder for anyone else; undone at the end."""
    made: list[Path] = []

    def make(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("keep", encoding="utf-8")
        if os.geteuid() == 0:
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
                pytest.skip("chattr +i is not supported here")
        else:
            path.parent.chmod(0o555)
        made.append(path)

    yield make
    if made:   # wherever the builds moved the files
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-R", "-i", str(tmp_path)], check=False)
        subprocess.run(["chmod", "-R", "u+w", str(tmp_path)], check=False)


def test_a_file_the_build_cannot_remove_does_not_fail_later_builds(make_project, undeletable):
    root = make_project()
    _old_site(root / "site")
    undeletable(root / "site/kept/undeletable.txt")
    for n in range(3):   # the second used to fail until site.old was removed by hand
        result = mkdocs_build(root, root / "site")
        assert result.returncode == 0, result.stderr
        _published(root / "site")
        assert ("the previous site could not be removed entirely" in result.stderr) == (n == 0)
        assert (root / "site.old" / "kept/undeletable.txt").is_file()
    assert _leftovers(root) == ["site.old"]   # the leftover is reused, not multiplied


def test_two_builds_into_one_site_dir_at_once_both_publish_a_whole_site(make_project):
    root = make_project()
    _old_site(root / "site")
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site")]
    builds = [subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(3)]
    outputs = [b.communicate(timeout=300) for b in builds]
    for build, (_, err) in zip(builds, outputs):
        assert build.returncode == 0 and "Traceback" not in err, err
    assert any("another build is publishing into" in err for _, err in outputs)
    _published(root / "site")
    assert _leftovers(root) == []


# 8. A source file that is missing is reported at its field ------------------------------------

def test_a_missing_source_file_is_reported_at_its_field(make_project):
    root = make_project(site_config=False)
    plant(root, DOC, "file: demo-2020-opinion.txt", "file: nothing-here.txt")
    found = [(f, n, m) for f, n, m in errors_of(root) if "nothing-here.txt" in m]
    assert [(f, n) for f, n, _ in found] == [(DOC, 11)]   # was 1:1, the top of the file
    assert found[0][2].startswith("demo-2020: source.file: ") and "No such file or directory" in found[0][2]


def test_a_fifo_named_like_content_is_refused_without_hanging(make_project):
    root = make_project(site_config=False)
    os.mkfifo(root / "content/documents/x-2020.yaml")
    start = time.monotonic()
    check = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"],
                           capture_output=True, text=True, timeout=60)   # used to wait for a writer for ever
    assert time.monotonic() - start < 60
    assert check.returncode == 1
    assert ("content/documents/x-2020.yaml:1:1: is not a regular file (a FIFO, socket or device); not read"
            in check.stdout.splitlines())


@pytest.mark.parametrize("kind", ["folder", "mount point"])
def test_a_swap_that_fails_halfway_leaves_the_previous_site(tmp_path, monkeypatch, kind):
    from generator.site import publish

    final = tmp_path / "site"
    _old_site(final)
    (final / "index.html").write_text("old home", encoding="utf-8")
    if kind == "mount point":   # as os.path.ismount answers for a container volume
        monkeypatch.setattr(publish.os.path, "ismount", lambda path: Path(path) == final)
    publisher = publish.Publisher(str(final))
    assert publisher.inside == (kind == "mount point")
    publisher.staging.mkdir()
    for name in ("index.html", "new.html", "zh-Hant"):
        (publisher.staging / name).write_text("new", encoding="utf-8")
    rename = os.rename

    def failing(src, dst):   # the new site's last entry (or the folder itself) cannot be moved in
        if Path(src) in (publisher.staging, publisher.staging / "zh-Hant"):
            raise OSError(28, "No space left on device", str(src))
        rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", failing)
    with pytest.raises(publish.PublishError, match="the previous site was left as it was"):
        publisher.swap()
    publisher.close()
    assert sorted(p.name for p in final.iterdir() if p.name != publish.INSIDE) == ["index.html", "stale.html"]
    assert (final / "index.html").read_text(encoding="utf-8") == "old home"
