"""Each schema object's fields as a typed dataclass, the base of its model class.

Generated from generator/content/schema.py by ``python -m generator.content.model_codegen``;
do not edit (tests/test_model_fields.py fails when it differs from the schema)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.content.model import (
        DocumentLink,
        Exclusion,
        Note,
        Observation,
        Record,
        Responsibility,
        Source,
        Target,
        UnitRef,
    )


@dataclass
class JurisdictionFields:
    """An administrative area; `content/jurisdictions.yaml`."""

    id: str
    name: str
    level: str
    parent: str | None = None


@dataclass
class UnitFields:
    """A responsible body; `content/units.yaml`."""

    id: str
    name: str
    jurisdiction: str
    type: str
    function: str | None = None
    aliases: list[str] = field(default_factory=list)
    collective: bool = False


@dataclass
class FunctionFields:
    """A function key in `content/units.yaml` under `functions:`."""

    id: str
    name: str


@dataclass
class SourceFields:
    """Where a document's text comes from."""

    file: str
    script: str
    body: tuple[int, int]
    url_title: str | None = None
    site: str | None = None
    joins: list[int] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)


@dataclass
class ExclusionFields:
    """A span of the source no record covers, and why."""

    lines: tuple[int, int]
    reason: str


@dataclass
class DocumentLinkFields:
    """A relation from this document to another."""

    type: str
    document: str
    as_cited: str | None = None


@dataclass
class DocumentFields:
    """One file per document in `content/documents/<id>.yaml`."""

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
    effective_until: str | None = None
    source: Source | None = None
    links: list[DocumentLink] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)


@dataclass
class NoteFields:
    """An editor's note: what the transcription did or what is wrong in the source."""

    type: str
    text: str
    span: str | None = None


@dataclass
class UnitRefFields:
    """One responsible unit of a record."""

    unit: str
    role: str
    basis: str
    named: str = 'list'


@dataclass
class ResponsibilityFields:
    """Who a record assigns the work to."""

    raw: str
    units: list[UnitRef]
    etc: bool = False


@dataclass
class TargetFields:
    """A quantity a record sets or reports."""

    id: str
    type: str
    span: str
    value: float | None = None
    value_max: float | None = None
    comparator: str | None = None
    unit: str | None = None
    deadline: str | None = None
    deadline_year: int | None = None
    deadline_year_from: int | None = None
    scope: str | None = None
    reading: str | None = None
    note: str | None = None


@dataclass
class RecordFields:
    """A unit of text: a heading, provision, finding …"""

    id: str
    kind: str
    lines: tuple[int, int]
    number: str | None = None
    title: str | None = None
    text: str | None = None
    responsibility: Responsibility | None = None
    targets: list[Target] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    children: list[Record] = field(default_factory=list)


@dataclass
class TopicFields:
    """A subject in the taxonomy; `crosswalk/topics.yaml` under `topics:`."""

    id: str
    name: str
    scope: str
    parent: str | None = None


@dataclass
class RelationFields:
    """A relation between records of two documents; `crosswalk/topics.yaml` under `relations:`."""

    source: str
    target: str
    type: str
    rationale: str


@dataclass
class IndicatorFields:
    """A comparable quantity; `crosswalk/indicators.yaml`."""

    id: str
    name: str
    unit: str
    doc: str | None = None
    observations: list[Observation] = field(default_factory=list)


@dataclass
class ObservationFields:
    """A target normalised to an indicator."""

    target: str
    factor: float = 1.0
    conversion: str | None = None
