"""Citations in the browser: what the buttons copy, the pins export and the search hits show
is the text the build made (``provisions.json``), not something the page put together."""

from __future__ import annotations

import json
from datetime import date

import pytest
import rispy

from generator.analysis.citations import ACCESS_SLOT, nested

pytestmark = pytest.mark.browser

TASK_14 = "yuxi-2018/p2-3-14"        # 14.实行社区准入制度 … (责任单位:…)
NEWS = "lanzhou-2013/p2-para4-s2"     # a Traditional source: 费随事转 as the report prints it
FIELD = {"": "citation", "zh-Hant/": "citation_hant"}
SCRIPT = {"": "hans", "zh-Hant/": "hant"}


@pytest.fixture(scope="module")
def provisions(built_site):
    rows = json.loads((built_site / "data" / "provisions.json").read_text(encoding="utf-8"))
    assert rows
    return {row["id"]: row for row in rows}


def quoted_part(text: str) -> str:
    """The quotation of a citation (between ：“ and the last ”), inner marks restored."""
    return nested(text[text.index("：“") + 2:text.rindex("”")])


def copied_by(page, button) -> str:
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    page.wait_for_function("b => b.classList.contains('cw-done')", arg=button.element_handle())
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
@pytest.mark.parametrize("uid", [TASK_14, NEWS])
def test_copy_citation_copies_exactly_the_citation_of_provisions_json(page, serve_site, provisions, prefix, uid):
    doc, rid = uid.split("/")
    page.goto(f"{serve_site.url}{prefix}documents/{doc}/#{rid}")
    button = page.locator(f'[id="{rid}"] > .cw-record__head .cw-cite[data-form="citation"]')
    assert copied_by(page, button) == provisions[uid][FIELD[prefix]]
    gbt = page.locator(f'[id="{rid}"] > .cw-record__head .cw-cite[data-form="gbt"]')
    assert copied_by(page, gbt) == provisions[uid][FIELD[prefix].replace("citation", "citation_gbt")]


def test_the_pins_export_lists_the_citations_of_provisions_json(page, serve_site, provisions, built_site):
    for uid in (TASK_14, NEWS):
        doc, rid = uid.split("/")
        page.goto(f"{serve_site.url}documents/{doc}/#{rid}")
        page.locator(f'[id="{rid}"] > .cw-record__head .cw-pin').click()
    page.goto(serve_site.url + "pins/")
    page.wait_for_selector(".cw-pins__entry")
    button = page.locator('.cw-pins button[data-action="copy"]')
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"1. {provisions[TASK_14]['citation']}\n\n2. {provisions[NEWS]['citation']}\n"
    # For reference managers: RIS and CSL-JSON, each pin its document's item from citations.csl.json.
    items = {i["id"]: i for i in json.loads((built_site / "data" / "citations.csl.json").read_text(encoding="utf-8"))}
    exported = {}
    for action in ("ris", "csl"):
        with page.expect_download() as download:
            page.locator(f'.cw-pins button[data-action="{action}"]').click()
        exported[action] = download.value.path().read_text(encoding="utf-8")
    today = date.today()
    csl = json.loads(exported["csl"])
    assert [i["id"] for i in csl] == [TASK_14, NEWS]
    for item in csl:
        document = items[item["id"].split("/")[0]]
        assert {k: v for k, v in item.items() if k not in ("id", "note", "accessed")} == {
            k: v for k, v in document.items() if k != "id"}
        assert item["note"] == provisions[item["id"]]["citation"]
        assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    ris = rispy.loads(exported["ris"])
    assert [e["id"] for e in ris] == [TASK_14, NEWS]
    assert ris[0]["type_of_reference"] == "ELEC" and ris[1]["type_of_reference"] == "NEWS"
    assert ris[0]["authors"] == ["中共玉溪市委", "玉溪市人民政府"] and ris[0]["title"] == items["yuxi-2018"]["title"]
    assert ris[1]["title"] == "蘭州啟動城市社區管理體制改革" and ris[1]["secondary_title"] == "鑫報"
    assert ris[0]["year"] == "2018" and ris[0]["date"] == "2018/10/31/" and ris[0]["publisher"] == items["yuxi-2018"]["publisher"]
    assert ris[0]["access_date"] == today.strftime("%Y/%m/%d/")
    assert ris[0]["notes"] == [provisions[TASK_14]["citation"]]
    # A copied GB/T entry gets the day of copying in its [引用日期] slot (this build has no
    # site_url, so its entries have none: the function the buttons use is tried here).
    entry = f"X[EB/OL]. 本站, 2018{ACCESS_SLOT}. https://example.org/x/."
    module = f"{serve_site.url}assets/crosswalk/wording.js"
    assert page.evaluate("([m, e]) => import(m).then(w => w.accessed(e))", [module, entry]) == entry.replace(
        ACCESS_SLOT, today.strftime("[%Y-%m-%d]"))


