"""``crosswalk bench``: build a synthetic corpus of a given size and show where the time goes.

    crosswalk bench --documents 3000            one size: per-stage wall time and peak memory
    crosswalk bench --sizes 300,1000,3000       several sizes: a table, the growth ratio, and
                                                docs/benchmark.md + docs/benchmark-build.svg
    crosswalk bench --bundled                   the checked-in corpus
    crosswalk bench --serve-latency             edit a YAML under `mkdocs serve`, time until the page shows it

Each build runs in a child process (``python -m generator.bench.build --child``) with the
stages of ``generator.bench.timing`` instrumented.  The build forks helpers (the Traditional
build; a second page writer, which writes the exports and the search index first) that
share most of their memory with it, so its peak memory is sampled from outside: the sum of the proportional set sizes (PSS, which
splits each shared page among the processes sharing it) of the build's process tree, four
times a second (Linux; elsewhere, the peak resident sets of the build and its largest child).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import routes
from generator.bench import synth, timing
from generator.site import footprint

DOCS = synth.PROJECT_ROOT / "docs"
# The figures before the national-scale round (crosswalk bench --sizes 300,1000,3000 on this
# machine, then): documents, records, build s, peak MB, site MB, site files.
BEFORE = ((300, 9_941, 38.0, 587, 493.4, 20_707), (1_000, 33_366, 118.7, 1_457, 1_480.5, 68_424),
          (3_000, 100_129, 384.2, 3_918, 4_407.5, 204_516))
# What a national corpus of 3,000 documents must stay within: well inside GitHub Pages, on an idle machine.
TARGETS = {"site MB": footprint.TARGET_BYTES // 1_000_000, "site files": footprint.TARGET_FILES, "build s": 90,
           "peak MB": 2_000}
LINEAR_LIMIT = 11.0   # time(largest)/time(smallest) for a tenfold corpus: linear, with slack


@dataclass
class Result:
    label: str
    documents: int
    records: int
    generate_s: float | None
    build_s: float
    build_cpu: float
    peak_mb: float
    stages: list[dict] = field(default_factory=list)   # from timing.Recorder.as_json()
    site: footprint.Footprint = field(default_factory=footprint.Footprint)   # per page kind and script
    page_sizes: dict[str, int] = field(default_factory=dict)   # footprint.page_bytes: the pages bounded one by one
    # The reference workload's CPU seconds around the build: the least of before and after
    # (a busy machine only ever slows it).
    reference_s: float | None = None
    # At the peak: each process's PSS in MB, the build's own first, then its children by pid.
    peak_parts: list[float] = field(default_factory=list)

    @property
    def site_files(self) -> int:
        return self.site.files

    @property
    def site_mb(self) -> float:
        return self.site.bytes / 1e6

    def stage(self, name: str) -> float:
        return next((s["seconds"] for s in self.stages if s["name"] == name), 0.0)

    def rows(self) -> list[tuple[str, float, float, float | None]]:
        """(stage, wall s, CPU s, peak MB) in build order, with MkDocs' own share (the rest) filled in."""
        top = [s for s in self.stages if timing.SEP not in s["name"]]
        serial = [s for s in top if not s.get("parallel")]  # a forked child's time overlaps the rest
        out: list[tuple[str, float, float, float | None]] = []
        for s in top:
            out.append((s["name"] + (" ∥" if s.get("parallel") else ""), s["seconds"], s["cpu"], s["peak_mb"]))
            prefix = s["name"] + timing.SEP
            inner = [i for i in self.stages if i["name"].startswith(prefix) and timing.SEP not in i["name"][len(prefix):]]
            if inner:
                out += [("  › " + i["name"].split(timing.SEP, 1)[1], i["seconds"], i["cpu"], i["peak_mb"])
                        for i in inner]
                out.append(("  › (rest)", s["seconds"] - sum(i["seconds"] for i in inner),
                            s["cpu"] - sum(i["cpu"] for i in inner), None))
        out.append(("mkdocs (rest)", self.build_s - sum(s["seconds"] for s in serial),
                    self.build_cpu - sum(s["cpu"] for s in top), None))
        return out


