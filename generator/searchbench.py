"""Benchmark the clause search index: size on disk, bytes a query transfers, latency.

    python -m generator.searchbench                      # bundled corpus, 10,000 and 100,000 records
    python -m generator.searchbench --records 20000      # one synthetic size
    python -m generator.searchbench --records 0          # the bundled corpus only

Synthetic corpora are made at the index level only: real records' sentences recombined and
perturbed (place names, numbers, a few characters swapped for others from the corpus, so the
vocabulary grows as a national corpus's would), with filter values spread like a national
corpus's (about 35 records a jurisdiction, units per jurisdiction and function, 25 years).
Queries run in headless Chromium against a local server that counts every byte it sends,
Pagefind's worker included.  Targets: under 500 KB and 300 ms to first results at 100,000.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .load import Paths
from .pages.documents import GENRE_NAMES, KIND_NAMES
from .script import normalise, to_script
from .search import INDEX_DIR, QUERY_DATA, SearchRecord, query_data, search_records, tokens, write_index
from .validate import check

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "theme" / "assets" / "crosswalk"
QUERIES = ["社区工作事项准入", "费随事转", "紅白理事會", "网格化管理", '"权随责走"', "村规民约 居民公约"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
_SENTENCE = re.compile(r"[^。;;]+[。;;]?")
_PLACE_SUFFIX = {"province": "省", "city": "市", "county": "县"}


# --- synthetic records ------------------------------------------------------------------------

def synthetic_records(real: list[SearchRecord], n: int, seed: int = 1) -> list[SearchRecord]:
    """``n`` records recombined from ``real`` records' sentences, deterministic for a seed."""
    rng = random.Random(seed)
    sentences = [s for r in real for s in _SENTENCE.findall(r.meta["text"]) if len(s) > 4]
    pool = sorted({ch for s in sentences for ch in s if "\u4e00" <= ch <= "\u9fff"})
    topics = sorted({t for r in real for t in r.filters.get("topic", [])})
    functions = sorted({f for r in real for f in r.filters.get("function", [])}) or ["civil-affairs"]
    places = _places(rng, pool, max(10, n // 35))
    out = []
    for i in range(n):
        jid, jname, level = places[i * len(places) // n]          # documents in runs, like a real corpus
        doc = i // 40
        text = "".join(rng.sample(sentences, rng.randint(1, 4)))
        text = _perturb(rng, text, pool, jname)
        units = rng.sample(functions, rng.randint(0, min(4, len(functions))))
        meta = {}
        for key, value in (("doc", f"合成文件{doc}号"), ("jurisdiction", jname), ("label", f"{i % 9 + 1}."),
                           ("kind", KIND_NAMES["task"]), ("text", text)):
            meta[key] = value
            meta[f"{key}_hant"] = to_script(value, "hant")
        filters = {"jurisdiction": [jid], "level": [level], "genre": [rng.choice(sorted(GENRE_NAMES))],
                   "topic": sorted(set(rng.sample(topics, rng.randint(0, min(3, len(topics)))))),
                   "function": sorted(units), "unit": sorted(f"{jid}-{u}" for u in units),
                   "year": [str(2000 + doc % 25)]}
        out.append(SearchRecord(url=f"documents/synthetic-{doc}/#r{i}", content=" ".join(tokens(normalise(text))),
                                meta=meta, filters={k: v for k, v in filters.items() if v}))
    return out


def _places(rng: random.Random, pool: list[str], count: int) -> list[tuple[str, str, str]]:
    """Made-up jurisdictions, most of them counties, as in the national corpus."""
    out = []
    for k in range(count):
        level = "province" if k % 90 == 0 else "city" if k % 9 == 0 else "county"
        name = "".join(rng.choice(pool) for _ in range(2)) + _PLACE_SUFFIX[level]
        out.append((f"place-{k}", name, level))
    return out


def _perturb(rng: random.Random, text: str, pool: list[str], place: str) -> str:
    text = re.sub(r"[\u4e00-\u9fff]{2}[市县省]", place, text)
    text = re.sub(r"\d+", lambda m: str(rng.randint(1, 99 * len(m.group()))), text)
    chars = list(text)
    for k in range(len(chars)):
        if "\u4e00" <= chars[k] <= "\u9fff" and rng.random() < 0.03:
            chars[k] = rng.choice(pool)
    return "".join(chars)


# --- serving and measuring ----------------------------------------------------------------------

class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the bench folder and counts the bytes of every file it sends."""

    counter: Counter = Counter()

    def copyfile(self, source, outputfile):
        data = source.read()
        type(self).counter[self.path.split("?")[0]] += len(data)
        outputfile.write(data)

    def log_message(self, *args):
        pass


@dataclass
class Measure:
    label: str
    ms_results: float          # query to hit list (ids and scores)
    ms_shown: float            # query to hits shown (their fragments loaded)
    count: int
    bytes: int
    files: Counter = field(default_factory=Counter)


_PAGE = """<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>searchbench</title></head>
<body><script src="assets/crosswalk/search.js"></script></body></html>
"""

_QUERY_JS = """async ([query, filters, shown, loadFilters]) => {
  const t0 = performance.now();
  const e = await crosswalkSearch.loadEngine();
  if (loadFilters) await e.pf.filters();
  const r = await crosswalkSearch.run(query, filters);
  const t1 = performance.now();
  await Promise.all(r.results.slice(0, shown).map(x => x.data()));
  return [t1 - t0, performance.now() - t0, r.total];
}"""


def _prepare(corpus, records: list[SearchRecord], folder: Path) -> float:
    started = time.perf_counter()
    asyncio.run(write_index(records, folder / INDEX_DIR))
    seconds = time.perf_counter() - started
    (folder / QUERY_DATA).parent.mkdir(parents=True, exist_ok=True)
    (folder / QUERY_DATA).write_bytes(query_data(corpus, records))
    shutil.copy(ASSETS / "search.js", folder / "assets" / "crosswalk" / "search.js")
    (folder / "index.html").write_text(_PAGE, encoding="utf-8")
    return seconds


def _measure(folder: Path, queries: list[str], filter_value: tuple[str, str]) -> list[Measure]:
    from playwright.sync_api import sync_playwright

    handler = type("Handler", (_CountingHandler,), {"counter": Counter()})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    out: list[Measure] = []

    def step(page, label, query, filters=None, shown=8, load_filters=False):
        handler.counter.clear()
        first, full, count = page.evaluate(_QUERY_JS, [query, filters or {}, shown, load_filters])
        files = Counter(handler.counter)
        out.append(Measure(label, first, full, count, sum(files.values()), files))

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for n, query in enumerate(queries):
                # A cold page for the first query: what a reader's first search costs.
                context = browser.new_context()
                page = context.new_page()
                page.goto(url)
                step(page, f"first query {query}", query)
                for other in queries[n + 1:n + 2]:
                    step(page, f"  then {other}", other)
                context.close()
            context = browser.new_context()
            page = context.new_page()
            page.goto(url)
            key, value = filter_value
            step(page, f"search page cold: {queries[0]} + {key}={value}", queries[0], {key: [value]}, shown=20,
                 load_filters=True)
            step(page, f"  then {queries[1]} + {key}={value}", queries[1], {key: [value]}, shown=20)
            context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


# --- reporting --------------------------------------------------------------------------------

def _disk(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Files of the bundle by kind: (count, total bytes, largest)."""
    kinds: dict[str, list[int]] = {}
    for path in (folder / INDEX_DIR).rglob("*"):
        if path.is_file():
            kind = path.parent.name if path.parent.name in ("index", "fragment", "filter") else path.name.split(".")[0]
            kinds.setdefault(kind, []).append(path.stat().st_size)
    return {k: (len(v), sum(v), max(v)) for k, v in sorted(kinds.items())}


def _kind_of(path: str) -> str:
    for kind in ("/index/", "/fragment/", "/filter/"):
        if kind in path:
            return kind.strip("/")
    return path.rsplit("/", 1)[-1]


def report(name: str, records: int, build_s: float, folder: Path, measures: list[Measure]) -> str:
    lines = [f"== {name}: {records:,} records (index written in {build_s:.1f} s)"]
    disk = _disk(folder)
    total = sum(t for _, t, _ in disk.values())
    lines.append(f"index on disk: {total / 1e6:.2f} MB")
    for kind, (count, size, largest) in disk.items():
        lines.append(f"  {kind:<28} {count:>6} files {size / 1e3:>10.1f} KB  largest {largest / 1e3:.1f} KB")
    lines.append("queries (bytes the server sent; ms in the page):")
    for m in measures:
        by_kind = Counter()
        for path, size in m.files.items():
            by_kind[_kind_of(path)] += size
        top = ", ".join(f"{k} {v / 1e3:.0f}" for k, v in by_kind.most_common(5))
        lines.append(f"  {m.label:<52} {m.count:>6} hits  {m.ms_results:>6.0f} ms to hits, {m.ms_shown:>6.0f} ms shown  "
                     f"{m.bytes / 1e3:>7.1f} KB  [{top}]")
    return "\n".join(lines)


def run(sizes: list[int], queries: list[str], keep: Path | None = None) -> str:
    corpus, _ = check(Paths.at(ROOT))
    real = search_records(corpus)
    out = []
    base = Path(tempfile.mkdtemp(prefix="searchbench-")) if keep is None else keep
    try:
        for size in sizes:
            name = "bundled corpus" if size == 0 else f"synthetic {size:,}"
            records = real if size == 0 else synthetic_records(real, size)
            folder = base / (f"n{size}" if size else "bundled")
            shutil.rmtree(folder, ignore_errors=True)
            build_s = _prepare(corpus, records, folder)
            value = Counter(v for r in records for v in r.filters.get("jurisdiction", [])).most_common(1)[0][0]
            measures = _measure(folder, queries, ("jurisdiction", value))
            text = report(name, len(records), build_s, folder, measures)
            print(text, flush=True)
            out.append(text)
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crosswalk search-bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[0, 10_000, 100_000],
                        help="corpus sizes; 0 is the bundled corpus (default: 0 10000 100000)")
    parser.add_argument("--query", action="append", help="a query to time (repeatable; default: a fixed set)")
    parser.add_argument("--keep", type=Path, help="write the bench sites here and keep them")
    args = parser.parse_args(argv)
    run(args.records, args.query or QUERIES, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
