"""``mkdocs serve`` shows an edited document's page before the full rebuild, and the full
rebuild then serves the same page (``generator.site.serve_preview``)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.bench import synth
from generator.bench.build import fetch, poll, serving
from generator.content.load import Paths
from generator.site import serve_preview, serve_topics

ROOT = Path(__file__).resolve().parent.parent
DOC = "yuxi-2018"
MARK = "预览标记"
TAGGED, NEW_TOPIC = f"{DOC}/p1-1", "overall-goals"   # a record, and a topic it has not


def _until(check, what: str, limit_s: float = 240.0) -> None:
    if poll(check, limit_s) is None:
        pytest.fail(f"waited {limit_s:.0f} s for {what}")


def _rebuilds(log: str) -> int | None:
    """How many rebuilds ``mkdocs serve`` has finished, or None while one is under way (it
    logs "Detected file changes" as one starts and "Reloading browsers", or an error, as it ends)."""
    ended = log.count("Reloading browsers") + log.count("An error happened during the rebuild")
    return ended if log.count("Detected file changes") == ended else None


def _save(path: Path, text: str, spare: Path) -> None:
    """``text`` saved to ``path`` as many editors save: written to ``spare`` (outside the watched
    folders) and renamed over it, so the watcher sees one event. A write in place is a truncation
    and a write, which a loaded machine can deliver either side of the server's wait for quiet,
    as two rebuilds; the second would then overlap the test's next edit."""
    spare.write_text(text, encoding="utf-8")
    os.replace(spare, path)


def _without_reload_script(page: str) -> str:
    """The page as built: MkDocs adds its reload script, with the build's epoch, before </body>."""
    return re.sub(r"<script>[^<]*livereload[^<]*</script>", "", page)


@pytest.fixture
def project(tmp_path) -> Path:
    for name in ("content", "crosswalk"):
        shutil.copytree(ROOT / name, tmp_path / name)
    synth.scaffold(tmp_path)
    return tmp_path


def test_an_edited_title_shows_before_the_rebuild_and_the_rebuild_keeps_the_page(project):
    log_path = project / "serve.log"

    def log_text() -> str:
        return log_path.read_text(encoding="utf-8")

    def edit(path: Path, change: Callable[[str], str]) -> int:
        """``path``'s text changed by ``change`` once the server is idle (a rebuild under way
        could read the edit, leaving the next one nothing to show first); the count of rebuilds
        finished before it."""
        _until(lambda: _rebuilds(log_text()) is not None, "the server to finish its rebuild")
        done = _rebuilds(log_text())
        assert done is not None
        text = path.read_text(encoding="utf-8")
        assert change(text) != text, path
        _save(path, change(text), project / f".{path.name}.saving")
        return done

    def rebuilt(done: int, what: str) -> None:
        """Waits for the rebuild an edit started (``done``: the count before it) to end."""
        _until(lambda: (now := _rebuilds(log_text())) is not None and now > done, what)

    with serving(project, log_path) as url:
        page, hant_page = f"{url}documents/{DOC}/", f"{url}zh-Hant/documents/{DOC}/"
        _until(lambda: fetch(page), "the first build")   # served once the watcher is in place
        yaml = project / "content" / "documents" / f"{DOC}.yaml"
        title = re.search(r"^title: (.+)$", yaml.read_text(encoding="utf-8"), re.M).group(1)
        done = edit(yaml, lambda text: text.replace(f"title: {title}\n", f"title: {title}{MARK}\n", 1))

        # The preview writes its pages, then logs them: the page can show the edit first.
        _until(lambda: MARK in (fetch(page) or "") and "showing" in log_text(), "the edited title")
        preview, hant = fetch(page), fetch(hant_page)
        assert MARK in preview and "預覽標記" in hant
        assert "showing yuxi-2018 first" in log_text()
        rebuilt(done, "the full build")
        assert "the full build kept the previewed pages" in log_text()
        built, hant_built = fetch(page), fetch(hant_page)
        assert _without_reload_script(built) == _without_reload_script(preview)
        assert _without_reload_script(hant_built) == _without_reload_script(hant)
        # The rebuild's Traditional pages are in Traditional to the footer (the theme's
        # compiled templates are kept per script: a shared cache gave them Simplified).
        assert "數據許可見" in hant_built and "数据许可见" not in hant_built

        # A file the preview does not render (the crosswalk) waits for the full build.
        builds = log_text().count("the full build")
        topics = project / "crosswalk" / "topics.yaml"
        done = edit(topics, lambda text: text + "\n")
        rebuilt(done, "the second rebuild")
        assert log_text().count("Reloading browsers") >= 2
        assert log_text().count("showing") == 1 and log_text().count("the full build") == builds

        # Tagging a record shows first on its document page and on its new topic's page, in
        # both scripts (``serve_topics``); then the full build, which keeps them.
        topic_page, hant_topic = f"{url}topics/{NEW_TOPIC}/", f"{url}zh-Hant/topics/{NEW_TOPIC}/"
        anchor = f'documents/{DOC}/#{TAGGED.split("/")[1]}"'
        assert anchor not in fetch(topic_page)
        links = fetch(page).count(f'topics/{NEW_TOPIC}/"')
        done = edit(topics, lambda text: text.replace(
            f"{{record: {TAGGED}, topics: [guiding-principles]}}",
            f"{{record: {TAGGED}, topics: [guiding-principles, {NEW_TOPIC}]}}", 1))
        _until(lambda: anchor in (fetch(topic_page) or "") and log_text().count("showing") == 2,
               "the tagged record on its topic's page")
        shown = log_text().split("showing ")[-1].split(" first")[0].split(", ")
        assert {f"documents/{DOC}", f"topics/{NEW_TOPIC}", "topics/general-requirements"} <= set(shown), shown
        assert fetch(page).count(f'topics/{NEW_TOPIC}/"') == links + 1
        assert anchor in fetch(hant_topic) and fetch(hant_page).count(f'topics/{NEW_TOPIC}/"') == links + 1
        preview = {u: fetch(u) for u in (page, hant_page, topic_page, hant_topic)}
        rebuilt(done, "the full build after the topics edit")
        assert log_text().count("the full build") > builds
        assert "the full build kept the previewed pages" in log_text().split(f"topics/{NEW_TOPIC}")[-1]
        assert all(_without_reload_script(fetch(u)) == _without_reload_script(p) for u, p in preview.items())
        assert "Traceback" not in log_text()


