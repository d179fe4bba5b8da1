"""Under ``mkdocs serve``, the pages a topics edit changes first, then the full rebuild.

Tagging a record (``crosswalk/topics.yaml``: a mapping's topics, or its ``unmapped``
reason) changes few pages: the record's document page, in both scripts, the pages of the
topics it gained or lost and of their broader topics, and its region's page of clauses by
topic.  When the only input that changed is the topics file, and only entries of its
``mappings:`` list, this module reads those entries alone (the lines that differ from the
file the last build read, widened to whole entries), puts them into the last build's
corpus and lists those pages, which ``serve_preview`` renders into the last build's shells.
The full build follows as for any edit, and is all there is for any other change to the
file (the taxonomy, a relation, an entry removed).

Until it is done, the other pages that show the record's topics are the last build's: the
topics index and its heat map, the compare, unit and indicator pages, other documents'
precedent panels (which name the topics two records share), the search index and the exports.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from generator import routes
from generator.analysis import derived, topic_coverage
from generator.analysis.regions import region_of
from generator.content import load, schema, yamlfile
from generator.content.conform import conform
from generator.content.model import Corpus
from generator.site import pages, shell_writer
from generator.site.pages import topics
from generator.site.pages.documents import document_page

if TYPE_CHECKING:
    from generator.site.serve_preview import Last, Stamps

TOPICS = "topics.yaml"


def changed(paths: load.Paths, before: Stamps, now: Stamps) -> bool:
    """Whether the topics file is the one input changed since ``before``."""
    if before.keys() != now.keys():
        return False
    return [path for path, stamp in now.items() if before[path] != stamp] == [paths.crosswalk / TOPICS]


def snapshot(paths: load.Paths) -> str | None:
    """The topics file as a build reads it, for the next edit to be compared with."""
    try:
        return (paths.crosswalk / TOPICS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def affected(last: Last) -> tuple[Corpus, list[pages.Page]] | None:
    """The last build's corpus with the topics file's new mappings, and the pages they change;
    None when the edit reached beyond the mappings or an entry it touched does not load
    cleanly (the full build renders what changed, or shows why)."""
    now = snapshot(last.paths)
    entries = edited_entries(last.topics_text, now) if last.topics_text is not None and now is not None else None
    if entries is None:
        return None
    old = last.corpus
    mappings, unmapped = dict(old.mappings), dict(old.unmapped)
    before, after = entries
    for uid in before:
        mappings.pop(uid, None)
        unmapped.pop(uid, None)
    for uid, (tags, reason) in after.items():
        if uid in mappings or uid in unmapped or not (tags or reason):
            return None   # mapped twice, or neither tagged nor said unmapped: the full build says so
        if tags:
            mappings[uid] = tags
        elif reason:
            unmapped[uid] = reason
    # Read from the two texts, not against the corpus: an edit made while the last build was
    # loading may be in its corpus already, and its pages are still to be shown.
    none: tuple[list[str], None] = ([], None)
    records = {uid for uid in {*before, *after} if before.get(uid, none) != after.get(uid, none)}
    if not records or not records <= old.records.keys():
        return None
    tagged = {t for uid in records for t in set(before.get(uid, none)[0]) ^ set(after.get(uid, none)[0])}
    if not tagged <= old.topics.keys():
        return None
    corpus = dataclasses.replace(old, mappings=mappings, unmapped=unmapped)
    derived.carry(old, corpus)
    # What the corpus derives from its documents alone stays as it was (records: 0.5 s at 3,000
    # documents); the topic coverage is brought up to date for the records' jurisdictions alone.
    corpus.__dict__.update((name, old.__dict__[name]) for name in _UNTAGGED if name in old.__dict__)
    docs = {corpus.records[uid].doc_id for uid in records}
    cov = topic_coverage.COVERAGE.held(old)
    if cov is not None:
        topic_coverage.COVERAGE.put(corpus, topic_coverage.retagged(
            cov, corpus, {corpus.documents[d].jurisdiction for d in docs}))
    wanted = {routes.page_source(routes.topic(t)) for t in _with_broader(tagged, corpus)}
    wanted |= {routes.page_source(routes.region_topics(region_of(corpus, corpus.documents[d].jurisdiction)))
               for d in docs}
    shown = [document_page(corpus, corpus.documents[d]) for d in sorted(docs)]
    shown += [page for page in topics.pages(corpus) if page.path in wanted]
    # Only pages a shell of the last build serves: an index page (topics/) is MkDocs' own.
    return corpus, [page for page in shown if _has_shell(last, page)]


Entries = dict[str, tuple[list[str], str | None]]   # record → (topics, unmapped reason)

# The corpus's cached look-ups that no mapping changes.
_UNTAGGED = ("records", "targets", "relations_by_record", "cited_by", "linked_from")


def edited_entries(before: str, after: str) -> tuple[Entries, Entries] | None:
    """The mapping entries an edit touched, as they were and as they are; None when it touched
    a line outside the file's ``mappings:`` list or an entry that does not load cleanly.

    Read from the lines that differ, widened to whole entries, so that a national file of
    100,000 mappings is not parsed again for one tag (parsing it took about 2 s at 300
    documents); the differing lines are found by comparing the texts, not line by line."""
    head = _common(before, after, lambda t, n: t[:n])
    tail = _common(before[head:], after[head:], lambda t, n: t[len(t) - n:])
    first = before.count("\n", 0, head)
    old = _entries(before, first, before.count("\n", 0, max(head, len(before) - tail)) + 1)
    new = _entries(after, first, after.count("\n", 0, max(head, len(after) - tail)) + 1)
    return None if old is None or new is None else (old, new)


def _common(a: str, b: str, part) -> int:
    """The length of the longest ``part`` (prefix or suffix) the two texts share."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if part(a, mid) == part(b, mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


