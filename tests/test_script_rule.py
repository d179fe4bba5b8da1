"""The script rule on every built page, read from the pages themselves.

A source is shown in its own script exactly as printed, and in the other script as the
project's converter (OpenCC and ``script_exceptions.yaml``) gives it for a whole phrase,
before any cut for an excerpt.  The expected texts come from the document YAML read with
plain PyYAML and the sources read with ``generator.content.sources`` only; the converter is
the rule's own definition of the other script.

Any text on a page (or in a search hit) that reads as a source's text once both are taken
to Simplified is a record excerpt; each of its pieces (split at "…") must then be that
source's text under the rule.  That every page shows each record's words exactly (a page
that drops a character is as wrong as one that changes one) is test_fidelity.py's.
"""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.chinese import convert, opencc_only
from generator.content.sources import clean_lines, read_source

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "content" / "documents"
SOURCES = ROOT / "content" / "sources"
# Pieces shorter than this are too common to tell a source's wording from editorial words.
MIN_PIECE = 6
# Text is cut into pieces at these: an excerpt's "…", white space, and the marks that frame a
# quote or a title (a substring of a source is still one when cut here).
SPLIT = re.compile(r"[…\s“”‘’《》；]+")
NOT_TEXT = {"script", "style", "template", "svg"}


def _walk(records):
    for r in records or []:
        yield r
        yield from _walk(r.get("children"))


def _docs() -> dict[str, dict]:
    out = {}
    for path in sorted(DOCUMENTS.glob("*.yaml")):
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        if d.get("source"):
            out[d["id"]] = d
    return out


DOCS = _docs()


def _family(script: str) -> str:
    return "hans" if script == "hans" else "hant"


def _phrases(doc: dict) -> list[str]:
    """Every text of a document copied from its source: each is converted whole."""
    out = [doc.get("title"), doc.get("full_title"), doc.get("number"), "、".join(doc.get("issuers") or []),
           doc["source"].get("site"), doc["source"].get("url_title")]
    out += [link.get("as_cited") for link in doc.get("links") or []]
    for r in _walk(doc.get("records")):
        out += [r.get("number"), r.get("title"), r.get("text"), (r.get("responsibility") or {}).get("raw"),
                "。".join(p for p in (r.get("title"), r.get("text")) if p)]
        out += [t.get("span") for t in r.get("targets") or []]
        out += [n.get("span") for n in r.get("notes") or []]
    return [p for p in out if p]


class Source:
    """One document's source: as printed, in Simplified for recognition, and converted."""

    def __init__(self, doc: dict):
        self.id = doc["id"]
        self.script = _family(doc["source"]["script"])
        lines = [line for line in clean_lines(read_source(SOURCES / doc["source"]["file"])) if line]
        phrases = _phrases(doc)
        self.printed = "\n".join(lines + phrases)
        self.simplified = opencc_only(self.printed, "t2s")
        other = "hant" if self.script == "hans" else "hans"
        self.converted = {self.script: self.printed,
                          other: "\n".join(convert(p, other) for p in lines + phrases)}


@pytest.fixture(scope="module")
def sources() -> list[Source]:
    assert len(DOCS) >= 5
    return [Source(d) for d in DOCS.values()]


def _strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


class _Text(HTMLParser):
    """The text of a page, node by node, with title attributes, meta descriptions and the
    strings of the JSON a page's script shows (the compare page's records)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skip = 0
        self._json = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and values.get("type") == "application/json":
            self._json = True
            return
        if tag in NOT_TEXT:
            self._skip += 1
        if values.get("title"):
            self.nodes.append(values["title"])
        if tag == "meta" and values.get("name") == "description" and values.get("content"):
            self.nodes.append(values["content"])

    def handle_endtag(self, tag):
        if self._json:
            self._json = False
        elif tag in NOT_TEXT and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._json:
            self.nodes.extend(_strings(json.loads(data)))
        elif not self._skip and data.strip():
            self.nodes.append(data)


def page_texts(site: Path) -> dict[str, dict[str, list[str]]]:
    """script → page (or hit pack) → its texts: every built HTML page, and every search hit."""
    out: dict[str, dict[str, list[str]]] = {"hans": {}, "hant": {}}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        out["hant" if rel.startswith("zh-Hant/") else "hans"][rel] = parser.nodes
    for path in sorted((site / "search-index" / "r").rglob("*.json.gz")):
        rel = path.relative_to(site).as_posix()
        for hit in json.loads(gzip.decompress(path.read_bytes())):
            for key, value in hit["d"].items():
                if isinstance(value, str):
                    out["hant" if key.endswith("_hant") else "hans"].setdefault(rel, []).append(value)
    return out


def misquoted(site: Path, sources: list[Source]) -> tuple[list[str], int]:
    """Pieces that read as a source's text but are not it under the script rule, and how many
    such pieces there were."""
    wrong, seen = [], 0
    verdicts: dict[tuple[str, str], bool | None] = {}
    for script, pages in page_texts(site).items():
        assert pages, f"no {script} pages in {site}"
        for page, texts in pages.items():
            for text in texts:
                for piece in SPLIT.split(text):
                    if len(piece) < MIN_PIECE:
                        continue
                    key = (script, piece)
                    if key not in verdicts:
                        simplified = opencc_only(piece, "t2s")
                        from_ = [s for s in sources if simplified in s.simplified]
                        verdicts[key] = None if not from_ else any(piece in s.converted[script] for s in from_)
                    if verdicts[key] is None:
                        continue
                    seen += 1
                    if not verdicts[key]:
                        wrong.append(f"{page}: {piece}")
    return wrong, seen


def test_every_record_excerpt_on_every_page_is_its_source_under_the_script_rule(built_site, sources):
    wrong, seen = misquoted(built_site, sources)
    assert seen > 3000, "the pages should quote the sources thousands of times"
    assert wrong == [], f"{len(wrong)} pieces differ from their source:\n" + "\n".join(wrong[:40])
