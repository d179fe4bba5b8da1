"""Benchmark the clause search index: size on disk, bytes a query transfers, latency.

    python -m generator.bench.search                      # bundled corpus, 10,000 and 100,000 records
    python -m generator.bench.search --records 20000      # one synthetic size
    python -m generator.bench.search --records 0          # the bundled corpus only

Synthetic corpora are made at the index level only: real records' sentences recombined and
perturbed (place names, numbers, a few characters swapped for others from the corpus, so the
vocabulary grows as a national corpus's would), with filter values spread like a national
corpus's (about 35 records a jurisdiction, units per jurisdiction and function, 25 years).
Queries run in headless Chromium against a local server that counts every byte it sends (over
HTTP/1.1 connections kept open, as an intranet's nginx keeps them; the drafts once more over
HTTP/1.0, a connection a file, and over HTTP/2, as GitHub Pages serves: ``http2.py``), through
the search modules as the pages use them: the header box's first query (hits and the first
eight shown), and the search page's filtered query (twenty hits shown and every filter's
counts and names), and the drafting desk's drafts of three and of twenty sentences (ranked by
closeness on the page's one fetch plan, draftplan.js; "ms to hits" is the first sentence's
precedents, "ms shown" all of them).
Targets at 100,000 records: under 500 KB and 300 ms to first results; the three-sentence draft
≤ 600 KB and ≤ 0.6 s to all shown, the twenty-sentence page ≤ 1.5 MB and ≤ 1.5 s (``DRAFT_TARGETS``).
"""

from __future__ import annotations

import argparse
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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import PROJECT_ROOT
from generator.analysis.citations import QUOTE_OPENS, nested
from generator.analysis.closeness import written_texts
from generator.bench import http2
from generator.chinese import to_script
from generator.content import vocabulary
from generator.content.load import Paths
from generator.content.validate import check
from generator.search.index_format import DIR
from generator.search.records import (
    SearchRecord,
    filter_labels,
    index_tokens,
    search_records,
    tokens,
    write_index,
)

ROOT = PROJECT_ROOT
ASSETS = ROOT / "theme" / "assets" / "crosswalk"
QUERIES = ["社区工作事项准入", "费随事转", "紅白理事會", "网格化管理", '"权随责走"', "村规民约 居民公约"]
# Drafts in the project's own words, as a drafter of a county opinion would write them (起草助手): a
# short one of three sentences and a whole page of twenty.  Issue targets at 100,000 records: the short
# one ≤ 600 KB and ≤ 0.6 s to every sentence shown, the page ≤ 1.5 MB and ≤ 1.5 s.
DRAFT_SHORT = ("建立社区工作事项准入制度，凡属基层政府依法应当履行的职责，一律不得交由居委会、村委会等自治组织承担。"
               "各有关部门需社区协助办理的工作事项，应当按照费随事转、权随责走的要求，同时提供相应工作经费和必要的工作条件。"
               "新建住宅小区入住居民达到一半以上时，要及时组建社区居民委员会。")
DRAFT_PAGE = DRAFT_SHORT + (
    "鼓励社会力量通过设立社区基金会、开展慈善捐赠等方式，引导社会资金投向城乡社区治理领域。"
    "进一步加强各级领导，坚持推进社区治理创新。"
    "县委组织部会同县民政局每年对村（社区）党组织书记开展一次集中轮训。"
    "到2027年，每个城市社区综合服务设施面积不低于每百户30平方米。"
    "乡镇（街道）要建立社区协商目录，重大事项提交居民会议讨论决定。"
    "推行村（居）务公开目录化管理，财务收支情况每季度至少公开一次。"
    "各街道每年组织一次社区工作者职业能力培训，培训合格率达到百分之九十以上。"
    "完善网格员选聘办法，每个网格配备专职网格员一名。"
    "建立社区、社会组织、社会工作者、社区志愿者、社会慈善资源联动机制。"
    "县财政每年安排专项资金，用于社区为民服务项目，并随财力增长逐步提高。"
    "推动政务服务事项向村（社区）延伸，群众办事不出村即可办理。"
    "支持物业服务企业参与社区治理，在居委会指导下开展服务。"
    "村规民约、居民公约每三年修订一次，报乡镇人民政府备案。"
    "加强社区矛盾纠纷排查调处，做到小事不出村、大事不出镇。"
    "健全社区应急管理体系，每个社区每年至少开展两次应急演练。"
    "把社区治理工作纳入乡镇（街道）党政领导班子年度考核内容。"
    "对工作成效突出的社区给予通报表扬，对工作不力的约谈其主要负责人。")