# --- one build, in a child process ----------------------------------------------------------------

def _child(project: Path, out: Path) -> int:
    """Build ``project`` in this process with the recorder on; write the figures to ``out``."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with timing.instrument() as recorder:
        t0, c0 = time.perf_counter(), time.process_time()
        config = load_config(str(project / "mkdocs.yml"))
        build(config)
        total, cpu = time.perf_counter() - t0, time.process_time() - c0
    # The Traditional build runs in a forked child: count its CPU, and add its peak to ours
    # (an upper bound on what the two held at once).
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += children.ru_utime + children.ru_stime
    peak = timing.peak_rss_mb() + children.ru_maxrss / 1024
    out.write_text(json.dumps({"build_s": total, "build_cpu": cpu, "peak_mb": peak,
                               "stages": recorder.as_json()},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def reference_s(rounds: int = 5) -> float:
    """CPU seconds a fixed pure-Python workload takes (JSON, strings and sorting, as a build
    spends its time), the least of ``rounds``: how fast this machine is just then.  It is
    shared, and its speed moved by a factor of two within an hour, so a build's CPU time
    is compared across runs in units of this."""
    data: list[dict[str, Any]] = [{"id": f"r{i}", "text": "城乡社区治理" * 12 + str(i), "n": [i, i * 7]}
                                  for i in range(4000)]
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for _ in range(20):
            json.loads(json.dumps(data, ensure_ascii=False))
            sorted(d["text"][::-1] for d in data)
        best = min(best, time.process_time() - t0)
    return best


def build(project: Path, label: str, documents: int, records: int, generate_s: float | None) -> Result:
    out = project / "bench-timing.json"
    log = project / "bench-build.log"
    before = reference_s()
    with log.open("w", encoding="utf-8") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "generator.bench.build", "--child", str(project), str(out)],
                                stdout=stderr, stderr=subprocess.STDOUT, cwd=str(project))
        sampled, parts = _peak_pss_mb(proc)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"the build of {label} failed (exit {proc.returncode}):\n{tail}")
    after = reference_s()
    data = json.loads(out.read_text(encoding="utf-8"))
    site = footprint.measure(project / "site")
    return Result(label, documents, records, generate_s, data["build_s"], data["build_cpu"], sampled or data["peak_mb"],
                  data["stages"], site, footprint.page_bytes(site, project / "site"), min(before, after), parts)


def _peak_pss_mb(proc: subprocess.Popen, every_s: float = 0.25) -> tuple[float | None, list[float]]:
    """Wait for ``proc``; the largest total PSS its process tree reached, in MB (None without
    /proc), and each process's part of it (``proc`` first)."""
    peak, parts = None, []
    while proc.poll() is None:
        each = _tree_pss_kb(proc.pid)
        if each is not None and (peak is None or sum(each.values()) / 1024 > peak):
            peak = sum(each.values()) / 1024
            parts = [each[pid] / 1024 for pid in sorted(each, key=lambda pid: (pid != proc.pid, pid))]
        time.sleep(every_s)
    return peak, parts


