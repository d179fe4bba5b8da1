"""Tables written as CSV and XLSX, the two forms officials open in Excel.

A ``Table`` is a header and rows of plain values; the writers add nothing but layout.
XLSX output has the header row styled and frozen (with the row-label columns), column
widths sized for CJK text, and an optional fill per cell.  Both writers are
deterministic: openpyxl stamps the workbook with the time of saving and the zip members
with the time of writing, so both are pinned here and the same table gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

Value = str | int | float | None

# The fixed moment every workbook claims as created and modified (a real timestamp would
# make two exports of the same corpus differ).
FIXED_TIME = datetime.datetime(2000, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # the earliest time a zip member can carry

MAX_WIDTH = 40        # characters; longer text wraps
SHEET_NAME_MAX = 31   # Excel's limit
_SHEET_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})

HEADER_FILL = "ECEFF1"
FILLS = {  # cell style name → background colour
    "lead": "C62828",            # lead, stated in the text: filled
    "lead-inferred": "FFCDD2",   # lead, inferred from list order: light
    "participating": "F5F5F5",
}
FONTS = {"lead": Font(bold=True, color="FFFFFF"), "lead-inferred": Font(bold=True, color="B71C1C")}


@dataclass
class Table:
    """One sheet: a title (the sheet name), a header and rows.

    ``frozen_columns`` are row labels that stay in view when scrolling right; ``narrow``
    columns (matrix cells) get a fixed small width and a wrapped header; ``styles`` maps
    ``(row index, column index)`` to a key of ``FILLS``.
    """

    title: str
    header: list[str]
    rows: list[list[Value]]
    frozen_columns: int = 0
    narrow: set[int] = field(default_factory=set)
    styles: dict[tuple[int, int], str] = field(default_factory=dict)


def display_width(text: object) -> int:
    """Columns a string takes in a spreadsheet: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows([["" if v is None else _csv_value(v) for v in row] for row in table.rows])
    # The BOM lets Excel, which officials open CSV files with, detect UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value: Value) -> Value:
    return f"{value:g}" if isinstance(value, float) else value


def sheet_names(titles: list[str]) -> list[str]:
    """Titles made valid and unique as Excel sheet names (≤ 31 characters, no []:*?/\\)."""
    names: list[str] = []
    for title in titles:
        base = (title.translate(_SHEET_FORBIDDEN) or "Sheet")[:SHEET_NAME_MAX]
        name, n = base, 2
        while name.lower() in {x.lower() for x in names}:
            suffix = f"~{n}"
            name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def xlsx_bytes(tables: list[Table], title: str = "") -> bytes:
    """A workbook with one sheet per table, byte-identical for the same tables."""
    wb = Workbook()
    wb.remove(wb.active)
    for table, name in zip(tables, sheet_names([t.title for t in tables])):
        _fill_sheet(wb.create_sheet(name), table)
    wb.properties.title = title or None
    wb.properties.creator = "城乡社区治理政策对照库"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would overwrite ``modified`` with now.
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()
    return _pin_zip_times(raw.getvalue())


def _pin_zip_times(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def _fill_sheet(ws, table: Table) -> None:
    ws.append(table.header)
    for row in table.rows:
        ws.append(list(row))
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    border = Border(bottom=Side(style="medium", color="90A4AE"))
    for col, cell in enumerate(ws[1]):
        cell.font, cell.fill, cell.border = header_font, header_fill, border
        cell.alignment = Alignment(wrap_text=True, vertical="center",
                                   horizontal="center" if col in table.narrow else "left")
    for (r, c), style in sorted(table.styles.items()):
        cell = ws.cell(row=r + 2, column=c + 1)
        cell.fill = PatternFill("solid", fgColor=FILLS[style])
        if style in FONTS:
            cell.font = FONTS[style]
        cell.alignment = Alignment(horizontal="center", vertical="center")
    widths = _widths(table)
    for col, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(col + 1)].width = width
    wrapped = [c for c, w in enumerate(widths) if c not in table.narrow and w >= MAX_WIDTH]
    for r in range(len(table.rows)):
        for c in wrapped:
            ws.cell(row=r + 2, column=c + 1).alignment = Alignment(wrap_text=True, vertical="top")
    # Excel does not grow a row for a wrapped header by itself when the file is opened.
    lines = max((-(-display_width(h) // max(int(w) - 1, 1)) for h, w in zip(table.header, widths)), default=1)
    ws.row_dimensions[1].height = 15 * max(lines, 1) + 4
    ws.freeze_panes = ws.cell(row=2, column=table.frozen_columns + 1).coordinate
    if table.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(table.header))}{len(table.rows) + 1}"


def _widths(table: Table) -> list[float]:
    out = []
    for col, head in enumerate(table.header):
        if col in table.narrow:
            # Matrix cells hold 牵头/参与: a narrow column, the unit's name wraps in the header.
            out.append(float(min(max(display_width(head) // 2, 6), 12) + 1))
            continue
        longest = max([display_width(head)] + [display_width(_csv_value(r[col]) if r[col] is not None else "")
                                               for r in table.rows])
        out.append(float(min(max(longest, 6), MAX_WIDTH) + 2))
    return out
