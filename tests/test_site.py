"""The built site: layout in two scripts, document pages, escaping, self-containment, data
files, deterministic output and links that work under any sub-path."""

from __future__ import annotations

import gzip
import html.parser
import json
import posixpath
import re
import shutil
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import PUBLISHED, ROOT, mkdocs_build
from generator.chinese import to_script
from generator.content.vocabulary import SOURCE_SCRIPTS as SCRIPT_NAMES

CONTRACT_DOCUMENTS = ["central-2017", "qinghai-2017", "lanzhou-2013", "miyi-2021", "yuxi-2018", "nanchong-2017"]
DOCS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "content" / "documents").glob("*.yaml")}
OUTSIDE = re.compile(r"fonts\.googleapis|fonts\.gstatic|unpkg\.com|jsdelivr|cdnjs|//cdn\.|bootcdn|staticfile\.org")
URL_CHAR = re.compile(r"[^\s\"'`()<>\\]{0,200}")
# Material's bundle names two unpkg URLs on code paths this site never takes: mermaid.js is
# fetched only for ``.mermaid`` diagrams (there are none: see the test), and the
# ResizeObserver polyfill only in browsers without ResizeObserver.  The browser tests
# prove that no request leaves the origin.
MATERIAL_BUNDLE_URLS = {"https://unpkg.com/mermaid@11/dist/mermaid.min.js", "https://unpkg.com/resize-observer-polyfill",
                        "unpkg.com."}  # the last in a comment of the source map


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def html_files(site: Path, traditional: bool | None = None) -> list[str]:
    """Site-relative paths of HTML pages; ``traditional`` picks one script's pages."""
    out = []
    for p in sorted(site.rglob("*.html")):
        rel = p.relative_to(site).as_posix()
        if traditional is None or rel.startswith("zh-Hant/") == traditional:
            out.append(rel)
    return out


def main_content(page: str) -> str:
    """The article body of a Material page, without header, nav and footer."""
    start = page.index('<article class="md-content__inner')
    return page[start:page.index("</article>", start)]


# --- layout ------------------------------------------------------------------------------------


def test_simplified_at_the_root_and_traditional_under_zh_hant_with_the_same_paths(built_site):
    simplified = html_files(built_site, traditional=False)
    traditional = [p.removeprefix("zh-Hant/") for p in html_files(built_site, traditional=True)]
    assert "index.html" in simplified and len(simplified) > 50
    assert simplified == traditional
    assert '<html lang="zh-Hant"' in read(built_site, "zh-Hant/index.html")
    assert '<html lang="zh-Hant"' not in read(built_site, "index.html")


@pytest.mark.parametrize("doc_id", CONTRACT_DOCUMENTS)
def test_document_pages_exist_for_the_contract_ids(built_site, doc_id):
    for prefix in ("", "zh-Hant/"):
        page = read(built_site, f"{prefix}documents/{doc_id}/index.html")
        assert to_script(DOCS[doc_id]["title"], "hant" if prefix else "hans") in page


def test_a_cited_only_document_says_it_has_no_text_and_what_sources_say_of_it(built_site):
    body = main_content(read(built_site, "documents/central-2017/index.html"))
    assert "本库未收录此文件原文" in body and "中发〔2017〕13号" in body
    citing = [(doc_id, r["id"]) for doc_id, d in DOCS.items() for r in _walk(d.get("records"))
              if "central-2017" in (r.get("cites") or [])]
    assert citing, "the Qinghai drafting explanation speaks of 中发〔2017〕13号"
    for doc_id, record_id in citing:
        assert f'href="../{doc_id}/#{record_id}"' in body
    assert "cw-records" not in body
    assert to_script("本库未收录此文件原文", "hant") in read(built_site, "zh-Hant/documents/central-2017/index.html")


def _walk(records):
    for r in records or []:
        yield r
        yield from _walk(r.get("children"))


# --- scripts -----------------------------------------------------------------------------------


def test_traditional_pages_are_converted_phrase_by_phrase(built_site):
    hans = main_content(read(built_site, "documents/yuxi-2018/index.html"))
    hant = main_content(read(built_site, "zh-Hant/documents/yuxi-2018/index.html"))
    assert "党员干部" in hans and "黨員幹部" in hant and "干部" not in hant
    assert "发展" in hans and "發展" in hant and "发展" not in hant
    assert "干在实处" in hans and "幹在實處" in hant and "實幹" in hant
    assert to_script("每百户居民不低于30平方米", "hant") in hant
    # UI labels follow the script too.
    assert "复制引文" in hans and to_script("复制引文", "hant") in hant and "复制引文" not in hant


@pytest.mark.parametrize("doc_id", [d for d in sorted(DOCS) if DOCS[d].get("source")])
def test_each_document_page_says_which_script_its_source_was_in(built_site, doc_id):
    source_script = SCRIPT_NAMES[DOCS[doc_id]["source"]["script"]]
    hans = main_content(read(built_site, f"documents/{doc_id}/index.html"))
    hant = main_content(read(built_site, f"zh-Hant/documents/{doc_id}/index.html"))
    assert f"本页据{source_script}原文转录" in hans
    assert to_script(f"本页据{source_script}原文转录", "hant") in hant
    # And which script the reader is looking at.
    assert "当前显示为简体" in hans and to_script("当前显示为繁体", "hant") in hant


