"""Precedents (the most similar records in other documents, shared wording marked) and
pinning (摘录夹: pin records, list them on pins/, export CSV and a citation list)."""

from __future__ import annotations

import csv
import io
import json
import math
import random
import re
import time
from pathlib import Path

import pytest

from generator.analysis import closeness, precedents
from generator.chinese import normalise
from generator.site.pages import environment

ROOT = Path(__file__).resolve().parent.parent

# (record, its precedent, wording the two share): the clauses drafters look for.  The 相近度 is
# the share of the record's own weight the precedent covers (docs/closeness.md §4), so a long
# clause sharing one phrase with a short one lists it only from the short one's side: Yuxi's
# task 14 (350 characters) covers 30 % of Lanzhou's clause, which covers 6 % of it.
PAIRS = [
    ("lanzhou-2013/p2-para4-s2", "yuxi-2018/p2-3-14", ["权随责走、费随事转"]),
    ("miyi-2021/p3-5", "yuxi-2018/p2-1-3", ["自治章程、村规民约、居民公约"]),
    ("yuxi-2018/p2-3-12", "miyi-2021/p3-2", ["每百户居民", "30平方米"]),
    ("miyi-2021/p3-2", "yuxi-2018/p2-3-12", ["每百户居民", "400平方米"]),
]


def marked(segments: list[tuple[str, bool]]) -> list[str]:
    return [normalise(text) for text, shared in segments if shared]


# --- the bundled corpus -----------------------------------------------------------------------


@pytest.mark.parametrize("a, b, phrases", PAIRS)
def test_known_precedents_are_found(corpus, a, b, phrases):
    found = precedents.precedents(corpus)
    assert b in [m.uid for m in found[a]]
    for m in found[a]:
        assert corpus.records[m.uid].doc_id != corpus.records[a].doc_id
        assert m.coverage >= closeness.FLOOR


@pytest.mark.parametrize("a, b, phrases", PAIRS)
def test_shared_wording_is_marked_in_what_the_page_shows(corpus, a, b, phrases):
    shown = {s.record.uid: s for s in precedents.shown(corpus, corpus.records[a])}[b]
    # Miyi's text is Traditional and Yuxi's Simplified: marks are found across scripts.
    spans = marked(shown.segments)
    for phrase in phrases:
        assert any(phrase in span for span in spans), (a, b, phrase, spans)
    assert shown.shared_chars >= sum(len(p) for p in phrases)


def test_lists_are_short_and_in_the_order_of_the_closeness_shown(corpus):
    found = precedents.precedents(corpus)
    assert len(found) > 20
    for matches in found.values():
        assert 1 <= len(matches) <= closeness.SHOWN
        assert [m.coverage for m in matches] == sorted((m.coverage for m in matches), reverse=True)


# --- highlighting ------------------------------------------------------------------------------


def test_segments_reassemble_to_the_text(corpus):
    checked = 0
    for uid in precedents.precedents(corpus):
        for s in precedents.shown(corpus, corpus.records[uid]):
            text = precedents.record_text(s.record)
            segments = precedents.segments_of(text, [tuple(place) for place in s.shared])
            assert "".join(t for t, _ in segments) == text
            # Runs alternate: adjacent runs of one kind would be one run.
            assert all(x[1] != y[1] for x, y in zip(segments, segments[1:]))
            assert s.shared_chars == sum(len(t) for t, shared in segments if shared) > 0
            checked += 1
    assert checked > 20


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
                           precedents.Match(record.uid, closeness.Close(0.5, 0.5, 9)), [("<script>x</script>", False),
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
                            precedents.Match(record.uid, closeness.Close(0.5, 0.5, 9)), [("<b>共用</b>" * 20, True)], 40 + i)
            for i in range(5)]

    macro = environment().get_template("_precedents.html").module.precedents
    full = str(macro(_Ctx, precedents.Precedents(many, compact=False, top=3)))
    compact = str(macro(_Ctx, 3))   # precedents.listed_count
    assert full.count("<li>") == 5 and "共用" in full
    assert compact.strip() == '<details class="cw-precedents cw-later"><summary>相似条款 <span>3</span></summary></details>'


