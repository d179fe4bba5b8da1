"""Reading ``content/`` and ``crosswalk/`` into a ``Corpus``.

Loading never stops at the first problem: each file is parsed and conformed to the
schema, the valid parts become the model, and every problem is returned for ``validate``
to add its own to.
"""

from __future__ import annotations

import dataclasses
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.chinese import Printed, printed_in
from generator.content import model, schema, vocabulary, yamlfile
from generator.content.conform import conform, conform_list
from generator.content.model import Corpus, Document
from generator.content.yamlfile import MarkedDict, Pos, Problem


@dataclass(frozen=True)
class Paths:
    """Where the content lives; every path a message names is relative to ``root``."""

    root: Path
    content: Path
    crosswalk: Path

    @classmethod
    def at(cls, root: Path, content: str = "content", crosswalk: str = "crosswalk") -> Paths:
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


@dataclass(frozen=True)
class _Plan:
    """How to build one schema object's model item: worked out once, used for every item."""

    cls: type
    required: frozenset[str]
    fields: tuple[tuple[str, str | None], ...]  # name, and the nested object type it holds (None: a plain value)
    takes: frozenset[str]  # which of _pos, _at and the derived values the class has a field for
    printed: frozenset[str]  # fields copied from the source as printed (``schema.Field.printed``)


def _nested(kind: str) -> str | None:
    inner = kind[5:-1] if kind.startswith("list[") else kind
    return kind if inner in schema.OBJECTS else None


_PLANS: dict[str, _Plan] = {
    name: _Plan(cls, frozenset(f.name for f in schema.OBJECTS[name].fields if f.required),
                tuple((f.name, _nested(f.type)) for f in schema.OBJECTS[name].fields),
                frozenset(f.name for f in dataclasses.fields(cls)) & model.DERIVED,
                frozenset(f.name for f in schema.OBJECTS[name].fields if f.printed))
    for name, cls in model.KINDS.items()}


def build(obj: schema.Object, d: dict, script: str | None = None, **derived):
    """The model item of ``obj`` from its conformed mapping ``d``, every declared field
    filled, nested items built alike; None if a required field did not pass.  ``derived``
    values (a record's ``doc_id``) go to every item, nested too, whose class has the field.
    With the source's ``script``, the fields copied from it as printed are ``Printed`` in it."""
    plan = _PLANS.get(obj.name)
    if plan is None:  # kept as a mapping (model.AS_MAPPINGS)
        return {k: v for k, v in d.items() if not k.startswith("_")}
    if not plan.required <= d.keys():
        return None
    values = {name: d[name] if nested is None else _built(nested, d[name], script, derived)
              for name, nested in plan.fields if name in d}
    if script:
        values.update((name, _printed(values[name], script)) for name in plan.printed if name in values)
    if plan.takes:
        where = {"pos": d["_pos"], "at": d["_at"], **derived}
        values.update((name, where[name]) for name in plan.takes if name in where)
    return plan.cls(**values)


def _built(kind: str, value, script: str | None, derived: dict):
    if kind.startswith("list["):
        obj = schema.OBJECTS[kind[5:-1]]
        return [item for item in (build(obj, v, script, **derived) for v in value) if item is not None]
    return build(schema.OBJECTS[kind], value, script, **derived)


def _printed(value, script: str):
    """A printed field's text (or each text of a list) as ``Printed`` in ``script``."""
    if isinstance(value, list):
        return [printed_in(v, script) for v in value]
    return printed_in(value, script)


def _unbracketed(text: str | None) -> str:
    return (text or "").replace("《", "").replace("》", "")


