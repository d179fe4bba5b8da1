"""The small things an official trips on with a phone (390 px), in both scripts, served under
a GitHub Pages sub-path: touch targets, marks explained in text a phone shows, compare's sides
named while scrolling, a table of contents down to the deepest heading, the target view with
its filters and 期限 in view, each script's workbook, and no layout shift.

One browser context a script walks the pages in turn (the suite is long enough).
"""

from __future__ import annotations

import io

import pytest

import page_sweep
from conftest import CLS_WATCH, MAX_SHIFT
from test_field import PHONE, SCRIPTS, open_page

pytestmark = pytest.mark.browser

# WCAG 2.5.8: every control at least 24 px each way; a clause's buttons a fingertip (44 px),
# as Lighthouse and the platforms' guidelines ask on phones.  A checkbox's target is its label.
_TARGETS = """() => {
  document.querySelectorAll('.md-content details').forEach(d => d.open = true);
  const found = [], small = [];
  for (const el of document.querySelectorAll(
      '.md-content :is(button, select, summary, input:not([type=hidden]), .cw-role, .cw-ft-cell a)')) {
    if (!el.getClientRects().length) continue;
    const target = (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) || el;
    const r = target.getBoundingClientRect();
    const need = el.matches('.cw-actions button, .cw-doc-cite button') ? 44 : 24;
    found.push(need);
    if (r.width < need - .5 || r.height < need - .5)
      small.push([el.className || el.tagName, el.textContent.trim().slice(0, 12), Math.round(r.width), Math.round(r.height)]);
  }
  return [found, small];
}"""

# Pages with small controls of each kind: record buttons and role tags, search facets, the
# compare form, a unit's duties, the target view, the jurisdiction links of the function × topic table.
TOUCHED = ["documents/yuxi-2018/", "search/?q=准入", "compare/?a=yuxi-2018&b=nanchong-2017",
           "units/yuxi-civil-affairs/", "indicators/", "topics/burden-reduction/", "units/function-topic/"]

# The phrases the about page gives for what 推定 means ("其余都是推定：或按惯例取责任单位
# 列表的第一个为牵头，或取原文所责成的主体"), and what 等 means on a unit list.
INFERRED_MEANS = ["推定", "责任单位列表的第一个为牵头", "原文所责成的主体"]
ETC_MEANS = "以“等”结尾"


@pytest.fixture(scope="module")
def phone(browser, serve_site):
    contexts = {}

    def open_in(script: str):
        if script not in contexts:
            contexts[script] = browser.new_context(viewport=PHONE, has_touch=True, locale="zh-CN")
        return contexts[script].new_page()
    yield open_in
    for context in contexts.values():
        context.close()


def _opened(phone, serve_site, script: str, path: str):
    page = phone(script)
    open_page(page, serve_site.url + SCRIPTS[script] + path)
    return page


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_control_is_big_enough_to_touch(phone, serve_site, script):
    page = phone(script)
    small, kinds = {}, set()
    for path in TOUCHED:
        open_page(page, serve_site.url + SCRIPTS[script] + path)
        found, too_small = page.evaluate(_TARGETS)
        kinds |= set(found)
        if too_small:
            small[path] = too_small
    page.close()
    assert kinds == {24, 44}, "both kinds of control were measured"
    assert small == {}