DRAFTS = {"short": DRAFT_SHORT, "page": DRAFT_PAGE}
# The targets for each draft at 100,000 records: bytes, seconds to every sentence shown.
DRAFT_TARGETS = {"short": (600_000, 0.6), "page": (1_500_000, 1.5)}
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
        url = f"documents/synthetic-{doc}/#r{i}"
        for key, value in (("doc", f"合成文件{doc}号"), ("jurisdiction", jname), ("label", f"{i % 9 + 1}."),
                           ("kind", vocabulary.RECORD_KINDS["task"]), ("text", text),
                           ("level", vocabulary.LEVELS[level])):
            meta[key] = value
            meta[f"{key}_hant"] = to_script(value, "hant")
        # A citation as long as a real one (source, quote, address), made as citations are:
        # the quote inside with its quotation marks one level down (search-format §10).
        for suffix in ("", "_hant"):
            source = f"{meta['jurisdiction' + suffix]}《{meta['doc' + suffix]}》第{i % 9 + 1}条"
            meta["cite" + suffix] = f"{source}{QUOTE_OPENS}{nested(meta['text' + suffix])}”\n{url}"
        filters = {"jurisdiction": [jid], "level": [level], "genre": [rng.choice(sorted(vocabulary.GENRES))],
                   "topic": sorted(set(rng.sample(topics, rng.randint(0, min(3, len(topics)))))),
                   "function": sorted(units), "unit": sorted(f"{jid}-{u}" for u in units),
                   "year": [str(2000 + doc % 25)]}
        out.append(SearchRecord(url=url, doc=f"synthetic-{doc}", meta=meta,
                                filters={k: v for k, v in filters.items() if v}))
    return out


def synthetic_labels(real: dict[str, list[dict]], records: list[SearchRecord]) -> dict[str, list[dict]]:
    """Names for the synthetic records' filter values: the real ones where they are real."""
    labels = {name: list(values) for name, values in real.items()}
    known = {name: {v["id"] for v in values} for name, values in labels.items()}
    for r in records:
        for name, ids in r.filters.items():
            for vid in ids:
                if vid not in known[name]:
                    known[name].add(vid)
                    labels[name].append({"id": vid, "name": r.meta["jurisdiction"] if name == "jurisdiction" else vid})
    return labels


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

    counter: Counter[str] = Counter()

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
    target: tuple[int, float] | None = None   # (bytes, seconds to all shown) the issue sets at 100,000


def _sentence_count(text: str) -> int:
    return len([s for s in _SENTENCE.findall(text) if s.strip()])


_PAGE = """<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>searchbench</title></head>
<body><script type="module" src="assets/crosswalk/search/main.js"></script></body></html>
"""

# The header box: hits, then the first eight shown.  The search page: hits, twenty shown,
# and every filter's values with counts and names, as the page lists them.
_QUERY_JS = """async ([query, filters, page]) => {
  const t0 = performance.now();
  const r = await crosswalkSearch.run(query, filters);
  const t1 = performance.now();
  const jobs = [crosswalkSearch.hitData(r.engine, r.hits.subarray(0, page ? 20 : 8))];
  let deferred = 0;
  if (page) for (const name of Object.keys(r.engine.facets)) {
    jobs.push(crosswalkSearch.facetList(r, name, filters[name] || [], {}).then(v => { if (v.deferred) deferred++; }));
  }
  await Promise.all(jobs);
  return [t1 - t0, performance.now() - t0, r.hits.length, deferred];
}"""

# The search page's counts of topics, functions and units that wait for the reader to ask.
_TALLY_JS = """async ([query, filters, facet]) => {
  const t0 = performance.now();
  const r = await crosswalkSearch.run(query, filters);
  await crosswalkSearch.facetList(r, facet, [], {tally: true});
  return [0, performance.now() - t0, r.hits.length, 0];
}"""


# The drafting desk: a draft cut into sentences and ranked on one fetch plan, as draft.js
# does (draftplan.js; the hits' files fetched, as the page shows them).
_DRAFT_JS = """async ([text]) => {
  const t0 = performance.now();
  const e = await crosswalkSearch.loadEngine();
  const parts = crosswalkSearch.sentences(text);
  let first = 0, hits = 0;
  await crosswalkSearch.rankDraft(e, parts.map((p) => p.text), {}, (k, r) => {
    hits += r.hits.length;
    if (k === 0) first = performance.now() - t0;
  });
  return [first, performance.now() - t0, hits, 0];
}"""


