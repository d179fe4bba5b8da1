"""Editorial prose (notes, scopes, rationales, indicator texts) may use a small Markdown
subset, rendered by markdown-it-py with raw HTML off: emphasis, and links into the corpus
by id, which the build resolves to the page's relative address and ``check`` verifies."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from generator.content import prose as content_prose
from generator.content.load import Paths
from generator.content.validate import check
from generator.site import prose


@dataclass
class Ctx:
    """The page context's one method prose needs: an address relative to the page."""
    here: str = "topics/work-item-access/"

    def url(self, path: str) -> str:
        return "../../" + path


def test_emphasis_and_a_record_link_render_with_the_page_relative_address():
    html = prose.render("见[玉溪第14项](record:yuxi-2018/p2-3-14)，*重点*在准入。", Ctx())
    assert html == '见<a href="../../documents/yuxi-2018/#p2-3-14">玉溪第14项</a>，<em>重点</em>在准入。'


@pytest.mark.parametrize("text", ["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>',
                                  "[点我](javascript:alert(1))", "<a href='http://example.org'>外链</a>"])
def test_markup_in_prose_stays_text(text):
    html = prose.render(text, Ctx())
    assert "<" not in html   # no element at all: angle brackets arrive as &lt;


def test_prose_that_is_plain_text_renders_as_it_is_written():
    text = "原文“168597万人”中“万”字有误（见本条编者注），数值按168597人记录。"
    assert prose.render(text, Ctx()) == text


def test_links_are_read_as_written():
    assert content_prose.links("[甲](record:a-1/b) 与 [乙](topic:t) 和*强调*") == ["record:a-1/b", "topic:t"]


@pytest.mark.parametrize("href", ["record:demo-2020/no-such-record", "document:no-such-doc", "topic:no-such-topic",
                                  "http://example.org/", "javascript:alert(1)"])
def test_check_reports_a_link_the_corpus_cannot_resolve_at_its_note(make_project, href):
    root = make_project(site_config=False)
    path = root / "content" / "documents" / "demo-2020.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "records:\n"
    assert text.count(anchor) == 1
    note = f"notes:\n  - {{type: editorial, text: '见[此处]({href})。'}}\n"
    path.write_text(text.replace(anchor, note + anchor), encoding="utf-8")
    line = text[:text.index(anchor)].count("\n") + 2
    _, problems = check(Paths.at(root))
    hits = [p for p in problems if f"link to '{href}'" in p.message]
    if href.startswith("javascript:"):
        # markdown-it refuses the link itself: it stays text, and there is nothing to resolve.
        assert hits == []
        return
    assert [(p.file, p.line, p.severity) for p in hits] == [("content/documents/demo-2020.yaml", line, "error")]


def test_bundled_prose_links_resolve(corpus):
    texts = content_prose.fields(corpus)
    assert len(texts) > 50
    assert content_prose.check(corpus) == []
