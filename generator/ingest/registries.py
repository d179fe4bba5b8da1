"""Lines ingest adds to ``content/units.yaml`` and ``content/jurisdictions.yaml``.

A new body is drafted as a stub in its jurisdiction's section of units.yaml (between
``# --- section: <id> ---`` and ``# --- end: <id> ---``; a section is opened at the end of
the file if there is none), a new jurisdiction as one line of jurisdictions.yaml.  Each
line is a flow mapping with every string quoted, and a stub carries a review comment.
"""

from __future__ import annotations

import json
import re
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


def _closing(line: str, start: int) -> int:
    """Where the flow collection opened at ``start`` closes (quoted text skipped)."""
    depth, quote = 0, None
    for at in range(start, len(line)):
        ch = line[at]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return at
    raise ValueError(f"unclosed flow collection: {line}")


def with_aliases(line: str, names: list[str], note: str) -> str:
    """A unit's line with ``names`` added to its aliases, and a review comment saying why."""
    opened = line.index("{")
    close = _closing(line, opened)
    listed = re.search(r"\baliases:\s*\[", line[opened:close])
    added = ", ".join(quoted(n) for n in names)
    if listed:
        end = _closing(line, opened + listed.end() - 1)
        line = f"{line[:end]}, {added}{line[end:]}"
    else:
        line = f"{line[:close]}, aliases: [{added}]{line[close:]}"
    return f"{line}  # {REVIEW}: {note}"


def add_aliases(path: Path, aliases: dict[str, list[tuple[str, int]]], doc_id: str) -> list[str]:
    """Spellings of listed units, added to their lines in units.yaml; the lines written."""
    if not aliases or not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    written = []
    for uid, spelled in aliases.items():
        at = next((n for n, line in enumerate(lines)
                   if re.match(rf"\s*-\s*\{{\s*id:\s*[\"']?{re.escape(uid)}[\"']?\s*,", line)), None)
        if at is None:
            continue
        names = list(dict.fromkeys(name for name, _ in spelled))
        where = ", ".join(f"line {line}" for line in dict.fromkeys(line for _, line in spelled))
        lines[at] = with_aliases(lines[at], names, f"{'alias' if len(names) == 1 else 'aliases'} "
                                 f"{'、'.join(names)} added by crosswalk ingest from {doc_id} {where}")
        written.append(lines[at])
    path.write_text("\n".join(lines), encoding="utf-8")
    return written


def jurisdiction_line(jid: str, name: str, level: str, parent: str | None) -> str:
    item = {"id": jid, "name": name, "level": level}
    if parent:
        item["parent"] = parent
    return f"  - {flow(item)}"


def add_jurisdiction(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")
