"""provisions: each document's records in a file of its own, which its page's 复制引文 and 摘录
read, and every record in one file; made in one pass, a document at a time."""

from __future__ import annotations

import gzip
import json

from generator import chinese, routes
from generator.site import exports


def _made(corpus) -> dict[str, bytes]:
    return dict(exports.provisions(corpus))


def test_each_document_file_holds_its_records_and_the_whole_file_all_of_them(corpus):
    made = _made(corpus)
    whole = json.loads(made.pop("provisions.json"))
    made.pop("precedents.json")
    assert len(whole) > 200
    plain = {name: gzip.decompress(payload) for name, payload in made.items()}   # each document's file is gzipped
    per_document = [row for name in plain for row in json.loads(plain[name])]
    assert set(made) == {routes.provisions_file(d.id) for d in corpus.documents.values() if d.has_text}
    # in the order of corpus.records, as before the files were split; each row with its 相似条款 last
    assert [list(row)[-1] for row in per_document] == ["precedents"] * len(per_document)
    assert [{k: v for k, v in row.items() if k != "precedents"} for row in per_document] == whole
    assert {row["id"] for row in whole} == set(corpus.records)
    # the bytes ``dumps`` gives, a record a line, and gzip's with no time or name in its header
    doc = next(d for d in corpus.sorted_documents() if routes.provisions_file(d.id) in made)
    assert plain[routes.provisions_file(doc.id)] == exports.dumps(json.loads(plain[routes.provisions_file(doc.id)]))
    assert _made(corpus)[routes.provisions_file(doc.id)] == made[routes.provisions_file(doc.id)]


def test_each_document_file_lists_its_records_precedents_for_their_panels(corpus):
    """The links a document page's 相似条款 panel shows, read from the document's file when it
    is opened: in the order of precedents.json, to each precedent's anchor on its document page,
    named by its jurisdiction, year and label in each script."""
    made = _made(corpus)
    made.pop("provisions.json")
    whole = json.loads(made.pop("precedents.json"))
    exported = {row["record"]: [p["record"] for p in row["precedents"]]
                for row in whole}
    coverage = {(row["record"], p["record"]): p["coverage"] for row in whole for p in row["precedents"]}
    rows = [row for payload in made.values() for row in json.loads(gzip.decompress(payload))]
    with_some = [row for row in rows if row["precedents"]]
    assert len(with_some) > 20
    assert {row["id"] for row in with_some} == set(exported)
    for row in with_some:
        # the bundled corpus is small: every precedent is listed (a national one lists the first 3)
        assert [p["url"] for p in row["precedents"]] == [
            "documents/{}/#{}".format(*uid.split("/", 1)) for uid in exported[row["id"]]], row["id"]
        for p, uid in zip(row["precedents"], exported[row["id"]]):
            other = corpus.records[uid]
            doc = corpus.documents[other.doc_id]
            assert p["name"].startswith(corpus.jurisdictions[doc.jurisdiction].name), p
            assert p["name"].endswith(other.label or " ") and (not doc.year or f" {doc.year} " in p["name"]), p
            assert p["name_hant"] == chinese.convert(p["name"], "hant") and p["shared_chars"] > 0, p
            # the 相近度 precedents.json gives the pair, to the digit (the panel rounds it when shown)
            assert p["coverage"] == coverage[row["id"], uid], p
    # a Traditional name differs where a Simplified character does (兰州 → 蘭州)
    assert any(p["name_hant"] != p["name"] for row in with_some for p in row["precedents"])


def test_past_the_threshold_the_whole_files_are_gzipped_with_the_same_bytes(corpus, monkeypatch):
    small = _made(corpus)
    plain, plain_precedents = small["provisions.json"], small["precedents.json"]
    monkeypatch.setattr(exports, "PLAIN_UP_TO", 1)
    made = _made(corpus)
    assert "provisions.json" not in made
    assert gzip.decompress(made["provisions.json.gz"]) == plain
    assert _made(corpus)["provisions.json.gz"] == made["provisions.json.gz"]   # no time or name in the header
    assert gzip.decompress(made["precedents.json.gz"]) == plain_precedents
    linked = {href for _, _, href, _ in exports.listed(corpus) if href}
    assert {"provisions.json.gz", "precedents.json.gz"} <= linked and "provisions.json" not in linked


