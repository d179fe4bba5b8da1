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


def test_derived_views_are_dropped_with_their_corpus(make_project):
    """The views are kept beside the corpus (``analysis.derived``), not in it: a corpus a build
    has finished with is freed with everything derived from it, under ``mkdocs serve`` too,
    where every rebuild loads a new one.  A view that held its corpus would keep it alive."""
    import dataclasses
    import gc
    import weakref

    from generator.analysis import derived, duties, ranks, topic_coverage
    from generator.content.model import Corpus
    from generator.site.pages.documents import display_name

    root = make_project(site_config=False)
    corpus, _ = check(Paths.at(root))
    record = corpus.records["demo-2020/preamble"]
    made = [precedents.precedents(corpus), topic_coverage.cached(corpus), duties.duties(corpus),
            duties.units_by_jurisdiction(corpus), ranks.jurisdiction_order(corpus), ranks.document_rank(corpus),
            citations.of(corpus, record), citations.quote(corpus, record),
            citations.csl_item_of(corpus, corpus.documents["demo-2020"]),
            display_name(corpus, corpus.documents["demo-2020"])]
    assert all(v is not None for v in made)
    assert topic_coverage.COVERAGE.held(corpus) is made[1]
    copy = dataclasses.replace(corpus)
    derived.carry(corpus, copy)   # as a serve preview does
    assert topic_coverage.cached(copy) is made[1]

    gone = weakref.ref(corpus)
    del corpus, record, made, copy
    gc.collect()
    assert gone() is None
    assert not [f.name for f in dataclasses.fields(Corpus) if "derived" in f.name] and not hasattr(Corpus, "derived")
