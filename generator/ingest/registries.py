"""Lines ingest adds to ``content/units.yaml`` and ``content/jurisdictions.yaml``.

A new body is drafted as a stub in its jurisdiction's section of units.yaml (between
``# --- section: <id> ---`` and ``# --- end: <id> ---``; a section is opened at the end of
the file if there is none), a new jurisdiction as one line of jurisdictions.yaml.  Each
line is a flow mapping with every string quoted, and a stub carries a review comment.
"""

from __future__ import annotations

import json
from pathlib import Path

REVIEW = "REVIEW"


def quoted(value) -> str:
    """A YAML scalar: strings double-quoted (JSON escapes are YAML escapes), the rest as is."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(quoted(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def flow(item: dict) -> str:
    return "{" + ", ".join(f"{key}: {quoted(value)}" for key, value in item.items()) + "}"


def unit_line(stub: dict, doc_id: str) -> str:
    fields = {k: v for k, v in stub.items() if k != "line"}
    guessed = "type and function guessed" if "function" in fields else "type guessed, function unknown"
    return (f"  - {flow(fields)}  # {REVIEW}: drafted by crosswalk ingest from {doc_id} line {stub['line']}; "
            f"{guessed}")


def add_units(path: Path, stubs: list[dict], doc_id: str) -> list[str]:
    """Write the stubs into their jurisdictions' sections; the lines written."""
    if not stubs:
        return []
    text = path.read_text(encoding="utf-8") if path.exists() else "units:\n"
    lines = text.rstrip("\n").split("\n")
    written = []
    for jurisdiction in dict.fromkeys(s["jurisdiction"] for s in stubs):
        new = [unit_line(s, doc_id) for s in stubs if s["jurisdiction"] == jurisdiction]
        end = f"  # --- end: {jurisdiction} ---"
        if end in lines:
            at = lines.index(end)
            lines[at:at] = new
        else:
            lines += [f"  # --- section: {jurisdiction} ---", *new, end]
        written += new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def jurisdiction_line(jid: str, name: str, level: str, parent: str | None) -> str:
    item = {"id": jid, "name": name, "level": level}
    if parent:
        item["parent"] = parent
    return f"  - {flow(item)}"


def add_jurisdiction(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")
