"""Checks that span files: references, uniqueness, and fidelity to the sources.

``check`` returns every problem found; the caller decides how to report them.  A record's
verbatim fields must be found in its cleaned source within the record's own line range,
so a wrong line number is caught as surely as a wrong character.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.content import body_checks, checks, prose, registry_hints, review_marks
from generator.content.load import Paths, load, unloaded
from generator.content.model import Corpus, Document, Record, Topic
from generator.content.sources import SourceError, clean_lines, read_source, span_text
from generator.content.yamlfile import Pos, Problem


def check(paths: Paths) -> tuple[Corpus, list[Problem]]:
    """Load and validate; problems sorted by file and position."""
    corpus, problems = load(paths)
    return corpus, _validated(corpus, problems, paths)


def _validated(corpus: Corpus, problems: list[Problem], paths: Paths) -> list[Problem]:
    problems += _registries(corpus)
    for doc in corpus.documents.values():
        problems += _document(doc, corpus, paths)
    problems += _crosswalk(corpus)
    lost = unloaded(paths, corpus, problems)
    # Reading the content's own text needs all of it: an alias is "printed in no record"
    # only when every record is there to look in.
    problems += checks.check(corpus, whole=not lost)
    problems += prose.check(corpus)
    problems += review_marks.check(paths)
    problems = _fold(problems, lost)
    return sorted(set(problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def _ref(pos: Pos | None, registry: dict, key: str | None, what: str, where: str) -> list[Problem]:
    if key is None or key in registry:
        return []
    return [pos.problem(f"{where}: unknown {what} '{key}'", refers_to=(what, key))] if pos else []


def _place(problems: list[Problem], key: str, names: list[str], corpus: Corpus,
           doc: Document | None = None) -> list[Problem]:
    """An unknown jurisdiction's problem, with the line that declares it."""
    line = registry_hints.jurisdiction_line(key, names, corpus, doc) if problems else ""
    return [dataclasses.replace(p, message=p.message + registry_hints.hint(line)) for p in problems]


def _fold(problems: list[Problem], unloaded: dict[tuple[str, str | None], str]) -> list[Problem]:
    """References into a file that failed to load, folded into one line per file at the
    first of them: its own problems are the cause, and 82 lines of "unknown record" after
    them would bury it."""
    if not unloaded:
        return problems
    kept: list[Problem] = []
    folded: dict[str, list[Problem]] = {}
    for problem in problems:
        into = _into(problem.refers_to, unloaded)
        if into is None:
            kept.append(problem)
        else:
            folded.setdefault(into, []).append(problem)
    for name, refs in folded.items():
        first = min(refs)
        label = unloaded.get(("document", name)) or next(v for k, v in unloaded.items() if k[0] == name)
        what = f"{name} ({label})" if ("document", name) in unloaded else label
        kept.append(Problem(first.file, first.line, first.col,
                            f"… and {len(refs)} reference(s) into {what}, which failed to load"))
    return kept


def _into(refers_to: tuple[str, str] | None, unloaded: dict[tuple[str, str | None], str]) -> str | None:
    """The document id or registry a reference points into, if that failed to load."""
    if refers_to is None:
        return None
    what, key = refers_to
    if what in ("document", "record", "target"):
        doc_id = key.split("/")[0].split("#")[0]
        return doc_id if ("document", doc_id) in unloaded else None
    return what if (what, None) in unloaded else None


def _at(item, name: str) -> Pos:
    """Where the value of ``item.name`` is written, so a message points at the field itself."""
    return item.at.get(name, item.pos)


def _registries(corpus: Corpus) -> list[Problem]:
    out: list[Problem] = []
    for j in corpus.jurisdictions.values():
        out += _ref(_at(j, "parent"), corpus.jurisdictions, j.parent, "jurisdiction", f"jurisdiction {j.id}: parent")
        if j.parent == j.id:
            out.append(j.pos.problem(f"jurisdiction {j.id} is its own parent"))
    names: dict[tuple[str, str], str] = {}
    for u in corpus.units.values():
        out += _place(_ref(_at(u, "jurisdiction"), corpus.jurisdictions, u.jurisdiction, "jurisdiction",
                           f"unit {u.id}: jurisdiction"), u.jurisdiction, [u.name], corpus)
        out += _ref(_at(u, "function"), corpus.functions, u.function, "function", f"unit {u.id}: function")
        for name in [u.name, *u.aliases]:
            key = (u.jurisdiction, name)
            if key in names and names[key] != u.id:
                out.append(u.pos.problem(f"unit {u.id}: name '{name}' already names unit '{names[key]}' "
                                         f"in the same jurisdiction"))
            names[key] = u.id
    return out


def _source_lines(path: Path) -> tuple[str, ...]:
    # Read afresh by each check: under `mkdocs serve` a source edited since the last check
    # must be checked as it is now.
    return tuple(clean_lines(read_source(path)))


