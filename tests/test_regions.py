"""Regions (``analysis.regions``): a province with everything below it, or the national level.

Topic and indicator pages compare a national corpus region by region, and the matrices'
workbooks go one a region; all of them ask the one ``region_of``.  The workbooks once worked
the region out apart, as the second level of a jurisdiction's chain, which in a corpus with
no national level named a city: Miyi's matrix went to a Panzhihua workbook.
"""

from __future__ import annotations

import dataclasses

from generator.analysis.regions import region_of
from generator.site import sheets

# content/jurisdictions.yaml, read by hand: each jurisdiction's province.
PROVINCE = {"china": "china", "sichuan": "sichuan", "panzhihua": "sichuan", "miyi": "sichuan",
            "nanchong": "sichuan", "gansu": "gansu", "lanzhou": "gansu", "yunnan": "yunnan", "yuxi": "yunnan",
            "qinghai": "qinghai"}


def provincial(corpus):
    """The bundled corpus without its national level: the provinces at the top."""
    jurisdictions = {j.id: dataclasses.replace(j, parent=None) if j.parent == "china" else j
                     for j in corpus.jurisdictions.values() if j.id != "china"}
    documents = {d.id: d for d in corpus.documents.values() if d.jurisdiction != "china"}
    return dataclasses.replace(corpus, jurisdictions=jurisdictions, documents=documents)


def test_each_jurisdiction_is_in_its_province(corpus):
    assert set(PROVINCE) == set(corpus.jurisdictions)
    assert {j: region_of(corpus, j) for j in corpus.jurisdictions} == PROVINCE
    alone = provincial(corpus)
    assert {j: region_of(alone, j) for j in alone.jurisdictions} == {j: p for j, p in PROVINCE.items() if j != "china"}


def test_a_corpus_with_no_national_level_has_a_workbook_a_province(corpus, monkeypatch):
    monkeypatch.setattr(sheets, "WORKBOOK_EACH_UP_TO", 2)
    alone = provincial(corpus)
    miyi = alone.documents["miyi-2021"]
    assert sheets.workbook_path(alone, miyi) == "matrices/region-sichuan.xlsx"
    books = {name for name in sheets.matrix_files(alone) if name.endswith(".xlsx") and not name.startswith("zh-Hant/")}
    assert books and {name.removeprefix("matrices/region-").removesuffix(".xlsx") for name in books} <= set(PROVINCE.values())