def test_only_document_files_that_were_there_before_are_previewed(tmp_path):
    paths = Paths.at(tmp_path)
    doc, other = paths.documents / "a.yaml", paths.crosswalk / "topics.yaml"
    before = {doc: (1, 10), other: (1, 5)}
    assert serve_preview.changed_documents(paths, before, {doc: (2, 11), other: (1, 5)}) == [doc]
    assert serve_preview.changed_documents(paths, before, before) == []
    assert serve_preview.changed_documents(paths, before, {doc: (2, 11), other: (2, 5)}) is None
    assert serve_preview.changed_documents(paths, before, {doc: (1, 10)}) is None   # one went
    new = paths.documents / "b.yaml"
    assert serve_preview.changed_documents(paths, before, {**before, new: (1, 1)}) is None


def test_only_a_topics_file_changed_alone_is_previewed_as_a_topics_edit(tmp_path):
    paths = Paths.at(tmp_path)
    doc, topics = paths.documents / "a.yaml", paths.crosswalk / "topics.yaml"
    before = {doc: (1, 10), topics: (1, 5)}
    assert serve_topics.changed(paths, before, {doc: (1, 10), topics: (2, 6)})
    assert not serve_topics.changed(paths, before, before)
    assert not serve_topics.changed(paths, before, {doc: (2, 11), topics: (2, 6)})
    assert not serve_topics.changed(paths, before, {topics: (2, 6)})   # a document went


TOPICS_FILE = """topics:
  - {id: a, name: 甲, scope: 甲}
mappings:
  # d — one document
  - {record: d/p1, topics: [a]}
  - {record: d/p2, unmapped: 标题}
  - record: d/p3
    topics:
    - a
relations: []
"""


@pytest.mark.parametrize("old, new, entries", [
    ("- {record: d/p1, topics: [a]}", "- {record: d/p1, topics: [a, b]}",
     ({"d/p1": (["a"], None)}, {"d/p1": (["a", "b"], None)})),
    ("- {record: d/p2, unmapped: 标题}", "- {record: d/p2, topics: [b]}",
     ({"d/p2": ([], "标题")}, {"d/p2": (["b"], None)})),
    ("    topics:\n    - a\n", "    topics:\n    - b\n    - a\n",         # block style, as the synthetic corpus writes it
     ({"d/p3": (["a"], None)}, {"d/p3": (["b", "a"], None)})),
    ("topics:\n  - {id: a, name: 甲", "topics:\n  - {id: a, name: 乙", None),   # the taxonomy: the full build
    ("relations: []", "relations: [{source: d/p1}]", None),
    ("甲}\nmappings:\n  # d — one document\n  - {record: d/p1, topics: [a]}",   # a topic renamed and a record tagged
     "乙}\nmappings:\n  # d — one document\n  - {record: d/p1, topics: [a, b]}", None),
    ("  # d — one document", "  # d — a comment", None),                     # nothing to show first
    ("- {record: d/p1, topics: [a]}", "- {record: d/p1, topics: [a}", None),  # broken: the full build says why
])
def test_a_topics_edit_is_read_from_the_entries_it_touched(old, new, entries):
    assert TOPICS_FILE.count(old) == 1
    assert serve_topics.edited_entries(TOPICS_FILE, TOPICS_FILE.replace(old, new)) == entries


def test_a_retagged_coverage_is_the_coverage_made_afresh():
    import dataclasses

    from generator.analysis import topic_coverage
    from generator.content.validate import check

    corpus, _ = check(Paths.at(ROOT))
    before = topic_coverage.coverage(corpus)
    mappings = dict(corpus.mappings)
    mappings[TAGGED] = [*mappings[TAGGED], NEW_TOPIC]          # tagged anew
    pending = next(uid for uid in corpus.unmapped if uid.startswith("miyi-2021/"))
    unmapped = {uid: r for uid, r in corpus.unmapped.items() if uid != pending}   # a heading no longer judged
    tagged = dataclasses.replace(corpus, mappings=mappings, unmapped=unmapped)
    afresh = topic_coverage.coverage(tagged)
    patched = topic_coverage.retagged(before, tagged, {"yuxi", "miyi"})
    assert patched.cells != before.cells and [c.pending for c in patched.columns] != [c.pending for c in before.columns]
    assert {k: [r.uid for r in v] for k, v in patched.cells.items()} == {k: [r.uid for r in v] for k, v in afresh.cells.items()}
    assert [(c.jurisdiction.id, c.pending, c.records) for c in patched.columns] == \
           [(c.jurisdiction.id, c.pending, c.records) for c in afresh.columns]
