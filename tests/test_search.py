"""Clause search: what the index holds, the query character map, and searching in a browser.

The index has one Pagefind record per corpus record, searched the same way from Simplified
and Traditional pages; the site is served under a sub-path, as GitHub Pages serves it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.load import Paths
from generator.search import (FILTERS, QUERY_DATA, char_map, clause_text, common_tokens, filter_labels,
                              pagefind_meta, search_record, search_records, shown_fields, tokens, write_index)
from generator.validate import check

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus():
    corpus, _ = check(Paths.at(ROOT))
    return corpus


# --- tokens and the character map -------------------------------------------------------------

def test_han_text_becomes_overlapping_bigrams_spelt_in_ascii():
    assert tokens("费随事转") == [tokens("费随")[0], tokens("随事")[0], tokens("事转")[0]]
    assert all(re.fullmatch(r"[0-4][0-9a-z]{7}", t) for t in tokens("费随事转"))
    # A lone character's token starts every bigram that starts with it.
    assert tokens("费随")[0].startswith(tokens("费")[0])


def test_other_runs_stay_whole_and_can_never_meet_a_han_token():
    assert tokens("12349热线, Policy-2") == ["z12349", tokens("热线")[0], "zpolicy", "z2"]
    assert tokens("１２３４９") == ["z12349"]  # full-width digits fold (NFKC)
    assert tokens("。,、“”") == []


def test_a_phrase_is_a_run_of_the_records_tokens(corpus):
    text = clause_text(corpus.records["yuxi-2018/p2-3-14"])
    record, query = " ".join(tokens(text)), " ".join(tokens("社区工作事项准入"))
    assert query in record


def test_char_map_takes_traditional_queries_to_simplified():
    mapping = char_map("費隨事轉紅白理事會權隨責走")
    assert "".join(mapping.get(ch, ch) for ch in "費隨事轉紅白理事會權隨責走") == "费随事转红白理事会权随责走"
    assert all(len(t) == len(s) == 1 and t != s for t, s in mapping.items())


def test_built_query_data_maps_the_cjk_block_and_names_the_common_tokens(built_site, corpus):
    data = json.loads((built_site / QUERY_DATA).read_text(encoding="utf-8"))
    mapping = dict(zip(data["t2s"][::2], data["t2s"][1::2]))
    assert len(mapping) > 2500
    assert "".join(mapping.get(ch, ch) for ch in "費隨事轉紅白理事會") == "费随事转红白理事会"
    assert data["common"] == common_tokens(search_records(corpus))


def test_common_tokens_are_those_of_many_records_most_common_first(corpus):
    records = search_records(corpus)
    common = common_tokens(records)
    share = {t: sum(t in r.content.split() for r in records) for t in common}
    assert common[0] == tokens("社区")[0]
    assert list(share.values()) == sorted(share.values(), reverse=True)
    assert min(share.values()) >= 20
    assert tokens("准入")[0] not in common


# --- the index -------------------------------------------------------------------------------

def test_one_record_per_clause_with_url_content_and_meta_in_both_scripts(corpus):
    records = search_records(corpus)
    expected = [r for d in corpus.sorted_documents() for r in d.walk() if clause_text(r)]
    assert len(records) == len(expected) > 200
    assert [r.url for r in records] == [f"documents/{r.doc_id}/#{r.id}" for r in expected]

    lanzhou = search_record(corpus, corpus.records["lanzhou-2013/p2-para4-s2"])
    assert " ".join(tokens("费随事转")) in lanzhou.content      # indexed in Simplified...
    assert "費隨事轉" in lanzhou.meta["text_hant"]                # ...shown in either script
    assert "费随事转" in lanzhou.meta["text"]
    assert lanzhou.meta["jurisdiction"] == "兰州市" and lanzhou.meta["jurisdiction_hant"] == "蘭州市"
    assert set(lanzhou.meta) == {f"{k}{s}" for k in ("doc", "jurisdiction", "label", "kind", "text")
                                 for s in ("", "_hant")}


def test_what_a_hit_shows_reaches_pagefind_spelt_so_that_none_of_it_is_indexed(corpus, tmp_path):
    """Pagefind 1.5 indexes metadata words; the fields a hit shows go to it as UTF-8 bytes
    spelt in Braille patterns, which its word splitter skips (search.js spells them back)."""
    lanzhou = search_record(corpus, corpus.records["lanzhou-2013/p2-para4-s2"])
    stored = pagefind_meta(lanzhou.meta)
    assert list(stored) == ["d"] and all(0x2800 <= ord(ch) <= 0x28FF for ch in stored["d"])
    assert shown_fields(stored) == lanzhou.meta
    # The index proper (words → records) is the same with these fields as with none at all.
    records = search_records(corpus)[:60]
    bare = [dataclasses.replace(r, meta={}) for r in records]
    indexes = []
    for name, batch in (("shown", records), ("bare", bare)):
        asyncio.run(write_index(batch, tmp_path / name))
        indexes.append({p.name: p.read_bytes() for p in (tmp_path / name / "index").iterdir()})
    assert indexes[0] == indexes[1] and indexes[0]


def test_filters_cover_jurisdiction_level_genre_topic_units_and_year(corpus):
    yuxi = search_record(corpus, corpus.records["yuxi-2018/p2-1-3"])
    assert yuxi.filters["jurisdiction"] == ["yuxi"]
    assert yuxi.filters["level"] == ["city"]
    assert yuxi.filters["genre"] == ["implementation-opinion"]
    assert yuxi.filters["year"] == ["2018"]
    units = corpus.records["yuxi-2018/p2-1-3"].responsibility.units
    assert yuxi.filters["unit"] == sorted({u.unit for u in units})
    assert "civil-affairs" in yuxi.filters["function"]
    assert set(yuxi.filters) <= set(FILTERS)
    for topic in corpus.topics_of(corpus.records["yuxi-2018/p2-1-3"]):
        assert topic.id in yuxi.filters["topic"]
        if topic.parent:  # found under the broader topic too
            assert topic.parent in yuxi.filters["topic"]


def test_every_filter_value_has_a_name_on_the_search_page(corpus):
    labels = filter_labels(corpus)
    for record in search_records(corpus):
        for name, values in record.filters.items():
            assert set(values) <= {v["id"] for v in labels[name]}, (record.url, name)


def test_the_built_index_holds_every_record(built_site, corpus):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(search_records(corpus))
    assert not (built_site / "zh-Hant" / "pagefind").exists()  # one index, shared by both scripts
    assert not list((built_site / "pagefind").glob("pagefind-ui*"))


def test_every_page_has_one_search_box_next_to_the_script_switcher(built_site):
    for path in ("index.html", "documents/yuxi-2018/index.html", "zh-Hant/documents/yuxi-2018/index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        assert html.count('class="cw-search"') == 1, path
        assert "cw-script-switch" in html
        assert 'action="../../search/"' in html or 'action="./search/"' in html or 'action="../search/"' in html


def test_search_js_never_writes_markup():
    source = (ROOT / "theme" / "assets" / "crosswalk" / "search.js").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", source)


# --- in the browser ------------------------------------------------------------------------------

HITS = ".cw-search__hits .cw-hit"


def dropdown(page, url: str, query: str) -> set[str]:
    """The records the header box's dropdown offers for ``query`` on the page at ``url``."""
    page.goto(url)
    page.fill("#cw-search-input", query)
    page.wait_for_selector(f"{HITS}, .cw-search__all")
    return {el.get_attribute("data-uid") for el in page.query_selector_all(HITS)}


