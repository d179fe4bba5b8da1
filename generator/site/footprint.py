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


@dataclass
class Part:
    kind: str
    script: str   # hans, hant or both
    files: int = 0
    bytes: int = 0


@dataclass
class Footprint:
    parts: dict[tuple[str, str], Part] = field(default_factory=dict)

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
            part.files += 1
            part.bytes += os.stat(os.path.join(folder, name)).st_size
    return out


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
