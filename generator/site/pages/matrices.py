"""Task–responsibility matrices (任务分工表): one per document that assigns responsible units.

Rows are the document's records that carry a responsibility, in document order; columns
are the units named, those that lead most first, then those that appear most.  A cell is
牵头 or 参与; a lead the text states is kept apart from a lead inferred from list order
(the first-named unit), and a list ending in 等 is flagged as not exhaustive.  The same
matrix is exported as CSV and XLSX under ``data/matrices/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Iterable

from generator.chinese import excerpt, joined
from generator.content.model import Corpus, Document, Record, Unit, UnitRef
from generator.site.tabular import Table, csv_bytes, workbooks
from generator.site.pages import Page
from generator.site.pages.documents import citation, display_name
from generator.content import vocabulary
from generator import routes

ROLE_TEXT = {("lead", "stated"): "牵头", ("lead", "inferred"): "牵头(推定)",
             ("participating", "stated"): "参与", ("participating", "inferred"): "参与"}
ETC_TEXT = "原文以“等”结尾,未列全"
# A matrix page's cell: its class and its text.  A national corpus has millions of cells,
# so the classes are short and participation, the commonest, has none (matrix.css draws
# any cell with text as 参与, ``ls`` as a stated lead, ``li`` as an inferred one).
CELL_CLASS = {("lead", "stated"): "ls", ("lead", "inferred"): "li"}
CELLS = {(role, basis): {"mark": CELL_CLASS.get((role, basis)), "text": vocabulary.ROLES[role]}
         for role in vocabulary.ROLES for basis in vocabulary.BASES}
EMPTY_CELL = {"mark": None, "text": ""}
TITLE_CHARS = 28
# Up to this many documents each matrix is also a workbook of its own, and all of them one
# more.  Past it (a national corpus) those would be thousands of files saying what the CSVs
# say, and one workbook of thousands of sheets: each region (a province with all below it)
# gets one workbook instead, a sheet for each of its documents.
WORKBOOK_EACH_UP_TO = 50


def matrix_path(doc_id: str) -> str:
    return routes.matrix(doc_id)


def by_region(corpus: Corpus) -> bool:
    """Whether the matrices' workbooks go by region rather than by document."""
    return len(corpus.documents) > WORKBOOK_EACH_UP_TO


def region_of(corpus: Corpus, doc: Document) -> str:
    """The province (or the nation) a document's jurisdiction belongs to."""
    chain = corpus.jurisdiction_path(doc.jurisdiction)
    return chain[1] if len(chain) > 1 else chain[0]


def workbook_path(corpus: Corpus, doc: Document) -> str:
    """The workbook under ``data/`` that holds ``doc``'s matrix (as the sheet named by its id)."""
    return routes.matrix_workbook(region_of(corpus, doc)) if by_region(corpus) else routes.matrix_data(doc.id, "xlsx")


ALL_WORKBOOK = "matrices.xlsx"


def role_text(ref: UnitRef) -> str:
    """牵头, 牵头(推定) or 参与, and ·正文另及 for a unit only the running text names."""
    text = ROLE_TEXT[(ref.role, ref.basis)]
    return text if ref.named == "list" else f"{text}·{vocabulary.NAMED[ref.named]}"


def short_title(record: Record, cut=excerpt) -> str:
    """The record's run-in title, or the start of its text when it has none: marked for a page
    to cut after conversion (``chinese.excerpt``), or, for the tables, ``cut=_opening``."""
    if record.title:
        return record.title
    return cut(record.text or "", TITLE_CHARS)


def _opening(text: str, chars: int) -> str:
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
        return self.record.responsibility.etc


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
        for ref in _distinct(record.responsibility.units):
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
        by_unit = {ref.unit: ref for ref in _distinct(record.responsibility.units)}
        rows.append(Row(record, group_of(record), [by_unit.get(u) for u in order]))
    return Matrix(doc, columns, rows)


def _distinct(refs: list[UnitRef]) -> list[UnitRef]:
    """Each unit once, at its first mention."""
    seen: set[str] = set()
    return [r for r in refs if not (r.unit in seen or seen.add(r.unit))]


def all_matrices(corpus: Corpus) -> list[Matrix]:
    return [m for d in corpus.sorted_documents() if (m := build(corpus, d)) is not None]


# --- pages ---------------------------------------------------------------------------------

def pages(corpus: Corpus) -> Iterable[Page]:
    matrices = all_matrices(corpus)
    yield Page("matrices/index.md", "责任分工", "matrices_index.html", _index_data(corpus, matrices),
               description="各文件的任务分工矩阵：每项任务由哪些单位牵头、哪些单位参与")
    for m in matrices:
        yield Page(f"matrices/{m.doc.id}.md", f"任务分工：{display_name(corpus, m.doc)}", "matrix.html", partial(_matrix_data, corpus, m),
                   description=f"{citation(m.doc)}任务分工矩阵")


def _names() -> dict:
    return {"kind": vocabulary.RECORD_KINDS, "role": vocabulary.ROLES, "basis": vocabulary.BASES}


