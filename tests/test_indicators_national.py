"""Indicator pages past the size where they compare regions (``topics.in_full``, the topic pages' switch).

The synthetic corpus at national scale (generator/bench/synth.py, seeded; far more
jurisdictions with documents than ``topics.FULL_UP_TO``), built once a run for this module and
the page budgets (``conftest.national_site``), has its indicator pages read back: one row per region, the least and greatest value its
observations state, and each observation listed under its region with a link to its row on
its document's page.  The bundled corpus, rendered in the region shape by lowering the
threshold, checks what the synthetic corpus lacks (findings, regions without data); built
as it is, its pages keep their one bar per observation.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.content.load import Paths, load
from generator.site import pages
from generator.site.charts.bars import RangeRow, Span, range_chart
from generator.site.pages import indicators, topics

SVG = "{http://www.w3.org/2000/svg}"
ROW = re.compile(r'<tr>\s*<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*<td class="cw-num">(\d+)'
                 r'(?:<span[^>]*>[^<]*</span>)?</td>\s*<td class="cw-num">([^<]*)</td>(?:\s*<td class="cw-num">([^<]*)</td>)?')
ENTRY = re.compile(r'<li class="cw-target-(\w+)"><a href="([^"]+)">')


@pytest.fixture(scope="module")
def national(national_site):
    corpus, _ = load(Paths.at(national_site.project))
    return corpus, national_site.site


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _resolve(page: str, href: str) -> tuple[str, str]:
    """The site path and anchor a relative link on ``page`` goes to."""
    path, _, anchor = urljoin("http://site/" + page, href)[len("http://site/"):].partition("#")
    return path, anchor


def _lands(site: Path, page: str, href: str) -> bool:
    path, anchor = _resolve(page, href)
    target = site / path / "index.html"
    return target.is_file() and f'id="{anchor}"' in target.read_text(encoding="utf-8")


def _span(values: list[float | None]) -> str:
    """The least and greatest of the stated values, in the page's words (independent of the page code)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    return f"{min(known):g}" if min(known) == max(known) else f"{min(known):g}–{max(known):g}"


REQUIREMENTS = {"target", "standard"}   # a finding is a measured status, not a requirement (vocabulary.TARGET_TYPES)


def _region(corpus, jid: str) -> tuple[str, tuple[str, ...]]:
    """A jurisdiction's region and the region's path from the top: its province (the first level
    below the national one on its chain of parents), or the national level itself; written from
    the pages' contract, not with the page code."""
    chain = [jid]
    while corpus.jurisdictions[chain[-1]].parent in corpus.jurisdictions:
        chain.append(corpus.jurisdictions[chain[-1]].parent)
    chain.reverse()
    region = next((j for j in chain if corpus.jurisdictions[j].level != "national"), jid)
    return region, tuple(chain[:chain.index(region) + 1])


def _expected_rows(corpus, ind) -> list[tuple[str, int, str, str]]:
    """Per region (national, then provinces in jurisdiction order): name, observations, requirements' span, findings' span."""
    groups: dict[tuple[bool, tuple[str, ...]], list] = {}
    for o in ind.observations:
        t = corpus.targets.get(o.target)
        if t is not None:
            region, path = _region(corpus, corpus.documents[t.record.doc_id].jurisdiction)
            groups.setdefault((corpus.jurisdictions[region].level != "national", path), []).append((t, o.factor))
    out = []
    for key in sorted(groups):
        obs = groups[key]
        values = {kind: [None if v is None else round(v * factor, 9) for t, factor in obs
                         if (t.type in REQUIREMENTS) == (kind == "requirement") for v in (t.value, t.value_max)]
                  for kind in ("requirement", "finding")}
        out.append((corpus.jurisdictions[key[1][-1]].name, len(obs), _span(values["requirement"]), _span(values["finding"])))
    return out


def test_the_synthetic_corpus_is_past_the_switch_and_the_bundled_one_is_not(national, corpus):
    synthetic, _ = national
    assert not topics.in_full(synthetic)
    assert topics.in_full(corpus)


def test_one_row_per_region_with_the_range_its_observations_state(national):
    corpus, site = national
    regions = 0
    for ind in corpus.indicators.values():
        html = _html(site, indicators.indicator_path(ind.id))
        rows = [(name, int(count), req, fin or "") for _, name, count, req, fin in ROW.findall(html)]
        assert rows == _expected_rows(corpus, ind), ind.id
        regions = max(regions, len(rows))
        assert "cw-bars-regions" in html and 'class="cw-bar-row"' in html
    assert regions > 1   # the corpus spans more than one region


def test_drill_down_links_land_on_existing_pages_and_anchors(national):
    corpus, site = national
    for ind in corpus.indicators.values():
        page = indicators.indicator_path(ind.id)
        html = _html(site, page)
        for href, *_ in ROW.findall(html):
            assert _lands(site, page, href), (ind.id, href)
        entries = ENTRY.findall(html)
        assert len(entries) == len(ind.observations), ind.id
        documents: dict[str, str] = {}
        for _kind, href in entries:
            path, anchor = _resolve(page, href)
            text = documents.setdefault(path, (site / path / "index.html").read_text(encoding="utf-8"))
            assert f'id="{anchor}"' in text, (ind.id, href)


