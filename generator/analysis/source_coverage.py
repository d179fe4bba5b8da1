"""How much of each source body the records cover, and what they leave out.

Coverage is counted in characters of the cleaned body, punctuation and white space
aside: a run-in title's closing 。 or the parentheses around a 责任单位 list are not text
anyone would miss.  Lines a document lists under ``source.excluded`` count as excluded,
with their reason; everything else not covered is a gap, listed with its line.
"""

from __future__ import annotations

import argparse
import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from operator import and_
from pathlib import Path

from generator import PROJECT_ROOT
from generator.content import body_checks
from generator.content.load import Paths, confined
from generator.content.model import Corpus, Document
from generator.content.sources import clean_lines, read_source
from generator.content.yamlfile import Problem


@dataclass
class Gap:
    line: int
    text: str


@dataclass
class SourceCoverage:
    doc: Document
    total: int = 0       # countable characters in the body
    covered: int = 0
    excluded: int = 0
    gaps: list[Gap] = field(default_factory=list)
    exclusions: list[tuple[tuple[int, int], str]] = field(default_factory=list)
    # Lines outside the body that hold a sentence or a number, neither metadata nor excluded.
    outside: list[Problem] = field(default_factory=list)

    @property
    def percent(self) -> float:
        counted = self.total - self.excluded
        return 100.0 * self.covered / counted if counted else 100.0


@cache  # a few thousand distinct characters make up every source
def _countable(ch: str) -> bool:
    return not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S"))


def _layout(lines: list[str], first: int, last: int, joins: frozenset[int]) -> tuple[str, list[int]]:
    """The body as one string (as ``clean.span_text`` joins it) and the source line of each character."""
    chars: list[str] = []
    owner: list[int] = []
    pending_newline = False
    for number in range(first, last + 1):
        line = lines[number - 1] if number <= len(lines) else ""
        if not line:
            continue
        if pending_newline and chars:
            chars.append("\n")
            owner.append(number)
        chars.extend(line)
        owner.extend([number] * len(line))
        pending_newline = number not in joins
    return "".join(chars), owner


def measure(doc: Document, sources_dir: Path) -> SourceCoverage:
    result = SourceCoverage(doc)
    src = doc.text_source
    lines = clean_lines(read_source(confined(sources_dir, src.file)))
    label = f"{sources_dir.parent.name}/{sources_dir.name}/{src.file}"
    result.outside = body_checks.outside_body(doc, tuple(lines), label)
    text, owner = _layout(lines, src.body[0], src.body[1], frozenset(src.joins))
    covered = [False] * len(text)
    excluded_lines = {n for e in src.excluded for n in range(e.lines[0], e.lines[1] + 1)}
    result.exclusions = [(e.lines, e.reason) for e in src.excluded]
    for record in doc.walk():
        # ``owner`` (the line of each character) never decreases, so the record's lines are one slice.
        start = bisect.bisect_left(owner, record.lines[0])
        end = bisect.bisect_right(owner, record.lines[1])
        # The printed number and the 责任单位: label belong to the record even though the
        # schema keeps them apart from its text.
        values = [record.number if record.number != "——" else None, record.title, record.text]
        if record.responsibility:
            values += ["责任单位", record.responsibility.raw]
        for value in filter(None, values):
            at = text.find(value, start, end)
            if at >= 0:
                covered[at:at + len(value)] = [True] * len(value)
    # Per character, in lists made once: at national scale (3,000 sources, 11 million
    # characters) a loop that asked each question of each character took 9 s.
    countable = list(map(_countable, text))
    excluded = [line in excluded_lines for line in owner]
    result.total = sum(countable)
    result.covered = sum(map(and_, countable, covered))
    result.excluded = sum(map(and_, countable, excluded))
    gap_start = None
    for i, (ch, count, done, out) in enumerate(zip(text, countable, covered, excluded)):
        if count and not done and not out:
            if gap_start is None:
                gap_start = i
        elif gap_start is not None and (count or ch == "\n"):
            # A gap runs on over the spaces and punctuation after it, up to a counted
            # character or a line's end.
            result.gaps.append(Gap(owner[gap_start], text[gap_start:i].strip()))
            gap_start = None
    if gap_start is not None:
        result.gaps.append(Gap(owner[gap_start], text[gap_start:].strip()))
    return result


def measure_all(corpus: Corpus) -> list[SourceCoverage]:
    return [measure(d, corpus.sources) for d in corpus.sorted_documents() if d.source]


def main(argv: list[str], root: Path | None = None) -> int:
    from generator.content.validate import check, errors

    parser = argparse.ArgumentParser(prog="crosswalk coverage",
                                     description="how much of each source body the records cover")
    parser.add_argument("--root", default=str(root or PROJECT_ROOT), help="project root (default: crosswalk's --root)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any body text is neither covered nor excluded, "
                        "or a line outside the body holds a sentence or a number that nothing accounts for")
    args = parser.parse_args(argv)
    paths = Paths.at(Path(args.root))
    corpus, problems = check(paths)
    if errors(problems):
        print("content has errors; run `crosswalk check` first")
        return 1
    gaps = 0
    for cov in measure_all(corpus):
        print(f"{cov.doc.id}: {cov.percent:.1f}% of {cov.total - cov.excluded} body characters covered, "
              f"{cov.excluded} excluded, {len(cov.gaps)} gap(s)")
        for (first, last), reason in cov.exclusions:
            print(f"  excluded lines {first}-{last}: {reason}")
        for gap in cov.gaps:
            print(f"  content/sources/{cov.doc.text_source.file}:{gap.line}: not covered: {gap.text[:60]}")
        for problem in cov.outside:
            print(f"  {problem}")
        gaps += len(cov.gaps) + len(cov.outside)
    return 1 if args.strict and gaps else 0
