"""Responsible units: one page per unit, one per function, the index, and functions × topics.

A unit's page lists everything it leads or takes part in, across all documents.  A
function (民政, 财政 …) lines up equivalent bodies across jurisdictions, so its page
compares what each jurisdiction gives that kind of body to do, and the functions × topics
matrix shows which jurisdictions give which function which subject.  Topics come from
the crosswalk's mappings, which may be partial: records not mapped yet are counted and
said to be pending, never taken as silence.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from generator import routes
from generator.analysis.duties import Duty, duties, duty_counts, units_by_jurisdiction
from generator.analysis.function_topic import FunctionTopic, function_topic
from generator.analysis.matrix_model import role_text, short_title, unit_of
from generator.analysis.places import nearby
from generator.analysis.ranks import document_rank, jurisdiction_order, jurisdiction_rank
from generator.content import vocabulary
from generator.content.model import Corpus, Function, Unit
from generator.site.pages import Page
from generator.site.pages.documents import doc_path, record_path
from generator.site.pages.matrices import ETC_TEXT

NO_FUNCTION = "未归类"
# A functions × topics cell names up to this many jurisdictions and counts beyond: a cell of a
# national corpus would name hundreds of counties (3.7 MB a script at 300 documents).
CELL_NAMES_UP_TO = 12


def unit_address(corpus: Corpus, unit_id: str) -> str:
    """Where a unit is shown: its own page, or its jurisdiction's page in a large corpus (routes.unit)."""
    unit = corpus.units.get(unit_id)
    return routes.unit(unit_id, unit.jurisdiction if unit else None, len(corpus.units))


def own_pages(corpus: Corpus) -> bool:
    return len(corpus.units) <= routes.UNIT_PAGES_UP_TO


# A unit's page lists every peer of its function up to this many; beyond, only those of
# nearby jurisdictions (see ``places.nearby``), so pages stay short in a national corpus.
ALL_PEERS_UP_TO = 30


def pages(corpus: Corpus) -> Iterable[Page]:
    all_duties = duties(corpus)
    ft = function_topic(corpus)
    by_function: dict[str | None, list[Unit]] = {}
    by_place: dict[tuple[str | None, str], list[Unit]] = {}   # (function, jurisdiction) → units
    for unit in corpus.units.values():
        by_function.setdefault(unit.function, []).append(unit)
        by_place.setdefault((unit.function, unit.jurisdiction), []).append(unit)
    near = nearby(corpus)
    yield Page(routes.page_source(routes.UNITS), "责任单位", "units_index.html", _index_data(corpus, all_duties),
               description="各文件所列责任单位,按辖区和职能归类")
    yield Page(routes.page_source(routes.FUNCTION_TOPIC), "职能 × 主题", "function_topic.html", _function_topic_data(corpus, ft),
               description="各辖区把哪些主题的任务交给哪类职能部门")
    rank = jurisdiction_rank(corpus)
    # Past routes.UNIT_PAGES_UP_TO units, a unit is an entry on its jurisdiction's page
    # (``jurisdiction_units``, on the pages documents.py writes).
    for unit in (corpus.units.values() if own_pages(corpus) else []):
        peers = by_function.get(unit.function, []) if unit.function else []
        if len(peers) > ALL_PEERS_UP_TO:
            places = sorted(near[unit.jurisdiction], key=lambda jid: rank.get(jid, 0))
            peers = [u for jid in places for u in by_place.get((unit.function, jid), [])]
        peers = [u for u in peers if u.id != unit.id]
        yield Page(routes.page_source(routes.unit(unit.id)), unit.name, "unit.html",
                   partial(_unit_data, corpus, unit, all_duties, peers, len(by_function.get(unit.function, [])) - 1),
                   description=f"{corpus.jurisdictions[unit.jurisdiction].name}{unit.name}牵头或参与的任务")
    for function in corpus.functions.values():
        yield Page(routes.page_source(routes.function(function.id)), f"职能:{function.name}", "function.html",
                   partial(_function_data, corpus, function, all_duties, ft, by_function.get(function.id, [])),
                   description=f"各辖区{function.name}职能的单位及其任务")


