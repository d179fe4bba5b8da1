"""Citations: what leaves the site quotes the source verbatim, in both scripts.

The sources are read with ``generator.content.sources`` and converted with ``generator.chinese``
only, so the check does not lean on the code that builds citations.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest

from generator.analysis import citations as citation
from generator import routes
from generator import chinese as script
from generator.content.sources import clean_lines, read_source, span_text

from generator.content.model import Document, Record
from generator.chinese import SCRIPTS, convert, family


ROOT = Path(__file__).resolve().parent.parent
FIELD = {"hans": "citation", "hant": "citation_hant"}


@pytest.fixture(scope="module")
def records(corpus):
    found = [r for d in corpus.sorted_documents() if d.source for r in d.walk()]
    assert len(found) > 200
    return found


@pytest.fixture(scope="module")
def renderings(corpus):
    """Each source's cleaned body in each script: as printed in its own, converted in the other."""
    out = {}
    for doc in corpus.documents.values():
        if doc.source:
            lines = clean_lines(read_source(corpus.sources_dir / doc.source.file))
            body = span_text(lines, 1, len(lines), frozenset(doc.source.joins))
            out[doc.id] = {s: body if s == family(doc.source.script) else convert(body, s) for s in SCRIPTS}
    assert len(out) >= 5
    return out


def quoted_part(text: str) -> str:
    """The quotation of a citation, its inner quotation marks put back as the source has them."""
    match = re.search(r":“(.*)”\n[^\n]*$", text, re.S)
    assert match, f"no quotation in {text!r}"
    return citation.nested(match.group(1))


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_quote_is_verbatim_in_its_source_in_either_script(corpus, records, renderings, script):
    wrong = []
    for r in records:
        quoted = quoted_part(citation.of(corpus, r).text(script))
        if quoted not in renderings[r.doc_id][script]:
            wrong.append(f"{r.uid}: {quoted[:40]}")
    assert wrong == []


def test_the_quote_adds_nothing_to_the_source(corpus, records):
    """No 。 between title and text, no 责任单位 list where the source printed none."""
    for r in records:
        quoted = citation.quote(corpus, r)
        assert "。。" not in quoted or "。。" in citation.segment(corpus, corpus.documents[r.doc_id], r)
    lanzhou = [r for r in records if r.doc_id == "lanzhou-2013"]
    assert lanzhou and not any("責任單位" in citation.of(corpus, r).text("hant") for r in lanzhou)
    with_units = [r for r in records if r.doc_id == "yuxi-2018" and r.responsibility
                  and "(责任单位:" in citation.segment(corpus, corpus.documents[r.doc_id], r)]
    assert len(with_units) >= 15
    assert all(citation.quote(corpus, r).endswith(f"(责任单位:{r.responsibility.raw})") for r in with_units)
    # Nanchong prints some titles on a line of their own: the quote keeps the line break.
    nanchong = citation.quote(corpus, corpus.records["nanchong-2017/p2-1"])
    assert nanchong.startswith("指导思想\n坚持以邓小平理论")


def test_the_frame_follows_official_usage(corpus):
    yuxi = citation.of(corpus, corpus.records["yuxi-2018/p2-3-14"]).text("hans")
    assert yuxi.startswith("《中共玉溪市委玉溪市人民政府关于加强和完善城乡社区治理的实施意见》(2018年10月31日印发)"
                           "第二部分第(三)项第14条:“实行社区准入制度")
    assert "按照‘权随责走、费随事转、事费配套’的原则" in yuxi      # nested quotation marks
    assert yuxi.endswith("”\ndocuments/yuxi-2018/#p2-3-14")
    news = citation.of(corpus, corpus.records["lanzhou-2013/para3"]).text("hans")
    assert news.startswith("据《鑫报》2013年1月8日《兰州启动城市社区管理体制改革》一文报道:“")
    draft = citation.of(corpus, corpus.records["nanchong-2017/p2-1"]).text("hans")
    assert "(征求意见稿,2017年10月30日成文)第二部分第(一)项:“" in draft
    assert citation.of(corpus, corpus.records["miyi-2021/p1-7-s3"]).text("hant").startswith(
        "米易縣政府辦公室《加強和創新城鄉社區治理的調研報告》(2021年12月24日發佈)第一部分第(七)項:“")


def test_the_locator_reads_the_documents_own_numbers_in_either_width():
    doc = Document(id="x-2020", title="意见", jurisdiction="x", genre="opinion", status="issued")
    part = Record(id="p2", kind="heading", lines=(1, 1), doc_id=doc.id, number="二、", title="主要任务")
    item = Record(id="p2-3", kind="heading", lines=(2, 2), doc_id=doc.id, number="\uff08三\uff09", parent=part)
    clause = Record(id="p2-3-12", kind="task", lines=(3, 3), doc_id=doc.id, number="12\uff0e", parent=item)
    assert script.to_script(citation.locator(doc, clause), "hans") == "第二部分第\uff08三\uff09项第12条"
    bullet = Record(id="p2-3-b", kind="principle", lines=(4, 4), doc_id=doc.id, number="——", parent=item)
    assert script.to_script(citation.locator(doc, bullet), "hans") == "第二部分第\uff08三\uff09项"
    untitled = Record(id="para", kind="statement", lines=(5, 5), doc_id=doc.id,
                      parent=Record(id="h", kind="heading", lines=(4, 4), doc_id=doc.id, title="改革背景:"))
    assert citation.locator(doc, untitled) == "“改革背景”部分"


