"""Simplified ↔ Traditional conversion: the project's one converter, and the script rule.

The rule (documented on the about page and in the README): a document's page in its
source's own script shows the source exactly as printed; in the other script it shows
OpenCC's phrase-level conversion (``t2s`` / ``s2tw``) corrected by the project's exceptions
dictionary, ``script_exceptions.yaml`` beside this module.

Traditional output uses ``s2tw``: OpenCC's phrase conversion with the character forms
most Traditional readers expect (為, 裡), but without Taiwan vocabulary substitution
(``s2twp`` would turn 信息 into 資訊), so policy terms keep their mainland wording.

Pages are rendered once and converted as a whole (``to_script``); into Traditional, OpenCC
is given only the runs of a page's markup that hold words, each distinct run once a process,
with the same result as the whole page in one call.  Text that must not be converted on some
page carries a mark that ``to_script`` honours and removes:

- ``as_printed(text, source_script)``: source text, kept as it is on the pages of its own
  script and converted on the others (invisible private-use characters, made in Python);
- ``Printed``: source text that knows its script, as the loader gives every field the schema
  declares ``printed``; a template shows it marked (``shown``, the templates' ``finalize``),
  so no page kind has to remember to, and ``to_script`` takes one as marked;
- ``piece(text, start, end)``, ``excerpt(text, chars)``: part of a text, cut after the whole
  text is in the page's script, so that a phrase is converted whole before any cut;
- ``choice(hans, hant)``: one text for each script, taken as it is (an address);
- ``⟦…⟧`` written in an editorial note: character forms quoted as forms, kept as written in
  both scripts (``KEEP_OPEN`` / ``KEEP_CLOSE``); ``⟦繁|…⟧`` or ``⟦简|…⟧``: a source's words
  quoted as printed in that script, kept on its pages and converted on the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import opencc
import yaml

SCRIPTS = ("hans", "hant")
LANG = {"hans": "zh-Hans", "hant": "zh-Hant"}

CONFIG = {"hans": "t2s", "hant": "s2tw"}          # the project's conversion into each script
EXCEPTIONS_FILE = Path(__file__).resolve().with_name("script_exceptions.yaml")
EXCEPTION_SECTIONS = {"hans": "to_hans", "hant": "to_hant"}
JUDGED_SECTION = "judged_right"   # phrases the slip check points at that were judged right as converted

# Han ideographs (the unified blocks, compatibility ideographs and 〇), as a character class's
# ranges; the same ranges are written in the search modules (tokenizer.js), which must
# tokenise queries exactly as records are tokenised (search/records.py) and compare texts as
# analysis/closeness.py does.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"

# Records converted together, by whoever converts many (the exports, the search index):
# OpenCC costs far more a call than a character (0.09 ms a call here), and a batch bounds
# what a writer holds at once (a national corpus's rows all at once made the build's peak).
BATCH = 2000
_T = TypeVar("_T")


def batches(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    """``items`` ``BATCH`` at a time, in order."""
    for start in range(0, len(items), BATCH):
        yield items[start:start + BATCH]

# Written by editors in note text: kept as written in both scripts.
KEEP_OPEN, KEEP_CLOSE = "⟦", "⟧"
# Made by ``as_printed`` only: private-use characters, which no source or OpenCC table holds.
_OPEN, _CLOSE = "\ue000", "\ue001"
_KEPT = "\ue002"   # stands in for a kept span while the rest of the text is converted
_FIXED = "\ue003"  # stands in for an exception's phrase while OpenCC converts the rest
_OR = "\ue004"     # between the two texts of a choice
_CUT = "\ue005"    # after an excerpt's length, before its text
_BETWEEN = "\ue006"  # between the whole texts of a page's pieces, converted in one call
_SOURCE_CODE = {"hans": "s", "hant": "t"}
_CHOICE = "c"
# Content is untrusted: these characters are dropped from any text before it is marked or
# converted, so that no text can open, close or fill in a mark of its own.
_MARK_CHARS = re.compile(f"[{_OPEN}{_CLOSE}{_KEPT}{_FIXED}{_OR}{_CUT}{_BETWEEN}]")
_PLACEHOLDERS = re.compile(f"[{_KEPT}{_FIXED}]")


def _without(pattern: re.Pattern, text: str) -> str:
    # A search first: nearly every text holds none, and a search is far quicker than a rewrite.
    return pattern.sub("", text) if pattern.search(text) else text
# ``⟦繁|…⟧`` / ``⟦简|…⟧`` in editorial text: a source's words quoted as printed in that script,
# kept on its pages and converted on the others, as source text is.
_QUOTED = re.compile(r"([简繁])\|(.*)", re.S)
_QUOTED_SCRIPT = {"简": "hans", "繁": "hant"}
_UNMARK = re.compile(f"{re.escape(KEEP_OPEN)}(.*?){re.escape(KEEP_CLOSE)}", re.S)
_MARKED = re.compile(f"{_OPEN}([stc])(?:([0-9]+-[0-9]+){_CUT})?(.*?){_CLOSE}|{re.escape(KEEP_OPEN)}(.*?){re.escape(KEEP_CLOSE)}",
                     re.S)


def family(script: str) -> str:
    """``hans`` or ``hant``: the script a source's pages count as its own (``hant-mixed`` is
    Traditional with Simplified forms left by a machine conversion)."""
    return "hans" if script == "hans" else "hant"


def other(script: str) -> str:
    return "hant" if family(script) == "hans" else "hans"


@lru_cache(maxsize=8)
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def opencc_only(text: str, config: str) -> str:
    """OpenCC alone with the named configuration (``t2s``, ``tw2s`` …), for checks and tests."""
    return _opencc(config).convert(text)


class ExceptionsError(ValueError):
    """The exceptions dictionary cannot be used."""


@lru_cache(maxsize=4)
def exceptions(path: Path = EXCEPTIONS_FILE) -> dict[str, dict[str, str]]:
    """Script → {phrase as written in the other script: what it must become}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, dict[str, str]] = {}
    for script, section in EXCEPTION_SECTIONS.items():
        entries = data.get(section) or {}
        if not isinstance(entries, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v
                                                    for k, v in entries.items()):
            raise ExceptionsError(f"{path}: {section} must map phrases to phrases")
        for phrase in entries:   # converted in markup a run at a time (``_convert_words``)
            if phrase.isascii() or any(c in phrase for c in _MARKUP_CUTS):
                raise ExceptionsError(f"{path}: {section}: {phrase!r} must hold Chinese and none of {_MARKUP_CUTS}")
        out[script] = dict(entries)
    unknown = set(data) - set(EXCEPTION_SECTIONS.values()) - {JUDGED_SECTION}
    if unknown:
        raise ExceptionsError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}; "
                              f"expected {', '.join(EXCEPTION_SECTIONS.values())}")
    return out


