"""Every JSON data file the build publishes validates against its JSON Schema under
data/schema/, and the data page links each schema."""

from __future__ import annotations

import html
import json
import re

import jsonschema
import pytest

from conftest import unpacked


@pytest.fixture(scope="module")
def linked(built_site) -> dict[str, str]:
    """Data file → its schema's address, as the data page links them."""
    page = (built_site / "about" / "data" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>(.*?)</td><td>.*?</td>\s*<td>(.*?)</td></tr>", page, re.S)
    out = {}
    for name_cell, schema_cell in rows:
        name = html.unescape(re.search(r"<code>(.*?)</code>", name_cell).group(1))
        schema = re.search(r'href="([^"]+)"', schema_cell)
        if schema:
            out[name] = html.unescape(schema.group(1))
    return out


def test_each_json_data_file_validates_against_its_linked_schema(built_site, linked):
    # The JSON files the build writes (the CSV and XLSX files have no JSON Schema), by hand.
    expected = {"documents.json", "provisions.json", "provisions/<文件编号>.json.gz", "citations.csl.json",
                "topics.json", "units.json", "targets.json", "precedents.json"}
    assert set(linked) == expected
    page_dir = built_site / "about" / "data"
    checked = 0
    for name, href in linked.items():
        schema_file = (page_dir / href).resolve()
        assert schema_file.is_relative_to((built_site / "data" / "schema").resolve()), href
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        files = sorted((built_site / "data" / "provisions").glob("*.json.gz")) if "<" in name else [
            p for p in (built_site / "data" / name, built_site / "data" / f"{name}.gz") if p.exists()]
        assert files, name
        for data_file in files:
            data = json.loads(unpacked(data_file))
            assert data, data_file
            errors = [f"{data_file.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                      for e in validator.iter_errors(data)]
            assert errors == [], errors[:5]
            checked += 1
    assert checked >= 12


def test_a_schema_rejects_a_relative_citation_address(built_site):
    """The CSL-JSON schema's address is absolute or absent (a build without site_url)."""
    schema = json.loads((built_site / "data" / "schema" / "citations.csl.schema.json").read_text(encoding="utf-8"))
    items = json.loads((built_site / "data" / "citations.csl.json").read_text(encoding="utf-8"))
    assert items
    bad = [{**items[0], "URL": "documents/yuxi-2018/"}]
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
    assert jsonschema.Draft202012Validator(schema).is_valid([{**items[0], "URL": "https://example.org/documents/x/"}])
