"""One load of every page kind for each (script, width): what the page checks read.

The phone-width overflow and policy checks (``test_field.py``), the screenshots
(``test_field.py``) and axe (``test_a11y.py``) once loaded every page kind in sweeps of their
own; they now read the record a single sweep keeps of each page (``conftest.page_sweeps``).

A screenshot is judged, not just written: ``ink`` measures the share of pixels that differ from
an area's most common colour, over the whole image and over the page's article, so a page that
renders blank, or without its text, fails. The images still go to ``tests/artifacts/field/``
for a person to look at; nothing is compared with approved images (fonts and Chromium releases
move pixels; the measure above does not depend on them).
"""

from __future__ import annotations

import base64
import concurrent.futures
import contextlib
import io
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from conftest import CLS_WATCH, CSP_WATCH, csp_violations, made_here_or_there

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
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
# Page kinds whose phone layout differs most from the desktop one (cards, folds, stacking):
# axe runs on these at phone width, on every kind on the desktop.
PHONE_KINDS = ["home", "matrix", "search", "compare", "indicator"]
# resultTypes: every node of a violation is reported, but only one node of each rule that
# passed (the rule is still listed): half the time on long pages, the same findings.
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
             "resultTypes": ["violations"]}

# The article's box in page coordinates (a full-page screenshot at SHOT_SCALE has them times that); the 404
# page, which has no article, has its main.
_ARTICLE = """() => { const a = document.querySelector('article.md-content__inner') || document.querySelector('main');
  if (!a) return null; const r = a.getBoundingClientRect();
  return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }"""
_POLICY = "(document.querySelector('meta[http-equiv=Content-Security-Policy]') || {}).content"


def open_page(page, url: str):
    """Go to ``url`` and wait until its scripts have filled it (``FILLED``, by the page kind its
    path names: search, compare, draft) and its fonts are in; a page that never fills fails."""
    response = page.goto(url)
    selectors = filled_for(url)
    assert wait_filled(page, selectors), f"{url}: never filled ({selectors})"
    page.evaluate("document.fonts.ready.then(() => true)")
    return response


def filled_for(url: str) -> tuple[str, ...]:
    """What shows the page at ``url`` filled: ``FILLED`` of the kind whose path it ends in, when
    it asks for something (a query, a pair); nothing for every other page."""
    parts = urlsplit(url)
    for kind, selectors in FILLED.items():
        if parts.path.endswith("/" + KINDS[kind].split("?")[0]) and parts.query:
            return selectors
    return ()


# The page kinds whose scripts fill them after ``load``, from files they fetch, and what shows
# that they are filled (every selector present).  Every other kind is whole at ``load``: its
# module scripts run before it (pins and the indicators' filter fill synchronously), so a load
# waits for that, not for half a second of network quiet (``networkidle``) on every page.
# Search lays out its hits and its facets side by side (search/page.js, refresh).
FILLED = {"compare": ("#cw-compare .cw-compare__row",),
          "search": (".cw-results__list .cw-hit", ".cw-facet__value"),
          "draft": ("#cw-draft-page[data-done]",)}
FILL_MS = 30_000   # ample on a loaded machine; a page that never fills is recorded as such
# CSS transitions still running (Material's header title slides in as a page loads).
_RUNNING = "document.getAnimations().filter(a => a instanceof CSSTransition && a.playState === 'running')"
_MOVING = f"{_RUNNING}.length"


