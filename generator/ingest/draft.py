"""`crosswalk ingest SOURCE --doc-id ID`: a draft document YAML from a raw source text.

The draft is a curator's starting point, not a finished transcription: it finds the
document in the source (a wrapper, the title, the body: ``body``), reads its metadata
(``metadata``), joins hard wraps and split paragraphs, nests the records, guesses kinds,
finds units (``units``), targets (``targets``) and citations, suggests topics (``topics``),
drafts stubs for new bodies and jurisdictions (``registries``), and says line by line what
it did and what needs a human look.  Every verbatim field is cut from the cleaned source
(``clean.span_text`` with the joins it detected), so validation accepts it as it stands.
"""

from __future__ import annotations

import argparse
import codecs
import re
import stat
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from generator import PROJECT_ROOT
from generator.chinese import normalise
from generator.content import checks, vocabulary
from generator.content.conform import ID  # the content's own id pattern, matched whole
from generator.content.sources import SourceError, clean_lines, read_source, span_text
from generator.ingest import detect, metadata, registries, targets, topics, wrap
from generator.ingest.body import (
    Title,
    Wrapper,
    find_body,
    find_title,
    find_wrapper,
    has_clauses,
    has_number,
    is_site_tail,
    label_outside,
)
from generator.ingest.detect import Node
from generator.ingest.tables import Table, aligned, deadline_line, find_tables, is_deadline_line
from generator.ingest.units import Units, find, from_cell, label_line, registry

ROOT = PROJECT_ROOT
UNRESOLVED = "UNRESOLVED-"


@dataclass
class Draft:
    doc: dict
    done: list[str] = field(default_factory=list)    # what ingest did, one line per step
    check: list[str] = field(default_factory=list)   # what needs a human look
    cites: list[str] = field(default_factory=list)   # candidate citations, "line N: 《…》"
    topics: dict[str, list] = field(default_factory=dict)  # record id → [(topic, closeness)]
    reviews: list[tuple[dict, str]] = field(default_factory=list)   # (written item, what to confirm), in order


# --- registries -----------------------------------------------------------------------------


# --- the draft ------------------------------------------------------------------------------


def _ranges(numbers: list[int]) -> str:
    return f"line {numbers[0]}" if len(numbers) == 1 else f"lines {numbers[0]}-{numbers[-1]}"


def _outside(lines: list[str], body: tuple[int, int], found: Found, draft: Draft) -> list[dict]:
    """One report line per run of non-blank lines outside the body with the same label; a
    line that holds a sentence or a number and that no label accounts for is said apart.

    Labelled lines that hold a sentence or a number (the wrapper's notice, a page's fields,
    a footer) are returned as exclusions with their label, so that `check`, which warns of
    such lines outside the body, knows why each is there; unlabelled ones are left to warn."""
    run: list[int] = []
    label = ""
    excluded: list[dict] = []

    def flush():
        if run:
            draft.done.append(f"{_ranges(run)}: {label}, outside body")

    # Below a page's footer, a name list is the footer's links, not a signature.
    footer = next((n for n in range(body[1] + 1, len(lines) + 1) if is_site_tail(lines[n - 1])),
                  len(lines) + 1)
    for number, line in enumerate(lines, 1):
        if not line or body[0] <= number <= body[1]:
            continue
        this = label_outside(lines, number, found.title, found.wrapper)
        if number > footer and (this is None or this == "signature" or this.startswith("short line")):
            this = "below the page's footer"
        holds = detect.has_sentence(line) or has_number(line) or has_clauses(line)
        if this is None:
            this = "other text"
            if holds:
                draft.check.append(f"line {number}: outside the body but holds a sentence or a number: "
                                   f"{_excerpt(line)}")
        elif holds:
            between = range(excluded[-1]["lines"][1] + 1, number) if excluded else range(0)
            if excluded and excluded[-1]["reason"] == this and not (between and between[0] <= body[1] and
                                                                    body[0] <= between[-1]) and all(
                    not lines[n - 1] or label_outside(lines, n, found.title, found.wrapper) == this
                    for n in between):
                excluded[-1]["lines"][1] = number
            else:
                excluded.append({"lines": _Flow([number, number]), "reason": this})
        if run and (this != label or run[-1] < body[0] < number):
            flush()
            run = []
        run.append(number)
        label = this
    flush()
    return excluded


