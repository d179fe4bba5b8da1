"""The suite's builds are made once a run even on two workers (``conftest.made_once``): the
first worker to ask makes the folder where every worker looks, under a lock, and the others
wait for it and read it; a make that failed leaves no mark, so the next asks again. The page
sweeps are shared out the same way (``page_sweep.Shared``), each made by one worker."""

from __future__ import annotations

import concurrent.futures
import threading
import time
from pathlib import Path

import pytest

import page_sweep
from conftest import made_here_or_there, made_once

# Every sweep the pages are given, written out (page_sweep.SCRIPTS × WIDTHS).
ALL_SWEEPS = [("zh-Hans", "phone"), ("zh-Hans", "desktop"), ("zh-Hant", "phone"), ("zh-Hant", "desktop")]


class Worker:
    """What ``made_once`` reads of pytest's ``tmp_path_factory`` on one pytest-xdist worker."""

    def __init__(self, base: Path):
        base.mkdir(parents=True)
        self.base = base

    def getbasetemp(self) -> Path:
        return self.base


def test_two_workers_asking_at_once_get_one_folder_made_once(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    workers = [Worker(tmp_path / "popen-gw0"), Worker(tmp_path / "popen-gw1")]
    made, both_asked = [], threading.Barrier(2)

    def make(folder: Path) -> None:
        made.append(folder)
        time.sleep(0.3)   # long enough for the other worker to ask meanwhile
        (folder / "site").mkdir()

    def ask(worker: Worker) -> Path:
        both_asked.wait()
        return made_once(worker, "built", make)

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        folders = list(pool.map(ask, workers))
    assert folders == [tmp_path / "built", tmp_path / "built"]
    assert made == [tmp_path / "built"]
    assert (tmp_path / "built" / "site").is_dir()


def test_a_make_that_failed_is_made_again_by_the_next_to_ask(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    first, second = Worker(tmp_path / "popen-gw0"), Worker(tmp_path / "popen-gw1")

    def fail(folder: Path) -> None:
        (folder / "half").write_text("written before the failure", encoding="utf-8")
        raise RuntimeError("build failed")

    with pytest.raises(RuntimeError, match="build failed"):
        made_once(first, "built", fail)
    made = []
    assert made_once(second, "built", made.append) == tmp_path / "built"
    assert made == [tmp_path / "built"]
    assert not (tmp_path / "built" / "half").exists()   # made afresh, not on the failed half


def test_in_one_process_the_folder_is_in_the_runs_own_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    made = []
    only = Worker(tmp_path / "pytest-1")
    assert made_once(only, "built", made.append) == tmp_path / "pytest-1" / "built"
    assert made_once(only, "built", made.append) == tmp_path / "pytest-1" / "built"
    assert made == [tmp_path / "pytest-1" / "built"]


def test_a_folder_being_made_elsewhere_is_given_up_without_waiting_and_then_found(tmp_path):
    folder, started, release = tmp_path / "sweep", threading.Event(), threading.Event()

    def slow(made: Path) -> None:
        started.set()
        release.wait(10)
        (made / "record").write_text("one", encoding="utf-8")

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        first = pool.submit(made_here_or_there, folder, slow, wait=False)
        assert started.wait(10)
        unexpected = []
        assert made_here_or_there(folder, unexpected.append, wait=False) is False   # busy: not waited for
        release.set()
        assert first.result() is True
    assert made_here_or_there(folder, unexpected.append, wait=False) is True      # done: not made again
    assert unexpected == [] and (folder / "record").read_text(encoding="utf-8") == "one"


def test_two_workers_share_out_the_page_sweeps_and_each_reads_all_four(tmp_path):
    made: list[tuple[str, tuple[str, str]]] = []
    # gw1 asks once gw0 is making two sweeps, so which worker makes which is not left to how
    # the threads happen to be scheduled (asked at once, either could take the other's first).
    gw0_busy = threading.Event()
    # Every sweep waits here for the other three: made two a worker, all four are under way at
    # once; made one after another, the barrier breaks and the sweep fails.
    all_four = threading.Barrier(4, timeout=30)   # two workers, two sweeps at a time each

    def worker(name: str) -> dict:
        def run(script: str, width: str) -> tuple[str, str, str]:
            made.append((name, (script, width)))
            if sum(who == "gw0" for who, _ in made) == 2:
                gw0_busy.set()
            all_four.wait()
            return ("swept", script, width)

        shared = page_sweep.Shared(tmp_path, run)
        if name == "gw1":
            assert gw0_busy.wait(30)
        first = ("zh-Hans", "desktop") if name == "gw0" else ("zh-Hant", "phone")
        return {key: shared[key] for key in [first, *ALL_SWEEPS]}

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        read = list(pool.map(worker, ["gw0", "gw1"]))
    expected = {(script, width): ("swept", script, width) for script, width in ALL_SWEEPS}
    assert read == [expected, expected]
    assert sorted(key for _, key in made) == sorted(ALL_SWEEPS)               # each made once
    assert {name for name, _ in made} == {"gw0", "gw1"}                       # by both workers
    assert ("gw0", ("zh-Hans", "desktop")) in made and ("gw1", ("zh-Hant", "phone")) in made


def test_the_page_sweeps_hold_exactly_each_script_at_each_width(tmp_path):
    shared = page_sweep.Shared(tmp_path, lambda script, width: ("swept", script, width))
    assert sorted(shared) == sorted(ALL_SWEEPS) and len(shared) == 4
    assert ("zh-Hans", "tablet") not in shared
    with pytest.raises(KeyError):
        shared[("zh-Hans", "tablet")]
    assert not list(tmp_path.iterdir())   # asking about a sweep made none
