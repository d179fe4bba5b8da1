"""The site as a reader in the field meets it: at phone width (390 px) and on a desktop
(1366 px), in both scripts, served under a GitHub Pages sub-path.

- No page kind scrolls sideways at 390 px: wide tables scroll in their own box; and no
  request any page kind makes answers 404.
- A screenshot of every page kind at both widths in both scripts holds the page: it is not
  blank and the article's text is there (``page_sweep.ink``); it goes to
  ``tests/artifacts/field/`` for a person to look at.

The first two read one sweep of the page kinds per script and width (``page_sweeps``), which
``test_a11y.py`` shares.
"""

from __future__ import annotations

import pytest

import page_sweep
from conftest import MAX_SHIFT
from page_sweep import KINDS, SCRIPTS

pytestmark = pytest.mark.browser

PHONE = page_sweep.PHONE


def open_page(page, url: str) -> None:
    """Go to ``url`` and wait until its scripts have filled it (search, compare, pins)."""
    response = page_sweep.open_page(page, url)
    assert response is not None and response.status == 200, url


@pytest.fixture(scope="module")
def field_dir(artifacts):
    folder = artifacts / "field"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_page_kind_scrolls_sideways_on_a_phone(page_sweeps, script):
    swept = page_sweeps[(script, "phone")]
    wide, refused, shifted = {}, {}, {}
    for kind, visit in swept.visits.items():
        assert visit.status == 200, visit.url
        assert visit.inner_width == PHONE["width"]
        if visit.scroll_width > visit.inner_width:
            wide[kind] = visit.scroll_width
        if visit.shift > MAX_SHIFT:   # …and any page kind whose layout shifts as it fills
            shifted[kind] = round(visit.shift, 3)
        # The same sweep finds any breach of the pages' CSP.
        scripts = next((d for d in (visit.policy or "").split(";") if d.split()[:1] == ["script-src"]), "")
        if violations := visit.csp + ([] if "'self'" in scripts and "unsafe" not in scripts
                                      else [f"no script-src policy: {visit.policy!r}"]):
            refused[kind] = violations
    assert refused == {}
    assert swept.escaped == [], f"requests left the origin: {swept.escaped}"
    assert KINDS and wide == {} and shifted == {} and list(swept.visits) == list(KINDS)
    # …measured on each page once its scripts had filled it (page_sweep.FILLED).
    assert [kind for kind, visit in swept.visits.items() if not visit.filled] == []
    # Every request of every page kind found something (Material's alternates script once
    # fetched <page>/sitemap.xml twice a page); the 404 page itself is fetched at its own path.
    assert len(swept.requests) > len(KINDS) and swept.not_found == []


# What a screenshot must hold to count as the page. Measured on the bundled site at the sweeps'
# scales (page_sweep.SHOT_SCALE: desktop half, phone whole), every kind in both scripts: 5.5–26 %
# of the image is ink, 5–27 % of the article, over 56 rows (desktop) and 130 (phone) or more. A
# page whose article was hidden measured 0 %, an empty body 0 %; with the article's text white,
# 24 of the 28 kinds fell below these on the desktop and 22 on a phone (the rest keep ink in
# coloured boxes), so every sweep fails.
MIN_INK, MIN_ARTICLE_INK, MIN_ARTICLE_LINES = 0.01, 0.02, 20


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("script", SCRIPTS)
def test_screenshots_of_every_page_kind(page_sweeps, script, width):
    swept = page_sweeps[(script, width)]
    assert list(swept.visits) == list(KINDS)
    faint = {}
    for kind, visit in swept.visits.items():
        assert visit.status == 200, visit.url
        scale = page_sweep.SHOT_SCALE[width]
        assert visit.shot.is_file() and visit.size[0] == round(swept.viewport["width"] * scale), (kind, visit.size)
        assert visit.article is not None, f"{kind}: no article on {visit.url}"
        # The whole page, not the screen: the image reaches past the article's last row.
        x, y, w, h = visit.article
        assert visit.size[1] >= (y + h) * scale - 1, (kind, visit.size, visit.article)
        if (visit.ink < MIN_INK or visit.article_ink < MIN_ARTICLE_INK
                or visit.article_lines < MIN_ARTICLE_LINES):
            faint[kind] = (round(visit.ink, 4), round(visit.article_ink, 4), visit.article_lines)
    assert faint == {}, "screenshots without the page's text (ink, article ink, article rows)"
    # Each was taken of the page filled by its scripts and at rest (page_sweep.load_kind).
    assert set(page_sweep.FILLED) <= set(KINDS)
    assert [kind for kind, visit in swept.visits.items() if not visit.filled] == []
    assert {kind: visit.moving for kind, visit in swept.visits.items() if visit.moving} == {}
    assert swept.escaped == [], f"requests left the origin: {swept.escaped}"
    assert {kind: visit.csp for kind, visit in swept.visits.items() if visit.csp} == {}


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