def _names() -> dict:
    return {"kind": vocabulary.RECORD_KINDS, "role": vocabulary.ROLES, "basis": vocabulary.BASES, "unit_type": vocabulary.UNIT_TYPES,
            "level": vocabulary.LEVELS}


def _links(corpus: Corpus) -> dict:
    return {"unit_path": partial(unit_address, corpus), "function_path": routes.function, "record_path": record_path,
            "doc_path": doc_path, "matrix_path": routes.matrix}


# --- index ---------------------------------------------------------------------------------

def _index_data(corpus: Corpus, all_duties: dict[str, list[Duty]]) -> dict:
    by_j = units_by_jurisdiction(corpus)
    by_f: dict[str | None, list[Unit]] = {}
    for unit in corpus.units.values():
        by_f.setdefault(unit.function if unit.function in corpus.functions else None, []).append(unit)
    counts = {u.id: duty_counts(all_duties.get(u.id, [])) for u in corpus.units.values()}

    def by_weight(units: list[Unit]) -> list[Unit]:
        return sorted(units, key=lambda u: (-counts[u.id]["lead"] - counts[u.id]["participating"], u.id))

    jurisdictions: list[dict[str, Any]] = [{"j": j, "units": by_weight(by_j[j.id])}
                                           for j in jurisdiction_order(corpus) if j.id in by_j]
    rank = jurisdiction_rank(corpus)
    functions = []
    for f in [*corpus.functions.values(), None]:
        units = sorted(by_f.get(f.id if f else None, []), key=lambda u: (rank.get(u.jurisdiction, 0), u.id))
        if units:
            functions.append({"f": f, "units": units,
                              "jurisdictions": len({u.jurisdiction for u in units}),
                              "duties": sum(sum(counts[u.id].values()) for u in units)})
    for g in jurisdictions:
        g["lead"] = sum(counts[u.id]["lead"] for u in g["units"])
        g["participating"] = sum(counts[u.id]["participating"] for u in g["units"])
    return {"jurisdictions": jurisdictions, "functions": functions, "counts": counts, "names": _names(),
            "own_pages": own_pages(corpus),
            "no_function": NO_FUNCTION, **_links(corpus)}


# --- a jurisdiction's units, on its page in a large corpus ------------------------------------

def jurisdiction_units(corpus: Corpus, jid: str) -> dict:
    """The units of a jurisdiction for its page: links to their own pages in a small corpus;
    in a large one a table per document naming them (``_tables``), its clauses as links."""
    all_duties = duties(corpus)
    entries: list[dict[str, Any]] = [
               {"unit": u, "counts": duty_counts(all_duties.get(u.id, [])), "duties": all_duties.get(u.id, []),
                "function": corpus.functions.get(u.function) if u.function else None}
               for u in units_by_jurisdiction(corpus).get(jid, [])]
    entries.sort(key=lambda e: (-e["counts"]["lead"] - e["counts"]["participating"], e["unit"].id))
    big = not own_pages(corpus)
    return {"entries": entries, "own_pages": not big, "tables": _tables(corpus, entries) if big else [],
            "silent": [e for e in entries if not e["duties"]] if big else [], "names": _names(), **_links(corpus)}


def _tables(corpus: Corpus, entries: list[dict]) -> list[dict]:
    """One table per document naming the units: a row per unit, its clauses led and joined in
    two cells (a document's title and matrix link once, not once per unit).  A unit named in several
    documents has a row in each; only its first row carries its anchor."""
    rank = document_rank(corpus)
    by_doc: dict[str, list[dict]] = {}
    for e in entries:
        per_doc: dict[str, dict] = {}
        for d in e["duties"]:
            row = per_doc.setdefault(d.record.doc_id, {"entry": e, "lead": [], "participating": []})
            row["lead" if d.ref.role == "lead" else "participating"].append(d.record)
        for doc_id, row in per_doc.items():
            by_doc.setdefault(doc_id, []).append(row)
    tables: list[dict[str, Any]] = [{"doc": corpus.documents[doc_id], "rows": rows}
              for doc_id, rows in sorted(by_doc.items(), key=lambda kv: rank.get(kv[0], 0))]
    anchored: set[str] = set()
    for row in (row for t in tables for row in t["rows"]):
        row["anchor"] = row["entry"]["unit"].id not in anchored
        anchored.add(row["entry"]["unit"].id)
    return tables


