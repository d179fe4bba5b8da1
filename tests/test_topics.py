"""Topic pages, coverage matrix, compare and lineage, read from a real build.

The build runs once per session on a copy of the project whose crosswalk holds the real
taxonomy plus a few known mappings and relations (the editorial mappings change; these
tests are about how pages show whatever mappings exist).  A probe topic and rationale
carry markup, to prove that it stays text everywhere, SVG included.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"

MAPPINGS = [
    {"record": "yuxi-2018/p2-3-14", "topics": ["work-item-access", "burden-reduction"]},
    {"record": "yuxi-2018/p2-3-15", "topics": ["property-management", "yard-autonomy"]},
    {"record": "yuxi-2018/p3-1", "topics": ["escaping-probe"]},
    {"record": "yuxi-2018/p1", "unmapped": "标题"},
    {"record": "miyi-2021/p3-3", "topics": ["work-item-access"]},
    {"record": "miyi-2021/p2-2-s2", "topics": ["burden-reduction"]},
    {"record": "lanzhou-2013/p2-para4-s2", "topics": ["work-item-access"]},
    {"record": "nanchong-2017/p3-1-6", "topics": ["yard-autonomy"]},
]
RELATIONS = [
    {"source": "yuxi-2018/p2-3-14", "target": "miyi-2021/p3-3", "type": "intersects",
     "rationale": "两者都要求社区工作事项依法准入"},
    {"source": "nanchong-2017/p3-1-6", "target": "yuxi-2018/p2-3-15", "type": "subset",
     "rationale": "院落自治 <b>只是</b> 物业服务管理的一部分"},
]
PROBE = {"id": "escaping-probe", "name": "<i>探针&</i>", "parent": "safeguards",
         "scope": "</script><script>alert(1)</script>"}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("project")
    for name in ("content", "docs", "theme"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "crosswalk").mkdir()
    real = yaml.safe_load((ROOT / "crosswalk" / "topics.yaml").read_text(encoding="utf-8"))
    for extra in (ROOT / "crosswalk").glob("*.yaml"):
        if extra.name != "topics.yaml":
            shutil.copy(extra, project / "crosswalk" / extra.name)
    crosswalk = {"topics": real["topics"] + [PROBE], "mappings": MAPPINGS, "relations": RELATIONS}
    (project / "crosswalk" / "topics.yaml").write_text(yaml.safe_dump(crosswalk, allow_unicode=True, sort_keys=False),
                                                       encoding="utf-8")
    out = project / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                   cwd=project, check=True)
    return out


def page(site: Path, path: str, script: str = "hans") -> str:
    base = site / "zh-Hant" if script == "hant" else site
    return (base / path / "index.html").read_text(encoding="utf-8")


def section(html: str, anchor: str) -> str:
    """The topic page's section for one jurisdiction."""
    start = html.index(f'id="{anchor}"')
    end = html.find('<section class="cw-topic-section', start)
    return html[start:end if end != -1 else len(html)]


def content(html: str) -> str:
    """The page body this project renders (Material's header and nav are not ours)."""
    return html[html.index('<article class="md-content__inner'):html.index("</article>")]


def svgs(html: str) -> list[ET.Element]:
    """The drawings generated at build time (Material inlines its icons as SVG too)."""
    return [ET.fromstring(s) for s in re.findall(r'<svg xmlns="[^"]+" class="cw-svg.*?</svg>', html, flags=re.S)]


