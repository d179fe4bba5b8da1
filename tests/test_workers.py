"""The suite's worker count (``-n auto`` in pyproject.toml, ``conftest.WORKERS``): one a core,
at least two and at most four, whatever machine runs it."""

from __future__ import annotations

import pytest

import conftest


@pytest.mark.parametrize("cores, workers", [(1, 2), (2, 2), (3, 3), (4, 4), (16, 4)])
def test_workers_follow_the_cores_between_two_and_four(monkeypatch, cores, workers):
    monkeypatch.setattr(conftest.os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert conftest.pytest_xdist_auto_num_workers(None) == workers


def test_without_an_affinity_the_core_count_is_used(monkeypatch):
    monkeypatch.delattr(conftest.os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(conftest.os, "cpu_count", lambda: 3)
    assert conftest.pytest_xdist_auto_num_workers(None) == 3
    monkeypatch.setattr(conftest.os, "cpu_count", lambda: None)
    assert conftest.pytest_xdist_auto_num_workers(None) == 2


def test_the_run_uses_the_hook():
    import tomllib
    from pathlib import Path

    options = tomllib.loads((Path(conftest.ROOT) / "pyproject.toml").read_text(encoding="utf-8"))
    addopts = options["tool"]["pytest"]["ini_options"]["addopts"]
    assert addopts[addopts.index("-n") + 1] == "auto"