# --- one unit ------------------------------------------------------------------------------

def _duty_rows(corpus: Corpus, ds: list[Duty], own: str) -> list[dict]:
    rows = []
    for d in ds:
        jid = corpus.documents[d.record.doc_id].jurisdiction
        resp = d.record.responsibility
        if resp is None:   # a duty is a unit of a record's responsibility
            continue
        others = [(unit_of(corpus, ref.unit, jid), ref) for ref in resp.units if ref.unit != own]
        rows.append({"duty": d, "title": short_title(d.record), "role_text": role_text(d.ref), "others": others, "etc": resp.etc,
                     "topics": corpus.topics_of(d.record)})
    return rows


def _by_document(corpus: Corpus, ds: list[Duty], own: str) -> list[dict]:
    groups: list[dict] = []
    for d in ds:
        if not groups or groups[-1]["doc"].id != d.record.doc_id:
            groups.append({"doc": corpus.documents[d.record.doc_id], "duties": []})
        groups[-1]["duties"].append(d)
    for g in groups:
        g["rows"] = _duty_rows(corpus, g.pop("duties"), own)
    return groups


def _unit_data(corpus: Corpus, unit: Unit, all_duties: dict[str, list[Duty]], peers: list[Unit],
               all_peers: int) -> dict:
    ds = all_duties.get(unit.id, [])
    function = corpus.functions.get(unit.function) if unit.function else None
    return {"unit": unit, "j": corpus.jurisdictions[unit.jurisdiction], "function": function, "peers": peers,
            "all_peers": max(all_peers, 0) if function else 0, "counts": duty_counts(ds),
            "groups": _by_document(corpus, ds, unit.id), "etc_text": ETC_TEXT, "names": _names(), **_links(corpus)}


# --- one function --------------------------------------------------------------------------

def _function_data(corpus: Corpus, function: Function, all_duties: dict[str, list[Duty]],
                   ft: FunctionTopic, members: list[Unit]) -> dict:
    by_j: dict[str, list[Unit]] = {}
    for u in members:
        by_j.setdefault(u.jurisdiction, []).append(u)
    # Every unit's tasks in full while the function has few units; beyond, counts and links
    # to the unit pages, or the page would repeat every unit page of the country.
    detailed = len(members) <= ALL_PEERS_UP_TO
    sections = []
    for j in jurisdiction_order(corpus):
        units = by_j.get(j.id)
        if not units:
            continue
        entries = []
        for u in units:
            ds = all_duties.get(u.id, [])
            entries.append({"unit": u, "counts": duty_counts(ds),
                            "groups": _by_document(corpus, ds, u.id) if detailed else None})
        sections.append({"j": j, "entries": entries})
    topics = [(node, ft.cells[(function.id, node.topic.id)]) for node in ft.columns
              if (function.id, node.topic.id) in ft.cells]
    return {"function": function, "sections": sections, "topics": topics, "etc_text": ETC_TEXT, "detailed": detailed,
            "unit_count": len(members), "detail_limit": ALL_PEERS_UP_TO, "cell_names_up_to": CELL_NAMES_UP_TO,
            "names": _names(), "function_topic": routes.FUNCTION_TOPIC, **_links(corpus)}


# --- functions × topics --------------------------------------------------------------------

def _root_of(corpus: Corpus, topic_id: str) -> str:
    seen = {topic_id}
    while (parent := corpus.topics[topic_id].parent) in corpus.topics and parent not in seen:
        topic_id = parent
        seen.add(parent)
    return topic_id


def _function_topic_data(corpus: Corpus, ft: FunctionTopic) -> dict:
    groups: list[dict] = []
    for node in ft.columns:
        root = _root_of(corpus, node.topic.id)
        if not groups or groups[-1]["root"].id != root:
            groups.append({"root": corpus.topics[root], "span": 0})
        groups[-1]["span"] += 1
    return {"ft": ft, "groups": groups, "csv": routes.FUNCTION_TOPIC_CSV, "xlsx": routes.FUNCTION_TOPIC_XLSX,
            "cell_names_up_to": CELL_NAMES_UP_TO,
            "mapped": len(corpus.mappings), "topic_path": routes.topic, **_links(corpus)}
