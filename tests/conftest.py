"""Shared fixtures: one build of the real site, a tiny fixture project, a sub-path web
server and a headless Chromium that refuses to leave the site's origin.

Each build a test reads is made once a run and shared, so no module builds a site that
another one has already built (on two workers, ``made_once`` lets the first to ask build it):

- ``built_site``: ``mkdocs build -d <tmp>/site`` of this checkout, once per session;
  ``published_site`` the same with ``SITE_URL`` set, as for publishing.
- ``tiny_site`` / ``tiny_published_site``: the tiny fixture project built without and with it.
- ``written_index``: the bundled corpus's search index as the writer writes it (two sizes).
- ``page_sweeps``: every page kind of the served site loaded once per script and width; the
  overflow, policy, screenshot and axe checks read what it recorded.
- ``make_project``: copies the tiny valid content tree in ``tests/fixtures/bad/base`` (plus
  this checkout's ``mkdocs.yml`` and ``theme/``) to a folder, ready for ``check`` or a build.
- ``serve_site``: serves a copy of the built site under ``/community-crosswalk/``, as GitHub
  Pages serves a project site, and records every request it answers.
- ``browser`` / ``page``: Debian's Chromium through Playwright; ``page`` blocks and records
  any request that would leave the server's origin and fails the test if there was one.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:   # imported inside page_sweeps at run time: it imports this module
    import page_sweep

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).resolve().parent / "fixtures" / "bad" / "base"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PREFIX = "/community-crosswalk/"  # a GitHub Pages project site lives under /<repository>/


def unpacked(path: Path) -> bytes:
    """A site file's bytes, inflated when it is one of the gzipped ones (``*.gz``)."""
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build`` of ``project`` into ``site`` with this interpreter's MkDocs."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=project,
                          capture_output=True, text=True, timeout=600, env={**os.environ, **env})


# --- workers (pytest-xdist, ``-n auto`` in pyproject.toml) -------------------------------------
#
# As many workers as the machine has cores, but at least two, since much of a test's time is
# spent waiting on Chromium or on a build in a subprocess, and at most four: past that a run
# has few long files left to share out, and each worker starts Chromiums and builds of its own.
# (On this project's 2-core machine, busy with other work, eight browser files took 6:46 on two
# workers, 7:24 on three and 5:47 on four, for the same CPU time: no clear gain, so two there.)
# ``-n 0`` runs it in one process, ``-n 3`` on three.
WORKERS = (2, 4)


def pytest_xdist_auto_num_workers(config) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(max(cores, WORKERS[0]), WORKERS[1])


# Tests go to the workers a file at a time (module fixtures such as ``browser`` start once), and
# the files that read one session-made thing go together, so that it is made on one worker only.
# The run's builds are shared across workers by ``made_once``.
TOGETHER = {"tests/test_search_format.py": "search index", "tests/test_search_parity.py": "search index"}


# The files that take longest, longest first (by the summed test times of a whole two-worker
# run, ``--junitxml``), handed out before the rest, so that no worker is left running one of them
# alone at the end; the rest keep their order.
FIRST = ["tests/test_a11y.py", "tests/test_field.py", "tests/test_draft.py", "tests/test_hostile_browser.py", "tests/test_page_budget.py",
         "tests/test_hostile_round3.py", "tests/test_browser.py", "tests/test_hostile_schema.py",
         "tests/test_precedent.py", "tests/test_citation_browser.py", "tests/test_field_phone.py",
         "tests/test_hostile_repro.py", "tests/test_check.py", "tests/test_hostile_property.py",
         "tests/test_field_404.py", "tests/test_assets.py", "tests/test_content_checks.py",
         "tests/test_publishing.py", "tests/test_site.py", "tests/test_serve_preview.py"]


def pytest_collection_modifyitems(config, items):
    gone = [file for file in [*TOGETHER, *FIRST] if file not in TOGETHER.values() and not (ROOT / file).is_file()]
    if gone:   # a renamed file would quietly lose its place
        raise pytest.UsageError(f"tests/conftest.py: TOGETHER or FIRST names no file: {', '.join(gone)}")
    if config.pluginmanager.hasplugin("xdist"):
        def rank(item) -> int:
            scope = _scope(item.nodeid.split("::", 1)[0])
            return FIRST.index(scope) if scope in FIRST else len(FIRST)
        items.sort(key=rank)   # stable: each file's tests stay in their order