def _tree_pss_kb(root: int) -> dict[int, int] | None:
    """PSS in KB of ``root`` and each process under it, by pid."""
    proc = Path("/proc")
    if not (proc / str(root) / "smaps_rollup").exists():
        return None
    parents: dict[int, int] = {}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            # The command name (2nd field) is in parentheses and may hold spaces: split after it.
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, ValueError, IndexError):
            continue   # a process that ended while we looked
    tree, grew = {root}, True
    while grew:
        added = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= added
        grew = bool(added)
    each = {}
    for pid in tree:
        try:
            for line in (proc / str(pid) / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    each[pid] = int(line.split()[1])
                    break
        except OSError:
            continue
    return each


def synthetic_project(where: Path, documents: int, seed: int) -> synth.Summary:
    """A synthetic corpus of ``documents`` in ``where``, with the site's configuration beside it."""
    where.mkdir(parents=True, exist_ok=True)
    summary = synth.generate(where, documents, seed)
    synth.scaffold(where)
    return summary


def synthetic(documents: int, where: Path, seed: int) -> Result:
    t0 = time.perf_counter()
    summary = synthetic_project(where, documents, seed)
    generate_s = time.perf_counter() - t0
    print(f"generated {summary.documents} documents, {summary.records:,} records, {summary.jurisdictions:,} "
          f"jurisdictions, {summary.units:,} units in {generate_s:.1f} s; building …", flush=True)
    return build(where, f"{documents}", summary.documents, summary.records, generate_s)


def bundled(where: Path) -> Result:
    from generator.content.load import Paths, load

    _copy_project(where)
    corpus, _ = load(Paths.at(where))
    return build(where, "bundled", len(corpus.documents), len(corpus.records), None)


def _copy_project(where: Path) -> None:
    where.mkdir(parents=True, exist_ok=True)
    for name in ("content", "crosswalk"):
        if (synth.PROJECT_ROOT / name).exists():
            shutil.copytree(synth.PROJECT_ROOT / name, where / name, dirs_exist_ok=True)
    synth.scaffold(where)


# --- reporting ------------------------------------------------------------------------------------

def report(r: Result) -> str:
    lines = [f"== {r.label}: {r.documents:,} documents, {r.records:,} records"]
    if r.generate_s is not None:
        lines.append(f"generate (not part of the build)  {r.generate_s:8.1f} s")
    lines.append(f"{'stage':32}{'wall s':>9}{'CPU s':>9}{'peak MB':>10}")
    for name, seconds, cpu, peak in r.rows():
        lines.append(f"{name:32}{seconds:9.2f}{cpu:9.2f}{'' if peak is None else f'{peak:10.0f}'}")
    lines.append(f"{'whole build':32}{r.build_s:9.2f}{r.build_cpu:9.2f}{r.peak_mb:10.0f}")
    if len(r.peak_parts) > 1:
        lines.append("at the peak, PSS MB of the build process, then of each child: "
                     + " + ".join(f"{mb:,.0f}" for mb in r.peak_parts))
    if r.reference_s is not None:
        lines.append(f"reference workload: {r.reference_s:.3f} s CPU around the build (smaller: a faster machine)")
    lines.append("peak MB per stage: resident set of the process that ran it; whole build: the largest "
                 "total PSS of all its processes at once")
    lines.append(f"site: {r.site_files:,} files, {r.site_mb:.1f} MB; per page kind and script:")
    lines.append(footprint.table(r.site))
    lines.append(f"page-kind budgets (bytes a record, both scripts) and single pages, over {r.records:,} records:")
    lines.append(footprint.budget_table(r.site, r.records, r.page_sizes))
    lines.append(f"the {len(r.site.pages)} largest pages:")
    lines.append(footprint.largest_pages(r.site))
    return "\n".join(lines)


def kinds_table(results: list[Result], top: int = 9) -> list[list[str]]:
    """MB and files of the largest page kinds (both scripts together) at each size, and per record."""
    sized = [r for r in results if r.site.parts]
    if not sized:
        return []
    largest = sized[-1].site
    kinds = sorted({p.kind for p in largest.parts.values()}, key=lambda k: (-largest.of_kind(k)[1], k))[:top]
    head = ["kind"] + [f"{r.documents:,} docs: MB / files / KB per record" if r.label != "bundled" else
                       "bundled: MB / files / KB per record" for r in sized]
    rows = [head]
    for kind in kinds + ["(other)"]:
        row = [kind]
        for r in sized:
            if kind == "(other)":
                listed = [r.site.of_kind(k) for k in kinds]
                files, size = r.site.files - sum(f for f, _ in listed), r.site.bytes - sum(b for _, b in listed)
            else:
                files, size = r.site.of_kind(kind)
            row.append(f"{size / 1e6:,.1f} / {files:,} / {size / 1e3 / max(r.records, 1):.2f}")
        rows.append(row)
    return rows


TABLE_STAGES = ("load", "validate", "precedents", "pages", "traditional", "shared pages", "helper",
                "helper › exports", "helper › search")


def table(results: list[Result]) -> list[list[str]]:
    head = ["documents", "records", "build s", "CPU s", "ref s", "peak MB", "site files", "site MB",
            *(s.split(timing.SEP)[-1] for s in TABLE_STAGES), "mkdocs (rest)"]
    rows = [head]
    for r in results:
        rest = next(wall for name, wall, _, _ in r.rows() if name == "mkdocs (rest)")
        rows.append([r.label if r.label == "bundled" else f"{r.documents:,}", f"{r.records:,}", f"{r.build_s:.1f}",
                     f"{r.build_cpu:.1f}", "–" if r.reference_s is None else f"{r.reference_s:.3f}",
                     f"{r.peak_mb:.0f}", f"{r.site_files:,}", f"{r.site_mb:.1f}",
                     *(f"{r.stage(s):.1f}" for s in TABLE_STAGES), f"{rest:.1f}"])
    return rows


def plain_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows)


