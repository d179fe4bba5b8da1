"""Fidelity of the bundled content to its sources, checked apart from the validator.

The document YAML is read with plain PyYAML and the sources with ``generator.content.sources`` only,
so a bug in loading or validation cannot hide a transcription error.
"""

from __future__ import annotations

import json
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


# --- what the pages show ------------------------------------------------------------------------
# The chain is source → YAML (above) → page (below): every page that shows a clause shows its
# words exactly as the YAML holds them, in the page's script (as printed in the source's own,
# converted word by word in the other), not merely somewhere on the page.

PAGE_SCRIPTS = {"hans": "", "hant": "zh-Hant"}
# What may stand between a clause's title and its text: punctuation and space the source prints.
GAP = r"[\s。．.：:，,、；;]*"


def expected_words(doc_id: str, script: str) -> dict[str, tuple[str, str, str]]:
    """uid → (number, title, text) of each record of ``doc_id`` as a page in ``script`` shows them."""
    from generator.chinese import convert, family

    doc = DOCS[doc_id]
    own = family(doc["source"]["script"])
    shown = (lambda s: s) if script == own else (lambda s: convert(s, script) if s else s)
    return {f"{doc_id}/{r['id']}": (r.get("number") or "", shown(r.get("title") or ""), shown(r.get("text") or ""))
            for r in walk(doc.get("records"))}


def source_gaps(doc_id: str) -> dict[str, str]:
    """uid → what the source prints between a record's title and its text (。, a line break …),
    read from its cleaned source lines."""
    doc = DOCS[doc_id]
    lines, joins = source_lines(doc), frozenset(doc["source"].get("joins") or [])
    gaps = {}
    for r in walk(doc.get("records")):
        if r.get("title") and r.get("text"):
            segment = span_text(lines, *r["lines"], joins)
            after = segment.index(r["title"]) + len(r["title"])
            gaps[f"{doc_id}/{r['id']}"] = segment[after:segment.index(r["text"], after)]
    return gaps


@pytest.fixture(scope="module")
def expected_pages():
    return {script: {uid: words for doc_id in WITH_SOURCE for uid, words in expected_words(doc_id, script).items()}
            for script in PAGE_SCRIPTS}