@lru_cache(maxsize=4)
def judged_right(path: Path = EXCEPTIONS_FILE) -> dict[str, str]:
    """Simplified phrase → the Traditional a reader judged right, where the slip check questions
    it (关系 → 關係 though 系 stays 系 more often): not corrections, so not in ``exceptions``."""
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(JUDGED_SECTION) or {}
    if not isinstance(entries, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v
                                                for k, v in entries.items()):
        raise ExceptionsError(f"{path}: {JUDGED_SECTION} must map phrases to phrases")
    return dict(entries)


@lru_cache(maxsize=4)
def _exception_pattern(script: str, path: Path = EXCEPTIONS_FILE) -> re.Pattern | None:
    keys = sorted(exceptions(path)[script], key=len, reverse=True)  # the longest phrase wins
    return re.compile("|".join(map(re.escape, keys))) if keys else None


def convert(text: str, script: str, path: Path = EXCEPTIONS_FILE) -> str:
    """``text`` in ``script``: OpenCC's phrase conversion, corrected by the exceptions dictionary.

    An exception's phrase is taken out before OpenCC sees the text and its correction put
    back after, so OpenCC cannot split it into other phrases.
    """
    if not text:
        return text
    if _FIXED in text:  # only this module puts it there (to_script's own placeholder stays)
        text = text.replace(_FIXED, "")
    pattern = _exception_pattern(script, path)
    if pattern is None:
        return _opencc(CONFIG[script]).convert(text)
    table = exceptions(path)[script]
    found = [m.group() for m in pattern.finditer(text)]
    if not found:
        return _opencc(CONFIG[script]).convert(text)
    parts = _opencc(CONFIG[script]).convert(pattern.sub(_FIXED, text)).split(_FIXED)
    return "".join(part + fixed for part, fixed in zip(parts, [table[f] for f in found] + [""]))


class Printed(str):
    """Text copied from a source in ``script`` (``hans`` or ``hant``), as printed.

    A ``str`` in every other respect: checks, search and exports read it as they read any
    text.  What a ``str`` method makes of it (a slice, a join) is plain text again, on
    purpose: a piece of it is shown through ``excerpt``, a joint text through ``joined``.
    One subclass per script holds the script, so an instance carries no dictionary of its own
    (a national corpus has hundreds of thousands of them)."""

    __slots__ = ()
    script: str = ""

    def __new__(cls, text: str, script: str) -> Printed:
        return str.__new__(_PRINTED[family(script)], text)

    def __reduce__(self):  # pickled with its script (the build's worker processes)
        return Printed, (str(self), self.script)


