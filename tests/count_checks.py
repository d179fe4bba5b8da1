"""Counts, per file under tests/, the test functions and the checks they make, so that a
change to the suite can show it kept every one: ``python tests/count_checks.py`` prints a
table and the totals (``--total`` the totals only).

A check is an ``assert`` statement, a call of ``expect(…)``, of ``pytest.raises``/``pytest.fail``,
or of any function or method whose name starts with ``assert`` (``t.assert_…``, ``assertEqual``).
The count is of the text, not of a run: a check inside a loop counts once.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return f"{owner}.{func.attr}" if owner == "pytest" else func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_check(node: ast.AST) -> bool:
    if isinstance(node, ast.Assert):
        return True
    if isinstance(node, ast.Call):
        name = _name(node)
        return name in {"expect", "pytest.raises", "pytest.fail"} or name.startswith("assert")
    return False


def count(path: Path) -> tuple[int, int]:
    """(test functions, checks) in one Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    tests = sum(1 for node in ast.walk(tree)
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"))
    checks = sum(1 for node in ast.walk(tree) if _is_check(node))
    return tests, checks


def main(argv: list[str]) -> None:
    files = sorted(TESTS.glob("*.py"))
    assert files, f"no Python file under {TESTS}"
    rows = [(path.name, *count(path)) for path in files]
    if "--total" not in argv:
        for name, tests, checks in rows:
            print(f"{name:34} {tests:5} {checks:6}")
    print(f"{'total':34} {sum(r[1] for r in rows):5} {sum(r[2] for r in rows):6}   (files, test functions, checks)")


if __name__ == "__main__":
    main(sys.argv[1:])
