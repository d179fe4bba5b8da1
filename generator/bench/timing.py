"""Where a build spends its time: wall time, CPU time and peak memory per stage.

The library does not time itself.  ``instrument()`` wraps the functions that make up the
build's stages (``PROBES``: a stage name and where the function lives) for as long as a
benchmark runs, and restores them after; an ordinary build runs the functions as written.

Wall time is what a maintainer waits; CPU time is what the stage costs on a machine that
runs nothing else, so figures taken while other jobs share the cores stay comparable.

A stage entered while another is open is recorded under ``outer › inner`` (the
Traditional build's own page rendering is ``traditional › pages``), and a stage entered
many times (page rendering, once per page) adds up.  Peak memory is the process's peak
resident set size so far, read with ``getrusage`` when a stage ends.  The children the
build starts (the Traditional build; the second page writer, which writes the exports and
the search index first: see ``generator.site.parallel``) record their own stages, which
come back to the parent through a file when the parent joins them, marked parallel: their time overlaps the parent's, and
their memory is the child's.
"""

from __future__ import annotations

import functools
import itertools
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

SEP = " › "


@dataclass
class Stage:
    name: str
    seconds: float = 0.0
    cpu: float = 0.0         # CPU seconds of this process: what the stage costs on a machine to itself
    calls: int = 0
    peak_mb: float = 0.0     # peak RSS of the process when the stage last ended
    parallel: bool = False   # ran in another process, alongside the other stages


@dataclass
class Recorder:
    stages: dict[str, Stage] = field(default_factory=dict)   # in the order stages were first entered
    open: list[str] = field(default_factory=list)

    def as_json(self) -> list[dict]:
        return [{"name": s.name, "seconds": round(s.seconds, 4), "cpu": round(s.cpu, 4), "calls": s.calls,
                 "peak_mb": round(s.peak_mb, 1), "parallel": s.parallel}
                for s in self.stages.values()]


_recorder: Recorder | None = None


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class _Null:
    __slots__ = ()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


class _Timed:
    __slots__ = ("recorder", "name", "t0", "c0")

    def __init__(self, recorder: Recorder, name: str):
        self.recorder = recorder
        self.name = name

    def __enter__(self):
        self.recorder.open.append(self.name)
        self.t0 = time.perf_counter()
        self.c0 = time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        elapsed = time.perf_counter() - self.t0
        cpu = time.process_time() - self.c0
        rec = self.recorder
        full = SEP.join(rec.open)
        rec.open.pop()
        stage = rec.stages.get(full)
        if stage is None:
            stage = rec.stages[full] = Stage(full)
        stage.seconds += elapsed
        stage.cpu += cpu
        stage.calls += 1
        stage.peak_mb = peak_rss_mb()


_NULL = _Null()


def stage(name: str):
    """Context manager timing ``name``; free when no recorder is running.  A stage entered
    inside itself (a page rendered inside page rendering) counts once, as the outer one."""
    if _recorder is None or (_recorder.open and _recorder.open[-1] == name):
        return _NULL
    return _Timed(_recorder, name)


def absorb(report: dict) -> None:
    """Add the stages a child recorded, marked as run in parallel."""
    if _recorder is None:
        return
    for entry in report["stages"]:
        _recorder.stages[entry["name"]] = Stage(entry["name"], entry["seconds"], entry["cpu"], entry["calls"],
                                                entry["peak_mb"], parallel=True)


def start() -> Recorder:
    global _recorder
    _recorder = Recorder()
    return _recorder


def stop() -> Recorder | None:
    global _recorder
    rec, _recorder = _recorder, None
    return rec


# --- the stages of a build ------------------------------------------------------------------------

# (stage, module, attribute): the function whose calls make up the stage.  An attribute
# ``Class.method`` wraps a method.  Names are looked up where their callers look them up
# (``validate.load``, not ``load.load``), so a wrapper is what the build calls.
PROBES: tuple[tuple[str, str, str], ...] = (
    ("load", "generator.content.validate", "load"),
    ("validate", "generator.content.validate", "_validated"),
    ("precedents", "generator.analysis.precedents", "precedents"),
    ("pages", "generator.site.plugin", "CrosswalkPlugin._plan"),
    ("pages", "generator.site.plugin", "CrosswalkPlugin._add_pages"),
    ("pages", "generator.site.plugin", "CrosswalkPlugin._render"),
    ("traditional", "generator.site.plugin", "CrosswalkPlugin._build_traditional"),
    ("exports", "generator.site.exports", "write_all"),
    ("search", "generator.search.records", "build_index"),
    ("shared pages", "generator.site.shell_writer", "_write"),
    ("pages", "generator.site.pages", "render"),
    ("convert", "generator.site.pages", "for_script"),
    ("write", "generator.site.shell_writer", "_put"),
)


def _timed(name: str, fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with stage(name):
            return fn(*args, **kwargs)
    return wrapper


def _owner(module: str, attribute: str):
    owner = import_module(module)
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    return owner, name


@contextmanager
def instrument() -> Iterator[Recorder]:
    """Record the stages of whatever builds inside the ``with``, in this process and in the
    children it starts; yields the recorder."""
    from generator.site import parallel

    saved = []
    for name, module, attribute in PROBES:
        owner, attr = _owner(module, attribute)
        original = vars(owner)[attr]
        saved.append((owner, attr, original))
        setattr(owner, attr, _timed(name, original))
    # As the class holds them: the classmethod object, to call its function with a class of our choosing.
    start_child, join_child = vars(parallel.Child)["start"], vars(parallel.Child)["join"]
    reports = Path(tempfile.mkdtemp(prefix="crosswalk-timing-"))
    numbers = itertools.count()

    def timed_start(cls, name, work):
        report = reports / f"{next(numbers)}-{name}.json"

        def timed_work():
            recorder = start()   # the child's own: the parent's open stages are not the child's
            with stage(name):
                work()
            report.write_text(json.dumps({"stages": recorder.as_json()}), encoding="utf-8")

        child = start_child.__func__(cls, name, timed_work)
        child._report = report
        return child

    def timed_join(self):
        with stage(f"{self.name} (wait)"):
            ok = join_child(self)
        report = getattr(self, "_report", None)
        if ok and report is not None and report.exists():
            absorb(json.loads(report.read_text(encoding="utf-8")))
        return ok

    recorder = start()
    for attr, timed in (("start", classmethod(timed_start)), ("join", timed_join)):
        saved.append((parallel.Child, attr, vars(parallel.Child)[attr]))
        setattr(parallel.Child, attr, timed)
    try:
        yield recorder
    finally:
        stop()
        for owner, attr, original in reversed(saved):
            setattr(owner, attr, original)
        for report in reports.iterdir():
            report.unlink()
        reports.rmdir()
