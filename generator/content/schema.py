"""The content schema, written down once.

Validation walks YAML against these declarations, and the site's schema page is
generated from them, so the two cannot drift apart.

Types: ``str``, ``int``, ``number``, ``bool``, ``date`` (``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``: a source may give only a year or a month), ``id`` (a slug),
``lines`` (``[first, last]`` source line numbers), ``list[X]`` and the name of
another object below.  A field of type ``ref:<registry>`` holds an id that must
exist in that registry.

Each field is declared here and nowhere else: the model's dataclasses take their fields
from these objects (``model.declared``), ``load`` fills them generically, and the exports
and the schema page list them from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content import vocabulary


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()
    # What the model holds when the YAML leaves an optional field out; without it, by type:
    # an empty list, an empty mapping, false, or None (see ``model.declared``).
    default: object = None
    # Copied from the source as printed: loaded as ``chinese.Printed`` in the source's script,
    # so that every page shows it as printed in that script and converts it only in the other.
    printed: bool = False


@dataclass(frozen=True)
class Object:
    name: str
    doc: str
    fields: tuple[Field, ...] = field(default_factory=tuple)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


JURISDICTION = Object("Jurisdiction", "An administrative area; `content/jurisdictions.yaml`.", (
    Field("id", "id", True, "Slug, e.g. `yuxi`."),
    Field("name", "str", True, "Official name in Simplified script, e.g. 玉溪市."),
    Field("level", "str", True, "Administrative level.", tuple(vocabulary.LEVELS)),
    Field("parent", "ref:jurisdiction", False, "The enclosing jurisdiction (none for the national level)."),
))

UNIT = Object("Unit", "A responsible body; `content/units.yaml`.", (
    Field("id", "id", True, "Slug, e.g. `yuxi-civil-affairs`."),
    Field("name", "str", True, "Name as the sources print it, in Simplified script."),
    Field("jurisdiction", "ref:jurisdiction", True, "Where the body sits."),
    Field("type", "str", True, "Kind of body.", tuple(vocabulary.UNIT_TYPES)),
    Field("function", "ref:function", False, "Function key that lines up equivalent bodies across jurisdictions."),
    Field("aliases", "list[str]", False, "Other spellings of the same body that the sources print (either script); "
          "they resolve to this unit. A name of another kind of body (各县区 for 各县区人民政府) is a unit of its own."),
    Field("collective", "bool", False, "True for a class of bodies (各县区人民政府), not one body."),
))

FUNCTION = Object("Function", "A function key in `content/units.yaml` under `functions:`.", (
    Field("id", "id", True, "Slug, e.g. `civil-affairs`."),
    Field("name", "str", True, "Name of the function, e.g. 民政."),
))

SOURCE = Object("Source", "Where a document's text comes from.", (
    Field("file", "str", True, "File name under `content/sources/`."),
    Field("script", "str", True, "Script of the source as received.", tuple(vocabulary.SOURCE_SCRIPTS)),
    Field("url_title", "str", False, "Title of the web page it was scraped from, as printed.", printed=True),
    Field("site", "str", False, "Web site or publication, as printed.", printed=True),
    Field("body", "lines", True, "First and last line of the body; what lies outside is chrome."),
    Field("joins", "list[int]", False,
          "Lines whose paragraph continues on the next non-blank line (split in the scrape)."),
    Field("excluded", "list[Exclusion]", False, "Lines deliberately left without a record: inside the body, and "
          "outside it every line that holds a sentence or a number other than the document's metadata (a wrapper "
          "notice, an addressee, a site footer), which `check` otherwise warns of."),
))

EXCLUSION = Object("Exclusion", "A span of the source no record covers, and why.", (
    Field("lines", "lines", True, "First and last line."),
    Field("reason", "str", True, "Why it is not recorded (duplicate paragraph, sub-heading, signature …)."),
))

DOC_LINK = Object("DocumentLink", "A relation from this document to another.", (
    Field("type", "str", True, "`implements`, `describes` (explains or reports on) or `cites`.", tuple(vocabulary.DOC_RELATIONS)),
    Field("document", "ref:document", True, "The other document."),
    Field("as_cited", "str", False, "The citation as printed in this document, verbatim.", printed=True),
))

DOCUMENT = Object("Document", "One file per document in `content/documents/<id>.yaml`.", (
    Field("id", "id", True, "`<jurisdiction>-<year>` where the year is known; must match the file name."),
    Field("title", "str", True, "Short title as printed, without 《》, e.g. 关于加强和完善城乡社区治理的实施意见.", printed=True),
    Field("full_title", "str", False, "Title with issuers as printed.", printed=True),
    Field("jurisdiction", "ref:jurisdiction", True, "Jurisdiction that issued the document."),
    Field("issuers", "list[str]", False, "Issuing bodies as printed.", printed=True),
    Field("number", "str", False, "Document number (文号) as printed, e.g. 中发〔2017〕13号.", printed=True),
    Field("genre", "str", True, "What kind of document it is.", tuple(vocabulary.GENRES)),
    Field("status", "str", True, "What the corpus knows of its standing.", tuple(vocabulary.STATUSES)),
    Field("year", "int", False, "Year of issue where a source states it."),
    Field("dates", "Dates", False, "Dates a source states."),
    Field("effective_until", "date", False, "Date until which the document is in force, where a source states it."),
    Field("source", "Source", False, "The raw text it is transcribed from; absent for a cited-only document."),
    Field("links", "list[DocumentLink]", False, "Documents it implements, describes or cites."),
    Field("notes", "list[Note]", False, "Editor's notes on the document."),
    Field("records", "list[Record]", False, "Every provision, in order, nested by hierarchy."),
))

DATES = Object("Dates", "Dates as a source states them.", (
    Field("issued", "date", False, "Issued or sent down (下发)."),
    Field("printed", "date", False, "Printed (印发)."),
    Field("published", "date", False, "Published on the web page (发布时间)."),
    Field("drafted", "date", False, "Date on a draft or explanation."),
))

NOTE = Object("Note", "An editor's note: what the transcription did or what is wrong in the source.", (
    Field("type", "str", True, "`sic` (source error kept), `joined`, `artefact-removed`, `duplicate`, `editorial`, `untargeted` (a number deliberately given no target; its span holds the number).", tuple(vocabulary.NOTE_TYPES)),
    Field("text", "str", True, "The note, in Simplified script. Character forms it quotes as forms go between "
          "white square brackets (U+27E6, U+27E7): kept as written in both scripts, the brackets not shown."),
    Field("span", "str", False, "The verbatim text the note is about.", printed=True),
))

UNIT_REF = Object("UnitRef", "One responsible unit of a record.", (
    Field("unit", "ref:unit", True, "The unit's id."),
    Field("role", "str", True, "Lead or participating.", tuple(vocabulary.ROLES)),
    Field("basis", "str", True, "`stated` where a sentence of the record names the unit with its role "
          "(牵头/负责/负总责/主体责任/主办 for a lead, 配合/参与/协助/协同/协办 for a participant: 主办/协办, "
          "主办单位/协办单位 and 主办机关/协办机关 name lead and support in so many words), or lists it beside "
          "a lead marked in brackets (市民政局（牵头）、市财政局: 市财政局 takes part); otherwise `inferred` "
          "(from list order, or from being the body the text charges). Each body of a joint subject "
          "(各级党委、政府) is its own unit, with the same role and basis.", tuple(vocabulary.BASES)),
    Field("named", "str", False, "`list` where the unit is a body of the printed list (`raw`); `text` where "
          "only the running text names it (有关部门和群团组织密切配合, beside a list 各级党委和政府): shown "
          "apart from the list.", tuple(vocabulary.NAMED), default="list"),
))

RESPONSIBILITY = Object("Responsibility", "Who a record assigns the work to.", (
    Field("raw", "str", True, "The list as printed, verbatim, e.g. 市民政局、市委组织部等: the printed list "
          "of 责任单位, or the subject the text charges (各级党委和政府要…), and nothing else; a unit only the "
          "running text names is `named: text`.", printed=True),
    Field("etc", "bool", False, "True where the list ends in 等 (others not named)."),
    Field("units", "list[UnitRef]", True, "The units, in printed order."),
))

TARGET = Object("Target", "A quantity a record sets or reports.", (
    Field("id", "id", True, "Slug, unique within the record."),
    Field("type", "str", True, "target, standard or finding.", tuple(vocabulary.TARGET_TYPES)),
    Field("span", "str", True, "The exact text it comes from, verbatim.", printed=True),
    Field("value", "number", False, "The number (lower bound for a range)."),
    Field("value_max", "number", False, "Upper bound of a range."),
    Field("comparator", "str", False, "How the value binds.", tuple(vocabulary.COMPARATORS)),
    Field("unit", "str", False, "Unit as the document gives it, e.g. 平方米/百户, %, 元/人/年."),
    Field("deadline", "str", False, "Deadline as printed, e.g. 到2020年, “十二五”末.", printed=True),
    Field("deadline_year", "int", False, "Year of the deadline where the text fixes it (the last, for a range)."),
    Field("deadline_year_from", "int", False, "First year where the deadline is a range of years "
          "(到2025―2030年: 2025, deadline_year 2030)."),
    Field("scope", "str", False, "What it applies to, e.g. 城乡社区综合服务设施; a year here is the year it is "
          "for (a programme year), not a deadline."),
    Field("reading", "str", False, "The editors' reading, shown beside the value, where the span states the "
          "quantity in words (全覆盖: 100 %) or binds it without a comparator word (十五分钟社区生活圈: within "
          "15 minutes, `<=`); the comparator may then differ from what the span says."),
    Field("note", "str", False, "Why a value, comparator, unit or deadline deliberately differs from what the "
          "span literally says (a sic, a reading); without it `check` requires them to agree."),
))

RECORD = Object("Record", "A unit of text: a heading, provision, finding …", (
    Field("id", "id", True, "Slug unique within the document; the page anchor."),
    Field("kind", "str", True, "What the text is.", tuple(vocabulary.RECORD_KINDS)),
    Field("number", "str", False, "Hierarchy number as printed, e.g. 一、 (一) 1. 1、 ——.", printed=True),
    Field("title", "str", False, "Run-in heading as printed (verbatim), without number and final 。.", printed=True),
    Field("text", "str", False, "The body, verbatim in the source's script, after the title.", printed=True),
    Field("lines", "lines", True, "Source line range."),
    Field("responsibility", "Responsibility", False, "Responsible units."),
    Field("targets", "list[Target]", False, "Quantities set or reported."),
    Field("cites", "list[ref:document]", False, "Documents this text cites or speaks about."),
    Field("notes", "list[Note]", False, "Editor's notes."),
    Field("children", "list[Record]", False, "Records below this one in the hierarchy."),
))

# crosswalk/

TOPIC = Object("Topic", "A subject in the taxonomy; `crosswalk/topics.yaml` under `topics:`.", (
    Field("id", "id", True, "Slug, e.g. `facility-standards`."),
    Field("name", "str", True, "Name in Simplified script."),
    Field("scope", "str", True, "One-line scope note."),
    Field("parent", "ref:topic", False, "Broader topic."),
))

MAPPING = Object("Mapping", "Topics of one record; `crosswalk/topics.yaml` under `mappings:`.", (
    Field("record", "ref:record", True, "Global record id `<doc-id>/<record-id>`."),
    Field("topics", "list[ref:topic]", False, "Topics the record addresses."),
    Field("unmapped", "str", False, "Why the record has no topic (e.g. a bare heading)."),
))

RELATION = Object("Relation", "A relation between records of two documents; `crosswalk/topics.yaml` under `relations:`.", (
    Field("source", "ref:record", True, "Global record id."),
    Field("target", "ref:record", True, "Global record id."),
    Field("type", "str", True, "How the source's scope relates to the target's, read clause by clause: `equal` (each "
          "says what the other says, nothing more), `subset` (the target says all the source says, and more), "
          "`superset` (the reverse), `intersects` (a shared requirement, and each says something the other does "
          "not). The two records' topics must agree with the type.", tuple(vocabulary.RELATION_TYPES)),
    Field("rationale", "str", True, "One line: why."),
))

INDICATOR = Object("Indicator", "A comparable quantity; `crosswalk/indicators.yaml`.", (
    Field("id", "id", True, "Slug."),
    Field("name", "str", True, "Name in Simplified script."),
    Field("unit", "str", True, "Canonical unit."),
    Field("doc", "str", False, "What it measures."),
    Field("observations", "list[Observation]", False, "Targets normalised to this indicator."),
))

OBSERVATION = Object("Observation", "A target normalised to an indicator.", (
    Field("target", "ref:target", True, "`<doc-id>/<record-id>#<target-id>`."),
    Field("factor", "number", False, "Multiply the target's value by this to get the canonical unit (default 1).",
          default=1.0),
    Field("conversion", "str", False, "The conversion in words, e.g. 0.2 平方米/户 × 100 = 20 平方米/百户."),
))

# The fields that name or title something, in any object: checked for characters that make
# the text display as something it is not (``generator.content.names``).
NAME_FIELDS = frozenset({"name", "aliases", "title", "full_title", "issuers", "url_title"})

OBJECTS: dict[str, Object] = {o.name: o for o in (
    JURISDICTION, UNIT, FUNCTION, SOURCE, EXCLUSION, DOC_LINK, DOCUMENT, DATES, NOTE,
    UNIT_REF, RESPONSIBILITY, TARGET, RECORD, TOPIC, MAPPING, RELATION, INDICATOR, OBSERVATION,
)}
