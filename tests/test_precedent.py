"""Precedents (the most similar records in other documents, shared wording marked) and
pinning (摘录夹: pin records, list them on pins/, export CSV and a citation list)."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import time
from pathlib import Path

import pytest

from generator.analysis import precedents
from generator.chinese import normalise
from generator.site.pages import environment

ROOT = Path(__file__).resolve().parent.parent

# (record, its precedent, wording the two share): the clauses drafters look for.
PAIRS = [
    ("yuxi-2018/p2-3-14", "lanzhou-2013/p2-para4-s2", ["权随责走、费随事转"]),
    ("yuxi-2018/p2-1-3", "miyi-2021/p3-5", ["自治章程、村规民约、居民公约"]),
    ("yuxi-2018/p2-3-12", "miyi-2021/p3-2", ["每百户居民", "30平方米"]),
]


def marked(segments: list[tuple[str, bool]]) -> list[str]:
    return [normalise(text) for text, shared in segments if shared]


# --- the bundled corpus -----------------------------------------------------------------------


@pytest.mark.parametrize("a, b, phrases", PAIRS)
def test_known_precedents_are_found_both_ways(corpus, a, b, phrases):
    found = precedents.precedents(corpus)
    assert b in [m.uid for m in found[a]]
    assert a in [m.uid for m in found[b]]
    for m in found[a]:
        assert corpus.records[m.uid].doc_id != corpus.records[a].doc_id
        assert m.score >= precedents.Settings().threshold


@pytest.mark.parametrize("a, b, phrases", PAIRS)
def test_shared_wording_is_marked_in_what_the_page_shows(corpus, a, b, phrases):
    for mine, theirs in ((a, b), (b, a)):
        shown = {s.record.uid: s for s in precedents.shown(corpus, corpus.records[mine])}[theirs]
        # Miyi's text is Traditional and Yuxi's Simplified: marks are found across scripts.
        spans = marked(shown.segments)
        for phrase in phrases:
            assert any(phrase in span for span in spans), (mine, theirs, phrase, spans)
        assert shown.shared_chars >= sum(len(p) for p in phrases)


def test_lists_are_short_and_ranked(corpus):
    settings = precedents.Settings()
    for matches in precedents.precedents(corpus).values():
        assert 1 <= len(matches) <= settings.top
        assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


# --- highlighting ------------------------------------------------------------------------------


def test_segments_mark_common_substrings_across_scripts():
    segments = precedents.shared_segments("按照“权随责走、费随事转”的原则", "落實“權隨責走、費隨事轉”的要求")
    assert segments == [("按照", False), ("“权随责走、费随事转”的", True), ("原则", False)]


def test_three_characters_and_punctuation_are_not_a_match():
    assert precedents.shared_segments("为推进改革", "。为推进") == [("为推进改革", False)]
    assert precedents.shared_segments("", "任何文字") == []


def test_full_width_forms_match_narrow_ones():
    segments = precedents.shared_segments("每百户居民30平方米", "每百户居民30平方米")
    assert segments == [("每百户居民30平方米", True)]


def test_segments_reassemble_to_the_text(corpus):
    records = [r for r in corpus.records.values() if precedents.record_text(r)]
    checked = 0
    for uid, matches in precedents.precedents(corpus).items():
        text = precedents.record_text(corpus.records[uid])
        for m in matches:
            segments = precedents.shared_segments(text, precedents.record_text(corpus.records[m.uid]))
            assert "".join(s for s, _ in segments) == text
            # Runs alternate: adjacent runs of one kind would be one run.
            assert all(x[1] != y[1] for x, y in zip(segments, segments[1:]))
            checked += 1
    assert checked > 20 and len(records) > 100


def test_no_highlight_when_normalising_changes_the_length(monkeypatch):
    monkeypatch.setattr(precedents, "normalise", lambda text: text + "。")
    assert precedents.shared_segments("权随责走费随事转", "权随责走费随事转") == [("权随责走费随事转", False)]


def test_excerpt_keeps_the_longest_distinct_runs_with_context():
    segments = [("开头" * 20, False), ("城乡社区综合服务设施", True), ("中间" * 30, False), ("每百户居民", True),
                ("结尾" * 20, False)]
    out = precedents.excerpt(segments, context=4, budget=60)
    assert [s for s, shared in out if shared] == ["城乡社区综合服务设施", "每百户居民"]
    assert out[0] == ("…开头开头", False)
    assert out[2] == ("中间中间…中间中间", False)
    assert out[-1] == ("结尾结尾…", False)
    # A run inside one already shown is not shown again; the budget is kept.
    repeated = [("城乡社区综合服务设施", True), ("甲" * 50, False), ("社区综合服务设施", True), ("乙" * 50, False)]
    short = precedents.excerpt(repeated, context=4, budget=30)
    assert [s for s, shared in short if shared] == ["城乡社区综合服务设施"]
    assert sum(len(s) for s, _ in short) <= 30


def test_shared_runs_are_placed_where_they_lie_not_where_their_words_first_occur():
    segments = [("ABCD", False), ("xx", False), ("ABCD", True), ("y", False), ("ABCDx", True)]
    assert precedents.shared_ranges(segments) == [[6, 10], [11, 16]]
    assert precedents.shared_ranges([("全无共用", False)]) == [] and precedents.shared_ranges([]) == []


class _Ctx:
    """The little of a page context the precedents macro uses: links as given."""

    corpus = None

    @staticmethod
    def url(path):
        return path


def test_precedent_html_escapes_source_text(corpus):
    record = corpus.records["yuxi-2018/p2-3-14"]
    doc = corpus.documents["yuxi-2018"]
    evil = precedents.Shown(record, doc, corpus.jurisdictions[doc.jurisdiction],
                           precedents.Match(record.uid, 0.5, 0.5, 9, 0.0), [("<script>x</script>", False),
                                                                             ("<b>共用</b>", True)], 7)

    macro = environment().get_template("_precedents.html").module.precedents
    html = str(macro(_Ctx, precedents.Precedents([evil], compact=False, top=3)))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<mark>&lt;b&gt;共用&lt;/b&gt;</mark>" in html


def test_a_large_corpus_shows_a_panels_heading_only(corpus):
    """Past Settings.compact_above records, a panel on the page is its heading and the count of
    the first compact_top precedents: their links are read from the document's data file when
    it is opened (test_page_budget, test_exports_provisions)."""
    record = corpus.records["yuxi-2018/p2-3-14"]
    doc = corpus.documents["yuxi-2018"]
    many = [precedents.Shown(record, doc, corpus.jurisdictions[doc.jurisdiction],
                            precedents.Match(record.uid, 0.5, 0.5, 9, 0.0), [("<b>共用</b>" * 20, True)], 40 + i)
            for i in range(5)]

    macro = environment().get_template("_precedents.html").module.precedents
    full = str(macro(_Ctx, precedents.Precedents(many, compact=False, top=3)))
    compact = str(macro(_Ctx, 3))   # precedents.listed_count
    assert full.count("<li>") == 5 and "共用" in full
    assert compact.strip() == '<details class="cw-precedents cw-later"><summary>相似条款 <span>3</span></summary></details>'


def test_a_released_corpus_shows_the_same_precedents_again(corpus):
    """The exports release the precedents as shown (their memory goes to the search index);
    a page asking afterwards gets the same ones, made again from the matches."""
    record = corpus.records["yuxi-2018/p2-3-14"]
    before = [(p.record.uid, p.shared_chars, p.segments) for p in precedents.shown(corpus, record)]
    assert before
    precedents.release(corpus)
    assert not precedents._CACHE.of(corpus).shown
    assert [(p.record.uid, p.shared_chars, p.segments) for p in precedents.shown(corpus, record)] == before


def test_the_corpus_size_decides_the_panel(corpus):
    shown = precedents.shown(corpus, corpus.records["yuxi-2018/p2-3-14"])
    assert shown and not shown.compact and shown.listed == list(shown)   # the bundled corpus is small
    assert precedents.listed_count(corpus, corpus.records["yuxi-2018/p2-3-14"]) is None
    assert len(corpus.records) <= precedents.Settings().compact_above


# --- scale --------------------------------------------------------------------------------------


def synthetic_items(records: int, seed: int = 7) -> tuple[list[precedents.Item], list[tuple[str, str]]]:
    """``records`` records of policy-like text in documents of 30 records, with planted reuse.

    Words are drawn Zipf-like from a fixed vocabulary of two- to four-character words, so
    common phrases recur everywhere (as "城乡社区" does) and the document-frequency cut-off
    has work to do.  Every 50th record copies a 16-character passage of a record in another
    document: those pairs must be found.
    """
    rng = random.Random(seed)
    hanzi = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    vocabulary = ["".join(rng.choice(hanzi) for _ in range(rng.choice((2, 2, 3, 4)))) for _ in range(20_000)]
    weights = [1 / (rank + 1) ** 0.7 for rank in range(len(vocabulary))]
    texts = []
    for _ in range(records):
        words = rng.choices(vocabulary, weights, k=rng.randint(25, 70))
        texts.append("".join(w + ("," if rng.random() < 0.15 else "") for w in words) + "。")
    planted = []
    for i in range(0, records, 50):
        j = (i + 30 * rng.randint(1, 5) + rng.randint(0, 29)) % records
        start = rng.randrange(max(1, len(texts[j]) - 16))
        passage = texts[j][start:start + 16]
        at = rng.randrange(len(texts[i]))
        texts[i] = texts[i][:at] + passage + texts[i][at:]
        planted.append((f"d{i // 30}/r{i}", f"d{j // 30}/r{j}"))
    items = [precedents.Item(f"d{i // 30}/r{i}", f"d{i // 30}", text) for i, text in enumerate(texts)]
    return items, planted


def test_ten_thousand_records_finds_planted_reuse():
    items, planted = synthetic_items(10_000)
    started = time.perf_counter()
    found = precedents.find(items)
    elapsed = time.perf_counter() - started
    print(f"\nprecedents: {len(items):,} records in {elapsed:.2f} s, {sum(map(len, found.values())):,} matches")
    for a, b in planted:
        assert b in [m.uid for m in found[a]], (a, b)
    for uid, matches in found.items():
        assert all(m.uid.split("/")[0] != uid.split("/")[0] for m in matches)
    assert precedents.find(items) == found  # deterministic


# --- the built site -----------------------------------------------------------------------------


def test_document_page_shows_collapsed_precedents(built_site):
    html = (built_site / "documents" / "yuxi-2018" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="p2-3-14"'):]
    block = section[section.index('<details class="cw-precedents">'):section.index("</details>")]
    assert 'href="../lanzhou-2013/#p2-para4-s2"' in block
    assert re.search(r"<mark>[^<]*权随责走、费随事转[^<]*</mark>", block)
    assert re.search(r'<summary>相似条款 <span class="cw-precedents__count">\d</span></summary>', block)
    hant = (built_site / "zh-Hant" / "documents" / "yuxi-2018" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<mark>[^<]*權隨責走、費隨事轉[^<]*</mark>", hant)


def test_precedents_export(built_site):
    data = json.loads((built_site / "data" / "precedents.json").read_text(encoding="utf-8"))
    by_record = {entry["record"]: entry["precedents"] for entry in data}
    match = {p["record"]: p for p in by_record["yuxi-2018/p2-3-14"]}["lanzhou-2013/p2-para4-s2"]
    # Shared runs are quoted in the matched record's own script (Lanzhou's source is Traditional).
    provisions = {r["id"]: r for r in json.loads((built_site / "data" / "provisions.json").read_text(encoding="utf-8"))}
    other = provisions["lanzhou-2013/p2-para4-s2"]
    text = "。".join(p for p in (other["title"], other["text"]) if p)
    runs = [text[start:end] for start, end in match["shared"]]
    assert runs and all(len(run) >= 4 for run in runs)
    assert any("权随责走、费随事转" in normalise(run) for run in runs)
    assert 0 < match["reuse"] <= match["score"]


def test_pins_page_in_both_scripts(built_site):
    page = (built_site / "pins" / "index.html").read_text(encoding="utf-8")
    assert 'class="cw-pins"' in page and "下载 CSV" in page and 'data-columns="序号|出处|条文|链接|记录编号"' in page
    hant = (built_site / "zh-Hant" / "pins" / "index.html").read_text(encoding="utf-8")
    assert "摘錄夾" in hant and "下載 CSV" in hant
    assert "assets/crosswalk/pins.js" in page


def test_the_pins_and_compare_scripts_build_no_address():
    """Addresses come from the build (routes, the switcher's data-cw-root), so a changed route
    or traditional_dir cannot leave a script linking to the old one."""
    folder = ROOT / "theme" / "assets" / "crosswalk"
    for name in ("pins.js", "compare.js"):
        source = (folder / name).read_text(encoding="utf-8")
        for built in ("documents/", "topics/", "zh-Hant/", "zh-Hans/"):
            assert built not in source, (name, built)
    # The switcher's root is read in one place, root.js, which every script asks.
    assert "data-cw-root" in (folder / "root.js").read_text(encoding="utf-8")
    assert 'from "./root.js"' in (folder / "pins.js").read_text(encoding="utf-8")


# --- in the browser -----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("prefix, phrase, column", [("", "权随责走、费随事转", "出处"),
                                                    ("zh-Hant/", "權隨責走、費隨事轉", "出處")])
def test_pin_two_records_and_export_them(page, serve_site, prefix, phrase, column):
    page.goto(f"{serve_site.url}{prefix}documents/yuxi-2018/")
    badge = page.locator(".cw-pins-badge")
    assert not badge.is_visible()
    first = page.locator('.cw-pin[data-uid="yuxi-2018/p2-3-14"]')
    second = page.locator('.cw-pin[data-uid="yuxi-2018/p2-3-12"]')
    first.click()
    second.click()
    assert first.get_attribute("aria-pressed") == "true"
    assert badge.locator(".cw-pins-badge__count").inner_text() == "2"
    # Unpin and pin again: the set keeps one entry per record, in the order pinned last.
    first.click()
    assert badge.locator(".cw-pins-badge__count").inner_text() == "1"
    first.click()

    badge.click()
    page.wait_for_url(re.compile(re.escape(prefix) + r"pins/$"))
    entries = page.locator(".cw-pins__entry")
    assert entries.count() == 2
    assert "每百户居民" in normalise(entries.nth(0).inner_text())
    assert phrase in entries.nth(1).inner_text()
    link = entries.nth(1).locator(".cw-pins__cite a")
    assert link.get_attribute("href").endswith(f"/community-crosswalk/{prefix}documents/yuxi-2018/#p2-3-14")

    with page.expect_download() as info:
        page.click('button[data-action="csv"]')
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][1] == column and len(rows) == 3
    assert rows[2][0] == "2" and phrase in rows[2][2] and rows[2][4] == "yuxi-2018/p2-3-14"
    assert rows[2][3] == f"{serve_site.url}{prefix}documents/yuxi-2018/#p2-3-14"

    with page.expect_download() as info:
        page.click('button[data-action="txt"]')
    text = Path(info.value.path()).read_text(encoding="utf-8")
    # Each entry is the record's citation as provisions.json gives it (tests/test_citation_browser.py).
    assert text.startswith("1. ") and "\n2. " in text and phrase in text and "实施意见》" in normalise(text)

    page.locator(".cw-pins__entry").nth(0).locator('button[data-action="remove"]').click()
    assert page.locator(".cw-pins__entry").count() == 1


@pytest.mark.browser
def test_pins_are_shared_by_both_scripts_and_kept_per_site(page, serve_site):
    page.goto(f"{serve_site.url}documents/yuxi-2018/")
    page.locator('.cw-pin[data-uid="yuxi-2018/p2-1-3"]').click()
    page.goto(f"{serve_site.url}zh-Hant/documents/yuxi-2018/")
    pin = page.locator('.cw-pin[data-uid="yuxi-2018/p2-1-3"]')
    assert pin.get_attribute("aria-pressed") == "true" and pin.inner_text() == "已摘錄"
    # Visiting a page refreshed the pin's wording in this script too.
    page.goto(f"{serve_site.url}zh-Hant/pins/")
    entry = page.locator(".cw-pins__entry")
    assert "自治章程、村規民約、居民公約" in entry.inner_text()
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys == ["cw-pins:/community-crosswalk/"]


# --- figures worked by hand (each fails on a mutant of tools/mutants.py) -----------------------

def test_the_figures_of_a_pair_worked_by_hand():
    """Two documents print the same 150 distinct characters (147 shingles of four, all shared):
    reuse is capped at 1 although more than ``saturation`` (100) shingles are shared; topics
    {x, y} and {x} overlap by 1/2 (Jaccard); the score adds a tenth of that."""
    text = "".join(chr(0x4E00 + i) for i in range(150))
    a = precedents.Item("a-2020/p1", "a-2020", text, frozenset({"x", "y"}))
    b = precedents.Item("b-2020/p1", "b-2020", text, frozenset({"x"}))
    found = precedents.find([a, b])
    assert found["a-2020/p1"] == [precedents.Match("b-2020/p1", 1.05, 1.0, 147, 0.5)]


def test_four_characters_of_which_one_is_punctuation_are_not_marked():
    # The run 。为推进 lies in both texts, but only three of its characters are words.
    assert precedents.shared_segments("他说。为推进改革", "我们。为推进") == [("他说。为推进改革", False)]


def test_an_excerpt_with_nothing_shared_is_cut_at_the_budget():
    assert precedents.excerpt([("甲" * 200, False)], budget=160) == [("甲" * 160 + "…", False)]


def test_reuse_is_capped_before_pairs_are_ranked():
    """Worked by hand: B prints A's first 150 characters (147 shingles shared, over the saturation
    of 100) and 100 of its own; C prints 60 more of A's (57 shingles, all A's, none B's). Both reuse
    A wholly (1.0); C shares A's topic (+0.1), B none: C ranks first. Uncapped, B would score
    147/100 = 1.47 and lead."""
    text = "".join(chr(0x4E00 + i) for i in range(250))
    own = "".join(chr(0x5200 + i) for i in range(100))
    a = precedents.Item("a-2020/p1", "a-2020", text, frozenset({"x"}))
    b = precedents.Item("b-2020/p1", "b-2020", text[:150] + own, frozenset())
    c = precedents.Item("c-2020/p1", "c-2020", text[170:230], frozenset({"x"}))
    found = precedents.find([a, b, c])
    assert [(m.uid, m.score, m.shared) for m in found["a-2020/p1"]] == [("c-2020/p1", 1.1, 57), ("b-2020/p1", 1.0, 147)]