def test_a_released_corpus_shows_the_same_precedents_again(corpus):
    """The exports release the precedents as shown (their memory goes to the search index);
    a page asking afterwards gets the same ones, made again from the matches."""
    record = corpus.records["lanzhou-2013/p2-para4-s2"]
    before = [(p.record.uid, p.shared_chars, p.segments) for p in precedents.shown(corpus, record)]
    assert before
    precedents.release(corpus)
    assert not precedents._CACHE.of(corpus).shown
    assert [(p.record.uid, p.shared_chars, p.segments) for p in precedents.shown(corpus, record)] == before


def test_the_corpus_size_decides_the_panel(corpus):
    shown = precedents.shown(corpus, corpus.records["lanzhou-2013/p2-para4-s2"])
    assert shown and not shown.compact and shown.listed == list(shown)   # the bundled corpus is small
    assert precedents.listed_count(corpus, corpus.records["lanzhou-2013/p2-para4-s2"]) is None
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
    html = (built_site / "documents" / "lanzhou-2013" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="p2-para4-s2"'):]
    block = section[section.index('<details class="cw-precedents">'):section.index("</details>")]
    assert 'href="../yuxi-2018/#p2-3-14"' in block
    assert re.search(r"<mark>[^<]*权随责走、费随事转[^<]*</mark>", block)
    assert re.search(r'<summary>相似条款 <span class="cw-precedents__count">\d</span></summary>', block)
    # 29 %: 统一 and 相关部门, held by fewer than COMMON_MIN records, weigh too (30 % when they were boilerplate).
    assert re.search(r'<span class="cw-precedents__meta">相近度 29% · 共用措辞 \d+ 字', block)
    hant = (built_site / "zh-Hant" / "documents" / "lanzhou-2013" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<mark>[^<]*權隨責走、費隨事轉[^<]*</mark>", hant)


def test_precedents_export(built_site):
    data = json.loads((built_site / "data" / "precedents.json").read_text(encoding="utf-8"))
    by_record = {entry["record"]: entry["precedents"] for entry in data}
    match = {p["record"]: p for p in by_record["lanzhou-2013/p2-para4-s2"]}["yuxi-2018/p2-3-14"]
    # Shared runs are places in the matched record's text as its source prints it (Yuxi: Simplified).
    provisions = {r["id"]: r for r in json.loads((built_site / "data" / "provisions.json").read_text(encoding="utf-8"))}
    other = provisions["yuxi-2018/p2-3-14"]
    text = "。".join(p for p in (other["title"], other["text"]) if p)
    runs = [text[start:end] for start, end in match["shared"]]
    assert runs and all(len(run) >= closeness.MIN_RUN for run in runs)
    assert "权随责走、费随事转" in runs
    # The 相近度 the page shows (30 %), and the score with its long-run bonus (§4), never less.
    assert round(match["coverage"], 2) == 0.29 and match["coverage"] <= match["score"]
    assert match["longest"] >= len("权随责走费随事转")


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

def test_the_figures_of_a_candidate_worked_by_hand():
    """Two documents print the same 150 distinct characters (147 shingles of four, all shared):
    reuse is capped at 1 although more than ``saturation`` (100) shingles are shared."""
    text = "".join(chr(0x4E00 + i) for i in range(150))
    a = precedents.Item("a-2020/p1", "a-2020", text)
    b = precedents.Item("b-2020/p1", "b-2020", text)
    found = precedents.find([a, b])
    assert found["a-2020/p1"] == [precedents.Candidate("b-2020/p1", 1.0, 147)]


def test_an_excerpt_with_nothing_shared_is_cut_at_the_budget():
    assert precedents.excerpt([("甲" * 200, False)], budget=160) == [("甲" * 160 + "…", False)]


def test_reuse_is_capped_before_candidates_are_ranked():
    """Worked by hand: C prints A's first 150 characters (147 shingles shared, over the saturation
    of 100) and 100 of its own; B prints 60 more of A's (57 shingles, all A's, none C's). Both reuse
    A wholly (1.0) and rank by record id, B first. Uncapped, C would score 147/100 = 1.47 and lead."""
    text = "".join(chr(0x4E00 + i) for i in range(250))
    own = "".join(chr(0x5200 + i) for i in range(100))
    a = precedents.Item("a-2020/p1", "a-2020", text)
    b = precedents.Item("b-2020/p1", "b-2020", text[170:230])
    c = precedents.Item("c-2020/p1", "c-2020", text[:150] + own)
    found = precedents.find([a, b, c])
    assert [(m.uid, m.reuse, m.shared) for m in found["a-2020/p1"]] == [("b-2020/p1", 1.0, 57), ("c-2020/p1", 1.0, 147)]


# --- one closeness: the panel measures a pair as the desk does (docs/closeness.md) --------------

def test_a_simplified_and_a_traditional_clause_with_a_changed_word_worked_by_hand():
    """建立社区议事协商机制 (Simplified) against 建立社區民主協商、機制 (Traditional, 议事 changed
    to 民主, a comma inside).  Folded by the character map, the second is 建立社区民主协商机制: the
    two share 建立社区 and 协商机制.  In a corpus of 10 records where 社区 is in 9 and every other
    bigram in 1, with no boilerplate, §2 weighs 社区 ln(1 + 10/9) = ln(19/9) and the other eight
    bigrams ln(1 + 10/1) = ln 11 each: the sentence weighs 8 ln 11 + ln(19/9) (more than 1.5 × 9).
    建立社区 covers 建立, 立社, 社区 (2 ln 11 + ln(19/9)); 协商机制 covers 协商, 商机, 机制 (3 ln 11):
    相近度 = (5 ln 11 + ln(19/9)) / (8 ln 11 + ln(19/9)) = 0.639…, shown as 64 %."""
    mine, theirs = "建立社区议事协商机制", "建立社區民主協商、機制"
    bigrams = [a + b for a, b in zip(mine, mine[1:])]
    spec = precedents.Spec(records=10, df={b: 9 if b == "社区" else 1 for b in bigrams}, common=frozenset(),
                           t2s={"區": "区", "協": "协", "機": "机"})
    folded = spec.folded(mine)
    close = spec.close(folded, spec.weights(folded), theirs)
    ln11, ln_social = math.log(11), math.log(19 / 9)
    assert close.coverage == pytest.approx((5 * ln11 + ln_social) / (8 * ln11 + ln_social), abs=1e-12)
    assert round(close.coverage, 3) == 0.639
    # The shared runs placed in the Traditional text as shown, the comma inside the second one.
    places = precedents.shared_places(spec.folded(theirs), close.runs)
    assert precedents.segments_of(theirs, places) == [("建立社區", True), ("民主", False), ("協商、機制", True)]


@pytest.fixture(scope="module")
def desk(corpus):
    """The desk's side, made independently of the build's: the search index's records, postings,
    boilerplate and character map (``draft_eval.spec_index``, the Python twin of the desk)."""
    from generator.bench import draft_eval

    return draft_eval.spec_index(corpus)[0]


def test_each_panel_lists_the_closeness_the_specification_gives_each_pair(corpus, desk):
    """For a sample of the records with a 相似条款 panel, each pair's 相近度 is the one §2–§4 give
    for the two texts as shown, weighed by the search index's document frequencies; the panel
    is in the order of that 相近度 and lists none below FLOOR."""
    found = precedents.precedents(corpus)
    sample = sorted(found)[::3]
    assert len(sample) > 15
    for uid in sample:
        mine = closeness.fold(precedents.record_text(corpus.records[uid]), desk.t2s)
        tokens = closeness.lookup_tokens(mine, desk.common)
        weights = closeness.bigram_weights(
            mine, {t: closeness.weight_of(len(desk.postings(t)), desk.records) for t in tokens}, desk.common)
        expected = []
        for m in found[uid]:
            theirs = closeness.fold(precedents.record_text(corpus.records[m.uid]), desk.t2s)
            expected.append(closeness.closeness(closeness.shared_runs(mine.chars, theirs.chars), weights).coverage)
        assert [m.coverage for m in found[uid]] == expected, uid
        assert expected == sorted(expected, reverse=True) and min(expected) >= closeness.FLOOR, uid


def test_the_panel_shows_the_closeness_as_the_desk_does(corpus):
    shown = {s.record.uid: s for s in precedents.shown(corpus, corpus.records["lanzhou-2013/p2-para4-s2"])}
    match = shown["yuxi-2018/p2-3-14"]
    # Math.round(coverage × 100), as draft.js shows it: halves up.
    assert match.percent == math.floor(match.match.coverage * 100 + 0.5) == 29   # 28.56 %: rounded to 29 (30 before 统一, 相关部门 weighed)


def test_a_closeness_on_a_half_percent_is_shown_rounded_up_worked_by_hand():
    """Nine distinct characters 一…八 (eight bigrams); the other clause prints the six from the
    third (丂…丆 hold five of the bigrams) and seven of its own.  Every bigram in 1 of 10
    records weighs ln 11 (more than MIN_DENSITY): 相近度 = 5 ln 11 / 8 ln 11 = 0.625 exactly,
    62.5 %, one run of six (≥ SUBSTANCE_RUN): the desk shows 63 % (Math.round), not the 62 that
    rounding halves to even gives."""
    mine = "".join(chr(0x4E00 + i) for i in range(9))
    theirs = mine[2:8] + "".join(chr(0x5200 + i) for i in range(7))
    bigrams = [a + b for a, b in zip(mine, mine[1:])]
    spec = precedents.Spec(records=10, df=dict.fromkeys(bigrams, 1), common=frozenset(), t2s={})
    folded = spec.folded(mine)
    close = spec.close(folded, spec.weights(folded), theirs)
    assert (close.coverage, close.longest) == (0.625, 6)
    assert closeness.listed([closeness.Hit(1, close, len(theirs))]) != []
    assert closeness.percent(close.coverage) == 63


def test_document_frequency_counts_each_text_that_holds_a_bigram_once():
    """Worked by hand: two copies of 社区治理 and one 社区社区 hold 社区 (three texts, once each
    however often), 区治 and 治理 (two); a Traditional text counts as written, since the index's
    texts are in Simplified already (社區 is not 社区)."""
    df = closeness.han_bigram_frequency(["社区治理", "社区治理", "社区社区", "社區服務"])
    assert df == {"社区": 3, "区治": 2, "治理": 2, "区社": 1, "社區": 1, "區服": 1, "服務": 1}


def test_the_weights_are_learned_from_the_texts_the_search_index_holds(corpus, desk):
    """The build's document frequencies, boilerplate and record count are the search index's."""
    spec = precedents.Spec.of(corpus)
    assert spec.records == desk.records and spec.common == desk.common and spec.common
    assert len(spec.df) > 1000
    assert all(len(desk.postings(t)) == n for t, n in spec.df.items())


def test_a_pair_both_list_has_the_same_closeness_unless_the_quote_differs(corpus, desk):
    """docs/closeness.md §9: ranked as the desk ranks it (other documents only), a record's text
    lists most of its panel's pairs, and each with the panel's 相近度, unless the desk compares
    another text: the other clause's quote as printed, with a 责任单位 list the page leaves out."""
    from generator.analysis import citations
    from generator.bench import precedent_agreement

    found = precedent_agreement.agreement(corpus)
    assert found.panel_pairs > 100 and found.desk_lists >= 0.9 * found.panel_pairs
    assert found.same == found.desk_lists - len(found.differing)
    for _, other, _, _ in found.differing:
        record = corpus.records[other]
        assert closeness.fold(citations.quote(corpus, record), desk.t2s).chars != \
            closeness.fold(precedents.record_text(record), desk.t2s).chars, other
