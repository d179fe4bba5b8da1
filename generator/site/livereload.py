"""The three things ``mkdocs serve`` does for us that MkDocs offers no public way to ask for.

MkDocs' development server (``mkdocs.livereload.LiveReloadServer``) makes the browser
reload once a build is done by comparing two build stamps ("epochs") it keeps privately.
The serve preview (``serve_preview``) shows an edited page before the full build ends, and
the error page (``serve_errors``) reloads by itself once the content is fixed; both need:

- ``show_now``: let waiting browsers reload now, as if the build had ended;
- ``ask_reload``: make the browsers reload after this build, even when MkDocs would not;
- ``with_reload_script``: a standalone page with MkDocs' own reload script in it.

They are the only uses of MkDocs' private names in the project, all here, for the MkDocs
versions in ``TESTED`` (1.6.x: the last 1.x series; MkDocs 2 drops plugins altogether, see
docs/platform.md).  ``check`` fails loudly, naming what is missing, on a server that no
longer has them, and ``tests/test_livereload.py`` runs it against the installed MkDocs, so
an upgrade that moves them fails the tests rather than the preview.  Everything else the
project does with the server (``root``, ``error_handler``, ``builder``, ``watch``) is public.
"""

from __future__ import annotations

import time

import mkdocs

TESTED = ("1.6.",)   # MkDocs versions whose server these names were read from
PRIVATE = ("_epoch_cond", "_visible_epoch", "_wanted_epoch", "_inject_js_into_html")


class Unsupported(RuntimeError):
    """The installed MkDocs does not have the private names this module relies on."""


def check(server) -> None:
    """Raise ``Unsupported`` unless MkDocs is a tested version and ``server`` has every name used here."""
    if not mkdocs.__version__.startswith(TESTED):
        raise Unsupported(f"MkDocs {mkdocs.__version__} is not one this module was written for ({', '.join(TESTED)}x): "
                          "read its livereload server again and update generator/site/livereload.py")
    _need(server, *PRIVATE)


def _need(server, *names: str) -> None:
    missing = [name for name in names if not hasattr(server, name)]
    if missing:
        raise Unsupported(f"MkDocs {mkdocs.__version__}'s livereload server has no {', '.join(missing)}")


def show_now(server) -> None:
    """Let the browsers waiting on this build reload now: MkDocs holds every request until
    the visible epoch reaches the one it wants, which the end of the build would decide."""
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()


def ask_reload(server) -> None:
    """Make the browsers reload after the build in progress: MkDocs makes the visible epoch
    the wanted one once the build returns, and a new wanted one reloads them."""
    server._wanted_epoch = round(time.monotonic() * 1000)   # as MkDocs stamps an epoch


def with_reload_script(server, html: bytes) -> bytes:
    """``html`` with MkDocs' reload script for the build in progress: the page polls the
    server and reloads once a later build is done."""
    _need(server, "_inject_js_into_html", "_wanted_epoch")
    return server._inject_js_into_html(html, server._wanted_epoch)
