"""Hard wraps: a text broken at a fixed width, whatever the words, is joined back first.

A source saved from a fixed-width layout (a PDF's text layer, a mail, a terminal) breaks
every line at the same width, mid-word and mid-heading: (一)為推動…是指 / 志願者….  Its
lines must be joined before a numbered line is split into title and text, or the title
ends where the physical line did.  The width is counted in characters or in display
columns (a Han character two, a digit one), whichever the lines agree on.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

# A width is the wrap width when this share of the body's lines (and at least MIN_LINES)
# are that long, give or take one character (two columns: a half-width digit or mark).
WRAPPED_SHARE = 0.3
MIN_LINES = 3
MIN_WIDTH = 20


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@dataclass(frozen=True)
class Wrap:
    width: int
    unit: str    # "characters" or "columns"
    slack: int   # how much shorter a full line may be

    def measure(self, line: str) -> int:
        return len(line) if self.unit == "characters" else columns(line)


def wrap_width(lines: list[str], body: tuple[int, int]) -> Wrap | None:
    """How the body is hard-wrapped, or ``None`` if it is not."""
    texts = [lines[n - 1] for n in range(body[0], body[1] + 1) if lines[n - 1]]
    found = []
    for unit, measure, slack in (("characters", len, 1), ("columns", columns, 2)):
        counts = Counter(map(measure, texts))
        near = {w: sum(counts[w - k] for k in range(slack + 1)) for w in counts if w >= MIN_WIDTH}
        if near:
            width = max(near, key=lambda w: (near[w], w))
            if near[width] >= MIN_LINES and near[width] >= WRAPPED_SHARE * len(texts):
                found.append((near[width], Wrap(width, unit, slack)))
    return max(found, key=lambda pair: pair[0])[1] if found else None


def runs_on(line: str, wrap: Wrap | None) -> bool:
    """Whether ``line`` was cut at the wrap width (it fills the width), so the next line
    continues it even where that line or this one starts with a heading number."""
    return wrap is not None and wrap.measure(line) >= wrap.width - wrap.slack


# A paragraph's first line indented by two spaces or an ideographic space (a PDF's text layer).
_INDENT = ("\u3000", "  ", "\t")


def indented(raw_lines: list[str], body: tuple[int, int]) -> frozenset[int]:
    """The body's lines that start with a paragraph indent, where at least ``MIN_LINES`` do:
    a text that marks where each paragraph starts."""
    found = frozenset(n for n in range(body[0], body[1] + 1)
                      if n <= len(raw_lines) and raw_lines[n - 1].startswith(_INDENT) and raw_lines[n - 1].strip())
    return found if len(found) >= MIN_LINES else frozenset()
