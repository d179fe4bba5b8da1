"""The model: plain dataclasses, built by ``load`` and read by everything else."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

from generator.content.yamlfile import Pos
from generator.content import vocabulary


@dataclass
class Jurisdiction:
    id: str
    name: str
    level: str
    parent: str | None = None
    pos: Pos | None = None
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@dataclass
class Function:
    id: str
    name: str
    pos: Pos | None = None


@dataclass
class Unit:
    id: str
    name: str
    jurisdiction: str
    type: str
    function: str | None = None
    aliases: list[str] = field(default_factory=list)
    collective: bool = False
    pos: Pos | None = None
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@dataclass
class Note:
    type: str
    text: str
    span: str | None = None
    pos: Pos | None = None


@dataclass
class UnitRef:
    unit: str
    role: str
    basis: str
    pos: Pos | None = None


@dataclass
class Responsibility:
    raw: str
    units: list[UnitRef]
    etc: bool = False


@dataclass
class Target:
    id: str
    type: str
    span: str
    value: float | None = None
    value_max: float | None = None
    comparator: str | None = None
    unit: str | None = None
    deadline: str | None = None
    deadline_year: int | None = None
    scope: str | None = None
    note: str | None = None
    record: "Record | None" = field(default=None, repr=False)
    pos: Pos | None = None

    @property
    def uid(self) -> str:
        return f"{self.record.uid}#{self.id}"


@dataclass
class Record:
    id: str
    kind: str
    lines: tuple[int, int]
    doc_id: str
    number: str | None = None
    title: str | None = None
    text: str | None = None
    responsibility: Responsibility | None = None
    targets: list[Target] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    children: list["Record"] = field(default_factory=list)
    parent: "Record | None" = field(default=None, repr=False)
    pos: Pos | None = None
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value

    @property
    def uid(self) -> str:
        return f"{self.doc_id}/{self.id}"

    @property
    def ancestors(self) -> list["Record"]:
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
        return "".join(r.number or "" for r in [*self.ancestors, self] if r.number and r.number != "——")

    @property
    def heading(self) -> str:
        """Number and title, for lists and citations."""
        return f"{self.number or ''}{self.title or ''}".strip()


@dataclass
class Exclusion:
    lines: tuple[int, int]
    reason: str


@dataclass
class Source:
    file: str
    script: str
    body: tuple[int, int]
    url_title: str | None = None
    site: str | None = None
    joins: list[int] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)


@dataclass
class DocumentLink:
    type: str
    document: str
    as_cited: str | None = None
    pos: Pos | None = None
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@dataclass
class Document:
    id: str
    title: str
    jurisdiction: str
    genre: str
    status: str
    full_title: str | None = None
    issuers: list[str] = field(default_factory=list)
    number: str | None = None
    year: int | None = None
    dates: dict[str, str] = field(default_factory=dict)
    source: Source | None = None
    links: list[DocumentLink] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    pos: Pos | None = None
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value

    @property
    def has_text(self) -> bool:
        return bool(self.records)

    def walk(self) -> Iterator[Record]:
        stack = list(reversed(self.records))
        while stack:
            record = stack.pop()
            yield record
            stack.extend(reversed(record.children))


@dataclass
class Topic:
    id: str
    name: str
    scope: str
    parent: str | None = None
    pos: Pos | None = None
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@dataclass
class Relation:
    source: str
    target: str
    type: str
    rationale: str
    pos: Pos | None = None
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@dataclass
class Observation:
    target: str
    factor: float = 1.0
    conversion: str | None = None
    pos: Pos | None = None
    at: dict[str, Pos] = field(default_factory=dict, repr=False)  # position of each field's value


@dataclass
class Indicator:
    id: str
    name: str
    unit: str
    doc: str | None = None
    observations: list[Observation] = field(default_factory=list)
    pos: Pos | None = None


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
    _derived: dict = field(default_factory=dict, repr=False, compare=False)

    def derived(self, key, make):
        """``make(self)``, made once for this corpus: what the build derives from the content
        lives and dies with the corpus a build loaded, so no cache outlives a rebuild under
        ``mkdocs serve`` (an edited source or record is read afresh)."""
        if key not in self._derived:
            self._derived[key] = make(self)
        return self._derived[key]

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
        while jid:
            chain.append(jid)
            jid = self.jurisdictions[jid].parent if jid in self.jurisdictions else None
        return tuple(reversed(chain))

    def sorted_documents(self) -> list[Document]:
        return sorted(self.documents.values(), key=self.sort_key)

    def topics_of(self, record: Record) -> list[Topic]:
        return [self.topics[t] for t in self.mappings.get(record.uid, []) if t in self.topics]
