"""A record's words as its source prints them, read from the source file for tests.

Read with ``generator.content.sources`` (cleaning) only, not with the citation code whose
output the tests compare against it: from the record's title (else its text) to the end of its
text, and the 责任单位 list printed right after, as one span of its cleaned source lines.
"""

from __future__ import annotations

import re

from generator.content.sources import clean_lines, read_source, span_text

UNITS_LIST = r"\s*[(（]\s*责任单位\s*[:：]\s*{}\s*[)）]"   # a 责任单位 list printed right after a clause


def record_words(corpus, record) -> str:
    doc = corpus.documents[record.doc_id]
    lines = clean_lines(read_source(corpus.sources_dir / doc.source.file))
    seg = span_text(lines, record.lines[0], record.lines[1], frozenset(doc.source.joins))
    first, last = record.title or record.text, record.text or record.title
    start = seg.index(first)
    end = seg.index(last, start + (len(first) if record.title and record.text else 0)) + len(last)
    listed = record.responsibility and re.compile(UNITS_LIST.format(re.escape(record.responsibility.raw))).match(seg, end)
    return seg[start:listed.end() if listed else end]
