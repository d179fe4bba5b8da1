"""The 404 page as GitHub Pages serves it: the root ``404.html`` for every missing path under
the project's sub-path, at any depth, Traditional paths included, with status 404.

Built with ``SITE_URL`` (as the Pages workflow builds) and without (as the README builds),
served under ``/community-crosswalk/``; in both, the page is Chinese in the script of the
path asked for, fetches nothing that is not answered 200 from the site's own origin, and
its home link, script switcher and search form lead to pages of the site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import PREFIX, OriginGuard, _Handler, serving
from generator.chinese import to_script

pytestmark = pytest.mark.browser

TITLE = "页面不存在"
# Three depths in each script: one a known folder of the site, the others not.
MISSING = {
    "hans": ["no-such-page", "documents/no-such-document/", "x/y/z/"],
    "hant": ["zh-Hant/no-such-page", "zh-Hant/documents/no-such-document/", "zh-Hant/x/y/z/"],
}
HOME = {"hans": "", "hant": "zh-Hant/"}


class _PagesHandler(_Handler):
    """Answers a missing path under the sub-path with the site's root 404.html, status 404."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if self.path.startswith(PREFIX) and not (path.is_file() or (path / "index.html").is_file()):
            body = (self.served.root / PREFIX.strip("/") / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "HEAD":
                return None
            self.wfile.write(body)
            return None
        return super().send_head()


@pytest.fixture(scope="module", params=["without SITE_URL", "with SITE_URL"])
def pages_site(request, tmp_path_factory):
    """The checkout's site, built with or without SITE_URL (the session's shared builds), served
    the way GitHub Pages serves it."""
    built = request.getfixturevalue("published_site" if request.param == "with SITE_URL" else "built_site")
    www = tmp_path_factory.mktemp("pages")
    shutil.copytree(built, www / PREFIX.strip("/"))
    with serving(www, _PagesHandler) as served:
        yield served


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("depth", [0, 1, 2])
def test_the_404_page_works_at_any_depth_in_the_script_asked_for(browser, pages_site, script, depth, artifacts):
    missing = pages_site.url + MISSING[script][depth]
    guard = OriginGuard(pages_site.origin)
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="zh-CN")
    guard.attach(context)
    try:
        page = context.new_page()
        before = len(pages_site.log)
        response = page.goto(missing)
        page.wait_for_load_state("networkidle")
        assert response is not None and response.status == 404
        answered = pages_site.log[before:]
        assert answered[0] == (missing[len(pages_site.origin):], 404)
        assert [entry for entry in answered[1:] if entry[1] != 200] == []

        assert page.locator("h1").inner_text() == to_script(TITLE, script)
        assert page.locator("html").get_attribute("lang") == ("zh-Hant" if script == "hant" else "zh-Hans")
        assert page.evaluate("getComputedStyle(document.querySelector('header')).display") == "flex"

        home = pages_site.url + HOME[script]
        links = page.eval_on_selector_all("a[data-cw-home]", "links => links.map(a => a.href)")
        assert links and set(links) == {home}
        action = page.eval_on_selector("form[role=search]", "form => form.action")
        assert action == home + "search/"
        other = page.eval_on_selector("a[data-cw-other]", "a => a.href")
        assert other == pages_site.url + HOME["hant" if script == "hans" else "hans"]
        for url in (home, action, other):
            assert page.request.get(url).status == 200, url
        if depth == 2:
            page.screenshot(path=str(artifacts / f"404-{script}.png"))

        page.fill("input[name=q]", "准入")
        page.click("button[type=submit]")
        page.wait_for_url(action + "?q=*")
        assert (page.locator("html").get_attribute("lang") == "zh-Hant") == (script == "hant")
        # The search page's own requests answered before the context closes: one still in flight
        # would be logged after the next case counted the log (its first entry must be its own 404).
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    guard.check()
    assert guard.requests
