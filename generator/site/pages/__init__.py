"""Pages the generator adds to the site.

Each module in this package offers ``pages(corpus) -> Iterable[Page]``; ``BUILDERS`` lists
them.  A page's body is rendered from a Jinja template (autoescaped: source text is data,
never markup) in Simplified script; the plugin converts the finished HTML to the script of
the build, so templates and Python never branch on script.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2

from generator import routes
from generator.chinese import shown as marked_if_printed
from generator.chinese import to_script
from generator.content.model import Corpus
from generator.site import prose

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


# What differs between the scripts besides the conversion, in a page rendered once for
# both (``Context.script`` None): a marker that ``for_script`` replaces after converting.
_DATA_ROOT = "__cw_data_root__"
_SCRIPT_NAME = "__cw_script_name__"
_WORKBOOK_DIR = "__cw_workbook_dir__"
PER_SCRIPT = {
    _DATA_ROOT: {"hans": "", "hant": "../"},    # only Traditional pages climb to data/
    _WORKBOOK_DIR: routes.WORKBOOK_DIRS,        # …where their workbooks are the Traditional ones
    _SCRIPT_NAME: {"hans": "简体", "hant": "繁體"},
}


def for_script(html: str, script: str) -> str:
    """A page body rendered for both scripts, converted and finished for ``script``."""
    html = to_script(html, script)
    for marker, values in PER_SCRIPT.items():
        html = html.replace(marker, values[script])
    return html


@dataclass
class Context:
    """What a template needs besides its data: links relative to the page, and the script."""

    corpus: Corpus
    script: str | None  # None: one rendering serves both scripts (converted afterwards)
    page_url: str  # the page's own URL, e.g. "documents/yuxi-2018/"
    use_directory_urls: bool = True

    def url(self, path: str) -> str:
        """Relative link from this page to a site path such as ``documents/yuxi-2018/#p1``.

        Relative links keep the site working under any sub-path (GitHub Pages project sites).
        """
        return _link(path, self.page_url, self.use_directory_urls)

    def data_url(self, name: str) -> str:
        """Relative link to ``data/<name>``, which only the Simplified build writes (at the site root).

        The Traditional pages sit one folder down (``zh-Hant/``), so their links climb one more level.
        """
        return self._per_script(_DATA_ROOT) + self.url(routes.data(name))

    def workbook_url(self, name: str) -> str:
        """Relative link to the workbook ``data/<name>`` in the page's script (``routes.workbook``)."""
        return self._per_script(_DATA_ROOT) + self.url(routes.data(self._per_script(_WORKBOOK_DIR) + name))

    @property
    def script_name(self) -> str:
        """简体 or 繁體: the script the page is shown in."""
        return self._per_script(_SCRIPT_NAME)

    def _per_script(self, marker: str) -> str:
        return marker if self.script is None else PER_SCRIPT[marker][self.script]


# Pages link to the same few pages over and over (topics, units, the document itself): a
# page with a thousand records asks for the same links thousands of times.
@lru_cache(maxsize=1 << 16)
def _link(target: str, page_url: str, use_directory_urls: bool) -> str:
    path, _, anchor = target.partition("#")
    if not use_directory_urls and (path == "" or path.endswith("/")):
        path += "index.html"
    here = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    rel = _relpath(path or ".", here or ".")
    if path.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1 << 16)
def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two site-relative paths, without its ``abspath`` (a ``getcwd``
    system call per argument): templates ask for hundreds of thousands of links, most of
    them to the same few pages from the same folder, hence the cache."""
    target = [c for c in posixpath.normpath(path).split("/") if c not in ("", ".")]
    origin = [c for c in posixpath.normpath(start).split("/") if c not in ("", ".")]
    common = 0
    for a, b in zip(target, origin):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(origin) - common) + target[common:]) or "."


@dataclass
class Page:
    path: str                      # source path, e.g. "documents/yuxi-2018.md"
    title: str
    template: str                  # file under generator/site/templates/
    # The template's values, or a function giving them: pages written into shells (see
    # ``shell_writer``) work theirs out in whichever process writes them.
    data: dict | Callable[[], dict] = field(default_factory=dict)
    toc: Callable[[], list[dict]] | None = None  # [{"level", "id", "name", "children"}]
    description: str | None = None
    # Markup for the page's <head> (a document's citation_* meta tags), the same in both scripts.
    head: Callable[[], str] | None = None


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates' environment, one per process: under ``mkdocs serve`` every rebuild
    reuses the compiled templates (Jinja still reloads a template whose file changed)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        # Source text (``chinese.Printed``) is marked wherever a template shows it, so every
        # page kind keeps it as printed in its own script and converts it only in the other.
        finalize=marked_if_printed,
    )
    env.filters["number"] = _number
    from generator.site.names import display_name  # a document's name in titles and headings
    env.globals["doc_name"] = display_name
    env.globals["routes"] = routes   # every address, built in one place
    env.filters["prose"] = prose.render
    return env


def _number(value) -> str:
    """A target value without a needless ``.0``."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def render(env: jinja2.Environment, page: Page, ctx: Context) -> str:
    data = page.data() if callable(page.data) else page.data
    return env.get_template(page.template).render(ctx=ctx, corpus=ctx.corpus, page=page, **data)


def builders() -> list[Callable[[Corpus], Iterable[Page]]]:
    # Imported here so that each feature module stays independent of the others.
    from generator.site.pages import (
        about,
        compare,
        coverage,
        documents,
        draft,
        home,
        indicators,
        lineage,
        matrices,
        pins,
        search,
        topics,
        units,
    )
    return [home.pages, documents.pages, topics.pages, compare.pages, lineage.pages, pins.pages, matrices.pages,
            units.pages, indicators.pages, search.pages, draft.pages, about.pages, coverage.pages]


def all_pages(corpus: Corpus) -> list[Page]:
    pages = [p for build in builders() for p in build(corpus)]
    seen: set[str] = set()
    for p in pages:
        if p.path in seen:
            raise ValueError(f"two generated pages at {p.path}")
        seen.add(p.path)
    return pages

