"""The private names of MkDocs' development server that ``generator/site/livereload.py``
relies on, checked against the installed MkDocs: an upgrade that moves them fails here,
loudly, rather than leaving ``mkdocs serve`` without its preview or its reloading error page."""

from __future__ import annotations

import threading
import time

import mkdocs
import pytest
from mkdocs.livereload import LiveReloadServer

from generator.site import livereload


@pytest.fixture
def server(tmp_path):
    # Never started: the names are there once it is made.
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def test_the_installed_mkdocs_is_one_the_module_was_written_for(server):
    livereload.check(server)   # raises Unsupported, naming what changed


def test_show_now_releases_the_requests_waiting_for_the_build(server):
    server._wanted_epoch = server._visible_epoch + 1   # a build started: requests wait
    released = threading.Event()

    def wait():
        with server._epoch_cond:
            if server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch, timeout=5):
                released.set()

    waiter = threading.Thread(target=wait)
    waiter.start()
    livereload.show_now(server)
    waiter.join()
    assert released.is_set()


def test_ask_reload_moves_the_epoch_the_browsers_will_be_told(server):
    before = server._wanted_epoch
    time.sleep(0.002)   # epochs are milliseconds
    livereload.ask_reload(server)
    assert server._wanted_epoch > before


def test_the_reload_script_goes_into_a_standalone_page(server):
    html = b"<!doctype html><html><head></head><body><p>x</p></body></html>"
    out = livereload.with_reload_script(server, html)
    assert out.startswith(b"<!doctype html>") and b"<p>x</p>" in out
    assert b"<script" in out and str(server._wanted_epoch).encode() in out


def test_a_server_without_the_names_or_another_mkdocs_is_refused(server, monkeypatch):
    class Bare:
        pass

    with pytest.raises(livereload.Unsupported, match="_epoch_cond"):
        livereload.check(Bare())
    monkeypatch.setattr(mkdocs, "__version__", "2.0.0")
    with pytest.raises(livereload.Unsupported, match="MkDocs 2.0.0"):
        livereload.check(server)
