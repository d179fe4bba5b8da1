"""Fidelity of the bundled content to its sources, checked apart from the validator.

The document YAML is read with plain PyYAML and the sources with ``generator.content.sources`` only,
so a bug in loading or validation cannot hide a transcription error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.content.sources import clean_lines, read_source, span_text

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "content" / "documents"
SOURCES = ROOT / "content" / "sources"

# A CJK character followed by Latin letters in parentheses, tone marks or not: wider than the
# cleaner's own pattern on purpose, so that a converter note it misses still shows up here.
PINYIN_NOTE = re.compile(r"[\u3400-\u9fff][(（][A-Za-z\u00c0-\u024f\u1e00-\u1eff]{1,8}[)）]")


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


DOCS = {p.stem: _load(p) for p in sorted(DOCUMENTS.glob("*.yaml"))}
WITH_SOURCE = [doc_id for doc_id, d in DOCS.items() if d.get("source")]


def walk(records):
    for r in records or []:
        yield r
        yield from walk(r.get("children"))


def verbatim_fields(record: dict) -> list[tuple[str, str]]:
    """Every field of a record that must be copied from the source character for character."""
    fields = [("title", record.get("title")), ("text", record.get("text")),
              ("responsibility.raw", (record.get("responsibility") or {}).get("raw"))]
    fields += [(f"targets.{t['id']}.span", t["span"]) for t in record.get("targets") or []]
    fields += [("notes.span", n.get("span")) for n in record.get("notes") or [] if n.get("type") == "sic"]
    return [(name, value) for name, value in fields if value]


def source_lines(doc: dict) -> list[str]:
    return clean_lines(read_source(SOURCES / doc["source"]["file"]))


def test_the_bundled_content_has_sources_to_check():
    assert len(WITH_SOURCE) >= 5
    assert {"yuxi-2018", "lanzhou-2013", "miyi-2021", "nanchong-2017", "qinghai-2017"} <= set(WITH_SOURCE)


@pytest.mark.parametrize("doc_id", WITH_SOURCE)
def test_every_record_is_verbatim_in_its_cleaned_source_within_its_lines(doc_id):
    doc = DOCS[doc_id]
    lines = source_lines(doc)
    joins = frozenset(doc["source"].get("joins") or [])
    first, last = doc["source"]["body"]
    wrong = []
    records = list(walk(doc.get("records")))
    assert records, f"{doc_id} has a source but no records"
    for r in records:
        a, b = r["lines"]
        if not first <= a <= b <= last:
            wrong.append(f"{r['id']}: lines {a}-{b} outside the body {first}-{last}")
            continue
        segment = span_text(lines, a, b, joins)
        wrong += [f"{r['id']}.{name} not in lines {a}-{b}: {value[:30]}…"
                  for name, value in verbatim_fields(r) if value not in segment]
    assert wrong == []


def test_no_pinyin_artefact_is_left_in_any_lanzhou_record():
    lanzhou = [d for d in DOCS.values() if d["jurisdiction"] == "lanzhou"]
    raw = read_source(SOURCES / DOCS["lanzhou-2013"]["source"]["file"])
    assert len(PINYIN_NOTE.findall(raw)) >= 275, "the raw Lanzhou report carries converter notes like 區(qū)"
    left = [(d["id"], r["id"], m.group()) for d in lanzhou for r in walk(d.get("records"))
            for _, value in verbatim_fields(r) for m in PINYIN_NOTE.finditer(value)]
    left += [(d["id"], key, m.group()) for d in lanzhou for key in ("title", "full_title")
             for m in PINYIN_NOTE.finditer(d.get(key) or "")]
    assert sum(1 for d in lanzhou for _ in walk(d.get("records"))) > 20
    assert left == []


def _covered_lines(doc: dict, lines: list[str]) -> set[int]:
    """Source lines that some verbatim field of some record was actually taken from."""
    joins = frozenset(doc["source"].get("joins") or [])
    covered: set[int] = set()
    for r in walk(doc.get("records")):
        a, b = r["lines"]
        # Rebuild the record's segment as span_text does, remembering each character's line.
        owner: list[int] = []
        for number in range(a, b + 1):
            line = lines[number - 1] if number <= len(lines) else ""
            if line:
                if owner:
                    owner.append(number)  # the newline (or nothing, after a joined line)
                    if owner[-2] in joins:
                        owner.pop()
                owner.extend([number] * len(line))
        segment = span_text(lines, a, b, joins)
        assert len(segment) == len(owner), (r["id"], "line map out of step with span_text")
        for _, value in verbatim_fields(r):
            at = segment.find(value)
            if at >= 0:
                covered.update(owner[at:at + len(value)])
    return covered


@pytest.mark.parametrize("doc_id", WITH_SOURCE)
def test_every_body_line_is_covered_by_a_record_or_excluded(doc_id):
    doc = DOCS[doc_id]
    lines = source_lines(doc)
    first, last = doc["source"]["body"]
    excluded = {n for e in doc["source"].get("excluded") or [] for n in range(e["lines"][0], e["lines"][1] + 1)}
    covered = _covered_lines(doc, lines)
    missing = [f"{doc['source']['file']}:{n}: {lines[n - 1][:40]}" for n in range(first, last + 1)
               if lines[n - 1] and n not in covered and n not in excluded]
    assert missing == []


def test_cited_only_documents_have_no_text():
    cited_only = [d for d in DOCS.values() if d["status"] == "cited-only"]
    assert "central-2017" in {d["id"] for d in cited_only}
    for d in cited_only:
        assert not d.get("records") and not d.get("source"), d["id"]


def test_every_source_file_belongs_to_a_document():
    used = {DOCS[doc_id]["source"]["file"] for doc_id in WITH_SOURCE}
    assert used == {p.name for p in SOURCES.iterdir() if p.is_file()}
