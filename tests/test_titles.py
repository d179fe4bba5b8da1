"""Every document and matrix page names its document so that no two read alike: the issuing
jurisdiction, and the year where two would still clash (three documents are titled
关于加强和完善城乡社区治理的实施意见).  Expected names come from the YAML, read plainly."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.chinese import opencc_only

ROOT = Path(__file__).resolve().parent.parent
JURISDICTIONS = {j["id"]: j["name"] for j in
                 yaml.safe_load((ROOT / "content" / "jurisdictions.yaml").read_text(encoding="utf-8"))["jurisdictions"]}
DOCS = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "content" / "documents").glob("*.yaml"))]
TITLE = re.compile(r"<title>(.*?) - ", re.S)
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def _names(site: Path, prefix: str, kind: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    out = {}
    for doc_id in ids:
        html = (site / prefix / kind / doc_id / "index.html").read_text(encoding="utf-8")
        out[doc_id] = (TITLE.search(html).group(1), re.sub(r"<[^>]+>", "", H1.search(html).group(1)))
    return out


def test_the_corpus_has_titles_that_clash():
    titles = Counter(d["title"] for d in DOCS)
    assert titles["关于加强和完善城乡社区治理的实施意见"] == 3


@pytest.mark.parametrize("script,prefix", [("hans", ""), ("hant", "zh-Hant")])
@pytest.mark.parametrize("kind", ["documents", "matrices"])
def test_each_page_title_and_heading_names_its_jurisdiction_and_no_two_clash(built_site, script, prefix, kind):
    ids = [d["id"] for d in DOCS if (built_site / prefix / kind / d["id"] / "index.html").exists()]
    assert len(ids) >= (20 if kind == "documents" else 4)
    names = _names(built_site, prefix, kind, ids)
    for which in (0, 1):
        shown = Counter(n[which] for n in names.values())
        assert [t for t, n in shown.items() if n > 1] == []
    by_id = {d["id"]: d for d in DOCS}
    for doc_id, (title, heading) in names.items():
        place = JURISDICTIONS[by_id[doc_id]["jurisdiction"]]
        place = place if script == "hans" else opencc_only(place, "s2tw")
        for text in (title, heading):
            assert place in text, f"{kind}/{doc_id}: {text} does not name {place}"