def _cited_as_printed(corpus: Corpus) -> None:
    """A document known only because others cite it is named as a source that cites it prints
    it: its title is printed in the script of the first source whose citation (``as_cited``)
    holds that title (《》 aside); with none, it is the editors' and converted on every page."""
    for doc in corpus.documents.values():
        if doc.source or isinstance(doc.title, Printed):
            continue
        citing = next((d for d in corpus.documents.values() if d.source and any(
            link.document == doc.id and doc.title in _unbracketed(link.as_cited) for link in d.links)), None)
        if citing is not None:
            for f in _PLANS["Document"].printed:
                if getattr(doc, f, None):
                    setattr(doc, f, _printed(getattr(doc, f), citing.text_source.script))


def _linked(doc: Document) -> None:
    """The links up the tree that no YAML states: each record's parent, each target's record."""
    for record in doc.walk():
        for child in record.children:
            child.parent = record
        for target in record.targets:
            target.record = record


def load(paths: Paths) -> tuple[Corpus, list[Problem]]:
    with _gc_paused():
        problems: list[Problem] = []
        corpus = Corpus(sources_dir=paths.sources)
        _load_jurisdictions(paths, corpus, problems)
        _load_units(paths, corpus, problems)
        for path in sorted(paths.documents.glob("*.yaml")):
            _load_document(path, paths, corpus, problems)
        _cited_as_printed(corpus)
        _load_topics(paths, corpus, problems)
        _load_indicators(paths, corpus, problems)
    return corpus, problems


def document(path: Path, paths: Paths) -> tuple[Document | None, list[Problem]]:
    """One document file, loaded alone (``mkdocs serve`` shows an edited one first)."""
    corpus = Corpus(sources_dir=paths.sources)
    problems: list[Problem] = []
    _load_document(path, paths, corpus, problems)
    return corpus.documents.get(path.stem), problems


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
        if (j := build(schema.JURISDICTION, d)) is not None:
            _register(corpus.jurisdictions, j, d["_pos"], "jurisdiction", problems)


def _load_units(paths: Paths, corpus: Corpus, problems: list[Problem]) -> None:
    data = _read(paths.content / "units.yaml", paths, problems, ("functions", "units"))
    if data is None:
        return
    for d in conform_list(schema.FUNCTION, data, "functions", data.pos, "functions", problems):
        if (function := build(schema.FUNCTION, d)) is not None:
            _register(corpus.functions, function, d["_pos"], "function", problems)
    for d in conform_list(schema.UNIT, data, "units", data.pos, "units", problems):
        if (unit := build(schema.UNIT, d)) is not None:
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
    if d is None or not _PLANS["Document"].required <= d.keys():
        return
    if d["id"] != path.stem:
        problems.append(data.pos_of("id").problem(f"document id '{d['id']}' does not match the file name '{path.name}'"))
    source = d.get("source")
    if source is not None and _PLANS["Source"].required <= source.keys() and not _source_ok(source, paths, problems):
        del d["source"]  # a path out of content/sources/ is never read
    script = (d.get("source") or {}).get("script")
    doc = build(schema.DOCUMENT, d, script if script in vocabulary.SOURCE_SCRIPTS else None, doc_id=d["id"])
    _linked(doc)
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


def _load_topics(paths: Paths, corpus: Corpus, problems: list[Problem]) -> None:
    data = _read(paths.crosswalk / "topics.yaml", paths, problems, ("topics", "mappings", "relations"))
    if data is None:
        return
    for d in conform_list(schema.TOPIC, data, "topics", data.pos, "topics", problems):
        if (topic := build(schema.TOPIC, d)) is not None:
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
        if (relation := build(schema.RELATION, d)) is not None:
            corpus.relations.append(relation)


def _load_indicators(paths: Paths, corpus: Corpus, problems: list[Problem]) -> None:
    data = _read(paths.crosswalk / "indicators.yaml", paths, problems, ("indicators",), optional=True)
    if data is None:
        return
    for d in conform_list(schema.INDICATOR, data, "indicators", data.pos, "indicators", problems):
        if (indicator := build(schema.INDICATOR, d)) is not None:
            _register(corpus.indicators, indicator, d["_pos"], "indicator", problems)
