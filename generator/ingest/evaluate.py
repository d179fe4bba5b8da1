"""How well `crosswalk ingest` drafts a document, scored against hand-made ground truth.

``crosswalk ingest-eval`` runs the real ingest on each case of an evaluation set, in a
scratch copy of the project, and compares what it wrote with the case's truth.  The
scorer reads only the files ingest writes (the document YAML, ``content/units.yaml``,
``content/jurisdictions.yaml``), so the engine can change freely underneath it.

Sets (``tests/ingest_eval/``, format in its README): ``dev`` and ``heldout`` hold texts
written for the project, each ``<case>.txt`` with ``<case>.truth.yaml``; ``walkthrough``
holds the long case; ``seeds`` takes the truth from the curated ``content/documents``
files that name a source, and re-ingests that source under the same doc id and
jurisdiction.

Matching rules:

- **records**: a drafted record matches when a truth record has the same source line
  range ``[first, last]``.  Precision over drafted records, recall over truth records.
  Records are flat here: a parent and its children are separate records, each with its
  own lines.  Truth records that share one range (sentence records of one paragraph)
  are one range.  ``kinds`` is the share of matched records whose kind agrees.
- Units and targets are compared per truth range.  A truth unit or target may be found
  on any drafted record whose lines overlap its range (the record with the same range
  is tried first, then by overlap); each drafted one counts once.  Those of a drafted
  record that overlaps no truth range count as spurious.  So a record cut wrongly does
  not lose its units and targets with it.
- **units** ``(record, body as printed, role)``: a drafted unit id is resolved to its
  name and aliases through the drafted ``units.yaml`` (an id it does not list resolves
  to nothing).  A truth unit is found when an unused drafted unit (of a record over its range) resolves
  to the printed body, compared in Simplified script.  For the seeds, the curated unit
  id is resolved the same way through the project's ``units.yaml``, and any shared name
  will do.  Precision over drafted unit references, recall over truth ones.
- **roles** (and ``basis``): the share of found units whose role (basis) agrees.
- **targets** ``(record, value, comparator, unit, deadline_year)``: a truth target is
  found when an unused drafted target (of a record over its range) has the same value and comparator
  (both absent for a deadline-only goal) and, where the truth has a deadline year, the
  same year.  ``measures`` is the share of found targets whose unit (个/社区, %, 平方米…)
  agrees, compared as unit names are (Simplified, NFKC, no white space); a target with the right number and
  the wrong unit still counts as found there, so this share is what says so.
- **topics** (seeds only): the topics ingest suggests in the draft's comment lines against the
  curated topics of ``crosswalk/topics.yaml``, per line range (the records of one range pooled);
  precision over every suggestion, recall over every curated topic.  The seed's own YAML is
  not in the scratch project, so its records suggest nothing to themselves.
- **metadata**, per field: title, full_title, number (文号), each issuer, each date,
  genre, status, script.  Strings are compared after NFKC and with white space removed.
  A truth field left empty says the source does not state it: a drafted value there
  counts against precision.  Each issuer is one item (printed order not compared).
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import traceback
import unicodedata
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import generator.ingest.draft
from generator.chinese import normalise
from generator.content import vocabulary, yamlfile
from generator.ingest import topics

EVAL_DIR = Path("tests") / "ingest_eval"
METADATA_FIELDS = ("title", "full_title", "number", "genre", "status", "script")
DATE_FIELDS = ("issued", "printed", "published", "drafted")


class TruthError(ValueError):
    """A ground-truth file that cannot be read, named with file, line and field."""


# --- truth and draft, in one shape ----------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    names: frozenset[str]      # Simplified, NFKC, no white space: what the reference resolves to
    shown: str                 # as printed (truth) or the id (draft), for reports
    role: str | None
    basis: str | None


@dataclass(frozen=True)
class Target:
    value: float | None
    comparator: str | None
    unit: str | None
    deadline_year: int | None


@dataclass(frozen=True)
class Record:
    lines: tuple[int, int]
    kind: str | None
    units: tuple[Unit, ...] = ()
    targets: tuple[Target, ...] = ()
    topics: frozenset[str] = frozenset()   # curated (seeds) or suggested (drafts)


@dataclass(frozen=True)
class Doc:
    """A document as the scorer sees it: flat records and metadata items."""

    records: tuple[Record, ...]
    metadata: dict[str, object]   # field -> normalised value; "issuers" -> tuple


@dataclass(frozen=True)
class Case:
    name: str
    set: str
    source: Path               # raw text
    doc_id: str
    jurisdiction: str
    new_jurisdiction: dict | None   # name/level/parent of a jurisdiction not yet in the project
    truth: Doc
    curated: Path | None = None     # seeds: the curated YAML the truth was read from


def text_key(text: str) -> str:
    """A string as compared: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def name_key(name: str) -> str:
    """A unit's name as compared: also in Simplified script."""
    return text_key(normalise(text_key(name)))


