"""Running part of the build in a forked child process.

The Traditional MkDocs build, the search index and the second page writer (see ``shell_writer``)
need nothing from the main build but the loaded corpus and write to folders of their own,
so each runs in a forked child: it inherits the corpus without pickling it, and the main
build waits for it before the site is put in place.  Where ``fork`` is missing (Windows) or
there is a single core, the caller does the work itself, one part after the other.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Callable

from generator import timing


def available() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class Child:
    """A function running in a forked process; ``join`` says whether it succeeded."""

    def __init__(self, pid: int, report: Path):
        self.pid = pid
        self.report = report

    @classmethod
    def start(cls, name: str, work: Callable[[], None], report: Path) -> "Child":
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        pid = os.fork()
        if pid == 0:  # the child: do the work, never return into the parent's code
            _run(name, work, report)
        return cls(pid, report)

    def join(self) -> bool:
        _, status = os.waitpid(self.pid, 0)
        ok = os.waitstatus_to_exitcode(status) == 0
        if self.report.exists():
            if ok:
                timing.absorb(json.loads(self.report.read_text(encoding="utf-8")))
            self.report.unlink()
        return ok

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self.report.unlink(missing_ok=True)


def _run(name: str, work: Callable[[], None], report: Path) -> None:
    code = 1
    try:
        measuring = timing.active()
        recorder = timing.start() if measuring else None  # the parent's recorder stays the parent's
        with timing.stage(name):
            work()
        if recorder is not None:
            report.write_text(json.dumps({"stages": recorder.as_json(), "peak_mb": timing.peak_rss_mb()}),
                              encoding="utf-8")
        code = 0
    except BaseException:  # the parent only sees the exit code; the message goes to the log
        traceback.print_exc()
    finally:
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(code)  # skip the parent's atexit handlers and open resources
