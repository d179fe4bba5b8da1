"""What a build derives from a corpus, made once for that corpus and dropped with it.

Each view is declared once, where it is computed, as a typed ``Derived`` (``DUTIES =
Derived("unit duties", _duties)``) and read with ``DUTIES.of(corpus)``.  The values are kept
here, beside the corpus and not in it, so the content wing's ``Corpus`` holds only what the
content says.  They live and die with the corpus a build loaded: under ``mkdocs serve`` each
rebuild loads a new corpus, and an edited source or record is read afresh, never from a
cache that outlived the build before (test_build_caches.py).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from generator.content.model import Corpus

T = TypeVar("T")

# id(corpus) → (a weak reference to it, its derived values).  A reference's callback drops
# the entry when its corpus is collected, before Python can give that id to another object.
_STORES: dict[int, tuple[weakref.ref, dict[Derived, object]]] = {}


def _store(corpus: Corpus) -> dict[Derived, object]:
    key = id(corpus)
    entry = _STORES.get(key)
    if entry is None or entry[0]() is not corpus:
        def drop(_: weakref.ref) -> None:
            _STORES.pop(key, None)
        entry = (weakref.ref(corpus, drop), {})
        _STORES[key] = entry
    return entry[1]


class Derived(Generic[T]):
    """One view of a corpus, ``make(corpus)``, made on first use and kept while the corpus lives."""

    def __init__(self, name: str, make: Callable[[Corpus], T]):
        self.name = name
        self.make = make

    def __repr__(self) -> str:
        return f"Derived({self.name!r})"

    def of(self, corpus: Corpus) -> T:
        store = _store(corpus)
        if self not in store:
            store[self] = self.make(corpus)
        return store[self]  # type: ignore[return-value]  # stored by this very key

    def held(self, corpus: Corpus) -> T | None:
        """The value if ``corpus`` has made it already, else None (nothing is made)."""
        return _store(corpus).get(self)  # type: ignore[return-value]  # stored by this very key, if at all

    def put(self, corpus: Corpus, value: T) -> None:
        """Give ``corpus`` this view, made otherwise (a serve preview brings one up to date)."""
        _store(corpus)[self] = value


def carry(old: Corpus, new: Corpus) -> None:
    """``new`` takes what ``old`` derived, as it was: a serve preview puts an edited document
    or mapping into a copy of the last build's corpus and keeps the rest of its analysis."""
    _store(new).update(_store(old))