@dataclass(frozen=True)
class Growth:
    """How many times longer the largest synthetic build took than the smallest."""

    small: Result
    large: Result
    wall: float
    cpu: float
    relative: float | None   # CPU in units of the reference workload, when both have one

    @property
    def limit(self) -> float:
        return LINEAR_LIMIT * self.large.documents / (10 * self.small.documents)

    @property
    def judged(self) -> float:
        """The figure the verdict rests on: CPU time, in reference units where measured (wall
        time and bare CPU time move with the machine's speed between the two builds)."""
        return self.cpu if self.relative is None else self.relative

    @property
    def linear(self) -> bool:
        return self.judged <= self.limit


def ratio(results: list[Result]) -> Growth | None:
    synthetic_results = sorted((r for r in results if r.label != "bundled"), key=lambda r: r.documents)
    if len(synthetic_results) < 2:
        return None
    small, large = synthetic_results[0], synthetic_results[-1]
    relative = (large.build_cpu / large.reference_s) / (small.build_cpu / small.reference_s) \
        if large.reference_s and small.reference_s else None
    return Growth(small, large, large.build_s / small.build_s, large.build_cpu / small.build_cpu, relative)


def markdown(results: list[Result], svg_name: str) -> str:
    rows = table(results)
    found = ratio(results)
    md = ["# 构建性能", "",
          "本页由 `crosswalk bench --sizes …` 生成：用合成的全国规模语料（省 → 市 → 县，每个辖区一件文件，"
          "记录取自本库真实记录并重新组合）在本机（2 核）上完整构建两种文字的网站，逐阶段记录耗时和峰值内存。"
          "重新生成：`python -m generator bench --sizes 300,1000,3000`。", "",
          f"![构建时间与峰值内存随文件数的变化]({svg_name})", "",
          "| " + " | ".join(rows[0]) + " |", "|" + "---:|" * len(rows[0])]
    md += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    md.append("")
    if found:
        small, large = found.small, found.large
        relative = "" if found.relative is None else f"，按参照负载折算的 CPU 时间增至 {found.relative:.1f} 倍"
        md.append(f"文件数从 {small.documents:,} 增至 {large.documents:,}（{large.documents / small.documents:.0f} 倍），"
                  f"记录数增至 {large.records / small.records:.2f} 倍；构建时间增至 {found.wall:.1f} 倍，"
                  f"CPU 时间增至 {found.cpu:.1f} 倍{relative}（据此判断{'近似线性' if found.linear else '超过线性'}）。"
                  "`ref s` 是一段固定的 Python 计算（JSON、字符串、排序）在每次构建前后所用 CPU 时间的较小者：这台机器与其他任务共用，"
                  "一小时内速度可差一倍，墙钟时间和 CPU 时间都随之变化，折算成参照负载的倍数才能在两次构建之间比较。")
        md.append("")
    reference = next((r for r in results if r.label == "bundled"), None)
    if reference is not None:
        md += [f"同一次运行中，内置语料（{reference.documents} 件文件，{reference.records:,} 条记录）构建用时 "
               f"{reference.build_s:.2f} 秒（目标不超过 3 秒）。", ""]
    md += _scale_sections(results)
    md += ["各列：`load` 读取并解析 YAML；`validate` 校验（含逐条核对原文）；`precedents` 计算相似条款；"
           "`pages` 列出全部页面并渲染导航中的页面（简体）；"
           "`traditional` 繁体版导航页面和页面外壳的 MkDocs 构建，在另一进程中与简体同时进行；"
           "`shared pages` 本进程把导航以外的页面（文件、单位、辖区、主题等）渲染一次、转成两种文字写入外壳；"
           "`helper` 另一进程同时先写出 `data/` 下的 JSON、CSV、XLSX（`exports`）和条款检索索引（`search`），再写另一半页面；"
           "`mkdocs (rest)` 其余时间，即 MkDocs 与 Material 主题本身的渲染和写文件。"
           "`peak MB` 是构建的全部进程同时占用内存（PSS，共享页按进程均摊）之和的最大值，每 0.25 秒采样一次。"
           "标 ∥ 的阶段在另一进程中运行，与其他阶段重叠，不计入墙钟合计。", ""]
    return "\n".join(md)


