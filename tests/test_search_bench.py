"""The search benchmark's synthetic corpus is one the index writer accepts: its citations frame
their quotes as real ones do (search-format §10), so ``crosswalk search-bench`` measures a
national-scale index rather than stopping on its first record."""

from __future__ import annotations

from generator.analysis.citations import nested
from generator.analysis.closeness import written_texts
from generator.bench.search import DRAFT_TARGETS, DRAFTS, _sentence_count, synthetic_labels, synthetic_records
from generator.search.records import filter_labels, quote_span, write_index
from search_format_reader import Index


def test_synthetic_records_write_an_index_that_reads_back(corpus, search_records, tmp_path):
    records = synthetic_records(search_records, 120)
    assert len(records) == 120
    for r in records:
        start, end = quote_span(r.meta["cite"], r.meta["text"])
        assert r.meta["cite"][start:end] == nested(r.meta["text"])
    labels = synthetic_labels(filter_labels(corpus), records)
    write_index(records, labels, written_texts(corpus), tmp_path / "search-index")
    index = Index(tmp_path / "search-index")
    assert index.manifest["records"] == 120


def test_the_drafts_are_three_and_twenty_sentences_with_a_target_each():
    # The two drafts (a short one and a whole page), written out by hand here.
    assert {name: _sentence_count(text) for name, text in DRAFTS.items()} == {"short": 3, "page": 20}
    assert DRAFT_TARGETS == {"short": (600_000, 0.6), "page": (1_500_000, 1.5)}
