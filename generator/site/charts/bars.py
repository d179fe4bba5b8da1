"""A horizontal bar chart as inline SVG, drawn at build time.

One bar per observation of an indicator: requirements (targets, standards) are solid,
measured findings hatched, so a reader never takes a measured status for a requirement.
A range draws its upper part lighter; an observation without a number gets a row with
its text and no bar.  Every text and attribute value is escaped here (labels are source
data); coordinates are rounded and output follows input order, so the same bars give the
same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 680
LABEL_W = 210      # jurisdiction and type, left of the bars
VALUE_W = 150      # value text, right of the longest bar
TOP = 26           # room for the axis labels
ROW = 38
BAR = 16
CHAR = 13          # width of a CJK character at 13px
LEGEND = (("standard", "标准"), ("target", "目标"), ("finding", "实测现状（非要求）"))


@dataclass
class Bar:
    label: str                 # first line, e.g. 兰州市
    note: str                  # second line, e.g. 标准 · 到2020年
    kind: str                  # target | standard | finding
    value: float | None
    value_max: float | None = None
    text: str = ""             # shown after the bar, e.g. ≥ 20
    title: str = ""            # tooltip: the source span


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _fmt(value: float) -> str:
    return f"{value:g}"


def _clip(text: str, px: int, char: int = CHAR) -> str:
    """Cut text to fit ``px`` pixels (ASCII counts half a CJK character)."""
    width = 0.0
    out: list[str] = []

    for ch in text:
        width += char if ord(ch) > 0x2E7F else char * 0.55
        if width > px:
            return "".join(out[:-1]) + "…"
        out.append(ch)
    return text


def nice_ticks(top: float) -> list[float]:
    """0 and four or five round steps up to at least ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _frame(hatch: str, ticks: list[float], x: Callable[[float], int], bottom: int) -> list[str]:
    """A chart's hatch pattern (findings) and its grid lines with their ticks."""
    body = [f'<defs><pattern id="{_e(hatch)}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" class="cw-bar-finding-bg"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" class="cw-bar-finding-line"/></pattern></defs>']
    for t in ticks:
        body.append(f'<line x1="{x(t)}" y1="{TOP - 6}" x2="{x(t)}" y2="{bottom}" class="cw-bar-grid"/>'
                    f'<text x="{x(t)}" y="{TOP - 10}" text-anchor="middle" class="cw-bar-tick">{_e(_fmt(t))}</text>')
    return body


def bar_chart(bars: list[Bar], unit: str, title: str, chart_id: str) -> Markup:
    """The chart, or an empty string when no bar has a number."""
    values = [v for b in bars for v in (b.value, b.value_max) if v is not None]
    if not values:
        return Markup("")
    ticks = nice_ticks(max(values))
    span = ticks[-1] or 1.0
    plot_w = WIDTH - LABEL_W - VALUE_W
    x0 = LABEL_W

    def x(v: float) -> int:
        return x0 + round(plot_w * v / span)

    height = TOP + ROW * len(bars) + 30
    hatch = f"{chart_id}-hatch"
    body = _frame(hatch, ticks, x, TOP + ROW * len(bars))
    body.append(f'<text x="{LABEL_W - 10}" y="{TOP - 10}" text-anchor="end" class="cw-bar-tick">单位：{_e(unit)}</text>')
    for i, b in enumerate(bars):
        y = TOP + ROW * i
        row = [f'<text x="{LABEL_W - 10}" y="{y + 15}" text-anchor="end" class="cw-bar-label">'
               f'{_e(_clip(b.label, LABEL_W - 16))}</text>',
               f'<text x="{LABEL_W - 10}" y="{y + 30}" text-anchor="end" class="cw-bar-note">'
               f'{_e(_clip(b.note, LABEL_W - 16, 11))}</text>']
        by = y + (ROW - BAR) // 2
        fill = f' fill="url(#{_e(hatch)})"' if b.kind == "finding" else ""
        end = x0
        if b.value is not None:
            end = x(b.value)
            row.append(f'<rect x="{x0}" y="{by}" width="{max(end - x0, 1)}" height="{BAR}" '
                       f'class="cw-bar cw-bar-{_e(b.kind)}"{fill}/>')
        if b.value_max is not None:
            start, end = end, x(b.value_max)
            row.append(f'<rect x="{start}" y="{by}" width="{max(end - start, 1)}" height="{BAR}" '
                       f'class="cw-bar cw-bar-{_e(b.kind)} cw-bar-range"{fill}/>')
        text_w = WIDTH - end - 8
        row.append(f'<text x="{end + 6}" y="{by + BAR - 3}" class="cw-bar-value">{_e(_clip(b.text, text_w))}</text>')
        inner = "".join(row)
        tip = f"<title>{_e(b.title)}</title>" if b.title else ""
        # No link: the chart is one image (role=img); the table below links each observation.
        body.append(f'<g class="cw-bar-row">{tip}{inner}</g>')
    axis_y = TOP + ROW * len(bars)
    body.append(f'<line x1="{x0}" y1="{TOP - 6}" x2="{x0}" y2="{axis_y}" class="cw-bar-axis"/>')
    legend_y, lx = axis_y + 20, x0
    for kind, name in LEGEND:
        if any(b.kind == kind for b in bars):
            fill = f' fill="url(#{_e(hatch)})"' if kind == "finding" else ""
            body.append(f'<rect x="{lx}" y="{legend_y - 10}" width="14" height="10" class="cw-bar cw-bar-{kind}"{fill}/>'
                        f'<text x="{lx + 18}" y="{legend_y}" class="cw-bar-note">{_e(name)}</text>')
            lx += 24 + len(name) * 11
    # Markup: every piece of ``body`` was built from escaped values above.
    return Markup(f'<svg xmlns="{SVG_NS}" class="cw-svg cw-bars" width="{WIDTH}" height="{height}" '
                  f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{_e(title)}">'
                  f"<title>{_e(title)}</title>" + "".join(body) + "</svg>")