def wait_filled(page, selectors: tuple[str, ...]) -> bool:
    """Whether every one of ``selectors`` came to be on ``page`` within ``FILL_MS``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        for selector in selectors:
            page.wait_for_selector(selector, state="attached", timeout=FILL_MS)
    except PlaywrightTimeout:
        return False
    return True


class InFlight:
    """The requests ``page`` has made and not yet had answered (or failed): what a page's scripts
    fetch after ``load`` (search's index, the 404 page's HEAD that confirms the site's root)."""

    def __init__(self, page):
        self.pending: set = set()
        page.on("request", lambda request: self.pending.add(request))   # Playwright takes no bound builtins
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", lambda request: self.pending.discard(request))

    def settle(self, page, limit_ms: int = 10_000) -> list[str]:
        """Waits, polling, until every request is answered and a frame and a task have passed
        (the scripts' handlers of the answers have run); returns those still unanswered after
        ``limit_ms``, for the caller to assert empty."""
        for _ in range(limit_ms // 10):
            if not self.pending:
                # A request the page made may be reported only after ``load`` returned: quiet
                # counts once it has lasted a frame and a task.
                page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))")
                if not self.pending:
                    break
            else:
                page.wait_for_timeout(10)
        return [request.url for request in self.pending]


def load_kind(page, kind: str, url: str):
    """Go to ``url``, a page of ``kind``, and wait until it is filled (``FILLED``), its fonts are
    in and no transition is running.  Returns the response, whether the page filled, and how
    many transitions were still running when the wait gave up (0 when it did not)."""
    response = page.goto(url)   # waits for ``load``
    filled = wait_filled(page, FILLED.get(kind, ()))
    page.evaluate("document.fonts.ready.then(() => true)")
    return response, filled, at_rest(page)


