"""What each responsible unit is given to do: its duties across all documents, made once a corpus."""

from __future__ import annotations

from dataclasses import dataclass

from generator.analysis.derived import Derived
from generator.analysis.matrix_model import distinct
from generator.content.model import Corpus, Record, Unit, UnitRef


@dataclass
class Duty:
    """One record a unit is responsible for, and in what role."""

    record: Record
    ref: UnitRef


def _duties(corpus: Corpus) -> dict[str, list[Duty]]:
    out: dict[str, list[Duty]] = {}
    for doc in corpus.sorted_documents():
        for record in doc.walk():
            for ref in distinct(record):
                out.setdefault(ref.unit, []).append(Duty(record, ref))
    return out


def _units_by_jurisdiction(corpus: Corpus) -> dict[str, list[Unit]]:
    out: dict[str, list[Unit]] = {}
    for u in corpus.units.values():
        out.setdefault(u.jurisdiction, []).append(u)
    return out


_DUTIES: Derived[dict[str, list[Duty]]] = Derived("unit duties", _duties)
# Made once a corpus, not once a jurisdiction page: at 3,000 documents each page scanning
# every unit and sorting every document took 45 of its 50 ms, two minutes of the build.
_BY_JURISDICTION: Derived[dict[str, list[Unit]]] = Derived("units by jurisdiction", _units_by_jurisdiction)


def duties(corpus: Corpus) -> dict[str, list[Duty]]:
    """Unit id → its duties, documents in corpus order, records in document order; a unit
    named twice on a record has one duty there, in the role of its first mention."""
    return _DUTIES.of(corpus)


def units_by_jurisdiction(corpus: Corpus) -> dict[str, list[Unit]]:
    """Jurisdiction id → its units, in the order of ``corpus.units``."""
    return _BY_JURISDICTION.of(corpus)


def duty_counts(ds: list[Duty]) -> dict[str, int]:
    """How many of ``ds`` a unit leads and how many it takes part in."""
    leads = sum(1 for d in ds if d.ref.role == "lead")
    return {"lead": leads, "participating": len(ds) - leads}
