"""Checks that nothing is cut out of a document's body, or into it, in silence.

A draft can go wrong in two ways that fidelity cannot see, because every record is still
verbatim in its source:

- a line of the text is left outside ``source.body`` (a goal paragraph, 到2020年…,
  taken for the wrapper's addressee or signature).  Every line outside the body that
  holds a sentence or a number is a warning at its source line, unless it only repeats
  the document's metadata (its title, 文号, a date in ``dates``) or an exclusion in
  ``source.excluded`` names it with the reason;
- a line that is not text becomes a record: a signature (an organ's name alone) or a date
  alone (2017年10月30日) recorded as a task.  Such a record is a warning at its kind.
"""

from __future__ import annotations

import re

from generator.chinese import normalise
from generator.content.model import Document, Record
from generator.content.yamlfile import Problem

# A sentence: its closing punctuation, or a clause break in a line long enough to be prose.
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_CLAUSE = re.compile(r"[，,]")
_PROSE_LENGTH = 12   # Han characters a line with a comma needs before it reads as prose
_HAN = re.compile(r"[\u3400-\u9fff]")
_CN = "〇零一二三四五六七八九十"
_NUMBER = re.compile(rf"[0-9０-９]|百分之|[{_CN}]{{2,}}年|[{_CN}]+(个|项|名|户|条|成|倍|万|亿)")

# A date alone, as a signature block prints it (2017年10月30日, 二〇一七年十月三十日, 2017-10-30),
# with the word that may follow it (印发, 发布 …).
_DATE_ALONE = re.compile(rf"^(\d{{4}}年\d{{1,2}}月\d{{1,2}}日|[{_CN}]{{4}}年[{_CN}]{{1,2}}月[{_CN}]{{1,3}}日"
                         r"|\d{4}[-./]\d{1,2}[-./]\d{1,2})(印发|发布|制定|起草|印)?$")
# The head noun that ends an organ's name (中共玉溪市委, 玉溪市人民政府, 县民政局 …).
_ORGAN_HEADS = ("人民政府", "政府", "党委", "党工委", "委员会", "办公室", "办公厅", "办事处", "委", "局", "厅",
                "办", "部", "院", "会", "中心", "站")
_ORGAN_LENGTH = 30
_PUNCTUATION = re.compile(r"[。，,、；;：:！？!?（）()“”《》]")
_DATE_FORMS = ("{y}-{m:02d}-{d:02d}", "{y}-{m}-{d}", "{y}年{m}月{d}日", "{y}/{m}/{d}", "{y}.{m}.{d}")


def outside_body(doc: Document, lines: tuple[str, ...], label: str) -> list[Problem]:
    """A warning at each source line outside the body that holds a sentence or a number
    which neither the metadata nor an exclusion accounts for."""
    first, last = doc.text_source.body
    named = {n for e in doc.text_source.excluded for n in range(e.lines[0], e.lines[1] + 1)}
    known = _metadata(doc)
    out = []
    for number, line in enumerate(lines, 1):
        if first <= number <= last or number in named or not line:
            continue
        holds = _holds(_without(normalise(line), known))
        if holds:
            where = "before" if number < first else "after"
            shown = line if len(line) <= 40 else line[:40] + "…"
            out.append(Problem(label, number, 1, (
                f"{doc.id}: line {number} lies {where} source.body [{first}, {last}] but holds {holds}: '{shown}'; "
                "if it is the document's text, widen source.body; if not, add it to source.excluded with the "
                "reason (wrapper notice, signature, site footer …)"), "warning"))
    return out


def _holds(text: str) -> str | None:
    if _SENTENCE_END.search(text) or (_CLAUSE.search(text) and len(_HAN.findall(text)) >= _PROSE_LENGTH):
        return "a sentence"
    if _NUMBER.search(text):
        return "a number"
    return None


def _metadata(doc: Document) -> list[str]:
    """What a line outside the body may repeat without a word: the document's metadata as
    printed, each date in the forms a header or signature writes it, longest first."""
    out = [doc.title, doc.full_title, doc.number, doc.text_source.url_title, *doc.issuers]

    for value in (doc.dates or {}).values():
        parts = [int(p) for p in str(value).split("-")]
        if len(parts) == 3:
            y, m, d = parts
            out += [form.format(y=y, m=m, d=d) for form in _DATE_FORMS]
    return sorted({normalise(x) for x in out if x}, key=len, reverse=True)


def _without(text: str, known: list[str]) -> str:
    for value in known:
        text = text.replace(value, " ")
    return text


def kind_looks_wrong(record: Record, where: str) -> list[Problem]:
    """A warning for a record that is a signature or a date alone, whatever its kind: such a
    line belongs to the document's metadata (issuers, dates), not to its records."""
    whole = f"{record.title or ''}{record.text or ''}".strip()
    if len(whole) > _ORGAN_LENGTH * 2:
        return []   # a signature or a date is short; a national corpus is not converted for this
    whole = normalise(whole).rstrip("。")
    if _DATE_ALONE.match(whole):
        what = "a date alone"
    elif not record.number and not record.children and _organs_alone(whole):
        what = "an organ's name alone (a signature)"
    else:
        return []
    return [record.at.get("kind", record.pos).problem(
        f"{where}: the record is {what} ('{whole}') but is recorded as kind '{record.kind}'; a signature or "
        "date is metadata (issuers, dates): leave its line out of the records, in source.excluded with the "
        "reason, or outside source.body", "warning")]


def _organs_alone(text: str) -> bool:
    names = text.split()
    return bool(names) and all(len(name) <= _ORGAN_LENGTH and not _PUNCTUATION.search(name)
                               and name.endswith(_ORGAN_HEADS) for name in names)
