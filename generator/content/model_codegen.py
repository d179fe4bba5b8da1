"""Writes ``model_fields.py``: each schema object's fields as a typed dataclass, for the model.

The schema stays the one declaration of every field; ``model_fields.py`` is its typed
transcription, checked in so that type checkers and editors see the model's fields, and
regenerated, never edited:

    python -m generator.content.model_codegen          # rewrite generator/content/model_fields.py
    python -m generator.content.model_codegen --check  # exit 1 if it differs from the schema

``tests/test_model_fields.py`` fails when the file is not what the schema makes now, and
``model.declared`` refuses at import a class whose generated fields differ from its schema.
This module reads only the schema: it must run when ``model_fields.py`` is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.content import schema

TARGET = Path(__file__).with_name("model_fields.py")

AS_MAPPINGS: dict[str, str] = {
    "Dates": "a document's dates stay a mapping of the dates a source states, in its order",
    "Mapping": "topic mappings become the corpus's look-ups (mappings, unmapped), not items",
}
"""Schema objects with no class of their own, and why."""

_SCALARS = {"str": "str", "id": "str", "date": "str", "int": "int", "number": "float", "bool": "bool",
            "lines": "tuple[int, int]"}


def base_name(obj: schema.Object) -> str:
    """The generated class that holds ``obj``'s fields."""
    return f"{obj.name}Fields"


def _annotation(kind: str) -> str:
    if kind.startswith("list["):
        return f"list[{_annotation(kind[5:-1])}]"
    if kind.startswith("ref:"):
        return "str"
    if kind in AS_MAPPINGS:
        return "dict[str, str]"
    return _SCALARS.get(kind, kind)


def _line(f: schema.Field) -> str:
    """``f`` as a dataclass field: an optional one gets what the model holds when the YAML
    leaves it out (its schema default; else an empty list or mapping, false, or None)."""
    kind = _annotation(f.type)
    if f.required:
        return f"    {f.name}: {kind}"
    if f.default is not None:
        return f"    {f.name}: {kind} = {f.default!r}"
    if f.type.startswith("list["):
        return f"    {f.name}: {kind} = field(default_factory=list)"
    if f.type in AS_MAPPINGS:
        return f"    {f.name}: {kind} = field(default_factory=dict)"
    if f.type == "bool":
        return f"    {f.name}: {kind} = False"
    return f"    {f.name}: {kind} | None = None"


def render() -> str:
    """The text of ``model_fields.py`` for the schema as it is now."""
    objects = [obj for name, obj in schema.OBJECTS.items() if name not in AS_MAPPINGS]
    model_names = sorted({name for obj in objects for f in obj.fields
                          for name in [f.type[5:-1] if f.type.startswith("list[") else f.type]
                          if name in schema.OBJECTS and name not in AS_MAPPINGS})
    out = ['"""Each schema object\'s fields as a typed dataclass, the base of its model class.',
           "",
           "Generated from generator/content/schema.py by ``python -m generator.content.model_codegen``;",
           'do not edit (tests/test_model_fields.py fails when it differs from the schema)."""',
           "",
           "from __future__ import annotations",
           "",
           "from dataclasses import dataclass, field",
           "from typing import TYPE_CHECKING",
           "",
           "if TYPE_CHECKING:",
           "    from generator.content.model import (",
           *[f"        {name}," for name in model_names],
           "    )",
           ""]
    for obj in objects:
        # Required fields first, so that positional construction follows the schema's order.
        ordered = [f for f in obj.fields if f.required] + [f for f in obj.fields if not f.required]
        out += ["", "@dataclass", f"class {base_name(obj)}:", f'    """{obj.doc.replace(chr(34), chr(39))}"""', ""]
        out += [_line(f) for f in ordered] or ["    pass"]
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    text = render()
    if argv[:1] == ["--check"]:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET}: differs from the schema; run python -m generator.content.model_codegen", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
