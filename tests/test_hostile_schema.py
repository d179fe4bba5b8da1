"""Hostile content planted in every string field the schema declares.

The fields are not picked by hand: ``string_fields`` iterates ``generator.content.schema``, and
the tiny project (``tests/fixtures/bad/base`` with ``tests/fixtures/hostile`` laid over it)
holds an instance of every object kind, so a field added to the schema is planted, built
and checked without editing this file.

- A field with choices (``Record.kind``, ``Jurisdiction.level`` …) cannot carry markup: the
  check refuses the payload at the field's own position.
- Every other string field carries a payload in each of three builds: markup that breaks
  out of text, of quoted attributes, of ``<script>`` and of templates, and one that starts
  like a spreadsheet formula.  Each value carries a marker naming its field, so a leak says
  where it came from.  After each build every HTML and SVG file is parsed: no element may
  carry a live handler or ``javascript:`` address, no script may be a planted one, no
  template may have evaluated ``{{7*7}}``; every JSON file parses; every field's value
  reaches the site; no CSV or XLSX cell starts a formula.  These file checks need no browser.
  Then, in a test of its own (skipped without Chromium, failed under ``CI``), Chromium opens
  every page (first build) or one page of each kind (the others), in both scripts, and the
  search, compare and drafting pages with a query that finds the planted records, each until
  its data has rendered: no dialog may open.

The readings of ``content_checks`` (a target's span must state its value, an alias must be
printed in a record …) would refuse most payloads before they reach a page; these builds
switch them off, so that every field is shown to be escaped by the pages themselves.
Structure, references and fidelity to the sources are still checked: each planted value is
also written into the source lines of its document.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
import yaml

from conftest import copy_project, unpacked
from generator.content import checks, schema
from generator.content.load import Paths
from generator.content.validate import check
from page_sweep import InFlight

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"

# Where load.py finds each kind at the top of a file; every other kind is reached from these
# through the schema's own field types.
REGISTRIES = {
    "content/jurisdictions.yaml": {"jurisdictions": "Jurisdiction"},
    "content/units.yaml": {"functions": "Function", "units": "Unit"},
    "crosswalk/topics.yaml": {"topics": "Topic", "mappings": "Mapping", "relations": "Relation"},
    "crosswalk/indicators.yaml": {"indicators": "Indicator"},
}
DOCUMENTS = "content/documents"
# The one string field whose value names a file: its payload must be a possible file name.
FILE_NAME_FIELD = ("Source", "file")
SEARCH_WORD = "试探"   # Han text in every payload, for the search and drafting pages to find

FORMS = {
    # javascript: first (an address attribute), then attribute, element, script and template breakouts
    "markup": "javascript:alert('{m}')//'\"><svg onload=alert('{m}')><img src=x onerror=alert('{m}')>"
              "</script><script>alert('{m}')</script>{{{{7*7}}}}{m}" + SEARCH_WORD,
    # breaking out of quoted attributes first, and out of every raw-text element
    "breakout": "'\"><img src=x onerror=alert('{m}')></textarea></title></style></script>"
                "<script>alert('{m}')</script><a href=javascript:alert('{m}')>x</a>{{{{7*7}}}}{m}" + SEARCH_WORD,
    # spreadsheet formulas (the starting character rotates over the fields) and markup
    "formula": "{f}HYPERLINK(\"http://evil.example/\",\"{m}\")<img src=x onerror=alert('{m}')>" + SEARCH_WORD,
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t")
FILE_NAME = "'\"><svg onload=alert('{m}')><img src=x onerror=alert('{m}')>.txt"


def string_fields() -> set[tuple[str, str]]:
    return {(o.name, f.name) for o in schema.OBJECTS.values() for f in o.fields if f.type in ("str", "list[str]")}


def _choices(kind: str, name: str) -> tuple[str, ...]:
    return schema.OBJECTS[kind].field(name).choices


# --- the project, as plain YAML --------------------------------------------------------------

def instances(kind: str, value) -> list[tuple[str, dict]]:
    """``value`` (an object of ``kind``) and every object inside it, by the schema's field types."""
    if not isinstance(value, dict):
        return []
    out = [(kind, value)]
    for f in schema.OBJECTS[kind].fields:
        many = f.type.startswith("list[")
        inner = f.type[5:-1] if many else f.type
        if inner in schema.OBJECTS and f.name in value:
            for item in (value[f.name] or []) if many else [value[f.name]]:
                out += instances(inner, item)
    return out


