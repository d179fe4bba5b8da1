"""Page shells: the theme's page around a body, rendered once per kind of page and then
filled in for every page of that kind.

MkDocs and Material render about 4 ms a page, almost all of it the same header, navigation
and footer; a national corpus has tens of thousands of unit, document and jurisdiction
pages per script.  None of those pages is in the navigation, so every page in one folder
(``units/``, ``documents/`` …) gets the same theme markup except for a few values: its
title, description, URL, table of contents and body.  MkDocs renders one *exemplar* page
per folder and kind (with or without a table of contents or a description) whose values
are markers; ``Shell`` cuts it at the markers, and ``fill`` puts each page's values in.

The tests build the bundled site with and without shells and compare every page byte for
byte, so a theme change that puts a value somewhere new shows up there.
"""

from __future__ import annotations

import gzip
import html
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator import routes

if TYPE_CHECKING:
    from mkdocs.structure.toc import _TocToken

# Markers: plain ASCII that no template transforms (escaping, striptags) and no content holds.
SLUG = "cwshellslug"
TITLE = "CWSHELLTITLE"
DESCRIPTION = "CWSHELLDESCRIPTION"
HEAD = "CWSHELLHEAD"       # the page's own <head> markup (theme/main.html prints page.meta.cw_head)
# Material adds the page title as an <h1> when the body has none; ours always have one.
BODY = "<h1>CWSHELLBODY</h1>"
# Two entries, so that the whitespace the theme's loop puts between entries can be told
# from what it puts before the first and after the last.
TOC_ID, _TOC_SECOND = "cwshelltoca", "cwshelltocb"
TOC_TOKENS: list[_TocToken] = [{"level": 2, "id": TOC_ID, "name": "CWSHELLTOCA", "children": []},
              {"level": 2, "id": _TOC_SECOND, "name": "CWSHELLTOCB", "children": []}]
_TOC_SLOT = "\x00toc\x00"
_MARKERS = re.compile("|".join(re.escape(m) for m in (SLUG, TITLE, DESCRIPTION, HEAD, BODY, _TOC_SLOT, TOC_ID)))


@dataclass(frozen=True)
class Kind:
    """Pages that share a shell: same folder, and the same optional parts of the theme."""

    folder: str
    toc: bool
    description: bool
    head: bool = False

    @property
    def slug(self) -> str:
        return f"{SLUG}{'t' if self.toc else ''}{'d' if self.description else ''}{'h' if self.head else ''}"

    def exemplar_path(self) -> str:
        """Source path of the exemplar page MkDocs renders for this kind."""
        return f"{self.folder}/{self.slug}.md"


def split_shelled(path: str) -> tuple[str, str]:
    """``split_path`` of a page that has a shell (``shell_writer.kind_of`` gave it one, which
    it does only to a page whose path splits)."""
    where = split_path(path)
    if where is None:
        raise ValueError(f"{path}: no shell can serve this page")
    return where


def split_path(path: str) -> tuple[str, str] | None:
    """``("units", "u1")`` for ``units/u1.md``; None for a page a shell cannot serve (an
    index page, or one at the top of the site)."""
    folder, name = posixpath.split(path)
    if not folder or not name.endswith(".md") or name in ("index.md", "README.md"):
        return None
    return folder, name[:-3]


def output_path(folder: str, slug: str, use_directory_urls: bool) -> str:
    return routes.page_file(f"{folder}/{slug}/", use_directory_urls)


class Shell:
    """An exemplar page cut at its markers."""

    def __init__(self, page: str, kind: Kind):
        self.kind = kind
        page = page.replace(kind.slug, SLUG)
        self.toc_item: tuple[str, str, str] | None = None
        if kind.toc:
            page, self.toc_item = _cut_toc(page)
        self.parts = _MARKERS.split(page)
        self.slots = _MARKERS.findall(page)
        if BODY not in self.slots:
            raise ValueError(f"the exemplar page for {kind.folder}/ has no body marker")

    def fill(self, slug: str, title: str, description: str | None, body: str, toc: list[str] | None,
             first_anchor: str | None = None, head: str | None = None) -> str:
        """The page: ``title`` and ``description`` as the theme prints them (escaped), ``head``
        as made (markup),
        ``body`` as rendered, ``toc`` as the theme's table-of-contents items, the first of
        which is ``first_anchor`` (the theme's skip link goes there)."""
        if "<h1" not in body:
            raise ValueError(f"{self.kind.folder}/{slug}: a page body without an <h1> gets one from the theme; "
                             "it cannot share a shell")
        values = {SLUG: slug, TITLE: html.escape(title), DESCRIPTION: html.escape(description or ""),
                  HEAD: head or "", BODY: body}
        if self.toc_item is not None:
            lead, between, tail = self.toc_item
            values[_TOC_SLOT] = lead + between.join(toc or []) + tail
            values[TOC_ID] = first_anchor or ""
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:]):
            out.append(values[slot])
            out.append(part)
        return "".join(out)


def _cut_toc(page: str) -> tuple[str, tuple[str, str, str]]:
    """Replace the exemplar's table of contents (two entries, and the whitespace the theme's
    loop puts around them) with a slot; return that whitespace: before the first entry,
    between two, after the last."""
    listing = page.index('data-md-component="toc"')
    open_end = page.index(">", listing) + 1
    first = page.index(f'href="#{TOC_ID}"', listing)
    second = page.index(f'href="#{_TOC_SECOND}"', first)
    first_start, second_start = page.rindex("<li", 0, first), page.rindex("<li", 0, second)
    first_end = page.index("</li>", first) + len("</li>")
    second_end = page.index("</li>", second) + len("</li>")
    close = page.index("</ul>", second_end)
    whitespace = (page[open_end:first_start], page[first_end:second_start], page[second_end:close])
    return page[:open_end] + _TOC_SLOT + page[close:], whitespace


def take_exemplar(root: Path, kind: Kind, use_directory_urls: bool) -> Shell:
    """Read the exemplar MkDocs wrote under ``root`` and remove it from the site."""
    path = root / output_path(kind.folder, kind.slug, use_directory_urls)
    shell = Shell(path.read_text(encoding="utf-8"), kind)
    if use_directory_urls:
        shutil.rmtree(path.parent)
    else:
        path.unlink()
    return shell


def fix_sitemap(root: Path, slugs: dict[Kind, list[str]], timestamp: int) -> None:
    """Put the shell pages in the sitemap where their exemplars were (a sitemap is a set:
    the order differs from what MkDocs would have written, the entries do not).

    MkDocs lists a page only when the site has an address (``site_url``)."""
    path = root / "sitemap.xml"
    if not slugs or not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    entries = {f"{kind.folder}/{kind.slug}": kind for kind in slugs}

    def expand(match: re.Match) -> str:
        kind = entries[match.group(2)]
        return "".join(match.group(0).replace(kind.slug, slug) for slug in slugs[kind])

    # The longest slugs first, so that ``…slugtd`` is not taken for ``…slug``.
    names = "|".join(re.escape(s) for s in sorted(entries, key=len, reverse=True))
    fixed = re.sub(rf"(\s*<url>(?:(?!</url>).)*?/({names})[/.](?:(?!</url>).)*?</url>)", expand, text, flags=re.S)
    if fixed != text:
        path.write_text(fixed, encoding="utf-8")
        (root / "sitemap.xml.gz").write_bytes(gzip.compress(fixed.encode("utf-8"), mtime=timestamp))
