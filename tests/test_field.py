"""The site as a reader in the field meets it: at phone width (390 px) and on a desktop
(1366 px), in both scripts, served under a GitHub Pages sub-path.

- No page kind scrolls sideways at 390 px: wide tables scroll in their own box; and no
  request any page kind makes answers 404.
- A screenshot of every page kind at both widths in both scripts goes to
  ``tests/artifacts/field/`` for a person to look at.
"""

from __future__ import annotations

import pytest

from conftest import CLS_WATCH, CSP_WATCH, MAX_SHIFT, csp_violations

pytestmark = pytest.mark.browser

# One page of each kind the site has (path under the site's root, Simplified; Traditional
# pages are the same paths under zh-Hant/).
KINDS = {
    "home": "",
    "documents": "documents/",
    "documents-region": "documents/in/yunnan/",
    "document": "documents/yuxi-2018/",
    "cited-only": "documents/central-2017/",
    "topics": "topics/",
    "topic": "topics/burden-reduction/",
    "compare": "compare/?a=yuxi-2018&b=nanchong-2017",
    "lineage": "lineage/",
    "matrices": "matrices/",
    "matrix": "matrices/yuxi-2018/",
    "units": "units/",
    "unit": "units/yuxi-civil-affairs/",
    "function": "units/function-civil-affairs/",
    "function-topic": "units/function-topic/",
    "indicators": "indicators/",
    "indicator": "indicators/facility-area-per-100-households/",
    "jurisdiction": "jurisdictions/yuxi/",
    "region-topics": "jurisdictions/yunnan/topics/",
    "pins": "pins/",
    "search": "search/?q=准入",
    "draft": "draft/?text=建立社区工作事项准入制度，凡属基层政府依法应当履行的职责，不得交由社区承担。",
    "about": "about/",
    "about-data": "about/data/",
    "coverage": "about/coverage/",
    "schema": "about/schema/",
    "benchmark": "benchmark/",
    "not-found": "404.html",   # as GitHub Pages serves it for missing paths: see test_field_404.py
}
SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def open_page(page, url: str) -> None:
    """Go to ``url`` and wait until its scripts have filled it (search, compare, pins)."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("networkidle")


def _shoot(page, url: str, path) -> None:
    open_page(page, url)
    page.wait_for_timeout(300)   # Material's header title transition
    page.screenshot(path=str(path), full_page=True)


@pytest.fixture(scope="module")
def field_dir(artifacts):
    folder = artifacts / "field"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_page_kind_scrolls_sideways_on_a_phone(browser, serve_site, guard, script):
    # Not is_mobile: a mobile browser would shrink a too-wide page to fit and hide the fault.
    context = browser.new_context(viewport=PHONE, has_touch=True, locale="zh-CN")
    context.add_init_script(CSP_WATCH)   # the same sweep finds any breach of the pages' CSP
    context.add_init_script(CLS_WATCH)   # …and any page kind whose layout shifts as it fills
    guard.attach(context)
    page = context.new_page()
    wide, refused, shifted = {}, {}, {}
    try:
        for kind, path in KINDS.items():
            open_page(page, serve_site.url + SCRIPTS[script] + path)
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert inner == PHONE["width"]
            if scroll > inner:
                wide[kind] = scroll
            if (shift := page.evaluate("window.__cls")) > MAX_SHIFT:
                shifted[kind] = round(shift, 3)
            policy = page.evaluate("(document.querySelector('meta[http-equiv=Content-Security-Policy]') || {}).content")
            scripts = next((d for d in (policy or "").split(";") if d.split()[:1] == ["script-src"]), "")
            if violations := csp_violations(page) + ([] if "'self'" in scripts and "unsafe" not in scripts
                                                     else [f"no script-src policy: {policy!r}"]):
                refused[kind] = violations
    finally:
        context.close()
    assert refused == {}
    guard.check()
    assert KINDS and wide == {} and shifted == {}
    # Every request of every page kind found something (Material's alternates script once
    # fetched <page>/sitemap.xml twice a page); the 404 page itself is fetched at its own path.
    assert len(guard.requests) > len(KINDS) and guard.not_found == []


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("script", SCRIPTS)
def test_screenshots_of_every_page_kind(browser, serve_site, guard, field_dir, script, width):
    viewport = PHONE if width == "phone" else DESKTOP
    context = browser.new_context(viewport=viewport, has_touch=width == "phone", locale="zh-CN")
    guard.attach(context)
    page = context.new_page()
    try:
        for kind, path in KINDS.items():
            _shoot(page, serve_site.url + SCRIPTS[script] + path, field_dir / f"{kind}-{script}-{viewport['width']}.png")
    finally:
        context.close()
    guard.check()
    shots = list(field_dir.glob(f"*-{script}-{viewport['width']}.png"))
    assert len(shots) >= len(KINDS)


# Lines each cell's text takes, read with a Range over the cell: its boxes, top to bottom, each
# starting a new line unless it overlaps the line before (a raised ※ shares its line).
_LINES = """tds => tds.map(td => {
  const r = document.createRange(); r.selectNodeContents(td);
  const rects = [...r.getClientRects()].filter(c => c.width > 0).sort((a, b) => a.top - b.top);
  let lines = 0, bottom = -Infinity;
  for (const c of rects) {
    if (c.top >= bottom - 1) { lines += 1; bottom = c.bottom; } else bottom = Math.max(bottom, c.bottom);
  }
  return [td.textContent.trim(), lines];
})"""


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_target_table_scrolls_in_its_box_on_a_phone(browser, serve_site, guard, script):
    context = browser.new_context(viewport=PHONE, has_touch=True, locale="zh-CN")
    guard.attach(context)
    page = context.new_page()
    try:
        open_page(page, serve_site.url + SCRIPTS[script] + "documents/miyi-2021/#p1-4")
        box = page.locator('[id="p1-4"] .cw-scroll:has(> table.cw-targets)')
        inner, wide = box.evaluate("b => [b.clientWidth, b.scrollWidth]")
        assert wide > inner, "the table scrolls in its own box"
        # 类型 and 数值 (实测, = 168597 人) each on one line, not a character a line.
        cells = box.locator("tbody tr:not(.cw-tnote) > td:is(:first-child, .cw-num)").evaluate_all(_LINES)
        assert cells and all(lines == 1 for _, lines in cells), cells
        assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    finally:
        context.close()
    guard.check()


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_target_note_is_read_under_its_row(browser, serve_site, guard, corpus, script):
    noted = [t for t in corpus.targets.values() if t.note]
    assert noted and "miyi-2021/p1-4#registered-voters" in {t.uid for t in noted}
    # At phone width, where the note must be readable without scrolling its table.
    context = browser.new_context(viewport=PHONE, has_touch=True, locale="zh-CN")
    guard.attach(context)
    page = context.new_page()
    try:
        for doc in sorted({t.record.doc_id for t in noted}):
            open_page(page, f"{serve_site.url}{SCRIPTS[script]}documents/{doc}/")
            for t in (t for t in noted if t.record.doc_id == doc):
                _check_target_note(page, t, script)
    finally:
        context.close()
    guard.check()


def _check_target_note(page, t, script: str) -> None:
    from generator.chinese import LANG, to_script
    lang = next(s for s, tag in LANG.items() if tag == script)
    row = f'[id="{t.record.id}--{t.id}"]'
    assert page.locator(f"{row} .cw-num .cw-tnote-ref").inner_text() == "※", t.uid
    note = page.locator(f"{row} + tr.cw-tnote .cw-tnote__text")
    # The editors' words, converted with the page (escaped: they are text, not markup).
    assert note.inner_text().endswith(to_script(t.note, lang)), t.uid
    assert note.inner_text().startswith("※ " + to_script("编者说明", lang)), t.uid
    note.scroll_into_view_if_needed()
    box = note.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], t.uid


COMPARE = "compare/?a=yuxi-2018&b=nanchong-2017&topic=work-item-access"


def test_compare_deep_link_shows_one_topic_with_both_clauses_in_full(page, serve_site):
    open_page(page, serve_site.url + COMPARE + "#t-work-item-access")
    rows = page.locator(".cw-compare__row")
    assert rows.count() == 1
    assert rows.first.get_attribute("id") == "t-work-item-access"
    assert page.locator("#cw-compare-topic").input_value() == "work-item-access"
    cells = rows.first.locator(".cw-compare__cell")
    assert cells.count() == 2
    for i in range(2):
        texts = cells.nth(i).locator(".cw-text").all_inner_texts()
        assert texts and all(len(t) > 20 for t in texts)
    assert "全文见上" not in page.locator("#cw-compare").inner_text()
    # The row the address names sits below the sticky site header and the 文件甲/乙 header.
    top = page.evaluate("document.getElementById('t-work-item-access').getBoundingClientRect().top")
    covered = page.evaluate("""Math.max(document.querySelector('.md-header').getBoundingClientRect().bottom,
                                        document.querySelector('.cw-compare__head').getBoundingClientRect().bottom)""")
    assert top >= covered - 1

    page.select_option("#cw-compare-topic", "")
    assert page.locator(".cw-compare__row").count() > 10
    assert "topic=" not in page.url
    page.select_option("#cw-compare-topic", "work-item-access")
    assert "topic=work-item-access" in page.url


def test_search_on_a_phone_folds_the_filters_behind_one_line(browser, serve_site, guard):
    context = browser.new_context(viewport=PHONE, has_touch=True, locale="zh-CN")
    guard.attach(context)
    page = context.new_page()
    try:
        open_page(page, serve_site.url + "search/?q=准入")
        page.wait_for_selector(".cw-results__list .cw-hit")
        fold = page.locator(".cw-facets-fold")
        assert fold.evaluate("details => details.open") is False
        first_hit = page.locator(".cw-results__list .cw-hit").first.bounding_box()
        assert first_hit["y"] < PHONE["height"]          # results start on the first screen
        page.click(".cw-facets-fold > summary")
        assert page.locator(".cw-facet input[type=checkbox]").first.is_visible()
    finally:
        context.close()
    guard.check()


# Printable width of an A4 sheet with print.css's margins, in CSS pixels (96 per inch):
# 210 − 24 mm portrait; matrices print landscape, 297 − 24 mm.
A4_PORTRAIT, A4_LANDSCAPE = round((210 - 24) / 25.4 * 96), round((297 - 24) / 25.4 * 96)
PRINTED = {"document": A4_PORTRAIT, "topic": A4_PORTRAIT, "indicator": A4_PORTRAIT, "matrix": A4_LANDSCAPE}


@pytest.mark.parametrize("kind", PRINTED)
def test_page_prints_on_a4_with_link_addresses(browser, serve_site, guard, field_dir, kind):
    context = browser.new_context(viewport={"width": PRINTED[kind], "height": 1000}, locale="zh-CN")
    guard.attach(context)
    page = context.new_page()
    try:
        open_page(page, serve_site.url + KINDS[kind])
        pdf = page.pdf(format="A4", prefer_css_page_size=True, path=str(field_dir / f"print-{kind}.pdf"))
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1
        page.emulate_media(media="print")
        assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= PRINTED[kind]
        addresses = page.eval_on_selector_all(
            ".md-content a[data-print-href]",
            "links => links.map(a => getComputedStyle(a, '::after').content)")
        assert addresses and all(serve_site.origin in text for text in addresses)
        page.screenshot(path=str(field_dir / f"print-{kind}.png"), full_page=True)
    finally:
        context.close()
    guard.check()


def test_the_table_of_contents_highlights_the_entry_followed(page, serve_site):
    open_page(page, serve_site.url + KINDS["document"])
    links = page.locator(".md-sidebar--secondary a.md-nav__link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(min(links.count(), 8))]
    assert len(hrefs) > 3
    wrong = []
    for i, href in enumerate(hrefs[1:], start=1):
        links.nth(i).click()
        page.wait_for_timeout(300)
        active = page.eval_on_selector_all(".md-sidebar--secondary a.md-nav__link--active",
                                           "links => links.map(a => a.getAttribute('href'))")
        if href not in active:
            wrong.append((href, active))
    assert wrong == []
