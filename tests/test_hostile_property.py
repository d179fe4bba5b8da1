"""Property: whatever an editor does to valid YAML, ``crosswalk check`` answers properly.

Hypothesis mutates the tiny project's YAML at random (deletes, inserts YAML's own
punctuation, CJK text and control characters, duplicates, swaps and re-indents lines,
truncates) and runs ``crosswalk check --warnings``: it must never raise, must exit 0 or 1,
every line it prints must be ``file:line:col: message``, each run within a bounded time,
and all of them within a bounded growth of memory.  The examples are derandomised and
bounded in number, so the test is deterministic and quick.
"""

from __future__ import annotations

import contextlib
import io
import re
import time
import tracemalloc

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_project
from generator.cli import main

FILES = ["content/documents/demo-2020.yaml", "content/documents/demo-county-2021.yaml", "content/units.yaml",
         "content/jurisdictions.yaml", "crosswalk/topics.yaml"]
LINE = re.compile(r"^[^:\n]+:\d+:\d+: .+$")
SECONDS = 5
EXAMPLES = 60
# Python's own allocations of one run, traced around that run alone (tracemalloc), not the
# process's high-water mark, which earlier tests (a site build in this process) may have set.
PEAK_MB = 32     # a run peaks at about 4.5 MB
GROWTH_MB = 16     # what all runs together may leave allocated: nothing grows run by run

# What an editor's slip or an attacker plants: YAML punctuation, indentation, CJK, digits, controls.
ALPHABET = st.sampled_from(list(":-[]{}&*!|>'\"#%@,?<=~\n\t ") + ["  ", "\n  - ", ": ", "<<: ", "&a ", "*a",
                                                                 "!!str ", "社区", "〔2017〕", "0", "9" * 30,
                                                                 "\x00", "\x07", "\ufeff", "\u2028"])


@st.composite
def mutation(draw):
    file = draw(st.sampled_from(FILES))
    steps = draw(st.lists(st.tuples(st.sampled_from(["delete", "insert", "duplicate", "swap", "indent", "truncate"]),
                                    st.floats(0, 1), st.floats(0, 1), st.lists(ALPHABET, min_size=1, max_size=4).map("".join)),
                          min_size=1, max_size=4))
    return file, steps


def apply(text: str, steps) -> str:
    for op, at, span, insert in steps:
        lines = text.split("\n")
        i = int(at * len(text))
        n = int(at * (len(lines) - 1))
        if op == "delete":
            text = text[:i] + text[i + 1 + int(span * 20):]
        elif op == "insert":
            text = text[:i] + insert + text[i:]
        elif op == "duplicate":
            text = "\n".join(lines[:n + 1] + lines[n:])
        elif op == "swap":
            m = int(span * (len(lines) - 1))
            lines[n], lines[m] = lines[m], lines[n]
            text = "\n".join(lines)
        elif op == "indent":
            lines[n] = " " * int(span * 6) + lines[n].lstrip(" ")
            text = "\n".join(lines)
        else:
            text = text[:i]
    return text


def test_check_answers_every_mutation_properly(tmp_path):
    root = copy_project(tmp_path / "project", site_config=False)
    originals = {f: (root / f).read_text(encoding="utf-8") for f in FILES}
    codes: list[int] = []
    peaks: list[int] = []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(mutation())
    def answers(case):
        file, steps = case
        (root / file).write_text(apply(originals[file], steps), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        begin = time.perf_counter()
        tracemalloc.reset_peak()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["--root", str(root), "check", "--warnings"])
        finally:
            peaks.append(tracemalloc.get_traced_memory()[1])
            (root / file).write_text(originals[file], encoding="utf-8")
        assert time.perf_counter() - begin < SECONDS
        assert code in (0, 1)
        lines = out.getvalue().splitlines()
        assert all(LINE.match(line) for line in lines), lines
        assert code == 0 or lines
        codes.append(code)

    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        answers()
        left = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    assert len(codes) >= EXAMPLES // 2 and 1 in codes  # the mutations did break something
    assert len(peaks) >= len(codes) and max(peaks) < PEAK_MB * 2**20, f"{max(peaks) / 2**20:.1f} MB"
    assert left < GROWTH_MB * 2**20, f"{left / 2**20:.1f} MB left allocated"
