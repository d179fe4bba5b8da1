"""JSON Schemas (draft 2020-12) of the JSON files under ``data/``, published at ``data/schema/``.

A row's fields come from the content schema (``generator.content.schema``), where each is
declared once, and the fields an export writes instead of or besides them (``exports``:
``document_row``, ``provision``, ``target_row``) are declared here, next to the rows they
describe.  A test validates every data file the build writes against its schema.
"""

from __future__ import annotations

import json

from generator import routes
from generator.content import schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schema"   # under data/

_SCALARS = {"str": "string", "id": "string", "int": "integer", "number": "number", "bool": "boolean"}
_STRING = {"type": "string"}
_STRINGS = {"type": "array", "items": _STRING}
_SPAN = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
_COVERAGE = {"type": "number", "minimum": 0, "maximum": 1}   # a 相近度 (docs/closeness.md §4)
_LINES = {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 2, "maxItems": 2}


def _nullable(value: dict) -> dict:
    """An optional field: exported as null where the content leaves it out."""
    kind = value.get("type")
    if "enum" in value:
        value = {**value, "enum": [*value["enum"], None]}
    if isinstance(kind, str):
        return {**value, "type": [kind, "null"]}
    return {"anyOf": [value, {"type": "null"}]}


def _field(obj: schema.Object, name: str) -> dict:
    """The JSON value of ``obj``'s field ``name``, which the schema must declare."""
    f = obj.field(name)
    if f is None:
        raise KeyError(f"schema {obj.name} declares no field {name}")
    return field_schema(f)


def field_schema(f: schema.Field) -> dict:
    """A content field's JSON value, as ``model.as_data`` writes it."""
    value = _of_type(f.type)
    if f.choices:
        value = {**value, "enum": list(f.choices)}
    if f.doc:
        value = {**value, "description": f.doc}
    return value if f.required or f.type.startswith("list[") else _nullable(value)


def _of_type(kind: str) -> dict:
    if kind.startswith("list["):
        return {"type": "array", "items": _of_type(kind[5:-1])}
    if kind.startswith("ref:"):
        return _STRING
    if kind == "date":   # YYYY, YYYY-MM or YYYY-MM-DD as a source gives it
        return {"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}){0,2}$"}
    if kind == "lines":
        return _LINES
    if kind in _SCALARS:
        return {"type": _SCALARS[kind]}
    return object_schema(schema.OBJECTS[kind])


def object_schema(obj: schema.Object, instead: dict[str, dict] | None = None, more: dict | None = None) -> dict:
    """``obj``'s fields as ``exports.declared_row`` writes them: a field named in ``instead``
    is replaced by the properties given there (none: left out); ``more`` adds properties."""
    instead = instead or {}
    props: dict = {}
    for f in obj.fields:
        props.update(instead[f.name] if f.name in instead else {f.name: field_schema(f)})
    props.update(more or {})
    return {"type": "object", "description": obj.doc, "properties": props,
            "required": list(props), "additionalProperties": False}


def _rows(item: dict, title: str) -> dict:
    return {"$schema": DIALECT, "title": title, "type": "array", "items": item}


def _documents() -> dict:
    source = object_schema(schema.SOURCE, {f.name: {} for f in schema.SOURCE.fields
                                            if f.name not in ("file", "script", "body")})
    return _rows(object_schema(schema.DOCUMENT, {
        "jurisdiction": {"jurisdiction": _STRING, "jurisdiction_name": _STRING, "level": _STRING},
        "dates": {"dates": object_schema(schema.DATES) | {"required": []}, "has_text": {"type": "boolean"}},
        "source": {"source": _nullable(source)},
        "notes": {},
        "records": {"records": {"type": "integer", "minimum": 0}},
    }, {"url": _STRING}), "documents.json")


def _provision() -> dict:
    unit = {"type": "object", "required": ["unit", "name", "role", "basis", "named"], "additionalProperties": False,
            "properties": {"unit": _STRING, "name": _nullable(_STRING),
                           "role": _field(schema.UNIT_REF, "role"),
                           "basis": _field(schema.UNIT_REF, "basis"),
                           "named": _field(schema.UNIT_REF, "named")}}
    note = object_schema(schema.NOTE)
    scripts = {f"{name}{suffix}": kind for suffix in ("", "_hant")
               for name, kind in (("citation", _STRING), ("citation_gbt", _STRING), ("quote", _SPAN))}
    return object_schema(schema.RECORD, {
        "id": {"id": _STRING, "document": _STRING, "jurisdiction": _STRING, "level": _STRING},
        "kind": {"kind": _field(schema.RECORD, "kind"), "path": _STRINGS, "label": _nullable(_STRING)},
        "lines": {"source": _nullable({"type": "object", "required": ["file", "lines"], "additionalProperties": False,
                                       "properties": {"file": _STRING, "lines": _LINES}})},
        "responsibility": {"units": {"type": "array", "items": unit}, "units_raw": _nullable(_STRING),
                           "units_etc": {"type": "boolean"}},
        "targets": {"targets": _STRINGS, "topics": _STRINGS},
        "notes": {"notes": {"type": "array", "items": note}},
        "children": {},
    }, {"url": _STRING, **scripts})