@pytest.mark.parametrize("script", SCRIPTS)
def test_marks_are_explained_in_text_a_phone_shows(phone, serve_site, script):
    from generator.chinese import to_script
    lang = "hans" if script == "zh-Hans" else "hant"
    page = phone(script)
    for path in ("documents/yuxi-2018/", "topics/burden-reduction/", "units/yuxi-civil-affairs/"):
        open_page(page, serve_site.url + SCRIPTS[script] + path)
        legend = page.locator("details.cw-marks")
        assert legend.count() == 1, path
        summary = legend.locator("summary")
        assert summary.is_visible() and to_script("推定", lang) in summary.inner_text(), path
        summary.click()
        text = legend.inner_text()
        assert all(to_script(p, lang) in text for p in INFERRED_MEANS + [ETC_MEANS]), (path, text)
        box = legend.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], path
    page.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_compare_keeps_each_side_named_while_scrolling(phone, serve_site, script):
    page = _opened(phone, serve_site, script, "compare/?a=yuxi-2018&b=nanchong-2017")
    rows = page.locator(".cw-compare__row")
    assert rows.count() > 10
    row = rows.nth(rows.count() // 2)
    row.scroll_into_view_if_needed()
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(200)
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    head = page.locator(".cw-compare__head").bounding_box()
    assert head and header - 1 <= head["y"] <= header + 1, "the 文件甲/乙 head stays under the site header"
    names = page.locator(".cw-compare__head .cw-compare__which").all_inner_texts()
    assert names == ["文件甲", "文件乙"]
    # Each clause in view says whose it is: the cells of a row stacked, 甲 above 乙.
    marks = page.evaluate("""() => [...document.querySelectorAll('.cw-compare__grid > .cw-compare__cell')]
        .filter(c => { const r = c.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })
        .map(c => getComputedStyle(c, '::before').content)""")
    assert marks and set(marks) <= {'"甲"', '"乙"'}
    page.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_table_of_contents_reaches_the_deepest_heading(phone, serve_site, corpus, script):
    page = _opened(phone, serve_site, script, "documents/yuxi-2018/")
    # Yuxi's deepest titled clauses are the numbered tasks of 二、(一)…(三), at the fourth level.
    deepest = [r for r in corpus.documents["yuxi-2018"].walk() if r.heading and r.id.count("-") == 2]
    assert len(deepest) >= 15
    toc = page.eval_on_selector_all(".md-nav--secondary a.md-nav__link", "links => links.map(a => a.getAttribute('href'))")
    assert [r.id for r in deepest if f"#{r.id}" not in toc] == []
    page.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_target_view_filters_and_shows_the_deadline(phone, serve_site, script):
    page = _opened(phone, serve_site, script, "indicators/")
    table = page.locator("table.cw-requirements")
    head = table.locator("thead th").nth(1)
    assert head.inner_text() == "期限"
    box = head.bounding_box()
    assert box and box["x"] + box["width"] <= PHONE["width"], "期限 in view without scrolling the table"
    rows = table.locator("tbody.cw-trow")
    total = rows.count()
    assert total > 5

    def visible() -> list[list[str]]:
        return rows.evaluate_all("""bodies => bodies.filter(b => !b.hidden && b.getClientRects().length)
            .map(b => [...b.rows[0].cells].map(c => c.textContent.trim()))""")

    every = visible()
    assert len(every) == total
    # 2025: the rows whose 期限, as written, names the year (到2025―2030年).
    expected = [r for r in every if "2025" in r[1]]
    page.select_option(".cw-tfilter select[name=year]", "2025")
    assert expected and visible() == expected
    assert "year=2025" in page.url
    # …and a jurisdiction and an indicator, with no year.
    page.select_option(".cw-tfilter select[name=year]", "")
    jurisdiction = page.locator(".cw-tfilter select[name=j] option").nth(2)
    name = jurisdiction.inner_text()
    page.select_option(".cw-tfilter select[name=j]", jurisdiction.get_attribute("value"))
    shown = visible()
    assert shown and shown == [r for r in every if r[0] == name]
    assert page.locator(".cw-tfilter__count").inner_text().startswith((f"显示 {len(shown)} 项", f"顯示 {len(shown)} 項"))
    page.select_option(".cw-tfilter select[name=j]", "")
    page.select_option(".cw-tfilter select[name=ind]", "none")
    assert 0 < len(visible()) < total and all(r[-1] == "" for r in visible())
    # A view sent as an address opens filtered.
    open_page(page, serve_site.url + SCRIPTS[script] + "indicators/?year=2020")
    assert visible() == [r for r in every if "2020" in r[1]] and len(visible()) >= 2
    page.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_script_downloads_its_own_workbook(phone, serve_site, script):
    import openpyxl
    page = _opened(phone, serve_site, script, "matrices/yuxi-2018/")
    link = page.locator(".cw-downloads a[href$='.xlsx']").first
    with page.expect_download() as download:
        link.click()
    book = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    title = {"zh-Hans": "玉溪市《关于加强和完善城乡社区治理的实施意见》",
             "zh-Hant": "玉溪市《關於加強和完善城鄉社區治理的實施意見》"}[script]
    assert book.sheetnames[0] == title and book[title]["A1"].value == title
    page.close()


# The two pages that fill themselves after they show (search's facets and hits, the draft's
# precedents), on a phone four times slower than this machine and on a desktop, where the
# facets stand beside the results.
# Each with what shows it filled (page_sweep.FILLED): the shift is read once that is there and
# the frame that laid it out has been reported, not after network quiet and half a second.
FILLED = {page_sweep.KINDS["search"]: page_sweep.FILLED["search"], "search/": (".cw-facet__value",),
          page_sweep.KINDS["draft"]: page_sweep.FILLED["draft"]}
# Two frames, then a task: layout-shift entries of the frame that laid out the fill are reported.
_FRAMED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done))))"


@pytest.mark.parametrize("script", SCRIPTS)
def test_search_and_draft_do_not_shift_as_they_fill(browser, serve_site, script):
    shifts = {}
    for viewport in (PHONE, {"width": 1366, "height": 900}):
        context = browser.new_context(viewport=viewport, has_touch=viewport is PHONE, locale="zh-CN")
        context.add_init_script(CLS_WATCH)
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        for path, selectors in FILLED.items():
            response = page.goto(serve_site.url + SCRIPTS[script] + path)
            assert response is not None and response.status == 200, path
            assert page_sweep.wait_filled(page, selectors), f"{path}: never filled ({selectors})"
            page.evaluate(_FRAMED)
            shifts[(viewport["width"], path)] = page.evaluate("window.__cls")
        context.close()
    assert len(shifts) == 2 * len(FILLED)
    assert {k: round(v, 3) for k, v in shifts.items() if v > MAX_SHIFT} == {}
