"""Python ↔ JavaScript parity of closeness (docs/closeness.md).

The same sentences, ranked over the bundled corpus's index as the build's writer writes it,
by the desk's own code under Node (``tests/js/closeness_parity.mjs`` → ``closeness.js``) and by
``generator/analysis/closeness.py`` reading the index with the reader written from the
format's specification: the same clauses listed in the same order, the same verdict, and
coverage and score equal to within ``TOLERANCE`` (the two languages' ``log`` may differ in
the last bit).  The sentences are the evaluation set's drafts (both scripts), each also
converted to the other script, those with digits or Latin letters once more in full width, and a
few edge cases.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from itertools import groupby
from pathlib import Path

import pytest

from generator.analysis import closeness
from generator.bench import draft_eval
from generator.chinese import to_script
from search_format_reader import Index

ROOT = Path(__file__).resolve().parent.parent
PARITY_JS = ROOT / "tests" / "js" / "closeness_parity.mjs"
TOLERANCE = 1e-9
PHRASE = 40   # clauses a phrase lists at most (the search page's figure, closequery.js)
PHRASES = ["社区服务", "费随事转", "居民小组", "网格化管理", "村务监督委员会", "社区工作者职业体系", "党组织领导", "物业服务企业"]
EDGES = ["", "。；", "社区", "加强社区治理", "2020年底前完成", "ＰＯＬＩＣＹ社区", "龘龘龘龘龘龘龘龘龘龘龘龘"]

WIDE = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")


def sentences() -> list[str]:
    drafts = [item.draft for item in draft_eval.read()]
    assert len(drafts) >= 60
    other = [to_script(d, "hant") if to_script(d, "hans") == d else to_script(d, "hans") for d in drafts]
    # Digits and Latin letters in full width, as some sources print them.
    wide = [d.translate(WIDE) for d in drafts if d.translate(WIDE) != d]
    assert len(wide) >= 3
    return drafts + other + wide + EDGES


def in_node(index: Index, texts: list[str], tmp_path: Path, phrase: int = 0) -> list[dict]:
    path = tmp_path / "sentences.json"
    path.write_text(json.dumps([{"text": t, "phrase": phrase} for t in texts], ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["node", str(PARITY_JS), str(index.root), str(path)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def in_python(index: Index, texts: list[str], phrase: int = 0) -> list[closeness.Ranked]:
    m = index.manifest
    spec = closeness.Index(t2s=index.t2s, common=index.common, records=m["records"], postings=index.postings,
                           text=lambda n: index.hit(n)["d"]["text"])
    if phrase:
        return [closeness.rank(t, spec, limit=phrase, shown=phrase, listing="all") for t in texts]
    return [closeness.rank(t, spec) for t in texts]


# One of the two sizes suffices: the ranking reads postings and hits, not file boundaries.
@pytest.mark.parametrize("written_index", ["writer's sizes"], indirect=True)
def test_python_and_node_rank_alike(written_index, tmp_path):
    texts = sentences()
    python = in_python(written_index, texts)
    listed, verdicts = same(texts, in_node(written_index, texts, tmp_path), python)
    # Both verdicts with precedents and 新表述 were met, and many clauses compared.
    assert verdicts == {"new", "partly", "well"}
    assert listed >= 100
    # Some candidates could not reach the floor and were not fetched, on both sides.
    fewer = sum(len(r.compared) < considered(written_index, t) for t, r in zip(texts, python, strict=True))
    assert fewer >= 10


def considered(index: Index, text: str) -> int:
    """How many candidates a sentence has before the floor's bound (docs/closeness.md §3)."""
    folded = closeness.fold(text, index.t2s)
    lists = [index.postings(t) for t in closeness.lookup_tokens(folded, index.common)]
    return len(closeness.candidates([(1.0, lst) for lst in lists], closeness.CANDIDATES))


@pytest.mark.parametrize("written_index", ["writer's sizes"], indirect=True)
def test_python_and_node_rank_a_phrase_alike(written_index, tmp_path):
    # The search page's re-ranking of a phrase's hits: every clause sharing weight, no floor
    # (longer texts too, so that clauses below the floor are met).
    texts = PHRASES + [to_script(p, "hant") for p in PHRASES] + sentences()[:12]
    listed, _ = same(texts, in_node(written_index, texts, tmp_path, PHRASE), in_python(written_index, texts, PHRASE))
    assert listed >= 40


