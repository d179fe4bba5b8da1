"""The model: plain dataclasses, built by ``load`` and read by everything else.

A class here does not list the fields of its YAML kind: it derives from the typed fields
that ``model_codegen`` writes from ``schema.X`` into ``model_fields.py``, and
``@declared(schema.X)`` checks that they are still the schema's, so a field declared in the
schema is in the model, loaded and exported without a second declaration, and type checkers
see it.  What a class writes itself is only what no YAML holds (``DERIVED``: where it was
read, links the loader sets) and behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from functools import cached_property
from pathlib import Path
from typing import TypeVar, dataclass_transform

from generator import routes
from generator.chinese import joined, printed_in
from generator.content import model_codegen, model_fields, schema, vocabulary
from generator.content.model_codegen import AS_MAPPINGS
from generator.content.yamlfile import Pos

DERIVED = frozenset({"pos", "at", "doc_id", "parent", "record"})
"""The only fields a class may add to its schema object's: where the item was read
(``pos``, ``at``: the position of each field's value) and what the loader derives
(``doc_id``, ``parent``, ``record``).  Any other is refused when the class is made."""

UNPLACED = Pos("(not read from a file)", 0, 0)
"""The ``pos`` of an item made in code: the loader gives every item it reads its position,
so a problem can always be reported at one."""

KINDS: dict[str, type] = {}
"""Schema object name → its model class, filled by ``declared``."""

_Model = TypeVar("_Model")


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
def declared(obj: schema.Object) -> Callable[[type[_Model]], type[_Model]]:
    """Make the decorated class a dataclass with every field of ``obj``, then its own.

    The class derives from ``obj``'s generated fields (``model_fields.<Name>Fields``, made
    from the schema by ``model_codegen``), so type checkers see them; its own fields are
    keyword-only, so positional construction follows the schema's required fields, then its
    optional ones.  A field of the class's own that the schema also declares, or that is not
    ``DERIVED``, raises ``TypeError`` on import: it would be a second declaration, or a field
    no YAML can fill; so does a generated base that no longer matches the schema."""
    def make(cls: type[_Model]) -> type[_Model]:
        own: dict[str, str] = dict(cls.__dict__.get("__annotations__", {}))
        names = {f.name for f in obj.fields}
        twice = sorted(names & own.keys())
        stray = sorted(own.keys() - names - DERIVED)
        if twice or stray:
            raise TypeError(f"model.{cls.__name__}: " + "; ".join(
                [f"{', '.join(twice)} already declared in schema {obj.name}; declare a field only there"] * bool(twice)
                + [f"{', '.join(stray)} not in schema {obj.name}; declare it there (or, if no YAML holds it, "
                   f"add it to model.DERIVED)"] * bool(stray)))
        if obj.name in KINDS:
            raise TypeError(f"schema {obj.name} has two model classes: {KINDS[obj.name].__name__}, {cls.__name__}")
        base = getattr(model_fields, model_codegen.base_name(obj), None)
        generated = [f.name for f in dataclass_fields(base)] if base is not None else None
        if base not in cls.__mro__ or sorted(generated or ()) != sorted(names):
            raise TypeError(f"model.{cls.__name__} must derive from model_fields.{model_codegen.base_name(obj)}, "
                            f"generated from schema {obj.name}; run python -m generator.content.model_codegen")
        made = dataclass(kw_only=True)(cls)
        KINDS[obj.name] = made
        return made
    return make


def schema_of(item) -> schema.Object:
    """The schema object an item of the model was made from."""
    return _OBJECTS_BY_CLASS[type(item)]


def as_data(item, names: tuple[str, ...] | None = None) -> dict:
    """``item``'s declared fields (or those of ``names``) as JSON values, in the schema's
    order: nested items as mappings, line ranges as lists.  Exports start from this, so a
    new field is exported as it is declared."""
    return {f.name: _data(getattr(item, f.name)) for f in schema_of(item).fields if names is None or f.name in names}


def _data(value):
    if isinstance(value, list):
        return [_data(v) for v in value]
    if isinstance(value, tuple):
        return list(value)
    if type(value) in _OBJECTS_BY_CLASS:
        return as_data(value)
    return value


@declared(schema.JURISDICTION)
class Jurisdiction(model_fields.JurisdictionFields):
    pos: Pos = UNPLACED
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@declared(schema.FUNCTION)
class Function(model_fields.FunctionFields):
    pos: Pos = UNPLACED


@declared(schema.UNIT)
class Unit(model_fields.UnitFields):
    pos: Pos = UNPLACED
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@declared(schema.NOTE)
class Note(model_fields.NoteFields):
    pos: Pos = UNPLACED


@declared(schema.UNIT_REF)
class UnitRef(model_fields.UnitRefFields):
    pos: Pos = UNPLACED


@declared(schema.RESPONSIBILITY)
class Responsibility(model_fields.ResponsibilityFields):
    """Who a record assigns the work to."""


@declared(schema.TARGET)
class Target(model_fields.TargetFields):
    # The loader links each target to its record as soon as both are built (load._linked),
    # so outside the loader a target always has one.
    record: Record = field(default=None, repr=False)  # type: ignore[assignment]  # None only while loading
    pos: Pos = UNPLACED

    @property
    def uid(self) -> str:
        return f"{self.record.uid}#{self.id}"


@declared(schema.RECORD)
class Record(model_fields.RecordFields):
    doc_id: str
    parent: Record | None = field(default=None, repr=False)
    pos: Pos = UNPLACED
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value

    @property
    def uid(self) -> str:
        return f"{self.doc_id}/{self.id}"

    @property
    def ancestors(self) -> list[Record]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    @property
    def depth(self) -> int:
        return len(self.ancestors)

    @property
    def label(self) -> str:
        """The hierarchy path as printed, e.g. ``二、(一)1.``."""
        return joined("", (r.number for r in [*self.ancestors, self] if r.number and r.number != "——"))

    @property
    def heading(self) -> str:
        """Number and title, for lists and citations (``Printed`` as they are)."""
        return printed_in(f"{self.number or ''}{self.title or ''}".strip(),
                          getattr(self.title or self.number, "script", None))


@declared(schema.EXCLUSION)
class Exclusion(model_fields.ExclusionFields):
    """A span of a source's body no record covers."""