def unit_names(path: Path) -> dict[str, frozenset[str]]:
    """Unit id -> the name keys of its name and aliases, from a units.yaml."""
    data, problems = yamlfile.load(path)
    if problems or not isinstance(data, dict):
        return {}
    out = {}
    for unit in data.get("units") or []:
        if isinstance(unit, dict) and unit.get("id"):
            names = [unit.get("name"), *(unit.get("aliases") or [])]
            out[unit["id"]] = frozenset(name_key(str(n)) for n in names if n)
    return out


def _number(value) -> float | None:
    return None if value is None or isinstance(value, bool) else float(value)


def _year(value) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _walk(records):
    for record in records or []:
        if isinstance(record, dict):
            yield record
            yield from _walk(record.get("children"))


def _lines(value) -> tuple[int, int] | None:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return value[0], value[1]
    return None


def _unit_refs(record: dict) -> list[dict]:
    responsibility = record.get("responsibility")
    refs = responsibility.get("units") if isinstance(responsibility, dict) else None
    return [ref for ref in refs or [] if isinstance(ref, dict)]


def _target(item: dict) -> Target:
    return Target(_number(item.get("value")), item.get("comparator"), item.get("unit"),
                  _year(item.get("deadline_year")))


def document_metadata(doc: dict) -> dict[str, object]:
    """The scored metadata of a document YAML (curated or drafted), normalised."""
    source = doc.get("source")
    if not isinstance(source, dict):
        source = {}
    meta: dict[str, object] = {key: doc.get(key) for key in METADATA_FIELDS if key != "script"}
    meta["script"] = source.get("script")
    dates = doc.get("dates")
    if not isinstance(dates, dict):
        dates = {}
    for key in DATE_FIELDS:
        meta[f"dates.{key}"] = dates.get(key)
    meta["issuers"] = tuple(doc.get("issuers") or ())
    return normalise_metadata(meta)


