"""Under ``mkdocs serve``, the page of an edited document first, then the full rebuild.

A rebuild under serve is a whole build: about 20 s at 300 documents, minutes at national
scale.  When the only inputs that changed are document files that were there before, this
module first loads those documents alone, puts them into the corpus of the last build,
renders their pages in both scripts into the last build's shells, writes them into the
served site and lets the browser reload: the editor sees the edit within a second or two.

The full build then runs as before and replaces the whole site, so what is served in the
end is a full build, byte for byte.  Until it is done, everything else that shows the
edited document (topic, unit and matrix pages, other documents' precedent panels, the
search index, the exports) is the last build's, and so is what the edited page derives
from the rest of the corpus (its precedents).  Once the build is done the browser reloads
again only if a previewed page came out different.

The plugin starts every rebuild afresh while the server lives on, so what one build leaves
for the next is this module's ``PREVIEW``.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.analysis import derived
from generator.content import load
from generator.content.model import Corpus
from generator.content.validate import errors
from generator.site import livereload, serve_topics, shell_writer, shells
from generator.site.pages.documents import document_page

log = logging.getLogger("mkdocs.plugins.crosswalk")

Stamps = dict[Path, tuple[int, int]]


def stamps(paths: load.Paths) -> Stamps:
    """Each input's modification time and size, as a build starts."""
    out = {}
    for path in paths.inputs():
        try:
            st = path.stat()
        except OSError:
            continue
        out[path] = (st.st_mtime_ns, st.st_size)
    return out


def changed_documents(paths: load.Paths, before: Stamps, now: Stamps) -> list[Path] | None:
    """The document files changed since ``before``; None when anything else changed too (a
    registry, the crosswalk, a source text) or a document came or went: those change pages
    the preview does not render."""
    if before.keys() != now.keys():
        return None
    changed = [path for path, stamp in now.items() if before[path] != stamp]
    if not all(path.parent == paths.documents and path.suffix == ".yaml" for path in changed):
        return None
    return changed


@dataclass
class Last:
    """What the last build leaves for the preview: its corpus and the inputs it read, the
    page templates, and each script's site folder and shells."""

    corpus: Corpus
    paths: load.Paths
    stamps: Stamps
    env: jinja2.Environment
    toc_item: jinja2.Template
    targets: list[shell_writer.Target]
    use_directory_urls: bool
    topics_text: str | None = None   # crosswalk/topics.yaml as the build read it (serve_topics)


class Preview:
    def __init__(self):
        self.last: Last | None = None
        self._written: dict[Path, str | None] = {}   # what the preview wrote, to compare after the build

    def remember(self, last: Last) -> None:
        self.last = last

    def attach(self, server) -> None:
        """Wrap the server's rebuild: the edited documents' pages first, then the build."""
        try:
            livereload.check(server)
        except livereload.Unsupported as e:
            log.warning("crosswalk: no preview of edited pages before the rebuild: %s", e)
            return
        rebuild = server.builder

        def build() -> None:
            try:
                self._show_first(server)
            except Exception:
                # The preview is a courtesy: whatever goes wrong, the full build still runs.
                log.exception("crosswalk: the preview of the edited page failed; rebuilding the site")
                self._written = {}
            rebuild()
            self._reload_if_changed(server)

        server.builder = build

    def _show_first(self, server) -> None:
        self._written = {}
        last, self.last = self.last, None   # the build about to run loads a corpus of its own
        if last is None:
            return
        t0 = time.perf_counter()
        now = stamps(last.paths)
        changed = changed_documents(last.paths, last.stamps, now)
        if changed:
            written, what = render(last, changed), ", ".join(p.stem for p in changed)
        elif serve_topics.changed(last.paths, last.stamps, now) and (found := serve_topics.affected(last)):
            written, what = write(last, *found), ", ".join(page.path.removesuffix(".md") for page in found[1])
        else:
            return
        if not written:
            return
        self._written = {path: _read(path) for path in written}
        livereload.show_now(server)   # the browser reloads now, not after the full build
        log.info("crosswalk: showing %s first (%.2f s); rebuilding the site", what, time.perf_counter() - t0)

    def _reload_if_changed(self, server) -> None:
        written, self._written = self._written, {}
        differ = [path for path, text in written.items() if _read(path) != text]
        if written:
            log.info("crosswalk: the full build %s the previewed pages",
                     f"changed {len(differ)} of" if differ else "kept")
        if differ:
            # Reload again; after a preview that held, the browser stays as it is.
            livereload.ask_reload(server)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:   # gone: the rebuild failed, and the browser is shown why
        return None


def render(last: Last, changed: list[Path]) -> list[Path]:
    """Write the pages of the ``changed`` document files into the last build's site;
    nothing when one of them does not load cleanly (the full build shows why)."""
    docs = {}
    for path in changed:
        doc, problems = load.document(path, last.paths)
        if doc is None or errors(problems) or doc.id not in last.corpus.documents:
            return []
        docs[doc.id] = doc
    corpus = _with(last.corpus, docs)
    return write(last, corpus, [document_page(corpus, doc) for doc in docs.values()])


def write(last: Last, corpus: Corpus, shown: list) -> list[Path]:
    """Write the pages ``shown`` of ``corpus`` into the last build's shells, in each script;
    nothing when one has no shell there."""
    jobs = []
    for page in shown:
        kind = shell_writer.kind_of(page)
        if kind is None or any(kind not in target.shells for target in last.targets):
            return []   # a shell the last build did not make (its page gained a toc)
        jobs.append((page, kind))
    shell_writer.write(corpus, last.env, last.toc_item, jobs, last.targets, last.use_directory_urls, in_parallel=False)
    return [target.root / shells.output_path(*shells.split_shelled(page.path), last.use_directory_urls)
            for page, _ in jobs for target in last.targets]


def _with(corpus: Corpus, docs: dict) -> Corpus:
    """``corpus`` with ``docs`` in place of its documents of the same ids, in the same order;
    what it derived from the rest (precedents, readings) is taken as it was."""
    new = dataclasses.replace(corpus, documents={i: docs.get(i, d) for i, d in corpus.documents.items()})
    derived.carry(corpus, new)
    return new


PREVIEW = Preview()