def _scope(file: str) -> str:
    return TOGETHER.get(file, file)


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadFileScheduling

    class ByFile(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _scope(super()._split_scope(nodeid))

    return ByFile(config, log)


@pytest.fixture(scope="session")
def corpus():
    """The bundled content, loaded and checked once; read-only for tests."""
    from generator.content.load import Paths
    from generator.content.validate import check, errors

    corpus, problems = check(Paths.at(ROOT))
    assert errors(problems) == []
    return corpus


def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made by ``make(folder)`` once a run. Under pytest-xdist every worker has a session
    of its own; the first to ask makes the folder where all of them look, under a lock, and the
    others wait for it (rather than build the same site again beside it on the same cores)."""
    folder = shared_folder(tmp_path_factory) / name
    made_here_or_there(folder, make, wait=True)
    return folder


def shared_folder(tmp_path_factory) -> Path:
    """The run's temporary folder that every worker sees."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base   # pytest-N/, above popen-gwK/


def made_here_or_there(folder: Path, make: Callable[[Path], None], wait: bool) -> bool:
    """``folder`` made by ``make`` unless a mark says it was; under ``folder.lock``, which is
    waited for, or, without ``wait``, given up (False) while someone else holds it."""
    with open(folder.with_name(folder.name + ".lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)  # released on close
        except BlockingIOError:
            return False
        done = folder.with_name(folder.name + ".done")
        if not done.exists():                # a failed attempt left no mark: try again
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return True


def _build(project: Path, folder: Path, what: str, **env: str) -> None:
    """``project`` built into ``folder/site``; what MkDocs said is kept in ``folder/build.log``."""
    result = mkdocs_build(project, folder / "site", **env)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build of {what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    (folder / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    site = folder / "site"
    # Shared by many files: a build that exits 0 having written no home page, or without the
    # address it was given, would fail each of them far from the cause.
    missing = [home for home in ("index.html", "zh-Hant/index.html") if not (site / home).is_file()]
    if missing:
        pytest.fail(f"mkdocs build of {what} wrote no {', '.join(missing)}")
    if "SITE_URL" in env and env["SITE_URL"] not in (site / "sitemap.xml").read_text(encoding="utf-8"):
        pytest.fail(f"mkdocs build of {what}: sitemap.xml does not hold {env['SITE_URL']}")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once from this checkout; read-only for tests."""
    return made_once(tmp_path_factory, "built", lambda folder: _build(ROOT, folder, "the site")) / "site"


# The address a build for publishing is given in tests (as the Pages workflow gives its own).
PUBLISHED = "https://example.github.io" + PREFIX


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The real site built with ``SITE_URL=PUBLISHED``, as for publishing; read-only for tests."""
    return made_once(tmp_path_factory, "published",
                     lambda folder: _build(ROOT, folder, "the site with SITE_URL", SITE_URL=PUBLISHED)) / "site"


def copy_project(dest: Path, site_config: bool = True) -> Path:
    """The tiny valid project at ``dest``; with ``site_config`` it can also be built."""
    shutil.copytree(BASE, dest, dirs_exist_ok=True)
    if site_config:
        shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
        shutil.copytree(ROOT / "theme", dest / "theme", dirs_exist_ok=True)
        (dest / "docs").mkdir(exist_ok=True)
    return dest


@pytest.fixture
def make_project(tmp_path):
    """``make_project(site_config=True)`` → a fresh copy of the tiny project in ``tmp_path``."""
    return functools.partial(copy_project, tmp_path / "project")


def _build_tiny(folder: Path, **env: str) -> None:
    project = copy_project(folder / "project")
    _build(project, project, "the tiny project" + (" with SITE_URL" if env else ""), **env)


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """The tiny project, built once; its source text holds ``<script>alert(1)</script>``."""
    return made_once(tmp_path_factory, "tiny", _build_tiny) / "project" / "site"


# The synthetic corpus at national scale (generator/bench/synth.py, seeded): its size and seed.
NATIONAL_DOCUMENTS, NATIONAL_SEED = 300, 1


@dataclass
class National:
    project: Path      # content/, crosswalk/ and the site's configuration
    site: Path
    records: int       # as the generator counted them


@pytest.fixture(scope="session")
def national_site(tmp_path_factory) -> National:
    """The synthetic corpus of ``NATIONAL_DOCUMENTS`` documents, generated and built once a run;
    read by the page budgets and the indicator pages past the region switch.  Read-only, but
    for a folder a test may add beside the site."""
    def make(folder: Path) -> None:
        from generator.bench import synth

        project = folder / "project"
        summary = synth.generate(project, NATIONAL_DOCUMENTS, NATIONAL_SEED)
        synth.scaffold(project)
        _build(project, project, f"the {NATIONAL_DOCUMENTS}-document synthetic corpus")
        (folder / "records").write_text(str(summary.records), encoding="utf-8")

    folder = made_once(tmp_path_factory, "national", make)
    return National(folder / "project", folder / "project" / "site", int((folder / "records").read_text()))


# Sizes of the search index small enough that every kind of its files comes several to a facet
# (buckets, packs, ranges, name blocks, hit folders).
SMALL_INDEX = {"BUCKET_BYTES": 512, "RANGE": 32, "BLOCK": 8, "PACK_BYTES": 16, "FRAGMENT_FOLDER": 50, "HITS": 3}


@pytest.fixture(scope="session")
def search_records(corpus):
    """The bundled corpus's search records, in the order the index numbers them."""
    from generator.search.records import search_records

    return search_records(corpus)


@pytest.fixture(scope="session", params=["writer's sizes", "small sizes"])
def written_index(request, corpus, search_records, tmp_path_factory):
    """The bundled corpus's search index as the build's writer writes it, with the writer's sizes
    and with ``SMALL_INDEX``; read with the reader written from the specification."""
    from generator.analysis.closeness import written_texts
    from generator.search import index_format
    from generator.search.records import filter_labels, write_index
    from search_format_reader import Index

    out = tmp_path_factory.mktemp("search-index") / "search-index"
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "small sizes":
            for name, value in SMALL_INDEX.items():
                patch.setattr(index_format, name, value)
        write_index(search_records, filter_labels(corpus), written_texts(corpus), out)
    return Index(out)


@pytest.fixture(scope="session")
def tiny_published_site(tmp_path_factory) -> Path:
    """The tiny project built with ``SITE_URL=PUBLISHED``; its project folder is the site's parent."""
    return made_once(tmp_path_factory, "tiny-published",
                     lambda folder: _build_tiny(folder, SITE_URL=PUBLISHED)) / "project" / "site"


@pytest.fixture(scope="session")
def node() -> str:
    """Node, for the tests that run the browser's own modules; skipped if absent, except under
    CI, where that is a failure (as a missing browser is)."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing: the tests that run the search modules in Node cannot run under CI")
        pytest.skip("node is missing")
    return found


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# --- a GitHub-Pages-like server --------------------------------------------------------------


@dataclass
class Served:
    url: str                 # e.g. http://127.0.0.1:43123/community-crosswalk/
    origin: str              # e.g. http://127.0.0.1:43123
    root: Path               # the folder served at the origin's root (the site is under PREFIX)
    log: list[tuple[str, int]] = field(default_factory=list)  # (path, status) of every request answered

    def errors(self) -> list[tuple[str, int]]:
        return [(path, status) for path, status in self.log if status >= 400]


class _Handler(http.server.SimpleHTTPRequestHandler):
    served: Served

    def log_request(self, code="-", size="-"):
        self.served.log.append((self.path, int(code) if str(code).isdigit() else 0))

    def log_message(self, format, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def serve_site(built_site, tmp_path_factory):
    """The built site under ``PREFIX`` on 127.0.0.1, in a thread; yields a ``Served``."""
    www = tmp_path_factory.mktemp("www")
    shutil.copytree(built_site, www / PREFIX.strip("/"))
    with serving(www, _Handler) as served:
        yield served


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser test that aborts a request (a failed index file) leaves a broken pipe: not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(www: Path, handler_class: type):
    """``www`` served at an origin on 127.0.0.1 by ``handler_class``, in a thread; yields a ``Served``
    whose ``url`` is the site under ``PREFIX``."""
    handler = type("Handler", (handler_class,), {})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(www)))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    handler.served = Served(url=origin + PREFIX, origin=origin, root=www)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.served
    finally:
        server.shutdown()
        server.server_close()


# --- the browser -----------------------------------------------------------------------------


def _chromium():
    """Playwright's sync entry point; skips the test when Chromium cannot run here, except
    under CI, where that is a failure."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "python playwright is not installed (pip install --require-hashes -r locks/test.txt)"
    if reason is None and not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium, or run .ci/run)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)
    return sync_playwright


# Module scope: Playwright's sync API allows one running instance per thread, and a module
# that starts its own must find none left over from an earlier module.
@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium; skipped if absent, except under CI, where that is a failure."""
    with _chromium()() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def page_sweeps(serve_site, artifacts, tmp_path_factory) -> page_sweep.Shared:
    """Every page kind loaded once per (script, width), by ``page_sweep.sweep``: the overflow,
    policy, screenshot and axe checks of ``test_field.py`` and ``test_a11y.py`` read these
    records instead of loading the pages again each.  Each sweep is made once a run, by
    whichever worker first gets to it (``page_sweep.Shared``), in a thread with its own
    Playwright and Chromium (so that it can be shared by modules that run a browser of their own)."""
    import page_sweep

    start = _chromium()
    folder = artifacts / "field"
    folder.mkdir(exist_ok=True)

    def run(script: str, width: str) -> page_sweep.Sweep:
        with start() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return page_sweep.sweep(chromium, serve_site.url, OriginGuard(serve_site.origin), script, width, folder)
            finally:
                chromium.close()

    return page_sweep.Shared(shared_folder(tmp_path_factory), run)


class OriginGuard:
    """Records every request of a browser context; aborts and remembers any off-origin one,
    and remembers each answered 404 (``not_found``: a page sweep asserts there is none)."""

    def __init__(self, origin: str):
        self.origin = origin
        self.requests: list[str] = []
        self.escaped: list[str] = []
        self.not_found: list[str] = []

    def _leaves(self, url: str) -> bool:
        if url.startswith(("data:", "blob:", "about:")):
            return False
        return not (url == self.origin or url.startswith(self.origin + "/"))

    def attach(self, context) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("response", lambda response: response.status == 404 and self.not_found.append(response.url))
        context.route(self._leaves, self._block)

    def _block(self, route) -> None:
        self.escaped.append(route.request.url)
        route.abort()

    def check(self) -> None:
        assert self.escaped == [], f"requests left the origin {self.origin}: {self.escaped}"


@pytest.fixture
def guard(serve_site) -> OriginGuard:
    return OriginGuard(serve_site.origin)


@pytest.fixture
def page(browser, serve_site, guard):
    """A page in a fresh context (clipboard allowed); fails the test if a request left the origin."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=serve_site.origin)
    guard.attach(context)
    page = context.new_page()
    yield page
    context.close()
    guard.check()


# --- the content security policy --------------------------------------------------------------

# Installed before any page script runs: every violation of the page's policy, as the browser
# reports it (https://w3c.github.io/webappsec-csp/#violation-events).
CSP_WATCH = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
  [e.effectiveDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber, (e.sample || "").slice(0, 80)].join(" ")));"""


# Cumulative layout shift as Chromium reports it (https://wicg.github.io/layout-instability/),
# counted from before the page's first script; Lighthouse's "good" is at most 0.1.
CLS_WATCH = """window.__cls = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});"""
MAX_SHIFT = 0.1

def csp_violations(page) -> list[str]:
    """The violations reported on ``page`` since it loaded (its context has ``CSP_WATCH``)."""
    return page.evaluate("window.__cspViolations || ['CSP_WATCH was not installed']")