_MAPPINGS = re.compile(r"^mappings:", re.M)
_TOP_KEY = re.compile(r"^[A-Za-z_]+:", re.M)


def _entries(text: str, first: int, end: int) -> Entries | None:
    """The whole entries of the ``mappings:`` list that lines ``first``..``end`` (0-based,
    end excluded) fall in; None when they reach outside it."""
    found = _MAPPINGS.search(text)
    if found is None:
        return None
    start = text.count("\n", 0, found.start())
    after = _TOP_KEY.search(text, found.end())
    lines = text.split("\n")
    stop = text.count("\n", 0, after.start()) if after else len(lines)
    if first <= start or end > stop:
        return None
    item = next((i for i in range(start + 1, stop) if lines[i].lstrip().startswith("- ")), None)
    if item is None:
        return None
    indent = len(lines[item]) - len(lines[item].lstrip())

    def is_head(i: int) -> bool:   # the first line of an entry
        return lines[i].startswith("- ", indent) and not lines[i][:indent].strip()

    begin = next((i for i in range(first, start, -1) if is_head(i)), start + 1)
    finish = next((i for i in range(max(end, first + 1), stop) if is_head(i)), stop)
    data, problems = yamlfile.parse("\n".join(lines[begin:finish]) or "[]", TOPICS)
    if problems or not isinstance(data, list):
        return None   # a comment alone, or YAML the edit broke: the full build says which
    out: Entries = {}
    for entry in data:
        d = conform(schema.MAPPING, entry, yamlfile.Pos(TOPICS, 1, 1), "mappings", problems)
        if problems or d is None or d["record"] in out:
            return None
        out[d["record"]] = (list(d.get("topics") or []), d.get("unmapped"))
    return out


def _with_broader(topics: set[str], corpus: Corpus) -> set[str]:
    """The topics and every broader one: a broader topic's page counts its branch."""
    out: set[str] = set()
    for tid in topics:
        at: str | None = tid
        while at in corpus.topics and at not in out:
            out.add(at)
            at = corpus.topics[at].parent
    return out


def _has_shell(last: Last, page: pages.Page) -> bool:
    kind = shell_writer.kind_of(page)
    return kind is not None and all(kind in target.shells for target in last.targets)

