"""Citations: what 复制引文, the pins, the search hits and ``provisions.json`` hand out.

The quoted part is the source as printed: one contiguous span of the record's cleaned
source lines (``clean.span_text``), from its title to the end of its text, so title and
text are joined by whatever the source prints between them (。, a line break) and nothing
is added.  A 责任单位 list is quoted only where the source prints it, labelled, right
after the text: ``(责任单位:…)`` in Yuxi; where the units are named inside the sentence
(Lanzhou, Nanchong) the sentence already holds them.

Around the quote, the form Chinese officials use::

    《中共玉溪市委玉溪市人民政府关于加强和完善城乡社区治理的实施意见》(2018年10月31日印发)第二部分第(一)项第1条:“…”
    据《鑫報》2013年1月8日《蘭州啟動城市社區管理體制改革》一文报道:“…”

issuing organs (unless the full title names them), 《title》, 文号, the genre where it
changes the text's authority (征求意见稿, 起草说明, 调研报告; news as 据《报》…报道), the
date, the locator in the document's own numbering, the quote with inner quotation marks
turned to ‘’, and the record's stable URL.  ``gbt`` gives the GB/T 7714-2015 entry.

Everything is made once, with source text marked (``script.as_printed``): a page converts
it with the rest of its body, and ``Citation.text(script)`` converts it the same way, so
the page's button and the data files say the same thing in each script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from generator import chinese as script
from generator.content.sources import clean_lines, read_source, span_text
from generator.content import vocabulary
from generator.content.model import Corpus, Document, Note, Record
from generator import routes

# Labels a source prints before a 责任单位 list, in either script.
_UNITS_LABEL = r"(?:责任单位|責任單位|牵头单位|牽頭單位|责任部门|責任部門)"
_GENRE_SHOWN = {"draft-for-comment": "征求意见稿", "drafting-explanation": "起草说明", "survey-report": "调研报告"}
_DATE_ORDER = ("issued", "printed", "drafted", "published")
_GBT_TYPE = {"news-report": "N/OL", "survey-report": "R/OL", "drafting-explanation": "R/OL"}
_GBT_WEB = "EB/OL"
_CHINESE_NUMERAL = "〇零一二三四五六七八九十百"
_OPEN, _CLOSE = r"[(\uff08]", r"[)\uff09]"   # a bracket, half or full width
_COLONS = ":\uff1a"


class CitationError(ValueError):
    """A record whose quote cannot be found in its source (``check`` reports this first)."""


# --- the quoted part ---------------------------------------------------------------------

def segment(corpus: Corpus, doc: Document, record: Record) -> str:
    """The record's source lines as the fidelity check reads them."""
    path = corpus.sources_dir / doc.source.file
    lines = corpus.derived(("source lines", path), lambda c: tuple(clean_lines(read_source(path))))
    return span_text(lines, record.lines[0], record.lines[1], frozenset(doc.source.joins))


def quote(corpus: Corpus, record: Record) -> str:
    """The record as its source prints it: from its title to the end of its text, and its
    labelled 责任单位 list where the source prints one right after; in the source's script."""
    # Pages, exports and the search index each ask for every record's quote: made once a build.
    made = corpus.derived("citation quotes", lambda c: {})
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


# --- the frame ---------------------------------------------------------------------------

def _printed(doc: Document, text: str) -> str:
    return script.as_printed(text, doc.source.script) if doc.source else text


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
    return shown if shown and shown not in script.convert(title, "hans") else None


def locator(doc: Document, record: Record) -> str:
    """Where the record sits, in the document's own numbering: 第二部分第(一)项第1条; for
    records without numbers, the nearest heading: “改革背景”部分."""
    words = [_place(doc, r.number) for r in [*record.ancestors, record] if r.number and r.number != "——"]
    if words:
        return "".join(words)
    for r in reversed([*record.ancestors]):
        if r.title:
            return f"“{_printed(doc, r.title.rstrip(_COLONS))}”部分"
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
    """Who issued what: organs《title》(文号, genre, date), or 据《报》date《title》一文 for news."""
    title = _printed(doc, doc.full_title or doc.title)
    date = _date(doc)
    if doc.genre == "news-report":
        when = _chinese_date(date[1]) if date else ""
        site = f"《{_printed(doc, doc.source.site)}》" if doc.source and doc.source.site else ""
        return f"据{site}{when}《{title}》一文"
    organs = "" if doc.full_title else "、".join(_printed(doc, i) for i in doc.issuers)
    details = [_printed(doc, doc.number) if doc.number else None, _genre(doc),
               f"{_chinese_date(date[1])}{vocabulary.DATES[date[0]]}" if date else None]
    shown = [d for d in details if d]
    return f"{organs}《{title}》" + (f"({','.join(shown)})" if shown else "")


