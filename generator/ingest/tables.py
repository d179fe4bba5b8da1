"""Task tables written as text: a header row naming the columns, then a row a task.

任务清单 are often pasted from a spreadsheet or a PDF table, one row a line, the cells
separated by tabs, bars or runs of spaces, under a header such as 序号 重点任务 责任单位
完成时限.  Each row is a record of its own; its 责任单位 (or 牵头单位) cell is its list of
units, a 配合单位 cell beside it the bodies that take part, and its 完成时限 cell the deadline
of its figures.  A task may also carry its deadline on a line of
its own (完成时限:2024年12月底前), read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.ingest.detect import simplified

_CELL_SEP = re.compile(r"\t+|\s*[|｜]\s*|\s{2,}|\u3000+")
_UNITS_COLUMN = re.compile(r"^(?:责任单位|牵头单位|责任部门|牵头部门|责任主体)$")
_PARTNERS_COLUMN = re.compile(r"^(?:配合单位|配合部门|协办单位|参与单位|协同单位)$")
_DEADLINE_COLUMN = re.compile(r"^(?:完成时限|完成时间|时间节点|时限|时限要求|完成期限)$")
_DEADLINE_LINE = re.compile(r"^(?:完成时限|完成时间|时间节点|时限要求|完成期限)[:：]\s*(?P<value>.+?)[。;；]?$")
MIN_COLUMNS = 3


def cells(line: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of a row, in the line as printed."""
    out, at = [], 0
    for m in _CELL_SEP.finditer(line):
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end()
    if at < len(line):
        out.append((at, len(line)))
    return out


@dataclass
class Table:
    header: int                       # the header row's line
    width: int                        # its number of columns
    rows: list[int]                   # the rows' lines
    units: int | None                 # the 责任单位 column
    deadline: int | None              # the 完成时限 column
    partners: int | None = None       # the 配合单位 column


def find_tables(lines: list[str]) -> list[Table]:
    tables = []
    number = 1
    while number <= len(lines):
        names = [simplified(lines[number - 1][a:b]).strip() for a, b in cells(lines[number - 1])]
        units = next((i for i, n in enumerate(names) if _UNITS_COLUMN.match(n)), None)
        deadline = next((i for i, n in enumerate(names) if _DEADLINE_COLUMN.match(n)), None)
        partners = next((i for i, n in enumerate(names) if _PARTNERS_COLUMN.match(n)), None)
        if len(names) < MIN_COLUMNS or (units is None and deadline is None):
            number += 1
            continue
        rows = []
        below = number + 1
        while below <= len(lines) and lines[below - 1] and len(cells(lines[below - 1])) >= len(names) - 1:
            rows.append(below)
            below += 1
        if rows:
            tables.append(Table(number, len(names), rows, units, deadline, partners))
        number = below
    return tables


def aligned(line: str, column: int | None, width: int) -> tuple[int, int] | None:
    """Where a column's cell lies in a row of a ``width``-column table, counted from the right
    when the row lacks a cell (an empty 序号), so that 责任单位 and 完成时限 still line up."""
    found = cells(line)
    if column is None or not found:
        return None
    shift = width - len(found)
    index = column - shift if shift > 0 and column >= shift else column
    return found[index] if 0 <= index < len(found) else None


def deadline_line(text: str) -> tuple[int, int] | None:
    """Where a 完成时限:… line's value lies in a record's text."""
    at = 0
    for line in text.split("\n"):
        m = _DEADLINE_LINE.match(simplified(line).strip())
        if m:
            lead = len(line) - len(line.lstrip())
            return at + lead + m.start("value"), at + lead + m.end("value")
        at += len(line) + 1
    return None


def is_deadline_line(line: str) -> bool:
    return bool(_DEADLINE_LINE.match(simplified(line).strip()))
