"""Reading ``content/`` and ``crosswalk/`` into a ``Corpus``.

Loading never stops at the first problem: each file is parsed and conformed to the
schema, the valid parts become the model, and every problem is returned for ``validate``
to add its own to.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.content import schema, yamlfile
from generator.content.model import (Corpus, Document, DocumentLink, Exclusion, Function, Indicator, Jurisdiction, Note,
                    Observation, Record, Relation, Responsibility, Source, Target, Topic, Unit, UnitRef)
from generator.content.conform import conform, conform_list
from generator.content.yamlfile import MarkedDict, Pos, Problem


@dataclass(frozen=True)
class Paths:
    """Where the content lives; every path a message names is relative to ``root``."""

    root: Path
    content: Path
    crosswalk: Path

    @classmethod
    def at(cls, root: Path, content: str = "content", crosswalk: str = "crosswalk") -> "Paths":
        root = root.resolve()
        return cls(root, root / content, root / crosswalk)

    @property
    def sources(self) -> Path:
        return self.content / "sources"

    @property
    def documents(self) -> Path:
        return self.content / "documents"

    def source(self, name: str) -> Path:
        """The source text ``name`` under ``content/sources/``; ``ValueError`` if it would lead out."""
        return confined(self.sources, name)

    def label(self, path: Path) -> str:
        # Where the file is written in the project, even when it is a link to elsewhere.
        for where in (path.absolute(), path.resolve()):
            try:
                return str(where.relative_to(self.root))
            except ValueError:
                continue
        return str(path)

    def inputs(self) -> list[Path]:
        """Every file a build reads, for `mkdocs serve` to watch."""
        files = [self.content / "jurisdictions.yaml", self.content / "units.yaml",
                 self.crosswalk / "topics.yaml", self.crosswalk / "indicators.yaml"]
        return files + sorted(self.documents.glob("*.yaml")) + sorted(self.sources.glob("*"))


def confined(folder: Path, name: str) -> Path:
    """``folder / name``, refused (``ValueError`` saying why) unless it stays inside ``folder``.

    A path in content comes from a pull request: an absolute path, a ``..`` or a symlink
    would let the build read, and publish, any file of the machine that builds it."""
    if not name or "\x00" in name or "\\" in name:
        raise ValueError(f"'{name}' is not a file name")
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"'{name}' must be a file name under {folder.parent.name}/{folder.name}/, without '/' at the start or '..'")
    path = folder / relative
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        raise ValueError(f"'{name}' leads outside {folder.parent.name}/{folder.name}/ (through a symbolic link)") from None
    if path.exists() and not path.is_file():
        raise ValueError(f"'{name}' is not a regular file")
    return path


def _inside(path: Path, paths: Paths, problems: list[Problem]) -> bool:
    """Whether ``path`` stays in the project; a symbolic link out of it is a problem, never read."""
    try:
        path.resolve().relative_to(paths.root)
    except ValueError:
        problems.append(Problem(paths.label(path), 1, 1, "the file is a symbolic link out of the project; not read"))
        return False
    return True


def _read(path: Path, paths: Paths, problems: list[Problem], allowed: tuple[str, ...], optional=False):
    label = paths.label(path)
    if not path.exists():
        if not optional:
            problems.append(Problem(label, 1, 1, "file is missing"))
        return None
    if not _inside(path, paths, problems):
        return None
    data, found = yamlfile.load(path, label)
    problems.extend(found)
    if data is None:
        return None
    if not isinstance(data, MarkedDict):
        problems.append(Problem(label, 1, 1, f"expected a mapping with keys {', '.join(allowed)}"))
        return None
    for key in data:
        if key not in allowed:
            problems.append(data.pos_of(key).problem(f"unknown top-level key '{key}' (allowed: {', '.join(allowed)})"))
    return data


def _register(registry: dict, item, pos: Pos, kind: str, problems: list[Problem]) -> None:
    if item.id in registry:
        first = registry[item.id].pos
        problems.append(pos.problem(f"duplicate {kind} id '{item.id}' (first defined at {first.file}:{first.line})"))
        return
    registry[item.id] = item


def _fields(d: dict, *names: str) -> dict:
    return {n: d[n] for n in names if n in d}


def load(paths: Paths) -> tuple[Corpus, list[Problem]]:
    with _gc_paused():
        problems: list[Problem] = []
        corpus = Corpus(sources_dir=paths.sources)
        _load_jurisdictions(paths, corpus, problems)
        _load_units(paths, corpus, problems)
        for path in sorted(paths.documents.glob("*.yaml")):
            _load_document(path, paths, corpus, problems)
        _load_topics(paths, corpus, problems)
        _load_indicators(paths, corpus, problems)
    return corpus, problems


def unloaded(paths: Paths, corpus: Corpus, problems: list[Problem]) -> dict[tuple[str, str | None], str]:
    """What failed to load, for a check to fold the references into it: ``("document", id)``
    for a document file with errors that left no document of its name, ``(registry, None)``
    for a registry file with errors that left the registry empty; each → the file's label."""
    broken = {p.file for p in problems if p.severity == "error"}
    out: dict[tuple[str, str | None], str] = {}
    for path in paths.documents.glob("*.yaml"):
        label = paths.label(path)
        if label in broken and path.stem not in corpus.documents:
            out[("document", path.stem)] = label
    registries = {"jurisdiction": (paths.content / "jurisdictions.yaml", corpus.jurisdictions),
                  "unit": (paths.content / "units.yaml", corpus.units),
                  "function": (paths.content / "units.yaml", corpus.functions),
                  "topic": (paths.crosswalk / "topics.yaml", corpus.topics)}
    for registry, (path, items) in registries.items():
        if not items and paths.label(path) in broken:
            out[(registry, None)] = paths.label(path)
    return out


