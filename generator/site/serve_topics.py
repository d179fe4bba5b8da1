"""Under ``mkdocs serve``, the pages a topics edit changes first, then the full rebuild.

Tagging a record (``crosswalk/topics.yaml``: a mapping's topics, or its ``unmapped``
reason) changes few pages: the record's document page, in both scripts, the pages of the
topics it gained or lost and of their broader topics, and its region's page of clauses by
topic.  When the only input that changed is the topics file, and only in its mappings (the
taxonomy and the relations as they were), this module loads that file alone, puts its
mappings into the last build's corpus and lists those pages, which ``serve_preview``
renders into the last build's shells.  The full build follows as for any edit.

Until it is done, the other pages that show the record's topics are the last build's: the
topics index and its heat map, the compare, unit and indicator pages, other documents'
precedent panels (precedents weigh shared topics), the search index and the exports.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from generator.content import load
from generator.content.model import Corpus
from generator.content.validate import errors
from generator.site import pages, shell_writer as bulk
from generator.site.pages import topics as topic_pages
from generator.site.pages.documents import document_page
from generator import routes

if TYPE_CHECKING:
    from generator.site.serve_preview import Last, Stamps


def changed(paths: load.Paths, before: "Stamps", now: "Stamps") -> bool:
    """Whether the topics file is the one input changed since ``before``."""
    if before.keys() != now.keys():
        return False
    return [path for path, stamp in now.items() if before[path] != stamp] == [paths.crosswalk / "topics.yaml"]


def affected(last: "Last") -> tuple[Corpus, list[pages.Page]] | None:
    """The last build's corpus with the topics file's new mappings, and the pages they change;
    None when the file does not load cleanly or changed more than mappings (the full build
    shows why, or renders what changed)."""
    fresh, problems = load.crosswalk_topics(last.paths)
    old = last.corpus
    if errors(problems) or _taxonomy(fresh) != _taxonomy(old):
        return None
    records = {uid for uid in {*old.mappings, *fresh.mappings, *old.unmapped, *fresh.unmapped}
               if old.mappings.get(uid) != fresh.mappings.get(uid) or old.unmapped.get(uid) != fresh.unmapped.get(uid)}
    if not records or not records <= old.records.keys():
        return None
    tagged = {t for uid in records for t in set(old.mappings.get(uid, [])) ^ set(fresh.mappings.get(uid, []))}
    if not tagged <= old.topics.keys():
        return None
    corpus = dataclasses.replace(old, mappings=fresh.mappings, unmapped=fresh.unmapped,
                                 mapping_pos=fresh.mapping_pos, _derived=dict(old._derived))
    docs = {corpus.records[uid].doc_id for uid in records}
    wanted = {f"{routes.topic(t).rstrip('/')}.md" for t in _with_broader(tagged, corpus)}
    wanted |= {f"{routes.region_topics(topic_pages.region_of(corpus, corpus.documents[d].jurisdiction)).rstrip('/')}.md"
               for d in docs}
    shown = [document_page(corpus, corpus.documents[d]) for d in sorted(docs)]
    shown += [page for page in topic_pages.pages(corpus) if page.path in wanted]
    # Only pages a shell of the last build serves: an index page (topics/) is MkDocs' own.
    return corpus, [page for page in shown if _has_shell(last, page)]


def _taxonomy(corpus: Corpus) -> tuple:
    """What of the topics file shows on every page that names a topic, or relates two records."""
    return ([(t.id, t.name, t.scope, t.parent) for t in corpus.topics.values()],
            [(r.source, r.target, r.type, r.rationale) for r in corpus.relations])


def _with_broader(topics: set[str], corpus: Corpus) -> set[str]:
    """The topics and every broader one: a broader topic's page counts its branch."""
    out: set[str] = set()
    for tid in topics:
        while tid in corpus.topics and tid not in out:
            out.add(tid)
            tid = corpus.topics[tid].parent
    return out


def _has_shell(last: "Last", page: pages.Page) -> bool:
    kind = bulk.kind_of(page)
    return kind is not None and all(kind in target.shells for target in last.targets)