def _marked(corpus: Corpus, record: Record) -> str:
    words = _printed(corpus.documents[record.doc_id], nested(quote(corpus, record)))
    return f"{head_marked(corpus, record)}{words}”\n{url(corpus, record)}"


def head_marked(corpus: Corpus, record: Record) -> str:
    """A record's citation up to its quote, marked: where, in the finished citation, the
    quote starts (the quotation mark ends it, so a finished head's length is the quote's start)."""
    doc = corpus.documents[record.doc_id]
    said = "报道" if doc.genre == "news-report" else ""
    return f"{source_of(doc)}{locator(doc, record)}{said}:“"


def _marked_gbt(corpus: Corpus, record: Record | None, doc: Document) -> str:
    authors = ", ".join(_printed(doc, i) for i in doc.issuers) if doc.genre != "news-report" else ""
    title = _printed(doc, doc.full_title or doc.title)
    more = [m for m in (_printed(doc, doc.number) if doc.number else None, _genre(doc)) if m]
    kind = _GBT_TYPE.get(doc.genre, _GBT_WEB)
    # Online items are dated by their publication on the web, where a source gives it.
    date = str(doc.dates["published"]) if doc.dates.get("published") else (_date(doc) or (None, None))[1]
    site = _printed(doc, doc.source.site) if doc.source and doc.source.site else ""
    if kind == "N/OL":
        published = ", ".join(p for p in (site, date) if p)
    else:
        published = ", ".join(p for p in (site, f"({date})" if date else "") if p)
    head = f"{authors}. " if authors else ""
    entry = f"{head}{title}{''.join(': ' + m for m in more)}[{kind}]. " + (f"{published}. " if published else "")
    return entry + (url(corpus, record) if record is not None else doc_url(corpus, doc)) + "."


# --- addresses -----------------------------------------------------------------------------

def url(corpus: Corpus, record: Record) -> str:
    """The record's address in each script (a ``script.choice``), where the build publishes it."""
    return _address(corpus, routes.record(record.doc_id, record.id))


def doc_url(corpus: Corpus, doc: Document) -> str:
    return _address(corpus, routes.document(doc.id))


def _address(corpus: Corpus, path: str) -> str:
    return script.choice(*(corpus.site.address(path, s) for s in script.SCRIPTS))


# --- in a script ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """One record's citation forms, marked: a page rendered for both scripts takes them as
    they are (its conversion finishes them), ``text`` and ``gbt`` finish them for one script."""

    marked: str
    marked_gbt: str

    def text(self, in_script: str) -> str:
        return _finish(self.marked, in_script)

    def gbt(self, in_script: str) -> str:
        return _finish(self.marked_gbt, in_script)


def _finish(marked: str, in_script: str) -> str:
    return script.to_script(marked, in_script)


_APART = "\ue011"  # between citations finished together: a private-use character no text holds


def quote_spans(heads: list[str], cites: list[str]) -> list[list[int]]:
    """[start, end) code point offsets of each quote in its finished citation, given the finished
    heads (``head_marked``): the quote runs from the head to the closing quotation mark."""
    spans = []
    for head, cite in zip(heads, cites, strict=True):
        end = cite.rfind("”\n")
        if not cite.startswith(head) or end < len(head):
            raise CitationError(f"a citation does not begin with its head: {cite[:60]!r}…")
        spans.append([len(head), end])
    return spans


def finish_all(marked: list[str], in_script: str) -> list[str]:
    """``Citation.text`` (or ``gbt``) of many citations in one conversion, as ``_finish`` gives each."""
    out = script.to_script(_APART.join(marked), in_script).split(_APART)
    return out if len(out) == len(marked) else [_finish(m, in_script) for m in marked]


def of(corpus: Corpus, record: Record) -> Citation:
    site = corpus.site
    made = corpus.derived(("citations", site.base, site.folders["hant"]), lambda c: {})
    if record.uid not in made:
        doc = corpus.documents[record.doc_id]
        made[record.uid] = Citation(_marked(corpus, record), _marked_gbt(corpus, record, doc))
    return made[record.uid]


def make_all(corpus: Corpus) -> None:
    """Every record's citation (and so its quote), made now: processes forked after share them."""
    for record in corpus.records.values():
        of(corpus, record)


def of_document(corpus: Corpus, doc: Document) -> Citation:
    """The document as a whole: its frame and address, no quote."""
    return Citation(f"{source_of(doc)}\n{doc_url(corpus, doc)}", _marked_gbt(corpus, None, doc))


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
