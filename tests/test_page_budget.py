"""Bytes and files per record, per page kind, at national scale (issue #18).

A synthetic corpus of 300 documents (about 10,000 records; generator/bench/synth.py, seeded)
is built once a run (``conftest.national_site``, which ``test_indicators_national.py`` reads
too), and each page kind's bytes and files in both scripts are
divided by the corpus's records.  A change that makes a page kind grow faster than the corpus
fails here rather than at the deploy (GitHub Pages: 1 GB a site; the project's target at
3,000 documents, about 100,000 records: ``footprint.TARGET_BYTES`` and ``TARGET_FILES``, so
about a tenth of that at 300 documents).  The pages a reader opens first (home, the document
list) and every single page are bounded in bytes whatever the corpus (``PAGE_LIMITS``,
``MAX_PAGE_BYTES``).

The budgets are the measured figures with some headroom; ``pytest -s`` prints the figures.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import NATIONAL_DOCUMENTS
from generator.site import footprint

DOCUMENTS = NATIONAL_DOCUMENTS   # built once a run (conftest.national_site), shared with test_indicators_national

# The budgets are declared once, in generator/site/footprint.py (``crosswalk bench`` prints them).
BYTES_PER_RECORD = footprint.BYTES_PER_RECORD
FILES_PER_RECORD = footprint.FILES_PER_RECORD


@dataclass
class Measured:
    site: Path
    records: int
    bytes: dict[str, int]
    files: dict[str, int]
    footprint: footprint.Footprint


def _folder(site: Path, name: str) -> list[Path]:
    return [f for root in (site / name, site / "zh-Hant" / name) if root.is_dir()
            for f in root.rglob("*") if f.is_file()]


@pytest.fixture(scope="module")
def measured(national_site) -> Measured:
    site = national_site.site
    out = Measured(site, national_site.records, {}, {}, footprint.measure(site))
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
    print("the largest pages:\n" + footprint.largest_pages(out.footprint))
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


def test_the_budgets_add_up_to_less_than_a_pages_site_holds():
    """The budgets guard GitHub Pages' 1 GB at 3,000 documents: the growing kinds' bytes a
    record, times about 100,000 records, plus the kinds that do not grow (assets, the about
    pages, the search page: about 10 MB, both scripts), stay under it; their files under the
    project's file limit.  (The target of 600 MB and 50,000 files, ``footprint.TARGET_BYTES``,
    is what ``crosswalk bench`` judges; the budgets do not reach it yet.)"""
    fixed = 10_000_000
    total = sum(BYTES_PER_RECORD.values())
    assert total * footprint.TARGET_RECORDS + fixed <= footprint.PAGES_LIMIT_BYTES, (
        f"the per-kind budgets add up to {total:,} bytes a record: {total * footprint.TARGET_RECORDS / 1e6:,.0f} MB "
        f"at {footprint.TARGET_RECORDS:,} records, over the {footprint.PAGES_LIMIT_BYTES / 1e6:,.0f} MB of a Pages site")
    assert FILES_PER_RECORD * footprint.TARGET_RECORDS <= footprint.FILES_LIMIT


@pytest.mark.parametrize("path", sorted(footprint.PAGE_LIMITS))
def test_the_first_pages_stay_within_their_limits(measured, path):
    sizes = footprint.page_bytes(measured.footprint, measured.site)
    assert 0 < sizes[path] <= footprint.PAGE_LIMITS[path], f"{path}: {sizes[path]:,} bytes"


def test_no_page_is_over_the_limit(measured):
    assert measured.footprint.pages
    size, path = measured.footprint.pages[0]
    assert size <= footprint.MAX_PAGE_BYTES, f"{path}: {size:,} bytes"


def test_the_home_page_and_document_list_do_not_list_every_document(measured):
    """What keeps them bounded: the home page names NEWEST documents, the document list none
    but links each region's page, where the region's documents are."""
    from generator.site.pages.home import NEWEST

    site = measured.site
    def links(page):
        return {_target(site, page, h)[0] for h in re.findall(r'href="([^"]+)"', _page(site, page))}
    def is_document(path):
        return re.fullmatch(r"documents/[^/]+/", path) is not None
    regions = sorted(p for p in links("documents/") if p.startswith("documents/in/"))
    # 300 documents: the nation and the provinces of generator/bench/synth.py's plan (31 × 300 / 3,000).
    assert len(regions) == 1 + 3
    listed = set().union(*(filter(is_document, links(r)) for r in regions))
    assert len(listed) == DOCUMENTS   # every document (cited-only ones too) on its region's page
    assert not any(is_document(p) for p in links("documents/"))
    assert len(set(filter(is_document, links("")))) == NEWEST


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
        links = re.findall(r'<li(?: class="cw-basis-inferred")?><a href="([^"]+)"', _page(site, f"documents/{doc}"))
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


def test_precedent_panels_are_their_heading_only(measured):
    """Past ``compact_above`` records a panel on a document page is its heading and count: its
    links are read from the document's data file when it is opened."""
    html = "".join(_page(measured.site, f"documents/{p.parent.name}")
                   for p in sorted((measured.site / "documents").glob("*/index.html"))[:20])
    panels = re.findall(r'<details class="cw-precedents[^"]*">.*?</details>', html, re.S)
    assert len(panels) > 100
    assert all(re.fullmatch(r'<details class="cw-precedents cw-later"><summary>相似条款 <span>[1-3]</span>'
                            r'</summary></details>', p) for p in panels), panels[0]


