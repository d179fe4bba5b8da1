"""The `crosswalk` command: a thin layer over the library for maintainers' work that is
not a site build (checking, ingesting, exporting, measuring)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import PROJECT_ROOT
from generator.content.load import Paths

DEFAULT_ROOT = PROJECT_ROOT


def _paths(args) -> Paths:
    return Paths.at(_root(args))


def _root(args) -> Path:
    return Path(args.root) if args.root else DEFAULT_ROOT


def cmd_check(args) -> int:
    from generator.content.validate import check, errors

    corpus, problems = check(_paths(args))
    for problem in problems:
        if problem.severity == "error" or args.warnings:
            print(problem)
    bad = errors(problems)
    warnings = len(problems) - len(bad)
    summary = (f"{len(corpus.documents)} documents, {len(corpus.records)} records, "
               f"{len(corpus.units)} units, {len(corpus.topics)} topics")
    if bad:
        print(f"{len(bad)} problem(s) in {summary}", file=sys.stderr)
        return 1
    note = f"; {warnings} warning(s), shown with --warnings" if warnings and not args.warnings else ""
    print(f"ok: {summary}{note}", file=sys.stderr)
    return 0


# Subcommands that own their argument parsing: they get the rest of the command line, and
# the project root as ``main(rest, root=…)`` where they read a project (ROOTED).
DELEGATES = {
    "ingest": ("ingest.draft", "draft a document YAML from a raw source text"),
    "ingest-eval": ("ingest.eval_report", "run ingest on the evaluation sets; precision and recall per field"),
    "coverage": ("analysis.source_coverage", "report how much of each source body the records cover"),
    "bench": ("bench.build", "build a synthetic corpus of N documents; time and memory per stage"),
    "search-bench": ("bench.search", "clause search at 10k/100k records: bytes transferred, latency in Chromium"),
    "verify": ("site.verify", "after a build: every page kind the corpus calls for is there; --publishing: site_url too"),
    "draft-eval": ("bench.draft_eval", "precision and recall of the drafting desk (起草助手) on its evaluation set"),
    "footprint": ("site.footprint", "bytes and files of a built site per page kind and script; --check: fits GitHub Pages"),
    "scripts": ("analysis.script_slips", "list phrases the Simplified/Traditional conversion may get wrong (warnings)"),
}
ROOTED = {"ingest", "ingest-eval", "coverage", "scripts", "verify"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crosswalk", description="城乡社区治理政策对照库 maintenance commands")
    parser.add_argument("--root", help="project root (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate content/ and crosswalk/; list every problem as file:line:col")
    p.add_argument("--warnings", action="store_true", help="also print warnings")
    for name, (_, text) in DELEGATES.items():
        sub.add_parser(name, help=text, add_help=False)
    args, rest = parser.parse_known_args(argv)
    if args.command in DELEGATES:
        import importlib
        module = importlib.import_module(f"generator.{DELEGATES[args.command][0]}")
        if args.command in ROOTED:
            return module.main(rest, root=_root(args))
        if args.root:
            # Said rather than ignored: the benchmarks measure this checkout's own corpus.
            parser.error(f"--root does not apply to {args.command}, which measures this checkout")
        return module.main(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return cmd_check(args)
