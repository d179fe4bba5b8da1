"""A page's HTML into Traditional: OpenCC is given only the runs between tags and quotes, and
the page comes out as if the whole of it had been converted in one call.

The expected pages are converted whole (``chinese.convert``: OpenCC and the exceptions, one
call over the whole string, markup and all) or written out by hand; OpenCC's own tables are
read with the ``opencc_dict`` tool its package ships.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import opencc
import pytest

from generator import chinese
from generator.chinese import KEEP_CLOSE, KEEP_OPEN, Printed, as_printed, convert, shown, to_script

# 头发 is one phrase for OpenCC (頭髮); split at a tag, its characters convert alone (頭 | 發).
PAGE = """<!doctype html>
<html lang="zh-Hans"><head><title>头发与干部</title>
<meta name="description" content="社区干部的头发">
<script id="__config" type="application/json">{"translations": {"search.result.none": "没有找到头发", "clipboard.copy": "复制"}}</script>
</head><body>
<nav aria-label="社区干部" class="md-nav"><a href="../x/" title="工作准入">工作准入</a></nav>
<p>第3条 <mark>头</mark>发，SQL注入与PN结；引号只影响 '单引号里的头发' 与 data-note=无引号头发</p>
<img alt="头发" src="a.png" data-label="干部头发">
<table><tr><td>社区干部</td><td>社区干部</td></tr></table>
</body></html>
"""


def test_a_page_converts_as_it_would_whole():
    assert to_script(PAGE, "hant") == convert(PAGE, "hant")
    out = to_script(PAGE, "hant")
    for expected in ('<title>頭髮與幹部</title>', 'content="社區幹部的頭髮"', '"沒有找到頭髮"',
                     'aria-label="社區幹部"', 'title="工作准入">工作准入</a>',   # the exception, in both
                     '<mark>頭</mark>發', 'alt="頭髮"', 'data-label="幹部頭髮"', "引號只影響",
                     "'單引號裡的頭髮'", "<td>社區幹部</td><td>社區幹部</td>"):
        assert expected in out, expected


def test_a_page_is_the_same_converted_again_and_after_the_runs_are_forgotten(monkeypatch):
    whole = convert(PAGE, "hant")
    assert to_script(PAGE, "hant") == whole
    assert to_script(PAGE, "hant") == whole   # its runs remembered this time
    monkeypatch.setattr(chinese, "_RUNS_KEPT", 3)
    assert to_script(PAGE, "hant") == whole   # the memo starts again within the page
    assert to_script("<p>头发</p><p>干部</p><p>头发</p>", "hant") == "<p>頭髮</p><p>幹部</p><p>頭髮</p>"


def test_marks_across_tags_are_honoured_as_in_text():
    hans_source = Printed("<b>头</b>发", "hans")       # a source's text, in its own script on hans pages
    page = (f"<p>{KEEP_OPEN}简|<em>头</em>发{KEEP_CLOSE} 头发 {KEEP_OPEN}<i>头</i>发{KEEP_CLOSE}</p>"
            f"<p>{shown(hans_source)}</p><p title=\"{as_printed('头发', 'hant')}\">x</p>")
    assert to_script(page, "hant") == ("<p><em>頭</em>發 頭髮 <i>头</i>发</p>"
                                       "<p><b>頭</b>發</p><p title=\"头发\">x</p>")
    assert to_script(page, "hans") == ("<p><em>头</em>发 头发 <i>头</i>发</p>"
                                       "<p><b>头</b>发</p><p title=\"头发\">x</p>")


@pytest.mark.parametrize("text", [
    "<p>甲<乙头发</p>",                         # a "<" in a quoted source that opens no tag
    "<p>&lt;头发&gt; &quot;干部&quot;</p>",
    "<p>头\ue006发</p><p>干部</p>",             # the separator itself in a page
    "<p>头\ue010发 \ue000干部</p>",             # other private-use characters
    '头发<p title="干部>头发">a"b头发</p>头',   # Chinese at both ends, a ">" in a quoted value
    "<p>头发",                                   # a tag never closed
])
def test_hostile_text_converts_as_before(text):
    assert to_script(text, "hant") == convert(text, "hant")


def _opencc_tables(config: str) -> list[Path]:
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    names: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "ocd2":
                names.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((share / f"{config}.json").read_text(encoding="utf-8")))
    return [share / name for name in dict.fromkeys(names)]


@pytest.mark.parametrize("config", sorted(set(chinese.CONFIG.values())))
def test_no_opencc_phrase_reads_across_markup(config, tmp_path):
    """What makes the cut exact: no phrase holds a bracket or a quote, and none is ASCII alone."""
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    tables = _opencc_tables(config)
    assert tables
    for table in tables:
        text = tmp_path / f"{table.stem}.txt"
        subprocess.run([str(tool), "-i", str(table), "-o", str(text), "-f", "ocd2", "-t", "text"], check=True)
        phrases = [line.split("\t", 1)[0] for line in text.read_text(encoding="utf-8").splitlines() if line]
        assert phrases, table
        wrong = [p for p in phrases if p.isascii() or set(p) & set('<>"\ue006')]
        assert not wrong, (table.name, wrong[:5])


@pytest.mark.parametrize("phrase", ['"工作"准入', "<b>工作", "ABC"])
def test_an_exception_that_markup_could_cut_is_refused(phrase, tmp_path):
    path = tmp_path / "script_exceptions.yaml"
    path.write_text(f"to_hans: {{}}\nto_hant:\n  {json.dumps(phrase)}: 工作准入\n", encoding="utf-8")
    with pytest.raises(chinese.ExceptionsError, match=r"script_exceptions\.yaml: to_hant: .*must hold Chinese"):
        chinese.exceptions(path)
