"""The suite's builds are made once a run even on two workers (``conftest.made_once``): the
first worker to ask makes the folder where every worker looks, under a lock, and the others
wait for it and read it; a make that failed leaves no mark, so the next asks again."""

from __future__ import annotations

import concurrent.futures
import threading
import time
from pathlib import Path

import pytest

from conftest import made_once


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
