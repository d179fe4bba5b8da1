"""The ingest evaluation's scorer (`crosswalk ingest-eval`), on hand-made tiny drafts, and
its run over the dev set and the seeds.  These test the scorer, not the engine's figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import generator.ingest.draft
from generator.ingest import eval_report, evaluate
from generator.ingest.evaluate import Doc, TruthError, drafted_doc, load_truth, score

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "ingest_eval"

# --- tiny hand-made cases -------------------------------------------------------------------

TRUTH = """\
doc_id: tiny-2024
jurisdiction: {id: tiny, name: 小城市, level: city, parent: sichuan}
metadata:
  title: 关于小事的意见
  number:
  issuers: [小城市人民政府, 小城市民政局]
  dates: {issued: 2024-01-02}
  genre: opinion
  status: issued
  script: hans
records:
  - lines: [3, 3]
    kind: preamble
  - lines: [5, 6]
    kind: task
    units:
      - {name: 市民政局, role: lead, basis: stated}
      - {name: 市財政局, role: participating, basis: stated}
    targets:
      - {value: 30, comparator: ">=", unit: 平方米/百户, deadline_year: 2025}
      - {value: 100, comparator: "=", unit: "%"}
  - lines: [8, 8]
    kind: safeguard
    units:
      - {name: 各区, role: lead, basis: inferred}
