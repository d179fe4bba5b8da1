"""Each thing under its own name and in its own room, read from the source.

- A project module is imported under its own name, so that searching for it finds every use
  (``shell_writer as bulk`` hid the page writer from ``grep shell_writer``).
- Each wing below the site logs under its own module's name; only the site wing, which MkDocs
  hosts, logs as the plugin (``mkdocs.plugins.crosswalk``), where MkDocs shows it.
- Every generated page's address comes from ``generator.routes``: no page module spells out
  a page's source path, and no template a section's address.
- Templates get values, not the analysis wing's functions, nor objects that keep the corpus to work
  things out when a template asks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

GENERATOR = ROOT / "generator"


def _modules() -> list[Path]:
    found = sorted(GENERATOR.rglob("*.py"))
    assert len(found) > 50
    return found


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _is_project_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def renamed_imports(path: Path, label: str) -> list[tuple[str, str, str]]:
    """(``label``, module, name it is imported as) for each project module ``path`` imports under another name."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "generator":
            out += [(label, a.name, a.asname) for a in node.names
                    if a.asname and a.asname != a.name and _is_project_module(f"{node.module}.{a.name}")]
        elif isinstance(node, ast.Import):
            out += [(label, a.name, a.asname) for a in node.names
                    if a.asname and a.name.split(".")[0] == "generator"]
    return out


