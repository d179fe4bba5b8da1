"""The pages that share shells (see ``shell``): each body rendered once, written in both scripts.

A page's body is the same in both scripts until OpenCC converts it, so it is rendered from
its template once and converted twice, instead of once in each script's build.  The pages
are independent of one another: with ``fork`` (and two cores) a child process writes every
other page while this one writes the rest, and the output does not depend on the split.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import jinja2
from mkdocs.structure.toc import get_toc

from . import fork, pages, shell, timing
from .model import Corpus
from .script import to_script

log = logging.getLogger("mkdocs.plugins.crosswalk")


@dataclass
class Target:
    """Where one script's pages go, and that script's shells."""

    script: str
    root: Path
    shells: dict[shell.Kind, shell.Shell]


def kind_of(page: pages.Page) -> shell.Kind | None:
    """The shell a page can share, or None when MkDocs must render it itself."""
    where = shell.split_path(page.path)
    if where is None:
        return None
    return shell.Kind(where[0], bool(page.toc and page.toc()), bool(page.description))


Job = tuple[pages.Page, shell.Kind]


def write(corpus: Corpus, env: jinja2.Environment, toc_item: jinja2.Template, specs: Sequence[Job],
          targets: Sequence[Target], use_directory_urls: bool, parallel: bool) -> None:
    """Write ``specs`` into every target, with a forked helper when ``parallel``."""
    def share(part: Sequence[Job]) -> Callable[[], None]:
        return lambda: _write(corpus, env, toc_item, part, targets, use_directory_urls)

    if parallel and fork.available() and len(specs) > 1:
        report = Path(f"{targets[0].root}.bulk-timing.json")
        helper = fork.Child.start("shared pages (helper)", share(specs[1::2]), report)
        try:
            share(specs[::2])()
        except BaseException:
            helper.stop()
            raise
        if not helper.join():
            raise RuntimeError("the process writing half of the pages failed (see the messages above)")
    else:
        share(specs)()


def _write(corpus: Corpus, env: jinja2.Environment, toc_item: jinja2.Template, specs: Sequence[Job],
           targets: Sequence[Target], use_directory_urls: bool) -> None:
    made: set[Path] = set()
    for spec, kind in specs:
        folder, slug = shell.split_path(spec.path)
        rel = shell.output_path(folder, slug, use_directory_urls)
        url = rel[: -len("index.html")] if use_directory_urls else rel
        with timing.stage("pages"):
            body = pages.render(env, spec, pages.Context(corpus, None, url, use_directory_urls))
            tokens = spec.toc() if kind.toc else None
        for target in targets:
            with timing.stage("pages"):
                toc = None
                if tokens is not None:
                    toc = [toc_item.render(toc_item=item) for item in get_toc(convert_toc(tokens, target.script))]
                text = target.shells[kind].fill(
                    slug, to_script(spec.title, target.script),
                    to_script(spec.description, target.script) if spec.description else None,
                    pages.for_script(body, target.script),
                    toc, tokens[0]["id"] if tokens else None)
            with timing.stage("write"):
                path = target.root / rel
                if path.parent not in made:
                    os.makedirs(path.parent, exist_ok=True)
                    made.add(path.parent)
                path.write_text(text, encoding="utf-8")


def convert_toc(tokens: list[dict], script: str) -> list[dict]:
    return [{**t, "name": to_script(t["name"], script), "children": convert_toc(t["children"], script)}
            for t in tokens]
