"""Tables written as CSV and XLSX, the two forms officials open in Excel.

A ``Table`` is a header and rows of plain values; the writers add nothing but layout.
XLSX output has the header row styled and frozen (with the row-label columns), column
widths sized for CJK text, and an optional fill per cell.

The XLSX package is written here as text, not with openpyxl: openpyxl builds an object
for every cell and serialises it through an XML tree, some 50 µs a cell, and a national
corpus's workbooks hold over a million cells (each matrix is written twice, alone and in
``matrices.xlsx``).  The package has only what the tables need: inline strings, one fixed
stylesheet, frozen panes, column widths and an autofilter; the tests read it back with
openpyxl.  Output is deterministic: the workbook claims a fixed time of creation and the
zip members a fixed time of writing.

Every text cell is safe to open: one that a spreadsheet would take for a formula is
neutralised as OWASP advises for CSV injection (``neutralise``), in CSV and XLSX alike.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html import escape

from openpyxl.utils import get_column_letter
from openpyxl.writer.theme import theme_xml

from generator import routes
from generator.chinese import to_script, to_script_once

Value = str | int | float | None

# The fixed moment every workbook claims as created and modified (a real timestamp would
# make two exports of the same corpus differ).
FIXED_TIME = datetime.datetime(2000, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # the earliest time a zip member can carry
CREATOR = "城乡社区治理政策对照库"

MAX_WIDTH = 40        # characters; longer text wraps
SHEET_NAME_MAX = 31   # Excel's limit
_SHEET_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})

HEADER_FILL = "ECEFF1"
HEADER_RULE = "90A4AE"   # the line under the header
FILLS = {  # cell style name → background colour
    "lead": "C62828",            # lead, stated in the text: filled
    "lead-inferred": "FFCDD2",   # lead, inferred from list order: light
    "participating": "F5F5F5",
}
BOLD_COLOURS = {"lead": "FFFFFF", "lead-inferred": "B71C1C"}  # styles with bold text, and its colour


@dataclass
class Table:
    """One sheet: a title (the sheet name), a header and rows.

    ``frozen_columns`` are row labels that stay in view when scrolling right; ``narrow``
    columns (matrix cells) get a fixed small width and a wrapped header; ``styles`` maps
    ``(row index, column index)`` to a key of ``FILLS``.  A ``caption`` (a document's full
    title, which a sheet name is too short to hold) is a line of its own above the header.
    """

    title: str
    header: list[str]
    rows: Sequence[Sequence[Value]]
    frozen_columns: int = 0
    narrow: set[int] = field(default_factory=set)
    styles: dict[tuple[int, int], str] = field(default_factory=dict)
    caption: str = ""

    @property
    def header_row(self) -> int:
        """The header's row number in the sheet: 1, or 2 below a caption."""
        return 2 if self.caption else 1


