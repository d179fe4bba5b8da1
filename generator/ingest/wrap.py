"""Hard wraps: a text broken at a fixed width, whatever the words, is joined back first.

A source saved from a fixed-width layout (a PDF's text layer, a mail, a terminal) breaks
every line at the same width, mid-word and mid-heading: (一)為推動…是指 / 志願者….  Its
lines must be joined before a numbered line is split into title and text, or the title
ends where the physical line did.
"""

from __future__ import annotations

from collections import Counter

# A width is the wrap width when this share of the body's lines (and at least MIN_LINES)
# are that long, give or take one character (a half-width digit or mark in the line).
WRAPPED_SHARE = 0.3
MIN_LINES = 3
MIN_WIDTH = 20


def wrap_width(lines: list[str], body: tuple[int, int]) -> int | None:
    """The width the body is hard-wrapped at, or ``None`` if it is not."""
    lengths = [len(lines[n - 1]) for n in range(body[0], body[1] + 1) if lines[n - 1]]
    if not lengths:
        return None
    counts = Counter(lengths)
    width, _ = max(((w, counts[w] + counts[w - 1]) for w in counts if w >= MIN_WIDTH),
                   key=lambda pair: (pair[1], pair[0]), default=(None, 0))
    if width is None:
        return None
    near = counts[width] + counts[width - 1]
    return width if near >= MIN_LINES and near >= WRAPPED_SHARE * len(lengths) else None


def runs_on(line: str, width: int | None) -> bool:
    """Whether ``line`` was cut at the wrap width (it fills the width), so the next line
    continues it even where that line or this one starts with a heading number."""
    return width is not None and len(line) >= width - 1
