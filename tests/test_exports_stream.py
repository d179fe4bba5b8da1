"""provisions.json is written in pieces as it is made; the pieces are the bytes ``dumps`` gives
for the whole list, whatever the batch size."""

from __future__ import annotations

from generator.site import exports


def test_the_streamed_file_is_the_list_dumped_whole(corpus, monkeypatch):
    rows = list(exports.provision_rows(corpus))
    assert len(rows) > 200
    whole = exports.dumps(rows)
    assert b"".join(exports.stream(iter(rows))) == whole
    monkeypatch.setattr(exports, "_BATCH", 7)   # batches that end mid-document
    assert b"".join(exports.provisions(corpus)["provisions.json"]) == whole


def test_an_empty_list_streams_as_dumps_writes_it():
    assert b"".join(exports.stream([])) == exports.dumps([]) == b"[]\n"
    assert b"".join(exports.stream([{"a": 1}])) == exports.dumps([{"a": 1}])
