"""Machine-readable exports written to ``site/data/``.

Each exporter returns ``{relative path: bytes}``, or gives ``(path, bytes)`` pairs as they
are made where a corpus is too large to hold them all at once (``provisions``);
``EXPORTERS`` lists them and the data page documents each file from
``DATA_FILES``.  Output is deterministic: the same corpus gives byte-identical files.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import groupby
from pathlib import Path

from generator import routes
from generator.analysis import citations, precedents
from generator.analysis.topic_coverage import cached
from generator.chinese import batches, to_script_once, unmarked
from generator.content.model import Corpus, Document, Record, Target, as_data, schema_of
from generator.site import data_schemas, sheets, tabular

# Files of every record (``GZIPPED_PAST``) are published plain up to this many documents and
# gzipped past it: no page reads them, and at national scale (100,000 records) they are
# 270 and 58 MB plain, 40 and 8 gzipped, where a GitHub Pages site may hold 1 GB; units.json
# and targets.json (2.1 and 1.2 MB at 300 documents) gzip to a thirtieth and a thirteenth.
PLAIN_UP_TO = 50
GZIPPED_PAST = ("provisions.json", "precedents.json", "units.json", "targets.json")


def published_name(corpus: Corpus, name: str) -> str:
    """The name a whole-corpus file is published under for this corpus's size."""
    return f"{name}.gz" if name in GZIPPED_PAST and len(corpus.documents) > PLAIN_UP_TO else name


