"""The mutation run's list (tools/mutants.py) still applies: each mutant's text occurs once in its
file and changes it, and the faults the suite was once blind to are on it by name.  The run
itself is slow and not part of the suite: ``.venv/bin/python tools/mutants.py``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("mutants", ROOT / "tools" / "mutants.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("mutants", module)   # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_every_mutant_applies_cleanly_and_the_named_ones_are_listed():
    tool = _tool()
    assert len(tool.MUTANTS) >= 40
    assert tool.check_all(tool.MUTANTS) == []
    named = {m.name for m in tool.MUTANTS if m.named}
    assert {"truncated-quote", "page-drops-a-character", "copy-guard-folds-the-draft-only"} <= named
    # Every module that carries trust has mutants: citations, checks and readings, precedents,
    # the search writer, the pins and 404 scripts.
    files = {m.file for m in tool.MUTANTS}
    assert {"generator/analysis/citations.py", "generator/content/checks.py", "generator/content/readings.py",
            "generator/analysis/precedents.py", "generator/search/index_format.py",
            "theme/assets/crosswalk/pins.js", "theme/404.html"} <= files


def test_a_mutant_that_does_not_apply_is_named():
    tool = _tool()
    bad = tool.Mutant("nowhere", "tools/mutants.py", "this text is not in the file" * 2, "x", "citations")
    assert tool.check_all([bad]) == [f"nowhere: {bad.old!r} occurs 0 times in tools/mutants.py, not once"]
