"""Side-by-side comparison of any two documents, aligned by topic.

There is no page per pair: compare.js lays out the pair chosen in the URL
(``?a=<doc>&b=<doc>``).  Up to ``INLINE_UP_TO`` records the page embeds every document,
record and relation as JSON, inline in the page, not a file under data/, so the plugin
converts it with the rest of the page and the Traditional build compares Traditional text.

Past it the page grows with the regions only (about 30), not with the documents: each side
is chosen by region, then document, and compare.js reads the region's documents from its
document list (``documents/in/<region>/``, the rows marked ``data-doc``) and the two chosen
documents' records and relations from their own pages, in the page's script (``onRequest``).
Listing every document was 1.4 MB a script at 3,000 documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from markupsafe import Markup

from generator import routes
from generator.analysis.topic_coverage import is_pending, topic_tree
from generator.chinese import shown_within
from generator.content import vocabulary
from generator.content.model import Corpus, Document, Jurisdiction
from generator.site.pages import Context, Page
from generator.site.pages.documents import documents_by_region
from generator.site.pages.topics import record_label

INLINE_UP_TO = 2000
# Where a document id goes in the address of its page (routes.document), for compare.js to
# fill in: a document asked for by a shared link before its region's list is read.
ID_SLOT = "{id}"

# Characters that could end or confuse an inline <script> element, as JSON escapes.
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def pages(corpus: Corpus) -> Iterable[Page]:
    groups: dict[str, list[Document]] = {}
    if len(corpus.records) <= INLINE_UP_TO:
        for doc in corpus.sorted_documents():
            if doc.has_text:
                groups.setdefault(vocabulary.LEVELS[corpus.level_of(doc)], []).append(doc)
    yield Page(routes.page_source(routes.COMPARE), "对照", "compare.html",
               {"groups": list(groups.items()), "regions": _regions(corpus), "payload": payload},
               description="任选两件文件，按主题逐条对照")


def _regions(corpus: Corpus) -> list[Jurisdiction]:
    """The regions with a document to compare, in the document list's order."""
    return [corpus.jurisdictions[rid] for rid, docs in documents_by_region(corpus).items()
            if any(d.has_text for d in docs)]


def compare_data(ctx: Context) -> dict:
    """The topic tree, and in a small corpus the documents with text, their records and the
    relations, with links relative to the page; in a large one, where each region's documents
    and each document's records are read."""
    corpus = ctx.corpus
    topics = [{"id": n.topic.id, "name": n.topic.name, "depth": n.depth, "parent": n.topic.parent,
               "url": ctx.url(routes.topic(n.topic.id))} for n in topic_tree(corpus)]
    if len(corpus.records) > INLINE_UP_TO:
        return {"onRequest": True, "topics": topics, "document": ctx.url(routes.document(ID_SLOT)), "slot": ID_SLOT,
                "regions": {j.id: ctx.url(routes.documents_in(j.id)) for j in _regions(corpus)}}
    docs = [d for d in corpus.sorted_documents() if d.has_text]
    return {
        "onRequest": False,
        "docs": [{"id": d.id, "title": d.title, "jurisdiction": corpus.jurisdictions[d.jurisdiction].name,
                  "year": d.year, "url": ctx.url(routes.document(d.id))} for d in docs],
        "topics": topics,
        "records": [{"id": r.uid, "doc": r.doc_id, "label": record_label(r), "title": r.title, "text": r.text,
                     "kind": r.kind, "topics": [t.id for t in corpus.topics_of(r)],
                     "pending": is_pending(corpus, r),
                     "url": ctx.url(routes.record(r.doc_id, r.id))}
                    for d in docs for r in d.walk()],
        "relations": [{"source": r.source, "target": r.target, "type": r.type, "rationale": r.rationale}
                      for r in corpus.relations],
    }


def payload(ctx: Context) -> Markup:
    """The data as JSON that is safe inside ``<script type="application/json">``.

    Not ``|tojson``: that escapes every non-ASCII character, and the Traditional build
    can only convert text it can see.
    """
    text = json.dumps(shown_within(compare_data(ctx)), ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_SAFE.items():
        text = text.replace(char, escaped)
    return Markup(text)
