"""Task–responsibility matrices, unit pages, indicators: exports, pages, chart, print.

Exports are read back the way officials read them (openpyxl for XLSX, csv for CSV);
pages are read from the shared build of the real site (``built_site``); the browser
tests look at a matrix, a unit and an indicator page in both scripts and print a matrix.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from generator.analysis import matrix_model
from generator.analysis.function_topic import function_topic
from generator.analysis.observations import observations
from generator.content.load import Paths
from generator.content.validate import check
from generator.site import exports, pages, sheets, tabular
from generator.site.charts.bars import Bar, bar_chart, nice_ticks
from generator.site.pages import matrices, units

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
YUXI_TASK_12 = "二、(三)12."
TASK_12_PARTICIPANTS = ["市发展改革委", "市财政局", "市国土资源局", "市住房城乡建设局", "市规划局", "市物价局"]


@pytest.fixture(scope="module")
def matrix_files(corpus) -> dict[str, bytes]:
    return sheets.matrix_files(corpus)


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode()), "CSV starts with a BOM so that Excel reads UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def sheet_rows(ws, top: int = 1) -> list[dict]:
    """A sheet's rows by its header, which is on row ``top`` (2 under a document's title)."""
    header = [c.value for c in ws[top]]
    return [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=top + 1)]


# The matrices' sheets, named by the documents as the pages name them (jurisdiction and
# 《title》, cut to Excel's 31 characters with …), and their full names, written out by hand.
SHEETS = {
    "lanzhou-2013": ("兰州市《兰州启动城市社区管理体制改革》", "蘭州市《蘭州啟動城市社區管理體制改革》"),
    "nanchong-2017": ("南充市《关于贯彻落实全面深化改革加强基层群众自治和创新城乡社…", "南充市《關於貫徹落實全面深化改革加強基層群眾自治和創新城鄉社…"),
    "yuxi-2018": ("玉溪市《关于加强和完善城乡社区治理的实施意见》", "玉溪市《關於加強和完善城鄉社區治理的實施意見》"),
    "miyi-2021": ("米易县《加强和创新城乡社区治理的调研报告》", "米易縣《加強和創新城鄉社區治理的調研報告》"),
}


# --- the matrix ------------------------------------------------------------------------------

def test_yuxi_matrix_has_fifteen_tasks_with_their_units(corpus):
    m = matrix_model.build(corpus, corpus.documents["yuxi-2018"])
    tasks = [r for r in m.rows if r.record.kind == "task"]
    expected = ([f"二、(一){i}." for i in range(1, 5)] + [f"二、(二){i}." for i in range(5, 11)]
                + [f"二、(三){i}." for i in range(11, 16)])
    assert [r.record.label for r in tasks] == expected
    # Columns: the unit that leads most comes first; every column is named in some row.
    assert m.columns[0].unit.id == "yuxi-civil-affairs"
    assert [c.leads for c in m.columns] == sorted((c.leads for c in m.columns), reverse=True)
    assert all(any(row.cells[i] for row in m.rows) for i in range(len(m.columns)))
    task_12 = next(r for r in tasks if r.record.label == YUXI_TASK_12)
    named = {c.unit.name: ref for c, ref in zip(m.columns, task_12.cells) if ref}
    assert set(named) == {"市民政局", *TASK_12_PARTICIPANTS}
    assert (named["市民政局"].role, named["市民政局"].basis) == ("lead", "inferred")
    assert {named[n].role for n in TASK_12_PARTICIPANTS} == {"participating"}


def test_matrix_xlsx_reads_back_with_frozen_styled_header(matrix_files):
    wb = openpyxl.load_workbook(io.BytesIO(matrix_files["matrices/yuxi-2018.xlsx"]))
    assert wb.sheetnames == [SHEETS["yuxi-2018"][0], "说明"]
    ws = wb[SHEETS["yuxi-2018"][0]]
    assert ws["A1"].value == SHEETS["yuxi-2018"][0]   # the document's name above the header
    assert ws.freeze_panes == "C3"   # title, header row and the 编号 / 标题 columns stay in view
    header = [c.value for c in ws[2]]
    assert header[:5] == sheets.FIXED_HEADER and header[-3:] == sheets.TRAILING_HEADER
    assert all(c.font.bold for c in ws[2])
    assert ws.column_dimensions["B"].width >= 20          # titles are CJK: two columns a character
    unit_col = openpyxl.utils.get_column_letter(header.index("市民政局") + 1)
    assert 6 <= ws.column_dimensions[unit_col].width <= 13  # matrix cells stay narrow, names wrap
    rows = sheet_rows(ws, 2)
    assert len(rows) == 18
    assert sum(1 for r in rows if r["类型"] == "任务") == 15
    task_12 = next(r for r in rows if r["编号"] == YUXI_TASK_12)
    assert task_12["市民政局"] == "牵头(推定)"
    assert all(task_12[name] == "参与" for name in TASK_12_PARTICIPANTS)
    units = header[5:-3]
    assert sorted(u for u in units if task_12[u]) == sorted(["市民政局", *TASK_12_PARTICIPANTS])
    assert task_12["原文责任单位"] == "市民政局、市发展改革委、市财政局、市国土资源局、市住房城乡建设局、市规划局、市物价局"
    assert task_12["页面"] == "documents/yuxi-2018/#p2-3-12"
    # Inferred and stated leads look different in Excel too.
    lead_fill = ws.cell(row=rows.index(task_12) + 3, column=header.index("市民政局") + 1).fill.fgColor.rgb
    # Yuxi states no lead (its lists only name units); Miyi's 自然资源规划部门牵头 does.
    miyi = openpyxl.load_workbook(io.BytesIO(matrix_files["matrices/miyi-2021.xlsx"]))[SHEETS["miyi-2021"][0]]
    miyi_header, miyi_rows = [c.value for c in miyi[2]], sheet_rows(miyi, 2)
    stated = next(r for r in miyi_rows if r.get("自然资源规划部门") == "牵头")
    stated_fill = miyi.cell(row=miyi_rows.index(stated) + 3,
                            column=miyi_header.index("自然资源规划部门") + 1).fill.fgColor.rgb
    assert lead_fill != stated_fill


def test_all_matrices_workbook_has_a_sheet_per_document(matrix_files, corpus):
    wb = openpyxl.load_workbook(io.BytesIO(matrix_files["matrices.xlsx"]))
    order = ["lanzhou-2013", "nanchong-2017", "yuxi-2018", "miyi-2021"]
    assert wb.sheetnames == [SHEETS[d][0] for d in order] + ["说明"]
    for doc in order:
        assert wb[SHEETS[doc][0]].freeze_panes == "C3"
        assert f"matrices/{doc}.csv" in matrix_files


def test_the_traditional_workbooks_are_in_traditional_script_named_by_title(matrix_files, corpus):
    """Traditional pages offer each workbook converted: sheets named by the documents' titles
    (each within 31 characters, no two alike), the full name above the header, every text in
    Traditional script."""
    assert matrix_files["zh-Hant/matrices.xlsx"] != matrix_files["matrices.xlsx"]
    wb = openpyxl.load_workbook(io.BytesIO(matrix_files["zh-Hant/matrices.xlsx"]))
    names = [SHEETS[d][1] for d in ("lanzhou-2013", "nanchong-2017", "yuxi-2018", "miyi-2021")]
    assert wb.sheetnames == names + ["說明"]
    assert all(len(n) <= 31 for n in wb.sheetnames) and len(set(wb.sheetnames)) == len(wb.sheetnames)
    nanchong = wb[SHEETS["nanchong-2017"][1]]
    full = nanchong["A1"].value
    assert full.startswith(SHEETS["nanchong-2017"][1][:-1]) and full.endswith("》") and len(full) > 31
    rows = sheet_rows(wb[SHEETS["yuxi-2018"][1]], 2)
    task_12 = next(r for r in rows if r["編號"] == YUXI_TASK_12)
    assert task_12["市民政局"] == "牽頭(推定)"
    assert task_12["類型"] == "任務" and task_12["頁面"] == "documents/yuxi-2018/#p2-3-12"
    single = openpyxl.load_workbook(io.BytesIO(matrix_files["zh-Hant/matrices/yuxi-2018.xlsx"]))
    assert single.sheetnames == [SHEETS["yuxi-2018"][1], "說明"]
    # …and the other workbooks too.
    for name, first in ((sheets.target_files(corpus), "目標與標準"), (sheets.function_topic_files(corpus), "職能×主題")):
        xlsx = next(k for k in name if k.startswith("zh-Hant/"))
        assert openpyxl.load_workbook(io.BytesIO(name[xlsx])).sheetnames[0] == first


def test_past_the_threshold_each_region_has_one_workbook_and_no_document_its_own(corpus, monkeypatch):
    """A national corpus would make a workbook per document and one of thousands of sheets:
    past ``WORKBOOK_EACH_UP_TO`` documents each province (with all below it) has one."""
    monkeypatch.setattr(sheets, "WORKBOOK_EACH_UP_TO", 2)
    files = sheets.matrix_files(corpus)
    books = {name: openpyxl.load_workbook(io.BytesIO(data)).sheetnames for name, data in files.items()
             if name.endswith(".xlsx")}
    assert {k: v for k, v in books.items() if not k.startswith("zh-Hant/")} == {
        "matrices/region-gansu.xlsx": [SHEETS["lanzhou-2013"][0], "说明"],
        "matrices/region-sichuan.xlsx": [SHEETS["nanchong-2017"][0], SHEETS["miyi-2021"][0], "说明"],
        "matrices/region-yunnan.xlsx": [SHEETS["yuxi-2018"][0], "说明"]}
    assert books["zh-Hant/matrices/region-yunnan.xlsx"] == [SHEETS["yuxi-2018"][1], "說明"]
    csvs = sorted(name for name in files if name.endswith(".csv"))
    assert csvs == [f"matrices/{d}.csv" for d in sorted(["lanzhou-2013", "nanchong-2017", "yuxi-2018", "miyi-2021"])]
    miyi = corpus.documents["miyi-2021"]
    assert sheets.workbook_path(corpus, miyi) == "matrices/region-sichuan.xlsx"
    page = next(p for p in matrices.pages(corpus) if p.path == "matrices/miyi-2021.md")
    html = pages.render(pages.environment(), page, pages.Context(corpus, "hans", "matrices/miyi-2021/"))
    assert 'href="../../data/matrices/region-sichuan.xlsx"' in html and "本表为以本文件命名的工作表" in html
    assert "matrices.xlsx" not in html


def test_matrix_csv_content(matrix_files):
    rows = read_csv(matrix_files["matrices/yuxi-2018.csv"])
    assert len(rows) == 18
    task_12 = next(r for r in rows if r["编号"] == YUXI_TASK_12)
    assert task_12["市民政局"] == "牵头(推定)" and task_12["市物价局"] == "参与" and task_12["市委组织部"] == ""
    etc = [r["编号"] for r in rows if r["未列全(等)"] == "是"]
    assert etc == ["二、(一)3.", "二、(一)4.", "二、(二)6.", "二、(二)7."]
    nanchong = read_csv(matrix_files["matrices/nanchong-2017.csv"])
    both = next(r for r in nanchong if r["原文责任单位"] == "县级党委、政府")
    assert both["县级党委"] == both["县级政府"] == "牵头"   # two stated leads


def test_sheet_names_are_valid_and_unique():
    names = tabular.sheet_names(["a" * 40, "a" * 40, "x/y[1]", "A" * 31, "'《题名》'"])
    assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == 5
    assert names[0] == "a" * 30 + "…" and names[2] == "x-y-1-" and names[4] == "《题名》"


def test_exports_are_byte_identical_and_carry_no_timestamp(corpus):
    first = exports.tables(corpus)
    again = exports.tables(check(Paths.at(ROOT))[0])
    assert first.keys() == again.keys() and all(first[k] == again[k] for k in first)
    with zipfile.ZipFile(io.BytesIO(first["targets.xlsx"])) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2   # created and modified, fixed


# --- units and functions ---------------------------------------------------------------------

def test_every_unit_has_a_function(corpus):
    assert [u.id for u in corpus.units.values() if u.function not in corpus.functions] == []


def test_function_topic_handles_partial_mappings(corpus):
    ft = function_topic(corpus)
    assert ft.pending <= ft.responsible == sum(len(matrix_model.responsible_records(d)) for d in corpus.documents.values())
    blank = dataclasses.replace(corpus, mappings={}, unmapped={})
    empty = function_topic(blank)
    assert (empty.cells, empty.functions, empty.pending) == ({}, [], empty.responsible)
    one = dataclasses.replace(corpus, mappings={"yuxi-2018/p2-3-12": ["facility-standards"]})
    one_ft = function_topic(one)
    cell = one_ft.cells[("civil-affairs", "facility-standards")]
    assert [(e.jurisdiction.id, e.leads) for e in cell] == [("yuxi", True)]
    assert one_ft.cells[("pricing", "facility-standards")][0].leads is False
    table = sheets.function_topic_table(one, one_ft)
    assert table.header == ["职能", "职能编号", f"{corpus.topics['facility-standards'].name}(facility-standards)"]
    assert ["民政", "civil-affairs", "玉溪市(牵头)"] in table.rows


# --- indicators ------------------------------------------------------------------------------

def test_lanzhou_area_normalises_to_20_per_100_households(corpus):
    obs = observations(corpus, corpus.indicators["facility-area-per-100-households"])
    lanzhou = next(o for o in obs if o.jurisdiction.id == "lanzhou")
    assert (lanzhou.target.value, lanzhou.value, lanzhou.text) == (0.2, 20.0, "≥20")
    assert "0.2" in lanzhou.conversion and "20 平方米/百户" in lanzhou.conversion
    assert {o.jurisdiction.id for o in obs} >= {"lanzhou", "yuxi", "miyi"}
    assert [o.target.type for o in obs if o.jurisdiction.id == "miyi"] == ["standard", "finding"]
    data = {row["id"]: row for row in json.loads(exports.targets(corpus)["targets.json"])}
    assert data["lanzhou-2013/p3-1-para2#area-per-household"]["normalised_value"] == 20.0


def test_required_indicators_are_defined_and_valid(corpus):
    for ind_id in ("facility-area-per-100-households", "facility-area-per-community",
                   "certified-social-worker-share", "funding-per-urban-resident", "rc-formation-occupancy"):
        assert corpus.indicators[ind_id].observations, ind_id
    # check() (run by the fixture) resolved every observation; the targets exist.
    assert all(o.target in corpus.targets for i in corpus.indicators.values() for o in i.observations)


def test_targets_table_keeps_findings_apart(corpus):
    files = sheets.target_files(corpus)
    rows = read_csv(files["targets.csv"])
    assert len(rows) == len(corpus.targets)
    lanzhou = next(r for r in rows if r["编号"] == "lanzhou-2013/p3-1-para2#area-per-household")
    assert (lanzhou["归一化数值"], lanzhou["可比单位"], lanzhou["比较符"]) == ("20", "平方米/百户", "≥")
    wb = openpyxl.load_workbook(io.BytesIO(files["targets.xlsx"]))
    assert wb.sheetnames == ["目标与标准", "实测"]
    assert {r["类型"] for r in sheet_rows(wb["目标与标准"])} == {"目标", "标准"}
    findings = sheet_rows(wb["实测"])
    assert {r["类型"] for r in findings} == {"实测"}
    assert any(r["编号"] == "miyi-2021/p2-1-s1#facilities-under-300" for r in findings)
    assert wb["实测"].freeze_panes == "B2"


def test_bar_chart_escapes_text_and_hatches_findings():
    svg = bar_chart([Bar("<script>x</script>", "标准", "standard", 20, text="≥20"),
                     Bar("米易县", "实测", "finding", 32, text="32"),
                     Bar("兰州市", "目标", "target", None, text="不低于平均工资")], "平方米/百户", "t&t", "c1")
    root = ET.fromstring(str(svg))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "<script>x</script>" in texts and "不低于平均工资" in texts
    rects = [r for r in root.iter(f"{SVG}rect") if "cw-bar-finding" in r.get("class", "").split()]
    assert rects and all(r.get("fill") == "url(#c1-hatch)" for r in rects)
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("class") == "cw-bar cw-bar-target"]) == 1  # legend only
    assert nice_ticks(32) == [0, 10, 20, 30, 40] and nice_ticks(400)[-1] == 400


# --- pages in the built site -----------------------------------------------------------------

def page_html(site: Path, path: str, script: str = "hans") -> str:
    base = site / "zh-Hant" if script == "hant" else site
    return (base / path / "index.html").read_text(encoding="utf-8")


class _Grid(HTMLParser):
    """A matrix's rows of cells as a browser reads them, whether or not end tags are written."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.cell: dict | None = None
        self.in_link = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr":
            self.rows.append({"id": a.get("id"), "cells": []})
            self.cell = None
        elif tag in ("th", "td"):
            self.cell = {"tag": tag, "scope": a.get("scope"), "class": a.get("class"), "text": "", "link": "",
                         "href": None, "spans": []}
            self.rows[-1]["cells"].append(self.cell)
        elif self.cell is not None and tag == "a":
            self.cell["href"], self.in_link = a["href"], True
        elif self.cell is not None and tag == "span":
            self.cell["spans"].append(a.get("class"))

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self.cell = None
        self.in_link = self.in_link and tag != "a"

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data
            if self.in_link:
                self.cell["link"] += data


