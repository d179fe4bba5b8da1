"""The search benchmark's HTTP/2 server (``generator/bench/http2.py``, ``h2serve.mjs``): what it
measures is HTTP/2 as Pages serves it, the bytes it counts are the bytes it sent, and it serves
nothing outside its folder."""

from __future__ import annotations

import os
import ssl
import urllib.error
import urllib.request

import pytest

from generator.bench import http2

pytestmark = pytest.mark.browser

FILES = {"index.html": "<!doctype html><title>h2</title><p>二〇二六", "b/7.bin": b"\x00\x01" * 700}


@pytest.fixture
def served(tmp_path):
    if lacking := http2.missing():   # .ci/run installs both: a skip there would hide the test
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"needs {', '.join(lacking)}")
    folder = tmp_path / "site"
    for name, body in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            (folder / name).write_bytes(body)
        else:
            (folder / name).write_text(body, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    server = http2.Http2Server(folder)
    yield server
    server.close()


def test_chromium_fetches_over_http2_and_every_byte_is_counted(browser, served):
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    try:
        page.goto(served.origin + "/index.html")
        size = page.evaluate("fetch('b/7.bin?v=1').then(r => r.arrayBuffer()).then(b => b.byteLength)")
        spoken = page.evaluate("performance.getEntriesByType('navigation').concat("
                               "performance.getEntriesByType('resource')).map(e => [e.name.split('/').pop(), e.nextHopProtocol])")
    finally:
        context.close()
    assert size == 1400
    # (Chromium also asks for /favicon.ico, answered 404 and not counted.)
    assert {name: way for name, way in spoken if name != "favicon.ico"} == {"index.html": "h2", "7.bin?v=1": "h2"}
    # By path, the query left off, as the HTTP/1.1 pass counts them.
    assert served.take() == {"/index.html": len(FILES["index.html"].encode()), "/b/7.bin": 1400}
    assert served.take() == {}   # read once, then counted again from nothing


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/b/..%2f..%2fsecret.txt", "/missing.bin"])
def test_nothing_outside_the_folder_is_served(served, path):
    tls = ssl.create_default_context()
    tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(served.origin + path, context=tls)
    assert refused.value.code == 404
    assert served.take() == {}
