"""``generator/content/model_fields.py`` is the schema's fields as typed dataclasses, written
by ``model_codegen`` and checked in so that mypy sees the model; it must be what the schema
makes now, and the model must refuse a stale one."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from conftest import ROOT
from generator.content import model, model_codegen, model_fields, schema


def test_the_checked_in_fields_are_what_the_schema_generates():
    assert model_codegen.TARGET.read_text(encoding="utf-8") == model_codegen.render(), \
        "run python -m generator.content.model_codegen"


def test_a_field_added_to_the_schema_makes_the_checked_in_fields_stale(monkeypatch):
    added = schema.Field("valid_from", "date", False, "Probe.")
    monkeypatch.setitem(schema.OBJECTS, "Document",
                        dataclasses.replace(schema.DOCUMENT, fields=(*schema.DOCUMENT.fields, added)))
    text = model_codegen.render()
    assert "    valid_from: str | None = None\n" in text
    assert model_codegen.TARGET.read_text(encoding="utf-8") != text
    assert model_codegen.main(["--check"]) == 1


def test_the_check_command_passes_on_the_checked_in_file():
    result = subprocess.run([sys.executable, "-m", "generator.content.model_codegen", "--check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


# Written from schema.py by hand: the type each kind of field has in the model.
EXPECTED = {
    ("Jurisdiction", "id"): "str",
    ("Jurisdiction", "parent"): "str | None",
    ("Unit", "aliases"): "list[str]",
    ("Unit", "collective"): "bool",
    ("Source", "body"): "tuple[int, int]",
    ("Source", "excluded"): "list[Exclusion]",
    ("Document", "dates"): "dict[str, str]",
    ("Document", "source"): "Source | None",
    ("Record", "responsibility"): "Responsibility | None",
    ("Record", "children"): "list[Record]",
    ("Target", "value"): "float | None",
}


def test_each_kind_of_schema_type_has_its_annotation():
    assert EXPECTED
    for (name, field), annotation in EXPECTED.items():
        base = getattr(model_fields, f"{name}Fields")
        assert {f.name: f.type for f in dataclasses.fields(base)}[field] == annotation, (name, field)


def test_a_model_class_without_its_generated_fields_fails_when_made(monkeypatch):
    monkeypatch.delitem(model.KINDS, "Function")
    with pytest.raises(TypeError, match="must derive from model_fields.FunctionFields"):
        @model.declared(schema.FUNCTION)
        class Bare:
            pass
    stale = dataclasses.replace(schema.FUNCTION, fields=(*schema.FUNCTION.fields, schema.Field("code", "str")))
    with pytest.raises(TypeError, match="run python -m generator.content.model_codegen"):
        @model.declared(stale)
        class Stale(model_fields.FunctionFields):
            pass
