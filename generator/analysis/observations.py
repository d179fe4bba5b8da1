"""Targets read against comparable indicators: each normalised value an indicator observes.

``crosswalk/indicators.yaml`` normalises targets from different documents to one unit
(Lanzhou's 0.2 平方米/户 × 100 = 20 平方米/百户).  A target keeps its own type: targets and
standards are requirements, findings are measured status.  The indicator pages, the drafting
desk's 数字对照 and the target tables read the observations here.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Corpus, Document, Indicator, Jurisdiction, Target

COMPARATORS = {">=": "≥", "<=": "≤", "=": "", ">": ">", "<": "<", "range": "", None: ""}
REQUIREMENT_TYPES = ("target", "standard")
TYPE_ORDER = {"standard": 0, "target": 1, "finding": 2}


def normalise(value: float | None, factor: float) -> float | None:
    # Rounded so that 0.2 × 100 reads 20, not 20.000000000000004.
    return None if value is None else round(value * factor, 9)


def value_text(comparator: str | None, value: float | None, value_max: float | None) -> str:
    if value is None:
        return ""
    text = f"{COMPARATORS.get(comparator, comparator)}{value:g}"
    return text + (f"–{value_max:g}" if value_max is not None else "")


@dataclass
class Observation:
    target: Target
    doc: Document
    jurisdiction: Jurisdiction
    factor: float
    conversion: str | None
    value: float | None       # in the indicator's unit
    value_max: float | None

    @property
    def is_requirement(self) -> bool:
        return self.target.type in REQUIREMENT_TYPES

    @property
    def text(self) -> str:
        """The value in the indicator's unit, e.g. ≥20."""
        return value_text(self.target.comparator, self.value, self.value_max)

    @property
    def raw_text(self) -> str:
        """The value as the document gives it."""
        return value_text(self.target.comparator, self.target.value, self.target.value_max)


def observations(corpus: Corpus, indicator: Indicator) -> list[Observation]:
    """Observations by jurisdiction (national → county), requirements before findings."""
    out = []
    for o in indicator.observations:
        t = corpus.targets.get(o.target)
        if t is None:   # reported by `check`
            continue
        doc = corpus.documents[t.record.doc_id]
        out.append(Observation(t, doc, corpus.jurisdictions[doc.jurisdiction], o.factor, o.conversion,
                               normalise(t.value, o.factor), normalise(t.value_max, o.factor)))
    order = {o.target: i for i, o in enumerate(indicator.observations)}
    return sorted(out, key=lambda o: (corpus.sort_key(o.doc), TYPE_ORDER[o.target.type], order[o.target.uid]))


def indicator_index(corpus: Corpus) -> dict[str, Indicator]:
    """Target uid → the indicator it is normalised to."""
    return {o.target: i for i in corpus.indicators.values() for o in i.observations}


def all_observations(corpus: Corpus) -> dict[str, Observation]:
    """Target uid → its normalised observation."""
    return {o.target.uid: o for i in corpus.indicators.values() for o in observations(corpus, i)}


def sorted_targets(corpus: Corpus) -> list[Target]:
    """Every target, documents in corpus order, records and targets in document order."""
    return [t for d in corpus.sorted_documents() for r in d.walk() for t in r.targets]