def svg_plot(results: list[Result]) -> str:
    """Build time (stacked by stage) and peak memory against corpus size, as a standalone SVG."""
    from html import escape

    data = sorted((r for r in results if r.label != "bundled"), key=lambda r: r.documents)
    width, height, pad_l, pad_b, pad_t, gap = 760, 330, 56, 48, 40, 70
    panel = (width - 2 * pad_l - gap) // 2
    plot_h = height - pad_t - pad_b
    xmax = max(r.documents for r in data) if data else 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img" '
             f'aria-label="构建时间与峰值内存随文件数的变化">',
             "<title>构建时间与峰值内存随文件数的变化</title>",
             f'<rect width="{width}" height="{height}" fill="#fff"/>']
    # Serial stages only: those of the other process (∥) overlap them.
    colours = {"load": "#1f77b4", "validate": "#aec7e8", "precedents": "#17becf", "pages": "#d62728",
               "traditional (wait)": "#2ca02c", "shared pages": "#ff9896", "helper (wait)": "#9467bd",
               "mkdocs (rest)": "#bbbbbb"}

    def axes(x0: int, title: str, ymax: float, unit: str) -> None:
        parts.append(f'<text x="{x0}" y="22" font-size="14" font-weight="bold">{escape(title)}</text>')
        parts.append(f'<line x1="{x0}" y1="{pad_t + plot_h}" x2="{x0 + panel}" y2="{pad_t + plot_h}" stroke="#333"/>')
        parts.append(f'<line x1="{x0}" y1="{pad_t}" x2="{x0}" y2="{pad_t + plot_h}" stroke="#333"/>')
        for i in range(5):
            v = ymax * i / 4
            y = pad_t + plot_h - plot_h * i / 4
            parts.append(f'<line x1="{x0 - 4}" y1="{y:.0f}" x2="{x0 + panel}" y2="{y:.0f}" stroke="#eee"/>')
            parts.append(f'<text x="{x0 - 6}" y="{y + 4:.0f}" text-anchor="end">{v:.0f}</text>')
        parts.append(f'<text x="{x0 - 40}" y="{pad_t - 8}">{escape(unit)}</text>')
        for r in data:
            x = x0 + panel * r.documents / xmax
            parts.append(f'<text x="{x:.0f}" y="{pad_t + plot_h + 16}" text-anchor="middle">{r.documents:,}</text>')
        parts.append(f'<text x="{x0 + panel / 2:.0f}" y="{height - 10}" text-anchor="middle">文件数</text>')

    def ymax_of(values: list[float]) -> float:
        top = max(values, default=1.0) or 1.0
        step = 10 ** (len(str(int(top))) - 1)
        return float(((int(top) // step) + 1) * step)

    # Left: build time, one stacked bar per size.
    x0 = pad_l
    tmax = ymax_of([r.build_s for r in data])
    axes(x0, "构建时间（秒，按阶段）", tmax, "秒")
    bar = 26
    for r in data:
        x = x0 + panel * r.documents / xmax - bar / 2
        y: float = pad_t + plot_h
        stages = [(n, s) for n, s, _, _ in r.rows() if not n.startswith("  ") and not n.endswith(" ∥")]
        for name, seconds in stages:
            h = plot_h * max(seconds, 0.0) / tmax
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar}" height="{h:.1f}" '
                         f'fill="{colours.get(name, "#888")}"><title>{escape(f"{r.documents:,} 件 · {name}:{seconds:.1f} 秒")}'
                         f'</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.0f}" y="{y - 4:.0f}" text-anchor="middle">{r.build_s:.0f}</text>')
    # Right: peak memory.
    x1 = pad_l * 2 + panel + gap
    mmax = ymax_of([r.peak_mb for r in data])
    axes(x1, "峰值内存（MB）", mmax, "MB")
    points = [(x1 + panel * r.documents / xmax, pad_t + plot_h - plot_h * r.peak_mb / mmax) for r in data]
    if points:
        parts.append('<polyline fill="none" stroke="#d62728" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
    for (x, y), r in zip(points, data):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#d62728"/>')
        parts.append(f'<text x="{x:.0f}" y="{y - 8:.0f}" text-anchor="middle">{r.peak_mb:.0f}</text>')
    # Legend under the left panel's title.
    lx = pad_l + 8
    for i, (name, colour) in enumerate(colours.items()):
        y = pad_t + 4 + i * 15
        parts.append(f'<rect x="{lx}" y="{y}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14}" y="{y + 9}">{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _scale_sections(results: list[Result]) -> list[str]:
    md: list[str] = []
    kinds = kinds_table(results)
    if kinds:
        md += ["## 各类页面的大小", "",
               "两种文字合计；每格依次为 MB、文件数、每条记录的 KB。`search-index`、`data` 两种文字共用一份。"
               "逐类、逐文字的明细和占比见 `crosswalk bench --documents N` 的输出或 `crosswalk footprint site/`。", "",
               "| " + " | ".join(kinds[0]) + " |", "|---|" + "---:|" * (len(kinds[0]) - 1)]
        md += ["| " + " | ".join(row) + " |" for row in kinds[1:]]
        md.append("")
    md += ["## 与上一轮比较", "", "上一轮（全国规模改造之前）在同一台机器上的数字：", "",
           "| documents | records | build s | peak MB | site MB | site files |", "|---:|---:|---:|---:|---:|---:|"]
    md += [f"| {d:,} | {n:,} | {b:.1f} | {p:,} | {mb:,.1f} | {f:,} |" for d, n, b, p, mb, f in BEFORE]
    md.append("")
    largest = max((r for r in results if r.label != "bundled"), key=lambda r: r.documents, default=None)
    if largest is not None:
        got = {"site MB": largest.site_mb, "site files": largest.site_files, "build s": largest.build_s,
               "peak MB": largest.peak_mb}
        md += [f"## 目标（{largest.documents:,} 件文件时）", ""]
        for name, limit in TARGETS.items():
            verdict = "达到" if got[name] <= limit else f"未达到，超出 {got[name] / limit - 1:.0%}"
            shown = f"{got[name]:,.1f}" if name in ("site MB", "build s") else f"{got[name]:,.0f}"
            md.append(f"- `{name}` 不超过 {limit:,}：实测 {shown}，{verdict}。")
        md.append("")
    return md


def write_docs(results: list[Result], docs: Path) -> None:
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "benchmark-build.svg").write_text(svg_plot(results), encoding="utf-8")
    (docs / "benchmark.md").write_text(markdown(results, "benchmark-build.svg"), encoding="utf-8")


# --- serve latency --------------------------------------------------------------------------------

def serve_target_s(documents: int | None) -> float:
    """Seconds an edit may take to show under serve: 3 up to 300 documents, 10 at national scale."""
    return 3.0 if documents is None or documents <= 300 else 10.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page at ``url``, or None while the server does not answer it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def poll(check: Callable[[], object], limit_s: float) -> float | None:
    """Seconds until ``check()`` is true, asked every tenth of a second; None after ``limit_s``."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit_s:
        if check():
            return time.perf_counter() - t0
        time.sleep(0.1)
    return None


@contextmanager
def serving(project: Path, log_path: Path) -> Iterator[str]:
    """``mkdocs serve`` of ``project`` on a free local port, its output in ``log_path``;
    yields the site's address and stops the server after."""
    port = _free_port()
    with log_path.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                                 "--config-file", str(project / "mkdocs.yml")],
                                stdout=log, stderr=subprocess.STDOUT, cwd=str(project))
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@dataclass
class ServeLatency:
    first: float          # seconds to the first page
    document: float       # from a document's edit to its page
    tagged_document: float   # from tagging a record in topics.yaml to its document page
    tagged_topic: float      # … and to the topic's page