DATA_FILES: dict[str, str] = {
    "documents.json": "每件文件的元数据：标题、发文机关、文号、辖区与层级、文种、状态、日期、原文文件与文字、文件间关系、记录数。",
    "provisions.json": "每条记录：所属文件、辖区、层级、类型、层级路径、编号、标题、正文、责任单位（角色与依据）、"
                       "量化指标、主题、所引文件、原文行号、编者按、页面链接；"
                       "citation / citation_hant 为“复制引文”按钮复制的完整引文（简体 / 繁體页面），"
                       "quote / quote_hant 为引号内原文照录部分在其中的位置 [起, 止)（按 Unicode 码位计数，左闭右开；"
                       "引号内原有的双引号在引文中写作单引号，单引号写作双引号；原文有误处其后所加的“〔原文如此〕”也在其中），"
                       "citation_gbt / citation_gbt_hant 为所属文件的 GB/T 7714—2015 参考文献条目（两种字形相同：题名、责任者照原文），"
                       f"由 citations.csl.json 中该文件的条目按 GB/T 7714—2015 的官方 CSL 样式自动生成；联机条目中的“{citations.ACCESS_SLOT}”"
                       "为引用日期的位置，复制时由页面填入当天日期。"
                       f"文件多于 {PLAIN_UP_TO} 件时只发布其 gzip 压缩版 provisions.json.gz，解压后逐字节相同。",
    "provisions/<文件编号>.json.gz": "一件文件的全部记录，字段与 provisions.json 相同，gzip 压缩；文件页的“复制引文”和“摘录”读取此文件。"
                                  "另有 precedents：文件页“相似条款”所列的其他文件中最相近的条款（按相近度排序），每项为页面链接 url、"
                                  "简体与繁体的名称 name / name_hant（辖区、年份与条款编号）、相近度 coverage（与 precedents.json 中的相同）及共用措辞的字数 shared_chars；"
                                  "文件页在读者展开“相似条款”时读取。",
    routes.CITATIONS_FILE: "每件文件一个 CSL-JSON 条目（id 为文件编号），供 Zotero 等文献管理软件导入：责任者（每个发文机关一项，照原文）、"
                          "题名（照原文，不转换字形）、文号、日期（印发、成文或发布日期）、出版者（本站）与本站文件页地址（本地预览等没有固定地址的版本不填）；"
                          "新闻报道以报纸为来源。provisions.json 中的 GB/T 7714 条目即由此生成。",
    routes.TOPICS_DATA: "主题分类、每条记录的主题映射（及未映射的理由）、记录间关系（equal / subset / superset / intersects）。",
    "units.json": "职能分类与责任单位，及每个单位牵头或参与的记录。"
                  f"文件多于 {PLAIN_UP_TO} 件时只发布其 gzip 压缩版 units.json.gz。",
    "targets.json": "每项量化指标：原文片段、数值、比较符、单位、期限、适用范围、编者说明（数值、单位或期限与原文字面不同的理由），及其归一化到的可比指标。"
                    f"文件多于 {PLAIN_UP_TO} 件时只发布其 gzip 压缩版 targets.json.gz。",
    routes.TOPIC_COVERAGE_CSV: "主题覆盖矩阵：每行一个主题（主题、名称、上级、层级深度），每列一个辖区（列名“名称(id)”，全国 → 省 → 市 → 县），"
                          "格中为该辖区文件涉及该主题或其下级主题的记录数；库中无该辖区原文时留空。UTF-8（带 BOM，便于 Excel 打开）。",
    routes.MATRICES_WORKBOOK: "全部任务分工矩阵，每件文件一个工作表（表名为辖区与《文件标题》，超过 31 字的截短并以“…”结尾；表的第一行为全称），另附“说明”表。行为写明责任单位的记录（编号、标题、类型、所属部分、"
                     "是否以“等”结尾），列为责任单位（按牵头次数、出现次数排列），格中为“牵头”“牵头(推定)”（原文未写明牵头，按列举顺序或按原文所责成的主体推定）"
                     "或“参与”，末列为原文责任单位、记录编号和页面地址。单件文件的矩阵另见 matrices/<文件编号>.csv 与 .xlsx，由各矩阵页链接。"
                     f"文件多于 {sheets.WORKBOOK_EACH_UP_TO} 件时不生成本文件和单件 .xlsx，改为每个省份（连同其下市、县）一个工作簿 matrices/region-<省份编号>.xlsx，"
                     "每件文件一个工作表；单件 .csv 照常生成。"
                     "本文件和以下各 .xlsx 另有繁体版，位于 data/zh-Hant/ 下同名（工作表名与文字转为繁体），由繁体页面链接。",
    routes.FUNCTION_TOPIC_CSV: "职能 × 主题：每行一类职能，每列一个主题（列名“名称(id)”），格中为把该主题任务交给该职能单位的辖区，"
                          "“(牵头)”表示由其牵头；只计已标注主题的记录。UTF-8（带 BOM）。同内容的 XLSX：function-topic.xlsx。",
    routes.FUNCTION_TOPIC_XLSX: "同 function-topic.csv，另附“说明”表；表头冻结。",
    routes.TARGETS_CSV: "全部量化指标一表：编号、辖区、文件、条目、类型（目标 / 标准 / 实测）、原文、比较符、数值、上限、单位、期限、适用范围，"
                   "及可比指标、归一化数值、可比单位和换算说明。UTF-8（带 BOM）。",
    routes.TARGETS_XLSX: "同 targets.csv，要求（目标与标准）与实测分为两个工作表。",
    "precedents.json": "每条记录在其他文件中最相近的条款（至多 5 条，按相近度从高到低；与起草助手同一算法，见“相近度规范”页）："
                       "对方记录编号 record、相近度 coverage（本条按权重计被两条共同字句覆盖的比例，页面显示的百分比即此值）、"
                       "分数 score（长字串另有加分）、计入的最长共同字串的字数 longest，"
                       "及对方原文中与本条共用的措辞（计入相近度的共同字串）所在位置 shared：对方“标题。正文”（provisions.json 中的 title 与 text 以“。”相连，"
                       "无标题时即正文）中每段共用措辞的起止字符位置 [起, 止)，按 Unicode 码位计数，左闭右开。无相近条款的记录不列出。"
                       f"文件多于 {PLAIN_UP_TO} 件时只发布其 gzip 压缩版 precedents.json.gz。",
}


def listed(corpus: Corpus) -> list[tuple[str, str, str | None, str | None]]:
    """The data page's rows: each file, what it holds, the name to link to (none for a
    pattern, or for a file this corpus's size does not write), and its JSON Schema's."""
    unwritten = {routes.MATRICES_WORKBOOK} if sheets.by_region(corpus) else set()
    described = data_schemas.schemas()
    return [(name, text, None if "<" in name or name in unwritten else published_name(corpus, name),
             data_schemas.schema_name(name) if name in described else None)
            for name, text in DATA_FILES.items()]


# Compact items: json's C encoder, which an ``indent`` turns off (ten times slower).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(data) -> bytes:
    """JSON with a record a line: a list one item a line, a dict of lists a section at a time.

    A line per record keeps the big files readable and their changes diffable.
    """
    return (_layout(data, 2 if isinstance(data, dict) else 1) + "\n").encode("utf-8")


