"""Content problems shown in the browser while ``mkdocs serve`` runs.

A build with bad content fails, and MkDocs' development server then holds every request
until a build succeeds: an editor previewing a change sees a spinning browser and the
reason only in the terminal.  Under ``serve`` the plugin instead records the problems here
and lets the build finish; this module then answers every request with one page listing
them as ``file:line:col`` (Chinese UI text, every value escaped by the template), which
reloads by itself once a rebuild succeeds and the site is served again.

The plugin starts every rebuild afresh while the server lives on, so the state shared
between builds is this module's ``SHOWN``.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import jinja2

from generator.content.yamlfile import Problem
from generator.site import livereload

_TEMPLATES = Path(__file__).parent / "templates"
log = logging.getLogger("mkdocs.plugins.crosswalk")


def page(problems: list[Problem]) -> bytes:
    """The error page: a standalone HTML document (no theme: the theme's build failed)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("serve_errors.html").render(problems=[str(p) for p in problems]).encode("utf-8")


class Shown:
    """The problems of the latest build, and the development server that shows them."""

    def __init__(self):
        self.problems: list[Problem] = []
        self._server = None
        self._site_root: str | None = None
        self._site_errors = None
        self._nothing: str | None = None   # an empty folder: every path in it is "not found"

    def attach(self, server) -> None:
        """Wrap the server's rebuild so that the site or the problems are shown after each build."""
        self._server = server
        self._site_root, self._site_errors = server.root, server.error_handler
        rebuild = server.builder

        def build() -> None:
            try:
                rebuild()
            except Exception as exc:
                # A failure that is not the content's (a template, the theme): MkDocs would
                # hold every request until a build succeeds; it is shown instead.
                log.exception("the rebuild failed; the browser shows why")
                self.problems = [Problem("mkdocs.yml", 1, 1, f"the build failed: {type(exc).__name__}: {exc}")]
            self.show()

        server.builder = build
        self.show()

    def show(self) -> None:
        server = self._server
        if server is None:
            return
        if not self.problems:
            server.root, server.error_handler = self._site_root, self._site_errors
            return
        if self._nothing is None:
            self._nothing = tempfile.mkdtemp(prefix="crosswalk-serve-")
        # MkDocs' own reload script: the page reloads once a later build (the fixed content) is done.
        body = page(self.problems)
        try:
            body = livereload.with_reload_script(server, body)
        except livereload.Unsupported as e:
            log.warning("crosswalk: the problems page will not reload by itself: %s", e)
        server.root = self._nothing
        server.error_handler = lambda code: body


SHOWN = Shown()