def at_rest(page) -> int:
    """Waits, up to 5 s, until no CSS transition runs on ``page`` (Material's header title slides
    in as a page loads); returns how many still run, for the caller to assert none.

    On a machine saturated by other work a page's transitions can still be running after 5 s
    (29 on a long page in one whole run at three workers): those are sent to their end, as the
    reader sees them a moment later, and a frame is let pass; any running after that is counted."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"() => ({_MOVING}) === 0", timeout=5_000)
        return 0
    page.evaluate(f"() => new Promise(done => {{ {_RUNNING}.forEach(a => a.finish());"
                  " requestAnimationFrame(() => setTimeout(done)); })")
    return page.evaluate(_MOVING)


@dataclass
class Visit:
    """What one load of one page showed."""
    url: str
    status: int | None
    scroll_width: int
    inner_width: int
    policy: str | None                  # the page's Content-Security-Policy meta tag
    csp: list[str]                      # violations the browser reported while it loaded
    shot: Path                          # the full-page screenshot, at SHOT_SCALE of its width
    size: tuple[int, int]               # its width and height in pixels
    article: list[float] | None         # the article's box in the page (CSS px): x, y, width, height
    ink: float                          # share of the image's pixels that are not background
    article_ink: float                  # the same within the article's box
    article_lines: int                  # pixel rows of the article's box that hold ink
    axe: list[str] | None = None        # serious and critical violations (None: axe not run)
    axe_passes: int = 0                 # rules axe found passed
    escaped: list[str] = field(default_factory=list)    # requests blocked for leaving the origin
    not_found: list[str] = field(default_factory=list)  # requests answered 404
    shift: float = 0.0                  # cumulative layout shift while it loaded (CLS_WATCH)
    filled: bool = True                 # its scripts filled it (FILLED) before it was read
    moving: int = 0                     # transitions still running when it was read


@dataclass
class Sweep:
    script: str
    width: str
    viewport: dict
    visits: dict[str, Visit]
    requests: list[str]
    escaped: list[str]
    not_found: list[str]


# Sweeps a worker makes side by side: each mostly waits on its browser (network idle, the
# transition, axe), so two overlap on a core.
THREADS = 2


class Shared(Mapping[tuple[str, str], Sweep]):
    """The sweeps of every (script, width), each made once a run in the folder all workers
    share.  The first look-up on a worker makes, ``THREADS`` at a time, every sweep that no
    other worker has started, the one asked for first, so that the four are spread over the
    workers that need them rather than all made by one; it then reads the one asked for,
    waiting for it if another worker is still making it."""

    def __init__(self, folder: Path, run: Callable[[str, str], Sweep]):
        self._folder, self._run = folder, run
        self._read: dict[tuple[str, str], Sweep] = {}
        self._started = False

    def __getitem__(self, key: tuple[str, str]) -> Sweep:
        if key not in self._read:
            if key not in self:
                raise KeyError(key)
            if not self._started:
                self._started = True
                rest = [k for k in self if k != key]
                with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
                    list(pool.map(lambda k: made_here_or_there(self._path(k), self._maker(k), wait=False),
                                  [key, *rest]))
            made_here_or_there(self._path(key), self._maker(key), wait=True)
            self._read[key] = pickle.loads((self._path(key) / "sweep.pickle").read_bytes())
        return self._read[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((script, width) for script in SCRIPTS for width in WIDTHS)

    def __len__(self) -> int:
        return len(SCRIPTS) * len(WIDTHS)

    def __contains__(self, key: object) -> bool:
        return key in set(self)

    def _path(self, key: tuple[str, str]) -> Path:
        return self._folder / f"page-sweep-{key[0]}-{key[1]}"

    def _maker(self, key: tuple[str, str]) -> Callable[[Path], None]:
        def make(folder: Path) -> None:
            (folder / "sweep.pickle").write_bytes(pickle.dumps(self._run(*key)))
        return make


def ink(png: bytes, box: list[float] | None) -> tuple[float, float, int]:
    """Share of the image's pixels unlike its most common colour; the same share within ``box``
    (the article), and how many pixel rows of ``box`` hold any such pixel."""
    from PIL import Image

    image: Image.Image = Image.open(io.BytesIO(png))   # decoded once: tall pages take seconds
    if image.mode != "RGB":
        image = image.convert("RGB")
    if image.width == 0 or image.height == 0:
        return 0.0, 0.0, 0
    background = _background(image)
    mask = _mask(image, background)
    whole = mask.histogram()[255] / (image.width * image.height)
    if box is None:
        return whole, 0.0, 0
    x, y, w, h = (round(v) for v in box)
    area = (max(x, 0), max(y, 0), min(x + w, image.width), min(y + h, image.height))
    article = image.crop(area)
    if article.width <= 0 or article.height <= 0:
        return whole, 0.0, 0
    # An article on the page's own background (most are) reads the page's mask, not a second one.
    own = _background(article)
    within = mask.crop(area) if own == background else _mask(article, own)
    return whole, within.histogram()[255] / (article.width * article.height), sum(within.getprojection()[1])


def _background(image):
    """The most common colour, read from every eighth pixel (exact colours, fast on tall pages)."""
    from PIL import Image

    sample = image.resize((max(image.width // 8, 1), max(image.height // 8, 1)), Image.Resampling.NEAREST)
    return max(sample.getcolors(sample.width * sample.height))[1]


def _mask(image, background):
    """255 where a pixel differs from ``background`` by more than anti-aliasing noise, else 0."""
    from PIL import Image, ImageChops

    return ImageChops.difference(image, Image.new("RGB", image.size, background)).convert("L").point(
        lambda v: 255 if v > 24 else 0)


def sweep(browser, site_url: str, guard, script: str, width: str, folder: Path) -> Sweep:
    """Loads every page kind once in one context at ``width`` in ``script``, and records for
    each: its overflow, its policy and any breach of it, a judged screenshot and, on the kinds
    that call for it, axe's findings."""
    from axe_playwright_python.sync_playwright import Axe

    viewport = WIDTHS[width]
    # Not is_mobile: a mobile browser would shrink a too-wide page to fit and hide the fault.
    context = browser.new_context(viewport=viewport, has_touch=width == "phone", locale="zh-CN")
    context.add_init_script(CSP_WATCH)
    context.add_init_script(CLS_WATCH)   # …and any page kind whose layout shifts as it fills
    guard.attach(context)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    visits = {}
    axe = Axe()
    judge = concurrent.futures.ThreadPoolExecutor(1)
    try:
        for kind, path in KINDS.items():
            escaped, not_found = len(guard.escaped), len(guard.not_found)
            url = site_url + SCRIPTS[script] + path
            response, filled, moving = load_kind(page, kind, url)
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            policy = page.evaluate(_POLICY)
            csp = csp_violations(page)
            shift = page.evaluate("window.__cls")
            shot = folder / f"{kind}-{script}-{viewport['width']}.png"
            png = _full_page(page, cdp, kind, url, shot, width)
            article = page.evaluate(_ARTICLE)
            scaled = [v * SHOT_SCALE[width] for v in article] if article else None   # the image's pixels
            judged = judge.submit(ink, png, scaled)   # read while axe runs in the browser
            found, passes = None, 0
            if width == "desktop" or kind in PHONE_KINDS:
                results = axe.run(page, options=AXE_RULES).response
                passes = len(results["passes"])
                found = [f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['nodes'][0]['target']} {v['help']}"
                         for v in results["violations"] if v["impact"] in ("critical", "serious")]
            visits[kind] = Visit(url, response.status if response else None, scroll, inner, policy, csp, shot,
                                 _size(png), article, *judged.result(), found, passes,
                                 guard.escaped[escaped:], guard.not_found[not_found:], shift=shift,
                                 filled=filled, moving=moving)
    finally:
        judge.shutdown()
        context.close()
    return Sweep(script, width, viewport, visits, list(guard.requests), list(guard.escaped), list(guard.not_found))


