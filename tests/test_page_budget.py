"""Bytes and files per record, per page kind, at national scale (issue #18).

A synthetic corpus of 300 documents (about 10,000 records; generator/bench/synth.py, seeded)
is built once for this module, and each page kind's bytes and files in both scripts are
divided by the corpus's records.  A change that makes a page kind grow faster than the corpus
fails here rather than at the deploy (GitHub Pages: 1 GB a site; the project's target at
3,000 documents: 1 GB and 60,000 files, so about a tenth of that at 300 documents).

The budgets are the measured figures with some headroom; ``pytest -s`` prints the figures.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import mkdocs_build

DOCUMENTS = 300
SEED = 1

# Bytes per record, both scripts together, for each page kind: the folder (under the site's
# root and under zh-Hant/) that holds it.
BYTES_PER_RECORD = {
    # Every record once, with its units, targets and precedents as links; its citations are
    # read from its document's data file, not carried on the page.
    "documents": 4_700,
    "topics": 300,            # a topic compares regions in one row each
    "units": 680,             # index, functions, functions × topics; no page per unit at this scale
    "jurisdictions": 1_600,   # each jurisdiction's units and clauses; each region's clauses by topic, linked
    "compare": 60,            # the records relations name; the chosen pair's are read from their pages
    "matrices": 1_100,        # a cell is its mark alone
    "indicators": 150,        # an indicator compares regions in one row each
    "data": 1_800,            # each document's records (with citations) and the whole corpus, gzipped
    "search-index": 800,      # hits gzipped four to a file, posting lists, facets (one index for both scripts)
}
# Files per record for those page kinds together (two scripts; data/ and search-index/ once):
# documents, matrices, jurisdictions, the data files and the hit packs grow with the corpus,
# the rest stay put.
FILES_PER_RECORD = 0.6


@dataclass
class Measured:
    site: Path
    records: int
    bytes: dict[str, int]
    files: dict[str, int]


def _folder(site: Path, name: str) -> list[Path]:
    return [f for root in (site / name, site / "zh-Hant" / name) if root.is_dir()
            for f in root.rglob("*") if f.is_file()]


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> Measured:
    from generator.bench import synth

    project = tmp_path_factory.mktemp("national")
    summary = synth.generate(project, DOCUMENTS, SEED)
    synth.scaffold(project)
    site = project / "site"
    result = mkdocs_build(project, site)
    if result.returncode != 0:
        pytest.fail(f"build of the {DOCUMENTS}-document corpus failed:\n{result.stdout}\n{result.stderr}")
    out = Measured(site, summary.records, {}, {})
    for kind in BYTES_PER_RECORD:
        files = _folder(site, kind)
        out.bytes[kind] = sum(f.stat().st_size for f in files)
        out.files[kind] = len(files)
    print(f"\n{DOCUMENTS} documents, {out.records} records; per page kind, both scripts:")
    for kind in BYTES_PER_RECORD:
        b, n = out.bytes[kind], out.files[kind]
        print(f"  {kind:14} {b / 1e6:8.1f} MB {n:6} files {b / out.records:8.0f} B/record"
              f" (budget {BYTES_PER_RECORD[kind]})")
    total = sum(out.files.values())
    print(f"  {'files':14} {total:6} = {total / out.records:.3f} a record (budget {FILES_PER_RECORD})")
    return out


def test_the_corpus_is_national_scale(measured):
    # The budgets mean something only over a corpus of this size.
    assert measured.records > 5_000, measured.records


@pytest.mark.parametrize("kind", sorted(BYTES_PER_RECORD))
def test_bytes_per_record(measured, kind):
    assert measured.files[kind] > 0, f"no {kind} pages built"
    per_record = measured.bytes[kind] / measured.records
    assert per_record <= BYTES_PER_RECORD[kind], (
        f"{kind}: {per_record:.0f} bytes a record ({measured.bytes[kind] / 1e6:.1f} MB over {measured.records} "
        f"records, both scripts), budget {BYTES_PER_RECORD[kind]}")


def test_files_per_record(measured):
    total = sum(measured.files.values())
    assert total > 0
    assert total / measured.records <= FILES_PER_RECORD, (
        f"{total} files for {measured.records} records: {total / measured.records:.3f} a record, "
        f"budget {FILES_PER_RECORD} ({measured.files})")


# --- what the national-scale pages are --------------------------------------------------------

def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _target(site: Path, page: str, href: str) -> tuple[str, str]:
    """The page a relative link from ``page`` goes to (a site path) and its anchor."""
    resolved = urljoin("http://site/" + page, href)[len("http://site/"):]
    path, _, anchor = resolved.partition("#")
    return path, anchor


def test_no_page_per_unit(measured):
    pages = {p.parent.name for p in (measured.site / "units").glob("*/index.html")}
    assert pages and all(p.startswith("function-") for p in pages), sorted(pages)[:5]


def test_a_clause_links_its_units_to_their_jurisdiction_page(measured):
    site = measured.site
    # The first county's document that names responsible units (some copy a source that names none).
    for path in sorted((site / "documents").glob("*-x*/index.html")):
        doc = path.parent.name
        links = re.findall(r'<li class="cw-unit[^"]*"><a href="([^"]+)"', _page(site, f"documents/{doc}"))
        if links:
            break
    _lead_to_unit_entries(site, f"documents/{doc}/", links)


def test_a_matrix_links_its_units_to_their_jurisdiction_page(measured):
    site = measured.site
    matrices = sorted(p.parent.name for p in (site / "matrices").glob("*-x*/index.html"))
    assert matrices
    page = _page(site, f"matrices/{matrices[0]}")
    links = re.findall(r'<th scope="col"><a href="([^"]+)"', page)
    _lead_to_unit_entries(site, f"matrices/{matrices[0]}/", links)


def _lead_to_unit_entries(site: Path, page: str, links: list[str]) -> None:
    """Each unit link of ``page`` lands on an anchor of its jurisdiction's page."""
    assert links
    for href in set(links):
        path, anchor = _target(site, page, href)
        assert path.startswith("jurisdictions/") and anchor, href
        assert f'id="{anchor}"' in _page(site, path), href


