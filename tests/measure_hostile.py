"""Time and memory of the hostile-input classes of round 3, for SECURITY.md and the closing note.

    .venv/bin/python tests/measure_hostile.py            # every class
    .venv/bin/python tests/measure_hostile.py names ids  # some

Each class is its tests, run by pytest in a process of its own: the figures are the slowest
test of the class (pytest's own duration of its call) and the peak resident memory of the
largest process the run made (pytest itself, a ``check`` or ``mkdocs build`` it started, or
a Chromium process), from ``wait4``.  It prints figures; it asserts nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUND3, BROWSER = "tests/test_hostile_round3.py", "tests/test_hostile_browser.py"

# class → (what a case is, test file, -k expression)
CLASSES = {
    "ids": ("an id, reference or date with a trailing newline", ROUND3, "trailing_newline"),
    "names": ("a name or title that displays as something else", ROUND3,
              "bidirectional or zero_width or lookalike or sibling or different_parents"),
    "files": ("a content file that is a FIFO, or a source that is missing", ROUND3, "fifo or missing_source"),
    "publishing": ("a site_dir that is a link, a mount point, a file, holds an undeletable file, "
                   "is built into twice at once, or a swap that fails halfway", ROUND3,
                   "site_dir or cannot_remove or two_builds or halfway"),
    "404": ("an address that tries to lead the 404 page off the origin (in one test per layout)",
            BROWSER, "404"),
    "pins": ("a stored pin set", BROWSER, "stored"),
    "links": ("a crafted address on compare, search, draft and other pages", BROWSER, "crafted"),
    "csp": ("every page kind in one script, checked for policy violations (one test per script)",
            "tests/test_field.py", "sideways"),
    "serve": ("a page mkdocs serve shows, whose reload script must run under its policy", BROWSER, "serve"),
}

_DURATION = re.compile(r"^\s*([\d.]+)s call\s+(\S+)$", re.M)
_COUNTS = re.compile(r"(\d+) (passed|failed|skipped|error)")


def measure(name: str) -> str:
    what, path, expr = CLASSES[name]
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "pytest", path, "-q", "-p", "no:cacheprovider",
                              "-k", expr, "--durations=0", "--durations-min=0"],
                             cwd=HERE.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    calls = [(float(s), test) for s, test in _DURATION.findall(out)]
    counts = {kind: int(n) for n, kind in _COUNTS.findall(out)}
    worst = max(calls, default=(0.0, "-"))
    return (f"{name:<11} {sum(counts.values()):>3} tests {counts}  worst {worst[0]:6.2f} s "
            f"({worst[1].split('::')[-1][:60]})  peak {usage.ru_maxrss / 1024:6.0f} MB  "
            f"whole class {seconds:5.1f} s  exit {os.waitstatus_to_exitcode(status)}\n"
            f"{'':<12}{what}")


if __name__ == "__main__":
    for name in sys.argv[1:] or CLASSES:
        print(measure(name), flush=True)
