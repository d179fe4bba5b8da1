"""The drafting desk's page as the build writes it (the browser's side is tests/test_draft.py)."""

from __future__ import annotations

from generator.site.pages import draft
from generator.site.pages.draft_quantities import quantities


def test_a_long_filter_list_is_left_to_the_index_not_written_into_the_page(corpus, monkeypatch):
    """At national scale the jurisdiction list alone (3,000 options) made the page 166 KB."""
    data = draft._data(corpus)
    assert all(not g["lazy"] and g["values"] for g in data["groups"] if g["id"] != "genre")
    monkeypatch.setattr(draft, "INLINE_OPTIONS", 5)
    groups = {g["id"]: g for g in draft._data(corpus)["groups"]}
    assert len(corpus.jurisdictions) > 5
    assert groups["jurisdiction"]["lazy"] and groups["jurisdiction"]["values"] == []
    assert not groups["level"]["lazy"] and groups["level"]["values"]


def test_the_numbers_table_holds_each_indicators_targets_once_per_place(corpus):
    """By hand from crosswalk/indicators.yaml and the records: 每个社区 兰州 350, 玉溪 400, 米易 400
    (米易 states 400 twice: a standard reported and a proposal); findings (米易's 458 measured) are
    not targets."""
    table = {i["id"]: i for i in quantities(corpus)["indicators"]}
    area = table["facility-area-per-community"]
    assert [(o["place"], o["text"]) for o in area["shown"]] == [("兰州市", "350"), ("玉溪市", "400"), ("米易县", "400")]
    assert (area["count"], area["low"], area["high"], area["measure"]) == (3, 350, 400, "平方米")
    per100 = table["facility-area-per-100-households"]
    assert [o["text"] for o in per100["shown"]] == ["20", "30", "30"]   # 兰州 0.2 × 100; no 32 (a finding)
    assert "worker-pay-monthly" not in table   # findings only: nothing to compare a draft with