def matrix_grid(page: str) -> list[dict]:
    grid = _Grid()
    grid.feed(page[page.index('<table class="cw-rm'):page.index("</table>")])
    return grid.rows


def test_matrix_page_structure(built_site, corpus):
    html = page_html(built_site, "matrices/yuxi-2018")
    m = matrix_model.build(corpus, corpus.documents["yuxi-2018"])
    head, *body = matrix_grid(html)
    units = {ref.unit for r in corpus.documents["yuxi-2018"].walk() if r.responsibility for ref in r.responsibility.units}
    assert len(units) > 40
    # One column per unit the document charges, headed by its name (linked) and its counts.
    assert [(c["tag"], c["scope"]) for c in head["cells"]] == [("th", "col")] * (len(units) + 1)
    columns = head["cells"][1:]
    assert [(c["link"], c["text"]) for c in columns] == [(c.unit.name, f"{c.unit.name}{c.leads}/{c.appears}")
                                                         for c in m.columns]
    assert columns[0]["href"] == "../../units/yuxi-civil-affairs/"
    # A row per record, at its public anchor, headed by its label linked to the clause; as many
    # cells as columns, so that each cell is read with its unit's name.
    rows = [r for r in body if r["id"]]
    assert [r["id"] for r in rows] == [f"row-{row.record.id}" for row in m.rows] and len(rows) == 18
    assert all(len(r["cells"]) == len(units) + 1 and (r["cells"][0]["tag"], r["cells"][0]["scope"]) == ("th", "row")
               and all(c["tag"] == "td" for c in r["cells"][1:]) for r in rows)
    assert {r["cells"][0]["scope"] for r in body if not r["id"]} == {"rowgroup"}
    assert sum(1 for r in rows if "cw-kind" not in r["cells"][0]["spans"]) == 15
    assert [r["cells"][0]["link"] for r in rows if "cw-rm-etc" in r["cells"][0]["spans"]] == \
        ["二、(一)3.", "二、(一)4.", "二、(二)6.", "二、(二)7."]
    row_12 = next(r for r in rows if r["id"] == "row-p2-3-12")
    assert row_12["cells"][0]["href"] == "../../documents/yuxi-2018/#p2-3-12"
    named = {col["link"]: (c["class"], c["text"]) for col, c in zip(columns, row_12["cells"][1:]) if c["text"]}
    assert named == {"市民政局": ("li", "牵头"), **{n: (None, "参与") for n in TASK_12_PARTICIPANTS}}
    # Miyi states its lead (自然资源规划部门牵头): a cell of its own kind.
    miyi_head, *miyi_body = matrix_grid(page_html(built_site, "matrices/miyi-2021"))
    stated = [miyi_head["cells"][i]["link"] for r in miyi_body for i, c in enumerate(r["cells"]) if c["class"] == "ls"]
    assert "自然资源规划部门" in stated
    assert 'href="../../data/matrices/yuxi-2018.csv"' in html and 'href="../../data/matrices/yuxi-2018.xlsx"' in html
    assert "推定牵头" in html and "cw-rm-etc" in html
    assert (built_site / "data/matrices/yuxi-2018.xlsx").exists()
    hant = page_html(built_site, "matrices/yuxi-2018", "hant")
    assert "任務分工" in hant and "市民政局" in hant
    # Only the Simplified build writes data/; Traditional pages link one level further up, to
    # the Traditional workbook.
    assert 'href="../../../data/zh-Hant/matrices/yuxi-2018.xlsx"' in hant


