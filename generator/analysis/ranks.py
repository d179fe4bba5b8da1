"""Jurisdictions and documents in the order pages list them, made once a corpus."""

from __future__ import annotations

from generator.analysis.derived import Derived
from generator.analysis.topic_coverage import jurisdiction_key
from generator.content.model import Corpus, Jurisdiction

# National → province → city → county, each under its parent; sorted once a corpus (each
# function page sorted the country's jurisdictions again).
_JURISDICTION_ORDER: Derived[list[Jurisdiction]] = Derived(
    "jurisdiction order", lambda c: sorted(c.jurisdictions.values(), key=lambda j: jurisdiction_key(c, j)))
_JURISDICTION_RANK: Derived[dict[str, int]] = Derived(
    "jurisdiction rank", lambda c: {j.id: i for i, j in enumerate(jurisdiction_order(c))})
_DOCUMENT_RANK: Derived[dict[str, int]] = Derived(
    "document rank", lambda c: {d.id: i for i, d in enumerate(c.sorted_documents())})


def jurisdiction_order(corpus: Corpus) -> list[Jurisdiction]:
    """Every jurisdiction, national → province → city → county, each under its parent."""
    return _JURISDICTION_ORDER.of(corpus)


def jurisdiction_rank(corpus: Corpus) -> dict[str, int]:
    """Jurisdiction id → its place in ``jurisdiction_order``."""
    return _JURISDICTION_RANK.of(corpus)


def document_rank(corpus: Corpus) -> dict[str, int]:
    """Document id → its place in ``corpus.sorted_documents()``."""
    return _DOCUMENT_RANK.of(corpus)