@pytest.mark.browser
def test_a_query_finds_the_same_clauses_in_either_script_from_either_page(page, serve_site, artifacts):
    found = {}
    for where in ("documents/yuxi-2018/", "zh-Hant/documents/yuxi-2018/"):
        for query in ("费随事转", "費隨事轉"):
            found[where, query] = dropdown(page, serve_site.url + where, query)
            if query == "費隨事轉":
                page.screenshot(path=str(artifacts / f"search-dropdown-{'hant' if 'zh-Hant' in where else 'hans'}.png"))
    first = next(iter(found.values()))
    assert {"yuxi-2018/p2-3-14", "lanzhou-2013/p2-para4-s2"} <= first
    assert all(hits == first for hits in found.values()), found


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", [
    ("红白理事会", {"yuxi-2018/p2-1-3", "miyi-2021/p1-6-s2"}),
    ("紅白理事會", {"yuxi-2018/p2-1-3", "miyi-2021/p1-6-s2"}),
    ("社区工作事项准入", {"yuxi-2018/p2-3-14"}),
    ('"权随责走"', {"yuxi-2018/p2-3-14", "lanzhou-2013/p2-para4-s2"}),
])
def test_queries_as_drafters_type_them(page, serve_site, query, expected):
    assert expected <= dropdown(page, serve_site.url, query)