def _full_page(page, cdp, kind: str, url: str, shot: Path, width: str) -> bytes:
    """A full-page screenshot at ``SHOT_SCALE[width]``, tried again once on a reloaded page: now and
    then headless Chromium's full-page capture stalls after the fonts are in when two browsers
    share the machine's two cores (seen once in three whole runs, on a page that takes 1–2 s
    alone).  A second stall still fails the sweep."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        png = _capture(page, cdp, width)
    except PlaywrightTimeout:
        load_kind(page, kind, url)
        png = _capture(page, cdp, width)
    shot.write_bytes(png)
    return png


# Desktop screenshots are taken at half the page's scale: the whole page still (a page that
# loses its lower half still fails), its text still in every row it takes, but a quarter of the
# pixels to paint, encode and judge.  Over a desktop sweep of every page kind that took the
# screenshots and ``ink`` from 11.0 + 8.1 to 5.5 + 2.3 CPU-s (Chromium's included).  Phone
# pages are a third as wide, so they keep their own scale: at half of it (195 px) a person can
# no longer read the image.  Playwright's ``page.screenshot`` has no scale but the page's,
# hence the DevTools call.
SHOT_SCALE = {"desktop": 0.5, "phone": 1.0}
# The page's full size as Playwright's full-page screenshot measures it, and the viewport's.
_PAGE_SIZE = """() => { const b = document.body, e = document.documentElement;
  return [Math.max(b.scrollWidth, e.scrollWidth, b.offsetWidth, e.offsetWidth, b.clientWidth, e.clientWidth),
          Math.max(b.scrollHeight, e.scrollHeight, b.offsetHeight, e.offsetHeight, b.clientHeight, e.clientHeight),
          innerWidth, innerHeight]; }"""


def _capture(page, cdp, width: str) -> bytes:
    """The whole page at ``SHOT_SCALE[width]``: the DevTools call Playwright's full-page screenshot
    makes, on the same box, with the scale set."""
    wide, high, inner_width, inner_height = page.evaluate(_PAGE_SIZE)
    beyond = wide > inner_width or high > inner_height   # as Playwright: a page that fits is shot in place
    data = cdp.send("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": beyond,
        "clip": {"x": 0, "y": 0, "width": wide, "height": high, "scale": SHOT_SCALE[width]}}, timeout=60_000)["data"]
    if width == "phone" and beyond:   # a capture beyond the viewport turns touch emulation off; Playwright turns it back on
        cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True}, timeout=60_000)
    return base64.b64decode(data)


def _size(png: bytes) -> tuple[int, int]:
    from PIL import Image

    return Image.open(io.BytesIO(png)).size