def normalise_metadata(meta: dict[str, Any]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in meta.items():
        if key == "issuers":
            out[key] = tuple(text_key(str(v)) for v in value or ())
        else:
            out[key] = text_key(str(value)) if value not in (None, "") else None
    return out


def topic_mappings(path: Path) -> dict[str, frozenset[str]]:
    """Record uid → its topics, from a crosswalk/topics.yaml."""
    data, problems = yamlfile.load(path)
    if problems or not isinstance(data, dict):
        return {}
    return {str(m["record"]): frozenset(map(str, m.get("topics") or ())) for m in data.get("mappings") or []
            if isinstance(m, dict) and m.get("record")}


def drafted_doc(doc: dict, names: dict[str, frozenset[str]], topics: dict[str, frozenset[str]] | None = None) -> Doc:
    """A drafted document YAML as the scorer sees it; unit ids resolved through ``names``
    (the drafted units.yaml); ``topics`` by record uid (curated) or record id (suggested)."""
    records = []
    topics = topics or {}
    for rec in _walk(doc.get("records")):
        lines = _lines(rec.get("lines"))
        if lines is None:
            continue
        units = tuple(Unit(names.get(str(r.get("unit")), frozenset()), str(r.get("unit")), r.get("role"),
                           r.get("basis")) for r in _unit_refs(rec))
        targets = tuple(_target(t) for t in rec.get("targets") or [] if isinstance(t, dict))
        mapped = topics.get(f"{doc.get('id')}/{rec.get('id')}") or topics.get(str(rec.get("id"))) or frozenset()
        records.append(Record(lines, rec.get("kind"), units, targets, mapped))
    return Doc(tuple(records), document_metadata(doc))


# --- scores ---------------------------------------------------------------------------------


def _add_counts(into, other) -> None:
    for f in fields(into):
        setattr(into, f.name, getattr(into, f.name) + getattr(other, f.name))


@dataclass
class Tally:
    """Matched items out of drafted (precision) and out of truth (recall)."""

    hit_drafted: int = 0
    drafted: int = 0
    hit_truth: int = 0
    truth: int = 0

    def add(self, other: Tally) -> None:
        _add_counts(self, other)

    @property
    def precision(self) -> float | None:
        return self.hit_drafted / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.hit_truth / self.truth if self.truth else None


@dataclass
class Share:
    """Right out of judged (roles, basis, kinds)."""

    right: int = 0
    judged: int = 0

    def add(self, other: Share) -> None:
        _add_counts(self, other)

    @property
    def rate(self) -> float | None:
        return self.right / self.judged if self.judged else None


@dataclass
class Scores:
    records: Tally = field(default_factory=Tally)
    kinds: Share = field(default_factory=Share)
    units: Tally = field(default_factory=Tally)
    roles: Share = field(default_factory=Share)
    basis: Share = field(default_factory=Share)
    targets: Tally = field(default_factory=Tally)
    measures: Share = field(default_factory=Share)
    metadata: Tally = field(default_factory=Tally)
    topics: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)   # what went wrong, one line each (--verbose)

    def add(self, other: Scores) -> None:
        for name in FIELDS:
            getattr(self, name).add(getattr(other, name))


FIELDS = ("records", "kinds", "units", "roles", "basis", "targets", "measures", "metadata", "topics")


def _span(lines: tuple[int, int]) -> str:
    return f"line {lines[0]}" if lines[0] == lines[1] else f"lines {lines[0]}-{lines[1]}"


def score_records(truth: Doc, draft: Doc, scores: Scores) -> None:
    truth_ranges = {r.lines for r in truth.records}
    drafted_ranges = {r.lines for r in draft.records}
    kinds: dict[tuple[int, int], set[str | None]] = {}
    for r in truth.records:
        kinds.setdefault(r.lines, set()).add(r.kind)
    scores.records.drafted += len(draft.records)
    scores.records.hit_drafted += sum(r.lines in truth_ranges for r in draft.records)
    scores.records.truth += len(truth_ranges)
    scores.records.hit_truth += len(truth_ranges & drafted_ranges)
    for r in draft.records:
        if r.lines in truth_ranges:
            scores.kinds.judged += 1
            scores.kinds.right += r.kind in kinds[r.lines]
            if r.kind not in kinds[r.lines]:
                scores.misses.append(f"{_span(r.lines)}: kind {r.kind}, truth {'/'.join(sorted(map(str, kinds[r.lines])))}")
        else:
            scores.misses.append(f"{_span(r.lines)}: drafted record has no truth record over these lines")
    for lines in sorted(truth_ranges - drafted_ranges):
        scores.misses.append(f"{_span(lines)}: truth record not drafted over these lines")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]) + 1)


def match_items(truth: Doc, draft: Doc, which: str, same) -> tuple[list[tuple], list[tuple]]:
    """``(found, spurious)`` for the units or targets (``which``): each truth item as
    ``(range, item, drafted item or None)``, and the drafted items found for none as
    ``(lines, item)``.

    A truth item may be found on any drafted record whose lines overlap its range: the
    one with the same range first, then by overlap; each drafted item counts once."""
    drafted = [(r.lines, item) for r in draft.records for item in getattr(r, which)]
    used = [False] * len(drafted)
    found = []
    for lines, item in ((r.lines, item) for r in truth.records for item in getattr(r, which)):
        order = sorted((i for i, (where, _) in enumerate(drafted) if _overlap(where, lines)),
                       key=lambda i: (drafted[i][0] != lines, -_overlap(drafted[i][0], lines)))
        hit = next((i for i in order if not used[i] and same(item, drafted[i][1])), None)
        if hit is not None:
            used[hit] = True
        found.append((lines, item, None if hit is None else drafted[hit][1]))
    return found, [pair for pair, u in zip(drafted, used) if not u]


