"""Names and titles that would display as something other than what they hold.

A bidirectional control (U+202E …) makes 局政民市充南 render as 南充市民政局 while search
and the exports keep the reversed text; a zero-width character makes two names that look
the same differ.  Both are refused.  A CJK compatibility ideograph (U+F900 …), a space at
either end and text not in Unicode NFC are only warned about: they may be what a source
prints, but they keep a name from matching its twin.
"""

from __future__ import annotations

import unicodedata

from generator.content.yamlfile import MarkedList, Pos, Problem

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")


def _compatibility_ideograph(c: str) -> bool:
    return "\uf900" <= c <= "\ufaff" or "\U0002f800" <= c <= "\U0002fa1f"


def problems(text: str, pos: Pos, where: str) -> list[Problem]:
    """What is wrong with the name or title ``text`` at ``pos``: errors and warnings."""
    out = []
    for kinds, what in ((_BIDI, "bidirectional control"), (_ZERO_WIDTH, "zero-width character")):
        found = sorted({f"U+{ord(c):04X}" for c in text if c in kinds})
        if found:
            out.append(pos.problem(f"{where}: holds the {what} {', '.join(found)}, which makes the text "
                                   f"display as something it is not; remove it"))
    compat = sorted({f"U+{ord(c):04X}" for c in text if _compatibility_ideograph(c)})
    if compat:
        out.append(pos.problem(f"{where}: holds the CJK compatibility ideograph {', '.join(compat)}; "
                               f"write the unified ideograph: {unicodedata.normalize('NFC', text)!r}", "warning"))
    elif unicodedata.normalize("NFC", text) != text:
        out.append(pos.problem(f"{where}: is not in Unicode NFC; write {unicodedata.normalize('NFC', text)!r}",
                               "warning"))
    if text != text.strip():
        out.append(pos.problem(f"{where}: begins or ends with a space; write {text.strip()!r}", "warning"))
    return out


def field_problems(raw, pos: Pos, where: str) -> list[Problem]:
    """``problems`` of a name or title field as written: text, or a list of texts each at its position."""
    if isinstance(raw, str):
        return problems(raw, pos, where)
    return [p for i, text in enumerate(raw) if isinstance(text, str)
            for p in problems(text, raw.pos_of(i) if isinstance(raw, MarkedList) else pos, f"{where}[{i}]")]
