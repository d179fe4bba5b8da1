"""Task–responsibility matrices (任务分工表): which units each document makes responsible for what.

Rows are the document's records that carry a responsibility, in document order; columns
are the units named, those that lead most first, then those that appear most.  A cell is
the unit's mention on that record (its role and whether the text states it), or nothing.
The matrix pages and their CSV and XLSX exports show the same model.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.chinese import excerpt, joined
from generator.content import vocabulary
from generator.content.model import Corpus, Document, Record, Unit, UnitRef

# How a unit's mention reads, in a matrix's cell of the tables and on a unit's page.
ROLE_TEXT = {("lead", "stated"): "牵头", ("lead", "inferred"): "牵头(推定)",
             ("participating", "stated"): "参与", ("participating", "inferred"): "参与"}
TITLE_CHARS = 28   # a record's short title, when it has no title of its own


def role_text(ref: UnitRef) -> str:
    """牵头, 牵头(推定) or 参与, and ·正文另及 for a unit only the running text names."""
    text = ROLE_TEXT[(ref.role, ref.basis)]
    return text if ref.named == "list" else f"{text}·{vocabulary.NAMED[ref.named]}"


def short_title(record: Record, cut=excerpt) -> str:
    """The record's run-in title, or the start of its text when it has none: marked for a page
    to cut after conversion (``chinese.excerpt``), or, for the tables, ``cut=opening``."""
    if record.title:
        return record.title
    return cut(record.text or "", TITLE_CHARS)


def opening(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text``, and … where it goes on."""
    return text if len(text) <= chars else text[:chars] + "…"


def group_of(record: Record) -> str:
    """Where the record sits, e.g. ``二、主要任务 › (一)健全完善城乡社区治理体系``."""
    return joined(" › ", (a.heading for a in record.ancestors if a.heading))


def unit_of(corpus: Corpus, unit_id: str, jurisdiction: str) -> Unit:
    # Validation reports an unknown unit id; the page still shows it rather than failing.
    return corpus.units.get(unit_id) or Unit(unit_id, unit_id, jurisdiction, "other")


@dataclass
class Column:
    unit: Unit
    leads: int
    appears: int
    header: str   # the unit's name, with its id where two columns share a name


@dataclass
class Row:
    record: Record
    group: str
    cells: list[UnitRef | None]   # one per column

    @property
    def etc(self) -> bool:
        return bool(self.record.responsibility and self.record.responsibility.etc)


@dataclass
class Matrix:
    doc: Document
    columns: list[Column]
    rows: list[Row]

    @property
    def inferred_leads(self) -> int:
        return sum(1 for r in self.rows for c in r.cells if c and c.role == "lead" and c.basis == "inferred")


def responsible_records(doc: Document) -> list[Record]:
    return [r for r in doc.walk() if r.responsibility and r.responsibility.units]


def build(corpus: Corpus, doc: Document) -> Matrix | None:
    records = responsible_records(doc)
    if not records:
        return None
    leads: dict[str, int] = {}
    appears: dict[str, int] = {}
    first: dict[str, int] = {}
    for record in records:
        for ref in distinct(record):
            appears[ref.unit] = appears.get(ref.unit, 0) + 1
            leads[ref.unit] = leads.get(ref.unit, 0) + (ref.role == "lead")
            first.setdefault(ref.unit, len(first))
    order = sorted(appears, key=lambda u: (-leads[u], -appears[u], first[u]))
    units = [unit_of(corpus, u, doc.jurisdiction) for u in order]
    names = [u.name for u in units]
    columns = [Column(u, leads[u.id], appears[u.id], u.name if names.count(u.name) == 1 else f"{u.name}({u.id})")
               for u in units]
    rows = []
    for record in records:
        by_unit = {ref.unit: ref for ref in distinct(record)}
        rows.append(Row(record, group_of(record), [by_unit.get(u) for u in order]))
    return Matrix(doc, columns, rows)


def distinct(record: Record) -> list[UnitRef]:
    """Each unit of the record's responsibility once, at its first mention."""
    firsts: dict[str, UnitRef] = {}
    for ref in record.responsibility.units if record.responsibility else []:
        firsts.setdefault(ref.unit, ref)
    return list(firsts.values())


def all_matrices(corpus: Corpus) -> list[Matrix]:
    return [m for d in corpus.sorted_documents() if (m := build(corpus, d)) is not None]
