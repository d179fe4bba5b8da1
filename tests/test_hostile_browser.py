"""Hostile input, round 3, in the browser: addresses that try to lead the 404 page off the
site, stored pins that try to, and crafted links that tried to break the compare page.

Every page runs in a context whose ``OriginGuard`` blocks and records any request that would
leave the server's origin, and every uncaught script error fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import PREFIX, OriginGuard, _Handler, serving
from page_sweep import InFlight

pytestmark = pytest.mark.browser


def _errors(page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


# 1. The 404 page at a host's root and under a sub-path ----------------------------------------

class _NotFoundHandler(_Handler):
    """Answers any missing path with the site's 404.html, status 404, as GitHub Pages does.

    ``site`` is where the site lies under the served folder ("" at the host's root)."""

    site = ""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_file() or (path / "index.html").is_file():
            return super().send_head()
        body = (self.served.root / self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def tiny_www(tiny_site, tmp_path_factory) -> Path:
    """A folder to serve the tiny project's site from (the run's shared build, read only):
    ``at-root`` is the site itself."""
    www = tmp_path_factory.mktemp("hostile404") / "www"
    www.mkdir()
    (www / "at-root").symlink_to(tiny_site, target_is_directory=True)
    return www


# Paths as typed after the origin: each tries to make the page's addresses start with //host.
HOSTILE = ["//evil.example/documents/x", "/\\evil.example/documents/x", "//evil.example/x/y",
           "///evil.example/zh-Hant/documents/x", "/%2F%2Fevil.example/documents/x", "/%5Cevil.example/x/y",
           "/\\/evil.example/x/y", "//evil.example", "/documents//evil.example/x"]


@pytest.mark.parametrize("where", ["host root", "sub-path"])
def test_every_address_on_the_404_page_stays_on_the_origin(browser, tiny_www, where):
    site = "" if where == "host root" else PREFIX.strip("/")
    if site and not (tiny_www / site).exists():
        (tiny_www / site).symlink_to("at-root")
    handler = type("Handler", (_NotFoundHandler,), {"site": site})
    with serving(tiny_www / "at-root" if not site else tiny_www, handler) as served:
        base = "" if where == "host root" else PREFIX.rstrip("/")
        paths = HOSTILE + [base + p for p in HOSTILE if where == "sub-path"]
        guard = OriginGuard(served.origin)
        context = browser.new_context()
        guard.attach(context)
        left: dict[str, list[str]] = {}
        try:
            page = context.new_page()
            errors = _errors(page)
            in_flight = InFlight(page)
            for path in paths:
                response = page.goto(served.origin + path)
                assert response is not None and response.status == 404, path
                assert in_flight.settle(page) == [], path   # the HEAD that confirms a guessed root
                addresses = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
                addresses.append(page.eval_on_selector("form[role=search]", "form => form.action"))
                assert len(addresses) == 4
                off = [a for a in addresses if not a.startswith(served.origin + "/")]
                if off:
                    left[path] = off
            page.goto(served.origin + HOSTILE[0])
            page.fill("input[name=q]", "议事")
            page.click("button[type=submit]")   # the query used to go to evil.example
            page.wait_for_load_state("networkidle")
            assert page.url.startswith(served.origin + "/") and "q=" in page.url
        finally:
            context.close()
        assert paths and left == {}
        assert errors == []
        guard.check()   # no request (the 404 page's own HEAD included) left the origin



# Where the 404 page must find the site, by hand: (path asked for, home link's path, the
# switcher's path).  At the host's root a path naming no folder of the site is first taken for
# a project site (/x/) until the page asks the server and finds no site there; under the
# sub-path, runs of slashes are folded before the site's folders are looked for.
ROOTS = {
    "host root": [("/x/y/z/", "/", "/zh-Hant/"), ("//x/y/z/", "/", "/zh-Hant/"),
                  ("/zh-Hant/x/y/", "/zh-Hant/", "/")],
    "sub-path": [(PREFIX + "/documents/no-such/", PREFIX, PREFIX + "zh-Hant/"),
                 (PREFIX + "/zh-Hant//no-such/", PREFIX + "zh-Hant/", PREFIX),
                 (PREFIX + "x/y/", PREFIX, PREFIX + "zh-Hant/")],
}


@pytest.mark.parametrize("where", ["host root", "sub-path"])
def test_the_404_page_finds_where_the_site_is(browser, tiny_www, where):
    assert ROOTS[where]
    site = "" if where == "host root" else PREFIX.strip("/")
    if site and not (tiny_www / site).exists():
        (tiny_www / site).symlink_to("at-root")
    handler = type("Handler", (_NotFoundHandler,), {"site": site})
    with serving(tiny_www / "at-root" if not site else tiny_www, handler) as served:
        context = browser.new_context()
        found = {}
        try:
            page = context.new_page()
            in_flight = InFlight(page)
            for path, _, _ in ROOTS[where]:
                response = page.goto(served.origin + path)
                assert response is not None and response.status == 404, path
                assert in_flight.settle(page) == [], path   # the HEAD that confirms a guessed root
                homes = page.eval_on_selector_all("a[data-cw-home]", "links => links.map(a => a.href)")
                assert len(homes) == 2 and len(set(homes)) == 1, homes
                other = page.eval_on_selector("a[data-cw-other]", "a => a.href")
                found[path] = (homes[0].removeprefix(served.origin), other.removeprefix(served.origin))
        finally:
            context.close()
    assert found == {path: (home, other) for path, home, other in ROOTS[where]}


# 5. Stored pins --------------------------------------------------------------------------------

KEY = "cw-pins:" + PREFIX   # one set per site (pins.js KEY)
GOOD = {"uid": "yuxi-2018/p2-3-12", "path": "documents/yuxi-2018/#p2-3-12"}
PHISH = {"uid": "yuxi-2018/p1", "path": "/evil.example/phish", "data": "/evil.example/data.json"}


def _store(page, serve_site, value) -> None:
    page.goto(serve_site.url + "pins/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [KEY, value if isinstance(value, str) else json.dumps(value)])


@pytest.mark.parametrize("items, kept, dropped", [
    ([PHISH], [], 1),
    ([GOOD, PHISH], [GOOD["uid"]], 1),
    ([{**GOOD, "uid": "yuxi-2018/p2-3-12\n"}, {**GOOD, "path": "https://evil.example/x"},
      {**GOOD, "path": "documents/../../x"}, {**GOOD, "hans": {"citation": 1, "text": ""}}, GOOD, GOOD],
     [GOOD["uid"]], 5),
])
def test_a_stored_pin_cannot_lead_off_the_site(page, serve_site, guard, items, kept, dropped):
    errors = _errors(page)
    _store(page, serve_site, {"version": 1, "items": items})
    page.goto(serve_site.url + "pins/")
    page.wait_for_load_state("networkidle")
    links = page.eval_on_selector_all(".cw-pins__entry", "es => es.map(e => [e.dataset.uid, e.querySelector('a').href])")
    assert [uid for uid, _ in links] == kept
    assert all(href.startswith(serve_site.url) for _, href in links)
    notice = page.locator(".cw-pins__dropped")
    assert notice.is_visible() and f" {dropped} " in notice.inner_text()
    assert errors == []
    assert guard.requests and guard.escaped == []   # the page fixture fails the test on any


# Words a pin keeps come from localStorage, which any script on the origin can write: the
# pins page shows them as text, never as markup (its policy would stop the handler; the
# element must not be made at all).
MARKUP = '<img src=x onerror="document.title=1">'


def test_a_stored_pin_whose_words_hold_markup_shows_them_as_text(page, serve_site):
    errors = _errors(page)
    citation = f"{MARKUP}《{MARKUP}标题》（2018年）第1条{MARKUP}：“{MARKUP}”"
    _store(page, serve_site, {"version": 1, "items": [{**GOOD, "hans": {"citation": citation, "text": MARKUP},
                                                       "hant": {"citation": citation, "text": MARKUP}}]})
    page.set_viewport_size({"width": 390, "height": 844})   # a phone: the heading wraps, the page does not scroll sideways
    for script in ("", "zh-Hant/"):
        page.goto(f"{serve_site.url}{script}pins/")
        page.wait_for_selector(".cw-pins__entry")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        entry = page.locator(".cw-pins__entry")
        assert entry.locator(".cw-pins__title").text_content() == f"《{MARKUP}标题》"
        assert entry.locator(".cw-pins__place").text_content() == f"第1条{MARKUP}"
        assert entry.locator(".cw-pins__text").text_content() == citation
        assert page.locator(".cw-pins img, .cw-pins [onerror]").count() == 0
    assert errors == []


@pytest.mark.parametrize("stored", ['{"items":[null]}', '{"items":[1,"x",[]]}', '{"items":{}}', "null", "{",
                                    '{"items":[{"uid":"a/b","path":"x/"}],"pad":"' + "x" * 4_100_000 + '"}'])
def test_a_broken_stored_set_throws_on_no_page_and_can_be_replaced(page, serve_site, stored):
    errors = _errors(page)
    _store(page, serve_site, stored)
    for path in ("documents/yuxi-2018/", "pins/", "search/?q=准入"):
        page.goto(serve_site.url + path)
        page.wait_for_load_state("networkidle")
    page.goto(serve_site.url + "documents/yuxi-2018/")
    page.locator(".cw-pin[data-uid='yuxi-2018/p2-3-12']").click()   # pinning works, and saves a clean set
    assert page.locator(".cw-pins-badge__count").inner_text() == "1"
    saved = json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))
    assert [item["uid"] for item in saved["items"]] == ["yuxi-2018/p2-3-12"]
    assert errors == []


# 6. Crafted compare links, and every other address a script reads ---------------------------

@pytest.mark.parametrize("address", [
    "compare/?a=__proto__&b=yuxi-2018", "compare/?a=toString", "compare/?a=constructor&b=hasOwnProperty",
    "compare/?a=yuxi-2018&b=nanchong-2017&topic=__proto__", "compare/#%", "compare/?a=yuxi-2018&b=__proto__#%E0%A4%A",
    "search/?q=准入&jurisdiction=__proto__&topic=toString&level=constructor&genre=__proto__&order=__proto__",
    "search/?q=%E0%A4%A&order=toString#%", "draft/?text=社区&topic=__proto__&jurisdiction=constructor#%",
    "documents/yuxi-2018/#%", "topics/#%25%", "pins/#__proto__",
])
def test_a_crafted_address_throws_on_no_page(page, serve_site, address):
    errors = _errors(page)
    page.goto(serve_site.url + address)
    page.wait_for_load_state("networkidle")
    assert errors == []
    if address.startswith("compare/"):   # the first pair, or the pair asked for, laid out
        assert page.locator("#cw-compare .cw-compare__row").count() > 0


# The policy under mkdocs serve: the server's own reload script must still run ------------------

def test_mkdocs_serve_pages_reload_under_their_policy(browser, make_project, tmp_path):
    import subprocess
    import sys

    from conftest import CSP_WATCH, csp_violations
    from test_hostile_repro import _free_port, _wait_for

    root = make_project()
    port = _free_port()
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/documents/demo-2020/"
        _wait_for(url, "关于加强社区治理的实施意见", 60)
        context = browser.new_context()
        context.add_init_script(CSP_WATCH)
        try:
            page = context.new_page()
            with page.expect_request(lambda request: "/livereload/" in request.url, timeout=15_000):
                page.goto(url)   # the reload script, inline, ran and asks the server to be told of builds
            assert "'unsafe-inline'" in page.evaluate(
                "document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
            assert csp_violations(page) == []
        finally:
            context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
