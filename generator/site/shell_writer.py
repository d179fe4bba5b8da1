"""The pages that share shells (see ``shells``): each body rendered once, written in both scripts.

A page's body is the same in both scripts until OpenCC converts it, so it is rendered from
its template once and converted twice, instead of once in each script's build.  The pages
are independent of one another: with ``fork`` (and two cores) a helper process and this
one take them a few at a time from a shared queue, and the output does not depend on who
wrote which.  Other work that needs only the corpus is shared out too: ``helper_first``
(the data exports and the search index) runs in the helper before it starts on the pages.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.structure.toc import get_toc

from generator.chinese import to_script
from generator.content.model import Corpus
from generator.site import pages, parallel, shells
from generator.site.compact import compact

if TYPE_CHECKING:
    from mkdocs.structure.toc import _TocToken


@dataclass
class Target:
    """Where one script's pages go, and that script's shells."""

    script: str
    root: Path
    shells: dict[shells.Kind, shells.Shell]


def kind_of(page: pages.Page) -> shells.Kind | None:
    """The shell a page can share, or None when MkDocs must render it itself."""
    where = shells.split_path(page.path)
    if where is None:
        return None
    return shells.Kind(where[0], bool(page.toc and page.toc()), bool(page.description), page.head is not None)


Job = tuple[pages.Page, shells.Kind]


def write(corpus: Corpus, env: jinja2.Environment, toc_item: jinja2.Template, specs: Sequence[Job],
          targets: Sequence[Target], use_directory_urls: bool, in_parallel: bool,
          helper_first: Callable[[], None] = lambda: None) -> None:
    """Write ``specs`` into every target, with a forked helper when ``in_parallel``."""
    def share(part: Sequence[Job]) -> None:
        _write(corpus, env, toc_item, part, targets, use_directory_urls)

    if in_parallel and parallel.available() and len(specs) > 1:
        queue = parallel.Chunks(len(specs))

        def take_pages() -> None:
            queue.drain(lambda part: share(specs[part]))

        def helper_work() -> None:
            helper_first()
            take_pages()

        helper = parallel.Child.start("helper", helper_work)
        try:
            take_pages()
        except BaseException:
            helper.stop()
            raise
        if not helper.join():
            raise RuntimeError("the helper process (pages, data exports and search index) failed "
                               "(see the messages above)")
    else:
        helper_first()
        share(specs)


def _write(corpus: Corpus, env: jinja2.Environment, toc_item: jinja2.Template, specs: Sequence[Job],
           targets: Sequence[Target], use_directory_urls: bool) -> None:
    made: set[Path] = set()
    tocs: dict[tuple, list[str]] = {}   # pages that share a toc function share its rendering
    for spec, kind in specs:
        folder, slug = shells.split_shelled(spec.path)
        rel = shells.output_path(folder, slug, use_directory_urls)
        url = rel[: -len("index.html")] if use_directory_urls else rel
        body = pages.render(env, spec, pages.Context(corpus, None, url, use_directory_urls))
        tokens = spec.toc() if kind.toc and spec.toc else None

        head = spec.head() if spec.head else None
        for target in targets:
            toc = _toc(toc_item, spec, tokens, target.script, tocs) if tokens is not None else None
            text = target.shells[kind].fill(
                slug, to_script(spec.title, target.script),
                to_script(spec.description, target.script) if spec.description else None,
                pages.for_script(body, target.script),
                toc, tokens[0]["id"] if tokens else None, head)
            _put(target.root / rel, text, made)


def _toc(toc_item: jinja2.Template, spec: pages.Page, tokens: list[dict], script: str,
         rendered: dict[tuple, list[str]]) -> list[str]:
    key = (spec.toc, script)
    toc = rendered.get(key)
    if toc is None:
        toc = [toc_item.render(toc_item=item) for item in get_toc(convert_toc(tokens, script))]
        if len(rendered) > 64:  # most pages have a toc of their own: keep only a few
            rendered.clear()
        rendered[key] = toc
    return toc


def _put(path: Path, text: str, made: set[Path]) -> None:
    if path.parent not in made:
        os.makedirs(path.parent, exist_ok=True)
        made.add(path.parent)
    path.write_text(compact(text), encoding="utf-8")


def convert_toc(tokens: Sequence[Mapping[str, Any]], script: str) -> list[_TocToken]:
    """A page's toc (``pages.Page.toc``) as MkDocs' tokens, its names in ``script``."""
    return [{"level": t["level"], "id": t["id"], "name": to_script(t["name"], script),
             "children": convert_toc(t["children"], script)} for t in tokens]

