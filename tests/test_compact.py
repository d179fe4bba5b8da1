"""Pages are written without their lines' indentation, except inside <pre> and <textarea>."""

from __future__ import annotations

from generator.site.compact import compact


def test_indentation_and_blank_lines_go_and_a_line_break_stays():
    page = "<div>\n    <p>一</p>\n\n\n\t<p>二</p>\n \n</div>"
    assert compact(page) == "<div>\n<p>一</p>\n<p>二</p>\n</div>"


def test_pre_and_textarea_keep_their_white_space():
    page = "<main>\n  <pre>\n  x = 1\n    y</pre>\n  <TEXTAREA name=t>\n  草稿</TEXTAREA>\n  </main>"
    assert compact(page) == "<main>\n<pre>\n  x = 1\n    y</pre>\n<TEXTAREA name=t>\n  草稿</TEXTAREA>\n</main>"


def test_spaces_a_browser_shows_stay():
    page = "<p>\n\u3000\u3000第一条</p>\n\u00a0<span>x</span>"
    assert compact(page) == page


def test_compacting_twice_changes_nothing_more():
    page = "<ul>\n   <li>a</li>\n\n   <li>b</li>\n</ul>\n  "
    assert compact(compact(page)) == compact(page)


def test_a_built_page_has_no_indented_lines_outside_pre(built_site):
    pages = sorted(built_site.glob("documents/*/index.html"))
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "\n  <" not in text.split("<pre", 1)[0], path