TOPIC = "topics/work-item-access/"   # holds TASK_14 and NEWS, from a Simplified and a Traditional source


def topic_clause(page, uid: str, form: str):
    return page.locator(f'.cw-excerpt:has(.cw-pin[data-uid="{uid}"]) .cw-cite[data-form="{form}"]')


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
@pytest.mark.parametrize("uid", [TASK_14, NEWS])
def test_a_topic_page_copies_the_same_citation_as_the_document_page(page, serve_site, provisions, prefix, uid):
    page.goto(f"{serve_site.url}{prefix}{TOPIC}")
    assert copied_by(page, topic_clause(page, uid, "citation")) == provisions[uid][FIELD[prefix]]
    gbt = FIELD[prefix].replace("citation", "citation_gbt")
    assert copied_by(page, topic_clause(page, uid, "gbt")) == provisions[uid][gbt]


def pinned_citations(page) -> list[str]:
    page.wait_for_selector(".cw-pins__entry")
    # An entry pinned in the other script says so until its wording in this one has arrived.
    page.wait_for_function("() => [...document.querySelectorAll('.cw-pins__note')].every(n => !n.textContent)")
    return page.eval_on_selector_all(".cw-pins__entry .cw-pins__text", "ps => ps.map(p => p.textContent)")


def test_a_clause_pinned_on_a_topic_page_is_on_the_pins_page(page, serve_site, provisions):
    page.goto(f"{serve_site.url}{TOPIC}")
    pin = page.locator(f'.cw-excerpt .cw-pin[data-uid="{NEWS}"]')
    pin.click()
    assert pin.get_attribute("aria-pressed") == "true"
    page.goto(serve_site.url + "pins/")
    assert pinned_citations(page) == [provisions[NEWS]["citation"]]
    # The entry links to the clause on its document page, in the pins page's script.
    href = page.locator(".cw-pins__cite a").get_attribute("href")
    assert href == "/community-crosswalk/documents/lanzhou-2013/#p2-para4-s2"


@pytest.mark.parametrize("pinned_on, shown_on", [("", "zh-Hant/"), ("zh-Hant/", "")])
@pytest.mark.parametrize("where", ["documents/yuxi-2018/", TOPIC])
def test_the_pins_page_shows_a_clause_pinned_in_the_other_script_in_its_own(page, serve_site, provisions,
                                                                            pinned_on, shown_on, where):
    page.goto(f"{serve_site.url}{pinned_on}{where}")
    page.locator(f'.cw-pin[data-uid="{TASK_14}"]').first.click()
    page.goto(f"{serve_site.url}{shown_on}pins/")
    citation = provisions[TASK_14][FIELD[shown_on]]
    assert pinned_citations(page) == [citation]
    # The quote (the CSV's 条文 column) is kept in this script too.
    kept = page.evaluate("JSON.parse(localStorage.getItem(Object.keys(localStorage)[0])).items[0]")
    assert kept[SCRIPT[shown_on]]["text"] == quoted_part(citation)
    assert page.locator(".cw-pins__cite a").get_attribute("href") == \
        f"/community-crosswalk/{shown_on}documents/yuxi-2018/#p2-3-14"
    # Headed by the document's title and the clause's place in its numbering, in this script
    # (content/documents/yuxi-2018.yaml's title; 二、(三) 14. as the document numbers them).
    assert page.locator(".cw-pins__cite a").inner_text() == HEADING_14[shown_on]


HEADING_14 = {"": "《关于加强和完善城乡社区治理的实施意见》 第二部分第（三）项第14条",
              "zh-Hant/": "《關於加強和完善城鄉社區治理的實施意見》 第二部分第（三）項第14條"}


DATA_FILE = "**/data/provisions/yuxi-2018.json.gz"


