"""Pages are written without their lines' indentation, except inside <pre> and <textarea>."""

from __future__ import annotations

from generator.site.compact import compact


def test_indentation_goes_and_line_breaks_stay():
    page = "<div>\n    <p>一</p>\n\t<p>二</p>\n</div>"
    assert compact(page) == "<div>\n<p>一</p>\n<p>二</p>\n</div>"


def test_pre_and_textarea_keep_their_white_space():
    page = "<main>\n  <pre>\n  x = 1\n    y</pre>\n  <TEXTAREA name=t>\n  草稿</TEXTAREA>\n  </main>"
    assert compact(page) == "<main>\n<pre>\n  x = 1\n    y</pre>\n<TEXTAREA name=t>\n  草稿</TEXTAREA>\n</main>"


def test_compacting_twice_changes_nothing_more():
    page = "<ul>\n   <li>a</li>\n\n   <li>b</li>\n</ul>\n  "
    assert compact(compact(page)) == compact(page)


def test_a_built_page_has_no_indented_lines_outside_pre(built_site):
    pages = sorted(built_site.glob("documents/*/index.html"))
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "\n  <" not in text.split("<pre", 1)[0], path