def test_unit_function_and_index_pages(built_site):
    unit = page_html(built_site, "units/yuxi-civil-affairs")
    assert "牵头 5 项，参与 9 项" in unit
    assert 'href="../../documents/yuxi-2018/#p2-3-12"' in unit
    assert 'href="../function-civil-affairs/"' in unit and 'href="../miyi-civil-affairs/"' in unit
    function = page_html(built_site, "units/function-civil-affairs")
    for jid in ("lanzhou", "yuxi", "miyi", "nanchong"):
        assert f'id="j-{jid}"' in function
    index = page_html(built_site, "units")
    assert 'id="by-jurisdiction"' in index and 'id="by-function"' in index
    assert index.count('href="yuxi-civil-affairs/"') >= 2
    ft = page_html(built_site, "units/function-topic")
    assert 'href="../../data/function-topic.csv"' in ft
    for name in ("function-topic.csv", "function-topic.xlsx", "targets.csv", "targets.xlsx", "matrices.xlsx"):
        assert (built_site / "data" / name).exists()


def test_a_function_with_many_units_lists_them_without_their_tasks(corpus, monkeypatch):
    """Past ``ALL_PEERS_UP_TO`` units, a function page would repeat every unit page of the
    country: it lists each unit with its counts and links to its page instead."""
    function = corpus.functions["civil-affairs"]
    spec = next(p for p in units.pages(corpus) if p.path == "units/function-civil-affairs.md")
    env, ctx = pages.environment(), pages.Context(corpus, "hans", "units/function-civil-affairs/")
    full = pages.render(env, spec, ctx)
    assert "cw-duty-doc" in full and "只列各单位的任务数" not in full
    members = [u for u in corpus.units.values() if u.function == function.id]
    monkeypatch.setattr(units, "ALL_PEERS_UP_TO", len(members) - 1)
    spec = next(p for p in units.pages(corpus) if p.path == "units/function-civil-affairs.md")
    short = pages.render(env, spec, ctx)
    assert "cw-duty-doc" not in short and f"本职能有 {len(members)} 个单位" in short
    row = re.search(r'<tr id="j-yuxi">(.*?)</tr>', short, re.S).group(1)
    assert 'href="../yuxi-civil-affairs/"' in row and re.findall(r'cw-num">(\d+)<', row) == ["5", "9"]
    assert short.count('href="../yuxi-civil-affairs/"') == 1