def _layout(value, depth: int) -> str:
    """``value`` with its outer ``depth`` levels one item a line, anything deeper compact."""
    if depth == 0 or not value or not isinstance(value, (list, dict)):
        return _ENCODER.encode(value)
    if isinstance(value, list):
        items = [_layout(v, depth - 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n]"
    items = [f"{_ENCODER.encode(k)}:{_layout(v, depth - 1)}" for k, v in value.items()]
    return "{\n" + ",\n".join(items) + "\n}"


def documents(corpus: Corpus) -> dict:
    return {"documents.json": dumps([document_row(corpus, doc) for doc in corpus.sorted_documents()])}


def document_row(corpus: Corpus, doc: Document) -> dict:
    j = corpus.jurisdictions[doc.jurisdiction]
    return {**declared_row(doc, {
        "jurisdiction": {"jurisdiction": j.id, "jurisdiction_name": j.name, "level": j.level},
        "dates": {"dates": doc.dates, "has_text": doc.has_text},
        # Where the text is and its script; the page it was scraped from is named on the
        # document's page, and the source's line bookkeeping is for `check`.
        "source": {"source": as_data(doc.source, ("file", "script", "body")) if doc.source else None},
        "notes": {},  # editor's notes are read on the document's page
        "records": {"records": sum(1 for _ in doc.walk())},  # provisions.json has the records
    }), "url": routes.document(doc.id)}


def declared_row(item, instead: dict[str, dict]) -> dict:
    """Every field ``item``'s schema declares, in its order, so a new field is exported as it
    is declared; a field named in ``instead`` is written as given there, in its place."""
    values = as_data(item, tuple(f.name for f in schema_of(item).fields if f.name not in instead))
    row: dict = {}
    for f in schema_of(item).fields:
        row.update(instead[f.name] if f.name in instead else {f.name: values[f.name]})
    return row


def provision(corpus: Corpus, r: Record) -> dict:
    doc = corpus.documents[r.doc_id]
    j = corpus.jurisdictions[doc.jurisdiction]
    resp = r.responsibility
    return {**declared_row(r, {
        "id": {"id": r.uid, "document": r.doc_id, "jurisdiction": j.id, "level": j.level},
        "kind": {"kind": r.kind, "path": [a.id for a in r.ancestors], "label": r.label},
        "lines": {"source": {"file": doc.source.file, "lines": list(r.lines)} if doc.source else None},
        "responsibility": {
            "units": [{"unit": u.unit, "name": corpus.units[u.unit].name if u.unit in corpus.units else None,
                       "role": u.role, "basis": u.basis, "named": u.named} for u in resp.units] if resp else [],
            "units_raw": resp.raw if resp else None, "units_etc": resp.etc if resp else False},
        "targets": {"targets": [t.uid for t in r.targets], "topics": corpus.mappings.get(r.uid, [])},
        "notes": {"notes": [{"type": n.type, "text": unmarked(n.text), "span": n.span} for n in r.notes]},
        "children": {},  # ``path`` places a record in its hierarchy
    }), "url": routes.record(r.doc_id, r.id)}


# Records whose precedents as shown are kept between two releases (``precedents.release``):
# enough for a clause copied into neighbouring documents to be marked once, few enough that
# the cache stays small at national scale (it held all 100,000 records' before).
RELEASE_EVERY = 2_000


def provisions(corpus: Corpus) -> Iterator[tuple[str, bytes]]:
    """Each document's records in a gzipped file of its own (its page's 复制引文 and 摘录
    read it; gzip makes them a sixth of their size, and at national scale they would be
    more than a quarter of the site), then every record in one file, plain or gzipped by
    the corpus's size, then ``precedents.json``: one pass, each row made once, and each
    record's precedents shown once for both its panel's links and precedents.json."""
    name = published_name(corpus, "provisions.json")
    whole = _ListFile(gzipped=name != "provisions.json")
    listed = _PrecedentLinks(corpus)
    alongside = _PrecedentsFile(corpus)
    seen: set[str] = set()
    passed = 0
    for doc_id, rows in groupby(_rows(corpus), key=lambda row: row["document"]):
        if doc_id in seen:   # its file would be written twice, the second over the first
            raise ValueError(f"the records of {doc_id} are not together in the corpus")
        seen.add(doc_id)
        one = _ListFile(gzipped=True)
        for row in rows:
            line = _ENCODER.encode(row).encode("utf-8")
            whole.add(line)
            # The row's last field, written into the encoded row rather than encoding it twice.
            one.add(line[:-1] + b',"precedents":' + _ENCODER.encode(listed(row["id"])).encode("utf-8") + b"}")
            alongside.reached(row["id"])
            passed += 1
        yield routes.provisions_file(doc_id), one.close()
        if passed >= RELEASE_EVERY:
            precedents.release(corpus)
            passed = 0
    yield name, whole.close()
    yield alongside.name, alongside.close()
    # The precedents as shown are made again by a page that asks for them (a small corpus's):
    # their memory goes to the exports after this and to the search index.
    precedents.release(corpus)


class _PrecedentLinks:
    """Each record's precedents as its page's 相似条款 panel lists them, for its document's own
    file: the page holds the panel's heading only, and reads the list when a reader opens it
    (at national scale the links were a sixth of every document page, in both scripts).  Each
    name in both scripts; a jurisdiction's name and a label are converted once."""

    def __init__(self, corpus: Corpus):
        self._corpus = corpus
        self._in_hant = to_script_once("hant")

    def __call__(self, uid: str) -> list[dict]:
        out = []
        for p in precedents.shown(self._corpus, self._corpus.records[uid]).listed:
            year = f" {p.doc.year}" if p.doc.year else ""
            label = p.record.label or ""
            out.append({"url": routes.record(p.doc.id, p.record.id),
                        "name": f"{p.jurisdiction.name}{year} {label}",
                        "name_hant": f"{self._in_hant(p.jurisdiction.name)}{year} {self._in_hant(label)}",
                        "coverage": p.coverage, "shared_chars": p.shared_chars})
        return out


def _rows(corpus: Corpus) -> Iterator[dict]:
    """Every record's row, in the order of ``corpus.records`` (a document's records together),
    made a batch at a time; a batch spans documents, since a conversion call per document
    would cost more than the conversion."""
    for batch in batches(list(corpus.records.values())):
        yield from _finished(corpus, batch)


_SCRIPT_SUFFIXES = (("hans", ""), ("hant", "_hant"))


def _finished(corpus: Corpus, batch: Sequence[Record]) -> list[dict]:
    """Rows of ``batch`` with the citations 复制引文 copies in each script and where each
    citation's quote sits; each form converted for the batch at once (OpenCC costs far more
    a call than a character)."""
    rows = [provision(corpus, r) for r in batch]
    made = [citations.of(corpus, r) for r in batch]
    heads = [citations.head_marked(corpus, r) for r in batch]
    for script_name, suffix in _SCRIPT_SUFFIXES:
        for row, text, m in zip(rows, citations.finish_all([m.marked for m in made], script_name), made):
            row["citation" + suffix] = text
            row["citation_gbt" + suffix] = m.gbt(script_name)
    for script_name, suffix in _SCRIPT_SUFFIXES:
        cites = [row["citation" + suffix] for row in rows]
        spans = citations.quote_spans(citations.finish_all(heads, script_name), cites)
        for row, span in zip(rows, spans):
            row["quote" + suffix] = span
    return rows


def citations_csl(corpus: Corpus) -> dict:
    """Each document as a CSL-JSON item (id = document id), from which its GB/T entry is rendered."""
    return {routes.CITATIONS_FILE: dumps(citations.csl_items(corpus))}


def schemas(corpus: Corpus) -> dict:
    """The JSON Schema of each JSON data file, under ``data/schema/``."""
    return data_schemas.written()


def topics(corpus: Corpus) -> dict:
    return {routes.TOPICS_DATA: dumps({
        "topics": [as_data(t) for t in corpus.topics.values()],
        "mappings": corpus.mappings,
        "unmapped": corpus.unmapped,
        "relations": [as_data(r) for r in corpus.relations],
    })}


def units_json(corpus: Corpus) -> dict:
    duties: dict[str, list[dict]] = {}
    for r in corpus.records.values():
        for ref in (r.responsibility.units if r.responsibility else []):
            duties.setdefault(ref.unit, []).append({"record": r.uid, "role": ref.role, "basis": ref.basis,
                                                    "named": ref.named})
    return _published(corpus, "units.json", dumps({
        "functions": [as_data(f) for f in corpus.functions.values()],
        "units": [{**as_data(u), "records": duties.get(u.id, [])} for u in corpus.units.values()],
    }))


def indicator_of(corpus: Corpus) -> dict[str, tuple[str, float, str | None]]:
    """Target uid → (indicator id, factor, conversion)."""
    return {o.target: (i.id, o.factor, o.conversion) for i in corpus.indicators.values() for o in i.observations}


def target_row(corpus: Corpus, t: Target, normalised: dict) -> dict:
    doc = corpus.documents[t.record.doc_id]
    indicator, factor, conversion = normalised.get(t.uid, (None, None, None))
    return {**declared_row(t, {"id": {"id": t.uid, "record": t.record.uid, "document": doc.id,
                                      "jurisdiction": doc.jurisdiction}}),
            "indicator": indicator,
            "normalised_value": round(t.value * factor, 9) if indicator and t.value is not None else None,
            "conversion": conversion}


def targets(corpus: Corpus) -> dict:
    normalised = indicator_of(corpus)
    return _published(corpus, "targets.json", dumps([target_row(corpus, t, normalised) for t in corpus.targets.values()]))


def _published(corpus: Corpus, name: str, data: bytes) -> dict[str, bytes]:
    """``name`` plain, or gzipped (no time in the header: the same bytes for the same corpus)
    under the name ``published_name`` gives."""
    published = published_name(corpus, name)
    return {published: data if published == name else gzip.compress(data, mtime=0)}


def topic_coverage(corpus: Corpus) -> dict:
    """Topics × jurisdictions: records addressing each topic's branch; empty where there is no text."""
    cov = cached(corpus)   # made once, by the topic pages or here
    out = io.StringIO()
    writer = tabular.SafeCsvWriter(out)
    writer.writerow(["topic", "name", "parent", "depth"]
                    + [f"{c.jurisdiction.name}({c.jurisdiction.id})" for c in cov.columns])
    for node in cov.tree:
        counts = [cov.count(node.topic.id, c.jurisdiction.id) for c in cov.columns]
        writer.writerow([node.topic.id, node.topic.name, node.topic.parent or "", node.depth,
                         *("" if n is None else n for n in counts)])

    # The BOM lets Excel, which officials open CSV files with, detect UTF-8.
    return {routes.TOPIC_COVERAGE_CSV: ("\ufeff" + out.getvalue()).encode("utf-8")}


def tables(corpus: Corpus) -> dict:
    """CSV + XLSX: responsibility matrices, functions × topics, targets (``sheets``)."""
    return sheets.tables(corpus)


class _PrecedentsFile:
    """``precedents.json``, plain or gzipped by the corpus's size, in the order of
    ``precedents.export``, each row written as soon as ``provisions`` reaches its record: the
    two orders are the records', so a record's precedents are shown (marked) once for both
    files and can be released as the pass goes on.  A row whose record has passed out of
    turn waits for its turn; whatever is left is written at the end."""

    def __init__(self, corpus: Corpus):
        self.name = published_name(corpus, "precedents.json")
        self._out = _ListFile(gzipped=self.name != "precedents.json")
        self._rows = precedents.export(corpus)
        self._listed = precedents.precedents(corpus)   # the records with a row
        self._next: dict | None = None
        self._passed: set[str] = set()   # records reached whose row is not yet written
        self._advance()

    def reached(self, uid: str) -> None:
        if uid in self._listed:
            self._passed.add(uid)
            self._write_due()

    def _write_due(self) -> None:
        while self._next is not None and self._next["record"] in self._passed:
            self._passed.discard(self._next["record"])
            self._write()

    def close(self) -> bytes:
        while self._next is not None:
            self._write()
        return self._out.close()

    def _write(self) -> None:
        self._out.add(_ENCODER.encode(self._next).encode("utf-8"))
        self._advance()

    def _advance(self) -> None:
        self._next = next(self._rows, None)


class _ListFile:
    """The bytes ``dumps`` gives for a list, made an item (an encoded line) at a time, plain or
    gzipped with no name or time in the header (the same bytes for the same corpus)."""

    def __init__(self, gzipped: bool):
        self._out = io.BytesIO()
        self._sink = (gzip.GzipFile(fileobj=self._out, mode="wb", compresslevel=9, mtime=0, filename="")
                      if gzipped else self._out)
        self._first = True

    def add(self, line: bytes) -> None:
        self._sink.write((b"[\n" if self._first else b",\n") + line)
        self._first = False

    def close(self) -> bytes:
        self._sink.write(b"[]\n" if self._first else b"\n]\n")
        if self._sink is not self._out:
            self._sink.close()
        return self._out.getvalue()


EXPORTERS: list[Callable[[Corpus], dict | Iterable[tuple[str, bytes]]]] = [
    documents, provisions, citations_csl, schemas, topics, units_json, targets, topic_coverage, tables]


def write_all(corpus: Corpus, out_dir: Path) -> list[Path]:
    written = []
    for exporter in EXPORTERS:
        made = exporter(corpus)
        for name, payload in (made.items() if isinstance(made, dict) else made):
            path = out_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(payload)
            written.append(path)
    return written