def serve_latency(where: Path, documents: int | None = None, seed: int = 1,
                  limit_s: float | None = None) -> ServeLatency:
    """Start ``mkdocs serve`` on the bundled corpus (or a synthetic one of ``documents``),
    change a document title, time until the page shows it; once the full build is done, tag
    one of its records with a topic it has not, time until its document page and the topic's
    page show it."""
    from generator.content.load import Paths, load

    if limit_s is None:
        # How long to wait for a build: a national corpus took over 600 s on this machine while
        # it was shared (idle: 167 s), and a rebuild under serve runs in one process.
        limit_s = 600.0 if (documents or 0) <= 300 else 3600.0
    if documents is None:
        _copy_project(where)
    else:
        synthetic_project(where, documents, seed)
    corpus, _ = load(Paths.at(where))
    doc = next(d for d in corpus.sorted_documents() if d.has_text)
    path = where / "content" / "documents" / f"{doc.id}.yaml"
    log_path = where / "serve.log"
    with serving(where, log_path) as site:
        url = f"{site}documents/{doc.id}/"
        first = poll(lambda: doc.title in (fetch(url) or ""), limit_s)
        if first is None:
            raise SystemExit(f"mkdocs serve did not serve {url} within {limit_s:.0f} s; see {where / 'serve.log'}")
        marker = "基准测试修改标记"
        text = path.read_text(encoding="utf-8")
        old = f"title: {doc.title}\n"
        if old not in text:
            raise SystemExit(f"cannot find '{old.strip()}' in {path} to edit")
        time.sleep(1.0)   # let the watcher settle after the first build
        path.write_text(text.replace(old, f"title: {doc.title}{marker}\n", 1), encoding="utf-8")
        latency = poll(lambda: marker in (fetch(url) or ""), limit_s)
        if latency is None:
            raise SystemExit(f"the edit did not show on {url} within {limit_s:.0f} s; see {where / 'serve.log'}")
        if poll(lambda: "the full build" in log_path.read_text(encoding="utf-8"), limit_s) is None:
            raise SystemExit(f"the full build after the edit did not end within {limit_s:.0f} s; see {log_path}")
        on_doc, on_topic = _tag(where, site, corpus, doc, limit_s)
        return ServeLatency(first, latency, on_doc, on_topic)


