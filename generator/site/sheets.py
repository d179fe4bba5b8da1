"""The tables under ``data/``, as CSV and XLSX: each document's responsibility matrix,
functions × topics, and every target.

Each is a ``tabular.Table`` made from what the analysis wing derives (``analysis.matrix_model``,
``analysis.function_topic``, ``analysis.observations``); the pages show the same views, and
the data page (``exports.DATA_FILES``) says what each file holds.
"""

from __future__ import annotations

from generator import routes
from generator.analysis.function_topic import Entry, FunctionTopic, function_topic
from generator.analysis.matrix_model import Matrix, all_matrices, opening, role_text, short_title
from generator.analysis.observations import REQUIREMENT_TYPES, all_observations, indicator_index, sorted_targets
from generator.analysis.regions import region_of
from generator.content import vocabulary
from generator.content.model import Corpus, Document, Target
from generator.site.names import display_name
from generator.site.tabular import Table, Value, csv_bytes, workbooks


def tables(corpus: Corpus) -> dict[str, bytes]:
    """Every table's files, by name under ``data/``."""
    return {**matrix_files(corpus), **function_topic_files(corpus), **target_files(corpus)}


# --- responsibility matrices -----------------------------------------------------------------

# Up to this many documents each matrix is also a workbook of its own, and all of them one
# more.  Past it (a national corpus) those would be thousands of files saying what the CSVs
# say, and one workbook of thousands of sheets: each region (a province with all below it)
# gets one workbook instead, a sheet for each of its documents.
WORKBOOK_EACH_UP_TO = 50


def by_region(corpus: Corpus) -> bool:
    """Whether the matrices' workbooks go by region rather than by document."""
    return len(corpus.documents) > WORKBOOK_EACH_UP_TO


def workbook_path(corpus: Corpus, doc: Document) -> str:
    """The workbook under ``data/`` that holds ``doc``'s matrix (as the sheet named by the document)."""
    return routes.matrix_workbook(region_of(corpus, doc.jurisdiction)) if by_region(corpus) else routes.matrix_data(doc.id, "xlsx")


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
        rows.append([r.label or None, short_title(r, opening), vocabulary.RECORD_KINDS[r.kind], row.group or None, "是" if row.etc else None,
                     *cells, r.responsibility.raw if r.responsibility else None, r.uid, routes.record(r.doc_id, r.id)])
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


def matrix_files(corpus: Corpus) -> dict[str, bytes]:
    """``matrices/<doc>.csv`` per document; and ``matrices/<doc>.xlsx`` per document with
    ``matrices.xlsx`` holding them all, or, past ``WORKBOOK_EACH_UP_TO`` documents, one
    ``matrices/region-<id>.xlsx`` per region."""
    out: dict[str, bytes] = {}
    everything: list[Table] = []
    regions: dict[str, list[Table]] = {}   # region id → its documents' sheets
    for m in all_matrices(corpus):
        t = table(m, display_name(corpus, m.doc))
        out[routes.matrix_data(m.doc.id, "csv")] = csv_bytes(t)
        if by_region(corpus):
            regions.setdefault(region_of(corpus, m.doc.jurisdiction), []).append(t)
        else:
            everything.append(t)
            out.update(workbooks(routes.matrix_data(m.doc.id, "xlsx"), [t, LEGEND], title=f"任务分工:{t.caption}"))
    if not by_region(corpus):
        out.update(workbooks(routes.MATRICES_WORKBOOK, [*everything, LEGEND], title="任务分工矩阵"))
    for region_id, ts in regions.items():
        out.update(workbooks(routes.matrix_workbook(region_id), [*ts, LEGEND],
                             title=f"任务分工矩阵:{corpus.jurisdictions[region_id].name}"))
    return out


# --- functions × topics ----------------------------------------------------------------------

def _cell_text(entries: list[Entry]) -> str:
    return "、".join(e.jurisdiction.name + ("(牵头)" if e.leads else "") for e in entries)


def function_topic_table(corpus: Corpus, ft: FunctionTopic) -> Table:
    header = ["职能", "职能编号"] + [f"{n.topic.name}({n.topic.id})" for n in ft.columns]
    rows: list[list[Value]] = [[f.name, f.id, *(_cell_text(ft.cells.get((f.id, n.topic.id), [])) or None
                                                for n in ft.columns)] for f in ft.functions]
    return Table("职能×主题", header, rows, frozen_columns=1)


FUNCTION_TOPIC_LEGEND = Table("说明", ["项目", "含义"], [
    ["格", "把该主题的任务交给该职能单位的辖区;“(牵头)”表示该辖区至少有一条由此职能单位牵头(含推定的牵头)"],
    ["主题", "取自 crosswalk/topics.yaml 的记录主题标注;只列出直接标注的主题,上级主题不汇总下级"],
    ["范围", "只计写明责任单位的记录;尚未标注主题的记录不计入"],
])


def function_topic_files(corpus: Corpus) -> dict[str, bytes]:
    t = function_topic_table(corpus, function_topic(corpus))
    return {routes.FUNCTION_TOPIC_CSV: csv_bytes(t),
            **workbooks(routes.FUNCTION_TOPIC_XLSX, [t, FUNCTION_TOPIC_LEGEND], title="职能 × 主题")}


# --- targets ---------------------------------------------------------------------------------

TARGET_HEADER = ["编号", "辖区", "文件", "条目", "类型", "原文", "比较符", "数值", "上限", "单位", "期限", "期限年份",
                 "适用范围", "可比指标", "可比指标名称", "归一化数值", "归一化上限", "可比单位", "换算", "页面"]


def target_table(corpus: Corpus, title: str, targets: list[Target]) -> Table:
    by_target, normalised = indicator_index(corpus), all_observations(corpus)
    rows = []
    for t in targets:
        doc = corpus.documents[t.record.doc_id]
        ind, obs = by_target.get(t.uid), normalised.get(t.uid)
        rows.append([t.uid, corpus.jurisdictions[doc.jurisdiction].name, doc.title, t.record.label or None,
                     vocabulary.TARGET_TYPES[t.type], t.span, vocabulary.COMPARATORS.get(t.comparator or ""), t.value, t.value_max,
                     t.unit, t.deadline, t.deadline_year, t.scope, ind.id if ind else None, ind.name if ind else None,
                     obs.value if obs else None, obs.value_max if obs else None, ind.unit if ind else None,
                     obs.conversion if obs else None, routes.target(t.record.doc_id, t.record.id, t.id)])
    return Table(title, TARGET_HEADER, rows, frozen_columns=1)


def target_files(corpus: Corpus) -> dict[str, bytes]:
    """``targets.csv`` (every target, type column) and ``targets.xlsx`` (requirements and findings apart)."""
    targets = sorted_targets(corpus)
    everything = target_table(corpus, "targets", targets)
    requirements = target_table(corpus, "目标与标准", [t for t in targets if t.type in REQUIREMENT_TYPES])
    findings = target_table(corpus, "实测", [t for t in targets if t.type not in REQUIREMENT_TYPES])
    return {routes.TARGETS_CSV: csv_bytes(everything),
            **workbooks(routes.TARGETS_XLSX, [requirements, findings], title="量化指标")}