class _PrintedHans(Printed):
    __slots__ = ()
    script = "hans"


class _PrintedHant(Printed):
    __slots__ = ()
    script = "hant"


_PRINTED = {"hans": _PrintedHans, "hant": _PrintedHant}


def printed_in(text, script: str | None):
    """``text`` as ``Printed`` in ``script``; unchanged when it is not a string or ``script`` is None."""
    return Printed(text, script) if script and isinstance(text, str) and text else text


def joined(separator: str, parts) -> str:
    """The parts joined; ``Printed`` in their script when they are all text of one source."""
    parts = [p for p in parts if p]
    text = separator.join(parts)
    scripts = {getattr(p, "script", None) for p in parts}
    script = scripts.pop() if len(scripts) == 1 else None
    return Printed(text, script) if script else text


def as_printed(text: str, source_script: str) -> str:
    """``text`` from a source in ``source_script``, marked so that ``to_script`` keeps it as
    printed on pages of that script and converts it on the others."""
    if not text:
        return text
    return f"{_OPEN}{_SOURCE_CODE[family(source_script)]}{_without(_MARK_CHARS, text)}{_CLOSE}"


def shown(value):
    """A value as a page shows it: ``Printed`` text marked (``as_printed``), anything else as it is.
    The templates' ``finalize``: every ``{{ … }}`` goes through it."""
    return as_printed(value, value.script) if isinstance(value, Printed) else value


