"""Task–responsibility matrices (任务分工表): a page for each document that assigns responsible units.

The matrix itself is built in ``analysis.matrix_model``.  A cell shows 牵头 or 参与; a lead the text
states is kept apart from a lead inferred from list order (the first-named unit), and a list
ending in 等 is flagged as not exhaustive.  The same matrix is exported as CSV and XLSX
under ``data/matrices/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from generator import routes
from generator.analysis.matrix_model import Matrix, all_matrices, short_title
from generator.analysis.regions import region_of
from generator.content import vocabulary
from generator.content.model import Corpus
from generator.site.names import display_name
from generator.site.pages import Page
from generator.site.pages.documents import citation
from generator.site.sheets import by_region, workbook_path

ETC_TEXT = "原文以“等”结尾,未列全"
# A matrix page's cell: its class and its text.  A national corpus has millions of cells,
# so the classes are short and participation, the commonest, has none (matrix.css draws
# any cell with text as 参与, ``ls`` as a stated lead, ``li`` as an inferred one).
CELL_CLASS = {("lead", "stated"): "ls", ("lead", "inferred"): "li"}
CELLS = {(role, basis): {"mark": CELL_CLASS.get((role, basis)), "text": vocabulary.ROLES[role]}
         for role in vocabulary.ROLES for basis in vocabulary.BASES}
EMPTY_CELL = {"mark": None, "text": ""}
# --- pages ---------------------------------------------------------------------------------

def pages(corpus: Corpus) -> Iterable[Page]:
    matrices = all_matrices(corpus)
    index = _index_data(corpus, matrices)
    regions: dict[str, list[dict]] = {}
    if by_region(corpus):
        # One list of every matrix would grow with the corpus (1.3 MB at 3,000 documents): the
        # index lists the regions, each region's page its matrices, beside its workbook.
        for it in index["items"]:
            regions.setdefault(region_of(corpus, it["doc"].jurisdiction), []).append(it)
        index = {**index, "items": [], "regions": [(corpus.jurisdictions[rid], len(items), routes.matrix_workbook(rid))
                                                   for rid, items in regions.items()]}
    yield Page(routes.page_source(routes.MATRICES), "责任分工", "matrices_index.html", index,
               description="各文件的任务分工矩阵：每项任务由哪些单位牵头、哪些单位参与")
    for rid, items in regions.items():
        j = corpus.jurisdictions[rid]
        yield Page(routes.page_source(routes.matrices_in(rid)), f"{j.name}的任务分工矩阵", "matrices_index.html",
                   {**index, "items": items, "regions": None, "region": j, "xlsx": routes.matrix_workbook(rid)})
    for m in matrices:
        yield Page(routes.page_source(routes.matrix(m.doc.id)), f"任务分工：{display_name(corpus, m.doc)}", "matrix.html", partial(_matrix_data, corpus, m),
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
    return {"items": items, "by_region": by_region(corpus), "regions": None, "region": None,
            "all_xlsx": routes.MATRICES_WORKBOOK}


def _matrix_data(corpus: Corpus, m: Matrix) -> dict:
    rows, group = [], None
    for row in m.rows:
        rows.append({"row": row, "new_group": row.group != group, "title": short_title(row.record),
                     "cells": [CELLS[(ref.role, ref.basis)] if ref else EMPTY_CELL for ref in row.cells]})
        group = row.group
    kinds: dict[str, int] = {}
    for row in m.rows:
        kinds[row.record.kind] = kinds.get(row.record.kind, 0) + 1
    return {"m": m, "rows": rows, "jurisdiction": corpus.jurisdictions[m.doc.jurisdiction],
            "kinds": [(vocabulary.RECORD_KINDS[k], n) for k, n in kinds.items()], "names": _names(),
            "csv": routes.matrix_data(m.doc.id, "csv"), "xlsx": workbook_path(corpus, m.doc), "by_region": by_region(corpus),
            "region": corpus.jurisdictions.get(region_of(corpus, m.doc.jurisdiction)), "all_xlsx": routes.MATRICES_WORKBOOK}
