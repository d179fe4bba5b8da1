"""What a record's page says about who is charged and how a target was read: the printed list
(``responsibility.raw``) apart from the units only the running text names, and the editors'
reading of a target beside its value.  Expected values come from the YAML, read plainly."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
UNITS = {u["id"]: u["name"] for u in
         yaml.safe_load((ROOT / "content" / "units.yaml").read_text(encoding="utf-8"))["units"]}
DOCS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "content" / "documents").glob("*.yaml"))}


def _walk(records):
    for r in records or []:
        yield r
        yield from _walk(r.get("children"))


def _section(html: str, record_id: str) -> str:
    start = html.index(f'id="{record_id}"')
    following = html.find('<section class="cw-record', start + 1)
    return html[start:following if following > 0 else len(html)]


def _group(section: str, named: str) -> list[str]:
    found = re.search(rf'<div class="cw-units cw-units--{named}">(.*?)</div>', section, re.S)
    return re.findall(r'<a href="[^"]*">([^<]+)</a>', found.group(1)) if found else []


def test_units_only_the_text_names_are_shown_apart_from_the_printed_list(built_site):
    records = [(doc_id, r) for doc_id, d in DOCS.items() for r in _walk(d.get("records"))
               if any(u.get("named") == "text" for u in (r.get("responsibility") or {}).get("units", []))]
    assert len(records) >= 6
    for doc_id, r in records:
        section = _section((built_site / "documents" / doc_id / "index.html").read_text(encoding="utf-8"), r["id"])
        units = r["responsibility"]["units"]
        assert _group(section, "list") == [UNITS[u["unit"]] for u in units if u.get("named", "list") == "list"]
        assert _group(section, "text") == [UNITS[u["unit"]] for u in units if u.get("named") == "text"]
        assert "正文另及" in section


def test_a_read_value_says_it_is_a_reading(built_site):
    read = [(doc_id, r, t) for doc_id, d in DOCS.items() for r in _walk(d.get("records"))
            for t in r.get("targets") or [] if t.get("reading")]
    assert len(read) >= 6
    for doc_id, r, t in read:
        section = _section((built_site / "documents" / doc_id / "index.html").read_text(encoding="utf-8"), r["id"])
        assert f'<span class="cw-tnote__mark">※ 编者解读</span>{t["reading"]}' in section, (doc_id, t["id"])
    yuxi = _section((built_site / "documents" / "yuxi-2018" / "index.html").read_text(encoding="utf-8"), "p2-2-6")
    assert '<td class="cw-num">≤ 15<sup class="cw-tnote-ref cw-reading-ref"' in yuxi   # within 15 minutes


def test_the_matrix_tables_mark_a_unit_only_the_text_names(built_site):
    import csv
    import io

    doc = DOCS["yuxi-2018"]
    expected = {(r["id"], UNITS[u["unit"]]) for r in _walk(doc["records"])
                for u in (r.get("responsibility") or {}).get("units", []) if u.get("named") == "text"}
    assert len(expected) >= 6
    rows = list(csv.reader(io.StringIO((built_site / "data" / "matrices" / "yuxi-2018.csv")
                                       .read_text(encoding="utf-8-sig"))))
    header = rows[0]
    marked = {(row[0], header[k]) for row in rows[1:] for k, cell in enumerate(row) if cell.endswith("·正文另及")}
    assert len(marked) == len(expected)
    assert {unit for _, unit in marked} == {unit for _, unit in expected}
