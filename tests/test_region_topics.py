"""A region's clauses by topic (jurisdictions/<region>/topics/), the drill-down of a topic page
in a national corpus, on the bundled site; and a jurisdiction page's units.

The national-scale shapes (topic pages by region, units on their jurisdiction's page) are
checked on the synthetic corpus in test_page_budget.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import routes


def page(site: Path, path: str, script: str = "hans") -> str:
    base = site / "zh-Hant" if script == "hant" else site
    return (base / path / "index.html").read_text(encoding="utf-8")


def topic_section(html: str, topic_id: str) -> str:
    """From a topic's heading on a region's page to the next topic's."""
    start = html.index(f'id="t-{topic_id}"')
    end = re.compile(r'<h[2-4] id="t-').search(html, start + 1)
    return html[start:end.start() if end else len(html)]


def test_a_region_page_lists_its_clauses_under_their_topic(built_site):
    html = page(built_site, routes.region_topics("yunnan"))
    work = topic_section(html, "work-item-access")
    # Yuxi is a city of Yunnan: its clause is there, quoted in part, linked to its document page.
    assert 'href="../../../documents/yuxi-2018/#p2-3-14"' in work
    assert "依据社区工作事项清单" in work
    assert 'href="../../../topics/work-item-access/"' in work
    # Only Yunnan's documents: Miyi (Sichuan) is on Sichuan's page.
    assert "miyi-2021" not in html
    assert "miyi-2021" in page(built_site, routes.region_topics("sichuan"))


def test_a_region_page_nests_a_parent_topic_before_its_children(built_site):
    html = page(built_site, routes.region_topics("yunnan"))
    headings = re.findall(r'<h([2-4]) id="t-([^"]+)"', html)
    assert headings
    ids = [t for _, t in headings]
    assert ids.index("burden-reduction") < ids.index("work-item-access")
    levels = [int(level) for level, _ in headings]
    assert levels[0] == 2 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))   # no level skipped


def test_a_region_page_in_traditional(built_site):
    work = topic_section(page(built_site, routes.region_topics("yunnan"), "hant"), "work-item-access")
    assert "依據社區工作事項清單" in work


def test_a_region_without_text_has_no_page(built_site):
    # The bundled corpus has the national documents by citation only.
    assert not (built_site / routes.region_topics("china")).exists()


def test_a_jurisdiction_page_links_its_region_and_units(built_site):
    html = page(built_site, routes.jurisdiction("yuxi"))
    assert 'href="../yunnan/topics/"' in html
    # A small corpus keeps a page per unit: the jurisdiction page links them.
    units = re.findall(r'href="\.\./\.\./units/(yuxi-[^/"]+)/"', html)
    assert "yuxi-civil-affairs" in units
    for unit in units:
        assert (built_site / routes.unit(unit) / "index.html").is_file(), unit