def test_the_chart_is_one_row_a_region_and_fits_a_phone(national):
    corpus, site = national
    ind = max(corpus.indicators.values(), key=lambda i: len(i.observations))
    html = _html(site, indicators.indicator_path(ind.id))
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="cw-svg cw-bars cw-bars-regions"')
    root = ET.fromstring(html[start:html.index("</svg>", start) + 6])
    assert root.get("role") == "img" and root.get("aria-label") and root.find(f"{SVG}title").text
    rows = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cw-bar-row"]
    names = [name for name, *_ in _expected_rows(corpus, ind)]
    assert len(rows) == len(names)
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "cw-bar-label"]
    assert labels == names
    assert int(root.get("width")) <= 358          # a 390 px phone less the page's margins
    assert int(root.get("height")) <= 60 + 40 * len(names)   # a row a region: 32 provinces fit a screen or so


def test_bundled_corpus_in_region_shape_keeps_findings_apart(corpus, built_site, monkeypatch):
    monkeypatch.setattr(topics, "FULL_UP_TO", 0)   # the switch is the topic pages'
    ind = corpus.indicators["facility-area-per-100-households"]
    page = indicators.indicator_path(ind.id)
    spec = next(p for p in indicators.pages(corpus) if p.path == f"indicators/{ind.id}.md")
    assert spec.template == "indicator_regions.html"
    html = pages.render(pages.environment(), spec, pages.Context(corpus, "hans", page))
    rows = [(name, int(count), req, fin) for _, name, count, req, fin in ROW.findall(html)]
    assert rows == _expected_rows(corpus, ind)
    sichuan = next(r for r in rows if r[0] == corpus.jurisdictions["sichuan"].name)
    assert sichuan[3]   # Miyi's finding is its own range, not part of the requirements'
    assert "cw-bar-finding" in html and "实测现状（非要求）" in html
    for _kind, href in ENTRY.findall(html):
        assert _lands(built_site, page, href), href
    for href, *_ in ROW.findall(html):
        assert f'id="{_resolve(page, href)[1]}"' in html
    observed = {_region(corpus, corpus.documents[corpus.targets[o.target].record.doc_id].jurisdiction)[0]
                for o in ind.observations}
    silent = {_region(corpus, d.jurisdiction)[0] for d in corpus.documents.values() if d.has_text} - observed
    if silent:
        assert "未见本指标的数据" in html
        assert all(corpus.jurisdictions[j].name in html for j in silent)


def test_range_chart_escapes_text_and_hatches_findings():
    svg = range_chart([RangeRow("<b>省</b>", "2 项", [Span("requirement", 20, 45), Span("finding", 30, 30)],
                                "要求 20–45；实测 30", "t<&>"),
                       RangeRow("县", "1 项", [], "无数值")], "平方米/百户", "a&b", "c1")
    root = ET.fromstring(str(svg))
    assert root.get("aria-label") == "a&b" and root.get("role") == "img"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "<b>省</b>" in texts and "无数值" in texts
    finding = [r for r in root.iter(f"{SVG}rect") if "cw-bar-finding" in r.get("class", "").split()]
    assert finding and all(r.get("fill") == "url(#c1-hatch)" for r in finding)
    assert str(range_chart([RangeRow("县", "1 项", [], "无数值")], "x", "t", "c2")) == ""


def test_range_chart_keeps_markup_in_every_field_as_text():
    planted = '<script>x()</script>"\'&'
    svg = range_chart([RangeRow(planted, planted, [Span("finding", 1, 2)], planted, planted)],
                      planted, planted, 'c"><svg onload=x()>')
    root = ET.fromstring(str(svg))   # well-formed: nothing planted closed or opened an element
    assert not [e for e in root.iter() if e.tag.endswith(("script", "svg")) and e is not root]
    assert all(not any(a.startswith("on") for a in e.attrib) for e in root.iter())
    assert root.get("aria-label") == planted and root.findtext(f"{SVG}title") == planted


def test_the_overview_counts_targets_by_region(national):
    corpus, site = national
    html = _html(site, "indicators")
    assert 'id="requirements"' not in html and 'id="by-region"' in html   # no list of every target
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">[^<]+</a></th><td class="cw-num">(\d+)</td>'
                      r'<td class="cw-num">(\d+)</td><td class="cw-num">(\d+)</td></tr>', html)
    assert rows and sum(int(r) + int(f) for _, _, r, f in rows) == len(corpus.targets)
    for href, *_ in rows:
        assert (site / _resolve("indicators/", href)[0] / "index.html").is_file(), href
    for ind in corpus.indicators.values():
        assert f'href="{ind.id}/"' in html
