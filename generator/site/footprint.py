"""What a built site weighs: bytes and files per page kind and script, and whether it still
fits GitHub Pages.

    crosswalk footprint site/                       the table
    crosswalk footprint site/ --check               also exit 1, saying why, when over a limit

A page kind is the site's top-level folder (``documents``, ``units``, ``search-index`` …;
files at the root are ``(root)``); the Traditional pages are the same kinds under
``traditional_dir``.  ``search-index/`` and ``data/`` are written once and serve both
scripts.  The Pages workflow runs ``--check`` before it uploads, so an oversized site fails
there with the table, not later at deployment.
"""

from __future__ import annotations

import argparse
import heapq
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator import routes
from generator.search.index_format import DIR as SEARCH_DIR

# GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB."
PAGES_LIMIT_BYTES = 1_000_000_000
# The project's own budget (issue of national scale): a site a Pages deployment copies in time.
FILES_LIMIT = 60_000
SHARED = (SEARCH_DIR, routes.DATA_DIR)   # written once at the root, read by both scripts
BOTH = "both"

# The budgets at national scale (issue 30): at 3,000 documents, about 100,000 records (``crosswalk
# bench --documents 3000``), the site stays within 600 MB and 50,000 files, well inside Pages.
TARGET_RECORDS = 100_000
TARGET_BYTES = 600_000_000
TARGET_FILES = 50_000
# Bytes per record, both scripts together, of each page kind that grows with the corpus (the
# folder under the site's root and under the Traditional one); each just above what a 300-document
# corpus measures (tests/test_page_budget.py).  Together, at TARGET_RECORDS, with the kinds that
# do not grow (assets, about pages, the search page), they stay under a Pages site's 1 GB; they
# are not yet down to TARGET_BYTES.
BYTES_PER_RECORD = {
    # Every record once, with its units and targets; its citations and its precedents' links
    # are read from its document's data file, not carried on the page.
    "documents": 3_800,
    "topics": 200,            # a topic compares regions in one row each
    "units": 330,             # index, functions, functions × topics; no page per unit at this scale
    "jurisdictions": 1_440,   # each jurisdiction's units and clauses; each region's clauses by topic, linked
    "compare": 5,             # the regions and topics only; documents, clauses and relations are read from their pages
    "matrices": 965,          # a cell is its mark alone
    "indicators": 95,         # an indicator compares regions in one row each
    "lineage": 120,           # the nation and provinces, and a page for each region
    # each document's records (with citations and precedents' links), the whole corpus gzipped, workbooks in both
    # scripts; a link's 相近度 (coverage, six decimals) added about 6 B: 1,503 measured at 3,000 documents
    "data": 1_520,
    "search-index": 680,      # hits gzipped six to a file, posting lists, facets (one index for both scripts)
}
# Files per record of those page kinds together (two scripts; data/ and search-index/ once).
# Posting buckets of 2 KB (so that a whole drafted page fetches under 1.5 MB at national scale)
# and hits six to a file: 0.516 measured at 300 documents.
FILES_PER_RECORD = 0.52
# Single pages that must not grow with the corpus: HTML bytes of one script's copy.
PAGE_LIMITS = {"index.html": 100_000, "documents/index.html": 300_000, "compare/index.html": 100_000}
MAX_PAGE_BYTES = 1_000_000
LARGEST = 10   # how many of the heaviest pages a footprint keeps


@dataclass
class Part:
    kind: str
    script: str   # hans, hant or both
    files: int = 0
    bytes: int = 0


@dataclass
class Footprint:
    parts: dict[tuple[str, str], Part] = field(default_factory=dict)
    pages: list[tuple[int, str]] = field(default_factory=list)   # the LARGEST heaviest HTML files: (bytes, path)

    @property
    def files(self) -> int:
        return sum(p.files for p in self.parts.values())

    @property
    def bytes(self) -> int:
        return sum(p.bytes for p in self.parts.values())

    def largest(self) -> list[Part]:
        return sorted(self.parts.values(), key=lambda p: (-p.bytes, p.kind, p.script))

    def of_kind(self, kind: str) -> tuple[int, int]:
        """(files, bytes) of one kind, both scripts together."""
        parts = [p for p in self.parts.values() if p.kind == kind]
        return sum(p.files for p in parts), sum(p.bytes for p in parts)


