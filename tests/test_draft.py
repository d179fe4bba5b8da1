"""The drafting desk (起草助手, ``draft/``) in the browser, on the built site under a sub-path:
a pasted draft in either script, the shared wording marked on both sides, the overview,
filters in the URL, and a precedent's 复制引文 and 摘录; and the search page answering a
pasted sentence by closeness.  The ranking itself is measured in tests/test_draft_eval.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

# Two sentences with precedents (lanzhou-2013/p2-para4-s2, yuxi-2018/p2-3-14; lanzhou-2013/
# p2-1-para2-s2) in new words, and one of boilerplate with no precedent.
DRAFT = ("各有关部门凡需社区协助办理的工作事项，应当按照费随事转、权随责走的要求，同时提供相应工作经费和必要的工作条件。"
         "新建住宅小区入住居民达到一半以上时，要及时组建社区居民委员会。"
         "进一步加强各级领导，坚持推进。")
DRAFT_HANT = ("各有關部門凡需社區協助辦理的工作事項，應當按照費隨事轉、權隨責走的要求，同時提供相應工作經費和必要的工作條件。"
              "新建住宅小區入住居民達到一半以上時，要及時組建社區居民委員會。"
              "進一步加強各級領導，堅持推進。")
FIRST = {"lanzhou-2013/p2-para4-s2", "yuxi-2018/p2-3-14"}
SECOND = "lanzhou-2013/p2-1-para2-s2"


def open_draft(page, serve_site, prefix: str, text: str, query: str = ""):
    page.goto(f"{serve_site.url}{prefix}draft/?text={quote(text)}{query}")
    page.wait_for_selector("#cw-draft-page[data-done]", timeout=15000)


def hits_of(page, sentence: int) -> list[str]:
    return page.eval_on_selector_all(f"#s{sentence} .cw-draft-hit .cw-pin", "ps => ps.map(p => p.dataset.uid)")


pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix, text", [("", DRAFT), ("zh-Hant/", DRAFT_HANT), ("", DRAFT_HANT), ("zh-Hant/", DRAFT)])
def test_a_pasted_draft_finds_each_sentences_precedents_in_either_script(page, serve_site, artifacts, prefix, text):
    open_draft(page, serve_site, prefix, text)
    assert page.input_value("#cw-draft-text") == text   # the draft came back from the URL
    assert len(page.query_selector_all(".cw-draft-sentence")) == 3
    first, second = hits_of(page, 1), hits_of(page, 2)
    assert FIRST <= set(first[:3]), first
    assert SECOND in second[:3], second
    # Each hit links to its record's anchor, in this script's build, under the sub-path.
    hrefs = page.eval_on_selector_all("#s1 .cw-draft-hit__head", "as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(serve_site.url + prefix + "documents/") and "#" in h for h in hrefs)
    shown = page.inner_text("#s1 .cw-draft-hit__text")
    assert ("費隨事轉" in shown) == (prefix == "zh-Hant/")   # precedents in the page's script
    if text == DRAFT_HANT and prefix:
        page.screenshot(path=str(artifacts / "draft-hant.png"), full_page=True)


def test_shared_wording_is_marked_on_both_sides_as_text(page, serve_site):
    open_draft(page, serve_site, "", DRAFT)
    draft_marks = page.eval_on_selector_all("#s1 .cw-draft-sentence__text mark", "ms => ms.map(m => m.textContent)")
    hit = page.locator("#s1 .cw-draft-hit").first
    clause_marks = hit.locator(".cw-draft-hit__text mark").all_text_contents()
    assert draft_marks and clause_marks
    def fold(s: str) -> str:
        return re.sub(r"\W", "", s)
    # Every run marked in the precedent is wording of the draft sentence.
    sentence = fold(DRAFT.split("。")[0])
    assert all(fold(m) in sentence for m in clause_marks), clause_marks
    assert any(len(fold(m)) >= 4 for m in clause_marks)
    # The third sentence is boilerplate: what it shares with any clause is too little to be a precedent.
    assert "cw-draft-sentence--new" in page.get_attribute("#s3", "class")
    for words in page.eval_on_selector_all("#s3 .cw-draft-hit__text mark", "ms => ms.map(m => m.textContent)"):
        assert fold(words) in fold(DRAFT.split("。")[2])
    assert page.eval_on_selector_all(".cw-draft-page mark *", "ms => ms.length") == 0


def test_the_overview_marks_each_sentence_and_names_the_jurisdictions(page, serve_site, artifacts):
    open_draft(page, serve_site, "", DRAFT)
    rows = page.query_selector_all(".cw-draft__sentences > li")
    assert len(rows) == 3
    verdicts = [r.query_selector(".cw-verdict").get_attribute("class") for r in rows]
    assert "cw-verdict--new" not in verdicts[0] and "cw-verdict--new" not in verdicts[1]
    assert "cw-verdict--new" in verdicts[2]
    assert rows[0].query_selector("a").get_attribute("href") == "#s1"
    status = page.inner_text(".cw-draft__status")
    assert "共 3 句" in status and "新表述 1 句" in status
    most = page.inner_text(".cw-draft__most")
    assert "兰州市" in most
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"draft-{width}.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_filters_travel_in_the_url_and_narrow_the_precedents(page, serve_site):
    open_draft(page, serve_site, "", DRAFT, "&jurisdiction=yuxi")
    assert page.input_value('select[name="jurisdiction"]') == "yuxi"
    uids = page.eval_on_selector_all(".cw-draft-hit .cw-pin", "ps => ps.map(p => p.dataset.uid)")
    assert uids and all(u.startswith("yuxi-") for u in uids)
    # The form writes the same names back: changing the draft keeps the filter.
    page.fill("#cw-draft-text", "新建住宅小区入住居民达到一半以上时，要及时组建社区居民委员会。")
    page.select_option('select[name="level"]', "city")
    page.click(".cw-draft__go")
    page.wait_for_selector("#cw-draft-page[data-done]")
    assert "jurisdiction=yuxi" in page.url and "level=city" in page.url and "genre=" not in page.url


def test_a_precedent_is_cited_and_pinned_as_on_its_own_page(page, serve_site, built_site):
    provisions = {row["id"]: row for row in json.loads((built_site / "data" / "provisions.json").read_text("utf-8"))}
    open_draft(page, serve_site, "zh-Hant/", DRAFT)
    hit = page.locator(f'#s2 .cw-draft-hit:has(.cw-pin[data-uid="{SECOND}"])')
    page.evaluate("navigator.clipboard.writeText('')")
    hit.locator(".cw-cite").click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)")
    assert page.evaluate("navigator.clipboard.readText()") == provisions[SECOND]["citation_hant"]
    hit.locator(".cw-pin").click()
    assert hit.locator(".cw-pin").get_attribute("aria-pressed") == "true"
    page.goto(serve_site.url + "zh-Hant/pins/")
    page.wait_for_selector(".cw-pins__entry")
    entries = page.eval_on_selector_all(".cw-pins__entry", "es => es.map(e => e.dataset.uid)")
    assert entries == [SECOND]
    assert page.inner_text(".cw-pins__text") == provisions[SECOND]["citation_hant"]
    # Back on the draft, the precedents the script lists show that one as pinned already.
    open_draft(page, serve_site, "zh-Hant/", DRAFT)
    again = page.locator(f'#s2 .cw-pin[data-uid="{SECOND}"]').first
    assert again.get_attribute("aria-pressed") == "true" and again.inner_text() == "已摘錄"


def test_a_draft_in_the_url_is_only_ever_text(page, serve_site):
    hostile = '<img src=x onerror="window.hacked=1">建立社区工作事项准入制度。<script>window.hacked=2</script>'
    open_draft(page, serve_site, "", hostile)
    assert page.evaluate("window.hacked") is None
    assert page.eval_on_selector_all(".cw-draft-page img, .cw-draft__results script", "n => n.length") == 0
    assert "<img" in page.inner_text(".cw-draft__sentences")


def test_the_search_page_answers_a_pasted_sentence_by_closeness(page, serve_site):
    sentence = DRAFT.split("。")[0] + "。"
    page.goto(f"{serve_site.url}search/?q={quote(sentence)}")
    page.wait_for_selector(".cw-results__list .cw-hit")
    uids = page.eval_on_selector_all(".cw-results__list .cw-hit", "hs => hs.map(h => h.dataset.uid)")
    assert FIRST <= set(uids[:3]), uids
    assert page.get_attribute('.cw-results__order button[data-order="relevance"]', "aria-pressed") == "true"
    link = page.get_attribute(".cw-results__draft a", "href")
    assert "draft/#text=" in link and page.is_visible(".cw-results__draft")
    # 按效力层级: the same clauses, in the index's order.
    page.click('.cw-results__order button[data-order="level"]')
    page.wait_for_function("() => location.search.includes('order=level')")
    page.wait_for_selector(".cw-results__list .cw-hit")
    by_level = page.eval_on_selector_all(".cw-results__list .cw-hit", "hs => hs.map(h => h.dataset.uid)")
    assert sorted(by_level) == sorted(uids) and by_level != uids
    page.click(".cw-results__draft a")
    page.wait_for_selector("#cw-draft-page[data-done]")
    assert set(hits_of(page, 1)[:3]) >= FIRST


def test_a_search_with_no_hits_says_what_to_try(page, serve_site):
    page.goto(f"{serve_site.url}search/?q={quote('龘龘龘')}")
    page.wait_for_function("() => document.querySelector('.cw-results__status').textContent.includes('没有找到')")
    assert "起草助手" in page.inner_text(".cw-results__status")
    page.goto(f"{serve_site.url}zh-Hant/search/?q={quote('龘' * 12)}")   # a sentence that nothing shares
    page.wait_for_function("() => document.querySelector('.cw-results__status').textContent.includes('沒有找到')")
    assert "套話" in page.inner_text(".cw-results__status")


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_axe_finds_no_serious_violation_on_a_filled_draft_page(page, serve_site, prefix):
    from test_a11y import serious_violations

    open_draft(page, serve_site, prefix, DRAFT)
    assert serious_violations(page) == []
    page.goto(f"{serve_site.url}{prefix}search/?q={quote(DRAFT.split('。')[0])}")
    page.wait_for_selector(".cw-results__list .cw-hit")
    assert serious_violations(page) == []


def test_the_header_box_offers_a_pasted_sentences_closest_clauses(page, serve_site):
    page.goto(serve_site.url + "zh-Hant/documents/yuxi-2018/")
    page.fill("#cw-search-input", DRAFT_HANT.split("。")[0])
    page.wait_for_selector(".cw-search__hits .cw-hit")
    uids = page.eval_on_selector_all(".cw-search__hits .cw-hit", "hs => hs.map(h => h.dataset.uid)")
    assert FIRST <= set(uids[:3]), uids
    marks = page.eval_on_selector_all(".cw-search__hits .cw-hit mark", "ms => ms.map(m => m.textContent)")
    assert "費隨事轉" in "".join(marks)


def test_a_phrase_can_be_listed_by_relevance_or_by_level(page, serve_site):
    page.goto(f"{serve_site.url}search/?q={quote('费随事转')}")
    page.wait_for_selector(".cw-results__list .cw-hit")
    assert page.get_attribute('.cw-results__order button[data-order="level"]', "aria-pressed") == "true"
    assert not page.is_visible(".cw-results__draft")   # a phrase, not a sentence
    by_level = page.eval_on_selector_all(".cw-results__list .cw-hit", "hs => hs.map(h => h.dataset.uid)")
    page.click('.cw-results__order button[data-order="relevance"]')
    page.wait_for_function("() => location.search.includes('order=relevance')")
    page.wait_for_function("n => document.querySelectorAll('.cw-results__list .cw-hit').length === n", arg=len(by_level))
    by_relevance = page.eval_on_selector_all(".cw-results__list .cw-hit", "hs => hs.map(h => h.dataset.uid)")
    assert by_level and sorted(by_relevance) == sorted(by_level)
    # Every hit holds the phrase whole, and shows it marked.
    texts = page.eval_on_selector_all(".cw-results__list .cw-hit__text", "ts => ts.map(t => t.textContent)")
    assert all("费随事转" in t for t in texts)
    marks = page.eval_on_selector_all(".cw-results__list mark", "ms => ms.map(m => m.textContent)")
    assert marks and all(m in "费随事转" for m in marks)


def test_the_desk_is_in_both_scripts_in_the_nav_and_its_method_on_the_about_page(built_site):
    hans = (built_site / "draft" / "index.html").read_text("utf-8")
    hant = (built_site / "zh-Hant" / "draft" / "index.html").read_text("utf-8")
    assert 'name="text"' in hans and 'name="text"' in hant
    assert "逐句概览" in hans and "逐句概覽" in hant
    for name in ("jurisdiction", "level", "genre", "topic"):   # the search page's parameter names
        assert f'name="{name}"' in hans
    assert 'href="../about/#closeness"' in hans
    home = (built_site / "index.html").read_text("utf-8")
    assert 'href="draft/"' in home   # in the site's navigation
    about = (built_site / "about" / "index.html").read_text("utf-8")
    section = about[about.index('id="closeness"'):]
    assert "套话" in section[:3000] and "5%" in section[:3000]


# A sentence with no precedent in the corpus (tests/draft_eval.yaml) and one whose quantity is
# a comparable indicator's: the targets, by hand from crosswalk/indicators.yaml and the
# records (每个社区: 兰州 350, 玉溪 400, 米易 400 平方米).
NOVEL = "在汛期前储备沙袋、抽水泵等防汛物资，并明确转移避险路线。"
NUMERIC = "每个社区的综合服务设施面积不低于300平方米。"


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_a_new_sentence_lists_nothing_and_a_number_is_compared(page, serve_site, prefix):
    open_draft(page, serve_site, prefix, NOVEL + NUMERIC)
    assert "cw-draft-sentence--new" in page.get_attribute("#s1", "class")
    assert page.eval_on_selector_all("#s1 .cw-draft-hit", "hs => hs.length") == 0
    assert page.is_visible("#s1 .cw-draft-sentence__none")
    row = page.locator('#s2 .cw-draft-numbers__row[data-indicator="facility-area-per-community"]')
    text = row.inner_text()
    expected = ["300平方米", "蘭州市 350", "玉溪市 400", "米易縣 400"] if prefix else ["300平方米", "兰州市 350", "玉溪市 400", "米易县 400"]
    assert all(e in text for e in expected), text
    assert row.locator(".cw-draft-numbers__standing--below").count() == 1
    assert "3" in row.locator(".cw-draft-numbers__standing").inner_text()   # 低于全部 3 个先例
    assert page.eval_on_selector_all("#s1 .cw-draft-numbers", "n => n.length") == 0


def test_the_comparison_table_downloads_as_word_and_reads_back(page, serve_site, built_site, tmp_path):
    docx = pytest.importorskip("docx")
    provisions = {row["id"]: row for row in json.loads((built_site / "data" / "provisions.json").read_text("utf-8"))}
    open_draft(page, serve_site, "", DRAFT + NUMERIC)
    listed = {k: hits_of(page, k) for k in (1, 2, 4)}
    assert listed[1] and listed[2]
    with page.expect_download() as info:
        page.click(".cw-draft__download")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "起草对照表.docx"
    doc = docx.Document(str(path))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    for sentence in (DRAFT.split("。")[0], DRAFT.split("。")[1], NUMERIC.rstrip("。")):
        assert sentence in paragraphs, sentence
    assert "300平方米" in paragraphs and "玉溪市 400" in paragraphs
    # Each listed precedent's citation, as the record's own page gives it, and its units.
    for uid in listed[1] + listed[2]:
        assert provisions[uid]["citation"] in cells, uid
    assert len(doc.tables) == sum(bool(v) for v in listed.values())


def test_a_5000_character_draft_works_behind_an_8_kb_request_line_limit(browser, serve_site):
    """nginx's default: a request line over 8 KB is answered 414.  The draft travels in the
    fragment, so no request carries it; the old ?text= address would not get through."""
    from conftest import _Handler, serving

    class Limited(_Handler):
        def parse_request(self):
            if len(self.raw_requestline) > 8192:
                self.requestline, self.request_version, self.command = "", "HTTP/1.1", "GET"
                self.path = self.raw_requestline[:80].decode("latin-1")
                self.send_error(414)
                return False
            return super().parse_request()

    sentences = [line.split("draft: ", 1)[1] for line in (Path(__file__).parent / "draft_eval.yaml").read_text("utf-8").splitlines()
                 if line.startswith("- draft: ")]
    assert len(sentences) >= 60
    draft = "".join(sentences * 3)[:5000]
    assert len(draft) == 5000
    with serving(serve_site.root, Limited) as served:
        context = browser.new_context()
        page = context.new_page()
        try:
            assert page.goto(f"{served.url}draft/?text={quote(draft)}").status == 414   # the limit is real
            page.goto(f"{served.url}draft/")
            page.fill("#cw-draft-text", draft)
            page.click(".cw-draft__go")
            page.wait_for_selector("#cw-draft-page[data-done]", timeout=120000)
            pieces = [p for p in re.split("[。；！？]", draft) if p.strip()]   # how the desk cuts sentences
            assert page.eval_on_selector_all(".cw-draft-sentence", "s => s.length") == len(pieces) > 100
            assert page.eval_on_selector_all(".cw-draft__sentences > li", "s => s.length") == len(pieces)
            address = page.url
            assert "#text=" in address and "?" not in address
            # The address is the draft: opened afresh, it comes back whole.
            page.goto("about:blank")
            page.goto(address)
            page.wait_for_selector("#cw-draft-page[data-done]", timeout=120000)
            assert page.input_value("#cw-draft-text") == draft
        finally:
            context.close()
        assert max(len(path) for path, _ in served.log) < 8192
        assert [s for _, s in served.log if s == 414] == [414]