# --- escaping ----------------------------------------------------------------------------------


def test_markup_in_source_text_is_shown_as_text(tiny_site):
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for prefix in ("", "zh-Hant/"):
        page = read(tiny_site, f"{prefix}documents/demo-2020/index.html")
        assert escaped in page  # the record's text; its citation is read from its data file
    for path in html_files(tiny_site) + [p.relative_to(tiny_site).as_posix() for p in tiny_site.rglob("*.js")]:
        assert "<script>alert(1)" not in read(tiny_site, path), path
    provisions = json.loads(read(tiny_site, "data/provisions.json"))
    assert any("<script>alert(1)</script>" in (p["text"] or "") for p in provisions)


# --- self-contained ----------------------------------------------------------------------------


def test_nothing_refers_to_a_cdn_or_google_fonts(built_site):
    offenders = {}
    for path in sorted(built_site.rglob("*")):
        if not path.is_file() or path.suffix in {".png", ".gz", ".xlsx", ".ico", ".woff", ".woff2"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(built_site).as_posix()
        hits = {_url_around(text, m.start()) for m in OUTSIDE.finditer(text)}
        if re.match(r"(zh-Hant/)?assets/javascripts/bundle\.[0-9a-f]+\.min\.js(\.map)?$", rel):
            hits -= MATERIAL_BUNDLE_URLS
        if hits:
            offenders[rel] = sorted(hits)
    assert offenders == {}
    assert not any('class="mermaid"' in read(built_site, p) for p in html_files(built_site))


def _url_around(text: str, at: int) -> str:
    """The URL-like token containing position ``at`` (bounded: minified JS has no spaces)."""
    start = at - URL_CHAR.match(text[max(0, at - 200):at][::-1]).end()
    return text[start:URL_CHAR.match(text, at).end()]


# --- data files --------------------------------------------------------------------------------


def test_data_files_exist_and_parse(built_site):
    data = built_site / "data"
    documents = json.loads((data / "documents.json").read_text(encoding="utf-8"))
    provisions = json.loads((data / "provisions.json").read_text(encoding="utf-8"))
    topics = json.loads((data / "topics.json").read_text(encoding="utf-8"))
    units = json.loads((data / "units.json").read_text(encoding="utf-8"))
    targets = json.loads((data / "targets.json").read_text(encoding="utf-8"))

    assert {d["id"] for d in documents} == set(DOCS)
    records = {f"{doc_id}/{r['id']}" for doc_id, d in DOCS.items() for r in _walk(d.get("records"))}
    assert [p["id"] for p in provisions] and {p["id"] for p in provisions} == records
    assert len(provisions) == len(records)
    required = {"document", "jurisdiction", "kind", "path", "number", "text", "units", "targets", "topics", "source"}
    for p in provisions:
        assert required <= p.keys(), p["id"]
        assert p["source"]["lines"][0] <= p["source"]["lines"][1]
    yuxi = next(p for p in provisions if p["id"] == "yuxi-2018/p2-3-12")
    assert "每百户居民不低于30平方米" in yuxi["text"] and yuxi["jurisdiction"] == "yuxi"
    assert {"topics", "mappings", "relations"} <= topics.keys()
    assert {"functions", "units"} <= units.keys() and units["units"]
    assert any(t["span"] == "每百户居民不低于30平方米" and t["value"] == 30 for t in targets)
    assert {t["record"] for t in targets} <= records


# --- deterministic -----------------------------------------------------------------------------


def test_two_builds_are_byte_identical(built_site, tmp_path):
    """Same input, same bytes.

    The one exception is ``sitemap.xml.gz``: MkDocs writes the build *date* into the gzip
    header (its mtime field), so builds on different days differ there (set
    ``SOURCE_DATE_EPOCH`` to pin it).  Its content must still be identical.
    """
    again = tmp_path / "site"
    result = mkdocs_build(ROOT, again)
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file()}
    assert sorted(first ^ second) == []
    differ = [f for f in sorted(first) if (built_site / f).read_bytes() != (again / f).read_bytes()]
    gzipped = [f for f in differ if f.endswith("sitemap.xml.gz")]
    assert [f for f in differ if f not in gzipped] == []
    for f in gzipped:
        a, b = (built_site / f).read_bytes(), (again / f).read_bytes()
        assert a[:4] + a[8:] == b[:4] + b[8:]  # bytes 4–7 are the header's mtime
        assert gzip.decompress(a) == gzip.decompress(b)