def unit_found(truth: Unit, drafted: Unit) -> bool:
    return bool(truth.names & drafted.names)


def target_found(truth: Target, drafted: Target) -> bool:
    same_value = (truth.value is None and drafted.value is None) or (
        truth.value is not None and drafted.value is not None and abs(truth.value - drafted.value) < 1e-9)
    return (same_value and truth.comparator == drafted.comparator
            and (truth.deadline_year is None or truth.deadline_year == drafted.deadline_year))


def _tally(tally: Tally, found: list[tuple], spurious: int) -> None:
    hits = sum(pair[-1] is not None for pair in found)
    tally.truth += len(found)
    tally.hit_truth += hits
    tally.drafted += hits + spurious
    tally.hit_drafted += hits


def _show_unit(u: Unit) -> str:
    return f"unit {u.shown} ({u.role})"


def _show_target(t: Target) -> str:
    value = "" if t.value is None else f"{t.value:g}"
    year = f" by {t.deadline_year}" if t.deadline_year else ""
    return "target " + f"{t.comparator or ''} {value} {t.unit or ''}{year}".strip()


def _score_items(truth: Doc, draft: Doc, which: str, scores: Scores) -> list[tuple]:
    """Units or targets found and missed, tallied and said; the pairs found."""
    same, show = (unit_found, _show_unit) if which == "units" else (target_found, _show_target)
    found, spurious = match_items(truth, draft, which, same)
    _tally(getattr(scores, which), found, len(spurious))
    scores.misses += [f"{_span(lines)}: {show(t)} not found" for lines, t, d in found if d is None]
    scores.misses += [f"{_span(lines)}: {show(d)} drafted, not in the truth" for lines, d in spurious]
    return [(lines, t, d) for lines, t, d in found if d is not None]


def score_roles(found: list[tuple], scores: Scores) -> None:
    for lines, t, d in found:
        scores.roles.judged += 1
        scores.roles.right += t.role == d.role
        scores.basis.judged += 1
        scores.basis.right += t.basis == d.basis
        if t.role != d.role:
            scores.misses.append(f"{_span(lines)}: unit {t.shown} role {d.role}, truth {t.role}")
        elif t.basis != d.basis:
            scores.misses.append(f"{_span(lines)}: unit {t.shown} basis {d.basis}, truth {t.basis}")


def _measure(unit: str | None) -> str:
    return name_key(unit or "")


def score_measures(found: list[tuple], scores: Scores) -> None:
    for lines, t, d in found:
        same = _measure(t.unit) == _measure(d.unit)
        scores.measures.judged += 1
        scores.measures.right += same
        if not same:
            scores.misses.append(f"{_span(lines)}: {_show_target(t)} drafted with unit {d.unit!r}")


def score_metadata(truth: dict[str, Any], draft: dict[str, Any], scores: Scores) -> None:
    for key, want in truth.items():
        got = draft.get(key)
        if key == "issuers":
            free = list(got or ())
            found = [(name, free.pop(free.index(name)) if name in free else None) for name in want]
            _tally(scores.metadata, found, len(free))
        else:
            right = want is not None and got == want
            _tally(scores.metadata, [(want, got if right else None)] if want is not None else [],
                   int(got is not None and not right))
        if got != want:
            scores.misses.append(f"{key} {got!r}, truth {want!r}")


def score_topics(truth: Doc, draft: Doc, scores: Scores) -> None:
    """Suggested topics against curated ones, per line range (the records of one range pooled):
    precision over every suggestion, recall over every curated topic."""
    def pooled(doc: Doc) -> dict[tuple[int, int], set[str]]:
        out: dict[tuple[int, int], set[str]] = {}
        for r in doc.records:
            out.setdefault(r.lines, set()).update(r.topics)
        return out

    curated, suggested = pooled(truth), pooled(draft)
    for lines, named in sorted(suggested.items()):
        right = named & curated.get(lines, set())
        scores.topics.drafted += len(named)
        scores.topics.hit_drafted += len(right)
        scores.misses += [f"{_span(lines)}: topic {t} suggested, not curated" for t in sorted(named - right)]
    for lines, named in sorted(curated.items()):
        found = named & suggested.get(lines, set())
        scores.topics.truth += len(named)
        scores.topics.hit_truth += len(found)
        scores.misses += [f"{_span(lines)}: curated topic {t} not suggested" for t in sorted(named - found)]


