"""Every repository file named in a comment or docstring exists.

A comment that sends the reader to a module by a name it no longer has (the shells' module
kept its old name in one, after it moved into ``generator/site/``) misleads longer than no
comment at all.  The comments and docstrings of ``generator/``, ``tests/``, ``theme/`` and
``.ci/`` are read (Python, JavaScript, CSS, templates, YAML, shell); each file name in them (a
module, a stylesheet …, with or without its folder), each folder of the repository
(``generator/site/templates/``) and each dotted module (``generator.site.shells``) must be
found in the repository.
"""

from __future__ import annotations

import ast
import importlib
import io
import re
import tokenize
from pathlib import Path

from conftest import ROOT
from generator import routes

SCANNED = ("generator", "tests", "theme", ".ci", "tools")
# Never read: fixtures hold planted content, and vendored libraries are not ours.
SKIPPED = ("tests/fixtures/", "theme/assets/vendor/", ".ci/node_modules/")
SEARCHED = ("generator", "tests", "theme", "content", "crosswalk", "docs", "locks", ".ci", ".github", "tools")

FILE = re.compile(r"(?<![\w./-])((?:[\w.-]+/)*[\w-]+(?:\.[\w-]+)*\.(?:py|js|mjs|css|html|ya?ml|toml|md|txt|sh))(?![\w/-])")
FOLDER = re.compile(r"(?<![\w./-])((?:generator|tests|theme|content|crosswalk|docs|locks|\.ci)/(?:[\w.-]+/)*)(?![\w-])")
MODULE = re.compile(r"(?<![\w.])(generator(?:\.\w+)+)")

# Named in comments but not the repository's: a page's source or output name, the folders
# the tests write into (.gitignore), Material's own bundle.
SITE_FOLDERS = tuple(s for s in (routes.DOCUMENTS, routes.TOPICS, routes.UNITS, routes.MATRICES,
                                 routes.INDICATORS, routes.JURISDICTIONS) if s)
NOT_OURS = {"index.md", "index.html", "mermaid.js", "tests/artifacts/", "tests/artifacts/field/"}

COMMENTS = {
    # In scripts, ``//`` after a colon is an address in a string (http://host/…), not a comment.
    ".js": (r"(?<!:)//[^\n]*", r"/\*.*?\*/"), ".mjs": (r"(?<!:)//[^\n]*", r"/\*.*?\*/"), ".css": (r"/\*.*?\*/",),
    ".html": (r"\{#.*?#\}", r"<!--.*?-->"), ".yaml": (r"#[^\n]*",), ".yml": (r"#[^\n]*",), ".sh": (r"#[^\n]*",),
    "": (r"#[^\n]*",),   # the scripts in .ci/
}


def repository_files(root: Path) -> list[str]:
    files = [p.name for p in root.iterdir() if p.is_file()]
    for top in SEARCHED:
        files += [p.relative_to(root).as_posix() for p in (root / top).rglob("*")
                  if p.is_file() and "node_modules" not in p.parts and "__pycache__" not in p.parts]
    return files


def comments(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each comment and docstring in ``path``."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        out = [(t.start[0], t.string) for t in tokenize.generate_tokens(io.StringIO(text).readline)
               if t.type == tokenize.COMMENT]
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) \
                    and (doc := ast.get_docstring(node, clean=False)) is not None:
                out.append((node.body[0].lineno, doc))
        return sorted(out)
    return [(text.count("\n", 0, m.start()) + 1, m.group())
            for pattern in COMMENTS.get(path.suffix, ()) for m in re.finditer(pattern, text, re.S)]


def _module_exists(dotted: str) -> bool:
    """Whether a dotted name is a module, or an attribute of the longest module it begins with."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            if not hasattr(obj, name):
                return False
            obj = getattr(obj, name)
        return True
    return False


def missing(path: Path, root: Path, files: list[str]) -> list[str]:
    """``file:line: name`` for each name in ``path``'s comments that the repository lacks."""
    def found(name: str) -> bool:
        name = name.removeprefix("./")
        return (name in NOT_OURS or name.startswith(SITE_FOLDERS)
                or any(f == name or f.endswith("/" + name) for f in files) or (path.parent / name).exists())

    out = []
    where = path.relative_to(root).as_posix()
    for line, text in comments(path):
        names = [m.group(1) for m in FILE.finditer(text) if not found(m.group(1))]
        names += [m.group(1) for m in FOLDER.finditer(text)
                  if m.group(1) not in NOT_OURS and not any(f.startswith(m.group(1)) for f in files)]
        names += [m.group(1) for m in MODULE.finditer(text) if not _module_exists(m.group(1))]
        out += [f"{where}:{line}: {name}" for name in names]
    return out


def scanned(root: Path) -> list[Path]:
    paths = [p for top in SCANNED for p in sorted((root / top).rglob("*")) if p.is_file()
             and (p.suffix in COMMENTS or p.suffix == ".py" or (top == ".ci" and p.suffix == "" and p.parent.name == ".ci"))]
    return [p for p in paths if not p.relative_to(root).as_posix().startswith(SKIPPED)
            and "__pycache__" not in p.parts]


def test_every_file_a_comment_names_exists():
    files = repository_files(ROOT)
    paths = scanned(ROOT)
    assert len(paths) > 100 and any(p.suffix == ".js" for p in paths) and any(p.suffix == ".css" for p in paths)
    stale = [line for p in paths for line in missing(p, ROOT, files)]
    assert stale == []


def test_a_stale_name_is_reported_at_its_line(tmp_path):
    """Planted: a module renamed, a stylesheet's comment naming a moved file, a folder gone."""
    (tmp_path / "generator").mkdir()
    (tmp_path / "generator" / "real.py").write_text("X = 1\n", encoding="utf-8")
    planted = tmp_path / "generator" / "planted.py"
    planted.write_text('"""Reads ``generator/real.py`` and ``generator/shell.py``."""\n\n'
                       "# see generator/templates/ and generator.site.no_such_module\n", encoding="utf-8")
    css = tmp_path / "generator" / "planted.css"
    css.write_text("a { color: red; }\n/* bars (generator/bars.py) */\n", encoding="utf-8")
    files = repository_files(tmp_path)
    assert missing(planted, tmp_path, files) == ["generator/planted.py:1: generator/shell.py",
                                                 "generator/planted.py:3: generator/templates/",
                                                 "generator/planted.py:3: generator.site.no_such_module"]
    assert missing(css, tmp_path, files) == ["generator/planted.css:2: generator/bars.py"]
