"""A region's clauses by topic (jurisdictions/<region>/topics/), the drill-down of a topic page
in a national corpus, on the bundled site; and a jurisdiction page's units.

The national-scale shapes (topic pages by region, units on their jurisdiction's page) are
checked on the synthetic corpus in test_page_budget.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import routes

ROOT = Path(__file__).resolve().parent.parent


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


# --- the national-scale shapes, rendered from the bundled corpus with their thresholds lowered ---

def _render(corpus, module, path: str) -> str:
    from generator.site import pages

    spec = next(p for p in module.pages(corpus) if p.path == path.rstrip("/") + ".md")
    return pages.for_script(pages.render(pages.environment(), spec, pages.Context(corpus, "hans", path)), "hans")


def test_past_the_threshold_a_jurisdiction_page_lists_each_unit_and_its_clauses(corpus, monkeypatch):
    """With no page per unit, each unit of the jurisdiction is a row of its document's table, at
    the anchor every link to the unit takes (routes.unit_anchor): the clauses it leads in one
    cell, those it joins in the other, each a link to the clause."""
    from generator.site.pages import documents

    monkeypatch.setattr(routes, "UNIT_PAGES_UP_TO", 0)
    path = routes.jurisdiction("yuxi")
    html = _render(corpus, documents, path)
    assert "../../units/yuxi-" not in html                   # no unit page to link to
    assert 'href="../../matrices/yuxi-2018/"' in html        # who shares each duty
    own = [u for u in corpus.units.values() if u.jurisdiction == "yuxi"]
    assert own
    all_duties = _yuxi_duties()
    assert sum(len(ds) for ds in all_duties.values()) > 50
    for unit in own:
        anchor = routes.unit_anchor(unit.id, "yuxi")
        assert html.count(f'id="{anchor}"') == 1, unit.id
        assert routes.unit(unit.id, "yuxi", len(corpus.units)) == f"{path}#{anchor}"
        ds = all_duties.get(unit.id, [])
        if not ds:
            assert re.search(rf'<p class="cw-silent">[^\n]*id="{anchor}">{re.escape(unit.name)}', html), unit.id
            continue
        row = re.search(rf'<tr id="{anchor}"><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', html)
        assert row and row.group(1).startswith(unit.name), unit.id
        for cell, role in ((row.group(2), True), (row.group(3), False)):
            expected = [corpus.records[f"yuxi-2018/{rid}"] for rid, lead in ds if lead == role]
            links = re.findall(r'<a href="\.\./\.\./documents/yuxi-2018/#([^"]+)">([^<]+)</a>', cell)
            assert links == [(r.id, r.label or "¶") for r in expected], (unit.id, role)
    # The columns say which is which in words, not by weight or colour.
    assert '<th scope="col">牵头</th><th scope="col">参与</th>' in html


def _yuxi_duties() -> dict[str, list[tuple[str, bool]]]:
    """Unit id → (record id, leads?) for each Yuxi record charging it, in document order, read
    from the document's YAML with PyYAML (not from the code that builds the table)."""
    import yaml

    doc = yaml.safe_load((ROOT / "content" / "documents" / "yuxi-2018.yaml").read_text(encoding="utf-8"))
    out: dict[str, list[tuple[str, bool]]] = {}

    def walk(records):
        for r in records or []:
            seen = set()
            for ref in (r.get("responsibility") or {}).get("units") or []:
                if ref["unit"] not in seen:
                    seen.add(ref["unit"])
                    out.setdefault(ref["unit"], []).append((r["id"], ref["role"] == "lead"))
            walk(r.get("children"))
    walk(doc["records"])
    return out


def test_below_the_threshold_a_jurisdiction_page_links_its_unit_pages(corpus):
    from generator.site.pages import documents

    html = _render(corpus, documents, routes.jurisdiction("yuxi"))
    assert "cw-unit-duties" not in html and 'href="../../units/yuxi-civil-affairs/"' in html


def test_past_the_threshold_a_region_page_links_each_clause_without_quoting_it(corpus, monkeypatch):
    """As the drill-down of a national corpus's topic pages, a province's page lists every clause
    of every topic: each document's on one line, as links named by number and title (or the
    opening of an untitled clause's text), the quotes left to the clauses."""
    from generator.site.pages import topics

    monkeypatch.setattr(topics, "FULL_UP_TO", 0)
    html = _render(corpus, topics, routes.region_topics("yunnan"))
    work = topic_section(html, "work-item-access")
    record = corpus.records["yuxi-2018/p2-3-14"]
    name = record.label + (record.title or "")               # its number and title, not its text
    assert re.search(r'<li>[^<]*玉溪[^<]*：[^\n]*<a href="\.\./\.\./\.\./documents/yuxi-2018/#p2-3-14">'
                     + re.escape(name) + "</a>", work)
    assert "依据社区工作事项清单" not in work
    # A clause without a title is named by the opening of its text.
    preamble = corpus.records["yuxi-2018/preamble"]
    assert not preamble.title and len(preamble.text) > topics.OPENING_CHARS
    name = f"¶ {preamble.text[:topics.OPENING_CHARS]}…"
    assert f'<a href="../../../documents/yuxi-2018/#preamble">{name}</a>' in topic_section(html, "drafting-basis")


def test_a_unit_named_in_two_documents_has_a_row_in_each_and_one_anchor(corpus):
    from generator.analysis.duties import duties
    from generator.site.pages.units import _tables

    all_duties = duties(corpus)
    miyi = next(u for u in all_duties if u.startswith("miyi-"))
    unit = corpus.units["yuxi-civil-affairs"]
    entry = {"unit": unit, "duties": all_duties[unit.id] + all_duties[miyi]}
    tables = _tables(corpus, [entry])
    assert [t["doc"].id for t in tables] == ["yuxi-2018", "miyi-2021"]   # corpus order
    assert [row["anchor"] for t in tables for row in t["rows"]] == [True, False]
    miyi_row = tables[1]["rows"][0]
    assert miyi_row["lead"] + miyi_row["participating"] and all(
        r.doc_id == "miyi-2021" for r in miyi_row["lead"] + miyi_row["participating"])
