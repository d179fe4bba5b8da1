"""Side-by-side comparison of any two documents, aligned by topic.

There is no page per pair: the page embeds every record with its topics as JSON and
compare.js lays out the pair chosen in the URL (``?a=<doc>&b=<doc>``).  The JSON is inline
in the page, not a file under data/, so the plugin converts it with the rest of the page
and the Traditional build compares Traditional text.

Past ``INLINE_UP_TO`` records the page embeds only the records that relations name:
compare.js reads the two chosen documents' records from their own pages, in the page's
script (``onRequest``), as every record would make the page grow with the country
(6 MB a script at 300 documents).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from markupsafe import Markup

from generator import routes
from generator.analysis.topic_coverage import is_pending, topic_tree
from generator.chinese import shown_within
from generator.content import vocabulary
from generator.content.model import Corpus, Document
from generator.site.pages import Context, Page
from generator.site.pages.topics import record_label

INLINE_UP_TO = 2000

# Characters that could end or confuse an inline <script> element, as JSON escapes.
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def pages(corpus: Corpus) -> Iterable[Page]:
    groups: dict[str, list[Document]] = {}
    for doc in corpus.sorted_documents():
        if doc.has_text:
            groups.setdefault(vocabulary.LEVELS[corpus.level_of(doc)], []).append(doc)
    yield Page(routes.page_source(routes.COMPARE), "对照", "compare.html", {"groups": list(groups.items()), "payload": payload},
               description="任选两件文件，按主题逐条对照")


def compare_data(ctx: Context) -> dict:
    """Documents with text, the topic tree, the records and the relations, with links relative
    to the page: every record, or in a large corpus only those that relations name."""
    corpus = ctx.corpus
    docs = [d for d in corpus.sorted_documents() if d.has_text]
    on_request = len(corpus.records) > INLINE_UP_TO
    related = {uid for r in corpus.relations for uid in (r.source, r.target)}
    records = [r for d in docs for r in d.walk() if not on_request or r.uid in related]
    return {
        "onRequest": on_request,
        "docs": [{"id": d.id, "title": d.title, "jurisdiction": corpus.jurisdictions[d.jurisdiction].name,
                  "year": d.year, "url": ctx.url(routes.document(d.id)),
                  # Records read from a document's page do not say whether they are mapped yet.
                  **({"pending": sum(1 for r in d.walk() if is_pending(corpus, r))} if on_request else {})}
                 for d in docs],
        "topics": [{"id": n.topic.id, "name": n.topic.name, "depth": n.depth, "parent": n.topic.parent,
                    "url": ctx.url(routes.topic(n.topic.id))} for n in topic_tree(corpus)],
        "records": [{"id": r.uid, "doc": r.doc_id, "label": record_label(r), "title": r.title, "text": r.text,
                     "kind": r.kind, "topics": [t.id for t in corpus.topics_of(r)],
                     "pending": is_pending(corpus, r),
                     "url": ctx.url(routes.record(r.doc_id, r.id))}
                    for r in records],
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
