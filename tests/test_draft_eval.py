"""How well the drafting desk (起草助手) finds a draft sentence's precedents.

``tests/draft_eval.yaml`` pairs realistic draft sentences (new wording, some in Traditional
script) with the records a policy reader would cite for them.  The index is written by the
build's own writer from the bundled content, and every draft is ranked by the browser's own
closeness code (``theme/assets/crosswalk/search/closeness.js``) run by Node
(``tests/js/draft_eval.mjs``).  Goals: every precedent in the top 10, at least 80 % in the top 5.
"""

from __future__ import annotations

import difflib
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.content import load, validate
from generator.search import records as search

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "draft_eval.yaml"
RANK_JS = ROOT / "tests" / "js" / "draft_eval.mjs"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    corpus, _ = validate.check(load.Paths.at(ROOT))
    records = search.search_records(corpus)
    out = tmp_path_factory.mktemp("draft-eval") / "search-index"
    search.write_index(records, search.filter_labels(corpus), search.corpus_texts(corpus, records), out)
    return out


def pairs() -> list[dict]:
    return yaml.safe_load(EVAL.read_text(encoding="utf-8"))


def test_the_evaluation_set_is_large_names_real_records_and_holds_traditional_drafts(corpus):
    items = pairs()
    assert len(items) >= 20
    uids = {r.uid for r in corpus.records.values()}
    for item in items:
        assert item["precedents"] and set(item["precedents"]) <= uids, item
    from generator.chinese import to_script
    assert sum(to_script(i["draft"], "hans") != i["draft"] for i in items) >= 3   # some in Traditional


def test_drafts_are_new_wording_not_copies(corpus):
    """No draft is a precedent's text, nor holds more than half of it verbatim in one piece."""
    items = pairs()
    assert items
    from generator.chinese import to_script
    texts = {r.uid: search.clause_text(r) for r in corpus.records.values()}
    for item in items:
        draft = to_script(item["draft"], "hans")
        for uid in item["precedents"]:
            text = texts[uid]
            longest = difflib.SequenceMatcher(None, draft, text, autojunk=False).find_longest_match(
                0, len(draft), 0, len(text)).size
            assert longest <= len(draft) / 2, (item["draft"], uid)


def test_recall_at_5_and_10(node, index_dir, tmp_path, capsys):
    items = pairs()
    assert items
    drafts = tmp_path / "drafts.json"
    drafts.write_text(json.dumps([i["draft"] for i in items], ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([node, str(RANK_JS), str(index_dir), str(drafts)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    ranked = json.loads(done.stdout)
    assert len(ranked) == len(items)
    expected = [(uid, got) for item, got in zip(items, ranked) for uid in item["precedents"]]
    at5 = sum(uid in got[:5] for uid, got in expected) / len(expected)
    at10 = sum(uid in got[:10] for uid, got in expected) / len(expected)
    missed = [(uid, got[:10]) for uid, got in expected if uid not in got[:10]]
    with capsys.disabled():
        print(f"\ndrafting desk: {len(items)} drafts, {len(expected)} precedents: "
              f"recall@5 {at5:.1%}, recall@10 {at10:.1%}")
    assert at10 == 1.0, missed
    assert at5 >= 0.8
