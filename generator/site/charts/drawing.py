"""Small SVG drawings generated at build time: a heat map and a layered graph.

Output is inline SVG (well-formed XML, so it also parses as a file): every text and
attribute value is escaped here, because titles and topic names are data.  Colours are
CSS classes (``cw-svg-*`` in crosswalk-topics.css) so the page's stylesheet themes them.
Coordinates are integers and everything is emitted in input order: the same input
gives byte-identical output.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
CHAR = 13  # width of one CJK character at the 13px font used below


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _svg(width: int, height: int, title: str, body: list[str], css_class: str) -> Markup:
    # Markup: every piece of ``body`` was built from escaped values by this module.
    return Markup(
        f'<svg xmlns="{SVG_NS}" class="{_e(css_class)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">'
        f"<title>{_e(title)}</title>" + "".join(body) + "</svg>")


def _clip(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(chars - 1, 1)] + "…"


def _wrap(text: str, chars: int, lines: int) -> list[str]:
    """Break CJK text into lines of ``chars`` characters, never inside a run of digits or
    Latin letters (a 文号 such as 攀办发〔2021〕29号 keeps its number whole); the last
    line ends in … if cut."""
    out, start = [], 0
    while start < len(text):
        end = min(start + chars, len(text))
        while start + 1 < end < len(text) and text[end - 1].isascii() and text[end].isascii() \
                and text[end].isalnum():
            end -= 1
        out.append(text[start:end])
        start = end
    out = out or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][:-1] + "…"
    return out


# --- heat map ----------------------------------------------------------------------------

@dataclass
class Axis:
    label: str
    depth: int = 0             # indentation of a row label (topic hierarchy)
    note: str | None = None    # second line of a column label


def shade(value: int | None) -> str:
    """The colour class of a cell: none (no data), 0, then 1, 2–3, 4–6, 7+."""
    if value is None:
        return "none"
    for level, upper in enumerate((0, 1, 3, 6)):
        if value <= upper:
            return str(level)
    return "4"


SHADE_LEGEND = [("0", "0"), ("1", "1"), ("2", "2–3"), ("3", "4–6"), ("4", "≥7")]


def heat_map(rows: list[Axis], cols: list[Axis], values: list[list[int | None]],
             title: str, cell_title: str = "{row} · {col}:{value}",
             none_label: str = "无原文", legend_label: str = "记录数") -> Markup:
    """Rows × columns of counts; each cell says its value on hover.  A picture, not a control:
    it holds no links (the table beside it does), so a keyboard or screen reader meets it once."""
    cell_w, cell_h, head_h = 56, 22, 46
    label_w = max([CHAR * (len(r.label) + 1) + 14 * r.depth for r in rows] + [120]) + 8
    width = label_w + cell_w * len(cols) + 8
    legend_y = head_h + cell_h * len(rows) + 14
    height = legend_y + 30
    body = ['<defs><pattern id="cw-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" class="cw-svg-hatch"/></pattern></defs>']
    for j, col in enumerate(cols):
        x = label_w + cell_w * j + cell_w // 2
        head = (f'<text x="{x}" y="18" text-anchor="middle" class="cw-svg-colhead">{_e(_clip(col.label, 4))}</text>'
                + (f'<text x="{x}" y="36" text-anchor="middle" class="cw-svg-note">{_e(_clip(col.note, 4))}</text>'
                   if col.note else ""))
        body.append(head)
    for i, row in enumerate(rows):
        y = head_h + cell_h * i
        label = (f'<text x="{6 + 14 * row.depth}" y="{y + 15}" class="cw-svg-rowhead cw-svg-depth-{min(row.depth, 2)}">'
                 f'{_e(row.label)}</text>')
        body.append(label)
        for j, col in enumerate(cols):
            value = values[i][j]
            x = label_w + cell_w * j
            tip = (f"{row.label} · {col.label}:{none_label}" if value is None
                   else cell_title.format(row=row.label, col=col.label, value=value))
            fill = 'fill="url(#cw-hatch)" ' if value is None else ""
            cell = (f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" {fill}'
                    f'class="cw-svg-cell cw-svg-shade-{shade(value)}"><title>{_e(tip)}</title></rect>')
            if value:
                cell += (f'<text x="{x + cell_w // 2}" y="{y + 15}" text-anchor="middle" '
                         f'class="cw-svg-value cw-svg-shade-{shade(value)}">{value}</text>')
            body.append(cell)
    x = label_w
    body.append(f'<text x="{x - 8}" y="{legend_y + 14}" text-anchor="end" class="cw-svg-note">'
                f'{_e(legend_label)}</text>')
    for level, text in SHADE_LEGEND:
        body.append(f'<rect x="{x}" y="{legend_y}" width="20" height="18" class="cw-svg-cell cw-svg-shade-{level}"/>'
                    f'<text x="{x + 24}" y="{legend_y + 14}" class="cw-svg-note">{_e(text)}</text>')
        x += 60
    body.append(f'<rect x="{x}" y="{legend_y}" width="20" height="18" fill="url(#cw-hatch)" '
                f'class="cw-svg-cell cw-svg-shade-none"/>'
                f'<text x="{x + 24}" y="{legend_y + 14}" class="cw-svg-note">{_e(none_label)}</text>')
    return _svg(width, height, title, body, "cw-svg cw-heatmap")


# --- layered graph -----------------------------------------------------------------------

@dataclass
class Node:
    id: str
    label: str
    layer: int
    group: str                 # nodes of one group (jurisdiction) sit together under its name
    sublabel: str | None = None
    muted: bool = False        # e.g. a document known only by citation
    tooltip: str | None = None


@dataclass
class Edge:
    source: str
    target: str
    kind: str                  # CSS class suffix and marker, e.g. implements / describes / cites
    label: str | None = None   # hover text


@dataclass
class _Placed:
    node: Node
    x: int
    y: int


def layered_graph(layers: list[str], nodes: list[Node], edges: list[Edge], title: str,
                  edge_kinds: list[tuple[str, str]], muted_label: str, max_width: int = 900) -> Markup:
    """Nodes in horizontal layers (top = layer 0), grouped within a layer, edges as curves.

    A layer wider than ``max_width`` wraps onto further rows, so the drawing stays about
    as wide as a page column however many documents a level has.  ``edge_kinds`` lists
    (kind, name) for the legend, strongest first; ``muted_label`` names the muted nodes.
    """
    node_w, node_h, gap, group_gap, left, top = 132, 58, 10, 24, 56, 10
    row_gap, layer_gap, label_h = 16, 64, 22
    by_layer: dict[int, list[Node]] = {}
    for n in nodes:
        by_layer.setdefault(n.layer, []).append(n)
    inner = max_width - left - 10
    placed: dict[str, _Placed] = {}
    body_groups: list[str] = []
    body_layers: list[str] = []
    y = top
    for layer in sorted(by_layer):
        rows = _wrap_row(by_layer[layer], inner, node_w, gap, group_gap)
        body_layers.append(f'<text x="4" y="{y + label_h + node_h // 2 + 4}" class="cw-svg-layer">'
                           f'{_e(layers[layer])}</text>')
        for row in rows:
            y += label_h
            x = left + (inner - _row_width(row, node_w, gap, group_gap)) // 2
            start = x   # where the current group's box begins
            for k, n in enumerate(row):

                if k:
                    x += group_gap if n.group != row[k - 1].group else gap
                if k == 0 or n.group != row[k - 1].group:
                    start = x
                placed[n.id] = _Placed(n, x, y)
                if k == len(row) - 1 or row[k + 1].group != n.group:
                    body_groups.append(
                        f'<rect x="{start - 5}" y="{y - label_h + 2}" width="{x + node_w - start + 10}" '
                        f'height="{node_h + label_h + 2}" rx="5" class="cw-svg-group"/>'
                        f'<text x="{start}" y="{y - 6}" class="cw-svg-note">{_e(n.group)}</text>')
                x += node_w
            y += node_h + row_gap
        y += layer_gap - row_gap
    legend_y = y - layer_gap + 40
    width, height = max_width, legend_y + 16
    body = ["<defs>"]
    for kind, _ in edge_kinds:
        body.append(f'<marker id="cw-arrow-{_e(kind)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                    f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" '
                    f'class="cw-svg-arrow cw-svg-edge-{_e(kind)}"/></marker>')
    body.append("</defs>")
    body += body_layers + body_groups
    # Edges over the boxes: an arrow that crosses a box stays visible.
    body += [_node(p, node_w, node_h) for p in placed.values()]
    body += _edges(placed, edges, node_w, node_h)
    x = left
    for kind, name in edge_kinds:
        body.append(f'<line x1="{x}" y1="{legend_y}" x2="{x + 34}" y2="{legend_y}" class="cw-svg-edge '
                    f'cw-svg-edge-{_e(kind)}" marker-end="url(#cw-arrow-{_e(kind)})"/>'
                    f'<text x="{x + 40}" y="{legend_y + 4}" class="cw-svg-note">{_e(name)}</text>')
        x += 40 + CHAR * (len(name) + 2)
    body.append(f'<rect x="{x}" y="{legend_y - 8}" width="30" height="16" rx="3" class="cw-svg-legend-muted"/>'
                f'<text x="{x + 36}" y="{legend_y + 4}" class="cw-svg-note">{_e(muted_label)}</text>')
    return _svg(width, height, title, body, "cw-svg cw-graph")


def _row_width(row: list[Node], node_w: int, gap: int, group_gap: int) -> int:
    groups = len({n.group for n in row})
    return len(row) * node_w + (len(row) - groups) * gap + (groups - 1) * group_gap


def _wrap_row(members: list[Node], inner: int, node_w: int, gap: int, group_gap: int) -> list[list[Node]]:
    """Nodes in rows no wider than ``inner``; a group moves whole to the next row rather than
    be split (so its name shows once), unless it is wider than a row by itself."""
    groups: list[list[Node]] = []
    for n in members:
        if groups and groups[-1][0].group == n.group:
            groups[-1].append(n)
        else:
            groups.append([n])
    rows: list[list[Node]] = [[]]
    for group in groups:
        if rows[-1] and _row_width(rows[-1] + group, node_w, gap, group_gap) > inner:
            rows.append([])
        for n in group:
            if rows[-1] and _row_width(rows[-1] + [n], node_w, gap, group_gap) > inner:
                rows.append([])
            rows[-1].append(n)
    return rows


def _node(p: _Placed, w: int, h: int) -> str:
    n = p.node
    lines = _wrap(n.label, (w - 12) // 12, 2)
    text = "".join(f'<text x="{p.x + 6}" y="{p.y + 17 + 15 * i}" class="cw-svg-node-label">{_e(line)}</text>'
                   for i, line in enumerate(lines))
    if n.sublabel:
        text += f'<text x="{p.x + 6}" y="{p.y + h - 8}" class="cw-svg-note">{_e(_clip(n.sublabel, 13))}</text>'
    cls = "cw-svg-node cw-svg-node-muted" if n.muted else "cw-svg-node"
    # No link: the drawing is one image (role=img); the table beside it links each document.
    return (f'<g class="{cls}" id="node-{_e(n.id)}"><title>{_e(n.tooltip or n.label)}</title>'
            f'<rect x="{p.x}" y="{p.y}" width="{w}" height="{h}" rx="4"/>{text}</g>')


def _edges(placed: dict[str, _Placed], edges: list[Edge], w: int, h: int) -> list[str]:
    """Cubic curves from the citing node to the cited one; ports spread along the node's edge."""
    drawable = [e for e in edges if e.source in placed and e.target in placed and e.source != e.target]
    ends: dict[tuple[str, str], list[int]] = {}   # (node, side) → edge indexes using it
    sides = []
    for i, e in enumerate(drawable):
        s, t = placed[e.source], placed[e.target]
        if t.y < s.y:
            side = ("top", "bottom")
        elif t.y > s.y:
            side = ("bottom", "top")
        else:
            side = ("bottom", "bottom")   # same layer: an arc below both
        sides.append(side)
        ends.setdefault((e.source, side[0]), []).append(i)
        ends.setdefault((e.target, side[1]), []).append(i)

    def port(node_id: str, side: str, i: int) -> tuple[int, int]:
        users = sorted(ends[(node_id, side)], key=lambda k: _other_x(placed, drawable[k], node_id))
        p = placed[node_id]
        x = p.x + (users.index(i) + 1) * w // (len(users) + 1)
        return x, (p.y if side == "top" else p.y + h)

    out = []
    for i, e in enumerate(drawable):
        (x1, y1), (x2, y2) = port(e.source, sides[i][0], i), port(e.target, sides[i][1], i)
        if sides[i] == ("bottom", "bottom"):
            dip = max(y1, y2) + 30
            d = f"M{x1},{y1} C{x1},{dip} {x2},{dip} {x2},{y2}"
        else:
            mid = (y1 + y2) // 2
            d = f"M{x1},{y1} C{x1},{mid} {x2},{mid} {x2},{y2}"
        tip = f"<title>{_e(e.label)}</title>" if e.label else ""
        out.append(f'<path d="{d}" class="cw-svg-edge cw-svg-edge-{_e(e.kind)}" '
                   f'marker-end="url(#cw-arrow-{_e(e.kind)})">{tip}</path>')
    return out


def _other_x(placed: dict[str, _Placed], e: Edge, node_id: str) -> int:
    other = e.target if e.source == node_id else e.source
    return placed[other].x
