"""Reading raw source texts and the cleaning every record is checked against.

A record's text must be found verbatim in its *cleaned* source: the raw text with
converter artefacts removed (``社區(qū)`` → ``社區``) and paragraphs that a scrape split
across a blank line joined again.  Nothing else changes, so the wording of the source,
errors included, is what the records hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import charset_normalizer


class SourceError(ValueError):
    """A source file that cannot be read as text."""


# A CJK character followed by a parenthesised pinyin syllable with a tone mark
# (區(qū), 發(fā), 鎮(zhèn)): a converter's note on a character it was unsure of.  The
# character is right; the parenthesis goes.  A tone mark is required so that ordinary
# Latin text in parentheses is never touched.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-zü]*[{_TONED}])[a-z{_TONED}ü]{{1,6}}\)")

_WHITESPACE = " \t\u00a0\u3000\ufeff"


def decode(data: bytes, name: str) -> str:
    """Text of a source file's bytes: UTF-8 (with or without BOM), GB18030 or Big5."""
    if not data.strip():
        raise SourceError(f"{name}: the file is empty")
    if b"\x00" in data[:4096]:
        raise SourceError(f"{name}: the file is binary (it contains NUL bytes), not a text")
    for encoding in ("utf-8-sig", "gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" or _mostly_cjk(text):
            return _normalise_newlines(text)
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.encoding and _mostly_cjk(str(guess)):
        return _normalise_newlines(str(guess))
    raise SourceError(f"{name}: cannot tell the encoding (tried UTF-8, GB18030, Big5); "
                      "save it as UTF-8 and try again")


def _mostly_cjk(text: str) -> bool:
    letters = [c for c in text if not c.isspace() and not c.isascii()]
    if not letters:
        return True
    cjk = sum(1 for c in letters if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    return cjk / len(letters) > 0.7


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the file ({exc.strerror})") from None
    return decode(data, str(path))


def strip_pinyin(line: str) -> str:
    return PINYIN.sub("", line)


def clean_lines(text: str) -> list[str]:
    """The source's lines, artefacts removed and surrounding white space trimmed.

    Index ``i`` holds line ``i + 1``, so line numbers in records stay those of the raw
    file a maintainer opens.
    """
    return [strip_pinyin(line).strip(_WHITESPACE) for line in text.split("\n")]


def span_text(lines: Sequence[str], first: int, last: int, joins: frozenset[int] = frozenset()) -> str:
    """Text of source lines ``first``..``last`` (1-based, inclusive).

    Blank lines are dropped; a line listed in ``joins`` runs straight on into the next
    non-blank line, other lines are separated by a newline.
    """
    out: list[str] = []
    glue = ""
    for number in range(first, last + 1):
        line = lines[number - 1] if 0 < number <= len(lines) else ""
        if not line:
            continue
        out.append(glue + line if out else line)
        glue = "" if number in joins else "\n"
    return "".join(out)