def _excerpt(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "…"


@dataclass
class Found:
    """Where the document is in the source and what its lines outside the body say."""

    body: tuple[int, int]
    title: Title | None
    wrapper: Wrapper | None


def _locate(lines: list[str], rows: frozenset[int]) -> Found | None:
    wrapper = find_wrapper(lines)
    start = wrapper.last + 1 if wrapper else 1
    if wrapper and wrapper.embedded_line:
        start = wrapper.embedded_line + 1
    body = find_body(lines, start, rows)
    if body is None:
        return None
    if wrapper and wrapper.embedded_line:
        embedded = Title(wrapper.title_lines, "".join(lines[n - 1] for n in wrapper.title_lines))
        later = find_title(lines, body[0], wrapper.embedded_line)
        if later:   # a status or addressee between the embedded title and the body
            embedded.status_line, embedded.addressee = later.status_line, later.addressee
        title: Title | None = embedded

    else:
        title = find_title(lines, body[0], wrapper.last if wrapper else 0)
    return Found(body, title, wrapper)


def _metadata(lines: list[str], found: Found, genre_hint: str) -> dict:
    """Title, full title, issuers, 文号, dates and status from the header, the wrapper, the
    title block and the lines after the body."""
    out: dict = {}
    dates: dict[str, str] = {}
    issuers: list[str] = []
    # A page's 来源 names whoever posted it: the issuer only when nothing better says who issued.
    posted_by: list[str] = []
    signed: list[str] = []
    body = found.body
    title_text = found.title.text if found.title else ""
    status_text = title_text
    if found.title and found.title.status_line:
        status_text += lines[found.title.status_line - 1]
    for number in range(1, body[0]):
        line = lines[number - 1]
        for f in metadata.header_fields(line):
            if f.key == "number" and metadata.doc_number(f.value):
                out.setdefault("number", metadata.doc_number(f.value))
            elif f.key == "issuers" and f.value:
                issuers = issuers or [x for x in re.split(r"[\s、,，]+", f.value) if x]
            elif f.key == "source" and genre_hint != "news-report" and f.value:
                posted_by = posted_by or [f.value]
            elif f.key in ("published", "issued"):
                date = metadata.date_in(f.value)
                if date:
                    dates.setdefault(f.key, date[0])
            elif f.key == "title" and f.value and not title_text:
                title_text = f.value
    if found.wrapper:
        w = found.wrapper
        notice = lines[w.title_line - 1]
        for n, label in sorted(w.lines.items()):
            if label == "document number":
                out.setdefault("number", metadata.doc_number(lines[n - 1]))
            elif label == "date" and (date := metadata.date_in(lines[n - 1])):
                # The wrapper's own date is the date printed, unless a 印发 line says that date.
                dates.setdefault("wrapper", date[0])
            elif label in ("issuer", "signature or note") and (named := metadata.issuers_of(lines[n - 1])):
                signed = signed or named
        # The notice's own title names its organs most surely; a line above it may be the site's name.
        issuers = issuers or metadata.issuers_of(_notice_prefix(notice)) or signed
    issuers = issuers or posted_by
    full = metadata.without_draft_mark(title_text)
    title, printed_issuers, cut = metadata.split_title(full) if full else (None, [], False)
    if cut:
        out["full_title"] = full
    if printed_issuers:
        issuers = printed_issuers
    out["title"] = title
    if issuers:
        out["issuers"] = issuers
    # The document's own date: in brackets under its title, or under its signature.
    below_title = range(found.title.lines[-1] + 1, body[0]) if found.title else range(0)
    for number in [*below_title, *range(body[1] + 1, len(lines) + 1)]:
        line = lines[number - 1]
        if not issuers and metadata.issuers_of(line) and not detect.has_sentence(line) and len(line) <= 40:
            issuers = out["issuers"] = metadata.issuers_of(line) or []
        date = metadata.date_in(line) if metadata.is_date_line(line) or re.search("印发|印發$", line) else None
        if date:
            key = ("printed" if re.search("印发|印發", line)
                   else "drafted" if genre_hint in ("draft-for-comment", "drafting-explanation") else "issued")
            dates.setdefault(key, date[0])
    if "number" not in out:
        printed_number = next((metadata.doc_number(lines[n - 1]) for n in (found.title.lines if found.title else [])
                               if metadata.doc_number(lines[n - 1])), None)
        if printed_number is None and found.title:
            below = found.title.lines[-1] + 1
            while below < body[0] and not lines[below - 1]:
                below += 1
            if below < body[0] and metadata.doc_number(lines[below - 1]) and len(lines[below - 1]) < 30:
                printed_number = metadata.doc_number(lines[below - 1])
        if printed_number:
            out["number"] = printed_number
    wrapper_date = dates.pop("wrapper", None)
    if wrapper_date:
        dates.setdefault("issued" if "printed" in dates else "printed", wrapper_date)
    out["dates"] = dates
    out["status_text"] = status_text
    return out


def _notice_prefix(notice: str) -> str:
    """The organs a notice's title starts with, before 关于 or 印发, as printed."""
    m = re.search(r"关于|印发|转发|下发", detect.simplified(notice))
    return notice[:m.start()] if m and m.start() > 0 else ""


def _note_joined(join: detect.Join) -> dict:
    what = "段" if join.what == "paragraph" else "标题"
    return {"type": "joined",
            "text": f"第{join.line}行与第{join.next}行是被空行拆开的同一{what},已按 source.joins 连接。"}


# Kinds whose figures are context, not targets, unless a comparator or a rate binds them.
_NARRATIVE_KINDS = ("preamble", "background", "significance", "explanation")


@dataclass(frozen=True)
class _Context:
    """What drafting a record needs besides the record."""

    draft: Draft
    units: Units
    jurisdiction: str | None
    genre: str
    joins: list[detect.Join]
    rows: dict[int, Table]


def _record(node: Node, context: _Context) -> dict:
    draft, units, jurisdiction, genre, joins = (context.draft, context.units, context.jurisdiction,
                                                 context.genre, context.joins)
    rec: dict = {"id": node.id, "kind": node.kind}
    if node.number:
        rec["number"] = node.number
    if node.title:
        rec["title"] = node.title
    text = node.text
    table = context.rows.get(node.first)
    # What an official or the reporter says in a news report charges no body, nor does what a
    # survey found (only its recommendations charge), nor a drafting explanation's account.
    charges = text is not None and bool(text) and not (genre == "news-report" and detect.speech(text)) \
        and not (genre == "survey-report" and node.kind != "recommendation") and genre != "drafting-explanation"
    found = find(text, units.known) if charges and text else None
    if table and text:
        found = from_cell(text, aligned(text, table.units, table.width), units.known,
                          aligned(text, table.partners, table.width)) or found
    if found and found.cut is not None and text:
        text = text[:found.cut].rstrip() or None
    rec["lines"] = _Flow([node.first, node.last])
    if text:
        rec["text"] = text
    where = f"line {node.first}" if node.first == node.last else f"lines {node.first}-{node.last}"
    if found:
        refs, ids, drafted = [], set(), {}
        for named in found.units:
            uid, candidates = units.resolve(named.name, jurisdiction)
            if uid is None and jurisdiction:
                uid = units.unit_for(named.name, jurisdiction, node.first)   # listed with the stubs
            elif uid is None:
                uid = UNRESOLVED + named.name
                why = f"ambiguous ({', '.join(candidates)})" if candidates else "not in content/units.yaml"
                draft.check.append(f"{where}: unit {named.name} {why}; written as {uid}")
            drafted[normalise(named.name)] = uid
            if uid in ids:
                continue
            ids.add(uid)
            refs.append(_FlowMap(unit=uid, role=named.role, basis=named.basis))
        listed = _listed(found.raw, drafted, units, jurisdiction)
        for ref in refs:
            if ref["unit"] not in listed:   # a body only the running text names
                ref["named"] = "text"
        draft.done.append(f"{where}: units by {found.how}: "
                          + ", ".join(f"{r['unit']} ({r['role']}, {r['basis']})" for r in refs))
        rec["responsibility"] = {"raw": found.raw, "etc": found.etc, "units": refs}
    # A survey measures; only its recommendations set levels to reach.
    findings = node.kind == "finding" or (genre == "survey-report" and node.kind != "recommendation")
    matches = targets.targets(text, findings, bound_only=node.kind in _NARRATIVE_KINDS and not findings,
                               goal=node.kind == "goal") if text else []
    apart = (aligned(text, table.deadline, table.width) if table
             else deadline_line(text)) if text else None
    if apart and text:
        matches = targets.with_deadline(matches, text, apart)
    if matches:
        rec["targets"] = []
    for n, t in enumerate(matches, 1):
        kind = "finding" if findings else "target" if t.deadline else "standard"
        item = _FlowMap(id=f"t{n}", type=kind, span=t.span)
        for key in ("value", "value_max", "comparator", "unit", "deadline", "deadline_year_from", "deadline_year", "note",
                    "reading"):
            if getattr(t, key) is not None:
                item[key] = getattr(t, key)
        rec["targets"].append(item)
        if t.value is None and t.comparator:
            reading = f"{t.comparator} {t.unit} (a bound without a figure)"
        elif t.value is None:
            reading = "a dated goal without a figure"
        else:
            reading = f"{t.comparator} {t.value}{'-' + str(t.value_max) if t.value_max is not None else ''} {t.unit}"
        deadline = f", deadline {t.deadline}" if t.deadline else ""
        draft.done.append(f"{where}: {kind} {t.span} → {reading}{deadline}")
        if t.review:
            draft.reviews.append((item, t.review))
        if t.note or t.review:
            draft.check.append(f"{where}: target {t.span}: {t.review or t.note}")
    notes = [_note_joined(j) for j in joins if node.first <= j.line and j.next <= node.last and j.what != "wrap"]
    if notes:
        rec["notes"] = notes
    if node.children:
        rec["children"] = [_record(c, context) for c in node.children]
    return rec


def _exclusions(lines: list[str], body: tuple[int, int], draft: Draft,
                tables: list[Table]) -> tuple[list[dict], list[tuple[int, int]]]:
    """Chrome lines inside the body, a task table's header row and duplicate paragraphs:
    ``(source.excluded, duplicates)``."""
    excluded: list[dict] = []
    rows = {row for table in tables for row in table.rows}
    headers = {table.header for table in tables}
    for number in range(body[0], body[1] + 1):
        label = "task table header" if number in headers else detect.chrome_kind(lines[number - 1])
        if label and number not in rows and not detect.has_sentence(lines[number - 1]):
            excluded.append({"lines": _Flow([number, number]), "reason": label})
            draft.done.append(f"line {number}: {label}, excluded")
    dups = detect.duplicates(lines, body)
    for number, kept in dups:
        excluded.append({"lines": _Flow([number, number]), "reason": f"duplicate of line {kept} (scrape)"})
        draft.done.append(f"line {number}: duplicate of line {kept}, excluded")
    return sorted(excluded, key=lambda e: e["lines"][0]), dups


def _structure(lines: list[str], spans: list[tuple[int, int]], joins: frozenset[int], genre: str,
               draft: Draft) -> list[Node]:
    """The record tree of the body's paragraphs, with ids and kinds."""
    news = genre == "news-report"
    nodes: list[Node] = []
    for a, b in spans:
        text = span_text(lines, a, b, joins)
        if nodes and (label_line(text) or is_deadline_line(text)):
            # 责任单位:… or 完成时限:… on a line of its own belongs to the task above it.
            prev = nodes[-1]
            prev.last, prev.text = b, f"{prev.text}\n{text}" if prev.text else text
            continue
        nodes.append(detect.classify(a, b, text, news))
    short = [n.first for n in nodes if n.style == "short"]
    if short:
        draft.check.append(f"lines {', '.join(map(str, short))}: short unpunctuated lines taken as news sub-headings")
    tree = detect.build_tree(nodes)
    detect.assign_ids(tree)
    detect.assign_kinds(tree, genre)
    for old, new in detect.unique_ids(tree):
        draft.check.append(f"record id {old} repeats; renamed {new}")
    styles = " > ".join(dict.fromkeys(n.style for n in nodes if n.style)) or "none"
    kinds = Counter(n.kind for n in detect.walk(tree))
    draft.done.append(f"{sum(kinds.values())} records ({', '.join(f'{n} {k}' for k, n in kinds.most_common())}); "
                      f"heading styles by rank: {styles}")
    return tree


def _notes(artefacts: Counter, dups: list[tuple[int, int]], lines: list[str]) -> list[dict]:
    """Editor's notes (in Simplified) on what the cleaning removed."""
    notes = []
    if artefacts:
        notes.append({"type": "artefact-removed",
                      "text": f"转换器在{len(artefacts)}种字符后留下了拼音注音,共{sum(artefacts.values())}处:"
                              f"{'、'.join(artefacts)};由 generator/clean.py 删除,字符本身保留。"})
    for number, kept in dups:
        notes.append({"type": "duplicate", "span": lines[kept - 1],
                      "text": f"第{number}行与第{kept}行文字相同(抓取重复);只记录第{kept}行,第{number}行列为排除。"})
    return notes


class _Listed(NamedTuple):
    id: str


def _listed(raw: str, drafted: dict[str, str], units: Units, jurisdiction: str | None) -> set[str]:
    """The units of the printed list (``raw``), read as ``check`` reads it (``checks.raw_items``:
    joint subjects, shared prefixes and suffixes), each name resolved to the unit it was drafted
    as, or else as ingest resolves names."""
    def lookup(name: str) -> _Listed | None:
        uid = drafted.get(name) or units.resolve(name, jurisdiction)[0]
        return _Listed(uid) if uid else None

    return {unit.id for _, found, _ in checks.raw_items(normalise(raw), lookup) for unit in found}


def build(source: Path, raw: str, doc_id: str, units: Units, jurisdiction: str | None) -> Draft | None:
    """The draft document for a decoded source text, or ``None`` if it has no running text."""
    lines = clean_lines(raw)
    tables = find_tables(lines)
    rows = {row: table for table in tables for row in table.rows}
    found = _locate(lines, frozenset(rows))
    if found is None:
        return None
    body = found.body
    draft = Draft({})
    before = [n for n in range(1, body[0]) if not (found.wrapper and found.wrapper.first <= n <= found.wrapper.last)]
    head = "\n".join([found.title.text if found.title else ""] + [lines[n - 1] for n in before])
    genre = detect.guess_genre(head, "\n".join(lines))
    meta = _metadata(lines, found, genre)
    script = detect.detect_script("\n".join(lines[body[0] - 1:body[1]]))

    if found.wrapper:
        w = found.wrapper
        draft.done.append(f"line {w.title_line}: 印发通知 for 《{w.embedded}》; its lines {w.first}-{w.last} are "
                          "metadata (issuer, 文号, addressee, signature, date)"
                          + (f"; the document's title is line {w.embedded_line}" if w.embedded_line else ""))
    outside = _outside(lines, body, found, draft)
    draft.done.append(f"body: lines {body[0]}-{body[1]}")
    excluded, dups = _exclusions(lines, body, draft, tables)
    excluded = sorted(excluded + outside, key=lambda e: e["lines"][0])
    skip = {e["lines"][0] for e in excluded}
    wrapped = wrap.wrap_width(lines, body)
    if wrapped:
        draft.done.append(f"hard-wrapped at {wrapped.width} {wrapped.unit}: wrapped lines joined before titles "
                          "are split")
    starts = wrap.indented(raw.split("\n"), body) if wrapped else frozenset()
    joins = [j for j in detect.split_joins(lines, body, skip, genre == "news-report", wrapped, starts)
             if j.line not in rows and j.next not in rows]   # a table's rows are records of their own
    draft.done += [f"lines {j.line}/{j.next}: split {j.what} joined" for j in joins]
    join_set = frozenset(j.line for j in joins)
    artefacts = detect.pinyin_artefacts(raw.split("\n"))
    if artefacts:
        listed = ", ".join(f"{k} ×{n}" for k, n in artefacts.most_common())
        draft.done.append(f"removed {sum(artefacts.values())} pinyin artefacts of {len(artefacts)} kinds: {listed}")
    tree = _structure(lines, detect.paragraphs(lines, body, skip, join_set), join_set, genre, draft)
    draft.cites = [f"line {n}: {c}" for n in range(body[0], body[1] + 1) if n not in skip
                   for c in detect.citations(lines[n - 1])]

    doc = draft.doc
    doc.update(id=doc_id, title=meta["title"] or "TODO")
    if meta.get("full_title"):
        doc["full_title"] = meta["full_title"]
    doc["jurisdiction"] = jurisdiction or "TODO"
    if meta.get("issuers"):
        doc["issuers"] = _Flow(meta["issuers"])
    if meta.get("number"):
        doc["number"] = meta["number"]
    status = metadata.status_of(meta["status_text"]) or ("draft" if genre == "draft-for-comment" else "issued")
    if status == "draft" and genre in ("opinion", "implementation-opinion", "other"):
        genre = "draft-for-comment"
    doc.update(genre=genre, status=status)
    dates = meta["dates"]
    year = re.search(r"-(\d{4})$", doc_id)
    if year or dates:
        doc["year"] = int(year.group(1)) if year else int(next(iter(dates.values()))[:4])
    if dates:
        doc["dates"] = dates
    doc["source"] = {"file": source.name, "script": script, "body": _Flow(list(body))}
    if joins:
        doc["source"]["joins"] = _Flow([j.line for j in joins])
    if excluded:
        doc["source"]["excluded"] = excluded
    notes = _notes(artefacts, dups, lines)
    if notes:
        doc["notes"] = notes
    context = _Context(draft, units, jurisdiction, genre, joins, rows)
    doc["records"] = [_record(n, context) for n in tree]
    said = ", ".join(f"{key} {doc[key]}" for key in ("title", "full_title", "issuers", "number", "genre", "status")
                     if doc.get(key))
    draft.check.append(f"guessed: {said}, script {script}{', dates ' + str(dates) if dates else ''}; "
                       "kinds from headings")
    if draft.cites:
        draft.check.append(f"{len(draft.cites)} candidate citations (listed at the top of the YAML): "
                           "give them document ids in links/cites")
    return draft


# --- YAML -----------------------------------------------------------------------------------


class _Flow(list):
    """A list written on one line: ``lines: [14, 82]``."""


class _FlowMap(dict):
    """A mapping written on one line, as curators write unit refs and targets."""

    def __init__(self, **items):
        super().__init__(items)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        # Indent block lists under their key, as the curated files do.
        return super().increase_indent(flow, False)


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(),
                                                                    flow_style=True))