def test_pages_written_into_shells_are_the_pages_mkdocs_renders(published_site, tmp_path):
    """Pages outside the navigation are written into a shell MkDocs renders once per kind
    (``generator/site/shells.py``).  With shells switched off, MkDocs renders every page itself:
    both sites must hold the same files with the same bytes, in both scripts, with a
    published address (canonical links, sitemap) set.  Only the sitemap's order may differ.
    The site with shells is the session's build with that address (``published_site``)."""
    project = tmp_path / "project"
    for folder in ("content", "crosswalk", "docs", "theme"):
        shutil.copytree(ROOT / folder, project / folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - crosswalk\n" in config
    (project / "mkdocs.yml").write_text(config.replace("\n  - crosswalk\n", "\n  - crosswalk:\n      shells: false\n"),
                                        encoding="utf-8")
    with_shells, without = published_site, tmp_path / "site"
    result = mkdocs_build(project, without, SITE_URL=PUBLISHED)
    assert result.returncode == 0, result.stderr
    files = {p.relative_to(without).as_posix() for p in without.rglob("*") if p.is_file()}
    assert files == {p.relative_to(with_shells).as_posix() for p in with_shells.rglob("*") if p.is_file()}
    assert "units/yuxi-civil-affairs/index.html" in files and "zh-Hant/documents/yuxi-2018/index.html" in files
    differ = [f for f in sorted(files) if (with_shells / f).read_bytes() != (without / f).read_bytes()]
    assert [f for f in differ if not posixpath.basename(f).startswith("sitemap.xml")] == []
    for sitemap in ("sitemap.xml", "zh-Hant/sitemap.xml"):
        locs = [sorted(re.findall(r"<loc>(.*?)</loc>", read(site, sitemap))) for site in (with_shells, without)]
        assert locs[0] == locs[1] and len(locs[0]) > 100
        # Whole entries, with each page's alternates (copied for every page of a shell's kind).
        entries = [sorted(re.findall(r"<url>.*?</url>", read(site, sitemap), re.S)) for site in (with_shells, without)]
        assert entries[0] == entries[1] and all(entry.count("<xhtml:link ") == 3 for entry in entries[0])
        assert gzip.decompress((with_shells / f"{sitemap}.gz").read_bytes()).decode("utf-8") == read(with_shells, sitemap)
    # A build that knows its address puts it, absolute, into every citation and the meta tags.
    site = "https://example.github.io/community-crosswalk/"
    assert f'<meta name="citation_public_url" content="{site}documents/yuxi-2018/">' in read(
        with_shells, "zh-Hant/documents/yuxi-2018/index.html")
    rows = json.loads(read(with_shells, "data/provisions.json"))
    assert rows and all(r["citation"].endswith(f"\n{site}{r['url']}") and
                        r["citation_hant"].endswith(f"\n{site}zh-Hant/{r['url']}") and
                        r["citation_gbt"].endswith(f"[引用日期]. {site}documents/{r['document']}/.") for r in rows)


# --- links -------------------------------------------------------------------------------------


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []   # (tag and rel, attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        rel = dict(attrs).get("rel")
        tag = f"{tag} rel={rel}" if rel else tag
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_404_pages_link_under_the_published_address(tiny_published_site):
    """With SITE_URL, 404.html's own links (before its script corrects them from location)
    are rooted at the published path, and it fetches nothing, so it works at any depth."""
    site = tiny_published_site
    for rel, base in (("404.html", "/community-crosswalk/"), ("zh-Hant/404.html", "/community-crosswalk/zh-Hant/")):
        parsed = _parse(site / rel).links
        links = [value for tag, attr, value in parsed if tag == "a"]
        outside = [v for v in links if not v.startswith("/community-crosswalk/")]
        assert links and not outside, outside
        fetched = [value for tag, attr, value in parsed if tag != "a" and not value.startswith("data:")]
        assert fetched == []
        assert f'action="{base}search/"' in (site / rel).read_text(encoding="utf-8")


def test_every_local_link_resolves_to_a_file_of_the_site(built_site):
    broken = []
    for rel in html_files(built_site):
        if posixpath.basename(rel) == "404.html":
            continue  # served at any depth, so it needs site_url: see the next test
        here = built_site / rel
        for tag, attr, value in _parse(here).links:
            url = urlsplit(value)
            if url.scheme in ("mailto", "tel", "data", "javascript"):
                continue
            if url.scheme in ("http", "https") or value.startswith("//"):
                # A link to elsewhere is fine; loading from elsewhere is not.
                if tag.split()[0] != "a" and tag not in ("link rel=canonical", "link rel=alternate"):
                    broken.append(f"{rel}: <{tag} {attr}> loads from outside the site: {value}")
                continue
            if url.path.startswith("/"):
                broken.append(f"{rel}: root-relative {value} breaks under a sub-path")
                continue
            target = here if not url.path else Path(posixpath.normpath(
                posixpath.join(here.parent.as_posix(), unquote(url.path))))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or built_site.resolve() not in target.resolve().parents:
                broken.append(f"{rel}: {value} → missing")
                continue
            if url.fragment and target.suffix == ".html" and unquote(url.fragment) not in _parse(target).ids:
                broken.append(f"{rel}: {value} → no element with id {url.fragment!r}")
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:40])