def logger_names(path: Path) -> list[str]:
    """What each ``logging.getLogger(…)`` in ``path`` is given, as source text."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [ast.unparse(node.args[0]) if node.args else "" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "getLogger"]


# test_ingest.py reads many a text's ``body`` (line span) beside the module of that name;
# test_prose.py tests two modules named ``prose`` (the content's check, the site's renderer).
TESTS_RENAMED = {("tests/test_ingest.py", "body", "body_mod"), ("tests/test_prose.py", "prose", "content_prose")}


def test_project_modules_are_imported_under_their_own_names():
    renamed = {r for path in _modules() for r in renamed_imports(path, _rel(path))}
    assert renamed == set()
    tests = sorted((ROOT / "tests").rglob("*.py"))
    assert len(tests) > 50
    assert {r for path in tests for r in renamed_imports(path, _rel(path))} == TESTS_RENAMED


def test_a_renamed_import_is_found(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("from generator.site import parallel as fork, pages\nimport generator.chinese as script\n"
                       "from generator.chinese import to_script as convert\n", encoding="utf-8")
    assert [(m, a) for _, m, a in renamed_imports(planted, "planted.py")] == [("parallel", "fork"), ("generator.chinese", "script")]


def test_each_wing_logs_under_its_own_name():
    names = {_rel(path): logger_names(path) for path in _modules()}
    below_site = {f: n for f, n in names.items() if n and not f.startswith("generator/site/")}
    assert below_site, "no wing below the site logs: nothing to check"
    assert all(n == ["__name__"] for n in below_site.values()), below_site
    assert not any("mkdocs" in n for f, ns in names.items() if not f.startswith("generator/site/") for n in ns)


def test_pages_take_their_source_paths_from_routes():
    """The first argument of every ``Page(…)`` in the page modules is computed (from routes),
    never a string or f-string written out."""
    calls = []
    for path in sorted((GENERATOR / "site" / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Page" and node.args:
                calls.append((path.name, node.lineno, node.args[0]))
    assert len(calls) > 20
    spelled = [(name, line) for name, line, arg in calls if isinstance(arg, (ast.Constant, ast.JoinedStr, ast.BinOp))]
    assert spelled == []


# ``ctx.url('topics/')``: an address written into a template instead of taken from routes.
LITERAL_ADDRESS = re.compile(r"""url\(\s*['"](?!assets/)[^'"]*['"]""")


def test_templates_take_addresses_from_routes():
    templates = sorted((GENERATOR / "site" / "templates").glob("*.html"))
    assert len(templates) > 20
    found = [f"{t.name}:{m.group()}" for t in templates for m in LITERAL_ADDRESS.finditer(t.read_text(encoding="utf-8"))]
    assert found == []
    assert LITERAL_ADDRESS.search("""<a href="{{ ctx.url('topics/') }}">""")   # what it would catch


def test_templates_get_no_analysis_function():
    from generator.site.pages import environment

    env = environment()
    from_analysis = [name for name, value in env.globals.items()
                     if (getattr(value, "__module__", None) or getattr(value, "__name__", "")).startswith("generator.analysis")]
    assert from_analysis == []
    assert "routes" in env.globals   # the globals were read


def _analysis_reach(value, seen: set[int]) -> list[str]:
    """What in a page's data would let a template run analysis: the corpus itself, held by a
    value, or a function or method of the analysis wing."""
    from generator.content.model import Corpus

    if id(value) in seen or isinstance(value, (str, int, float, bool, type(None))):
        return []
    seen.add(id(value))
    if isinstance(value, Corpus):
        return ["the corpus"]
    if callable(value) and (getattr(value, "__module__", None) or "").startswith("generator.analysis"):
        return [getattr(value, "__qualname__", repr(value))]
    if isinstance(value, dict):
        inner = list(value.values())
    elif isinstance(value, (list, tuple, set, frozenset)):
        inner = list(value)
    elif type(value).__module__.startswith("generator.analysis"):
        # A value the analysis wing made: its fields, whatever holds them.
        inner = list(getattr(value, "__dict__", {}).values()) + [getattr(value, s) for s in getattr(value, "__slots__", ())]
    else:
        return []
    return [f"{type(value).__name__} > {r}" for v in inner for r in _analysis_reach(v, seen)]


def test_page_data_holds_values_not_analysis(corpus):
    """Each template gets values worked out by its page module: no object that keeps the
    corpus to work things out when the template asks (as a document page's ``cite`` did)."""
    from generator.site.pages import all_pages

    pages = all_pages(corpus)
    assert len(pages) > 100
    reach = {}
    for page in pages:
        found = _analysis_reach(page.data() if callable(page.data) else page.data, set())
        if found:
            reach.setdefault(page.template, found[:3])
    assert reach == {}


def test_an_object_holding_the_corpus_is_found(corpus):
    from generator.analysis.citations import ForPage, of_document

    doc = next(iter(corpus.documents.values()))
    assert _analysis_reach({"cite": ForPage(corpus, doc)}, set()) == ["dict > ForPage > the corpus"]
    assert _analysis_reach({"quote": of_document}, set()) == ["dict > of_document"]
    assert _analysis_reach({"citation": of_document(corpus, doc)}, set()) == []


# Markdown source → the file the built site holds it in, as MkDocs lays out a site with
# directory URLs (written out by hand).
BUILT = {"index.md": "index.html", "documents/index.md": "documents/index.html",
         "documents/yuxi-2018.md": "documents/yuxi-2018/index.html", "about/data.md": "about/data/index.html",
         "units/function-topic.md": "units/function-topic/index.html", "search/index.md": "search/index.html",
         "jurisdictions/yuxi/topics.md": "jurisdictions/yuxi/topics/index.html"}


def test_verify_looks_for_each_page_where_routes_puts_it(corpus):
    from generator import routes
    from generator.site.pages import Page, all_pages
    from generator.site.verify import built_file

    assert {source: built_file(Page(source, "", "home.html")) for source in BUILT} == BUILT
    pages = all_pages(corpus)
    assert len(pages) > 100
    # Every page's source is the one routes gives its address: address_of undoes page_source.
    assert [p.path for p in pages if routes.page_source(routes.address_of(p.path)) != p.path] == []


def test_a_shelled_pages_file_is_where_mkdocs_writes_it_with_and_without_directory_urls():
    from generator.site import shells

    # Written out by hand from MkDocs' layout: use_directory_urls puts a page in its folder's
    # index.html, otherwise in a file named for it.
    assert shells.output_path("documents", "yuxi-2018", True) == "documents/yuxi-2018/index.html"
    assert shells.output_path("documents", "yuxi-2018", False) == "documents/yuxi-2018.html"
    assert shells.output_path("jurisdictions/yuxi", "topics", True) == "jurisdictions/yuxi/topics/index.html"