def test_indicator_pages(built_site):
    html = page_html(built_site, "indicators/facility-area-per-100-households")
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="cw-svg cw-bars"')
    svg = html[start:html.index("</svg>", start) + 6]
    root = ET.fromstring(svg)
    assert list(root.iter(f"{SVG}a")) == [] and root.get("role") == "img"   # one image; the table links
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "cw-bar-row"]) == 4
    assert "≥20" in [t.text for t in root.iter(f"{SVG}text")]
    assert 'href="../../documents/lanzhou-2013/#p3-1-para2--area-per-household"' in html
    assert "每户0.2平方米 × 100 = 20 平方米/百户" in html
    index = page_html(built_site, "indicators")
    assert 'id="requirements"' in index and 'id="findings"' in index
    req = index[index.index('id="requirements"'):index.index('id="findings"')]
    assert "每百户居民擁有" not in req and "每百户居民拥有" not in req   # the Miyi finding is not a requirement
    assert "不足300平方米的有33" in index[index.index('id="findings"'):]
    assert 'href="../data/targets.xlsx"' in index


# --- in the browser --------------------------------------------------------------------------

SHOTS = [("matrices/yuxi-2018/", "matrix"), ("units/yuxi-civil-affairs/", "unit"),
         ("indicators/facility-area-per-100-households/", "indicator")]


