"""Machine-readable exports written to ``site/data/``.

Each exporter returns ``{relative path: bytes}``; ``EXPORTERS`` lists them and the data
page documents each file from ``DATA_FILES``.  Output is deterministic: the same corpus
gives byte-identical files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from .model import Corpus, Record, Target

DATA_FILES: dict[str, str] = {
    "documents.json": "每件文件的元数据:标题、发文机关、文号、辖区与层级、文种、状态、日期、原文文件与文字、文件间关系、记录数。",
    "provisions.json": "每条记录:所属文件、辖区、层级、类型、层级路径、编号、标题、正文、责任单位(角色与依据)、"
                       "量化指标、主题、所引文件、原文行号、编者按、页面链接。",
    "topics.json": "主题分类、每条记录的主题映射(及未映射的理由)、记录间关系(equal / subset / superset / intersects)。",
    "units.json": "职能分类与责任单位,及每个单位牵头或参与的记录。",
    "targets.json": "每项量化指标:原文片段、数值、比较符、单位、期限、适用范围,及其归一化到的可比指标。",
}


def dumps(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def documents(corpus: Corpus) -> dict:
    out = []
    for doc in corpus.sorted_documents():
        j = corpus.jurisdictions[doc.jurisdiction]
        out.append({
            "id": doc.id, "title": doc.title, "full_title": doc.full_title, "jurisdiction": j.id,
            "jurisdiction_name": j.name, "level": j.level, "issuers": doc.issuers, "number": doc.number,
            "genre": doc.genre, "status": doc.status, "year": doc.year, "dates": doc.dates,
            "has_text": doc.has_text,
            "source": {"file": doc.source.file, "script": doc.source.script, "body": list(doc.source.body)}
            if doc.source else None,
            "links": [{"type": lk.type, "document": lk.document, "as_cited": lk.as_cited} for lk in doc.links],
            "records": sum(1 for _ in doc.walk()),
            "url": f"documents/{doc.id}/",
        })
    return {"documents.json": dumps(out)}


def provision(corpus: Corpus, r: Record) -> dict:
    doc = corpus.documents[r.doc_id]
    j = corpus.jurisdictions[doc.jurisdiction]
    resp = r.responsibility
    return {
        "id": r.uid, "document": r.doc_id, "jurisdiction": j.id, "level": j.level, "kind": r.kind,
        "path": [a.id for a in r.ancestors], "label": r.label, "number": r.number, "title": r.title,
        "text": r.text,
        "units": [{"unit": u.unit, "name": corpus.units[u.unit].name if u.unit in corpus.units else None,
                   "role": u.role, "basis": u.basis} for u in resp.units] if resp else [],
        "units_raw": resp.raw if resp else None, "units_etc": resp.etc if resp else False,
        "targets": [t.uid for t in r.targets],
        "topics": corpus.mappings.get(r.uid, []),
        "cites": r.cites,
        "source": {"file": doc.source.file, "lines": list(r.lines)} if doc.source else None,
        "notes": [{"type": n.type, "text": n.text, "span": n.span} for n in r.notes],
        "url": f"documents/{r.doc_id}/#{r.id}",
    }


def provisions(corpus: Corpus) -> dict:
    return {"provisions.json": dumps([provision(corpus, r) for r in corpus.records.values()])}


def topics(corpus: Corpus) -> dict:
    return {"topics.json": dumps({
        "topics": [{"id": t.id, "name": t.name, "scope": t.scope, "parent": t.parent} for t in corpus.topics.values()],
        "mappings": corpus.mappings,
        "unmapped": corpus.unmapped,
        "relations": [{"source": r.source, "target": r.target, "type": r.type, "rationale": r.rationale}
                      for r in corpus.relations],
    })}


def units(corpus: Corpus) -> dict:
    duties: dict[str, list[dict]] = {}
    for r in corpus.records.values():
        for ref in (r.responsibility.units if r.responsibility else []):
            duties.setdefault(ref.unit, []).append({"record": r.uid, "role": ref.role, "basis": ref.basis})
    return {"units.json": dumps({
        "functions": [{"id": f.id, "name": f.name} for f in corpus.functions.values()],
        "units": [{"id": u.id, "name": u.name, "jurisdiction": u.jurisdiction, "type": u.type,
                   "function": u.function, "aliases": u.aliases, "collective": u.collective,
                   "records": duties.get(u.id, [])} for u in corpus.units.values()],
    })}


def indicator_of(corpus: Corpus) -> dict[str, tuple[str, float, str | None]]:
    """Target uid → (indicator id, factor, conversion)."""
    return {o.target: (i.id, o.factor, o.conversion) for i in corpus.indicators.values() for o in i.observations}


def target_row(corpus: Corpus, t: Target, normalised: dict) -> dict:
    doc = corpus.documents[t.record.doc_id]
    indicator, factor, conversion = normalised.get(t.uid, (None, None, None))
    return {
        "id": t.uid, "record": t.record.uid, "document": doc.id, "jurisdiction": doc.jurisdiction,
        "type": t.type, "span": t.span, "value": t.value, "value_max": t.value_max, "comparator": t.comparator,
        "unit": t.unit, "deadline": t.deadline, "deadline_year": t.deadline_year, "scope": t.scope,
        "indicator": indicator,
        "normalised_value": t.value * factor if indicator and t.value is not None else None,
        "conversion": conversion,
    }


def targets(corpus: Corpus) -> dict:
    normalised = indicator_of(corpus)
    return {"targets.json": dumps([target_row(corpus, t, normalised) for t in corpus.targets.values()])}


EXPORTERS: list[Callable[[Corpus], dict]] = [documents, provisions, topics, units, targets]


def write_all(corpus: Corpus, out_dir: Path) -> list[Path]:
    written = []
    for exporter in EXPORTERS:
        for name, payload in exporter(corpus).items():
            path = out_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(payload)
            written.append(path)
    return written