def shown_within(value):
    """``value`` (JSON data a page carries) with every ``Printed`` text in it marked (``shown``)."""
    if isinstance(value, dict):
        return {k: shown_within(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shown_within(v) for v in value]
    return shown(value)


def piece(text: str, start: int, end: int) -> str:
    """``text[start:end]``, marked when ``text`` is ``Printed`` so that each page cuts it after
    the whole text is in the page's script: the exceptions dictionary sees its phrases whole
    (工作准入 cut after 准 stays 准).  A conversion that changes the text's length (none in
    the bundled corpus) falls back to converting the piece alone."""
    if not isinstance(text, Printed):
        return text[start:end]
    if start <= 0 and end >= len(text):
        return shown(text)
    return f"{_OPEN}{_SOURCE_CODE[text.script]}{max(start, 0)}-{end}{_CUT}{_without(_MARK_CHARS, text)}{_CLOSE}"


def excerpt(text: str, chars: int) -> str:
    """``text``'s first ``chars`` characters and "…" (the whole text if it is no longer), cut
    after the text is in the page's script (``piece``)."""
    return piece(text, 0, chars) + "…" if len(text) > chars else shown(text)


def _cut(text: str, whole: str, span: str | None, script: str | None = None) -> str:
    """The piece ``span`` ("start-end") of ``text``, the page's form of ``whole``."""
    if span is None:
        return text
    start, end = map(int, span.split("-"))
    if len(text) != len(whole):
        return convert(whole[start:end], script) if script else whole[start:end]
    return text[start:end]


def choice(hans: str, hant: str) -> str:
    """One text for each script, which ``to_script`` takes as it is for its script."""
    return f"{_OPEN}{_CHOICE}{_without(_MARK_CHARS, hans)}{_OR}{_without(_MARK_CHARS, hant)}{_CLOSE}"


def in_script(text: str, source_script: str, script: str) -> str:
    """Source text as a page in ``script`` shows it: as printed in its own script, else converted."""
    return text if family(source_script) == script else convert(text, script)


def to_script(text: str, script: str) -> str:
    """A page's text (any mix of scripts) in ``script``, its marks honoured and removed."""
    if not text:
        return text
    if isinstance(text, Printed):
        text = as_printed(text, text.script)
    if _KEPT in text or _FIXED in text:
        text = _PLACEHOLDERS.sub("", text)
    kept: list[str] = []
    wholes = _wholes(text, script)

    def keep(m: re.Match) -> str:
        code, span, marked, literal = m.groups()
        if literal is not None:
            quoted = _QUOTED.match(literal)
            if quoted:  # a source's words quoted in editorial text: its script's rule
                own = _QUOTED_SCRIPT[quoted.group(1)]
                kept.append(quoted.group(2) if own == script else convert(quoted.group(2), script))
            else:
                kept.append(literal)
            return _KEPT
        if code == _CHOICE:
            kept.append(marked.split(_OR)[SCRIPTS.index(script)])
            return _KEPT
        if code == _SOURCE_CODE[script]:
            kept.append(_cut(marked, marked, span))
            return _KEPT
        if span is not None:   # converted whole, then cut
            kept.append(_cut(wholes[marked], marked, span, script))
            return _KEPT
        return marked   # converted with the rest

    plain = _MARKED.sub(keep, text) if (_OPEN in text or KEEP_OPEN in text) else text
    converted = _convert_words(plain, script) if script in _BY_RUNS else convert(plain, script)
    if not kept:
        return converted
    parts = converted.split(_KEPT)
    return "".join(part + kept_text for part, kept_text in zip(parts, kept + [""]))



# Markup: OpenCC reads no phrase across a tag's brackets or an attribute's quotes (no OpenCC
# phrase and no exception holds one: tests/test_convert_markup.py checks OpenCC's tables,
# ``exceptions`` its own), so the text between two of them converts alone exactly as in its
# page.  A run that holds only ASCII is left as it is (no phrase is ASCII alone); one that
# holds more is converted once a process: a page's runs repeat across pages (unit names,
# titles, labels: at 300 documents three quarters of the characters OpenCC was given).
_MARKUP_CUTS = '<>"'
_RUN = re.compile(r'([<>"])([^<>"\x80-\U0010ffff]*+[^\x00-\x7f][^<>"]*)')
# Only into Traditional: s2tw reads phrases from 49,000, t2s from fewer than 500, and cutting a
# page costs more than t2s over all of it (300 documents' page bodies: 0.41 s whole, 0.56 s cut;
# into Traditional 1.33 s whole, 0.87 s cut and remembered).
_BY_RUNS = {"hant"}
_RUNS_KEPT = 50_000   # runs remembered for each script; past that the memo starts again
_RUNS_DONE: dict[str, dict[str, str]] = {script: {} for script in _BY_RUNS}


def _convert_words(text: str, script: str) -> str:
    """``convert(text, script)``, with OpenCC given only the runs of ``text`` that hold words."""
    if "<" not in text or _BETWEEN in text:   # not markup, or a text holding the separator itself
        return convert(text, script)
    parts = _RUN.split(text)   # head, then (cut, run, what follows up to the next cut) repeated
    if not parts[0].isascii():   # the head runs from the text's start to a cut
        parts[0] = convert(parts[0], script)
    runs = parts[2::3]
    done = _RUNS_DONE[script]
    new = [run for run in dict.fromkeys(runs) if run not in done]
    if new:
        if len(done) + len(new) > _RUNS_KEPT:
            done.clear()
            new = list(dict.fromkeys(runs))
        converted = convert(_BETWEEN.join(new), script).split(_BETWEEN)
        if len(converted) != len(new):
            return convert(text, script)
        done.update(zip(new, converted))
    parts[2::3] = map(done.__getitem__, runs)
    return "".join(parts)


def to_script_once(script: str) -> Callable[[str], str]:
    """``to_script`` for text that repeats (a workbook's cells, the names of precedents): each
    distinct text converted once, for as long as the returned function is kept."""
    done: dict[str, str] = {}

    def convert_once(text: str) -> str:
        if text not in done:
            done[text] = to_script(text, script)
        return done[text]

    return convert_once

def _wholes(text: str, script: str) -> dict[str, str]:
    """The whole texts the page cuts pieces from and converts, each converted once, all in one
    OpenCC call (a call costs far more than a character; a precedent's text gives several pieces)."""
    if _CUT not in text:
        return {}
    other = _SOURCE_CODE[SCRIPTS[1 - SCRIPTS.index(script)]]
    texts = list(dict.fromkeys(m.group(3) for m in _MARKED.finditer(text) if m.group(2) and m.group(1) == other))
    if not texts:
        return {}
    converted = convert(_BETWEEN.join(texts), script).split(_BETWEEN)
    if len(converted) != len(texts):
        converted = [convert(t, script) for t in texts]
    return dict(zip(texts, converted))


def unmarked(text: str) -> str:
    """Text with its ``⟦…⟧`` marks taken out, for data files that show it unconverted."""
    if not text or (KEEP_OPEN not in text and KEEP_CLOSE not in text):
        return text
    text = _UNMARK.sub(lambda m: _QUOTED.sub(r"\2", m.group(1)), text)
    return text.replace(KEEP_OPEN, "").replace(KEEP_CLOSE, "")   # an unmatched one too


def normalise(text: str) -> str:
    """Script-neutral form for matching and similarity: Simplified."""
    return convert(text, "hans")
