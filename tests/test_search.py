"""Clause search: what is indexed, the index files as the search modules read them
(theme/assets/crosswalk/search/), the query character map, and searching in a browser.

The index (``site/search-index/``) is shared by Simplified and Traditional pages; the site is
served under a sub-path, as GitHub Pages serves it.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator import chinese
from generator.analysis.closeness import char_map, written_texts
from generator.search import index_format
from generator.search.index_format import (
    DIR,
    Entry,
    decode_list,
    encode_list,
)
from generator.search.records import (
    FILTERS,
    build_index,
    clause_text,
    filter_labels,
    index_tokens,
    search_record,
    search_records,
    stored,
    tokens,
    write_index,
)

ROOT = Path(__file__).resolve().parent.parent
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@pytest.fixture(scope="module")
def records(corpus):
    return search_records(corpus)


@pytest.fixture(scope="module")
def index(built_site) -> Path:
    return built_site / DIR


# --- tokens and the character map -------------------------------------------------------------

def test_a_term_is_its_bigrams_a_lone_character_itself():
    assert tokens("费随事转") == ["费随", "随事", "事转"]
    assert tokens("村") == ["村"]
    assert tokens("12349热线, Policy-2") == ["12349", "热线", "policy", "2"]
    assert tokens("１２３４９") == ["12349"]  # full-width digits fold (NFKC)
    assert tokens("。,、“”") == []


def test_a_record_is_indexed_under_every_token_a_term_it_holds_can_ask_for(corpus):
    text = clause_text(corpus.records["yuxi-2018/p2-3-14"])
    held = index_tokens(text)
    for term in ("社区工作事项准入", "权", "事项", "费随事转"):
        assert set(tokens(term)) <= held, term
    assert not set(tokens("红白理事会")) <= held


def test_every_record_holding_a_term_is_found_and_few_others(records):
    """A term matches the records holding all its tokens: every record that holds the term
    (no misses), and for terms of three or more characters sometimes a record holding its
    pairs apart (4–5 % of such terms over the whole corpus; a seventh of them is checked here)."""
    texts = [r.meta["text"] for r in records]
    held = [index_tokens(t) for t in texts]
    terms = sorted({run[i:i + n] for t in texts for run in HAN_RUN.findall(t) for n in (3, 4)
                    for i in range(len(run) - n + 1)})[::7]   # a seventh of them keeps the test quick
    extra = 0
    for term in terms:
        found = {k for k, h in enumerate(held) if set(tokens(term)) <= h}
        exact = {k for k, t in enumerate(texts) if term in t}
        assert exact <= found, term
        extra += found != exact
    assert extra / len(terms) < 0.06


def test_char_map_takes_traditional_queries_to_simplified():
    mapping = char_map("費隨事轉紅白理事會權隨責走")
    assert "".join(mapping.get(ch, ch) for ch in "費隨事轉紅白理事會權隨責走") == "费随事转红白理事会权随责走"
    assert all(len(t) == len(s) == 1 and t != s for t, s in mapping.items())


def test_the_fold_map_learns_the_forms_phrases_write_from_the_texts_themselves():
    """s2tw writes 着力 as 著力 and 了解 as 瞭解, and keeps 著 and 瞭 as they are one by one (顯著,
    明瞭): learned from the texts' own round trip, each to what it stood for most often."""
    from generator.analysis.closeness import fold_map, learned_pairs

    assert "著" not in char_map("著瞭") and "瞭" not in char_map("著瞭")
    t2s = fold_map(["着力推进", "着力解决", "了解情况", "成效显著"])
    assert (t2s["著"], t2s["瞭"]) == ("着", "了")
    assert "".join(t2s.get(ch, ch) for ch in "著力推進，瞭解情況") == "着力推进，了解情况"
    # By hand: 著 stands for 着 twice (and for itself in 显著, no pair); a text of another length is not read
    # (顯 for 显 is the character map's already.)
    assert learned_pairs(["着力", "显著着手", "显著", "了解"], ["著力", "顯著著手", "顯著", "瞭解了"],
                         {"顯": "显"}) == {"著": "着"}


def test_the_manifest_maps_the_cjk_block_to_simplified(index):
    data = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    mapping = dict(zip(data["t2s"][::2], data["t2s"][1::2]))
    assert len(mapping) > 2500
    assert "".join(mapping.get(ch, ch) for ch in "費隨事轉紅白理事會") == "费随事转红白理事会"