def _as_built(url: str) -> str:
    """The page at ``url`` without the reload script MkDocs adds, which carries the build's epoch."""
    return re.sub(r"<script>[^<]*livereload[^<]*</script>", "", fetch(url) or "")


def _tag(where: Path, site: str, corpus, doc, limit_s: float) -> tuple[float, float]:
    """Tag a record of ``doc`` with a topic it has not, by hand as a maintainer would (one line
    of ``crosswalk/topics.yaml``); seconds until its document page, and the topic's page, show it."""
    # A clause (a heading's page shows no topics) and a topic no other is below (its page
    # lists the clause under it, where a broader topic's page may have listed it already).
    record = next(r for r in doc.walk() if corpus.mappings.get(r.uid) and r.kind != "heading")
    broader = {t.parent for t in corpus.topics.values()}
    topic = next(t for t in corpus.topics if t not in corpus.mappings[record.uid] and t not in broader)
    doc_url, topic_url = f"{site}documents/{doc.id}/", f"{site}{routes.topic(topic)}"
    link = f'{routes.topic(topic)}"'
    links, topic_page = (fetch(doc_url) or "").count(link), _as_built(topic_url)
    path = where / "crosswalk" / "topics.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if re.search(rf"record: {re.escape(record.uid)}(,|$)", line))
    if "topics: [" in lines[at]:            # - {record: …, topics: [a, b]}
        lines[at] = lines[at].replace("topics: [", f"topics: [{topic}, ", 1)
    else:                                   # - record: …  /  topics:  /  - a
        below = next(i for i in range(at + 1, len(lines)) if lines[i].strip() == "topics:")
        item = lines[below + 1]
        lines.insert(below + 1, item[:len(item) - len(item.lstrip())] + f"- {topic}")
    time.sleep(1.0)   # let the watcher settle after the last build
    path.write_text("\n".join(lines), encoding="utf-8")
    t0 = time.perf_counter()
    on_doc = poll(lambda: (fetch(doc_url) or "").count(link) > links, limit_s)
    on_topic = poll(lambda: _as_built(topic_url) not in ("", topic_page), limit_s)
    if on_doc is None or on_topic is None:
        raise SystemExit(f"tagging {record.uid} with {topic} did not show within {limit_s:.0f} s; see "
                         f"{where / 'serve.log'}")
    return on_doc, time.perf_counter() - t0