def compare_json(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="cw-compare-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)


# --- topic pages -----------------------------------------------------------------------------

def test_topic_page_lists_the_record_under_its_jurisdiction(site):
    html = page(site, "topics/work-item-access")
    yuxi = section(html, "j-yuxi")
    assert 'href="../../documents/yuxi-2018/#p2-3-14"' in yuxi
    assert "二、(三)14." in yuxi and "依据社区工作事项清单建立社区工作事项准入制度" in yuxi
    assert "各县区人民政府" in yuxi            # responsible units come along
    assert "未涉及" not in yuxi


def test_silent_jurisdictions_say_not_addressed(site):
    html = page(site, "topics/work-item-access")
    assert "未涉及" in section(html, "j-nanchong")
    qinghai = section(html, "j-qinghai")
    assert "未涉及" in qinghai and "尚有" in qinghai       # partial mappings are admitted
    national = section(html, "j-china")
    assert "库中无该辖区文件原文" in national and "未涉及" not in national
    assert "documents/central-2017/" in national


def test_jurisdictions_run_national_to_county(site):
    html = page(site, "topics/work-item-access")
    order = [html.index(f'id="j-{j}"') for j in ("china", "qinghai", "lanzhou", "yuxi", "miyi")]
    assert order == sorted(order)


def test_topic_page_shows_parent_children_and_relations(site):
    html = page(site, "topics/work-item-access")
    assert 'href="../burden-reduction/"' in html                      # parent in the breadcrumb
    assert "部分重合" in section(html, "j-yuxi")                      # relation to Miyi, with its rationale
    assert "两者都要求社区工作事项依法准入" in section(html, "j-yuxi")
    parent = page(site, "topics/burden-reduction")
    assert 'href="../work-item-access/"' in parent                    # child listed
    assert "documents/miyi-2021/#p2-2-s2" in section(parent, "j-miyi")


def test_topic_page_in_traditional(site):
    yuxi = section(page(site, "topics/work-item-access", "hant"), "j-yuxi")
    assert "依據社區工作事項清單" in yuxi


# --- coverage matrix and heat map ------------------------------------------------------------

def test_matrix_counts_a_branch_once_per_record(site):
    html = page(site, "topics")
    row = re.search(r'<tr class="cw-depth-\d">\s*<th scope="row"><a href="burden-reduction/".*?</tr>', html, re.S)
    cells = re.findall(r'<td class="cw-cell[^"]*">(.*?)</td>', row.group(0), re.S)
    heads = re.findall(r'<th scope="col" class="cw-matrix__col[^"]*">\s*<a href="../jurisdictions/([\w-]+)/"', html)
    by_j = dict(zip(heads, cells))
    assert heads[0] == "china" and heads[-1] == "miyi"
    assert ">1<" in by_j["yuxi"]        # p2-3-14 is mapped to the topic and its child: one record
    assert ">2<" in by_j["miyi"]
    assert "未涉及" in by_j["nanchong"]
    assert "库中无原文" in by_j["china"]


def test_heat_map_is_well_formed_svg_and_one_image(site):
    html = page(site, "topics")
    (heat,) = svgs(html)
    assert heat.get("role") == "img" and list(heat.iter(f"{SVG}a")) == []   # the table beside it links
    assert 'href="work-item-access/#j-yuxi"' in html
    titles = [t.text for t in heat.iter(f"{SVG}title")]
    assert any("工作事项准入" in t and "玉溪市" in t for t in titles)
    assert any(t.text == "<i>探针&</i>" for t in heat.iter(f"{SVG}text"))   # escaped, so parsed back as text


def test_markup_in_names_and_rationales_stays_text(site):
    for path in ("topics", "topics/escaping-probe", "compare", "documents/nanchong-2017", "topics/yard-autonomy"):
        html = content(page(site, path))
        assert "<i>探针" not in html and "<b>只是</b>" not in html and "<script>alert" not in html
    assert "&lt;b&gt;只是&lt;/b&gt;" in page(site, "documents/nanchong-2017")


def test_coverage_csv(site):
    text = (site / "data" / "topic-coverage.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    row = next(r for r in rows if r[0] == "work-item-access")
    cell = dict(zip(header, row))
    assert cell["玉溪市(yuxi)"] == "1" and cell["南充市(nanchong)"] == "0" and cell["全国(china)"] == ""
    assert cell["parent"] == "burden-reduction" and cell["depth"] == "2"


# --- document pages --------------------------------------------------------------------------

def test_document_page_shows_relations_both_ways(site):
    nanchong = page(site, "documents/nanchong-2017")
    assert re.search(r'id="p3-1-6".*?范围窄于.*?"../yuxi-2018/#p2-3-15"', nanchong, re.S)
    yuxi = page(site, "documents/yuxi-2018")
    p15 = yuxi[yuxi.index('id="p2-3-15"'):yuxi.index('id="p3"')]
    assert "范围宽于" in p15 and "../nanchong-2017/#p3-1-6" in p15
    assert 'class="cw-topic"' in p15                                   # topic badges kept


# --- compare ---------------------------------------------------------------------------------

def test_compare_data_holds_every_record(site):
    data = compare_json(page(site, "compare"))
    provisions = json.loads((site / "data" / "provisions.json").read_text(encoding="utf-8"))
    assert {r["id"] for r in data["records"]} == {p["id"] for p in provisions}
    record = next(r for r in data["records"] if r["id"] == "yuxi-2018/p2-3-14")
    assert record["topics"] == ["work-item-access", "burden-reduction"]
    assert record["url"] == "../documents/yuxi-2018/#p2-3-14"
    assert [d["id"] for d in data["docs"]][0] == "qinghai-2017"        # national → county, text only


def test_compare_data_follows_the_script(site):
    data = compare_json(page(site, "compare", "hant"))
    record = next(r for r in data["records"] if r["id"] == "yuxi-2018/p2-3-14")
    assert "依據社區工作事項清單" in record["text"]


# --- lineage ---------------------------------------------------------------------------------

def test_lineage_svg_draws_every_document_and_the_table_links_them(site):
    html = page(site, "lineage")
    (graph,) = svgs(html)
    assert graph.get("role") == "img" and list(graph.iter(f"{SVG}a")) == []   # one image, no links
    nodes = {g.get("id"): g for g in graph.iter(f"{SVG}g") if (g.get("id") or "").startswith("node-")}
    assert "cw-svg-node-muted" in nodes["node-central-2017"].get("class")     # cited only
    assert "cw-svg-node-muted" not in nodes["node-yuxi-2018"].get("class")
    docs = {p.stem for p in (ROOT / "content" / "documents").glob("*.yaml")}
    assert docs and {f"node-{d}" for d in docs} <= set(nodes)
    assert all(f'href="../documents/{d}/"' in html for d in docs)
    edges = [p for p in graph.iter(f"{SVG}path") if "cw-svg-edge-implements" in (p.get("class") or "")
             and p.get("d")]
    assert edges                                                      # yuxi-2018 implements yunnan-2018


def test_lineage_table_fallback(site):
    html = page(site, "lineage")
    row = re.search(r'<tr id="doc-yuxi-2018".*?</tr>', html, re.S).group(0)
    assert "贯彻落实" in row and "../documents/yunnan-2018/" in row


# --- helpers, without a build ---------------------------------------------------------------

def test_topic_tree_survives_a_parent_cycle():
    from generator.analysis.topic_coverage import topic_tree
    from generator.content.model import Corpus, Topic
    corpus = Corpus(topics={"a": Topic("a", "甲", "", "b"), "b": Topic("b", "乙", "", "a"), "r": Topic("r", "根", "")})
    assert sorted(n.topic.id for n in topic_tree(corpus)) == ["a", "b", "r"]


def test_layered_graph_wraps_a_wide_layer_and_escapes():
    from generator.site.charts import drawing
    nodes = [drawing.Node(f"d{i}", f"文件<{i}>&", 1, "省" if i < 4 else "另一省", tooltip=f"d{i}?x=1&y=2") for i in range(9)]
    svg = drawing.layered_graph(["全国", "省级"], nodes, [drawing.Edge("d8", "d0", "cites")], "图", [("cites", "引用")],
                                "仅见引用", max_width=700)
    root = ET.fromstring(str(svg))
    ys = {int(r.get("y")) for g in root.iter(f"{SVG}g") for r in g.iter(f"{SVG}rect")}
    assert len(ys) > 1                                                 # nine nodes do not fit one 700px row
    assert max(int(r.get("x")) + int(r.get("width")) for r in root.iter(f"{SVG}rect")) <= 700
    assert list(root.iter(f"{SVG}a")) == [] and root.get("role") == "img"
    assert "d0?x=1&y=2" in {t.text for t in root.iter(f"{SVG}title")}
    assert any(t.text == "文件<3>&" for t in root.iter(f"{SVG}text"))


def test_heat_map_escapes_the_names_it_carries():
    """Topic, jurisdiction and region names reach the heat map's SVG (marked safe as a whole)
    as text: a name holding markup is drawn, not run."""
    from generator.site.charts import drawing
    evil = '"><script>alert(1)</script><svg onload=alert(2)>'
    svg = drawing.heat_map([drawing.Axis(evil, 0)], [drawing.Axis(evil + "省", note=evil)], [[3]], "图" + evil,
                           cell_title="{row} · {col}:{value} 条记录", none_label=evil)
    root = ET.fromstring(str(svg))
    assert not [e for e in root.iter() if e.tag.endswith(("script", "}svg")) and e is not root]
    assert not [e for e in root.iter() if any(k.startswith("on") for k in e.attrib)]
    assert any(t.text == evil for t in root.iter(f"{SVG}text"))
    assert any(t.text and t.text.startswith(evil) for t in root.iter(f"{SVG}title"))


# --- in the browser --------------------------------------------------------------------------

@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("prefix, text", [("", "依据社区工作事项清单"), ("zh-Hant/", "依據社區工作事項清單")])
def test_compare_aligns_two_documents_by_topic(server, browser, prefix, text):
    pg = browser.new_page()
    outside = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    pg.goto(f"{server}/{prefix}compare/?a=yuxi-2018&b=miyi-2021")
    row = pg.locator('.cw-compare__row[data-topic="burden-reduction"]')
    assert row.get_attribute("class").endswith("--both")
    cells = row.locator(".cw-compare__cell")
    assert cells.count() == 2
    assert text in cells.nth(0).inner_text()
    assert "miyi-2021/#p2-2-s2" in cells.nth(1).locator("a").first.get_attribute("href")
    # Yuxi 14 is mapped to the child topic too: that row shows it in full as well, so that
    # each row answers by itself how the two documents differ on its topic.
    child = pg.locator('.cw-compare__row[data-topic="work-item-access"] .cw-compare__cell')
    assert text in child.nth(0).inner_text()
    assert "miyi-2021/#p3-3" in child.nth(1).locator("a").first.get_attribute("href")
    # Yuxi alone speaks of property management: Miyi's side says so in place.
    alone = pg.locator('.cw-compare__row[data-topic="property-management"]')
    assert alone.locator(".cw-compare__cell--silent").count() == 1
    assert pg.locator("#cw-compare-a").input_value() == "yuxi-2018"
    # Choosing another document updates the shareable URL and the rows.
    pg.select_option("#cw-compare-b", "nanchong-2017")
    assert "b=nanchong-2017" in pg.url
    assert pg.locator('.cw-compare__row[data-topic="yard-autonomy"]').get_attribute("class").endswith("--both")
    pg.check("#cw-compare-shared")
    assert not pg.locator('.cw-compare__row[data-topic="work-item-access"]').is_visible()
    assert outside == []
    pg.close()
