"""What a build derives lives with the corpus it loaded: under ``mkdocs serve`` each rebuild
loads a new corpus, and an edited source or record must be read afresh, not from a cache
that outlived the build before (citations once read source lines through a cache keyed by
path, as validation did: issue #14's stale cache)."""

from __future__ import annotations

from generator.analysis import citations, precedents
from generator.content.load import Paths
from generator.content.validate import check, errors

SOURCE = "content/sources/demo-2020-opinion.txt"
DOC = "content/documents/demo-2020.yaml"


def edit(root, file, old, new):
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_rebuild_reads_an_edited_source_afresh(make_project):
    root = make_project(site_config=False)
    first, problems = check(Paths.at(root))
    assert errors(problems) == []
    before = citations.quote(first, first.records["demo-2020/preamble"])
    assert "发展社区协商" in before

    # The same file, edited between two builds, as an editor does under mkdocs serve.
    edit(root, SOURCE, "为发展社区协商", "为推进社区协商")
    edit(root, DOC, "text: 为发展社区协商", "text: 为推进社区协商")
    second, problems = check(Paths.at(root))
    assert errors(problems) == []
    after = citations.quote(second, second.records["demo-2020/preamble"])
    assert "推进社区协商" in after and "发展社区协商" not in after


def test_derived_data_belongs_to_its_corpus(make_project):
    root = make_project(site_config=False)
    one, _ = check(Paths.at(root))
    two, _ = check(Paths.at(root))
    assert precedents.precedents(one) is precedents.precedents(one)       # made once per corpus
    assert precedents.precedents(one) is not precedents.precedents(two)   # never shared between builds
