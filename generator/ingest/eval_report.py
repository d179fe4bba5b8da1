"""`crosswalk ingest-eval`: run ingest on the evaluation sets and print precision and recall
per field beside the targets (the matching rules are in ``evaluate``)."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from generator import PROJECT_ROOT
from generator.ingest import evaluate
from generator.ingest.evaluate import Doc, Scores, Share, Tally

SETS = ("dev", "heldout", "seeds", "walkthrough", "walkthrough2")


@dataclass(frozen=True)
class Goal:
    field: str
    precision: float | None = None   # lowest passing share; None: no target
    recall: float | None = None


# The goals of the evaluation (issue 27).  Roles: share of found units with the right role.
HAND_GOALS = (Goal("records", 0.95, 0.95), Goal("kinds"), Goal("units", 0.85, 0.90), Goal("roles", 0.90),
              Goal("basis"), Goal("targets", 0.80, 0.85), Goal("measures"), Goal("metadata", 0.90, 0.90))
# Seeds: share of curated records with a drafted record over the same lines, of unit
# references and of targets found.
SEED_GOALS = (Goal("records", None, 0.90), Goal("kinds"), Goal("units", None, 0.85), Goal("roles"),
              Goal("basis"), Goal("targets", None, 0.85), Goal("measures"), Goal("metadata"), Goal("topics"))


def goals(set_name: str) -> tuple[Goal, ...]:
    return SEED_GOALS if set_name == "seeds" else HAND_GOALS


def _pct(hit: int, out_of: int) -> str:
    return f"{100 * hit / out_of:5.1f} % ({hit}/{out_of})" if out_of else "   –"


def _measured(scores: Scores, name: str) -> tuple[str, str, float | None, float | None]:
    """(precision or rate shown, recall shown, precision or rate, recall)."""
    value = getattr(scores, name)
    if isinstance(value, Share):
        return _pct(value.right, value.judged), "", value.rate, None
    assert isinstance(value, Tally)
    return (_pct(value.hit_drafted, value.drafted), _pct(value.hit_truth, value.truth),
            value.precision, value.recall)


def _goal_text(goal: Goal) -> str:
    if goal.recall is None:   # a share, or no target
        return "–" if goal.precision is None else f"≥ {goal.precision:.0%}"
    precision = "" if goal.precision is None else f"P ≥ {goal.precision:.0%}, "
    return f"{precision}R ≥ {goal.recall:.0%}"


def missed(scores: Scores, set_goals: tuple[Goal, ...]) -> list[str]:
    """The goals not met; a field with nothing to measure is not a miss."""
    out = []
    for goal in set_goals:
        _, _, precision, recall = _measured(scores, goal.field)
        if goal.precision is not None and precision is not None and precision < goal.precision:
            out.append(f"{goal.field} precision")
        if goal.recall is not None and recall is not None and recall < goal.recall:
            out.append(f"{goal.field} recall")
    return out


def table(set_name: str, total: Scores) -> list[str]:
    rows = [f"  {'field':<10}{'precision / share':<22}{'recall':<22}target"]
    for goal in goals(set_name):
        shown_p, shown_r, _, _ = _measured(total, goal.field)
        flag = " MISSED" if missed(total, (goal,)) else ""
        rows.append(f"  {goal.field:<10}{shown_p:<22}{shown_r:<22}{_goal_text(goal)}{flag}")
    return rows


def _short(tally: Tally) -> str:
    def one(value: float | None) -> str:
        return "  –" if value is None else f"{100 * value:3.0f}"
    return f"{one(tally.precision)}/{one(tally.recall)}"


def document_row(name: str, scores: Scores) -> str:
    roles = "  –" if scores.roles.rate is None else f"{100 * scores.roles.rate:3.0f}"
    return (f"  {name:<44}{_short(scores.records):>10}{_short(scores.units):>10}{roles:>7}"
            f"{_short(scores.targets):>10}{_short(scores.metadata):>10}")


_MISS_LINE = re.compile(r"^lines? (\d+)")


def _by_line(miss: str) -> int:
    """Where a miss is in the source (metadata, with no line, first)."""
    m = _MISS_LINE.match(miss)
    return int(m.group(1)) if m else 0


def counts(scores: Scores) -> str:
    """Found out of truth per field, as the issue's tables give them."""
    return ", ".join(f"{name} {getattr(scores, name).hit_truth}/{getattr(scores, name).truth}"
                     for name in ("records", "units", "targets", "metadata"))


def evaluate_set(root: Path, set_name: str, verbose: bool) -> tuple[Scores, list[str]]:
    """The set's total scores and the lines that report it."""
    total = Scores()
    rows = []
    cases = evaluate.cases(root, set_name)
    for case in cases:
        draft, said = evaluate.run_ingest(root, case)
        scores = evaluate.score(case.truth, draft or Doc((), {}))
        total.add(scores)
        rows.append(document_row(case.name, scores) + ("  (ingest failed)" if draft is None else ""))
        if verbose:
            if draft is None:
                rows += [f"      ingest: {line}" for line in said.splitlines()]
            rows.append(f"      found: {counts(scores)}")
            rows += [f"      {miss}" for miss in sorted(scores.misses, key=_by_line)]
    head = [f"{set_name}: {len(cases)} documents", *table(set_name, total),
            f"  {'per document (precision/recall, %)':<44}{'records':>10}{'units':>10}{'roles':>7}"
            f"{'targets':>10}{'metadata':>10}"]
    return total, head + rows


def main(argv: list[str], root: Path = PROJECT_ROOT) -> int:
    parser = argparse.ArgumentParser(prog="crosswalk ingest-eval",
                                     description="run ingest on the evaluation sets; precision and recall per field")
    parser.add_argument("--set", default="all", choices=(*SETS, "all"),
                        help="which set (default all: dev, heldout and seeds)")
    parser.add_argument("--verbose", action="store_true", help="list each miss under its document")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    names = ("dev", "heldout", "seeds") if args.set == "all" else (args.set,)
    failed = []
    for name in names:
        try:
            total, lines = evaluate_set(root, name, args.verbose)
        except evaluate.TruthError as exc:
            print(f"error: {exc}")
            return 1
        print("\n".join(lines) + "\n")
        failed += [f"{name}: {m}" for m in missed(total, goals(name))]
    if failed:
        print("targets missed: " + "; ".join(failed))
    return 1 if args.check and failed else 0