# --- command line ---------------------------------------------------------------------------------

def _sizes(text: str) -> list[int]:
    try:
        return [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 300,1000,3000, got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crosswalk bench", description=__doc__.split("\n\n")[0])
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--documents", type=int, metavar="N", help="build one synthetic corpus of N documents")
    what.add_argument("--sizes", type=_sizes, metavar="N,N,…", help="several sizes; writes docs/benchmark.*")
    what.add_argument("--bundled", action="store_true", help="build the checked-in corpus")
    parser.add_argument("--serve-latency", action="store_true",
                        help="time from editing a YAML under `mkdocs serve` to the changed page, on the "
                             "bundled corpus or, with --documents N, a synthetic one")
    what.add_argument("--child", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--keep", metavar="DIR", help="generate and build in DIR and keep it (default: a temp dir)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpus (default 1)")
    parser.add_argument("--docs", metavar="DIR", default=str(DOCS),
                        help="where --sizes writes benchmark.md and benchmark-build.svg (default: docs/)")
    parser.add_argument("--no-docs", action="store_true", help="with --sizes, do not write the docs page")
    args = parser.parse_args(argv)
    if args.serve_latency and (args.sizes or args.bundled):
        parser.error("--serve-latency takes the bundled corpus, or --documents N")
    if not (args.serve_latency or args.documents or args.sizes or args.bundled or args.child):
        parser.error("one of --documents, --sizes, --bundled or --serve-latency is required")

    if args.child:
        return _child(Path(args.child[0]), Path(args.child[1]))
    work = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="crosswalk-bench-"))
    try:
        if args.serve_latency:
            got = serve_latency(work / "serve", args.documents, args.seed)
            target = serve_target_s(args.documents)
            print(f"mkdocs serve: first page after {got.first:.1f} s; an edited document shows on its page "
                  f"after {got.document:.2f} s; a record tagged in topics.yaml shows on its document page after "
                  f"{got.tagged_document:.2f} s and on the topic's page after {got.tagged_topic:.2f} s "
                  f"(target < {target:g} s)")
            return 0 if max(got.document, got.tagged_document, got.tagged_topic) < target else 1
        if args.bundled:
            result = bundled(work / "bundled")
            print(report(result))
            return 0
        sizes = [args.documents] if args.documents else args.sizes
        results = []
        if args.sizes:
            # The bundled corpus first: its build time says how fast the machine is today,
            # beside figures taken on other days.
            results.append(bundled(work / "bundled"))
            print(report(results[-1]), flush=True)
        for n in sizes:
            result = synthetic(n, work / f"n{n}", args.seed)
            print(report(result), flush=True)
            results.append(result)
        if len(results) > 1:
            print()
            print(plain_table(table(results)))
            found = ratio(results)
            if found:
                relative = "" if found.relative is None else f", {found.relative:.2f} CPU in reference units"
                print(f"time({found.large.documents})/time({found.small.documents}) = {found.wall:.2f} wall, "
                      f"{found.cpu:.2f} CPU{relative} ({'linear' if found.linear else 'WORSE than linear'}; "
                      f"limit {found.limit:g})")
            if not args.no_docs:
                write_docs(results, Path(args.docs))
                print(f"wrote {Path(args.docs) / 'benchmark.md'} and {Path(args.docs) / 'benchmark-build.svg'}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