def write_site(records: list[SearchRecord], labels: dict, texts: list[str], folder: Path) -> float:
    """A site of one page that loads the search modules over the index of ``records``; returns the
    seconds the index took to write."""
    started = time.perf_counter()
    write_index(records, labels, texts, folder / DIR)
    seconds = time.perf_counter() - started
    # The search modules with what they import (gunzip.js, and the vendored inflater).
    shutil.copytree(ASSETS.parent, folder / "assets", dirs_exist_ok=True)
    (folder / "index.html").write_text(_PAGE, encoding="utf-8")
    return seconds


# How a bench pass is served, and what its labels add.  HTTP/1.1 over connections kept open, with
# no Nagle delay (nginx's tcp_nodelay), as an intranet's nginx serves by default; HTTP/1.0, a
# connection a file, as Python's server answers by default; HTTP/2 over TLS, every file on one
# connection, as GitHub Pages serves the site.
PROTOCOLS = {"HTTP/1.1": "", "HTTP/1.0": " (HTTP/1.0)", "HTTP/2": " (HTTP/2)"}


def _serve(folder: Path, protocol: str) -> tuple[str, Callable[[], Counter[str]], Callable[[], None]]:
    """``folder`` served by ``protocol``: the origin, a call that reads and resets the bytes sent by
    path, and a call that stops the server."""
    if protocol == "HTTP/2":
        h2 = http2.Http2Server(folder)
        return h2.origin, h2.take, h2.close
    # A class of its own, so that each run counts from nothing (the class attribute is the tally).
    handler: type[_CountingHandler] = type("Handler", (_CountingHandler,), {
        "counter": Counter(), "protocol_version": protocol, "disable_nagle_algorithm": protocol == "HTTP/1.1"})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def take() -> Counter[str]:
        files = Counter(handler.counter)
        handler.counter.clear()
        return files
    return f"http://127.0.0.1:{server.server_address[1]}", take, server.shutdown


def _measure(folder: Path, queries: list[str], filter_value: tuple[str, str], protocol: str = "HTTP/1.1",
             drafts_only: bool = False) -> list[Measure]:
    """Each query timed in a page served from ``folder`` by ``protocol`` (``PROTOCOLS``)."""
    from playwright.sync_api import sync_playwright

    served = PROTOCOLS[protocol]
    origin, take, stop = _serve(folder, protocol)
    url = f"{origin}/index.html"
    out: list[Measure] = []

    def step(page, label, query, filters=None, search_page=False, script=_QUERY_JS, facet=None, target=None):
        take()
        first, full, count, deferred = page.evaluate(script, [query, filters or {}, search_page or facet])
        files = take()
        if protocol == "HTTP/2":   # a TLS or ALPN fault would fall back to HTTP/1.1 unseen
            spoken = set(page.evaluate("performance.getEntriesByType('resource').map(e => e.nextHopProtocol)"))
            if spoken != {"h2"}:
                raise RuntimeError(f"the HTTP/2 pass was served over {sorted(spoken)}")
        if deferred:
            label += f" ({deferred} counts on request)"
        out.append(Measure(label, first, full, count, sum(files.values()), files, target))

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for n, query in enumerate([] if drafts_only else queries):
                # A cold page for the first query: what a reader's first search costs.
                context = browser.new_context(ignore_https_errors=protocol == "HTTP/2")
                page = context.new_page()
                page.goto(url)
                step(page, f"first query {query}", query)
                for other in queries[n + 1:n + 2]:
                    step(page, f"  then {other}", other)
                context.close()
            if not drafts_only:
                context = browser.new_context(ignore_https_errors=protocol == "HTTP/2")
                page = context.new_page()
                page.goto(url)
                key, value = filter_value
                step(page, f"search page cold: {queries[0]} + {key}={value}", queries[0], {key: [value]}, True)
                step(page, f"  then {queries[1]} + {key}={value}", queries[1], {key: [value]}, True)
                context.close()
            for name, draft in DRAFTS.items():
                context = browser.new_context(ignore_https_errors=protocol == "HTTP/2")
                page = context.new_page()
                page.goto(url)
                step(page, f"draft {name}{served} cold: {_sentence_count(draft)} sentences, first / all", draft,
                     script=_DRAFT_JS, target=DRAFT_TARGETS[name])
                context.close()
            if drafts_only:
                browser.close()
                return out
            context = browser.new_context(ignore_https_errors=protocol == "HTTP/2")
            page = context.new_page()
            page.goto(url)
            step(page, f"search page cold: {queries[0]}", queries[0], {}, True)
            for facet in ("topic", "function", "unit"):
                step(page, f"  then {facet} counts on request", queries[0], {}, script=_TALLY_JS, facet=facet)
            context.close()
            browser.close()
    finally:
        stop()
    return out