def display_width(text: object) -> int:
    """Columns a string takes in a spreadsheet: two for each wide (CJK) character."""
    text = str(text)
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# What a spreadsheet (Excel, WPS, LibreOffice) reads as the start of a formula or of DDE:
# = + - @, and TAB or CR, which some strip before looking at the next character.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text, never runs: OWASP's CSV-injection defence prefixes a
    cell that starts like a formula with a single quote, which Excel and WPS read as "this
    is text" (``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``, a comparator ``=`` → ``'=``).  The JSON
    exports keep the value as it is; only the spreadsheet forms carry the quote."""
    return "'" + text if text.startswith(_FORMULA_START) else text


class SafeCsvWriter:
    """``csv.writer`` for CSV written row by row, with every text cell neutralised."""

    def __init__(self, out: io.StringIO):
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Sequence[Value]) -> None:
        self._writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(h) for h in table.header])
    writer.writerows([["" if v is None else _csv_value(v) for v in row] for row in table.rows])
    # The BOM lets Excel, which officials open CSV files with, detect UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value: Value) -> Value:
    if isinstance(value, str):
        return neutralise(value)
    return f"{value:g}" if isinstance(value, float) else value


def sheet_names(titles: list[str]) -> list[str]:
    """Titles made valid and unique as Excel sheet names (≤ 31 characters, no []:*?/\\)."""
    names: list[str] = []
    for title in titles:
        base = _NOT_XML.sub("", title).translate(_SHEET_FORBIDDEN).strip("'") or "Sheet"   # Excel refuses a name in quotes
        if len(base) > SHEET_NAME_MAX:   # cut, and said to be cut
            base = base[:SHEET_NAME_MAX - 1] + "…"
        name, n = base, 2
        while name.lower() in {x.lower() for x in names}:
            suffix = f"~{n}"
            name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


# --- the XLSX package ----------------------------------------------------------------------

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def workbooks(name: str, tables: list[Table], title: str = "") -> dict[str, bytes]:
    """The workbook ``name`` in each script: as written, and converted to Traditional (every
    text, the sheets' names with it; text printed in a source follows the pages' script rule)."""
    in_hant = to_script_once("hant")   # a matrix's cells are a few marks and unit names over and over

    def hant(value: Value) -> Value:
        return in_hant(value) if isinstance(value, str) else value

    # A title or caption may carry a source's printed words, marked (chinese.shown): resolved
    # for each script.  The Simplified sheets' cells stay as they always were, as printed.
    hans = [replace(t, title=to_script(t.title, "hans"), caption=to_script(t.caption, "hans")) for t in tables]
    converted = [replace(t, title=to_script(t.title, "hant"), caption=to_script(t.caption, "hant"),
                         header=[to_script(h, "hant") for h in t.header],
                         rows=[[hant(v) for v in row] for row in t.rows]) for t in tables]
    return {routes.workbook(name, "hans"): xlsx_bytes(hans, to_script(title, "hans")),
            routes.workbook(name, "hant"): xlsx_bytes(converted, to_script(title, "hant"))}


def xlsx_bytes(tables: list[Table], title: str = "") -> bytes:
    """A workbook with one sheet per table, byte-identical for the same tables."""
    names = sheet_names([t.title for t in tables])
    parts = {
        "[Content_Types].xml": _content_types(len(tables)),
        "_rels/.rels": _ROOT_RELS,
        "docProps/core.xml": _core(title),
        "xl/workbook.xml": _workbook(tables, names),
        "xl/_rels/workbook.xml.rels": _workbook_rels(len(tables)),
        "xl/styles.xml": _STYLESHEET,
        "xl/theme/theme1.xml": theme_xml,
    }
    for n, table in enumerate(tables, 1):
        parts[f"xl/worksheets/sheet{n}.xml"] = _worksheet(table)
    return _zip(parts)


def _zip(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            member = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            archive.writestr(member, text.encode("utf-8"))
    return out.getvalue()


def _content_types(sheets: int) -> str:
    office, package = "application/vnd.openxmlformats-officedocument", "application/vnd.openxmlformats-package"
    overrides = [("/docProps/core.xml", f"{package}.core-properties+xml"),
                 ("/xl/workbook.xml", f"{office}.spreadsheetml.sheet.main+xml"),
                 ("/xl/styles.xml", f"{office}.spreadsheetml.styles+xml"),
                 ("/xl/theme/theme1.xml", f"{office}.theme+xml")]
    overrides += [(f"/xl/worksheets/sheet{n}.xml", f"{office}.spreadsheetml.worksheet+xml")
                  for n in range(1, sheets + 1)]
    return (_XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{package}.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
            + "</Types>")


_ROOT_RELS = (_XML_DECL + f'<Relationships xmlns="{_PKG_REL_NS}">'
              f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
              f'<Relationship Id="rId2" Type="{_PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>'
              "</Relationships>")


def _core(title: str) -> str:
    when = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (_XML_DECL + '<cp:coreProperties'
            ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{escape(CREATOR)}</dc:creator>" + (f"<dc:title>{escape(title)}</dc:title>" if title else "")
            + f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>')


def _workbook(tables: list[Table], names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(names, 1))
    # Excel keeps each sheet's autofilter range as this hidden name as well.
    filters = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
                      f"{escape(_quote_sheet(name))}!{_filter_range(table, absolute=True)}</definedName>"
                      for n, (table, name) in enumerate(zip(tables, names)) if table.rows)
    return (_XML_DECL + f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><sheets>{sheets}</sheets>'
            + (f"<definedNames>{filters}</definedNames>" if filters else "") + "</workbook>")


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _workbook_rels(sheets: int) -> str:
    rels = [(f"rId{n}", "worksheet", f"worksheets/sheet{n}.xml") for n in range(1, sheets + 1)]
    rels += [(f"rId{sheets + 1}", "styles", "styles.xml"), (f"rId{sheets + 2}", "theme", "theme/theme1.xml")]
    return (_XML_DECL + f'<Relationships xmlns="{_PKG_REL_NS}">'
            + "".join(f'<Relationship Id="{rid}" Type="{_REL_NS}/{kind}" Target="{target}"/>'
                      for rid, kind, target in rels)
            + "</Relationships>")


# --- the stylesheet: every workbook has the same cell formats, so a sheet's XML needs no context

@dataclass(frozen=True)
class _Format:
    alignment: str                 # the attributes of <alignment>
    bold: str | None = None        # bold text in this colour ("" for the default colour)
    fill: str | None = None        # background colour
    rule: bool = False             # the line under the header


_CENTRED = 'horizontal="center" vertical="center"'
_FONT_FACE = '<name val="Calibri"/><family val="2"/><scheme val="minor"/>'   # Excel's default, as openpyxl wrote
_FORMATS = {
    "header-left": _Format('horizontal="left" vertical="center" wrapText="1"', "", HEADER_FILL, rule=True),
    "header-center": _Format('horizontal="center" vertical="center" wrapText="1"', "", HEADER_FILL, rule=True),
    "wrapped": _Format('vertical="top" wrapText="1"'),
    **{name: _Format(_CENTRED, BOLD_COLOURS.get(name), colour) for name, colour in FILLS.items()},
}
# A cell's style attribute: the format's place in cellXfs, after the default format 0.
_STYLE_ID = {name: n for n, name in enumerate(_FORMATS, 1)}


def _stylesheet() -> str:
    fonts = [f'<font><sz val="11"/>{_FONT_FACE}</font>']
    fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
    for f in _FORMATS.values():
        font_id = fill_id = 0
        if f.bold is not None:
            colour = f'<color rgb="FF{f.bold}"/>' if f.bold else ""
            fonts.append(f'<font><b/><sz val="11"/>{colour}{_FONT_FACE}</font>')
            font_id = len(fonts) - 1
        if f.fill:
            fills.append(f'<fill><patternFill patternType="solid"><fgColor rgb="FF{f.fill}"/></patternFill></fill>')
            fill_id = len(fills) - 1
        # Border 1 is the header rule.
        xfs.append(f'<xf numFmtId="0" fontId="{font_id}" fillId="{fill_id}" borderId="{int(f.rule)}" xfId="0"'
                   f' applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment {f.alignment}/></xf>')
    borders = ('<border><left/><right/><top/><bottom/><diagonal/></border>'
               f'<border><left/><right/><top/><bottom style="medium"><color rgb="FF{HEADER_RULE}"/></bottom>'
               '<diagonal/></border>')
    return (_XML_DECL + f'<styleSheet xmlns="{_MAIN_NS}">'
            f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts><fills count="{len(fills)}">{"".join(fills)}</fills>'
            f'<borders count="2">{borders}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


_STYLESHEET = _stylesheet()


# --- a worksheet ---------------------------------------------------------------------------

# Characters XML 1.0 cannot carry; openpyxl refused them, a sheet leaves them out.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _worksheet(table: Table) -> str:
    widths = _widths(table)
    parts = [_XML_DECL, f'<worksheet xmlns="{_MAIN_NS}">', _sheet_view(table.frozen_columns, table.header_row), "<cols>"]
    parts += [f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>' for c, w in enumerate(widths, 1)]
    parts.append("</cols><sheetData>")
    parts += _rows(table, widths)
    parts.append("</sheetData>")
    if table.rows:
        parts.append(f'<autoFilter ref="{_filter_range(table)}"/>')
    parts.append("</worksheet>")
    return "".join(parts)


def _rows(table: Table, widths: list[float]) -> list[str]:
    columns = [get_column_letter(c + 1) for c in range(len(table.header))]
    wrapped = {c for c, w in enumerate(widths) if c not in table.narrow and w >= MAX_WIDTH}
    top = table.header_row
    parts = [f'<row r="1">{_cell("A1", table.caption, _STYLE_ID["header-left"])}</row>'] if table.caption else []
    parts.append(f'<row r="{top}" ht="{_header_height(table, widths)}" customHeight="1">')
    parts += [_cell(f"{col}{top}", head, _STYLE_ID["header-center" if c in table.narrow else "header-left"])
              for c, (col, head) in enumerate(zip(columns, table.header))]
    parts.append("</row>")
    styles, wrap = table.styles, _STYLE_ID["wrapped"]
    for r, row in enumerate(table.rows):
        parts.append(f'<row r="{r + top + 1}">')
        for c, value in enumerate(row):
            if value is not None:
                style = styles.get((r, c))
                parts.append(_cell(f"{columns[c]}{r + top + 1}", value,
                                   _STYLE_ID[style] if style else wrap if c in wrapped else 0))
        parts.append("</row>")
    return parts


def _sheet_view(frozen_columns: int, header_row: int = 1) -> str:
    """The header row (with any caption above it), and the first ``frozen_columns`` columns, stay in view."""
    corner = f"{get_column_letter(frozen_columns + 1)}{header_row + 1}"
    split = f'xSplit="{frozen_columns}" ySplit="{header_row}"' if frozen_columns else f'ySplit="{header_row}"'
    pane = "bottomRight" if frozen_columns else "bottomLeft"
    return (f'<sheetViews><sheetView workbookViewId="0">'
            f'<pane {split} topLeftCell="{corner}" activePane="{pane}" state="frozen"/>'
            f'<selection pane="{pane}" activeCell="{corner}" sqref="{corner}"/></sheetView></sheetViews>')


def _cell(ref: str, value: Value, style: int) -> str:
    styled = f' s="{style}"' if style else ""
    if isinstance(value, str):
        text = escape(neutralise(_NOT_XML.sub("", value)), quote=False)
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, float):
        value = f"{value:.16g}"
    return f'<c r="{ref}"{styled}><v>{value}</v></c>'


def _filter_range(table: Table, absolute: bool = False) -> str:
    last, mark, top = get_column_letter(len(table.header)), "$" if absolute else "", table.header_row
    return f"{mark}A{mark}{top}:{mark}{last}{mark}{len(table.rows) + top}"


def _header_height(table: Table, widths: list[float]) -> int:
    # Excel does not grow a row for a wrapped header by itself when the file is opened.
    lines = max((-(-display_width(h) // max(int(w) - 1, 1)) for h, w in zip(table.header, widths)), default=1)
    return 15 * max(lines, 1) + 4


def _widths(table: Table) -> list[float]:
    out = []
    for col, head in enumerate(table.header):
        if col in table.narrow:
            # Matrix cells hold 牵头/参与: a narrow column, the unit's name wraps in the header.
            out.append(float(min(max(display_width(head) // 2, 6), 12) + 1))
            continue
        longest = _widest([head, *(r[col] for r in table.rows)])
        out.append(float(min(max(longest, 6), MAX_WIDTH) + 2))
    return out


def _widest(values: Sequence[Value]) -> int:
    """The display width of the widest value, looking no further once one is ``MAX_WIDTH`` wide (the cap)."""
    widest = 0
    for value in values:
        text = "" if value is None else str(_csv_value(value))
        # A string of n characters is at most 2n wide: most cannot beat the widest so far.
        if 2 * len(text) > widest:
            widest = max(widest, display_width(text))
            if widest >= MAX_WIDTH:
                break
    return widest
