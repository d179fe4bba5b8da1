"""Lighthouse (mobile preset) over one page of every page kind, in both scripts: a table of figures.

A measuring tool for people, not a test: it builds nothing.  Given a built site directory it
serves it under ``/kb/`` (as GitHub Pages serves a project site, answering a missing path with
the site's ``404.html``), runs Lighthouse ``--runs`` times on each page with its default
simulated throttling, and prints the median of each figure per page, with the load average
before and after (the machine is shared: figures taken under load are not comparable).

    .venv/bin/mkdocs build -d /tmp/kb-site
    .venv/bin/python tools/lighthouse.py /tmp/kb-site                        # every kind, both scripts, 3 runs
    .venv/bin/python tools/lighthouse.py /tmp/kb-site --kind search --kind draft --runs 1 --script zh-Hans
    .venv/bin/python tools/lighthouse.py /tmp/kb-site --reports /tmp/lh      # keep each run's JSON report

Lighthouse comes from npm (``npm i -g lighthouse@12.2.3``, or ``--lighthouse`` naming its
``cli`` script or binary) and drives Chromium (``CHROME_PATH``, else ``/usr/bin/chromium``).
The page kinds are those of the browser tests' page sweep (``tests/page_sweep.py``, ``KINDS``).
"""

from __future__ import annotations

import argparse
import ast
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "/kb/"
CATEGORIES = ("performance", "accessibility", "best-practices")
# Lighthouse audit id -> (column, unit scale, format)
METRICS = {"largest-contentful-paint": ("LCP s", 1 / 1000, "{:.1f}"),
           "total-blocking-time": ("TBT ms", 1, "{:.0f}"),
           "cumulative-layout-shift": ("CLS", 1, "{:.3f}")}
CHROME_FLAGS = "--headless=new --no-sandbox"
# What Pages sends gzipped (by type); the rest (.gz, .bin, images) as stored.
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
TIMEOUT = 240   # seconds for one Lighthouse run


def page_kinds() -> tuple[dict[str, str], dict[str, str]]:
    """``KINDS`` and ``SCRIPTS`` as the page sweep declares them, read without importing the test harness."""
    tree = ast.parse((ROOT / "tests" / "page_sweep.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("KINDS", "SCRIPTS"):
                found[node.targets[0].id] = ast.literal_eval(node.value)
    return found["KINDS"], found["SCRIPTS"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The site under ``/kb/`` and nothing else, as GitHub Pages serves it: text gzipped for a
    client that accepts it, a missing path answered with the site's ``404.html``."""

    def do_GET(self):
        self._answer(body=True)

    def do_HEAD(self):
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        file = None
        if path.startswith(PREFIX):
            file = Path(self.translate_path("/" + path[len(PREFIX):]))
            if file.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return
                file = file / "index.html"
        status = 200 if file is not None and file.is_file() else 404
        if status == 404:
            file = Path(self.directory) / "404.html"
        data = file.read_bytes() if file.is_file() else b"not found"
        kind = self.guess_type(str(file))
        self.send_response(status)
        if kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, *args):   # quiet: the table is the output
        pass


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    """Serve ``site`` under ``/kb/`` on a free local port, in a daemon thread."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse_command(given: str | None) -> list[str]:
    """How to start Lighthouse, or exit saying how to install it."""
    found = given or shutil.which("lighthouse")
    if not found or not Path(found).exists():
        sys.exit("tools/lighthouse.py: Lighthouse not found"
                 + (f" at {given}" if given else " on PATH")
                 + ": install it with `npm i -g lighthouse@12.2.3` or name it with --lighthouse")
    return ["node", found] if found.endswith(".js") else [found]


def chromium() -> str:
    """Chromium's path (``CHROME_PATH`` or Debian's), or exit saying it is missing."""
    path = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        sys.exit(f"tools/lighthouse.py: Chromium not found at {path}: `apt-get install chromium`, or set CHROME_PATH")
    return path


def run_once(command: list[str], chrome: str, url: str, report: Path | None) -> dict[str, float]:
    """One Lighthouse run of ``url``: the category scores (0–100) and the metrics, by column."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        out = Path(scratch) / "report.json"
        done = subprocess.run(
            [*command, url, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=" + ",".join(CATEGORIES), f"--chrome-flags={CHROME_FLAGS}"],
            env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, timeout=TIMEOUT)
        if done.returncode != 0 or not out.is_file():
            raise RuntimeError(f"lighthouse failed on {url} (exit {done.returncode}): {done.stderr.strip()[-600:]}")
        data = json.loads(out.read_text(encoding="utf-8"))
        if report is not None:
            report.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out, report)
    if error := data.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {error.get('code')}: {error.get('message')}")
    figures = {name: 100 * data["categories"][name]["score"] for name in CATEGORIES
               if data["categories"][name]["score"] is not None}
    for audit, (column, scale, _) in METRICS.items():
        value = data["audits"][audit].get("numericValue")
        if value is not None:
            figures[column] = value * scale
    return figures


def main(argv: list[str] | None = None) -> int:
    kinds, scripts = page_kinds()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site directory (mkdocs build -d DIR)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the table shows the median (3)")
    parser.add_argument("--kind", action="append", choices=list(kinds), help="only these page kinds (repeatable)")
    parser.add_argument("--script", action="append", choices=list(scripts), help="only these scripts (repeatable)")
    parser.add_argument("--lighthouse", help="Lighthouse's binary or cli/index.js (default: `lighthouse` on PATH)")
    parser.add_argument("--reports", type=Path, help="keep each run's JSON report in this folder")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site}: no index.html: give the folder `mkdocs build -d` wrote")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    command, chrome = lighthouse_command(args.lighthouse), chromium()
    pages = [(script, kind) for script in (args.script or scripts) for kind in (args.kind or kinds)]
    assert pages, "no page to measure"

    server = serve(args.site.resolve())
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    columns = ["perf", "a11y", "bp"] + [column for column, _, _ in METRICS.values()]
    print(f"Lighthouse mobile preset, simulated throttling, median of {args.runs} run(s); "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    print(f"{'page':<26}" + "".join(f"{c:>8}" for c in columns), flush=True)
    worst = {}
    try:
        for script, kind in pages:
            url = base + scripts[script] + kinds[kind]
            runs = [run_once(command, chrome, url,
                             args.reports / f"{script}-{kind}-{n}.json" if args.reports else None)
                    for n in range(args.runs)]
            median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            cells = [f"{median.get(name, float('nan')):>8.0f}" for name in CATEGORIES]
            cells += [f"{fmt.format(median.get(column, float('nan'))):>8}" for column, _, fmt in METRICS.values()]
            print(f"{script + ' ' + kind:<26}" + "".join(cells), flush=True)
            for name in CATEGORIES:
                worst[name] = min(worst.get(name, 100), median.get(name, 0))
    finally:
        server.shutdown()
    print("lowest: " + ", ".join(f"{name} {score:.0f}" for name, score in worst.items())
          + f"; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