def score(truth: Doc, draft: Doc) -> Scores:
    """Every field of one drafted document against its truth."""
    scores = Scores()
    score_records(truth, draft, scores)
    score_roles(_score_items(truth, draft, "units", scores), scores)
    score_measures(_score_items(truth, draft, "targets", scores), scores)
    score_metadata(truth.metadata, draft.metadata, scores)
    if any(r.topics for r in truth.records):   # hand-made truths say no topics
        score_topics(truth, draft, scores)
    return scores


# --- truth files ----------------------------------------------------------------------------


def _problem(path: Path, node, key, message: str) -> TruthError:
    """``file:line: message`` at ``key`` of ``node`` (a loaded mapping or list)."""
    line = node.pos_of(key).line if hasattr(node, "pos_of") else 1
    return TruthError(f"{path}:{line}: {message}")


def _need(node, key: str, kind, path: Path, where: str = ""):
    value = node.get(key) if isinstance(node, dict) else None
    if not isinstance(value, kind):
        raise _problem(path, node, key, f"{where}{key} is missing or not a {kind.__name__}")
    return value


def _choice(node: dict, key: str, choices, path: Path, where: str, required: bool = True):
    value = node.get(key)
    if (value is not None or required) and value not in choices:
        raise _problem(path, node, key, f"{where}{key} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _truth_target(item, path: Path) -> Target:
    if not isinstance(item, dict):
        raise _problem(path, item, 0, "a target is a mapping")
    value = item.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise _problem(path, item, "value", f"target value must be a number, not {value!r}")
    _choice(item, "comparator", vocabulary.COMPARATORS, path, "target ", required=value is not None)
    if item.get("deadline_year") is not None and _year(item["deadline_year"]) is None:
        raise _problem(path, item, "deadline_year", "target deadline_year must be a year")
    return _target(item)


def _truth_unit(item, path: Path) -> Unit:
    name = _need(item, "name", str, path, "unit ")
    role = _choice(item, "role", vocabulary.ROLES, path, "unit ")
    basis = _choice(item, "basis", vocabulary.BASES, path, "unit ")
    return Unit(frozenset({name_key(name)}), name, role, basis)


def _truth_record(rec, path: Path) -> Record:
    lines = _lines(rec.get("lines")) if isinstance(rec, dict) else None
    if lines is None or lines[0] > lines[1]:
        raise _problem(path, rec, "lines", "record lines must be [first, last]")
    kind = _choice(rec, "kind", vocabulary.RECORD_KINDS, path, "record ")
    units = tuple(_truth_unit(u, path) for u in rec.get("units") or [])
    return Record(lines, kind, units, tuple(_truth_target(t, path) for t in rec.get("targets") or []))


def _truth_metadata(data: dict, path: Path) -> dict[str, object]:
    meta = _need(data, "metadata", dict, path)
    for key, choices in (("genre", vocabulary.GENRES), ("status", vocabulary.STATUSES),
                         ("script", vocabulary.SOURCE_SCRIPTS)):
        _choice(meta, key, choices, path, "metadata ", required=False)
    metadata = {key: meta.get(key) for key in METADATA_FIELDS}
    dates = meta.get("dates") or {}
    for key in DATE_FIELDS:
        metadata[f"dates.{key}"] = dates.get(key)
    metadata["issuers"] = tuple(meta.get("issuers") or ())
    return normalise_metadata(metadata)


def load_truth(path: Path, set_name: str) -> Case:
    """A hand-made case: ``<case>.truth.yaml`` beside ``<case>.txt``."""
    data, problems = yamlfile.load(path)
    if problems:
        raise TruthError(str(problems[0]))
    if not isinstance(data, dict):
        raise TruthError(f"{path}:1: a truth file is a mapping")
    name = path.name[: -len(".truth.yaml")]
    source = path.with_name(f"{name}.txt")
    if not source.is_file():
        raise TruthError(f"{path}:1: no text {source.name} beside it")
    doc_id = _need(data, "doc_id", str, path)
    jurisdiction, new = data.get("jurisdiction"), None
    if isinstance(jurisdiction, dict):
        new = {k: jurisdiction[k] for k in ("name", "level", "parent") if jurisdiction.get(k)}
        jurisdiction = _need(jurisdiction, "id", str, path, "jurisdiction ")
    elif not isinstance(jurisdiction, str):
        raise _problem(path, data, "jurisdiction", "jurisdiction is an id or a mapping with id")
    records = tuple(_truth_record(r, path) for r in _need(data, "records", list, path))
    return Case(name, set_name, source, doc_id, jurisdiction, new, Doc(records, _truth_metadata(data, path)))


def seed_case(path: Path, units: dict[str, frozenset[str]], root: Path,
              topics: dict[str, frozenset[str]] | None = None) -> Case | None:
    """A curated document with a source, as truth (None when it has no source): read as a
    draft is, its unit ids resolved through the project's units.yaml."""
    data, problems = yamlfile.load(path)
    if problems or not isinstance(data, dict) or not isinstance(data.get("source"), dict):
        return None
    source = root / "content" / "sources" / str(data["source"].get("file"))
    return Case(data["id"], "seeds", source, data["id"], data.get("jurisdiction") or "", None,
                drafted_doc(data, units, topics), curated=path)


def cases(root: Path, set_name: str) -> list[Case]:
    if set_name == "seeds":
        units = unit_names(root / "content" / "units.yaml")
        topics = topic_mappings(root / "crosswalk" / "topics.yaml")
        found = (seed_case(p, units, root, topics) for p in sorted((root / "content" / "documents").glob("*.yaml")))
        return [c for c in found if c is not None]
    folder = root / EVAL_DIR / set_name
    return [load_truth(p, set_name) for p in sorted(folder.glob("*.truth.yaml"))]


# --- running ingest -------------------------------------------------------------------------


def _scratch_project(root: Path, where: Path) -> Path:
    for part in ("content", "crosswalk"):
        if (root / part).is_dir():
            shutil.copytree(root / part, where / part)
    return where


def _add_jurisdiction(project: Path, jid: str, entry: dict) -> None:
    """The maintainer's one line for a new jurisdiction, added before ingest runs."""
    path = project / "content" / "jurisdictions.yaml"
    fields = ", ".join(f"{k}: {entry[k]}" for k in ("name", "level", "parent") if entry.get(k))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n  - {{id: {jid}, {fields}}}\n", encoding="utf-8")


def run_ingest(root: Path, case: Case) -> tuple[Doc | None, str]:
    """Ingest the case in a scratch copy of the project: (the draft as scored, or None when
    ingest wrote none; what ingest said)."""
    with tempfile.TemporaryDirectory(prefix="ingest-eval-") as tmp:
        project = _scratch_project(root, Path(tmp))
        if case.curated is not None:
            (project / "content" / "documents" / case.curated.name).unlink()
        if case.new_jurisdiction:
            _add_jurisdiction(project, case.jurisdiction, case.new_jurisdiction)
        source = project / "content" / "sources" / case.source.name
        if not source.exists():
            shutil.copyfile(case.source, source)
        said = io.StringIO()
        try:
            with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
                code = generator.ingest.draft.main([str(source), "--doc-id", case.doc_id, "--jurisdiction", case.jurisdiction],
                                         root=project)
        except (Exception, SystemExit):   # an engine that crashes fails this case, not the evaluation
            return None, said.getvalue() + traceback.format_exc()
        written = project / "content" / "documents" / f"{case.doc_id}.yaml"
        if code != 0 or not written.is_file():
            return None, said.getvalue()
        data, problems = yamlfile.load(written)
        if problems or not isinstance(data, dict):
            return None, said.getvalue() + "".join(f"{p}\n" for p in problems)
        return (drafted_doc(data, unit_names(project / "content" / "units.yaml"),
                            {rid: frozenset(t) for rid, t in topics.suggested(written.read_text(encoding="utf-8")).items()}),
                said.getvalue())