@pytest.mark.browser
def test_a_precedent_panel_lists_its_links_when_opened(measured, browser):
    """Opening a 相似条款 panel lists the record's first precedents as precedents.json ranks
    them, each linking its clause on this script's document page, named by its jurisdiction,
    with the pair's 相近度 (precedents.json's coverage, halves rounded up) and shared characters
    (the lengths of its shared places), worded as the full panel words them."""
    import gzip

    import yaml

    from conftest import PREFIX, _Handler, serving
    from generator.chinese import convert

    site = measured.site
    exported = json.loads(gzip.decompress((site / "data" / "precedents.json.gz").read_bytes()))
    ranked = {row["record"]: [p["record"] for p in row["precedents"]] for row in exported}
    meta = {(row["record"], p["record"]): (math.floor(p["coverage"] * 100 + 0.5), sum(b - a for a, b in p["shared"]))
            for row in exported for p in row["precedents"]}
    names = {j["id"]: j["name"] for j in yaml.safe_load(
        (site.parent / "content" / "jurisdictions.yaml").read_text(encoding="utf-8"))["jurisdictions"]}
    page_path = next(p for p in sorted((site / "documents").glob("*/index.html")) if "cw-later" in p.read_text("utf-8"))
    doc = page_path.parent.name
    www = site.parent / "www-precedents"   # its own: the compare test serves from "www"
    www.mkdir(exist_ok=True)
    if not (www / PREFIX.strip("/")).exists():
        (www / PREFIX.strip("/")).symlink_to(site)
    with serving(www, _Handler) as served:
        page = browser.new_page()
        shown = {}
        for prefix in ("", "zh-Hant/"):
            page.goto(f"{served.url}{prefix}documents/{doc}/")
            panel = page.locator("details.cw-later").nth(2)
            uid = panel.locator("xpath=ancestor::section[@data-uid][1]").get_attribute("data-uid")
            panel.locator("summary").click()
            panel.locator(".cw-precedents__list li").first.wait_for()
            links = panel.locator(".cw-precedents__list a")
            expected = ranked[uid][:3]
            assert links.count() == len(expected) == int(panel.locator("summary span").inner_text())
            shown[prefix] = []
            for i, other in enumerate(expected):
                other_doc, other_id = other.split("/", 1)
                href = links.nth(i).get_attribute("href")
                assert href == f"{served.url}{prefix}documents/{other_doc}/#{other_id}", href
                shown[prefix].append(links.nth(i).inner_text())
            lines = panel.locator(".cw-precedents__list .cw-precedents__meta")
            words = "共用措辞" if prefix == "" else "共用措辭"
            assert [lines.nth(i).inner_text() for i in range(len(expected))] == [
                f"相近度 {meta[uid, other][0]}% · {words} {meta[uid, other][1]} 字" for other in expected]
        jurisdictions = [names[yaml.safe_load((site.parent / "content" / "documents" / f"{o.split('/')[0]}.yaml")
                                              .read_text(encoding="utf-8"))["jurisdiction"]] for o in expected]
        assert all(text.startswith(name) for text, name in zip(shown[""], jurisdictions)), (shown, jurisdictions)
        assert shown["zh-Hant/"] == [convert(text, "hant") for text in shown[""]]
        assert served.errors() == []
        page.close()
        # A data file that cannot be read: the panel says so, and opening it again tries again.
        page = browser.new_page()
        page.route("**/data/provisions/**", lambda route: route.abort())
        page.goto(f"{served.url}documents/{doc}/")
        panel = page.locator("details.cw-later").first
        panel.locator("summary").click()
        panel.locator(".cw-later__failed").wait_for()
        assert panel.locator(".cw-later__failed").inner_text() == "未能读取相似条款"
        page.unroute("**/data/provisions/**")
        panel.locator("summary").click()   # closed
        panel.locator("summary").click()   # opened again
        panel.locator(".cw-precedents__list li").first.wait_for()
        assert panel.locator(".cw-later__failed").count() == 0
        page.close()


def _compare_data(site: Path) -> dict:
    html = _page(site, "compare")
    return json.loads(re.search(r'<script type="application/json" id="cw-compare-data">(.*?)</script>', html, re.S).group(1))


