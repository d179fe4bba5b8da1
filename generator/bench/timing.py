"""Where a build spends its time: wall time, CPU time and peak memory per stage.

The plugin wraps each of its stages in ``stage(name)``.  Nothing is recorded unless a
caller (the benchmark) has called ``start()``; until then ``stage`` hands back one shared
do-nothing context manager, so an ordinary build pays one global look-up per stage.

Wall time is what a maintainer waits; CPU time is what the stage costs on a machine that
runs nothing else, so figures taken while other jobs share the cores stay comparable.

A stage entered while another is open is recorded under ``outer › inner`` (the
Traditional build's own page rendering is ``traditional › pages``), and a stage entered
many times (page rendering, once per page) adds up.  Peak memory is the process's peak
resident set size so far, read with ``getrusage`` when a stage ends.  Stages a forked child
ran (the Traditional build, the search index, the second page writer: see ``parallel``) come back through ``absorb``, marked parallel:
their time overlaps the parent's, and their memory is the child's.
"""

from __future__ import annotations

import resource
import sys
import time
from dataclasses import dataclass, field

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
    """Context manager timing ``name``; free when no recorder is running."""
    return _NULL if _recorder is None else _Timed(_recorder, name)


def active() -> bool:
    return _recorder is not None


def absorb(report: dict) -> None:
    """Add the stages a forked child recorded (see ``parallel``), marked as run in parallel."""
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