def _document(doc: Document, corpus: Corpus, paths: Paths) -> list[Problem]:
    out = _place(_ref(_at(doc, "jurisdiction"), corpus.jurisdictions, doc.jurisdiction, "jurisdiction",
                      f"document {doc.id}: jurisdiction"),
                 doc.jurisdiction, [*doc.issuers, doc.full_title or ""], corpus, doc)
    for link in doc.links:
        out += _ref(_at(link, "document"), corpus.documents, link.document, "document", f"{doc.id}: link")
        if link.document == doc.id:
            out.append(link.pos.problem(f"{doc.id}: a document cannot link to itself"))
    if doc.status == "cited-only" and (doc.records or doc.source):
        out.append(doc.pos.problem(f"{doc.id}: status cited-only but the document has a source or records"))
    lines: tuple[str, ...] | None = None
    if doc.source:
        try:
            lines = _source_lines(paths.source(doc.source.file))
        except SourceError as exc:
            out.append(_at(doc.source, "file").problem(f"{doc.id}: source.file: {exc}"))
        else:
            first, last = doc.source.body
            if last > len(lines):
                out.append(doc.pos.problem(f"{doc.id}: source.body ends at line {last} but "
                                           f"{doc.source.file} has {len(lines)} lines"))
            out += body_checks.outside_body(doc, lines, paths.label(paths.source(doc.source.file)))
    elif doc.records and "source" not in doc.at:  # a source given but refused is a problem already
        out.append(doc.pos.problem(f"{doc.id}: records need a source to be checked against"))
    seen: dict[str, Record] = {}
    for record in doc.walk():
        if record.id in seen:
            out.append(record.pos.problem(f"{doc.id}: duplicate record id '{record.id}' "
                                          f"(first at line {seen[record.id].pos.line})"))
        seen.setdefault(record.id, record)
        out += _record(record, doc, corpus, lines)
        out += body_checks.kind_looks_wrong(record, f"{doc.id}/{record.id}")
    return out


def _record(record: Record, doc: Document, corpus: Corpus, lines: tuple[str, ...] | None) -> list[Problem]:
    where = f"{doc.id}/{record.id}"
    out: list[Problem] = []
    if not (record.title or record.text):
        out.append(record.pos.problem(f"{where}: a record needs a title or a text"))
    for doc_id in record.cites:
        out += _ref(_at(record, "cites"), corpus.documents, doc_id, "document", f"{where}: cites")
    if record.responsibility:
        for ref in record.responsibility.units:
            out += _ref(ref.pos, corpus.units, ref.unit, "unit", f"{where}: responsibility")
    target_ids: set[str] = set()
    for target in record.targets:
        if target.id in target_ids:
            out.append(target.pos.problem(f"{where}: duplicate target id '{target.id}'"))
        target_ids.add(target.id)
        if target.comparator == "range" and target.value_max is None:
            out.append(target.pos.problem(f"{where}#{target.id}: a range needs value_max"))
    if lines is not None:
        out += _fidelity(record, doc, lines, where)
    return out


def _fidelity(record: Record, doc: Document, lines: tuple[str, ...], where: str) -> list[Problem]:
    first, last = record.lines
    source = doc.text_source
    body_first, body_last = source.body
    if first < body_first or last > body_last:
        return [record.pos.problem(f"{where}: lines {first}-{last} lie outside the source body "
                                   f"{body_first}-{body_last}")]
    segment = span_text(list(lines), first, last, frozenset(source.joins))
    fields = [("title", record.title), ("text", record.text)]
    if record.responsibility:
        fields.append(("responsibility.raw", record.responsibility.raw))
    fields += [(f"targets.{t.id}.span", t.span) for t in record.targets]
    fields += [("notes.span", n.span) for n in record.notes if n.span]
    out = []
    for name, value in fields:
        if value and value not in segment:
            out.append(record.pos.problem(
                f"{where}: {name} is not found verbatim in {source.file} lines {first}-{last}: "
                f"{_first_difference(value, segment)}"))
    return out


def _first_difference(value: str, segment: str) -> str:
    """Where the longest matching prefix of ``value`` stops, to point at the typo."""
    lo, hi = 0, len(value)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if value[:mid] in segment:
            lo = mid
        else:
            hi = mid - 1
    return f"matches up to character {lo + 1} ('{value[max(0, lo - 8):lo]}|{value[lo:lo + 8]}')"


def _crosswalk(corpus: Corpus) -> list[Problem]:
    out: list[Problem] = []
    siblings: dict[tuple[str | None, str], Topic] = {}
    for topic in corpus.topics.values():
        out += _ref(_at(topic, "parent"), corpus.topics, topic.parent, "topic", f"topic {topic.id}: parent")
        first = siblings.setdefault((topic.parent, topic.name), topic)
        if first is not topic:
            # Two topics that read the same under one parent cannot be told apart on any page.
            out.append(_at(topic, "name").problem(
                f"topic {topic.id}: name '{topic.name}' is already the name of topic {first.id} "
                f"(at {first.pos.file}:{first.pos.line}), under the same parent"))
    for uid, topic_ids in corpus.mappings.items():
        pos = corpus.mapping_pos[uid]
        out += _ref(pos, corpus.records, uid, "record", "mapping")
        for topic_id in topic_ids:
            out += _ref(pos, corpus.topics, topic_id, "topic", f"mapping of {uid}")
    for uid, reason in corpus.unmapped.items():
        out += _ref(corpus.mapping_pos[uid], corpus.records, uid, "record", "mapping")
        out.append(corpus.mapping_pos[uid].problem(f"{uid}: left without a topic: {reason}", "warning"))
    if corpus.topics:
        for uid, record in corpus.records.items():
            if uid not in corpus.mappings and uid not in corpus.unmapped:
                out.append(record.pos.problem(f"{uid}: record has no topic mapping in crosswalk/topics.yaml",
                                              "warning"))
    for rel in corpus.relations:
        out += _ref(_at(rel, "source"), corpus.records, rel.source, "record", "relation source")
        out += _ref(_at(rel, "target"), corpus.records, rel.target, "record", "relation target")
        if rel.source == rel.target:
            out.append(rel.pos.problem(f"relation of '{rel.source}' to itself"))
        elif rel.source.split("/")[0] == rel.target.split("/")[0]:
            out.append(rel.pos.problem(f"relation '{rel.source}' → '{rel.target}' stays within one document"))
    for indicator in corpus.indicators.values():
        for obs in indicator.observations:
            out += _ref(_at(obs, "target"), corpus.targets, obs.target, "target", f"indicator {indicator.id}")
    return out