def _filter_value(records: list[SearchRecord], query: str) -> str:
    """The jurisdiction most of the query's hits are in: a filter that narrows it to some hits."""
    wanted = set(tokens(query))
    found = Counter(v for r in records if wanted <= index_tokens(r.meta["text"]) for v in r.filters["jurisdiction"])
    found = found or Counter(v for r in records for v in r.filters["jurisdiction"])
    return found.most_common(1)[0][0]


# --- reporting --------------------------------------------------------------------------------

def _disk(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Files of the index by kind (its folders, and the files at its top): (count, total bytes, largest)."""
    kinds: dict[str, list[int]] = {}
    index = folder / DIR
    for path in index.rglob("*"):
        if path.is_file():
            kinds.setdefault(_kind_of(str(path.relative_to(index))), []).append(path.stat().st_size)
    return {k: (len(v), sum(v), max(v)) for k, v in sorted(kinds.items())}


KINDS = {"b": "buckets", "c": "count ranges", "f": "facet values", "n": "names", "r": "hits"}


def _kind_of(path: str) -> str:
    """``b/3.bin`` → buckets; a path under the index as the server saw it too."""
    path = path.split("?")[0]
    path = path.split(f"/{DIR}/", 1)[-1]
    head = path.split("/", 1)[0]
    return KINDS.get(head, head) if "/" in path else path.rsplit("/", 1)[-1]


def report(name: str, records: int, build_s: float, folder: Path, measures: list[Measure]) -> str:
    lines = [f"== {name}: {records:,} records (index written in {build_s:.1f} s)"]
    disk = _disk(folder)
    total = sum(t for _, t, _ in disk.values())
    lines.append(f"index on disk: {total / 1e6:.2f} MB")
    for kind, (count, size, largest) in disk.items():
        lines.append(f"  {kind:<28} {count:>6} files {size / 1e3:>10.1f} KB  largest {largest / 1e3:.1f} KB")
    lines.append("queries (bytes the server sent; ms in the page):")
    for m in measures:
        by_kind: Counter[str] = Counter()
        for path, size in m.files.items():
            by_kind[_kind_of(path)] += size
        top = ", ".join(f"{k} {v / 1e3:.0f}" for k, v in by_kind.most_common(5))
        lines.append(f"  {m.label:<52} {m.count:>6} hits  {m.ms_results:>6.0f} ms to hits, {m.ms_shown:>6.0f} ms shown  "
                     f"{m.bytes / 1e3:>7.1f} KB  [{top}]")
    if records >= 100_000:
        for m in measures:
            if m.target:
                limit, seconds = m.target
                met = m.bytes <= limit and m.ms_shown <= seconds * 1000
                lines.append(f"  target {m.label.split(' cold')[0]}: ≤ {limit / 1e3:.0f} KB and ≤ {seconds} s -> "
                             f"{m.bytes / limit:.2f}× the bytes, {m.ms_shown / (seconds * 1000):.2f}× the time: "
                             f"{'met' if met else 'MISSED'}")
    return "\n".join(lines)


def run(sizes: list[int], queries: list[str], keep: Path | None = None) -> str:
    corpus, _ = check(Paths.at(ROOT))
    real = search_records(corpus)
    real_labels = filter_labels(corpus)
    texts = list(written_texts(corpus))
    out = []
    base = Path(tempfile.mkdtemp(prefix="searchbench-")) if keep is None else keep
    try:
        for size in sizes:
            name = "bundled corpus" if size == 0 else f"synthetic {size:,}"
            records = real if size == 0 else synthetic_records(real, size)
            labels = real_labels if size == 0 else synthetic_labels(real_labels, records)
            folder = base / (f"n{size}" if size else "bundled")
            shutil.rmtree(folder, ignore_errors=True)
            build_s = write_site(records, labels, texts, folder)
            value = _filter_value(records, queries[0])
            measures = _measure(folder, queries, ("jurisdiction", value))
            # The drafts once more, a connection a file: what a server without keep-alive costs them;
            # and over HTTP/2, as Pages serves them.
            measures += _measure(folder, queries, ("jurisdiction", value), "HTTP/1.0", drafts_only=True)
            if lacking := http2.missing():
                skipped = f"HTTP/2 pass skipped: {', '.join(lacking)} not found"
            else:
                skipped = ""
                measures += _measure(folder, queries, ("jurisdiction", value), "HTTP/2", drafts_only=True)
            text = report(name, len(records), build_s, folder, measures) + (f"\n{skipped}" if skipped else "")
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