@pytest.fixture(scope="module")
def with_text(measured) -> set[str]:
    """The synthetic corpus's documents that have text (records), as their YAML says, read with
    PyYAML itself rather than the project's loader: libyaml's safe loader where it is built
    (the pure-Python one takes 8–9 s over the 300 files, the C one 1 s)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return {p.stem for p in (measured.site.parent / "content" / "documents").glob("*.yaml")
            if yaml.load(p.read_text(encoding="utf-8"), Loader=loader).get("records")}


def test_compare_lists_regions_not_documents(measured, with_text):
    """Past INLINE_UP_TO the compare page names regions only; a region's documents are the rows
    of its document list marked data-doc (those with text, as the corpus says), and a document's
    page names its region, for a link to a pair to find both lists."""
    import yaml

    site = measured.site
    data = _compare_data(site)
    assert data["onRequest"] and not {"docs", "records", "relations"} & set(data)
    built = {p.name for p in (site / "documents" / "in").iterdir()}
    assert len(data["regions"]) >= 2 and set(data["regions"]) <= built
    html = _page(site, "compare")
    assert 'id="cw-compare-ra"' in html and "<optgroup" not in html
    listed = {}
    for region, href in data["regions"].items():
        path, _ = _target(site, "compare/", href)
        rows = re.findall(r'<tr data-doc="([^"]+)"', _page(site, path))
        assert rows, region
        listed.update(dict.fromkeys(rows, region))
    assert with_text and set(listed) == with_text
    doc = sorted(listed)[0]
    path, _ = _target(site, "compare/", data["document"].replace(data["slot"], doc))
    assert f'data-region="{listed[doc]}"' in _page(site, path)
    # What compare.js reads from a document's page (templates/_record.html): a clause's section
    # with its uid, head (anchor, topics) and text, and its relations.
    sections = re.findall(r'<section class="cw-record cw-kind-(\w+)" id="[^"]+" data-uid="([^"]+)">\s*'
                          r'<div class="cw-record__head">\s*<a class="cw-anchor"', _page(site, path))
    assert sections and all(uid.startswith(doc + "/") for _, uid in sections)
    relations = yaml.safe_load((site.parent / "crosswalk" / "topics.yaml").read_text(encoding="utf-8"))["relations"]
    assert relations
    # A relation names the other clause's document itself (data-doc), as topics.yaml has it.
    source, target = (relations[0][end].split("/")[0] for end in ("source", "target"))
    path, _ = _target(site, "compare/", data["document"].replace(data["slot"], source))
    assert re.search(rf'<li class="cw-relation cw-rel-\w+" data-doc="{target}">', _page(site, path))


@pytest.mark.browser
def test_compare_reads_a_pair_from_two_regions(measured, browser):
    """A link to a pair in two regions lays it out, each side's region and document chosen, the
    relation between them shown (crosswalk/topics.yaml as written), in both scripts; choosing a
    region lists its documents."""
    import yaml

    from conftest import PREFIX, _Handler, serving

    site = measured.site
    relation = yaml.safe_load((site.parent / "crosswalk" / "topics.yaml").read_text(encoding="utf-8"))["relations"][0]
    child, parent = relation["source"].split("/")[0], relation["target"].split("/")[0]
    www = site.parent / "www"
    www.mkdir(exist_ok=True)
    (www / PREFIX.strip("/")).symlink_to(site)
    with serving(www, _Handler) as served:
        page = browser.new_page()
        for prefix in ("", "zh-Hant/"):
            page.goto(f"{served.url}{prefix}compare/?a={child}&b={parent}")
            page.wait_for_selector(".cw-compare__row")
            assert page.locator("#cw-compare-a").input_value() == child
            assert page.locator("#cw-compare-b").input_value() == parent
            card = page.locator(f'.cw-compare__rec[data-uid="{relation["source"]}"]')
            assert f"documents/{parent}/" in card.locator(".cw-relation a").first.get_attribute("href")
            region_b = page.locator("#cw-compare-rb").input_value()
            assert region_b and page.locator("#cw-compare-b option").count() > 1
            other = page.locator("#cw-compare-rb option").nth(0).get_attribute("value")
            page.select_option("#cw-compare-rb", other if other != region_b else
                               page.locator("#cw-compare-rb option").nth(1).get_attribute("value"))
            page.wait_for_function(f"() => document.querySelector('#cw-compare-b').value !== {parent!r}")
            page.wait_for_selector(".cw-compare__head")
            assert "b=" in page.url and f"b={parent}" not in page.url
        assert served.errors() == []
        page.close()


def test_functions_by_topics_counts_crowded_cells(measured):
    from generator.site.pages.units import CELL_NAMES_UP_TO

    html = _page(measured.site, "units/function-topic")
    cells = re.findall(r'<td class="cw-ft-cell">(.*?)</td>', html, re.S)
    assert cells and any("个辖区" in c for c in cells)
    assert max(c.count("<a ") for c in cells) <= CELL_NAMES_UP_TO
