"""``crosswalk scripts``: find where the conversion into the other script slips.

Every verbatim text of every source (record titles, texts, 责任单位 lists, target spans,
document titles) is converted into the other script with the project's converter
(``chinese.convert``: OpenCC corrected by ``script_exceptions.yaml``), and three tests point
at the phrases to look at:

- ``reference``: Traditional → Simplified, where OpenCC's ``tw2s`` disagrees with our ``t2s``
  (``t2s`` keeps 著 in 随著; ``tw2s`` knows the particle is 着);
- ``round trip``: Simplified → Traditional → Simplified does not give the source back
  (着 → 著 → 著: the way back cannot tell the particle from 著作);
- ``inconsistent``: the same two Simplified characters become different Traditional ones in
  different places (准入 → 准入 twice, 工作准入 → 工作準入 once);
- ``unusual``: in editorial text (notes, scopes, rationales, indicator texts, names, the
  about pages in ``docs/``), a character becomes another Traditional one than it most often
  does across everything the site converts (完善并发挥 → 併發揮, where 并 is 並 27 times).
  A phrase judged right as converted goes under ``judged_right`` in the dictionary's file.

A finding inside a phrase of the exceptions dictionary has been judged and is not listed
again.  Traditional sources' own forms (關系, 于) are kept as printed on their own pages and
are not slips; ``--sources`` lists them with how they read in Simplified, for review.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import PROJECT_ROOT, chinese
from generator.content import prose
from generator.content.load import Paths, load
from generator.content.model import Corpus, Document
from generator.content.yamlfile import Pos, Problem

REFERENCE = {"hans": "tw2s"}  # a second opinion on Traditional → Simplified
CONTEXT = 2                   # characters shown on each side of a finding
_HAN_PAIR = re.compile("[\u3400-\u9fff]{2}")


@dataclass(frozen=True)
class Text:
    doc: Document | None   # None: editorial text
    field: str
    text: str
    pos: Pos | None


@dataclass
class Slip:
    kind: str        # reference | round trip | inconsistent | mark | source form
    phrase: str      # as the source prints it, with CONTEXT characters around
    converted: str   # what the project's converter makes of it
    expected: str    # what the reference, the way back or most other places give
    text: Text

    def problem(self) -> Problem:
        if self.text.doc is None:
            pos = self.text.pos or Pos("crosswalk", 1, 1)
            return pos.problem(f"{self.text.field}: {self.message()}", severity="warning")
        pos = self.text.pos or Pos(f"content/documents/{self.text.doc.id}.yaml", 1, 1)
        return pos.problem(f"{self.text.doc.id} {self.text.field}: {self.message()}", severity="warning")

    def message(self) -> str:
        table = chinese.EXCEPTIONS_FILE.name
        if self.kind == "reference":
            return (f"{self.phrase}: t2s gives {self.converted}, tw2s {self.expected}; "
                    f"if tw2s is right, add the phrase to {table} under to_hans")
        if self.kind == "round trip":
            return (f"{self.phrase} → {self.converted} → back {self.expected}; if the way back is wrong, "
                    f"add the Traditional phrase to {table} under to_hans")
        if self.kind == "inconsistent":
            return (f"{self.phrase}: s2tw gives {self.converted}, but {self.expected}; "
                    f"if this one is wrong, add the phrase to {table} under to_hant")
        if self.kind == "unusual":
            return (f"{self.phrase} becomes {self.converted}, where {self.expected}; if this one is wrong, add "
                    f"the phrase to {table} under to_hant, if right, under judged_right")
        if self.kind == "mark":
            return f"the source text holds {self.phrase}, which the converter reads as a mark ({self.expected})"
        return (f"the source prints {self.phrase} (standard Traditional {self.expected}): kept as printed on "
                f"its own pages; the Simplified pages read {self.converted}")


def source_texts(corpus: Corpus) -> Iterator[Text]:
    """Every text a source prints that the site shows, with where it is written."""
    for doc in corpus.sorted_documents():
        if not doc.source:
            continue
        yield Text(doc, "title", doc.title, doc.at.get("title", doc.pos))
        for r in doc.walk():
            fields = [("title", r.title), ("text", r.text),
                      ("responsibility.raw", r.responsibility.raw if r.responsibility else None)]
            fields += [(f"targets.{t.id}.span", t.span) for t in r.targets]
            for name, value in fields:
                if value:
                    yield Text(doc, f"{r.id}.{name}", value, r.at.get(name.split(".")[0], r.pos))


def editorial_texts(corpus: Corpus, root: Path | None) -> Iterator[Text]:
    """Every editorial text the site converts into Traditional: prose (``prose.fields``),
    names, and the lines of the about pages under ``docs/``."""
    for text, pos in prose.fields(corpus):
        yield Text(None, "editorial prose", text, pos)
    for kind, items in (("topic", corpus.topics.values()), ("indicator", corpus.indicators.values()),
                        ("unit", corpus.units.values()), ("jurisdiction", corpus.jurisdictions.values())):
        for item in items:
            yield Text(None, f"{kind} {item.id} name", item.name, item.at.get("name", item.pos)
                       if hasattr(item, "at") else item.pos)
    if root is None:
        return
    for page in sorted((root / "docs").rglob("*.md")):
        label = page.relative_to(root).as_posix()
        for number, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1):
            if _HAN_PAIR.search(line):
                yield Text(None, "about page", line, Pos(label, number, 1))


def _unusual(corpus: Corpus, path: Path, root: Path | None) -> list[Slip]:
    """Characters of editorial text converted otherwise than they most often are."""
    judged = chinese.judged_right(path)
    fixed = chinese.exceptions(path)["hant"]
    editorial = list(editorial_texts(corpus, root))
    converted = {}
    renderings: dict[str, Counter] = defaultdict(Counter)
    simplified = [t for t in source_texts(corpus) if t.doc and chinese.family(t.doc.text_source.script) == "hans"]
    for item in simplified + editorial:
        if item.text in converted:
            continue
        converted[item.text] = out = chinese.convert(item.text, "hant", path)
        if len(out) == len(item.text):
            for a, b in zip(item.text, out):
                renderings[a][b] += 1
    slips = []
    for item in editorial:
        text, out = item.text, converted[item.text]
        if len(out) != len(text):
            continue
        for i, (a, b) in enumerate(zip(text, out)):
            if len(renderings[a]) < 2:
                continue
            usual, times = renderings[a].most_common(1)[0]
            if b != usual and not _covered(text, i, fixed) and not _judged(text, out, i, judged):
                slips.append(Slip("unusual", _window(text, i), _window(out, i),
                                  f"{a} becomes {usual} {times} time(s) elsewhere", item))
    return slips


def _judged(text: str, out: str, i: int, judged: dict[str, str]) -> bool:
    """Whether position ``i`` lies in a phrase judged right, converted as it was judged."""
    for phrase, right in judged.items():
        start = text.find(phrase, max(0, i - len(phrase) + 1))
        while 0 <= start <= i:
            if out[start:start + len(phrase)] == right:
                return True
            start = text.find(phrase, start + 1)
    return False


def _window(text: str, i: int, j: int | None = None) -> str:
    return text[max(0, i - CONTEXT):(j or i + 1) + CONTEXT]


def _covered(text: str, i: int, phrases: dict[str, str]) -> bool:
    """Whether position ``i`` of ``text`` lies inside a phrase of the exceptions dictionary."""
    for phrase in phrases:
        start = text.find(phrase, max(0, i - len(phrase) + 1))
        while 0 <= start <= i:
            if i < start + len(phrase):
                return True
            start = text.find(phrase, start + 1)
    return False


def find_slips(corpus: Corpus, path: Path = chinese.EXCEPTIONS_FILE, sources: bool = False,
               root: Path | None = PROJECT_ROOT) -> list[Slip]:
    """Every uncovered finding (and, with ``sources``, the Traditional sources' own forms);
    ``root``: the project whose about pages (``docs/``) are read, None for none."""
    table = chinese.exceptions(path)
    out: list[Slip] = _unusual(corpus, path, root)
    pairs: dict[str, Counter] = defaultdict(Counter)       # Simplified pair → its Traditional renderings
    where: dict[tuple[str, str], list[tuple[Text, int]]] = defaultdict(list)
    for item in source_texts(corpus):
        for mark in (chinese.KEEP_OPEN, chinese.KEEP_CLOSE):
            if mark in item.text:
                at = item.text.index(mark)
                out.append(Slip("mark", _window(item.text, at), "", "⟦…⟧ is kept unconverted and dropped", item))
        if item.doc is None:  # source texts all have their document
            continue
        own = chinese.family(item.doc.text_source.script)
        into = chinese.other(own)
        text = item.text
        converted = chinese.convert(text, into, path)
        back = chinese.convert(converted, own, path)
        if len(converted) != len(text) or len(back) != len(text):
            continue  # OpenCC changed a length (never for these configs); no position to point at
        if into == "hans":
            reference = chinese.opencc_only(text, REFERENCE["hans"])
            for i, (a, b) in enumerate(zip(converted, reference)):
                if a != b and not _covered(text, i, table["hans"]):
                    out.append(Slip("reference", _window(text, i), _window(converted, i), _window(reference, i), item))
            if sources:
                for i, (a, b) in enumerate(zip(back, text)):
                    if a != b and not _covered(text, i, table["hans"]):
                        out.append(Slip("source form", _window(text, i), _window(converted, i), _window(back, i), item))
            continue
        for i, (a, b) in enumerate(zip(back, text)):
            if a != b and not _covered(text, i, table["hant"]):
                out.append(Slip("round trip", _window(text, i), _window(converted, i), _window(back, i), item))
        for i in range(len(text) - 1):
            pair = text[i:i + 2]
            if _HAN_PAIR.fullmatch(pair):
                pairs[pair][converted[i:i + 2]] += 1
                where[(pair, converted[i:i + 2])].append((item, i))
    for pair, renderings in pairs.items():
        if len(renderings) < 2:
            continue
        alone = chinese.convert(pair, "hant", path)   # the reading with no context to mislead it
        for rendering in renderings:
            if rendering == alone:
                continue
            for item, i in where[(pair, rendering)]:
                if not (_covered(item.text, i, table["hant"]) or _covered(item.text, i + 1, table["hant"])):
                    converted = chinese.convert(item.text, "hant", path)
                    elsewhere = f", as in {renderings[alone]} other place(s)" if renderings[alone] else ""
                    out.append(Slip("inconsistent", _window(item.text, i, i + 2), _window(converted, i, i + 2),
                                    f"{alone} (the pair alone){elsewhere}", item))
    unique = {(s.kind, s.text.doc.id if s.text.doc else str(s.text.pos), s.text.field, s.phrase): s for s in out}
    return list(unique.values())


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crosswalk scripts", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", action="store_true",
                        help="also list the Traditional sources' own forms (關系, 于) and their Simplified")
    args = parser.parse_args(argv)
    corpus, _ = load(Paths.at(root or PROJECT_ROOT))
    slips = find_slips(corpus, sources=args.sources, root=root or PROJECT_ROOT)
    for slip in slips:
        print(slip.problem())
    kinds = Counter(s.kind for s in slips)
    print(f"{len(slips)} finding(s)" + (": " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
                                        if kinds else ""), file=sys.stderr)
    return 0