def _text(element) -> str:
    """An element's text, a ``<br>`` read as the line break it stands for."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return element.text_content()


def _clause_text_wrong(uid, paragraph, words, number_shown: bool, gap: str | None = None) -> str | None:
    """None when ``<p class="cw-text">`` shows the clause exactly: [number] title, a gap of
    punctuation (``gap`` exactly, where given), its text; else what differs."""
    number, title, text = words
    strong = paragraph.find("strong")
    shown_title = _text(strong) if strong is not None else ""
    rest = _text(paragraph)[len(shown_title):]
    want_title = (number if number_shown and number != "——" else "") + title if title else ""
    if shown_title != want_title:
        return f"{uid}: title {shown_title!r} ≠ {want_title!r}"
    if gap is not None and rest != gap + text:
        return f"{uid}: gap and text {rest[:40]!r}… ≠ {(gap + text)[:40]!r}…"
    if not re.fullmatch(GAP + re.escape(text), rest):
        return f"{uid}: text {rest[:40]!r}… ≠ {text[:40]!r}…"
    return None


def _is_head(shown: str, words: str, whole: bool = False) -> bool:
    """``shown`` is ``words`` exactly, or (unless ``whole``) its head cut short and marked 「…」."""
    cut = shown.removesuffix("…")
    if cut == shown or whole:
        return shown == words
    return bool(cut) and words.startswith(cut) and cut != words


@pytest.mark.parametrize("script", PAGE_SCRIPTS)
def test_every_page_shows_each_clause_exactly_as_its_source_prints_it(built_site, expected_pages, script):
    """Document and topic pages show each clause whole; matrix and unit pages its title; a
    region's topics page the head of its words, cut at a 「…」; compare carries each whole in its
    data. Each compared exactly, so a page that drops or adds one character fails."""
    from lxml import html as lxml_html

    root = built_site / PAGE_SCRIPTS[script]
    expected = expected_pages[script]
    gaps = {uid: gap for doc_id in WITH_SOURCE for uid, gap in source_gaps(doc_id).items()}
    assert "。" in gaps.values() and "\n" in gaps.values()   # both kinds of gap are checked
    wrong, seen = [], {"documents": 0, "headings": 0, "topics": 0, "matrices": 0, "units": 0, "regions": 0, "compare": 0}

    def read(path):
        return lxml_html.fromstring(path.read_text(encoding="utf-8"))

    def having(cls: str) -> str:
        return f"contains(concat(' ', @class, ' '), ' {cls} ')"

    for kind, element, number_shown in (("documents", "section", True), ("topics", "article", False)):
        for page_file in sorted((root / kind).glob("*/index.html")):
            page = read(page_file)
            for el in page.xpath(f"//{element}[@data-uid]"):
                uid = el.get("data-uid")
                paragraph = el.find("p[@class='cw-text']")
                if uid not in expected or paragraph is None:
                    continue        # a heading (its title is checked in the anchor below) or a document with no source
                seen[kind] += 1
                # Document pages print the source's own gap after a title; topic pages need not.
                gap = gaps.get(uid, "") if kind == "documents" and expected[uid][1] else None
                wrong.append(_clause_text_wrong(uid, paragraph, expected[uid], number_shown, gap))
            for heading in page.xpath(f"//section[@data-uid and {having('cw-kind-heading')}]"):
                seen["headings"] += 1
                number, title, _ = expected[heading.get("data-uid")]
                if heading.find(".//a").text_content() != number + title:
                    wrong.append(f"{heading.get('data-uid')}: heading {heading.find('.//a').text_content()!r}")
    # Matrix rows and units' duties: the clause's label (a link) then its title, exactly.
    address = re.compile(r"documents/([^/]+)/#(.+)$")
    for kind, path in (("matrices", "//tr[starts-with(@id, 'row-')]/th"), ("units", f"//td[{having('cw-duty-record')}]")):
        for page_file in sorted((root / kind).glob("*/index.html")):
            for cell in read(page_file).xpath(path):
                link = cell.find("a")
                found = address.search(link.get("href")) if link is not None else None
                uid = found and f"{found.group(1)}/{found.group(2)}"
                if uid not in expected:
                    continue
                seen[kind] += 1
                _, title, text = expected[uid]
                if not _is_head((link.tail or "").strip(), title, whole=bool(title)) if title else \
                        not _is_head((link.tail or "").strip(), text):
                    wrong.append(f"{page_file.parent.name} {uid}: {(link.tail or '')[:40]!r} ≠ {(title or text)[:40]!r}")
    # A region's topics: 「title。text」 cut short, ending in … where cut.
    for page_file in sorted(root.glob("jurisdictions/*/topics/index.html")):
        for item in read(page_file).xpath(f"//ul[{having('cw-region-records')}]/li"):
            link = item.find("a")
            found = address.search(link.get("href"))
            uid = f"{found.group(1)}/{found.group(2)}"
            if uid not in expected:
                continue
            seen["regions"] += 1
            _, title, text = expected[uid]
            whole = "。".join(p for p in (title, text) if p)
            shown = (link.tail or "").strip()
            if not _is_head(shown, whole):
                wrong.append(f"{page_file.parent.parent.name} {uid}: {shown[:40]!r} not the head of {whole[:40]!r}")
    # Compare: the records it carries for the script to render.
    data = json.loads(re.search(r'<script type="application/json" id="cw-compare-data">(.*?)</script>',
                                (root / "compare" / "index.html").read_text(encoding="utf-8"), re.S).group(1))
    for record in data["records"]:
        if record["id"] in expected:
            seen["compare"] += 1
            _, title, text = expected[record["id"]]
            if (record.get("title") or "", record.get("text") or "") != (title, text):
                wrong.append(f"compare {record['id']}: {(record.get('title'), (record.get('text') or '')[:30])}")
    wrong = [w for w in wrong if w]
    assert wrong == [], f"{len(wrong)} clauses shown otherwise than printed:\n" + "\n".join(wrong[:20])
    # Every kind of page was read, and every clause with text reached a document page.
    assert all(seen.values()), seen
    kinds = [r["kind"] == "heading" for doc_id in WITH_SOURCE for r in walk(DOCS[doc_id].get("records"))]
    assert (seen["documents"], seen["headings"]) == (kinds.count(False), kinds.count(True)), seen
    assert seen["documents"] > 150
