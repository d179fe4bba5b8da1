"""A mutation run over the modules that carry trust: does the suite fail when they break?

Each mutant below is one small, deliberate fault written into one source file (an operator
swapped, a constant changed, a statement dropped, a string edited).  The run applies them one at
a time, runs the tests aimed at that module, and restores the file: a mutant is *killed* when
those tests fail, *survived* when they pass.  It prints a line per mutant and the share killed
per module and overall, and exits 1 when a named mutant (one the suite was once blind to)
survives or the overall share falls below ``GOAL``.

    .venv/bin/python tools/mutants.py                    # every mutant (about half an hour)
    .venv/bin/python tools/mutants.py --module citations # the mutants of files matching a word
    .venv/bin/python tools/mutants.py --only truncated-quote --only page-drops-a-character
    .venv/bin/python tools/mutants.py --list             # what would run, with its tests
    .venv/bin/python tools/mutants.py --check            # every mutant applies cleanly (fast)

Mutants are written into the checkout itself and taken out again after each run (also on
Ctrl-C); the run refuses to start while a mutated file has uncommitted changes, so ``git
checkout`` can always restore it.  Not part of the default pytest run (it is slow);
``tests/test_mutants.py`` checks only that every mutant still applies.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.80
TIMEOUT = 900   # seconds for one mutant's tests; a mutant that hangs them counts as killed
# pytest's exit codes that say nothing about the mutant: interrupted by hand, internal error,
# usage error, no tests collected.
NOT_A_VERDICT = {3, 4, 5}

PYTEST = (sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider")
# The tests aimed at each module, fastest that can catch its faults; browser tests only for scripts.
TESTS = {
    "citations": PYTEST + ("tests/test_citation.py", "tests/test_exports_provisions.py", "-m", "not browser"),
    "readings": PYTEST + ("tests/test_content_checks.py",),
    "checks": PYTEST + ("tests/test_content_checks.py",),
    "precedents": PYTEST + ("tests/test_precedent.py", "-m", "not browser"),
    "search-writer": PYTEST + ("tests/test_search_format.py", "tests/test_search.py", "-m", "not browser"),
    "pages": PYTEST + ("tests/test_fidelity.py",),
    "draft-eval": PYTEST + ("tests/test_draft_eval.py", "-k", "paraphrase or copy"),
    "pins": PYTEST + ("tests/test_citation_browser.py", "tests/test_precedent.py", "tests/test_hostile_browser.py",
                      "-k", "pin"),
    # The pins page's list is drawn by a DOM-free module, tested under Node (tests/js/pins.test.mjs).
    "pins-list": ("node", "--test", "tests/js/pins.test.mjs"),
    "404": PYTEST + ("tests/test_field_404.py", "tests/test_hostile_browser.py", "-k", "404"),
}


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str      # relative to the checkout
    old: str       # must occur exactly once in the file
    new: str
    tests: str     # a key of TESTS
    named: bool = False   # a fault the suite was once blind to: it must be killed

    def apply(self, text: str) -> str:
        if text.count(self.old) != 1:
            raise ValueError(f"{self.name}: {self.old!r} occurs {text.count(self.old)} times in {self.file}, not once")
        return text.replace(self.old, self.new)


CIT = "generator/analysis/citations.py"
READ = "generator/content/readings.py"
CHK = "generator/content/checks.py"
PREC = "generator/analysis/precedents.py"
IDX = "generator/search/index_format.py"
PINS = "theme/assets/crosswalk/pins.js"
PINS_LIST = "theme/assets/crosswalk/pins_list.js"   # what the pins page shows of each pin
NOT_FOUND = "theme/404.html"

MUTANTS = [
    # --- citations ----------------------------------------------------------------------------
    Mutant("truncated-quote", CIT, "    return seg[start:end]\n", "    return seg[start:end - 1]\n", "citations", named=True),
    Mutant("quote-starts-late", CIT, "    return seg[start:end]\n", "    return seg[start + 1:end]\n", "citations"),
    Mutant("quote-drops-text-after-title", CIT, "    if len(parts) == 2:\n", "    if len(parts) == 3:\n", "citations"),
    Mutant("units-list-dropped", CIT, "        end += _listed_units(seg, end, record.responsibility.raw)\n",
           "        pass\n", "citations"),
    Mutant("nested-marks-not-swapped", CIT, '_NEST = str.maketrans({"“": "‘", "”": "’", "‘": "“", "’": "”"})',
           '_NEST = str.maketrans({})', "citations"),
    Mutant("sic-mark-before-error", CIT, "            ends.append(at + len(note.span))", "            ends.append(at)",
           "citations"),
    Mutant("part-number-as-item", CIT, '        return f"第{bare}部分"', '        return f"第{bare}项"', "citations"),
    Mutant("news-says-nothing", CIT, '    said = "报道" if doc.genre == "news-report" else ""', '    said = ""',
           "citations"),
    Mutant("joint-organs-run-together", CIT, '_JOINT = "\\u3000"', '_JOINT = ""', "citations"),
    Mutant("frame-half-width", CIT, '        return "".join(words).translate(_FULL_WIDTH)', '        return "".join(words)',
           "citations"),
    Mutant("date-order-ignored", CIT, "        if doc.dates.get(kind):\n            return kind, str(doc.dates[kind])",
           "        if doc.dates.get(kind):\n            continue", "citations"),
    # --- readings -----------------------------------------------------------------------------
    Mutant("not-below-reads-greater", READ, '("不低于", ">=")', '("不低于", ">")', "readings"),
    Mutant("at-most-reads-at-least", READ, '("不超过", "<=")', '("不超过", ">=")', "readings"),
    Mutant("above-after-dropped", READ, '(("以上", ">="), ', "(", "readings"),
    Mutant("ten-is-one", READ, '_SMALL = {"十": 10, "百": 100, "千": 1000}', '_SMALL = {"十": 1, "百": 100, "千": 1000}',
           "readings"),
    Mutant("approximate-binds", READ, '    if "左右" in tail:\n        return APPROXIMATE',
           '    if "左右" in tail:\n        return "="', "readings"),
    Mutant("percent-forgotten", READ, "        return first == \"%\"\n", "        return True\n", "readings"),
    Mutant("year-range-end-missed", READ, r'(?=(?:[―—–-](?:20|19)\d\d)?年)', r'(?=年)', "readings"),
    Mutant("reach-is-equal-for-targets", READ, '        return "=" if kind == "finding" else ">="', '        return "="',
           "readings"),
    # --- content checks -----------------------------------------------------------------------
    Mutant("no-number-list", CHK, '    return ", ".join(f"{v:g}" for v in values) or "no number"',
           '    return ", ".join(f"{v:g}" for v in values)', "checks"),
    Mutant("untargeted-numbers-unchecked", CHK, "def _untargeted_numbers(record: Record, where: str) -> list[Problem]:\n",
           "def _untargeted_numbers(record: Record, where: str) -> list[Problem]:\n    return []\n", "checks"),
    Mutant("aliases-unchecked", CHK, "def _aliases(corpus: Corpus) -> list[Problem]:\n",
           "def _aliases(corpus: Corpus) -> list[Problem]:\n    return []\n", "checks"),
    Mutant("relations-unchecked", CHK, "def _relations(corpus: Corpus) -> list[Problem]:\n",
           "def _relations(corpus: Corpus) -> list[Problem]:\n    return []\n", "checks"),
    Mutant("one-subject-needs-three", CHK, "    return [units] if len(units) > 1 else []", "    return [units] if len(units) > 2 else []",
           "checks"),
    Mutant("name-never-in-text", CHK, "def _in_text(name: str, body: str) -> bool:\n",
           "def _in_text(name: str, body: str) -> bool:\n    return False\n", "checks"),
    Mutant("artefacts-uncounted", CHK, "def _artefact_counts(doc: Document, sources: Path | None) -> list[Problem]:\n",
           "def _artefact_counts(doc: Document, sources: Path | None) -> list[Problem]:\n    return []\n", "checks"),
    # --- precedents ---------------------------------------------------------------------------
    Mutant("shingles-of-three", PREC, "    n: int = 4\n", "    n: int = 3\n", "precedents"),
    Mutant("threshold-raised", PREC, "    threshold: float = 0.01\n", "    threshold: float = 0.5\n", "precedents"),
    Mutant("same-document-listed", PREC, "if index.docs[pair[2]] != index.docs[i]", "if True", "precedents"),
    Mutant("reuse-unbounded", PREC, "    return list(map(round, map(min, repeat(1.0), map(truediv, shared, lengths)), repeat(6)))",
           "    return list(map(round, map(truediv, shared, lengths), repeat(6)))", "precedents"),
    Mutant("marks-placed-by-folded-position", PREC, "    return [(folded.at[start], folded.at[end - 1] + 1) for start, end in merged]",
           "    return [(start, end) for start, end in merged]", "precedents"),
    Mutant("panel-not-the-listing-rule", PREC, "            chosen = closeness.listed(hits)[:settings.shown]",
           "            chosen = [h for h in hits if h.close.coverage >= closeness.FLOOR][:settings.shown]", "precedents"),
    Mutant("weights-not-learned", PREC, "closeness.weight_of(self.df.get(t, 0), self.records)",
           "closeness.weight_of(1, self.records)", "precedents"),
    Mutant("excerpt-over-budget", PREC, '        return [(text[:budget] + "…" if len(text) > budget else text, False)] if text else []',
           '        return [(text, False)] if text else []', "precedents"),
    # --- the search index writer --------------------------------------------------------------
    Mutant("varint-wrong-continuation", IDX, "        out.append((n & 0x7F) | 0x80)", "        out.append(n & 0x7F)",
           "search-writer"),
    Mutant("bitmap-never-chosen", IDX, "    if values and span // 8 + 4 < len(out):", "    if False:", "search-writer"),
    Mutant("bitmap-bit-off-by-one", IDX, "            bitmap[(v - base) >> 3] |= 1 << ((v - base) & 7)",
           "            bitmap[(v - base) >> 3] |= 1 << ((v - base + 1) & 7)", "search-writer"),
    Mutant("fnv-wrong-prime", IDX, "        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF",
           "        h = ((h ^ byte) * 0x01000197) & 0xFFFFFFFF", "search-writer"),
    Mutant("last-hit-pack-lost", IDX, "    if pack:\n        paths.append(_write_hit_file(pack, len(paths), out))\n",
           "", "search-writer"),
    Mutant("common-bigrams-at-floor-kept", "generator/analysis/closeness.py", "if n >= floor and is_han_bigram(t)",
           "if n > floor and is_han_bigram(t)",
           "search-writer"),
    Mutant("range-gap-not-advanced", IDX, "        varint(n - last, out)\n        last = n\n", "        varint(n - last, out)\n",
           "search-writer"),
    Mutant("docs-count-missing", IDX, "    varint(len(docs), out)\n", "", "search-writer"),
    Mutant("search-hit-citations-swapped", "generator/search/records.py",
           'r.meta["cite"], r.meta["cite_hant"] = hans, hant', 'r.meta["cite"], r.meta["cite_hant"] = hant, hans',
           "search-writer"),
    # --- what pages show (templates) ----------------------------------------------------------
    Mutant("page-drops-a-character", "generator/site/templates/topic.html", "{{ r.text or '' }}</p>",
           "{{ (r.text or '')[1:] }}</p>", "pages", named=True),
    Mutant("document-page-drops-last-character", "generator/site/templates/_record.html",
           "{{ p.text }}</p>", "{{ p.text[:-1] }}</p>", "pages", named=True),
    Mutant("document-heading-drops-its-title", "generator/site/templates/_record.html",
           "{{ r.number or '' }}{{ p.title }}</a>", "{{ r.number or '' }}</a>", "pages"),
    Mutant("document-page-loses-the-gap-after-a-title", "generator/site/pages/documents.py",
           '"gap": cite.gap(r),', '"gap": "",', "pages"),
    # --- the drafting desk's copy guard -------------------------------------------------------
    Mutant("copy-guard-folds-the-draft-only", "generator/bench/draft_eval.py", "            theirs = fold(texts[uid])",
           "            theirs = texts[uid]", "draft-eval", named=True),
    Mutant("copy-guard-folds-the-precedent-only", "generator/bench/draft_eval.py", "        draft = fold(item.draft)",
           "        draft = item.draft", "draft-eval", named=True),
    # --- pins.js ------------------------------------------------------------------------------
    Mutant("unpin-keeps-the-pin", PINS, "    if (at >= 0) { items.splice(at, 1); save(items); }",
           "    if (at >= 0) { save(items); }", "pins"),
    Mutant("pins-count-off-by-one", PINS_LIST, 'root.querySelector(".cw-pins__n").textContent = String(views.length);',
           'root.querySelector(".cw-pins__n").textContent = String(views.length + 1);', "pins-list"),
    Mutant("pin-headed-by-its-id", PINS_LIST, 'entry.querySelector(".cw-pins__title").textContent = view.title;',
           'entry.querySelector(".cw-pins__title").textContent = view.uid;', "pins-list"),
    Mutant("pin-words-as-markup", PINS_LIST, 'entry.querySelector(".cw-pins__title").textContent = view.title;',
           'entry.querySelector(".cw-pins__title").innerHTML = view.title;', "pins-list", named=True),
    Mutant("pinned-wording-missing", PINS_LIST, 'entry.querySelector(".cw-pins__text").textContent = view.citation;',
           'entry.querySelector(".cw-pins__text").textContent = "";', "pins-list"),
    # --- the 404 page's script ----------------------------------------------------------------
    Mutant("404-slashes-not-folded", NOT_FOUND, r'location.pathname.replace(/\/{2,}/g, "/")', "location.pathname",
           "404"),
    Mutant("404-script-swapped", NOT_FOUND, 'var script = rest === cfg.hantDir ? "hant" : "hans";',
           'var script = rest === cfg.hantDir ? "hans" : "hant";', "404"),
    Mutant("404-root-not-confirmed", NOT_FOUND, "      if (!response.ok) apply(\"/\");", "", "404"),
    Mutant("404-address-keeps-a-leading-backslash", NOT_FOUND, 'p.replace(/^[\\/\\\\]+/, "")', 'p.replace(/^\\/+/, "")',
           "404"),
    Mutant("404-search-home", NOT_FOUND, 'here(home + "search/")', 'here(root + "search/")', "404"),
]


def module_of(m: Mutant) -> str:
    return Path(m.file).name


def check_all(mutants: list[Mutant]) -> list[str]:
    """What keeps a mutant from applying cleanly; empty when every one does."""
    wrong = []
    names = [m.name for m in mutants]
    wrong += [f"{n}: named twice" for n in sorted({n for n in names if names.count(n) > 1})]
    for m in mutants:
        path = ROOT / m.file
        if not path.is_file():
            wrong.append(f"{m.name}: no file {m.file}")
            continue
        if m.tests not in TESTS:
            wrong.append(f"{m.name}: no tests named {m.tests!r}")
        try:
            if m.apply(path.read_text(encoding="utf-8")) == path.read_text(encoding="utf-8"):
                wrong.append(f"{m.name}: changes nothing")
        except ValueError as e:
            wrong.append(str(e))
    return wrong


def run_one(m: Mutant) -> tuple[str, float]:
    """'killed', 'survived' or 'error', and the seconds the tests took."""
    path = ROOT / m.file
    original = path.read_text(encoding="utf-8")
    path.write_text(m.apply(original), encoding="utf-8")
    start = time.perf_counter()
    try:
        result = subprocess.run(TESTS[m.tests], cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
        code = result.returncode
    except subprocess.TimeoutExpired:
        code = -1
    finally:
        path.write_text(original, encoding="utf-8")
    seconds = time.perf_counter() - start
    if code == 0:
        return "survived", seconds
    return ("error" if code in NOT_A_VERDICT else "killed"), seconds


def baseline(keys: set[str]) -> list[str]:
    """The test commands that fail with no mutant at all (their verdicts would mean nothing)."""
    failing = []
    for key in sorted(keys):
        result = subprocess.run(TESTS[key], cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)
        print(f"baseline {key:14} {'green' if result.returncode == 0 else 'FAILS'}", flush=True)
        if result.returncode != 0:
            failing.append(key)
    return failing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and their tests, run nothing")
    parser.add_argument("--check", action="store_true", help="check that every mutant applies cleanly, run nothing")
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="run this mutant (repeatable)")
    parser.add_argument("--module", metavar="WORD", help="run the mutants whose file or tests name this word")
    parser.add_argument("--no-baseline", action="store_true", help="skip the run of each test command unmutated")
    args = parser.parse_args(argv)

    chosen = [m for m in MUTANTS if (not args.only or m.name in args.only)
              and (not args.module or args.module in m.file or args.module == m.tests)]
    unknown = set(args.only) - {m.name for m in MUTANTS}
    if unknown or not chosen:
        print(f"no such mutant: {', '.join(sorted(unknown)) or args.module}", file=sys.stderr)
        return 2
    problems = check_all(chosen)
    if args.check or problems:
        print("\n".join(problems) or f"{len(chosen)} mutants apply cleanly")
        return 1 if problems else 0
    if args.list:
        for m in chosen:
            print(f"{m.name:40} {m.file:45} {' '.join(TESTS[m.tests][3:])}{'  [named]' if m.named else ''}")
        return 0

    files = sorted({m.file for m in chosen})
    if subprocess.run(["git", "diff", "--quiet", "--", *files], cwd=ROOT).returncode != 0:
        print("uncommitted changes in files to mutate; commit or stash them first", file=sys.stderr)
        return 2
    if not args.no_baseline and (failing := baseline({m.tests for m in chosen})):
        print(f"tests fail with no mutant: {', '.join(failing)}", file=sys.stderr)
        return 2

    verdicts: dict[str, list[tuple[Mutant, str]]] = defaultdict(list)
    for m in chosen:
        verdict, seconds = run_one(m)
        verdicts[module_of(m)].append((m, verdict))
        print(f"{verdict:8} {seconds:6.1f} s  {m.name}{'  [named]' if m.named else ''}", flush=True)

    print("\nmodule                          killed")
    total = killed = 0
    for module, results in verdicts.items():
        k = sum(v == "killed" for _, v in results)
        n = sum(v != "error" for _, v in results)
        total, killed = total + n, killed + k
        print(f"{module:30} {k:3}/{n:<3} {k / n if n else 0:5.0%}")
    share = killed / total if total else 0.0
    print(f"{'overall':30} {killed:3}/{total:<3} {share:5.0%}  (goal {GOAL:.0%})")
    survived_named = [m.name for results in verdicts.values() for m, v in results if m.named and v != "killed"]
    errors = [m.name for results in verdicts.values() for m, v in results if v == "error"]
    if survived_named:
        print(f"named mutants not killed: {', '.join(survived_named)}")
    if errors:
        print(f"no verdict (tests could not run): {', '.join(errors)}")
    return 1 if survived_named or share < GOAL or errors else 0


if __name__ == "__main__":
    sys.exit(main())