def same(texts: list[str], node: list[dict], python: list[closeness.Ranked]) -> tuple[int, set[str]]:
    """Asserts the two rankings agree; returns how many clauses were listed and the verdicts met."""
    assert len(node) == len(python) == len(texts)
    listed = 0
    verdicts = set()
    for text, js, py in zip(texts, node, python, strict=True):
        assert [h["n"] for h in js["hits"]] == [h.n for h in py.hits], text
        assert js["verdict"] == py.verdict, text
        # The same candidates had their text fetched: those that can reach the floor.
        assert js["compared"] == py.compared, text
        assert js["best"] == pytest.approx(py.best, abs=TOLERANCE), text
        for h, p in zip(js["hits"], py.hits):
            assert h["coverage"] == pytest.approx(p.close.coverage, abs=TOLERANCE), text
            assert h["score"] == pytest.approx(p.close.score, abs=TOLERANCE), text
            assert h["longest"] == p.close.longest, text
        listed += len(py.hits)
        verdicts.add(py.verdict)
    return listed, verdicts


def test_fold_is_script_and_width_blind():
    # Expected by hand: Traditional to Simplified by the map, full width to narrow, case and
    # punctuation dropped, positions kept.
    t2s = {"區": "区", "會": "会"}
    f = closeness.fold("社區，ＡＢ會 x", t2s)
    assert "".join(f.chars) == "社区ab会x"
    assert f.at == (0, 1, 3, 4, 5, 7)
    assert f.cut == (False, False, True, False, False, True)


def test_reach_counts_what_a_clause_may_share():
    # By hand: 甲乙 (weight 2) held by records 0 and 2, 乙丙 (1) by record 1; 丙丁 (3) was not
    # looked up, so any record may share it.  The sentence weighs 6 (above 1.5 × 3 bigrams).
    folded = closeness.fold("甲乙丙丁", {})
    lists = {"甲乙": [0, 2], "乙丙": [1]}
    got = [closeness.reach(folded, [2.0, 1.0, 3.0], lists, n) for n in range(4)]
    assert got == pytest.approx([5 / 6, 4 / 6, 5 / 6, 3 / 6])
    # A sentence of boilerplate weighs at least MIN_DENSITY a bigram; none at all reaches nothing.
    assert closeness.reach(folded, [0.0, 0.0, 0.3], {}, 0) == pytest.approx(0.3 / 4.5)
    assert closeness.reach(closeness.fold("甲", {}), [], {}, 0) == 0


def test_shared_runs_are_the_maximal_common_runs_taken_longest_first():
    # Against the definition, by brute force on small alphabets (many overlapping runs and
    # ties): every common run that cannot grow at either end, longest first, then by place in
    # the sentence and in the clause; each keeps its longest stretch no longer run has taken.
    rng = random.Random(7)
    met = 0
    for _ in range(3000):
        alpha = "甲乙丙丁"[:rng.randint(1, 4)]
        a = [rng.choice(alpha) for _ in range(rng.randint(0, 14))]
        b = [rng.choice(alpha) for _ in range(rng.randint(0, 14))]
        least = rng.choice([2, 3])
        got = [(r.a, r.b) for r in closeness.shared_runs(a, b, least)]
        assert got == by_definition(a, b, least), (a, b, least)
        met += len(got) > 1
    assert met > 500


def by_definition(a: list[str], b: list[str], least: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    maximal = sorted(((size, i, j) for i in range(len(a)) for j in range(len(b))
                      for size in range(least, min(len(a) - i, len(b) - j) + 1)
                      if a[i:i + size] == b[j:j + size] and not (i and j and a[i - 1] == b[j - 1])
                      and not (i + size < len(a) and j + size < len(b) and a[i + size] == b[j + size])),
                     key=lambda x: (-x[0], x[1], x[2]))
    taken: set[int] = set()
    out = []
    for size, i, j in maximal:
        stretches = [list(g) for free, g in groupby(range(i, i + size), lambda k: k not in taken) if free]
        best = max(stretches, key=len, default=[])
        if len(best) >= least:
            taken.update(best)
            out.append(((best[0], best[-1] + 1), (j + best[0] - i, j + best[-1] + 1 - i)))
    return out
