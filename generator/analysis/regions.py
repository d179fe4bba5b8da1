"""Regions: the national level, or a province with everything below it.

A national corpus is compared region by region: the topic and indicator pages give each
region a row, and the matrices' workbooks a file.
"""

from __future__ import annotations

from generator.content.model import Corpus


def region_of(corpus: Corpus, jid: str) -> str:
    """The region a jurisdiction belongs to: the first level below the national one on its
    path (its province), or the national level itself."""
    path = corpus.jurisdiction_path(jid)
    return next((j for j in path if j in corpus.jurisdictions and corpus.jurisdictions[j].level != "national"), jid)