def _index_data(corpus: Corpus, matrices: list[Matrix]) -> dict:
    items = []
    for m in matrices:
        items.append({
            "doc": m.doc, "jurisdiction": corpus.jurisdictions[m.doc.jurisdiction], "rows": len(m.rows),
            "units": len(m.columns), "inferred": m.inferred_leads, "etc": sum(1 for r in m.rows if r.etc),
            "csv": routes.matrix_data(m.doc.id, "csv"), "xlsx": workbook_path(corpus, m.doc),
        })
    return {"items": items, "by_region": by_region(corpus),
            "all_xlsx": ALL_WORKBOOK}


def _matrix_data(corpus: Corpus, m: Matrix) -> dict:
    rows, group = [], None
    for row in m.rows:
        rows.append({"row": row, "new_group": row.group != group, "title": short_title(row.record),
                     "cells": [CELLS[(ref.role, ref.basis)] if ref else EMPTY_CELL for ref in row.cells]})
        group = row.group
    kinds = {}
    for row in m.rows:
        kinds[row.record.kind] = kinds.get(row.record.kind, 0) + 1
    return {"m": m, "rows": rows, "jurisdiction": corpus.jurisdictions[m.doc.jurisdiction],
            "kinds": [(vocabulary.RECORD_KINDS[k], n) for k, n in kinds.items()], "names": _names(),
            "csv": routes.matrix_data(m.doc.id, "csv"), "xlsx": workbook_path(corpus, m.doc), "by_region": by_region(corpus),
            "region": corpus.jurisdictions.get(region_of(corpus, m.doc)), "all_xlsx": ALL_WORKBOOK}


# --- exports -------------------------------------------------------------------------------

FIXED_HEADER = ["编号", "标题", "类型", "所属部分", "未列全(等)"]
TRAILING_HEADER = ["原文责任单位", "记录编号", "页面"]


def table(m: Matrix, name: str) -> Table:
    """The matrix as a sheet, named by the document's ``name`` on the pages (jurisdiction and
    《title》, shortened to a sheet name's length; in full on its first line): record columns,
    one column per unit, then the list as printed."""
    header = FIXED_HEADER + [c.header for c in m.columns] + TRAILING_HEADER
    first_unit = len(FIXED_HEADER)
    rows, styles = [], {}
    for i, row in enumerate(m.rows):
        r = row.record
        cells = []
        for j, ref in enumerate(row.cells):
            cells.append(role_text(ref) if ref else None)
            if ref:
                styles[(i, first_unit + j)] = ("lead" if ref.basis == "stated" else "lead-inferred") \
                    if ref.role == "lead" else "participating"
        rows.append([r.label or None, short_title(r, _opening), vocabulary.RECORD_KINDS[r.kind], row.group or None, "是" if row.etc else None,
                     *cells, r.responsibility.raw, r.uid, routes.record(r.doc_id, r.id)])
    return Table(name, header, rows, caption=name, frozen_columns=2,
                 narrow=set(range(first_unit, first_unit + len(m.columns))), styles=styles)


LEGEND = Table("说明", ["标记", "含义"], [
    ["牵头", "原文明示该单位牵头(深色底)"],
    ["牵头(推定)", "原文未用“牵头”“负责”等字样写明,按列举顺序或按原文所责成的主体推定(浅色底)"],
    ["参与", "列入责任单位,非牵头"],
    [f"·{vocabulary.NAMED['text']}", "该单位不在原文所列责任单位之中,只见于条文正文"],
    ["未列全(等)", "原文责任单位以“等”结尾,所列单位不是全部"],
    ["原文责任单位", "责任单位原文,照录原文字形(繁体工作簿中与繁体页面同样转换)"],
    ["页面", "网站上该条原文的地址(相对网站根目录)"],
])


def exports(corpus: Corpus) -> dict[str, bytes]:
    """``matrices/<doc>.csv`` per document; and ``matrices/<doc>.xlsx`` per document with
    ``matrices.xlsx`` holding them all, or, past ``WORKBOOK_EACH_UP_TO`` documents, one
    ``matrices/region-<id>.xlsx`` per region."""
    out: dict[str, bytes] = {}
    tables: dict[str, list[Table]] = {}
    for m in all_matrices(corpus):
        t = table(m, display_name(corpus, m.doc))
        path = workbook_path(corpus, m.doc)
        tables.setdefault(path, []).append(t)
        out[routes.matrix_data(m.doc.id, "csv")] = csv_bytes(t)
        if not by_region(corpus):
            out.update(workbooks(path, [t, LEGEND], title=f"任务分工:{t.caption}"))
    if not by_region(corpus):
        out.update(workbooks(ALL_WORKBOOK, [t for ts in tables.values() for t in ts] + [LEGEND], title="任务分工矩阵"))
        return out
    for path, ts in tables.items():
        region = corpus.jurisdictions[path.removeprefix("matrices/region-").removesuffix(".xlsx")]
        out.update(workbooks(path, [*ts, LEGEND], title=f"任务分工矩阵:{region.name}"))
    return out