@contextmanager
def _gc_paused():
    """No garbage collection while loading, and one full collection after it.

    Loading allocates millions of objects and frees almost none, so every collection the
    allocations trigger walks the growing tree again for nothing: it doubled the time.  Left
    to age through the generations afterwards, the new objects would be walked again by the
    collection of each; one full collection moves them to the oldest generation at once."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect()


def _load_jurisdictions(paths: Paths, corpus: Corpus, problems: list[Problem]) -> None:
    data = _read(paths.content / "jurisdictions.yaml", paths, problems, ("jurisdictions",))
    if data is None:
        return
    for d in conform_list(schema.JURISDICTION, data, "jurisdictions", data.pos, "jurisdictions", problems):
        if {"id", "name", "level"} <= d.keys():
            j = Jurisdiction(pos=d["_pos"], at=d["_at"], **_fields(d, "id", "name", "level", "parent"))
            _register(corpus.jurisdictions, j, d["_pos"], "jurisdiction", problems)


def _load_units(paths: Paths, corpus: Corpus, problems: list[Problem]) -> None:
    data = _read(paths.content / "units.yaml", paths, problems, ("functions", "units"))
    if data is None:
        return
    for d in conform_list(schema.FUNCTION, data, "functions", data.pos, "functions", problems):
        if {"id", "name"} <= d.keys():
            _register(corpus.functions, Function(d["id"], d["name"], d["_pos"]), d["_pos"], "function", problems)
    for d in conform_list(schema.UNIT, data, "units", data.pos, "units", problems):
        if {"id", "name", "jurisdiction", "type"} <= d.keys():
            unit = Unit(pos=d["_pos"], at=d["_at"], **_fields(d, "id", "name", "jurisdiction", "type", "function",
                                                  "aliases", "collective"))
            _register(corpus.units, unit, d["_pos"], "unit", problems)


def _load_document(path: Path, paths: Paths, corpus: Corpus, problems: list[Problem]) -> None:
    label = paths.label(path)
    if not _inside(path, paths, problems):
        return
    data, found = yamlfile.load(path, label)
    problems.extend(found)
    if data is None:
        return
    d = conform(schema.DOCUMENT, data, Pos(label, 1, 1), path.stem, problems)
    if d is None or not {"id", "title", "jurisdiction", "genre", "status"} <= d.keys():
        return
    if d["id"] != path.stem:
        problems.append(data.pos_of("id").problem(f"document id '{d['id']}' does not match the file name '{path.name}'"))
    doc = Document(pos=d["_pos"], at=d["_at"], **_fields(d, "id", "title", "jurisdiction", "genre", "status", "full_title",
                                             "issuers", "number", "year"))
    doc.dates = {k: v for k, v in d.get("dates", {}).items() if not k.startswith("_")}
    if "source" in d and {"file", "script", "body"} <= d["source"].keys() and _source_ok(d["source"], paths, problems):
        s = d["source"]
        doc.source = Source(**_fields(s, "file", "script", "body", "url_title", "site", "joins"))
        doc.source.excluded = [Exclusion(e["lines"], e["reason"]) for e in s.get("excluded", [])
                               if {"lines", "reason"} <= e.keys()]
    doc.links = [DocumentLink(link["type"], link["document"], link.get("as_cited"), link["_pos"], link["_at"])
                 for link in d.get("links", []) if {"type", "document"} <= link.keys()]
    doc.notes = _notes(d)
    doc.records = [r for r in (_record(x, doc.id, None) for x in d.get("records", [])) if r]
    first = corpus.documents.get(doc.id)
    if first is not None and doc.id == path.stem and first.pos.file != label:
        # A copy under another file name came first in file order: the file named for the
        # id is the original, and the problem belongs to the copy.
        corpus.documents[doc.id] = doc
        problems.append(first.pos.problem(f"duplicate document id '{doc.id}': {label} is the document's own "
                                          f"file; this file is a copy"))
        return
    _register(corpus.documents, doc, d["_pos"], "document", problems)


def _source_ok(source: dict, paths: Paths, problems: list[Problem]) -> bool:
    try:
        paths.source(source["file"])
    except ValueError as exc:
        problems.append(source["_at"].get("file", source["_pos"]).problem(f"source.file: {exc}"))
        return False
    return True


def _notes(d: dict) -> list[Note]:
    return [Note(n["type"], n["text"], n.get("span"), n["_pos"]) for n in d.get("notes", [])
            if {"type", "text"} <= n.keys()]


def _record(d: dict, doc_id: str, parent: Record | None) -> Record | None:
    if not {"id", "kind", "lines"} <= d.keys():
        return None
    record = Record(doc_id=doc_id, parent=parent, pos=d["_pos"], at=d["_at"],
                    **_fields(d, "id", "kind", "lines", "number", "title", "text", "cites"))
    record.notes = _notes(d)
    if "responsibility" in d and {"raw", "units"} <= d["responsibility"].keys():
        r = d["responsibility"]
        refs = [UnitRef(u["unit"], u["role"], u["basis"], u["_pos"]) for u in r["units"]
                if {"unit", "role", "basis"} <= u.keys()]
        record.responsibility = Responsibility(r["raw"], refs, r.get("etc", False))
    for t in d.get("targets", []):
        if {"id", "type", "span"} <= t.keys():
            record.targets.append(Target(record=record, pos=t["_pos"], **_fields(
                t, "id", "type", "span", "value", "value_max", "comparator", "unit", "deadline",
                "deadline_year", "scope", "note")))
    record.children = [c for c in (_record(x, doc_id, record) for x in d.get("children", [])) if c]
    return record


def _load_topics(paths: Paths, corpus: Corpus, problems: list[Problem]) -> None:
    data = _read(paths.crosswalk / "topics.yaml", paths, problems, ("topics", "mappings", "relations"))
    if data is None:
        return
    for d in conform_list(schema.TOPIC, data, "topics", data.pos, "topics", problems):
        if {"id", "name", "scope"} <= d.keys():
            topic = Topic(pos=d["_pos"], at=d["_at"], **_fields(d, "id", "name", "scope", "parent"))
            _register(corpus.topics, topic, d["_pos"], "topic", problems)
    for d in conform_list(schema.MAPPING, data, "mappings", data.pos, "mappings", problems):
        if "record" not in d:
            continue
        uid = d["record"]
        if uid in corpus.mappings or uid in corpus.unmapped:
            problems.append(d["_pos"].problem(f"record '{uid}' is mapped twice"))
            continue
        if d.get("topics"):
            corpus.mappings[uid] = d["topics"]
            corpus.mapping_pos[uid] = d["_pos"]
        elif "unmapped" in d:
            corpus.unmapped[uid] = d["unmapped"]
            corpus.mapping_pos[uid] = d["_pos"]
        else:
            problems.append(d["_pos"].problem(f"mapping of '{uid}' needs topics or an 'unmapped' reason"))
    for d in conform_list(schema.RELATION, data, "relations", data.pos, "relations", problems):
        if {"source", "target", "type", "rationale"} <= d.keys():
            corpus.relations.append(Relation(pos=d["_pos"], at=d["_at"], **_fields(d, "source", "target", "type", "rationale")))


def _load_indicators(paths: Paths, corpus: Corpus, problems: list[Problem]) -> None:
    data = _read(paths.crosswalk / "indicators.yaml", paths, problems, ("indicators",), optional=True)
    if data is None:
        return
    for d in conform_list(schema.INDICATOR, data, "indicators", data.pos, "indicators", problems):
        if {"id", "name", "unit"} <= d.keys():
            indicator = Indicator(pos=d["_pos"], **_fields(d, "id", "name", "unit", "doc"))
            indicator.observations = [
                Observation(o["target"], o.get("factor", 1.0), o.get("conversion"), o["_pos"], o["_at"])
                for o in d.get("observations", []) if "target" in o]
            _register(corpus.indicators, indicator, d["_pos"], "indicator", problems)
