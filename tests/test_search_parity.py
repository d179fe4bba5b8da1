"""Python ↔ JavaScript parity of clause search.

The build's writer puts the bundled corpus's index in a temporary folder (with the writer's
sizes, and with small ones so that every kind of file comes several to a facet).  The
browser's own modules (``theme/assets/crosswalk/search/``), run by Node through
``tests/js/parity.mjs`` with a fetch that reads the disk, answer a set of queries; the reader
written from the specification (``tests/search_format_reader.py``) answers the same ones.
Both must give the same record numbers, the same facet counts and the same hit files, and
Node must have read every kind of file of the index.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import SMALL_INDEX

# The one import of the generator (its modules may move: update this line).
from search_format_reader import Index

ROOT = Path(__file__).resolve().parent.parent
PARITY_JS = ROOT / "tests" / "js" / "parity.mjs"
FILE_KINDS = {"manifest.json", "b", "docs.bin", "f", "c", "n", "r"}


@pytest.fixture(scope="module")
def index(written_index) -> Index:
    """Written twice, with the writer's sizes and with small ones (``conftest.written_index``)."""
    return written_index


# --- the queries ---------------------------------------------------------------------------------

EDGES = ["", "。，", "费随事转", "費隨事轉", '"权随责走"', "「社區」 治理", "社区 村", "社区工作事项准入", "红白理事会",
         "龘龘", "\u4fd3", "１２３４９", "ＰＯＬＩＣＹ", "第3条", "村", "社",
         "著力", "瞭解", "覆盖", "显著"]   # forms the Traditional pages write in some phrases; postings folded alike


def queries(index: Index) -> list[dict]:
    """Terms taken from the hits' own texts (both scripts), the edges above, and filters on
    every facet: alone, with a term, several values, across facets, unknown ids and names."""
    m = index.manifest
    out = [{"q": q, "filters": {}} for q in EDGES]
    step = max(1, m["records"] // 40)
    for n in range(0, m["records"], step):
        d = index.hit(n)["d"]
        for script, key in enumerate(("text", "text_hant")):
            runs = re.findall(r"[\u4e00-\u9fff]{2,}", d[key])
            if runs:
                run = runs[n % len(runs)]
                size = 2 + (n + script) % 3
                start = n % max(1, len(run) - size + 1)
                out.append({"q": run[start:start + size], "filters": {}})
        latin = re.findall(r"[A-Za-z0-9]+", d["text"])
        if latin:
            out.append({"q": latin[n % len(latin)], "filters": {}})
    ids = {f["name"]: [v[0] for v in index.names(f["name"])] for f in m["facets"]}
    for facet, values in ids.items():
        if not values:
            continue
        picks = list(dict.fromkeys([values[0], values[len(values) // 2], values[-1]]))
        for value in picks:
            out.append({"q": "", "filters": {facet: [value]}})
            out.append({"q": "社区", "filters": {facet: [value]}})
        out.append({"q": "", "filters": {facet: picks}})
        out.append({"q": "治理", "filters": {facet: [picks[0], "no-such-id"]}})
        out.append({"q": "社区", "filters": {facet: ["no-such-id"]}})
    names = [f["name"] for f in m["facets"] if ids[f["name"]]]
    for a, b in zip(names, names[1:] + names[:1]):
        out.append({"q": "", "filters": {a: ids[a][:2], b: ids[b][-2:]}})
        out.append({"q": "社区", "filters": {a: ids[a][-1:], b: ids[b][:1]}})
    out.append({"q": "社区", "filters": {"colour": ["red"]}})
    return out


# --- the Python reader's answers -----------------------------------------------------------------

def answer(index: Index, q: str, filters: dict[str, list[str]]) -> dict:
    """Hits, every facet's counts (over the search with every other facet's filter, §11.7)
    and the first three hit files, from the reader written from the specification."""
    _, tokens = index.parse(q)
    base: set[int] | None = None
    for token in tokens:
        found = set(index.postings(token))
        base = found if base is None else base & found
    docs = index.documents()
    chosen: dict[str, set[int]] = {}
    for facet, ids in filters.items():
        if not ids or facet not in index.facets:
            continue
        numbers = [n for n in (index.number(facet, i) for i in ids) if n >= 0]
        if index.facets[facet]["scope"] == "record":
            chosen[facet] = {r for n in numbers for r in index.value_records(facet, n)}
        else:
            chosen[facet] = {r for d in docs if d.values[facet] in numbers for r in d.records}
    counts = {}
    for f in index.manifest["facets"]:
        name, counted = f["name"], base
        for other, records in chosen.items():
            if other != name:
                counted = records if counted is None else counted & records
        if counted is None:
            counted = set(range(index.manifest["records"]))
        ids = [v[0] for v in index.names(name)]
        by_value: dict[int, int] = {}
        if f["scope"] == "doc":
            for d in docs:
                if d.values[name] is not None:
                    c = sum(1 for r in d.records if r in counted)
                    if c:
                        by_value[d.values[name]] = by_value.get(d.values[name], 0) + c
        else:
            for k in sorted({r // index.manifest["range"] for r in counted}):
                for value, records in index.range_file(name, k).items():
                    c = sum(1 for r in records if r in counted)
                    if c:
                        by_value[value] = by_value.get(value, 0) + c
        counts[name] = {ids[v]: c for v, c in by_value.items()}
    hits = index.search(q, filters)
    return {"hits": hits, "counts": counts, "shown": [index.hit(n) for n in hits[:3]]}


# --- the test --------------------------------------------------------------------------------------

def test_node_and_python_answer_every_query_alike_reading_every_kind_of_file(node, index, tmp_path, request):
    asked = queries(index)
    assert len(asked) > 100
    (tmp_path / "queries.json").write_text(json.dumps(asked, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([node, str(PARITY_JS), str(index.root), str(tmp_path / "queries.json")],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert len(got["answers"]) == len(asked)
    for query, js in zip(asked, got["answers"]):
        assert js == answer(index, query["q"], query["filters"]), query

    # Not vacuous: queries that find records and queries that find none, counted facets of
    # both scopes, and every kind of file read, posting lists of both kinds among them.
    found = [a for a in got["answers"] if a["hits"]]
    assert len(found) > len(asked) // 2 and len(found) < len(asked)
    assert all(any(a["counts"][f["name"]] for a in found) for f in index.manifest["facets"] if f["values"])
    assert {path.split("/")[0] for path in got["files"]} == FILE_KINDS
    assert index.kinds == {0, 1}
    if request.node.callspec.params["written_index"] == "small sizes":   # several files of each kind, all read
        assert index.manifest["range"] == SMALL_INDEX["RANGE"]
        for kind in ("b", "c", "f", "n", "r"):
            assert len({p.rsplit("/", 1)[0] + "/" + p.rsplit("/", 1)[1].split(".")[0]
                        for p in got["files"] if p.startswith(kind + "/")}) > 3, kind