def measure(site: Path, traditional_dir: str = "zh-Hant") -> Footprint:
    out = Footprint()
    for folder, _, names in os.walk(site):
        rel = Path(folder).relative_to(site).parts
        script = "hans"
        if rel and rel[0] == traditional_dir:
            script, rel = "hant", rel[1:]
        kind = rel[0] if rel else "(root)"
        if kind in SHARED and script == "hans":
            script = BOTH
        part = out.parts.setdefault((kind, script), Part(kind, script))
        for name in names:
            size = os.stat(os.path.join(folder, name)).st_size
            part.files += 1
            part.bytes += size
            if name.endswith(".html"):
                page = (size, Path(folder, name).relative_to(site).as_posix())
                (heapq.heappush if len(out.pages) < LARGEST else heapq.heappushpop)(out.pages, page)
    out.pages.sort(reverse=True)
    return out


def page_bytes(fp: Footprint, site: Path) -> dict[str, int]:
    """The bytes of each page PAGE_LIMITS bounds, in the larger of its two scripts' copies."""
    return {path: max((f.stat().st_size for f in (site / path, site / "zh-Hant" / path) if f.is_file()), default=0)
            for path in PAGE_LIMITS}


def budget_table(fp: Footprint, records: int, pages: dict[str, int]) -> str:
    """Each growing page kind's bytes a record against its budget, the files a record, and the
    single pages against theirs: what ``crosswalk bench`` prints and the budget test asserts."""
    lines = [f"{'budget':24}{'MB':>10}{'B/record':>10}{'budget':>9}  "]

    def mark(ok: bool) -> str:
        return "ok" if ok else "OVER"

    files = 0
    for kind, budget in BYTES_PER_RECORD.items():
        n, size = fp.of_kind(kind)
        files += n
        per = size / max(records, 1)
        lines.append(f"{kind:24}{size / 1e6:>10.1f}{per:>10.0f}{budget:>9,}  {mark(per <= budget)}")
    per = files / max(records, 1)
    lines.append(f"{'files of those kinds':24}{files:>10,}{per:>10.3f}{FILES_PER_RECORD:>9}  {mark(per <= FILES_PER_RECORD)}")
    for path, size in pages.items():
        lines.append(f"{path:24}{size / 1e3:>9.1f}K{'':>10}{PAGE_LIMITS[path] / 1e3:>8.0f}K  {mark(size <= PAGE_LIMITS[path])}")
    heaviest = fp.pages[0][0] if fp.pages else 0
    lines.append(f"{'largest page':24}{heaviest / 1e3:>9.1f}K{'':>10}{MAX_PAGE_BYTES / 1e3:>8.0f}K  "
                 f"{mark(heaviest <= MAX_PAGE_BYTES)}")
    return "\n".join(lines)


def largest_pages(fp: Footprint) -> str:
    return "\n".join(f"{size / 1e3:>10.1f} KB  {path}" for size, path in fp.pages)


def table(fp: Footprint) -> str:
    total_b, total_f = fp.bytes or 1, fp.files or 1
    lines = [f"{'kind':24}{'script':>7}{'MB':>10}{'share':>8}{'files':>9}{'share':>8}"]
    for p in fp.largest():
        lines.append(f"{p.kind:24}{p.script:>7}{p.bytes / 1e6:>10.1f}{p.bytes / total_b:>8.1%}"
                     f"{p.files:>9,}{p.files / total_f:>8.1%}")
    lines.append(f"{'whole site':24}{'':>7}{fp.bytes / 1e6:>10.1f}{'':>8}{fp.files:>9,}")
    return "\n".join(lines)


def problems(fp: Footprint, max_bytes: int = PAGES_LIMIT_BYTES, max_files: int = FILES_LIMIT) -> list[str]:
    top = ", ".join(f"{p.kind}/ ({p.script}) {p.bytes / 1e6:,.0f} MB in {p.files:,} files" for p in fp.largest()[:3])
    out = []
    if fp.bytes > max_bytes:
        out.append(f"the site is {fp.bytes / 1e6:,.0f} MB, over the {max_bytes / 1e6:,.0f} MB a GitHub Pages "
                   f"site may hold; the largest parts: {top}")
    if fp.files > max_files:
        out.append(f"the site has {fp.files:,} files, over the budget of {max_files:,}; the largest parts: {top}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crosswalk footprint", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--traditional-dir", default="zh-Hant", help="the plugin's traditional_dir (default zh-Hant)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the site is over a limit")
    parser.add_argument("--max-mb", type=float, default=PAGES_LIMIT_BYTES / 1e6, help="size limit in MB (default 1000)")
    parser.add_argument("--max-files", type=int, default=FILES_LIMIT, help=f"file limit (default {FILES_LIMIT:,})")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        parser.error(f"{args.site} is not a folder (build the site first: mkdocs build)")
    fp = measure(args.site, args.traditional_dir)
    print(table(fp))
    found = problems(fp, int(args.max_mb * 1e6), args.max_files) if args.check else []
    for problem in found:
        print(f"error: {problem}; nothing was uploaded", file=sys.stderr)
    return 1 if found else 0