# --- the records -------------------------------------------------------------------------------

# Lanzhou's 二、 fourth paragraph, second sentence, as the seed prints it (source line 46, with
# its heading at line 38, 改革亮點:厘清行政自治服務關系), the frame written out by hand.
LANZHOU_CITE = {
    "hans": "据《鑫报》2013年1月8日《兰州启动城市社区管理体制改革》一文“改革亮点：厘清行政自治服务关系”部分报道："
            "“政府相关部门确需延伸到社区的工作任务全部纳入社区服务站统一受理或办理,并提供必要的工作条件和经费,"
            "落实‘权随责走、费随事转’的要求。”",
    "hant": "據《鑫報》2013年1月8日《蘭州啟動城市社區管理體制改革》一文“改革亮點：厘清行政自治服務關系”部分報道："
            "“政府相關部門確需延伸到社區的工作任務全部納入社區服務站統一受理或辦理,并提供必要的工作條件和經費,"
            "落實‘權隨責走、費隨事轉’的要求。”",
}
UNNEST = str.maketrans("“”‘’", "‘’“”")   # a quotation's inner marks, back as printed (search-format §10)


def test_one_record_per_clause_shown_in_both_scripts(corpus, records):
    """The rank order is checked against the specification in test_search_format.py."""
    assert len(records) == sum(1 for r in corpus.records.values() if r.title or r.text) > 200
    lanzhou = search_record(corpus, corpus.records["lanzhou-2013/p2-para4-s2"])
    assert set(tokens("费随事转")) <= index_tokens(lanzhou.meta["text"])   # indexed in Simplified...
    assert "費隨事轉" in lanzhou.meta["text_hant"]                          # ...shown in either script
    assert lanzhou.meta["jurisdiction"] == "兰州市" and lanzhou.meta["jurisdiction_hant"] == "蘭州市"
    assert set(lanzhou.meta) == {f"{k}{s}" for k in ("doc", "jurisdiction", "label", "kind", "text", "level", "units",
                                                     "targets", "cite") for s in ("", "_hant")}
    assert lanzhou.meta["level"] == "市级" and lanzhou.meta["level_hant"] == "市級"
    # The citation is the record's own 复制引文 wording, in each script, ending at its address.
    assert (lanzhou.meta["cite"], lanzhou.meta["cite_hant"]) == (LANZHOU_CITE["hans"], LANZHOU_CITE["hant"])
    # no site_url in this corpus: the citation ends at its quote, with no address (never a path)
    assert lanzhou.meta["cite"].endswith("”") and "權隨責走" in lanzhou.meta["cite_hant"]


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


def test_every_filter_value_has_a_name(corpus, records):
    labels = filter_labels(corpus)
    for record in records:
        for name, values in record.filters.items():
            assert set(values) <= {v["id"] for v in labels[name]}, (record.url, name)


# --- the index files ----------------------------------------------------------------------------

@pytest.mark.parametrize("values", [[], [0], [5, 6, 7, 300], list(range(0, 4000, 2)), list(range(10, 5000)),
                                    [1, 2 ** 20, 2 ** 31 - 1]])
def test_posting_lists_read_back_and_are_never_much_larger_than_a_bitmap(values):
    data = encode_list(values)
    assert decode_list(data + b"tail") == (values, len(data))
    if values:
        assert len(data) <= (values[-1] - values[0]) // 8 + 12


