"""The benchmark's stage timer wraps the build's functions only while it runs: stages are
recorded in this process and in the children the build starts, and afterwards the library
is as it was."""

from __future__ import annotations

from conftest import ROOT
from generator.bench import timing
from generator.content import validate
from generator.content.load import Paths
from generator.site import parallel


def test_stages_are_recorded_while_instrumented_and_the_functions_restored_after():
    original = validate.load
    with timing.instrument() as recorder:
        assert validate.load is not original
        validate.check(Paths.at(ROOT))
        if parallel.available():
            child = parallel.Child.start("child", lambda: validate.load(Paths.at(ROOT)))
            assert child.join()
    assert validate.load is original and parallel.Child.start.__func__.__qualname__ == "Child.start"
    stages = {s["name"]: s for s in recorder.as_json()}
    assert stages["load"]["calls"] == 1 and stages["validate"]["calls"] == 1
    assert stages["load"]["seconds"] > 0 and not stages["load"]["parallel"]
    if parallel.available():
        assert stages["child"]["parallel"] and stages["child › load"]["parallel"]
        assert "child (wait)" in stages


def test_an_ordinary_build_records_nothing():
    validate.check(Paths.at(ROOT))
    assert timing.stop() is None
