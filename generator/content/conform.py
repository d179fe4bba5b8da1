"""Checking parsed YAML against the schema.

``conform`` reports every unknown or missing field, wrong type, bad choice and invalid
date, each at its own position, and returns only the values that passed, so the model
can be built from the rest and later checks still run: one pass lists all problems.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.content import schema
from generator.content.names import field_problems as name_problems
from generator.content.yamlfile import MarkedDict, MarkedList, Pos, Problem

# Matched with fullmatch: ``$`` after ``match`` also matches before a final newline, so
# "r1\n" would pass beside "r1" and give two folders and anchors no browser tells apart.
ID = re.compile(r"[a-z0-9][a-z0-9-]*")
RECORD_REF = re.compile(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*")
TARGET_REF = re.compile(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*")
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

_MISSING = object()


def _type_name(value) -> str:
    for kind, name in ((bool, "true/false"), (dict, "a mapping"), (list, "a list"), (str, "text"),
                       (int, "a whole number"), (float, "a number")):
        if isinstance(value, kind):
            return name
    return "nothing" if value is None else type(value).__name__


def _scalar(kind: str, value, pos: Pos, where: str, problems: list[Problem]):
    """Check one scalar of type ``kind``; return the value or ``_MISSING``."""
    def bad(expected: str):
        problems.append(pos.problem(f"{where}: expected {expected}, got {_type_name(value)} {value!r}"))
        return _MISSING

    if isinstance(value, (dict, list)) and kind != "lines":
        # Text that a hand edit left unquoted: `牵头单位: 市民政局` is a mapping to YAML.
        problems.append(pos.problem(
            f"{where}: expected text, got {_type_name(value)} {_as_written(value)}; quote this value: "
            "YAML reads an unquoted ': ' as a key and its value, and [ ] as a list"))
        return _MISSING
    if kind == "str":
        if not isinstance(value, str) or not value.strip():
            return bad("non-empty text")
        return value
    if kind == "int":
        return value if isinstance(value, int) and not isinstance(value, bool) else bad("a whole number")
    if kind == "number":
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else bad("a number")
    if kind == "bool":
        return value if isinstance(value, bool) else bad("true or false")
    if kind == "id":
        return value if isinstance(value, str) and ID.fullmatch(value) else bad("an id (lower-case letters, digits, '-')")
    if kind == "date":
        text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        match = DATE.fullmatch(text) if text else None
        if not match:
            return bad("a date YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            dt.date(year, month, day)
        except ValueError:
            problems.append(pos.problem(f"{where}: invalid date {text!r}"))
            return _MISSING
        return text
    if kind == "lines":
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value)):
            return bad("[first, last] line numbers")
        if value[0] > value[1]:
            problems.append(pos.problem(f"{where}: first line {value[0]} is after last line {value[1]}"))
            return _MISSING
        return (value[0], value[1])
    if kind.startswith("ref:"):
        registry = kind[4:]
        pattern = {"record": RECORD_REF, "target": TARGET_REF}.get(registry, ID)
        if not isinstance(value, str) or not pattern.fullmatch(value):
            form = {"record": "'<doc-id>/<record-id>'", "target": "'<doc-id>/<record-id>#<target-id>'"}
            return bad(f"a {registry} id {form.get(registry, '')}".rstrip())
        return value
    raise AssertionError(f"unknown schema type {kind}")


def conform(obj: schema.Object, value, pos: Pos, where: str, problems: list[Problem]):
    """Check a mapping against ``obj``; return a plain dict of the valid fields, or None."""
    if not isinstance(value, dict):
        problems.append(pos.problem(f"{where}: expected a mapping ({obj.name}), got {_type_name(value)}"))
        return None
    out: dict = {"_pos": getattr(value, "pos", pos), "_at": dict(getattr(value, "key_pos", {}))}
    names = _field_names(obj)
    keys = list(value)
    for i, key in enumerate(keys):
        if key not in names:
            key_pos = value.pos_of(key) if isinstance(value, MarkedDict) else pos
            if i and (value[key] is None or not str(key).isascii()):
                problems.append(key_pos.problem(_cut_off(where, obj, key, keys[i - 1])))
                continue
            allowed = ", ".join(f.name for f in obj.fields)
            problems.append(key_pos.problem(f"{where}: unknown field '{key}' in {obj.name} (allowed: {allowed})"))
    for f in obj.fields:
        raw = value.get(f.name)
        if raw is None:
            if f.required:
                problems.append(getattr(value, "pos", pos).problem(f"{where}: missing required field '{f.name}'"))
            continue
        field_pos = value.pos_of(f.name) if isinstance(value, MarkedDict) else pos

        checked = _value(f.type, raw, field_pos, f"{where}.{f.name}", problems)
        if checked is _MISSING:
            continue
        if f.choices and checked not in f.choices:
            problems.append(field_pos.problem(
                f"{where}.{f.name}: '{checked}' is not one of: {', '.join(f.choices)}"))
            continue
        if f.name in schema.NAME_FIELDS:
            problems += name_problems(raw, field_pos, f"{where}.{f.name}")
        out[f.name] = checked
    return out


def _as_written(value) -> str:
    """A value YAML split, as the hand that wrote it meant it (`牵头单位: 市民政局`)."""
    if isinstance(value, dict) and len(value) == 1:
        key, item = next(iter(value.items()))
        if isinstance(item, (str, int, float)):
            return f"'{key}: {item}'"
    return repr(value)


def _cut_off(where: str, obj: schema.Object, key, before: str) -> str:
    """The message for a key with no value, or no field's spelling: the rest of the value
    before it, cut off at an unquoted comma ({type: editorial, text: 说明, 见附件})."""
    return (f"{where}: '{key}' is not a field of {obj.name} but the rest of the value of '{before}', cut off "
            f"at an unquoted ASCII comma (inside {{ }} a comma ends a value); quote this value: {before}: '…, {key}'")


_names_by_id: dict[int, tuple[schema.Object, frozenset[str]]] = {}


def _field_names(obj: schema.Object) -> frozenset[str]:
    """The names of ``obj``'s fields, cached by identity: hashing an Object hashes every field.

    The cache holds the object itself, so its id cannot be reused by another."""
    cached = _names_by_id.get(id(obj))
    if cached is None:
        cached = _names_by_id[id(obj)] = (obj, frozenset(f.name for f in obj.fields))
    return cached[1]


def _value(kind: str, raw, pos: Pos, where: str, problems: list[Problem]):
    if kind.startswith("list[") and kind.endswith("]"):
        inner = kind[5:-1]
        if not isinstance(raw, list):
            problems.append(pos.problem(f"{where}: expected a list, got {_type_name(raw)}"))
            return _MISSING
        items = []
        for i, item in enumerate(raw):
            item_pos = raw.pos_of(i) if isinstance(raw, MarkedList) else pos
            checked = _value(inner, item, item_pos, f"{where}[{i}]", problems)
            if checked is not _MISSING and checked is not None:
                items.append(checked)
        return items
    if kind in schema.OBJECTS:
        result = conform(schema.OBJECTS[kind], raw, pos, where, problems)
        return _MISSING if result is None else result
    return _scalar(kind, raw, pos, where, problems)


def conform_list(obj: schema.Object, data, key: str, pos: Pos, where: str, problems: list[Problem]) -> list[dict]:
    """The valid items of ``data[key]``, a list of ``obj`` mappings."""
    raw = data.get(key) if isinstance(data, dict) else None
    if raw is None:
        return []
    checked = _value(f"list[{obj.name}]", raw, data.pos_of(key) if isinstance(data, MarkedDict) else pos,
                     where, problems)
    return [] if checked is _MISSING else checked