def test_hits_show_their_fields_in_both_scripts(index, records):
    n = next(k for k, r in enumerate(records) if r.url == "documents/lanzhou-2013/#p2-para4-s2")
    per = json.loads((index / "manifest.json").read_text(encoding="utf-8"))["hits"]   # hits a file (search-format §10)
    assert per > 1
    pack = json.loads(gzip.decompress((index / "r" / str(n // per // 1000) / f"{n // per}.json.gz").read_bytes()))
    hit = pack[n % per]
    assert hit == {"u": "documents/lanzhou-2013/#p2-para4-s2", "d": stored(records[n].meta)}
    # The quote is the citation's span with its quotation marks one level up (search-format §10).
    for script, suffix in (("hans", ""), ("hant", "_hant")):
        start, end = hit["d"]["quote" + suffix]
        assert hit["d"]["cite" + suffix] == LANZHOU_CITE[script]
        assert hit["d"]["cite" + suffix][start:end] == LANZHOU_CITE[script].split("报道：“" if script == "hans" else "報道：“")[1][:-1]
        assert hit["d"]["cite" + suffix][start:end].translate(UNNEST) == records[n].meta["text" + suffix]
    assert "text" not in hit["d"] and "权随责走" in records[n].meta["text"]


def test_the_index_is_the_same_for_the_same_records_and_its_version_changes_with_them(corpus, records, tmp_path):
    labels = filter_labels(corpus)
    first = write_index(records, labels, ["費"], tmp_path / "a")
    again = write_index(records, labels, ["費"], tmp_path / "b")
    fewer = write_index(records[:-1], labels, ["費"], tmp_path / "c")
    assert first == again and fewer["version"] != first["version"]
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_the_build_s_index_made_a_few_records_at_a_time_is_the_index_of_all_of_them(corpus, records, tmp_path,
                                                                                   monkeypatch):
    # The build makes the records a batch at a time, writes their hits as they come and keeps
    # of their texts only the characters the query map needs: batches small enough to split
    # documents, and the same bytes as every record written at once.
    monkeypatch.setattr(chinese, "BATCH", 7)
    build_index(corpus, tmp_path / "batches")
    write_index(records, filter_labels(corpus), written_texts(corpus), tmp_path / "whole")
    files = sorted(p.relative_to(tmp_path / "whole") for p in (tmp_path / "whole").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "batches" / DIR)
                           for p in (tmp_path / "batches" / DIR).rglob("*") if p.is_file())
    assert all((tmp_path / "whole" / f).read_bytes() == (tmp_path / "batches" / DIR / f).read_bytes() for f in files)


def test_records_of_a_document_must_come_together(tmp_path):
    def entry(doc: str) -> Entry:
        return Entry(url=f"documents/{doc}/#x", doc=doc, text="社区", shown={})
    with pytest.raises(ValueError, match="together"):
        index_format.write([entry("a"), entry("b"), entry("a")], {f: [] for f in FILTERS}, "", tmp_path, index_tokens)


def test_one_index_for_both_scripts(built_site):
    assert (built_site / DIR / "manifest.json").exists()
    assert not (built_site / "zh-Hant" / DIR).exists()


def test_every_page_has_one_search_box_next_to_the_script_switcher(built_site):
    for path in ("index.html", "documents/yuxi-2018/index.html", "zh-Hant/documents/yuxi-2018/index.html"):
        html = (built_site / path).read_text(encoding="utf-8")
        assert html.count('class="cw-search"') == 1, path
        assert "cw-script-switch" in html
        assert 'action="../../search/"' in html or 'action="./search/"' in html or 'action="../search/"' in html


SEARCH_JS = ROOT / "theme" / "assets" / "crosswalk" / "search"


def test_search_js_never_writes_markup():
    modules = sorted(SEARCH_JS.glob("*.js")) + [SEARCH_JS.parent / "gunzip.js"]
    assert len(modules) >= 8
    for module in modules:
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", source), module.name


def search_site(records, labels, folder: Path) -> None:
    """A site of one page that loads the search modules over the index of ``records``."""
    write_index(records, labels, [], folder / DIR)
    shutil.copytree(SEARCH_JS.parents[1], folder / "assets")   # the modules and what they import
    (folder / "index.html").write_text(
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>search</title></head>'
        '<body><script type="module" src="assets/crosswalk/search/main.js"></script></body></html>', encoding="utf-8")


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
@pytest.mark.parametrize("where, shown", [("", "着力"), ("zh-Hant/", "著力")])
def test_a_word_copied_from_a_traditional_page_finds_its_records_on_either_search_page(page, serve_site, records,
                                                                                       where, shown):
    """著力 is how the Traditional pages write 着力 (OpenCC's s2tw, by phrase), and OpenCC leaves
    著 as it is alone: the query finds the records saying 着力, marked in the page's script."""
    expected = [r.url.replace("documents/", "").replace("/#", "/") for r in records if "着力" in r.meta["text"]]
    assert expected
    page.goto(serve_site.url + where + "search/?q=著力")
    page.wait_for_selector(".cw-results__list .cw-hit")
    assert [el.get_attribute("data-uid") for el in page.query_selector_all(".cw-results__list .cw-hit")] == expected
    marks = page.eval_on_selector_all(".cw-results__list .cw-hit mark", "ms => ms.map(m => m.textContent)")
    assert marks and set(marks) == {shown}


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

    assert any("/search-index/" in url for url in guard.requests)  # the index came from this origin


@pytest.mark.browser
def test_topic_and_function_filters_from_the_url_list_the_expected_records_in_rank_order(page, serve_site, records):
    wanted = set(tokens("社区"))
    expected = [r.url for r in records if wanted <= index_tokens(r.meta["text"])
                and "governance-capacity" in r.filters.get("topic", []) and "civil-affairs" in r.filters.get("function", [])]
    assert len(expected) >= 2
    page.goto(serve_site.url + "zh-Hant/search/?q=社區&topic=governance-capacity&function=civil-affairs")
    page.wait_for_selector(".cw-results__list .cw-hit")
    page.wait_for_function("() => document.querySelectorAll('.cw-facet__value').length > 0")
    hits = [el.get_attribute("data-uid") for el in page.query_selector_all(".cw-results__list .cw-hit")]
    assert hits == [u.replace("documents/", "").replace("/#", "/") for u in expected[:20]]
    assert page.inner_text(".cw-results__status") == f"共 {len(expected)} 條"
    assert page.is_checked('.cw-facet[data-filter="topic"] input[value="governance-capacity"]')
    # The topic's own count is what choosing it gives, with the function filter still set.
    count = page.inner_text('.cw-facet[data-filter="topic"] li:has(input[value="governance-capacity"]) .cw-facet__count')
    assert int(count) == len(expected)


@pytest.mark.browser
def test_counts_over_many_ranges_wait_for_the_reader_then_match_the_records(page, serve_site, records, corpus,
                                                                          monkeypatch):
    """With ranges of 16 records the bundled corpus spans 14 range files: more than the page
    fetches unasked.  Asked, the counts are those of the records."""
    monkeypatch.setattr(index_format, "RANGE", 16)
    search_site(records, filter_labels(corpus), serve_site.root / "small-ranges")
    page.goto(serve_site.origin + "/small-ranges/index.html")
    unasked, asked = page.evaluate("""async () => {
      const r = await crosswalkSearch.run("社区", {});
      const unasked = await crosswalkSearch.facetList(r, "topic", [], {});
      const asked = await crosswalkSearch.facetList(r, "topic", [], {tally: true, all: true});
      return [unasked.deferred && unasked.values.length === 0, asked.values.map(v => [v.id, v.count])];
    }""")
    assert unasked
    wanted = set(tokens("社区"))
    expected = {}
    for r in records:
        if wanted <= index_tokens(r.meta["text"]):
            for t in r.filters.get("topic", []):
                expected[t] = expected.get(t, 0) + 1
    assert dict(asked) == expected and len(asked) > 10


@pytest.mark.browser
@pytest.mark.parametrize("where, failure, message", [
    ("", "abort", "检索暂不可用：索引文件未能载入（网络错误），请稍后重试。"),
    ("zh-Hant/", "500", "檢索暫不可用：索引文件未能載入（伺服器回應 500），請稍後重試。"),
    ("zh-Hant/", "bytes", "檢索暫不可用：索引文件已損壞或不完整，請刷新頁面後重試。"),
])
def test_an_index_file_that_fails_says_so_in_the_pages_script(page, serve_site, where, failure, message):
    """A bucket that does not come (no answer, a server error, bytes cut short): the header
    box and the search page say so, instead of searching forever."""
    def fail(route):
        if failure == "abort":
            route.abort()
        elif failure == "500":
            route.fulfill(status=500, body="")
        else:   # a token of 5 bytes, two of them there
            route.fulfill(status=200, body=b"\x05ab", content_type="application/octet-stream")

    page.route("**/search-index/b/*.bin*", fail)
    page.goto(serve_site.url + where)
    page.fill("#cw-search-input", "费随事转")
    note = page.wait_for_selector(".cw-search__hits .cw-search__error")
    assert note.text_content() == message
    assert page.get_attribute("#cw-search-input", "aria-expanded") == "true"

    page.goto(serve_site.url + where + "search/?q=费随事转")
    page.wait_for_selector(".cw-results__status--error")
    assert page.inner_text(".cw-results__status") == message
    assert page.query_selector_all(".cw-results__list .cw-hit") == []
