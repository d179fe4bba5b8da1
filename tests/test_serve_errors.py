"""What ``mkdocs serve`` shows between builds (``generator.site.serve_errors``), against a stand-in
for MkDocs' LiveReloadServer with the attributes the module uses."""

from __future__ import annotations

from generator.content.yamlfile import Problem
from generator.site.serve_errors import Shown, page


class FakeServer:
    def __init__(self, builds):
        self.root = "/site"
        self.error_handler = lambda code: None
        self._wanted_epoch = 7
        self._builds = iter(builds)
        self.builder = self.build

    def build(self):
        next(self._builds)()

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        return content.replace(b"</body>", b"<script>livereload(%d)</script></body>" % epoch)


def test_problems_are_shown_for_every_path_then_the_site_again():
    shown = Shown()
    problems = [Problem("content/units.yaml", 3, 5, "unknown field '<b>x</b>'")]
    server = FakeServer([lambda: setattr(shown, "problems", [])])
    shown.problems = problems
    shown.attach(server)
    assert server.root != "/site"  # every path is "not found" …
    body = server.error_handler(404).decode("utf-8")  # … and answered with the problems
    assert "content/units.yaml:3:5: unknown field &#39;&lt;b&gt;x&lt;/b&gt;&#39;" in body
    assert "<b>" not in body and "内容有误" in body and "livereload(7)" in body
    server.builder()  # the content is fixed
    assert server.root == "/site" and server.error_handler(404) is None


def test_a_build_that_fails_for_another_reason_is_shown_not_left_hanging():
    shown = Shown()

    def broken_template():
        raise RuntimeError("unexpected char '（' at 718")

    server = FakeServer([broken_template])
    shown.attach(server)
    assert server.root == "/site"
    server.builder()  # must not raise: MkDocs would then hold every request
    body = server.error_handler(404).decode("utf-8")
    assert "mkdocs.yml:1:1: the build failed: RuntimeError: unexpected char &#39;（&#39; at 718" in body


def test_the_page_lists_each_problem_once_in_order():
    problems = [Problem("a.yaml", 1, 1, "first"), Problem("b.yaml", 2, 3, "second")]
    body = page(problems).decode("utf-8")
    assert body.index("a.yaml:1:1: first") < body.index("b.yaml:2:3: second")
    assert body.count("<li>") == 2 and '<html lang="zh-Hans">' in body