# --- one row per region: the range of its values -------------------------------------------

RANGE_WIDTH = 340     # fits a 390 px phone without scrolling
RANGE_LABEL_W = 104   # a region's name, and its count below
RANGE_ROW = 36        # two lanes of bars and the values in words below: 32 regions fit a screen or so
LANE = 8
RANGE_LEGEND = (("requirement", "target", "要求（目标、标准）"), ("finding", "finding", "实测现状（非要求）"))
_LANE_CLASS = {kind: css for kind, css, _ in RANGE_LEGEND}


@dataclass
class Span:
    kind: str        # requirement | finding
    low: float
    high: float


@dataclass
class RangeRow:
    label: str                 # the region, e.g. 四川省
    note: str                  # e.g. 12 项
    spans: list[Span]          # at most one a kind; none when no observation has a number
    text: str                  # the values in words, below the bars
    title: str = ""            # tooltip


def range_chart(rows: list[RangeRow], unit: str, title: str, chart_id: str) -> Markup:
    """One row per region, each kind of observation a bar from its least to its greatest value
    (requirements solid, findings hatched); an empty string when no row has a number."""
    values = [v for r in rows for s in r.spans for v in (s.low, s.high)]
    if not values:
        return Markup("")
    ticks = nice_ticks(max(values))
    plot_w = RANGE_WIDTH - RANGE_LABEL_W - 14
    x0 = RANGE_LABEL_W

    def x(v: float) -> int:
        return x0 + round(plot_w * v / (ticks[-1] or 1.0))

    bottom = TOP + RANGE_ROW * len(rows)
    hatch = f"{chart_id}-hatch"
    body = _frame(hatch, ticks, x, bottom)
    body.append(f'<text x="2" y="{TOP - 10}" class="cw-bar-tick">{_e(_clip(unit, RANGE_LABEL_W - 24, 11))}</text>')
    for i, r in enumerate(rows):
        body.append(_range_row(r, TOP + RANGE_ROW * i, x, hatch, RANGE_WIDTH - x0))
    body.append(f'<line x1="{x0}" y1="{TOP - 6}" x2="{x0}" y2="{bottom}" class="cw-bar-axis"/>')
    lx = 2
    for kind, css, name in RANGE_LEGEND:
        if any(s.kind == kind for r in rows for s in r.spans):
            fill = f' fill="url(#{_e(hatch)})"' if css == "finding" else ""
            body.append(f'<rect x="{lx}" y="{bottom + 10}" width="14" height="10" class="cw-bar cw-bar-{css}"{fill}/>'
                        f'<text x="{lx + 18}" y="{bottom + 20}" class="cw-bar-note">{_e(name)}</text>')
            lx += 24 + len(name) * 11
    height = bottom + 30
    # Markup: every piece of ``body`` was built from escaped values above.
    return Markup(f'<svg xmlns="{SVG_NS}" class="cw-svg cw-bars cw-bars-regions" width="{RANGE_WIDTH}" '
                  f'height="{height}" viewBox="0 0 {RANGE_WIDTH} {height}" role="img" aria-label="{_e(title)}">'
                  f"<title>{_e(title)}</title>" + "".join(body) + "</svg>")


def _range_row(r: RangeRow, y: int, x, hatch: str, text_w: int) -> str:
    parts = [f'<text x="{RANGE_LABEL_W - 8}" y="{y + 14}" text-anchor="end" class="cw-bar-label">'
             f'{_e(_clip(r.label, RANGE_LABEL_W - 10))}</text>',
             f'<text x="{RANGE_LABEL_W - 8}" y="{y + 29}" text-anchor="end" class="cw-bar-note">'
             f'{_e(_clip(r.note, RANGE_LABEL_W - 10, 11))}</text>']
    for lane, s in enumerate(r.spans):
        css = _LANE_CLASS[s.kind]
        fill = f' fill="url(#{_e(hatch)})"' if css == "finding" else ""
        left, right = x(s.low), x(s.high)
        if right - left < 4:   # one value: a mark 4 px wide, centred on it, so that it shows
            left, right = (left + right) // 2 - 2, (left + right) // 2 + 2
        parts.append(f'<rect x="{left}" y="{y + 3 + lane * (LANE + 2)}" width="{right - left}" '
                     f'height="{LANE}" class="cw-bar cw-bar-{css}"{fill}/>')
    parts.append(f'<text x="{RANGE_LABEL_W + 2}" y="{y + 32}" class="cw-bar-value">{_e(_clip(r.text, text_w, 12))}</text>')
    tip = f"<title>{_e(r.title)}</title>" if r.title else ""
    return f'<g class="cw-bar-row">{tip}{"".join(parts)}</g>'