@pytest.mark.browser
def test_hits_are_highlighted_as_text_in_the_pages_script(page, serve_site):
    dropdown(page, serve_site.url + "zh-Hant/", "费随事转")
    marks = page.eval_on_selector_all(f"{HITS} mark", "ms => ms.map(m => m.textContent)")
    assert marks and set(marks) == {"費隨事轉"}
    assert page.eval_on_selector("html", "h => h.lang") == "zh-Hant"


@pytest.mark.browser
def test_hit_links_reach_the_clause_under_the_sub_path(page, serve_site):
    for prefix in ("", "zh-Hant/"):
        dropdown(page, serve_site.url + prefix + "topics/", "红白理事会")
        link = page.eval_on_selector(f'{HITS}[data-uid="yuxi-2018/p2-1-3"] a', "a => a.href")
        assert link == serve_site.url + prefix + "documents/yuxi-2018/#p2-1-3"
        page.goto(link)
        assert page.eval_on_selector("#p2-1-3", "el => el.dataset.uid") == "yuxi-2018/p2-1-3"


@pytest.mark.browser
def test_enter_opens_the_search_page_and_a_filter_narrows_it_in_the_url(page, serve_site, guard, artifacts):
    dropdown(page, serve_site.url + "zh-Hant/", "費隨事轉")
    page.press("#cw-search-input", "Enter")
    page.wait_for_selector(".cw-results__list .cw-hit")
    assert urlsplit(page.url).path == urlsplit(serve_site.url).path + "zh-Hant/search/"
    every = {el.get_attribute("data-uid") for el in page.query_selector_all(".cw-results__list .cw-hit")}
    assert len(every) >= 2

    page.check('.cw-facet[data-filter="jurisdiction"] input[value="yuxi"]')
    page.wait_for_function("() => /jurisdiction=yuxi/.test(location.search) && "
                           "document.querySelectorAll('.cw-results__list .cw-hit').length === 1")
    page.wait_for_timeout(200)
    page.screenshot(path=str(artifacts / "search-page-hant.png"), full_page=True)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["費隨事轉"], "jurisdiction": ["yuxi"]}
    narrowed = {el.get_attribute("data-uid") for el in page.query_selector_all(".cw-results__list .cw-hit")}
    assert narrowed == {"yuxi-2018/p2-3-14"} and narrowed < every

    # The URL is the state: opened afresh (from the Simplified build), it shows the same.
    page.goto(serve_site.url + "search/" + "?" + urlsplit(page.url).query)
    page.wait_for_selector(".cw-results__list .cw-hit")
    page.wait_for_timeout(200)
    page.screenshot(path=str(artifacts / "search-page-hans.png"), full_page=True)
    assert page.is_checked('.cw-facet[data-filter="jurisdiction"] input[value="yuxi"]')
    assert {el.get_attribute("data-uid") for el in page.query_selector_all(".cw-results__list .cw-hit")} == narrowed
    assert page.input_value("#cw-search-input") == "費隨事轉"

    assert any("/pagefind/" in url for url in guard.requests)  # the index came from this origin