@pytest.mark.browser
@pytest.mark.parametrize("script", ["", "zh-Hant/"])
def test_screenshots(page, serve_site, artifacts, script):
    for path, name in SHOTS:
        page.goto(serve_site.url + script + path)
        page.wait_for_load_state("load")
        page.screenshot(path=str(artifacts / f"matrices-{name}-{script.strip('/') or 'zh-Hans'}.png"), full_page=True)
    page.goto(serve_site.url + script + "matrices/yuxi-2018/")
    header = page.locator("table.cw-rm thead th").nth(1)
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
    task = page.locator("table.cw-rm tbody th[scope=row]").first
    assert task.evaluate("e => getComputedStyle(e).position") == "sticky"
    # A cell is its mark: an inferred lead is outlined, and says 推定 to a screen reader.
    inferred = page.locator("table.cw-rm td.li").first
    assert inferred.evaluate("e => getComputedStyle(e, '::before').borderTopStyle") == "dashed"
    assert "推定" in inferred.evaluate("e => getComputedStyle(e, '::after').content")
    page.locator(".cw-rm-scroll").evaluate("e => { e.scrollLeft = 600; e.scrollTop = 300; }")
    box, scroller = task.bounding_box(), page.locator(".cw-rm-scroll").bounding_box()
    assert abs(box["x"] - scroller["x"]) < 3   # the task column stays at the left edge


@pytest.mark.browser
def test_matrix_prints_on_a4_landscape(page, serve_site, artifacts):
    page.set_viewport_size({"width": 1062, "height": 794})   # A4 landscape less margins, at 96 dpi
    page.goto(serve_site.url + "matrices/yuxi-2018/")
    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts / "matrices-print-yuxi.png"), full_page=True)
    assert page.evaluate("document.querySelector('table.cw-rm').scrollWidth") <= 1062   # no column cut off
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar')).display") == "none"
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    sizes = {tuple(round(float(v)) for v in box.split()[2:]) for box in
             re.findall(rb"/MediaBox \[([^\]]*)\]", pdf) for box in [box.decode()]}
    assert sizes == {(842, 595)}   # every sheet A4 landscape
    page.goto(serve_site.url + "documents/yuxi-2018/")
    portrait = page.pdf(prefer_css_page_size=True)
    assert b"/MediaBox [0 0 841" not in portrait   # other pages keep the printer's default
