"""After a build: does the site hold every page the corpus calls for, in both scripts?

    crosswalk verify site/                every page of every kind the corpus calls for
    crosswalk verify site/ --publishing   also: built for its published address (site_url)

A build can come out without its generated pages and still succeed: with the ``crosswalk``
plugin left out of ``mkdocs.yml``, or under a generator that reads ``mkdocs.yml`` but does
not run the plugin (Zensical, docs/platform.md).  This check does not ask the build; it
works out from ``content/`` and ``crosswalk/`` which pages there must be (one kind per page
template: document, topic, matrix, unit …) and looks for each file.  It exits 1 naming the
kinds with pages missing and how many, so the Pages workflow stops before it uploads.

``--publishing`` also requires what only a build given ``site_url`` writes: each page's
canonical address and its absolute alternates in both scripts (``hreflang``, with
``x-default``), and the alternates in both sitemaps.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

from generator import routes
from generator.content.load import Paths
from generator.content.validate import check, errors
from generator.site import alternates
from generator.site.pages import Page, all_pages
from generator.site.plugin import CrosswalkConfig

TRADITIONAL_DIR = CrosswalkConfig.traditional_dir.default   # as mkdocs.yml leaves it
_CANONICAL = re.compile(r'<link rel="canonical" href="(?P<href>https?://[^"]+)"')


def kind(page: Page) -> str:
    """A page's kind: the template it is rendered from (``document``, ``topic_region`` …)."""
    return page.template.removesuffix(".html")


def built_file(page: Page) -> str:
    """Where the page lands in the site."""
    return routes.page_file(routes.address_of(page.path))


def roots(site: Path) -> dict[str, Path]:
    return {"hans": site, "hant": site / TRADITIONAL_DIR}


def missing_pages(site: Path, pages: list[Page]) -> dict[str, dict[str, int]]:
    """Per kind with a page missing, per script: how many of its pages are missing."""
    gone: dict[str, dict[str, int]] = defaultdict(dict)
    for script, root in roots(site).items():
        for page in pages:
            if not (root / built_file(page)).is_file():
                gone[kind(page)][script] = gone[kind(page)].get(script, 0) + 1
    return dict(gone)


def publishing_problems(site: Path, pages: list[Page]) -> list[str]:
    """What a build without ``site_url`` lacks, checked on the first page of each kind."""
    problems = []
    firsts: dict[str, Page] = {}
    for page in pages:
        firsts.setdefault(kind(page), page)
    for _, page in sorted(firsts.items()):
        for root in roots(site).values():
            file = root / built_file(page)
            html = file.read_text(encoding="utf-8")
            if not _CANONICAL.search(html):
                problems.append(f"{file.relative_to(site)}: no absolute canonical address: the site was built "
                                f"without site_url (SITE_URL=https://<owner>.github.io/<repository>/ mkdocs build)")
                continue
            problems += [f"{file.relative_to(site)}: {p}" for p in alternates.problems_in_page(html)]
    for root in roots(site).values():
        sitemap = root / "sitemap.xml"
        problems += [f"{sitemap.relative_to(site)}: {p}" for p in alternates.problems_in_sitemap(sitemap)]
    return problems


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crosswalk verify", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site (site/)")
    parser.add_argument("--publishing", action="store_true",
                        help="also require what a build for publishing has: site_url, absolute alternates")
    args = parser.parse_args(argv)
    corpus, problems = check(Paths.at(root or Path.cwd()))
    if errors(problems):
        print("crosswalk verify: the content has problems (crosswalk check lists them)", file=sys.stderr)
        return 1
    pages = all_pages(corpus)
    per_kind: dict[str, int] = defaultdict(int)
    for page in pages:
        per_kind[kind(page)] += 1
    gone = missing_pages(args.site, pages)
    if gone:
        lines = [f"  {name}: " + ", ".join(f"{n} of {per_kind[name]} {script}" for script, n in sorted(scripts.items()))
                 for name, scripts in sorted(gone.items())]
        print(f"crosswalk verify: {args.site} is missing pages of {len(gone)} of the {len(per_kind)} page kinds "
              f"the corpus calls for: {', '.join(sorted(gone))}\n(pages missing, per script)\n" + "\n".join(lines),
              file=sys.stderr)
        return 1
    if args.publishing:
        found = publishing_problems(args.site, pages)
        if found:
            print(f"crosswalk verify: {args.site} is not fit to publish:\n" + "\n".join(f"  {p}" for p in found),
                  file=sys.stderr)
            return 1
    print(f"ok: {len(pages)} pages of {len(per_kind)} kinds in both scripts"
          + (", with their published addresses" if args.publishing else ""), file=sys.stderr)
    return 0