class _Quoted(str):
    """A string value, written double-quoted: a hand edit that adds a comma or a colon cannot
    turn it into a mapping or a list."""


def _quoted(value):
    if isinstance(value, str):
        return _Quoted(value)
    if isinstance(value, dict):
        return type(value)(**{k: _quoted(v) for k, v in value.items()}) if isinstance(value, _FlowMap) \
            else {k: _quoted(v) for k, v in value.items()}
    if isinstance(value, list):
        return type(value)(_quoted(v) for v in value)
    return value


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"'))


def render(draft: Draft, source_label: str, review: Sequence[str] = ()) -> str:
    head = [f"# DRAFT written by `crosswalk ingest` from {source_label}.",
            "# A curator checks every field (body, kinds, titles, units, targets) before it is committed."]
    if review:
        head.append("# Needs a human look:")
        head += [f"#   {line}" for line in review]
    if draft.cites:
        head.append("# Candidate citations: give each a document id under links: or in the record's cites:")
        head += [f"#   {c}" for c in draft.cites]
    head += topics.comment_lines(draft, draft.doc.get("id", ""))
    body = yaml.dump(_quoted(draft.doc), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    return "\n".join(head) + "\n" + _with_reviews(body, draft.reviews)


def _with_reviews(body: str, reviews: list[tuple[dict, str]]) -> str:
    """What to confirm, as a ``# REVIEW`` comment at the end of the item's line: a comment is
    never published, and `check` reports it until it is deleted."""
    cursor = 0
    for item, text in reviews:
        shown = yaml.dump(_quoted(item), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6).strip()
        at = body.find(shown, cursor)
        if at < 0:
            continue
        end = body.find("\n", at)
        end = len(body) if end < 0 else end
        comment = f"  # {registries.REVIEW}: {text}"
        body, cursor = body[:end] + comment + body[end:], end + len(comment)
    return body


# --- command line ---------------------------------------------------------------------------


def _jurisdiction(doc_id: str, given: str | None, known: set[str], draft_check: list[str]) -> str | None:
    """The given jurisdiction, else the longest known one the doc id starts with."""
    if given:
        return given
    prefix = max((j for j in known if doc_id.startswith(j + "-") or doc_id == j), key=len, default=None)
    draft_check.append(f"jurisdiction {prefix} taken from the doc id" if prefix
                       else "jurisdiction unknown: pass --jurisdiction or set it in the draft")
    return prefix


def _refuse_target(out: Path, target: Path, force: bool) -> str | None:
    """Why the draft cannot be written to ``target``, if it cannot."""
    if out.exists() and not out.is_dir():
        return f"--out {out} is a file, not a directory"
    if target.is_symlink():
        # Writing would follow the link (a dangling one too) to wherever it points.
        return f"{target} is a symbolic link; remove it first"
    if target.exists() and not target.is_file():
        return f"{target} exists and is not a file"
    if target.exists() and not force:
        return f"{target} already exists (use --force to overwrite it)"
    return None


# A policy document runs to tens of kilobytes; the longest plans to a megabyte or two.  Past
# this, a file is not one document, and reading it would take minutes and gigabytes.
MAX_BYTES = 8 * 1024 * 1024


def _read(source: Path) -> str:
    """The source's text, or a SourceError that says why not: not a regular file (a FIFO
    would block the read), too large, UTF-16, or what the decoder says."""
    try:
        info = source.stat()
    except OSError as exc:
        raise SourceError(f"{source}: cannot read the file ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{source}: not a regular file (a directory, FIFO, socket or device); "
                          "give the path of a text file")
    if info.st_size > MAX_BYTES:
        raise SourceError(f"{source}: {info.st_size / 2**20:.1f} MB is more than ingest reads "
                          f"({MAX_BYTES // 2**20} MB); a policy document is far smaller: split the file "
                          "into one file per document")
    with source.open("rb") as handle:
        head = handle.read(4096)
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or _looks_utf16(head):
        raise SourceError(f"{source}: the file is UTF-16, which the sources may not be; convert it to UTF-8 "
                          f"first: iconv -f UTF-16 -t UTF-8 '{source}' > '{source.with_suffix('.utf8.txt')}'")
    return read_source(source)


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a byte order mark: NUL in most even (or odd) bytes of an ASCII-rich head,
    or text that decodes to mostly CJK as UTF-16."""
    if len(head) < 8 or b"\x00" not in head:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = head[:len(head) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if not c.isspace()]
        if letters and sum("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" or c.isascii() and c.isprintable()
                           for c in letters) / len(letters) > 0.9:
            return True
    return False


def main(argv: list[str], root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(prog="crosswalk ingest", description="draft a document YAML from a raw source text")
    parser.add_argument("source", help="the raw text (UTF-8, GB18030 or Big5), normally in content/sources/")
    parser.add_argument("--doc-id", required=True, help="document id, <jurisdiction>-<year>; names the YAML file")
    parser.add_argument("--jurisdiction", help="jurisdiction id; its units are preferred when names are resolved")
    parser.add_argument("--name", help="a new jurisdiction's name (with --level and --parent): adds it to "
                                       "content/jurisdictions.yaml")
    parser.add_argument("--level", choices=tuple(vocabulary.LEVELS), help="a new jurisdiction's level")
    parser.add_argument("--parent", help="a new jurisdiction's parent id")
    parser.add_argument("--force", action="store_true", help="overwrite an existing document file")
    parser.add_argument("--out", help="output directory (default: content/documents; elsewhere, new units and "
                                      "jurisdictions are printed, not written)")
    parser.add_argument("--no-topics", action="store_true", help="do not suggest topics (faster on a national corpus)")
    args = parser.parse_args(argv)

    if not ID.fullmatch(args.doc_id):
        print(f"error: --doc-id {args.doc_id!r} is not an id (lower-case letters, digits, '-')", file=sys.stderr)
        return 1
    jurisdictions_path = root / "content" / "jurisdictions.yaml"
    known = {j["id"]: j for j in registry(jurisdictions_path, "jurisdictions")}
    out = Path(args.out) if args.out else root / "content" / "documents"
    in_project = out.resolve() == (root / "content" / "documents").resolve()
    new_jurisdiction = None
    if args.jurisdiction and args.jurisdiction not in known:
        problem = _new_jurisdiction(args, known)
        if problem:
            print(problem, file=sys.stderr)
            return 1
        new_jurisdiction = registries.jurisdiction_line(args.jurisdiction, args.name, args.level, args.parent)
    target = out / f"{args.doc_id}.yaml"
    refusal = _refuse_target(out, target, args.force)
    if refusal:
        print(f"error: {refusal}; nothing written", file=sys.stderr)
        return 1
    source = Path(args.source)
    try:
        raw = _read(source)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    check: list[str] = []
    jurisdiction = _jurisdiction(args.doc_id, args.jurisdiction, set(known), check)
    units = Units.load(root / "content" / "units.yaml")
    units.parents = {jid: parent for jid, j in known.items() if (parent := j.get("parent"))}
    units.places = {jid: detect.simplified(str(j["name"])) for jid, j in known.items() if j.get("name")}
    if args.jurisdiction and args.name:
        units.places[args.jurisdiction] = detect.simplified(args.name)

    if args.jurisdiction and args.parent:
        units.parents[args.jurisdiction] = args.parent
    draft = build(source, raw, args.doc_id, units, jurisdiction)
    if draft is None:
        print(f"error: {source}: no running text found (no line with a sentence or a heading number)",
              file=sys.stderr)
        return 1
    if not args.no_topics:
        topics.suggest(draft, root, args.doc_id)
    if source.resolve().parent != (root / "content" / "sources").resolve():
        check.append(f"copy {source.name} into content/sources/: validation reads the source from there")
    stubs = list(units.stubs.values())
    # One line for the stubs, each listed with its source line where it is written: the
    # readings to confirm are not buried under them.
    check += draft.check + ([f"{len(stubs)} {'body' if len(stubs) == 1 else 'bodies'} not in content/units.yaml "
                             f"drafted as unit stubs, each marked "
                             f"{registries.REVIEW} with its source line: check name, type and function"]
                            if stubs else [])
    try:
        out.mkdir(parents=True, exist_ok=True)
        target.write_text(render(draft, f"content/sources/{source.name}", check), encoding="utf-8")
        if in_project and new_jurisdiction:
            registries.add_jurisdiction(jurisdictions_path, new_jurisdiction)
        if in_project:
            registries.add_units(root / "content" / "units.yaml", stubs, args.doc_id)
            registries.add_aliases(root / "content" / "units.yaml", units.aliases, args.doc_id)
    except OSError as exc:
        print(f"error: cannot write {exc.filename or target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {target} (draft)")
    if new_jurisdiction:
        print(f"{'added to' if in_project else 'add this line to'} content/jurisdictions.yaml:\n{new_jurisdiction}")
    if stubs:
        print(f"{'drafted in' if in_project else 'add these lines to'} content/units.yaml "
              f"(each marked {registries.REVIEW}: check its name, type and function):")
        for stub in stubs:
            print(registries.unit_line(stub, args.doc_id))
    if units.aliases:
        print("spellings of listed units " + ("added as aliases in content/units.yaml (each marked "
                                             f"{registries.REVIEW}):" if in_project else "to add as aliases in content/units.yaml:"))
        for uid, spelled in units.aliases.items():
            print(f"  {uid}: {'、'.join(dict.fromkeys(name for name, _ in spelled))}")
    for line in draft.done:
        print(f"  {line}")
    print("needs a human look:")
    for line in check:
        print(f"  {line}")
    return 0


def _new_jurisdiction(args, known: dict) -> str | None:
    """Why an unknown --jurisdiction cannot be added, with the exact line to add, if it cannot."""
    jid = args.jurisdiction
    if not ID.fullmatch(jid):
        return f"error: --jurisdiction {jid!r} is not an id (lower-case letters, digits, '-')"
    if args.parent and args.parent not in known:
        return f"error: --parent {args.parent!r} is not in content/jurisdictions.yaml"
    if args.name and args.level and (args.parent or args.level == "national"):
        return None
    parent = args.parent or "<parent id>"
    line = registries.jurisdiction_line(jid, args.name or "<名称>", args.level or "<national|province|city|county>",
                                        parent)
    return (f"error: unknown jurisdiction {jid!r}. Either give --name, --level and --parent and ingest adds it, "
            f"or add this line to content/jurisdictions.yaml first (known: {', '.join(sorted(known))}):\n{line}")