"""

# Unit id -> names, as a drafted units.yaml would give them (with a Traditional alias).
NAMES = {
    "tiny-civil-affairs": frozenset({"市民政局"}),
    "tiny-finance": frozenset({"市财政局"}),
    "tiny-districts": frozenset({"各区", "各区人民政府"}),
}


def unit(uid: str, role: str = "lead", basis: str = "stated") -> dict:
    return {"unit": uid, "role": role, "basis": basis}


def perfect() -> dict:
    """A draft that gets everything in TRUTH right, nested as ingest writes it."""
    return {
        "id": "tiny-2024", "title": "关于小事的意见", "issuers": ["小城市人民政府", "小城市民政局"],
        "dates": {"issued": "2024-01-02"}, "genre": "opinion", "status": "issued",
        "source": {"file": "tiny.txt", "script": "hans"},
        "records": [
            {"id": "preamble", "kind": "preamble", "lines": [3, 3]},
            {"id": "p1", "kind": "task", "lines": [5, 6],
             "responsibility": {"raw": "…", "units": [unit("tiny-civil-affairs"),
                                                     unit("tiny-finance", "participating")]},
             "targets": [{"value": 30, "comparator": ">=", "unit": "平方米/百户", "deadline_year": 2025},
                         {"value": 100, "comparator": "=", "unit": "%", "deadline_year": 2024}],
             "children": [{"id": "p1-1", "kind": "safeguard", "lines": [8, 8],
                           "responsibility": {"raw": "各区", "units": [unit("tiny-districts", basis="inferred")]}}]},
        ],
    }


@pytest.fixture
def truth(tmp_path) -> evaluate.Case:
    (tmp_path / "tiny.txt").write_text("text\n", encoding="utf-8")
    path = tmp_path / "tiny.truth.yaml"
    path.write_text(TRUTH, encoding="utf-8")
    return load_truth(path, "dev")


def figures(scores) -> dict:
    return {name: (getattr(scores, name).precision, getattr(scores, name).recall)
            for name in ("records", "units", "targets", "metadata")} | {
        "roles": scores.roles.rate, "basis": scores.basis.rate, "kinds": scores.kinds.rate,
        "measures": scores.measures.rate}


def test_a_perfect_draft_scores_one_everywhere(truth):
    scores = score(truth.truth, drafted_doc(perfect(), NAMES))
    assert figures(scores) == {"records": (1, 1), "units": (1, 1), "targets": (1, 1), "metadata": (1, 1),
                               "roles": 1, "basis": 1, "kinds": 1, "measures": 1}
    assert (scores.records.truth, scores.units.truth, scores.targets.truth) == (3, 3, 2)
    assert scores.metadata.truth == 7   # title, 2 issuers, issued, genre, status, script
    assert scores.misses == []


def test_a_missing_unit_costs_recall_only(truth):
    draft = perfect()
    draft["records"][1]["responsibility"]["units"].pop()      # 市財政局 not drafted
    scores = score(truth.truth, drafted_doc(draft, NAMES))
    assert (scores.units.hit_truth, scores.units.truth) == (2, 3)
    assert scores.units.recall == pytest.approx(2 / 3)
    assert scores.units.precision == 1
    assert any("市財政局" in miss and "not found" in miss for miss in scores.misses)


def test_a_target_with_the_right_number_and_the_wrong_unit_is_found_but_said(truth):
    # A rate that lost its "per" (平方米 for 平方米/百户) is the number the truth has, so it
    # counts as found; the measures share is where it shows, with a line in --verbose.
    draft = perfect()
    draft["records"][1]["targets"][0]["unit"] = "平方米"
    scores = score(truth.truth, drafted_doc(draft, NAMES))
    assert scores.targets.recall == 1
    assert (scores.measures.right, scores.measures.judged) == (1, 2)
    assert any("平方米/百户" in miss and "'平方米'" in miss for miss in scores.misses)
    # Compared as unit names are: the other script, full width and spaces do not count.
    draft["records"][1]["targets"][0]["unit"] = "平方米 / 百戶"
    assert score(truth.truth, drafted_doc(draft, NAMES)).measures.rate == 1


def test_a_wrong_role_counts_against_roles_not_units(truth):
    draft = perfect()
    draft["records"][1]["responsibility"]["units"][1]["role"] = "lead"
    scores = score(truth.truth, drafted_doc(draft, NAMES))
    assert scores.units.recall == 1
    assert (scores.roles.right, scores.roles.judged) == (2, 3)
    assert scores.basis.rate == 1


def test_unknown_or_unregistered_unit_ids_resolve_to_nothing(truth):
    draft = perfect()
    draft["records"][1]["responsibility"]["units"][0]["unit"] = "UNRESOLVED-市民政局"
    scores = score(truth.truth, drafted_doc(draft, NAMES))
    assert (scores.units.hit_truth, scores.units.hit_drafted, scores.units.drafted) == (2, 2, 3)


def test_units_match_in_either_script_and_through_aliases(truth, tmp_path):
    units = tmp_path / "units.yaml"
    units.write_text("units:\n  - {id: tiny-civil-affairs, name: 小城市民政局, aliases: [市民政局]}\n"
                     "  - {id: tiny-finance, name: 小城市财政局, aliases: [市財政局]}\n"
                     "  - {id: tiny-districts, name: 各区}\n", encoding="utf-8")
    names = evaluate.unit_names(units)
    assert names["tiny-finance"] == {"小城市财政局", "市财政局"}
    scores = score(truth.truth, drafted_doc(perfect(), names))
    assert scores.units.recall == 1


def test_records_match_on_the_same_lines_and_units_follow_an_overlapping_record(truth):
    draft = perfect()
    draft["records"][1]["lines"] = [5, 5]                  # the task cut short
    draft["records"].append({"id": "sig", "kind": "task", "lines": [10, 10]})   # a signature as a task
    scores = score(truth.truth, drafted_doc(draft, NAMES))
    assert (scores.records.hit_drafted, scores.records.drafted) == (2, 4)
    assert (scores.records.hit_truth, scores.records.truth) == (2, 3)
    assert scores.units.recall == 1 and scores.targets.recall == 1   # found on the overlapping record
    assert (scores.kinds.right, scores.kinds.judged) == (2, 2)


def test_targets_agree_on_value_comparator_and_the_truths_deadline_year(truth):
    draft = perfect()
    targets = draft["records"][1]["targets"]
    targets[0]["deadline_year"] = 2024        # truth: 2025
    targets[1]["comparator"] = ">="           # truth: =
    targets.append({"value": 5, "comparator": ">="})   # not in the truth
    scores = score(truth.truth, drafted_doc(draft, NAMES))
    assert (scores.targets.hit_truth, scores.targets.truth, scores.targets.drafted) == (0, 2, 3)
    targets[0]["deadline_year"] = 2025
    targets[1]["comparator"] = "="
    scores = score(truth.truth, drafted_doc(draft, NAMES))
    assert scores.targets.recall == 1 and scores.targets.precision == pytest.approx(2 / 3)


def test_a_deadline_only_goal_matches_a_target_without_a_figure(tmp_path):
    (tmp_path / "goal.txt").write_text("x\n", encoding="utf-8")
    path = tmp_path / "goal.truth.yaml"
    path.write_text("doc_id: g-2024\njurisdiction: yuxi\nmetadata: {}\nrecords:\n"
                    "  - {lines: [1, 1], kind: task, targets: [{deadline_year: 2024}]}\n", encoding="utf-8")
    case = load_truth(path, "dev")
    record = {"id": "p1", "kind": "task", "lines": [1, 1]}
    with_value = score(case.truth, drafted_doc({"records": [dict(record, targets=[{"value": 1, "comparator": "=",
                                                                                   "deadline_year": 2024}])]}, {}))
    without = score(case.truth, drafted_doc({"records": [dict(record, targets=[{"deadline_year": 2024}])]}, {}))
    assert (with_value.targets.recall, without.targets.recall) == (0, 1)


def test_metadata_counts_each_field_and_each_issuer(truth):
    draft = perfect()
    draft["issuers"] = ["小城市人民政府", "中共小城市委"]   # one of two, and one the truth lacks
    draft["number"] = "小府发〔2024〕1号"            # the source states none
    draft["title"] = "關於小事的意見"                # script differs: a different title as printed
    scores = score(truth.truth, drafted_doc(draft, NAMES))
    assert (scores.metadata.hit_truth, scores.metadata.truth) == (5, 7)
    assert (scores.metadata.hit_drafted, scores.metadata.drafted) == (5, 8)


def test_a_failed_ingest_scores_zero_recall(truth):
    scores = score(truth.truth, Doc((), {}))
    assert (scores.records.recall, scores.units.recall, scores.targets.recall, scores.metadata.recall) == (0, 0, 0, 0)


@pytest.mark.parametrize("text, message", [
    ("doc_id: x-1\njurisdiction: yuxi\nmetadata: {}\nrecords:\n  - {lines: [3, 2], kind: task}\n",
     "tiny.truth.yaml:5: record lines must be [first, last]"),
    ("doc_id: x-1\njurisdiction: yuxi\nmetadata: {}\nrecords:\n"
     "  - lines: [1, 1]\n    kind: task\n    units:\n      - {name: 市民政局, role: boss}\n",
     "tiny.truth.yaml:8: unit role must be one of lead, participating, not 'boss'"),
    ("doc_id: x-1\njurisdiction: yuxi\nmetadata: {}\nrecords:\n"
     "  - lines: [1, 1]\n    kind: task\n    targets:\n      - {value: 30, comparator: ≥}\n",
     "tiny.truth.yaml:8: target comparator must be one of >=, <=, =, >, <, range"),
    ("doc_id: x-1\njurisdiction: yuxi\nmetadata: {genre: 意见}\nrecords: []\n",
     "tiny.truth.yaml:3: metadata genre must be one of opinion"),
    ("jurisdiction: yuxi\nmetadata: {}\nrecords: []\n", "tiny.truth.yaml:1: doc_id is missing"),
])
def test_a_bad_truth_file_is_named_with_its_line(tmp_path, text, message):
    (tmp_path / "tiny.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "tiny.truth.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TruthError) as caught:
        load_truth(tmp_path / "tiny.truth.yaml", "dev")
    assert message in str(caught.value)


# --- the sets, run through the real ingest --------------------------------------------------


def truth_files(set_name: str) -> list[Path]:
    files = sorted((EVAL / set_name).glob("*.truth.yaml"))
    assert files
    return files


def test_every_case_has_its_text_and_the_length_the_set_asks_for():
    for set_name, low, high in (("dev", 1500, 5000), ("heldout", 1500, 5000), ("walkthrough", 10000, 10**6),
                                  ("walkthrough2", 10000, 10**6)):
        for path in truth_files(set_name):
            text = path.with_name(path.name.replace(".truth.yaml", ".txt")).read_text(encoding="utf-8")
            assert low <= len(text) <= high, path.name
    assert len(truth_files("dev")) == 11 and len(truth_files("heldout")) >= 8


def test_every_folder_of_cases_is_a_set_the_command_accepts():
    folders = {p.name for p in EVAL.iterdir() if p.is_dir() and any(p.glob("*.truth.yaml"))}
    assert {"dev", "heldout", "walkthrough", "walkthrough2"} <= folders
    assert folders <= set(eval_report.SETS)


def test_truth_records_start_and_end_on_text_and_do_not_overlap():
    from generator.content.sources import clean_lines, read_source
    for set_name in ("dev", "heldout", "walkthrough", "walkthrough2"):
        for path in truth_files(set_name):
            case = load_truth(path, set_name)
            lines = clean_lines(read_source(case.source))
            ranges = sorted({r.lines for r in case.truth.records})
            assert ranges, path.name
            for first, last in ranges:
                assert last <= len(lines) and lines[first - 1] and lines[last - 1], (path.name, first, last)
            assert all(a[1] < b[0] for a, b in zip(ranges, ranges[1:])), path.name


def test_dev_set_runs_through_ingest_and_counts_what_the_truth_files_hold():
    cases = evaluate.cases(ROOT, "dev")
    assert len(cases) == 11
    for case in cases:
        raw = yaml.safe_load(case.source.with_name(case.name + ".truth.yaml").read_text(encoding="utf-8"))
        draft, said = evaluate.run_ingest(ROOT, case)
        assert draft is not None, said               # ingest wrote a draft, a new jurisdiction too
        scores = score(case.truth, draft)
        assert scores.records.truth == len({tuple(r["lines"]) for r in raw["records"]})
        assert scores.units.truth == sum(len(r.get("units") or []) for r in raw["records"])
        assert scores.targets.truth == sum(len(r.get("targets") or []) for r in raw["records"])


def walk(records):
    for r in records or []:
        yield r
        yield from walk(r.get("children"))


def test_seeds_take_their_truth_from_the_curated_yaml():
    cases = evaluate.cases(ROOT, "seeds")
    curated = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
               for p in (ROOT / "content" / "documents").glob("*.yaml")}
    with_source = {k for k, v in curated.items() if v.get("source")}
    assert {c.doc_id for c in cases} == with_source and len(with_source) >= 5
    for case in cases:
        records = list(walk(curated[case.doc_id]["records"]))
        assert len({r.lines for r in case.truth.records}) == len({tuple(r["lines"]) for r in records})
        assert sum(len(r.units) for r in case.truth.records) == sum(
            len((r.get("responsibility") or {}).get("units") or []) for r in records)
        assert all(u.names for r in case.truth.records for u in r.units)   # every curated id resolves
        draft, said = evaluate.run_ingest(ROOT, case)
        assert draft is not None, said
        assert (ROOT / "content" / "documents" / f"{case.doc_id}.yaml").exists()   # the checkout is untouched


def test_topics_are_scored_per_line_range_where_the_truth_has_topics():
    """Suggestions against curated topics, the records of one range pooled: 2 of 3 suggested
    are curated (precision), 2 of 4 curated are suggested (recall); a truth without topics
    (the hand-made sets) scores none."""
    from generator.ingest.evaluate import Record
    truth = Doc((Record((1, 1), "task", topics=frozenset({"a", "b"})), Record((2, 3), "task", topics=frozenset({"c"})),
                 Record((2, 3), "task", topics=frozenset({"d"}))), {})
    draft = Doc((Record((1, 1), "task", topics=frozenset({"a"})), Record((2, 3), "task", topics=frozenset({"d", "e"})),
                 Record((4, 4), "task")), {})
    scores = score(truth, draft)
    assert (scores.topics.hit_drafted, scores.topics.drafted, scores.topics.hit_truth, scores.topics.truth) == (2, 3, 2, 4)
    assert "lines 2-3: topic e suggested, not curated" in scores.misses
    assert "line 1: curated topic b not suggested" in scores.misses
    untagged = Doc(tuple(Record(r.lines, r.kind) for r in truth.records), {})
    assert score(untagged, draft).topics.drafted == 0


def test_seed_topics_come_from_the_mappings_and_a_drafts_from_its_comments(tmp_path):
    mappings = evaluate.topic_mappings(ROOT / "crosswalk" / "topics.yaml")
    [case] = [c for c in evaluate.cases(ROOT, "seeds") if c.doc_id == "nanchong-2017"]
    curated = {uid: t for uid, t in mappings.items() if uid.startswith("nanchong-2017/")}
    assert curated and sum(len(r.topics) for r in case.truth.records) == sum(len(t) for t in curated.values())
    draft, said = evaluate.run_ingest(ROOT, case)
    assert draft is not None, said
    assert any(r.topics for r in draft.records)   # read back from the draft's comment lines


def test_the_command_prints_each_field_and_exits_1_only_with_check_on_a_miss(tmp_path, capsys):
    for part in ("content", "crosswalk"):
        shutil.copytree(ROOT / part, tmp_path / part)
    case = tmp_path / "tests" / "ingest_eval" / "dev"
    case.mkdir(parents=True)
    (case / "miss.txt").write_text("关于一件事的意见\n\n一、市民政局要做好这件事。\n", encoding="utf-8")
    (case / "miss.truth.yaml").write_text(
        "doc_id: yuxi-2030\njurisdiction: yuxi\nmetadata: {title: 关于一件事的意见}\nrecords:\n"
        "  - lines: [3, 3]\n    kind: task\n    units: [{name: 不存在的局, role: lead, basis: stated}]\n",
        encoding="utf-8")
    assert eval_report.main(["--set", "dev"], root=tmp_path) == 0
    out = capsys.readouterr().out
    for field in ("records", "kinds", "units", "roles", "basis", "targets", "metadata"):
        assert f"\n  {field} " in out
    assert "R ≥ 90%" in out and "units recall" in out and "miss " in out
    assert eval_report.main(["--set", "dev", "--check", "--verbose"], root=tmp_path) == 1
    assert "unit 不存在的局 (lead) not found" in capsys.readouterr().out


def test_an_ingest_that_crashes_fails_its_case_and_says_why(monkeypatch):
    def crash(argv, root):
        raise RuntimeError("engine bug")
    monkeypatch.setattr(generator.ingest.draft, "main", crash)
    total, lines = eval_report.evaluate_set(ROOT, "dev", verbose=True)
    assert sum("(ingest failed)" in line for line in lines) == len(evaluate.cases(ROOT, "dev"))
    assert any("RuntimeError: engine bug" in line for line in lines)
    assert total.records.hit_truth == 0 and total.records.truth > 0
