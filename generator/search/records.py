"""Clause search: what is indexed for each record, and the index written for a build.

Search is clause level (a hit is a record, linked to its anchor) and script-insensitive:
every record's text is indexed in Simplified (``script.normalise``), folded by the character
map the browser turns the user's query into Simplified with (``closeness.fold_map``).  The index
(``index_format``) is written once a build to ``site/search-index/`` and read by
the search modules (``theme/assets/crosswalk/search/``) from pages in both scripts.

Chinese is indexed as characters and overlapping character bigrams (``tokens``): the same on
both sides of a query, with no dictionary to disagree about where words end.  Filter values
are ids (ASCII, the same in both scripts, safe in a URL); their names are in the index.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator import routes
from generator.analysis import citations
from generator.analysis.closeness import fold_map, in_script, written_texts
from generator.chinese import HAN, SCRIPTS, as_printed, batches, family
from generator.content import vocabulary
from generator.content.model import Corpus, Record
from generator.search import index_format

log = logging.getLogger(__name__)

FILTERS = ("jurisdiction", "level", "genre", "topic", "function", "unit", "year")  # as the search page lists them


@dataclass(frozen=True)
class SearchRecord:
    """One clause as search sees it."""

    url: str                                   # relative to the site root: documents/<doc>/#<id>
    doc: str                                   # its document's id
    meta: dict[str, str] = field(default_factory=dict)   # shown with a hit, in both scripts
    filters: dict[str, list[str]] = field(default_factory=dict)

    def entry(self) -> index_format.Entry:
        # Indexed in Simplified: the text shown to Simplified pages.
        return index_format.Entry(url=self.url, doc=self.doc, text=self.meta["text"], shown=stored(self.meta),
                                  facets=self.filters)


def stored(meta: dict) -> dict:
    """What a hit file holds of ``meta``: the quote is already inside the citation (its
    quotation marks one level down), so it is stored as the place of that span in ``cite``
    (a third of a hit's bytes), and readers cut it out again (docs/search-format.md §10)."""
    out = {k: v for k, v in meta.items() if k not in QUOTED}
    for text, cite in QUOTED.items():
        out[text.replace("text", "quote")] = quote_span(meta[cite], meta[text])
    return out


QUOTED = {"text": "cite", "text_hant": "cite_hant"}   # each script's quote, and the citation holding it


def quote_span(cite: str, quote: str) -> list[int]:
    """[start, end) code point offsets of ``quote`` in ``cite``, as the citation prints it
    (with 〔原文如此〕 after a source error): from the frame's ：“ to the closing ”."""
    start, end = cite.find(citations.QUOTE_OPENS) + len(citations.QUOTE_OPENS), cite.rfind("”")
    if start < len(citations.QUOTE_OPENS) or cite[start:end].replace(citations.SIC, "") != citations.nested(quote):
        raise ValueError(f"a citation does not hold its quote: {cite[:60]!r}…")
    return [start, end]


_RUN = re.compile(r"[^\W_]+")
_PIECE = re.compile(f"[{HAN}]+|[^{HAN}]+")
_HAN_RUN = re.compile(f"[{HAN}]+")


def tokens(text: str) -> list[str]:
    """A query term's tokens: overlapping bigrams of its Han text, whole runs of other letters.

    A term of one Han character is that character.  A record matches a term when it holds
    all of the term's tokens: for a term of one or two characters, exactly the records that
    hold the term; for a longer one, those that hold its every adjacent pair: every record
    holding the phrase, and for 4–5 % of the bundled corpus's three- and four-character terms
    also a record holding its pairs apart (measured in tests/test_search.py).
    tokenizer.js makes the same tokens from a query.
    """
    out: list[str] = []
    for piece, han in _pieces(text):
        if han:
            out.extend(a + b for a, b in zip(piece, piece[1:]))
            if len(piece) == 1:
                out.append(piece)
        else:
            out.append(piece)
    return out


def index_tokens(text: str) -> frozenset[str]:
    """What a record is indexed under: every token any term it holds could ask for, which is
    its bigrams and other runs (as ``tokens``) and each Han character alone."""
    out: set[str] = set()
    for piece, han in _pieces(text):
        if han:
            out.update(piece)
            out.update(a + b for a, b in zip(piece, piece[1:]))
        else:
            out.add(piece)
    return frozenset(out)


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    """The runs of letters in ``text`` (folded: NFKC, lower case), cut into Han and other
    pieces; each with whether it is Han."""
    for run in _RUN.findall(unicodedata.normalize("NFKC", text).lower()):
        for piece in _PIECE.findall(run):
            yield piece, bool(_HAN_RUN.fullmatch(piece))


def record_url(record: Record) -> str:
    return routes.record(record.doc_id, record.id)


def clause_text(record: Record) -> str:
    """What a record says, for telling records that say something from those that do not and
    for the characters a query may hold.  A hit shows the record's quote as its source
    prints it (``citations.quote``), never this."""
    return "\n".join(p for p in (record.title, record.text) if p)


def search_records(corpus: Corpus) -> list[SearchRecord]:
    """One search record per corpus record that says anything, in document order."""
    return [r for batch in search_batches(corpus) for r in batch]


def search_batches(corpus: Corpus) -> Iterator[list[SearchRecord]]:
    """``search_records``, ``chinese.BATCH`` at a time, each batch made when it is asked for
    and converted at once: the index drops each once indexed (at national scale, 100,000 of
    them at once made most of the index's memory)."""
    records = [r for doc in corpus.sorted_documents() for r in doc.walk() if clause_text(r)]
    for batch in batches(records):
        yield _search_records(corpus, batch)


def search_record(corpus: Corpus, record: Record) -> SearchRecord:
    return _search_records(corpus, [record])[0]


def _search_records(corpus: Corpus, records: Sequence[Record]) -> list[SearchRecord]:
    shown = [_shown(corpus, r) for r in records]
    # Every value in both scripts, converted together: OpenCC costs far more a call than a character.
    values = list(dict.fromkeys(v for fields in shown for v in fields.values()))
    scripts = dict(zip(values, zip(in_script(values, "hans"), in_script(values, "hant"))))
    quotes = _quotes(corpus, records)
    # The citation as the record's own 复制引文 button gives it, finished in each script.
    marked = [citations.of(corpus, r).marked for r in records]
    cites = list(zip(citations.finish_all(marked, "hans"), citations.finish_all(marked, "hant")))
    out = [_search_record(corpus, r, fields, scripts, quote) for r, fields, quote in zip(records, shown, quotes)]
    for r, (hans, hant) in zip(out, cites):
        r.meta["cite"], r.meta["cite_hant"] = hans, hant
    return out


def _quotes(corpus: Corpus, records: Sequence[Record]) -> list[tuple[str, str]]:
    """Each record's quote (Simplified, Traditional): as printed in its source's script,
    converted into the other, as the document pages show it."""
    printed = [citations.quote(corpus, r) for r in records]
    own = [family(corpus.documents[r.doc_id].text_source.script) for r in records]
    out = [[q, q] for q in printed]
    for into in SCRIPTS:
        todo = [i for i, s in enumerate(own) if s != into]
        for i, converted in zip(todo, in_script([printed[i] for i in todo], into)):
            out[i][SCRIPTS.index(into)] = converted
    return [(hans, hant) for hans, hant in out]


def _shown(corpus: Corpus, record: Record) -> dict[str, str]:
    """What is shown with a hit besides its quote, as written in the source."""
    doc = corpus.documents[record.doc_id]
    # Where the clause sits: its printed number path, else its own or the nearest heading.
    label = record.label or record.heading or next((a.heading for a in reversed(record.ancestors) if a.heading), "")
    # The document's title and the clause's place are source text: as printed in the source's script.
    j = corpus.jurisdictions[doc.jurisdiction]
    units = [corpus.units[u.unit].name for u in (record.responsibility.units if record.responsibility else [])
             if u.unit in corpus.units]
    # What a drafter weighs a precedent by (起草助手): its level, who is charged, what numbers it sets.
    script = doc.text_source.script
    return {"doc": as_printed(doc.title, script), "jurisdiction": j.name,
            "label": as_printed(label, script), "kind": vocabulary.RECORD_KINDS.get(record.kind, record.kind),
            "level": vocabulary.LEVELS.get(j.level, j.level), "units": "、".join(dict.fromkeys(units)),
            "targets": "；".join(as_printed(t.span, script) for t in record.targets)}


def _search_record(corpus: Corpus, record: Record, shown: dict[str, str],
                   scripts: dict[str, tuple[str, str]], quote: tuple[str, str]) -> SearchRecord:
    doc = corpus.documents[record.doc_id]
    j = corpus.jurisdictions[doc.jurisdiction]
    meta = {}
    # In both scripts: a page shows the fields of its own script.
    for key, value in shown.items():
        meta[key], meta[f"{key}_hant"] = scripts[value]
    meta["text"], meta["text_hant"] = quote
    units = [corpus.units[u.unit] for u in (record.responsibility.units if record.responsibility else [])
             if u.unit in corpus.units]
    filters = {
        "jurisdiction": [j.id],
        "level": [j.level],
        "genre": [doc.genre],
        "topic": _with_ancestors(corpus, [t.id for t in corpus.topics_of(record)]),
        "function": sorted({u.function for u in units if u.function}),
        "unit": sorted({u.id for u in units}),
        "year": [str(doc.year)] if doc.year else [],
    }
    return SearchRecord(url=record_url(record), doc=doc.id, meta=meta, filters={k: v for k, v in filters.items() if v})


def _with_ancestors(corpus: Corpus, topic_ids: list[str]) -> list[str]:
    """A record mapped to a topic is found under every broader topic above it too."""
    out: set[str] = set()
    for tid in topic_ids:
        at: str | None = tid
        while at and at not in out:
            out.add(at)
            at = corpus.topics[at].parent if at in corpus.topics else None
    return sorted(out)


def filter_labels(corpus: Corpus) -> dict[str, list[dict]]:
    """Every filter value with its name (Simplified), in the order the search page lists the
    filters that keep their own order (topic, level, year); the others are listed by count."""
    topic_depth = {t.id: _depth(corpus, t.id) for t in corpus.topics.values()}
    docs = corpus.sorted_documents()
    jurisdictions = list(dict.fromkeys(d.jurisdiction for d in docs))
    genres = [g for g in vocabulary.GENRES if any(d.genre == g for d in docs)]
    years = sorted({d.year for d in docs if d.year}, reverse=True)
    return {
        "jurisdiction": [{"id": j, "name": corpus.jurisdictions[j].name} for j in jurisdictions],
        "level": [{"id": k, "name": v} for k, v in vocabulary.LEVELS.items()],
        "genre": [{"id": g, "name": vocabulary.GENRES[g]} for g in genres],
        "topic": [{"id": t.id, "name": t.name, "depth": topic_depth[t.id]} for t in _topic_order(corpus)],
        "function": [{"id": f.id, "name": f.name} for f in corpus.functions.values()],
        "unit": [{"id": u.id, "name": f"{u.name}({corpus.jurisdictions[u.jurisdiction].name})"
                  if u.jurisdiction in corpus.jurisdictions else u.name} for u in corpus.units.values()],
        "year": [{"id": str(y), "name": str(y)} for y in years],
    }


def _depth(corpus: Corpus, tid: str) -> int:
    depth = 0
    parent = corpus.topics[tid].parent
    while parent is not None and parent in corpus.topics:
        parent = corpus.topics[parent].parent
        depth += 1
    return depth


def _topic_order(corpus: Corpus) -> list:
    """Topics depth first, as the taxonomy is written."""
    children: dict[str | None, list] = {}
    for t in corpus.topics.values():
        children.setdefault(t.parent if t.parent in corpus.topics else None, []).append(t)
    out, stack = [], list(reversed(children.get(None, [])))
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(reversed(children.get(t.id, [])))
    return out


def facet_values(labels: dict[str, list[dict]]) -> dict[str, list[index_format.Value]]:
    """``filter_labels`` as the index stores them: named in both scripts, ranked as listed."""
    names = list(dict.fromkeys(v["name"] for values in labels.values() for v in values))
    hant = dict(zip(names, in_script(names, "hant")))
    return {facet: [index_format.Value(v["id"], v["name"], hant[v["name"]], rank, v.get("depth", 0))
                    for rank, v in enumerate(values)] for facet, values in labels.items()}


# --- the fold: the Traditional → Simplified map queries and postings share (closeness.fold_map) ---

def query_map(t2s: Mapping[str, str]) -> str:
    """The fold's map as one string of pairs (small, about 6 bytes a pair, and quick to parse)."""
    return "".join(t + s for t, s in sorted(t2s.items()))


def folded_tokens(t2s: Mapping[str, str]) -> Callable[[str], frozenset[str]]:
    """``index_tokens`` of a record's text folded by ``t2s`` first: postings are of folded text,
    as queries are folded, so where the map takes 覆 to 复 (答覆 on Traditional pages) a record
    saying 覆盖 is posted under 复盖, and the query 覆盖 still finds it.  What a hit shows is
    the record's text as it is."""
    table = str.maketrans(dict(t2s))
    return lambda text: index_tokens(text.translate(table))


# --- writing ------------------------------------------------------------------------------

def write_index(records: list[SearchRecord], labels: dict[str, list[dict]], texts: Iterable[str],
                out_dir: Path) -> dict:
    """Write the index of ``records`` (in the order hits are listed) to ``out_dir``, folded by
    the map learned from ``texts``."""
    t2s = fold_map(texts)
    return index_format.write((r.entry() for r in records), facet_values(labels), query_map(t2s),
                              out_dir, folded_tokens(t2s))


def build_index(corpus: Corpus, site_dir: Path) -> None:
    """Write ``site/search-index/`` (once a build, for both scripts).

    The fold's map is learned first, from the texts as written (it folds the postings too);
    the search records are then made a batch at a time and dropped once indexed."""
    t2s = fold_map(written_texts(corpus))
    manifest = index_format.write((r.entry() for batch in search_batches(corpus) for r in batch),
                                  facet_values(filter_labels(corpus)), query_map(t2s),
                                  Path(site_dir) / index_format.DIR, folded_tokens(t2s))
    log.info("crosswalk: indexed %d records for search", manifest["records"])
