"""Each page in the other script, for search engines: the ``hreflang`` alternates.

Every page exists in both scripts at the same path (Traditional under ``traditional_dir``).
Its alternates name both, by absolute address as hreflang requires, and ``x-default`` (the
Simplified page, for a reader whose language matches neither), in the page's head
(``theme/main.html``) and in both sitemaps (``theme/sitemap.xml``).  Only a build that knows
its published address (``site_url``) can write them; a local build writes none, and
``crosswalk verify --publishing`` refuses a site without them.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.chinese import LANG

X_DEFAULT = "hans"
HREFLANGS = (LANG["hans"], LANG["hant"], "x-default")


def root_url(site_url: str | None, traditional_dir: str, nested: bool) -> str | None:
    """The Simplified build's root address, from either build's ``site_url`` (the Traditional
    build's is one folder down); None when the build has none."""
    if not site_url:
        return None
    root = site_url.rstrip("/") + "/"
    if nested:
        root = root.removesuffix(f"{traditional_dir}/")
    return root


def links(root: str | None, traditional_dir: str, url: str) -> list[tuple[str, str]]:
    """(hreflang, absolute address) of the page at ``url`` (relative to its script's root) in
    each script, then x-default; none without a root address."""
    if root is None or url is None:
        return []
    address = {"hans": root + url, "hant": f"{root}{traditional_dir}/{url}"}
    return [(LANG["hans"], address["hans"]), (LANG["hant"], address["hant"]), ("x-default", address[X_DEFAULT])]


# What the checks read back: the tags exactly as the templates write them.
_HEAD = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">')
_SITEMAP_URL = re.compile(r"<url>(.*?)</url>", re.S)
_SITEMAP_LINK = re.compile(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]*)"\s*/>')


def _problems(found: list[tuple[str, str]]) -> list[str]:
    langs = [lang for lang, _ in found]
    problems = []
    if sorted(langs) != sorted(HREFLANGS):
        problems.append(f"hreflang alternates {langs or 'none'}, not one each of {list(HREFLANGS)}")
    relative = [href for _, href in found if not re.match(r"https?://", href)]
    if relative:
        problems.append(f"hreflang addresses not absolute: {relative}")
    return problems


def problems_in_page(html: str) -> list[str]:
    return _problems(_HEAD.findall(html))


def problems_in_sitemap(path: Path) -> list[str]:
    if not path.is_file():
        return ["missing"]
    entries = _SITEMAP_URL.findall(path.read_text(encoding="utf-8"))
    if not entries:
        return ["lists no page"]
    bad = [entry for entry in entries if _problems(_SITEMAP_LINK.findall(entry))]
    return [f"{len(bad)} of {len(entries)} entries without absolute alternates in both scripts and x-default"] if bad else []