def test_a_date_known_to_the_month_stays_so(corpus):
    central = citation.of_document(corpus, corpus.documents["central-2017"]).text("hans")
    assert central.startswith("中共中央、国务院《关于加强和完善城乡社区治理的意见》(中发〔2017〕13号,2017年4月下发)\n")


def test_the_gbt_form_names_the_kind_of_item(corpus):
    entries = {d: citation.of(corpus, corpus.records[f"{d}/{rid}"]).gbt("hans") for d, rid in
               [("yuxi-2018", "p2-3-14"), ("lanzhou-2013", "para3"), ("miyi-2021", "p1-7-s3")]}
    assert entries["yuxi-2018"].startswith("中共玉溪市委, 玉溪市人民政府. 中共玉溪市委玉溪市人民政府关于加强和完善"
                                          "城乡社区治理的实施意见[EB/OL]. 玉溪中小企业云服务网, (2018-12-04). ")
    assert entries["lanzhou-2013"].startswith("兰州启动城市社区管理体制改革[N/OL]. 鑫报, 2013-01-08. ")
    assert "[R/OL]" in entries["miyi-2021"]
    assert all(e.endswith("#" + e.rsplit("#", 1)[1]) and e.endswith(".") for e in entries.values())


def test_the_address_is_the_site_address_where_the_build_knows_it(corpus, monkeypatch):
    record = corpus.records["yuxi-2018/p2-3-14"]
    assert citation.of(corpus, record).text("hans").endswith("\ndocuments/yuxi-2018/#p2-3-14")
    monkeypatch.setattr(corpus, "site", routes.Site("https://example.github.io/community-crosswalk", "fanti"))
    made = citation.of(corpus, record)
    assert made.text("hans").endswith("\nhttps://example.github.io/community-crosswalk/documents/yuxi-2018/#p2-3-14")
    assert made.text("hant").endswith("\nhttps://example.github.io/community-crosswalk/fanti/documents/yuxi-2018/#p2-3-14")


# --- what the build ships -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def provisions(built_site):
    rows = json.loads((built_site / "data" / "provisions.json").read_text(encoding="utf-8"))
    assert len(rows) > 200
    return {row["id"]: row for row in rows}


@pytest.mark.parametrize("script", SCRIPTS)
def test_provisions_json_quotes_verbatim_in_both_scripts(provisions, renderings, script):
    wrong = [uid for uid, row in provisions.items()
             if quoted_part(row[FIELD[script]]) not in renderings[row["document"]][script]]
    assert wrong == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_records_buttons_name_a_data_file_holding_its_citation(built_site, provisions, script):
    """A page's 复制引文 copies the record's citation from the data file its records name
    (``data-provisions``, crosswalk.js); that file holds the rows of provisions.json."""
    root = built_site / ("zh-Hant" if script == "hant" else "")
    holder = re.compile(r'<div class="cw-records" data-provisions="([^"]+)"')
    uid = re.compile(r'<section class="cw-record[^"]*" id="[^"]+" data-uid="([^"]+)">')
    seen = 0
    for doc_id in {row["document"] for row in provisions.values()}:
        page_file = root / "documents" / doc_id / "index.html"
        page = page_file.read_text(encoding="utf-8")
        named = holder.search(page)
        assert named, doc_id
        data_file = (page_file.parent / html.unescape(named.group(1))).resolve()
        assert data_file.is_relative_to(built_site.resolve() / "data")
        rows = {row["id"]: row for row in json.loads(gzip.decompress(data_file.read_bytes()))}
        assert 'data-citation="' not in page.split('<div class="cw-records"', 1)[1]   # said once, in the file
        for found in uid.findall(page):
            assert rows[found] == provisions[found]
            seen += 1
    assert seen > 150


def test_a_traditional_source_shows_as_printed_on_its_traditional_page(built_site):
    """Lanzhou's report prints 關于 and 關系 (machine-converted); its zh-Hant page keeps them,
    its Simplified page reads 关于 and 关系."""
    hant = (built_site / "zh-Hant" / "documents" / "lanzhou-2013" / "index.html").read_text(encoding="utf-8")
    hans = (built_site / "documents" / "lanzhou-2013" / "index.html").read_text(encoding="utf-8")
    assert "社區成為各種社會關系的集聚點" in hant and "社会关系的集聚点" in hans
    assert '<td class="cw-span">最低不得少于350平方米</td>' in hant      # a target's span, as printed
    assert "<h1>蘭州市《蘭州啟動城市社區管理體制改革》</h1>" in hant   # its jurisdiction, then the title as printed
    assert "照原文顯示，未作字形轉換" in hant
    assert "原文文字按词转换" in hans and "按詞轉換" not in hant
    yuxi_hans = (built_site / "documents" / "yuxi-2018" / "index.html").read_text(encoding="utf-8")
    assert "按词转换" not in yuxi_hans and "当前显示为简体，照原文显示，未作字形转换" in yuxi_hans
    # Readers meet no tool or file names on document pages (they are on the about pages).
    assert "OpenCC" not in hans + yuxi_hans and "content/sources/" not in hans + yuxi_hans