def test_a_topic_page_compares_regions_and_drills_down(measured):
    site = measured.site
    html = _page(site, "topics/service-facilities")
    assert '<article class="cw-excerpt' not in html          # no clause in full on a topic page
    rows = re.findall(r'<td class="cw-num"><a href="([^"]+)"[^>]*>(\d+)</a>', html)
    assert len(rows) > 1
    for href, _count in rows:

        path, anchor = _target(site, "topics/service-facilities/", href)
        region = _page(site, path)
        start = region.index(f'id="{anchor}"')
        # The region's section of the topic (and its subtopics) links at least one clause.
        assert "/documents/" in region[start:start + 5000], href


def test_precedent_panels_are_bounded(measured):
    html = "".join(_page(measured.site, f"documents/{p.parent.name}")
                   for p in sorted((measured.site / "documents").glob("*/index.html"))[:20])
    panels = re.findall(r'<details class="cw-precedents[^"]*">.*?</details>', html, re.S)
    assert panels
    assert all(p.count("<li>") <= 3 and "cw-precedents__text" not in p for p in panels)


def test_compare_reads_the_chosen_documents_from_their_pages(measured):
    site = measured.site
    html = _page(site, "compare")
    data = json.loads(re.search(r'<script type="application/json" id="cw-compare-data">(.*?)</script>', html, re.S).group(1))
    assert data["onRequest"] and data["docs"]
    related = {uid for r in data["relations"] for uid in (r["source"], r["target"])}
    assert {r["id"] for r in data["records"]} <= related
    # What compare.js reads from a document's page (templates/_record.html): a clause's section
    # with its uid, head (anchor, topics) and text.
    doc = data["docs"][0]
    assert "pending" in doc
    path, _ = _target(site, "compare/", doc["url"])
    page = _page(site, path)
    sections = re.findall(r'<section class="cw-record cw-kind-(\w+)" id="[^"]+" data-uid="([^"]+)">\s*'
                          r'<div class="cw-record__head">\s*<a class="cw-anchor"', page)
    assert sections and all(uid.startswith(doc["id"] + "/") for _, uid in sections)


def test_functions_by_topics_counts_crowded_cells(measured):
    from generator.site.pages.units import CELL_NAMES_UP_TO

    html = _page(measured.site, "units/function-topic")
    cells = re.findall(r'<td class="cw-ft-cell">(.*?)</td>', html, re.S)
    assert cells and any("个辖区" in c for c in cells)
    assert max(c.count("<a ") for c in cells) <= CELL_NAMES_UP_TO
