"""Every page the sitemap publishes is reached by a reader's link from some other page: a page
only a search engine knows (the 检索索引格式 page once was) is lost to an official.  And the
about pages, written for officials, name no tool of the maintainers'.

A link from the page's own twin in the other script (the 繁體/简体 switch) does not count.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import PUBLISHED

ADDRESS = PUBLISHED
HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
HANT = "zh-Hant/"


@pytest.fixture(scope="module")
def published(published_site) -> Path:
    """The checkout's site as the Pages workflow builds it (the session's): only then does it have a sitemap."""
    assert (published_site / "sitemap.xml").is_file()
    assert (published_site / HANT / "sitemap.xml").is_file()
    return published_site


def _page(path: str) -> str:
    """A site path as its page: ``documents/x/`` for ``documents/x/index.html``."""
    return path.removesuffix("index.html")


def _twin(page: str) -> str:
    return page.removeprefix(HANT) if page.startswith(HANT) else HANT + page


def test_every_page_in_the_sitemap_is_linked_from_another_page(published):
    listed = set()
    for sitemap in ("sitemap.xml", HANT + "sitemap.xml"):
        text = (published / sitemap).read_text(encoding="utf-8")
        listed |= {loc.removeprefix(ADDRESS) for loc in re.findall(r"<loc>(.*?)</loc>", text)}
    # Hand-written pages, generated ones and the other script's, all of them.
    assert {"", "search-format/", "documents/yuxi-2018/", HANT + "search-format/"} <= listed

    linked = set()
    for html in published.rglob("*.html"):
        page = _page(html.relative_to(published).as_posix())
        base = ADDRESS + page
        for href in HREF.findall(html.read_text(encoding="utf-8")):
            target = urlsplit(urljoin(base, href.replace("&amp;", "&")))
            url = f"{target.scheme}://{target.netloc}{target.path}"
            if url.startswith(ADDRESS):
                to = _page(url.removeprefix(ADDRESS))
                if to not in (page, _twin(page)):
                    linked.add(to)
    assert sorted(listed - linked) == []


# What the about pages once said to an official (the maintainers' files, commands and tools).
TOOL_WORDS = ["YAML", "README", "search-bench", "t2s", "s2tw", "citeproc", "site_url", "generator/", ".py",
              "crosswalk coverage", "crosswalk scripts"]
ABOUT = ["about/", "about/data/", "about/coverage/", "about/schema/"]


def test_the_about_pages_speak_to_an_official_not_a_maintainer(built_site):
    found = {}
    for page in ABOUT + [HANT + p for p in ABOUT]:
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        text = re.sub(r"<[^>]+>", " ", article)
        assert len(text) > 500, page
        if words := [w for w in TOOL_WORDS if w in text]:
            found[page] = words
    assert found == {}