@declared(schema.SOURCE)
class Source(model_fields.SourceFields):
    """Where a document's text comes from."""
    pos: Pos = UNPLACED
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@declared(schema.DOC_LINK)
class DocumentLink(model_fields.DocumentLinkFields):
    pos: Pos = UNPLACED
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@declared(schema.DOCUMENT)
class Document(model_fields.DocumentFields):
    pos: Pos = UNPLACED
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value

    @property
    def has_text(self) -> bool:
        return bool(self.records)

    @property
    def text_source(self) -> Source:
        """``source``, for code that reads a document's text: ``check`` refuses records
        without a source, so only a cited-only document has none."""
        if self.source is None:
            raise ValueError(f"document {self.id} has no source: it is known only by citation")
        return self.source

    def walk(self) -> Iterator[Record]:
        stack = list(reversed(self.records))
        while stack:
            record = stack.pop()
            yield record
            stack.extend(reversed(record.children))


@declared(schema.TOPIC)
class Topic(model_fields.TopicFields):
    pos: Pos = UNPLACED
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@declared(schema.RELATION)
class Relation(model_fields.RelationFields):
    pos: Pos = UNPLACED
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@declared(schema.OBSERVATION)
class Observation(model_fields.ObservationFields):
    pos: Pos = UNPLACED
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@declared(schema.INDICATOR)
class Indicator(model_fields.IndicatorFields):
    pos: Pos = UNPLACED


_unbound = schema.OBJECTS.keys() - KINDS.keys() - AS_MAPPINGS.keys()
if _unbound:
    # A new kind of YAML object with no class: nothing would load it.
    raise TypeError(f"schema object(s) {', '.join(sorted(_unbound))} have no model class; "
                    "add one with @declared, or say in model.AS_MAPPINGS why not")
_OBJECTS_BY_CLASS: dict[type, schema.Object] = {cls: schema.OBJECTS[name] for name, cls in KINDS.items()}


@dataclass
class Corpus:
    """Everything the site is built from, with the look-ups every page needs."""

    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    mappings: dict[str, list[str]] = field(default_factory=dict)
    unmapped: dict[str, str] = field(default_factory=dict)
    mapping_pos: dict[str, Pos] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    sources_dir: Path | None = None  # where the raw source texts are, for coverage
    site: routes.Site = field(default_factory=routes.Site)  # where the build publishes it, for citations

    @property
    def sources(self) -> Path:
        """``sources_dir``, for code that reads the source texts: a corpus made in code
        without one cannot."""
        if self.sources_dir is None:
            raise ValueError("this corpus was made without a sources folder")
        return self.sources_dir

    @cached_property
    def records(self) -> dict[str, Record]:
        return {r.uid: r for d in self.documents.values() for r in d.walk()}

    @cached_property
    def targets(self) -> dict[str, Target]:
        return {t.uid: t for r in self.records.values() for t in r.targets}

    @cached_property
    def relations_by_record(self) -> dict[str, tuple[list[Relation], list[Relation]]]:
        """Record uid → (relations it is the source of, relations it is the target of)."""
        out: dict[str, tuple[list[Relation], list[Relation]]] = {}
        for rel in self.relations:
            out.setdefault(rel.source, ([], []))[0].append(rel)
            out.setdefault(rel.target, ([], []))[1].append(rel)
        return out

    @cached_property
    def cited_by(self) -> dict[str, list[Record]]:
        """Records that cite each document, in corpus order."""
        out: dict[str, list[Record]] = {}
        for record in self.records.values():
            for doc_id in record.cites:
                out.setdefault(doc_id, []).append(record)
        return out

    @cached_property
    def linked_from(self) -> dict[str, list[tuple[Document, DocumentLink]]]:
        out: dict[str, list[tuple[Document, DocumentLink]]] = {}
        for doc in self.documents.values():
            for link in doc.links:
                out.setdefault(link.document, []).append((doc, link))
        return out

    def jurisdiction_of(self, doc: Document) -> Jurisdiction:
        return self.jurisdictions[doc.jurisdiction]

    def level_of(self, doc: Document) -> str:
        return self.jurisdiction_of(doc).level

    def sort_key(self, doc: Document) -> tuple:
        """National → province → city → county, then jurisdiction, year, id."""
        j = self.jurisdiction_of(doc)
        return (vocabulary.LEVEL_ORDER[j.level], self.jurisdiction_path(j.id), doc.year or 0, doc.id)

    def jurisdiction_path(self, jid: str) -> tuple[str, ...]:
        chain = []
        at: str | None = jid
        while at:
            chain.append(at)
            at = self.jurisdictions[at].parent if at in self.jurisdictions else None
        return tuple(reversed(chain))

    def sorted_documents(self) -> list[Document]:
        return sorted(self.documents.values(), key=self.sort_key)

    def topics_of(self, record: Record) -> list[Topic]:
        return [self.topics[t] for t in self.mappings.get(record.uid, []) if t in self.topics]