def _with_precedents(provision: dict) -> dict:
    """A row of a document's own file: a row of provisions.json and the links of its 相似条款
    panel (``exports._PrecedentLinks``)."""
    link = {"type": "object", "required": ["url", "name", "name_hant", "coverage", "shared_chars"],
            "additionalProperties": False,
            "properties": {"url": _STRING, "name": _STRING, "name_hant": _STRING, "coverage": _COVERAGE,
                           "shared_chars": {"type": "integer"}}}
    return {**provision, "required": [*provision["required"], "precedents"],
            "properties": {**provision["properties"], "precedents": {"type": "array", "items": link}}}


def _csl_item() -> dict:
    date = {"type": "object", "required": ["date-parts"], "properties": {"date-parts": {
        "type": "array", "minItems": 1, "maxItems": 1,
        "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer"}}}}}
    return {"type": "object", "required": ["id", "type", "title"], "additionalProperties": False, "properties": {
        "id": _STRING, "type": {"enum": ["webpage", "report", "article-newspaper"]}, "title": _STRING,
        "author": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["literal"], "additionalProperties": False, "properties": {"literal": _STRING}}},
        "number": _STRING, "issued": date, "publisher": _STRING, "container-title": _STRING,
        # Absolute or absent: a build that does not know its address (site_url) writes none.
        "URL": {"type": "string", "pattern": "^https?://"},
        "language": {"enum": ["zh-Hans", "zh-Hant"]}}}


def _target() -> dict:
    return object_schema(schema.TARGET, {"id": {"id": _STRING, "record": _STRING, "document": _STRING,
                                                 "jurisdiction": _STRING}},
                         {"indicator": _nullable(_STRING), "normalised_value": _nullable({"type": "number"}),
                          "conversion": _nullable(_STRING)})


def _precedents() -> dict:
    # The figures of docs/closeness.md §4: the 相近度 shown (0.13–1), the score with its long-run bonus.
    match = {"type": "object", "additionalProperties": False,
             "required": ["record", "coverage", "score", "longest", "shared"],
             "properties": {"record": _STRING, "coverage": _COVERAGE,
                            "score": {"type": "number", "minimum": 0}, "longest": {"type": "integer", "minimum": 2},
                            "shared": {"type": "array", "minItems": 1, "items": _SPAN}}}
    return _rows({"type": "object", "required": ["record", "precedents"], "additionalProperties": False,
                  "properties": {"record": _STRING, "precedents": {"type": "array", "maxItems": 5, "items": match}}},
                 "precedents.json")


def _topics() -> dict:
    return {"$schema": DIALECT, "title": "topics.json", "type": "object", "additionalProperties": False,
            "required": ["topics", "mappings", "unmapped", "relations"], "properties": {
                "topics": {"type": "array", "items": object_schema(schema.TOPIC)},
                "mappings": {"type": "object", "additionalProperties": _STRINGS},
                "unmapped": {"type": "object", "additionalProperties": _STRING},
                "relations": {"type": "array", "items": object_schema(schema.RELATION)}}}


def _units() -> dict:
    duty = {"type": "object", "required": ["record", "role", "basis", "named"], "additionalProperties": False,
            "properties": {"record": _STRING, "role": _field(schema.UNIT_REF, "role"),
                           "basis": _field(schema.UNIT_REF, "basis"),
                           "named": _field(schema.UNIT_REF, "named")}}
    return {"$schema": DIALECT, "title": "units.json", "type": "object", "additionalProperties": False,
            "required": ["functions", "units"], "properties": {
                "functions": {"type": "array", "items": object_schema(schema.FUNCTION)},
                "units": {"type": "array", "items": object_schema(
                    schema.UNIT, more={"records": {"type": "array", "items": duty}})}}}


def schemas() -> dict[str, dict]:
    """Data file name (as ``exports.DATA_FILES`` names it) → its schema."""
    provision = _provision()
    return {
        "documents.json": _documents(),
        "provisions.json": _rows(provision, "provisions.json"),
        "provisions/<文件编号>.json.gz": _rows(_with_precedents(provision), "provisions/<文件编号>.json.gz"),
        routes.CITATIONS_FILE: _rows(_csl_item(), routes.CITATIONS_FILE),
        "topics.json": _topics(),
        "units.json": _units(),
        "targets.json": _rows(_target(), "targets.json"),
        "precedents.json": _precedents(),
    }


def schema_name(data_file: str) -> str:
    """Where a data file's schema is published, under ``data/``."""
    stem = data_file.split("/")[0].removesuffix(".json").removesuffix(".gz").removesuffix(".json")
    stem = "provisions-per-document" if "/" in data_file else stem
    return f"{SCHEMA_DIR}/{stem}.schema.json"


def written() -> dict[str, bytes]:
    return {schema_name(name): (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
            for name, value in schemas().items()}
