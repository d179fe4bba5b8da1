"""``crosswalk footprint``: what a built site weighs per page kind and script, and the check
the Pages workflow runs before it uploads."""

from __future__ import annotations

import subprocess
import sys

import yaml

from conftest import ROOT
from generator.site import footprint


def _site(tmp_path):
    site = tmp_path / "site"
    for rel, size in {"index.html": 10, "documents/a/index.html": 300, "documents/b/index.html": 200,
                      "zh-Hant/documents/a/index.html": 310, "search-index/b/0.bin": 50,
                      "data/provisions.json": 1000}.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    return site


def test_parts_are_counted_per_kind_and_script(tmp_path):
    fp = footprint.measure(_site(tmp_path))
    got = {key: (p.files, p.bytes) for key, p in fp.parts.items() if p.files}
    assert got == {("(root)", "hans"): (1, 10), ("documents", "hans"): (2, 500), ("documents", "hant"): (1, 310),
                   ("search-index", "both"): (1, 50), ("data", "both"): (1, 1000)}
    assert (fp.files, fp.bytes) == (6, 1870)
    assert fp.of_kind("documents") == (3, 810)


def test_the_check_fails_with_the_largest_parts_named(tmp_path):
    site = _site(tmp_path)
    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator", "footprint", str(site), *extra],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    ok = run("--check")
    assert ok.returncode == 0, ok.stderr
    assert "documents" in ok.stdout and "whole site" in ok.stdout
    over = run("--check", "--max-mb", "0.001")
    assert over.returncode == 1
    assert "MB a GitHub Pages site may hold" in over.stderr
    assert "data/ (both)" in over.stderr   # the largest part first
    too_many = run("--check", "--max-files", "5")
    assert too_many.returncode == 1 and "6 files, over the budget of 5" in too_many.stderr


def test_the_pages_workflow_checks_before_it_uploads():
    steps = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    runs = [s.get("run", "") + s.get("uses", "") for s in steps]
    check = next(i for i, r in enumerate(runs) if "crosswalk footprint site --check" in r)
    upload = next(i for i, r in enumerate(runs) if "upload-pages-artifact" in r)
    assert runs.index(next(r for r in runs if "mkdocs build" in r)) < check < upload


def test_the_largest_pages_are_the_heaviest_html_files_heaviest_first(tmp_path):
    site = _site(tmp_path)
    # Thirteen more pages of 20 to 32 bytes, and a file heavier than any page that is not one.
    for i in range(13):
        (site / f"topics/t{i}").mkdir(parents=True)
        (site / f"topics/t{i}/index.html").write_bytes(b"x" * (20 + i))
    (site / "data/big.json").write_bytes(b"x" * 5000)
    fp = footprint.measure(site)
    assert footprint.LARGEST == 10
    assert fp.pages == [(310, "zh-Hant/documents/a/index.html"), (300, "documents/a/index.html"),
                        (200, "documents/b/index.html")] + [(20 + i, f"topics/t{i}/index.html") for i in range(12, 5, -1)]
    assert "   0.3 KB  zh-Hant/documents/a/index.html" in footprint.largest_pages(fp)


def test_the_budget_table_judges_each_kind_and_page(tmp_path):
    site = _site(tmp_path)
    (site / "zh-Hant/index.html").write_bytes(b"x" * 40)   # the larger copy of the home page counts
    fp = footprint.measure(site)
    pages = footprint.page_bytes(fp, site)
    assert pages == {"index.html": 40, "documents/index.html": 0, "compare/index.html": 0}
    row = {line.split()[0]: line.split()[1:] for line in footprint.budget_table(fp, 1, pages).splitlines()}
    # documents: 810 bytes (both scripts) for one record; data: 1,000; both under budget.
    assert row["documents"] == ["0.0", "810", f"{footprint.BYTES_PER_RECORD['documents']:,}", "ok"]
    assert row["data"] == ["0.0", "1000", f"{footprint.BYTES_PER_RECORD['data']:,}", "ok"]
    # 5 files of the budgeted kinds (documents 3, data 1, search-index 1) for one record: over.
    assert row["files"] == ["of", "those", "kinds", "5", "5.000", str(footprint.FILES_PER_RECORD), "OVER"]
    assert row["index.html"][-1] == "ok" and row["largest"][-1] == "ok"
    over = footprint.budget_table(fp, 1, {"index.html": footprint.PAGE_LIMITS["index.html"] + 1,
                                          "documents/index.html": 0, "compare/index.html": 0})
    assert {line.split()[0]: line.split()[-1] for line in over.splitlines()}["index.html"] == "OVER"
