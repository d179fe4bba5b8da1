"""The site in headless Chromium, served under a sub-path as GitHub Pages serves a project site.

Every test runs with the ``page`` fixture, which fails the test if any request leaves the
server's origin.  Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

import page_sweep
from generator.chinese import to_script

pytestmark = pytest.mark.browser

YUXI = "documents/yuxi-2018/"
TASK_12 = "p2-3-12"  # 12. 加强统筹协调规划,加快城乡社区综合服务设施功能建设
FACILITY_STANDARD = "每百户居民不低于30平方米"


def settle(page) -> None:
    """Let Material's header finish its title transition before a screenshot."""
    assert page_sweep.at_rest(page) == 0, "a transition still runs"


def lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def test_the_script_switcher_keeps_the_page_and_the_record(page, serve_site, artifacts):
    page.goto(serve_site.url)
    assert lang(page) != "zh-Hant"
    settle(page)
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)

    page.click(".cw-switch")
    page.wait_for_url(serve_site.url + "zh-Hant/")
    assert lang(page) == "zh-Hant"
    assert page.title() == to_script(page.title(), "hant")
    assert "首頁" in page.locator(".md-tabs, .md-nav").first.inner_text()

    page.goto(serve_site.url + YUXI)
    anchor = page.locator(f'a.cw-anchor[href="#{TASK_12}"]')
    anchor.click()
    assert urlsplit(page.url).fragment == TASK_12
    text = page.locator(f"#{TASK_12} .cw-text").first.inner_text()
    assert FACILITY_STANDARD in text
    assert page.locator(f"#{TASK_12}").is_visible()
    settle(page)
    page.screenshot(path=str(artifacts / "yuxi.png"))

    page.click(".cw-switch")
    page.wait_for_url(serve_site.url + "zh-Hant/" + YUXI + "**")
    assert lang(page) == "zh-Hant"
    assert to_script(FACILITY_STANDARD, "hant") in page.locator(f"#{TASK_12} .cw-text").first.inner_text()
    page.locator(f"#{TASK_12}").scroll_into_view_if_needed()
    settle(page)
    page.screenshot(path=str(artifacts / "yuxi-zh-Hant.png"))

    page.click(".cw-switch")
    page.wait_for_url(serve_site.url + YUXI + "**")
    assert lang(page) != "zh-Hant"


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_every_link_on_the_home_page_leads_to_a_page(page, serve_site, prefix):
    home = serve_site.url + prefix
    page.goto(home)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    targets = sorted({urljoin(home, h).split("#")[0] for h in hrefs
                      if not h.startswith(("mailto:", "javascript:")) and urljoin(home, h).startswith(serve_site.url)})
    assert len(targets) > 5
    for url in targets:
        response = page.goto(url)
        assert response is not None and response.status < 400, f"{url} → {response and response.status}"
    seen = {url for url in targets}
    errors = [(path, status) for path, status in serve_site.errors() if serve_site.origin + path in seen]
    assert errors == []