def test_a_pin_whose_data_file_is_not_read_in_time_gets_its_wording_on_the_pins_page(page, serve_site,
                                                                                       provisions):
    page.route(DATA_FILE, lambda route: route.abort())
    page.goto(f"{serve_site.url}documents/yuxi-2018/")
    pin = page.locator(f'.cw-pin[data-uid="{TASK_14}"]')
    with page.expect_event("requestfailed", lambda r: r.url.endswith("/data/provisions/yuxi-2018.json.gz")):
        pin.click()
    assert pin.get_attribute("aria-pressed") == "true"   # pinned at once, its wording to follow
    page.unroute(DATA_FILE)
    page.goto(f"{serve_site.url}zh-Hant/pins/")
    assert pinned_citations(page) == [provisions[TASK_14]["citation_hant"]]


def test_a_pin_whose_data_file_cannot_be_read_keeps_its_link_and_says_so(page, serve_site):
    page.route(DATA_FILE, lambda route: route.abort())
    page.goto(f"{serve_site.url}documents/yuxi-2018/")
    page.locator(f'.cw-pin[data-uid="{TASK_14}"]').click()
    page.goto(f"{serve_site.url}pins/")
    page.wait_for_selector(".cw-pins__entry")
    expected = page.locator(".cw-pins").get_attribute("data-unread")
    page.wait_for_function("t => document.querySelector('.cw-pins__note').textContent === t", arg=expected)
    assert expected and page.locator(".cw-pins__text").inner_text() == ""
    assert page.locator(".cw-pins__cite a").get_attribute("href") == "/community-crosswalk/documents/yuxi-2018/#p2-3-14"


def test_a_citation_whose_data_file_cannot_be_read_says_so_and_copies_nothing(page, serve_site):
    page.route(DATA_FILE, lambda route: route.abort())
    page.goto(f"{serve_site.url}documents/yuxi-2018/#p2-3-14")
    page.evaluate("navigator.clipboard.writeText('unchanged')")
    button = page.locator('[id="p2-3-14"] > .cw-record__head .cw-cite[data-form="citation"]')
    button.click()
    failed = page.locator(".cw-records").get_attribute("data-failed")
    page.wait_for_function("([b, t]) => b.textContent === t", arg=[button.element_handle(), failed])
    assert page.evaluate("navigator.clipboard.readText()") == "unchanged"


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_a_search_hit_shows_the_quote_verbatim(page, serve_site, provisions, prefix):
    page.goto(f"{serve_site.url}{prefix}search/?q=费随事转")
    page.wait_for_selector(".cw-results__list .cw-hit")
    shown = page.eval_on_selector_all(
        ".cw-results__list .cw-hit", "hs => hs.map(h => [h.dataset.uid, h.querySelector('.cw-hit__text').textContent])")
    assert {TASK_14, NEWS} <= {uid for uid, _ in shown}
    for uid, text in shown:
        quote = quoted_part(provisions[uid][FIELD[prefix]])
        # The snippet may be cut around the match, marked with … outside the quoted words.
        assert text.strip("…") in quote, (uid, prefix, text)


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_a_browser_without_decompression_streams_copies_and_searches_through_the_vendored_inflater(
        page, serve_site, provisions, prefix):
    """The data files and hit packs are gzipped; a browser that lacks DecompressionStream
    (Safari before 16.4, Firefox before 113) inflates them with assets/vendor/fflate."""
    page.add_init_script("delete window.DecompressionStream")
    fetched = []
    page.on("requestfinished", lambda r: fetched.append(r.url))
    page.goto(f"{serve_site.url}{prefix}documents/yuxi-2018/#p2-3-14")
    assert page.evaluate("typeof DecompressionStream") == "undefined"
    button = page.locator('[id="p2-3-14"] > .cw-record__head .cw-cite[data-form="citation"]')
    assert copied_by(page, button) == provisions[TASK_14][FIELD[prefix]]
    page.goto(f"{serve_site.url}{prefix}search/?q=费随事转")
    page.wait_for_selector(".cw-results__list .cw-hit")
    shown = page.eval_on_selector_all(".cw-results__list .cw-hit",
                                      "hs => hs.map(h => [h.dataset.uid, h.querySelector('.cw-hit__text').textContent])")
    assert {TASK_14, NEWS} <= {uid for uid, _ in shown}
    for uid, text in shown:
        assert text.strip("…") in quoted_part(provisions[uid][FIELD[prefix]]), (uid, text)
    assert any(url.endswith("/assets/vendor/fflate/browser.js") for url in fetched)
