"""Each field of each YAML kind is declared once, in ``generator/content/schema.py``.

The model's classes take their fields from it, the loader fills them without naming any,
and documents.json and the schema page list them from it.  The worked example is a
document's ``effective_until``: one line in the schema, one row of the document page's
metadata; planted in the tiny fixture project (no bundled source states one), it is
validated, loaded, shown in both scripts, exported and documented.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from generator.content import model, schema, yamlfile
from generator.content.load import Paths, load
from generator.content.validate import check, errors
from generator.site import exports

DOC = "content/documents/demo-2020.yaml"
PLANTED = "effective_until: 2030-12-31\n"


def plant(root: Path, line: str) -> None:
    """Add ``line`` to demo-2020.yaml after its year (line 7), so it is line 8."""
    path = root / DOC
    text = path.read_text(encoding="utf-8")
    assert text.count("\nyear: 2020\n") == 1
    path.write_text(text.replace("\nyear: 2020\n", "\nyear: 2020\n" + line), encoding="utf-8")


# The declaration itself: nothing of the model is declared a second time.

def test_every_schema_object_has_one_model_class_with_exactly_its_fields():
    compared = 0
    for name, obj in schema.OBJECTS.items():
        if name in model.AS_MAPPINGS:
            assert name not in model.KINDS
            continue
        cls = model.KINDS[name]
        fields = {f.name for f in dataclasses.fields(cls)}
        declared = {f.name for f in obj.fields}
        assert declared <= fields, name
        assert fields - declared <= model.DERIVED, name
        assert model.schema_of(cls.__new__(cls)) is obj
        compared += 1
    assert compared == len(schema.OBJECTS) - len(model.AS_MAPPINGS) > 10


def test_a_field_declared_in_the_model_as_well_fails_when_the_class_is_made():
    with pytest.raises(TypeError, match="title already declared in schema Document"):
        @model.declared(schema.DOCUMENT)
        class Twice:
            title: str


def test_a_model_field_the_schema_lacks_fails_when_the_class_is_made():
    probe = schema.Object("Probe", "Not a kind of YAML.", (schema.Field("id", "id", True),))
    with pytest.raises(TypeError, match="valid_to not in schema Probe"):
        @model.declared(probe)
        class Stray:
            valid_to: str | None = None
    assert "Probe" not in model.KINDS


def test_a_second_class_for_one_schema_object_fails():
    with pytest.raises(TypeError, match="schema Unit has two model classes"):
        @model.declared(schema.UNIT)
        class Again:
            pass


def _unset(item, name: str) -> bool:
    f = next(f for f in dataclasses.fields(item) if f.name == name)
    default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
    return getattr(item, name) == default


def _compare(raw: dict, item, where: str, seen: list[str]) -> None:
    """Every declared field ``raw`` gives is set on ``item``, nested items alike."""
    for key, value in raw.items():
        assert not _unset(item, key), f"{where}.{key} is in the YAML but not loaded"
        seen.append(f"{where}.{key}")
        got = getattr(item, key)
        if isinstance(value, dict) and type(got) in model.KINDS.values():
            _compare(value, got, f"{where}.{key}", seen)
        elif isinstance(value, list) and got and type(got[0]) in model.KINDS.values():
            assert len(got) == len(value), f"{where}.{key}"
            for i, (v, g) in enumerate(zip(value, got)):
                _compare(v, g, f"{where}.{key}[{i}]", seen)


def test_the_loader_fills_every_field_the_yaml_gives(make_project):
    root = make_project(site_config=False)
    plant(root, PLANTED)
    corpus, problems = load(Paths.at(root))
    assert errors(problems) == []
    seen: list[str] = []
    for path in sorted((root / "content/documents").glob("*.yaml")):
        raw, _ = yamlfile.load(path, path.name)
        _compare(raw, corpus.documents[path.stem], path.stem, seen)
    registries = [("content/jurisdictions.yaml", "jurisdictions", corpus.jurisdictions),
                  ("content/units.yaml", "units", corpus.units), ("content/units.yaml", "functions", corpus.functions),
                  ("crosswalk/topics.yaml", "topics", corpus.topics)]
    for file, key, loaded in registries:
        raw, _ = yamlfile.load(root / file, file)
        assert raw[key], key
        for item in raw[key]:
            _compare(item, loaded[item["id"]], f"{key}.{item['id']}", seen)
    # Nested kinds too: a record's children, responsibility and its units, a link.
    for expected in ("demo-2020.effective_until", "demo-2020.dates", "demo-2020.source.body", "demo-2020.links[0].as_cited",
                     "demo-2020.records[1].children[0].responsibility.units[0].role"):
        assert expected in seen


# The worked example: a document's effective_until.

def test_a_bad_effective_until_date_fails_check_at_file_line_col(make_project):
    root = make_project(site_config=False)
    plant(root, "effective_until: 2030-02-30\n")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    col = len("effective_until: ") + 1
    assert f"{DOC}:8:{col}: demo-2020.effective_until: invalid date '2030-02-30'" in result.stdout.splitlines()


def test_effective_until_is_loaded_and_exported_and_absent_where_no_source_states_it(make_project):
    root = make_project(site_config=False)
    plant(root, PLANTED)
    corpus, problems = check(Paths.at(root))
    assert errors(problems) == []
    assert corpus.documents["demo-2020"].effective_until == "2030-12-31"
    rows = {row["id"]: row for row in json.loads(exports.documents(corpus)["documents.json"])}
    assert rows["demo-2020"]["effective_until"] == "2030-12-31"
    assert rows["china-2019"]["effective_until"] is None
    # In the schema's place: after the dates (and has_text, written with them).
    keys = list(rows["demo-2020"])
    assert keys[keys.index("has_text") + 1] == "effective_until"


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory) -> Path:
    from conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("declared") / "project")
    plant(project, PLANTED)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.parametrize("script_dir", ["", "zh-Hant/"])
def test_effective_until_is_shown_on_the_document_page_in_both_scripts(planted_site, script_dir):
    page = (planted_site / f"{script_dir}documents/demo-2020/index.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>有效期至</dt><dd>2030-12-31</dd>", page)
    other = (planted_site / f"{script_dir}documents/china-2019/index.html").read_text(encoding="utf-8")
    assert '<dl class="cw-metadata">' in other and "有效期至" not in other


def test_effective_until_is_on_the_schema_page(planted_site):
    page = (planted_site / "about/schema/index.html").read_text(encoding="utf-8")
    document = page[page.index('id="document"'):page.index('id="dates"')]
    assert "<code>effective_until</code></td><td><code>date</code>" in document
    assert "Date until which the document is in force, where a source states it." in document