def test_a_quote_span_cuts_the_quote_out_of_each_scripts_citation(corpus):
    rows = json.loads(_made(corpus)["provisions.json"])
    assert rows
    for row in rows:
        for suffix in ("", "_hant"):
            start, end = row["quote" + suffix]
            cite = row["citation" + suffix]
            # the closing mark ends the citation, or its line: the address, where the build knows it
            assert cite[start - 1] == "“" and cite[end:] == "”", row["id"]
    # a Simplified source's quote is cut out of the Simplified citation as its source prints it
    from generator.chinese import family
    from source_words import record_words
    simplified = [r for r in rows if family(corpus.documents[r["document"]].source.script) == "hans"]
    assert simplified
    for row in simplified:
        start, end = row["quote"]
        unnested = row["citation"][start:end].translate(str.maketrans("‘’“”", "“”‘’")).replace("〔原文如此〕", "")
        assert unnested == record_words(corpus, corpus.records[row["id"]]), row["id"]


def test_batches_that_end_mid_document_give_the_same_files(corpus, monkeypatch):
    whole = _made(corpus)
    monkeypatch.setattr(chinese, "BATCH", 7)
    assert _made(corpus) == whole


def test_precedents_written_a_record_at_a_time_are_the_list_dumped_whole(corpus, monkeypatch):
    """precedents.json is written as the records pass (``provisions``), its precedents shown
    once for both files and released every few records: the same bytes as the list of
    ``precedents.export`` dumped whole, in its order even where that is not the records'."""
    from generator.analysis import precedents

    rows = list(precedents.export(corpus))
    assert len(rows) > 20
    made = _made(corpus)
    assert made["precedents.json"] == exports.dumps(rows)
    monkeypatch.setattr(exports, "RELEASE_EVERY", 1)   # released after every document
    assert _made(corpus) == made
    # an export in another order than the records' (its rows wait for their turn)
    shuffled = rows[1::2] + rows[::2]
    monkeypatch.setattr(precedents, "export", lambda c: iter(shuffled))
    assert _made(corpus)["precedents.json"] == exports.dumps(shuffled)
    monkeypatch.setattr(precedents, "export", lambda c: iter(rows[::-1]))
    assert _made(corpus)["precedents.json"] == exports.dumps(rows[::-1])
    # a row the pass never reaches is written at the end, not lost
    stray = rows[:1] + [{"record": "nowhere/p1", "precedents": []}] + rows[1:]
    monkeypatch.setattr(precedents, "export", lambda c: iter(stray))
    assert _made(corpus)["precedents.json"] == exports.dumps(stray)


def test_units_only_the_running_text_names_are_marked_apart_in_the_data_files(corpus):
    """Yuxi's 三、（一）: the source prints no list of its own; the text charges 各级党委和政府 and
    names 有关部门、群团组织 and 社会力量 besides (source line 74), so those are ``named: text``."""
    rows = {row["id"]: row for row in json.loads(_made(corpus)["provisions.json"])}
    units = {u["unit"]: u["named"] for u in rows["yuxi-2018/p3-1"]["units"]}
    assert {u for u, named in units.items() if named == "text"} >= {
        "yuxi-relevant-departments", "yuxi-mass-organisations", "yuxi-social-forces"}
    assert "list" in units.values()
    duties = {u["id"]: u["records"] for u in json.loads(exports.units_json(corpus)["units.json"])["units"]}
    assert {"record": "yuxi-2018/p3-1", "role": "participating", "basis": "stated", "named": "text"} \
        in duties["yuxi-social-forces"]