class Project:
    """The YAML files of a project, read as plain data, planted and written back."""

    def __init__(self, root: Path):
        self.root = root
        self.files: dict[str, object] = {}
        for name in REGISTRIES:
            if (root / name).exists():
                self.files[name] = yaml.safe_load((root / name).read_text(encoding="utf-8"))
        for path in sorted((root / DOCUMENTS).glob("*.yaml")):
            self.files[f"{DOCUMENTS}/{path.name}"] = yaml.safe_load(path.read_text(encoding="utf-8"))

    def objects(self) -> list[tuple[str, dict, str]]:
        """(kind, object, file) of every object in the project."""
        out = []
        for name, data in self.files.items():
            if name.startswith(DOCUMENTS):
                out += [(kind, obj, name) for kind, obj in instances("Document", data)]
                continue
            for key, kind in REGISTRIES[name].items():
                for item in data.get(key) or []:
                    out += [(k, obj, name) for k, obj in instances(kind, item)]
        return out

    def write(self) -> None:
        for name, data in self.files.items():
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
            (self.root / name).write_text(text, encoding="utf-8")


def hostile_project(dest: Path) -> Path:
    root = copy_project(dest)
    shutil.copytree(HOSTILE, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    return root


def plant(root: Path, form: str) -> dict[str, tuple[str, str]]:
    """Every free-text string field of every object gets a payload of ``form``; returns
    marker → (kind, field).  Each document's planted values are appended to every line of
    its source body, so that fidelity still holds for the verbatim fields."""
    project = Project(root)
    planted: dict[str, tuple[str, str]] = {}
    per_document: dict[str, list[str]] = {}
    renamed: dict[str, str] = {}
    counts: dict[tuple[str, str], int] = {}
    for kind, obj, file in project.objects():
        for f in schema.OBJECTS[kind].fields:
            if f.type not in ("str", "list[str]") or f.choices:
                continue
            n = counts[(kind, f.name)] = counts.get((kind, f.name), -1) + 1
            marker = f"{kind}.{f.name}.{n}"
            planted[marker] = (kind, f.name)
            if (kind, f.name) == FILE_NAME_FIELD:
                name = FILE_NAME.format(m=marker)
                renamed[obj[f.name]] = name
                obj[f.name] = name
                continue
            start = FORMULA_STARTS[len(planted) % len(FORMULA_STARTS)]
            value = FORMS[form].format(m=marker, f=start)
            obj[f.name] = [value] if f.type == "list[str]" else value
            per_document.setdefault(file, []).append(value)
    project.write()
    sources = root / "content/sources"
    original_name = {new: old for old, new in renamed.items()}
    for file, data in project.files.items():
        source = data.get("source") if file.startswith(DOCUMENTS) else None
        if not source:
            continue
        path = sources / source["file"]
        original = sources / original_name.get(source["file"], source["file"])
        lines = original.read_text(encoding="utf-8").split("\n")
        first, last = source["body"]
        extra = " " + " ".join(per_document.get(file, []))
        lines = [line + extra if first <= i <= last and line.strip() else line for i, line in enumerate(lines, 1)]
        original.unlink()
        path.write_text("\n".join(lines), encoding="utf-8")
    return planted


# --- building without the readings -------------------------------------------------------------

# The content checks read spans for values and units, which payloads are not; they are switched
# off in the build's own process (and the processes it forks), structure and fidelity still run.
BUILD = """
import sys
import generator.content.checks
generator.content.checks.check = lambda corpus, **options: []
from mkdocs.__main__ import cli
cli(["build", "-q", "-d", sys.argv[1]])
"""


def _no_readings():
    return mock.patch.object(checks, "check", lambda corpus, **options: [])


def build(root: Path) -> Path:
    with _no_readings():
        problems = [str(p) for p in check(Paths.at(root))[1] if p.severity == "error"]
    assert problems == [], "the planted project must stay valid:\n" + "\n".join(problems)
    site = root / "site"
    result = subprocess.run([sys.executable, "-c", BUILD, str(site)], cwd=root, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# --- what is live in a page -----------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class Live(HTMLParser):
    """Elements, attributes and scripts a browser would run, in an HTML or SVG file."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert(" in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and re.sub(r"\s", "", value).lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            text = "".join(self._script).strip()
            if text.startswith("alert("):
                self.found.append(f"<script>{text[:80]}")
            self._script = None


def live(text: str) -> list[str]:
    parser = Live()
    parser.feed(text)
    parser.close()
    return parser.found


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def assert_nothing_live(site: Path, planted: dict[str, tuple[str, str]]) -> set[str]:
    """Parse every HTML, SVG and JSON file; returns the markers found in the site."""
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.svg"))
    assert len(pages) > 20
    leaks, evaluated, seen = [], [], set()
    markers = re.compile("|".join(re.escape(m) for m in sorted(planted, key=len, reverse=True)))
    for path in pages:
        text = path.read_text(encoding="utf-8")
        leaks += [f"{path.relative_to(site)}: {found}" for found in live(text)]
        evaluated += [f"{path.relative_to(site)}: {m}" for m in re.findall(r"49(" + markers.pattern + ")", text)]
        seen.update(markers.findall(text))
    assert leaks == [], "planted markup is live:\n" + "\n".join(leaks[:40])
    assert evaluated == [], "a template evaluated {{7*7}}:\n" + "\n".join(evaluated[:20])
    documents = sorted(site.rglob("*.json")) + sorted(site.rglob("*.json.gz"))
    assert documents
    for path in documents:
        data = json.loads(unpacked(path))  # raises if a value broke the JSON
        seen.update(m for s in _strings(data) for m in markers.findall(s))
    return seen


def assert_no_formula_cells(site: Path) -> int:
    cells = []
    for path in sorted(site.rglob("*.csv")):
        rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        cells += [(path.name, c) for row in rows for c in row]
    for path in sorted(site.rglob("*.xlsx")):
        with zipfile.ZipFile(path) as book:
            for name in book.namelist():
                if name.startswith("xl/worksheets/"):
                    xml = book.read(name).decode("utf-8")
                    cells += [(f"{path.name}:{name}", _xml_text(t)) for t in re.findall(r"<t[^>]*>(.*?)</t>", xml, re.S)]
    assert cells
    formulas = [(where, c) for where, c in cells
                if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]
    assert formulas == [], f"cells that start a formula: {formulas[:20]}"
    return len(cells)


def _xml_text(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- the browser ---------------------------------------------------------------------------

def _kind(rel: Path) -> tuple[str, ...]:
    """A page's kind: its script, its section and its depth (``documents/*`` is one kind,
    ``documents/`` another)."""
    parts = rel.parts[:-1]  # without index.html
    script, parts = (parts[:1], parts[1:]) if parts[:1] == ("zh-Hant",) else (("zh-Hans",), parts)
    return script + parts[:1] + ("*",) * (len(parts) - 1)


def pages_to_open(site: Path, every_page: bool) -> list[str]:
    """Every page, or one page of each kind in each script (the one holding most payloads);
    and the pages that render data in the browser, with a query that finds the planted records."""
    best: dict[tuple[str, ...], tuple[int, str]] = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site)
        score = path.read_text(encoding="utf-8").count("alert(")
        url = "/" + "/".join(rel.parts[:-1]) + ("/" if len(rel.parts) > 1 else "")
        kind = (url,) if every_page else _kind(rel)
        if kind not in best or score > best[kind][0]:
            best[kind] = (score, url)
    urls = [url for _, url in best.values()]
    for prefix in ("/", "/zh-Hant/"):
        urls += [f"{prefix}search/?q={SEARCH_WORD}", f"{prefix}compare/?a=demo-2020&b=demo-2022",
                 f"{prefix}draft/?text={SEARCH_WORD}"]
    return urls


# What each page that renders planted records in the browser shows once it has rendered them.
RENDERED = {"/search/?": ".cw-results__list .cw-hit", "/draft/?": "#cw-draft-page[data-done]",
            "/compare/?": ".cw-compare__row"}


def assert_no_dialog(browser, site: Path, every_page: bool) -> int:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    dialogs: list[str] = []
    try:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        in_flight = InFlight(page)   # the data a page's scripts render after load
        urls = pages_to_open(site, every_page)
        assert len(urls) > 20
        for url in urls:
            page.goto(origin + url, wait_until="load")
            for marker, done in RENDERED.items():
                if marker in url:
                    page.wait_for_selector(done, state="attached")
            unanswered = in_flight.settle(page)   # polled, not a fixed wait
            assert not unanswered, f"{url}: requests unanswered: {unanswered}"
        context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert dialogs == [], "a planted script ran:\n" + "\n".join(dialogs)
    return len(urls)


# --- the tests -----------------------------------------------------------------------------

def test_every_string_field_of_the_schema_is_planted(tmp_path):
    fields = string_fields()
    assert fields, "the schema declares no string field"
    root = hostile_project(tmp_path / "project")
    present = {(kind, f.name) for kind, _, _ in Project(root).objects() for f in schema.OBJECTS[kind].fields}
    missing = {kind for kind, _ in fields} - {kind for kind, _ in present}
    assert not missing, f"add an instance of {sorted(missing)} to tests/fixtures/hostile"
    planted = set(plant(root, "markup").values())
    choices = {(kind, name) for kind, name in fields if _choices(kind, name)}
    assert planted | choices == fields
    assert planted and choices and not planted & choices


def test_a_field_with_choices_refuses_markup(tmp_path):
    root = hostile_project(tmp_path / "project")
    project = Project(root)
    planted: set[tuple[str, str]] = set()
    for kind, obj, _ in project.objects():
        for f in schema.OBJECTS[kind].fields:
            if f.type == "str" and f.choices and (kind, f.name) not in planted:
                obj[f.name] = f"<img src=x onerror=alert('{kind}.{f.name}')>"
                planted.add((kind, f.name))
    project.write()
    expected = {(kind, name) for kind, name in string_fields() if _choices(kind, name)}
    assert planted == expected and expected
    problems = [str(p) for p in check(Paths.at(root))[1] if p.severity == "error"]
    for kind, name in expected:
        refused = [p for p in problems if f"'<img src=x onerror=alert('{kind}.{name}')>' is not one of" in p]
        assert refused, f"{kind}.{name}: markup was not refused ({problems})"
        assert re.match(r"^[^:]+:\d+:\d+: ", refused[0])


@pytest.fixture(scope="module")
def planted_sites(tmp_path_factory):
    """form → (planted markers, built site): each form built once, for the file checks and the browser."""
    made: dict[str, tuple[dict, Path]] = {}

    def site_of(form: str) -> tuple[dict, Path]:
        if form not in made:
            root = hostile_project(tmp_path_factory.mktemp(f"hostile-{form}") / "project")
            planted = plant(root, form)
            made[form] = (planted, build(root))
        return made[form]
    return site_of


@pytest.mark.parametrize("form", list(FORMS))
def test_planted_payloads_are_escaped_in_every_file(planted_sites, form):
    """Static: runs with or without a browser."""
    planted, site = planted_sites(form)
    seen = assert_nothing_live(site, planted)
    # Every field reached the site (pages or data), so the assertions above were not vacuous.
    assert {planted[m] for m in seen} == set(planted.values())
    assert assert_no_formula_cells(site) > 0


@pytest.mark.browser
@pytest.mark.parametrize("form", list(FORMS))
def test_planted_payloads_open_no_dialog(planted_sites, browser, form):
    """In Chromium (conftest's ``browser``: skipped without it, failed under CI). Every page once
    (the first form), one page of each kind otherwise, to keep the suite quick."""
    _, site = planted_sites(form)
    assert assert_no_dialog(browser, site, every_page=form == next(iter(FORMS))) > 20
