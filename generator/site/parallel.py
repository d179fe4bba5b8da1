"""Running part of the build in a child process.

The Traditional MkDocs build, the search index and the second page writer (see ``shell_writer``)
need nothing from the main build but the loaded corpus and write to folders of their own,
so each runs in a child process beside the main build, which waits for it before the site is
put in place.  Where ``fork`` is missing (Windows) or there is a single core, the caller does
the work itself, one part after the other.

Why ``multiprocessing.Process`` with the ``fork`` start method and not ``concurrent.futures``:
a ``ProcessPoolExecutor`` sends each task and its arguments through ``pickle``, whatever the
start method, and the work here is a closure over the loaded corpus, the page list and
MkDocs' config.  The corpus with its precedents, at 300 synthetic documents, pickles to
19 MB in 1.0 s and takes 1.5 s to load in each of the three children, each then holding a
copy of its own, where a forked child shares the parent's pages (measured with
``pickle.dumps``/``loads`` on the corpus of ``crosswalk bench --documents 300 --keep``, on
this 2-core machine).  A pool also cannot stop a running worker before Python 3.14, which a
failed build must do.  ``Process`` gives one process per task, started when its inputs are
ready, inheriting them.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable

_FORK = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def available() -> bool:
    """Whether a child can run beside this process: ``fork`` exists, there is a second core,
    and this is the main thread.  ``mkdocs serve`` rebuilds in a thread of its own; forking
    there copies locks other threads may hold, so serve builds in one process."""
    return (_FORK is not None and (os.cpu_count() or 1) > 1
            and threading.current_thread() is threading.main_thread())


def _fork() -> multiprocessing.context.ForkContext:
    """The ``fork`` context, which ``Child`` and ``Chunks`` need: a caller asks ``available``
    first and does the work itself where there is none."""
    if _FORK is None:
        raise RuntimeError("no fork start method here: check parallel.available() before starting a child")
    return _FORK


class Child:
    """A function running in a forked process; ``join`` says whether it succeeded.

    A failure's traceback goes to the child's stderr (the build log); the parent sees the
    exit code and stops the build with a message of its own."""

    def __init__(self, name: str, work: Callable[[], None]):
        self.name = name
        self._process = _fork().Process(target=work, name=f"crosswalk {name}")

    @classmethod
    def start(cls, name: str, work: Callable[[], None]) -> Child:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()   # or the child would print the parent's buffered output again
        child = cls(name, work)
        # The parent's objects are frozen for the fork: the child's collector then never walks
        # them, and so never writes to (and copies) the pages it shares with the parent.
        gc.freeze()
        try:
            child._process.start()
        finally:
            gc.unfreeze()
        return child

    def join(self) -> bool:
        self._process.join()
        return self._process.exitcode == 0

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


class Chunks:
    """Hands out the pages a few at a time to whichever process is free, so that both finish
    together whatever else each has to do and however long each page takes."""

    CHUNK = 8

    def __init__(self, total: int):
        self.total = total
        self._next = _fork().RawValue("q", 0)  # shared memory: survives the fork
        self._lock = _fork().Lock()

    def drain(self, work: Callable[[slice], None]) -> None:
        while True:
            with self._lock:
                start = self._next.value
                self._next.value = start + self.CHUNK
            if start >= self.total:
                return
            work(slice(start, start + self.CHUNK))
