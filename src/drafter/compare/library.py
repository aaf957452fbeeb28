"""The library as the difference engine sees it: an `Index` of every item's texts, with what a
report needs to cite each one (source, reference, whether the text is an unofficial translation).

Built once per process from a loaded `Library`; `library_index` also keeps it in a cache file
keyed by the exact bytes of the library files (see `cache.py`), so a 14,000-item user library
is neither re-validated nor re-indexed on every run.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from drafter.compare.index import Index


class Cited(Struct, frozen=True):
    """What a report says about an item."""

    id: str
    source: str
    ref: Mapping[str, str]
    unofficial: frozenset[str]
    themes: tuple[str, ...]
    section: str

    def ref_in(self, lang: str) -> str:
        return self.ref.get(lang) or next(iter(self.ref.values()), "")


class LibraryIndex(Struct, frozen=True):
    """The library's paragraphs indexed for matching drafts against them, per language."""

    index: Index
    items: Mapping[str, Cited]

    @property
    def languages(self) -> frozenset[str]:
        return self.index.languages


def build(library: object) -> LibraryIndex:
    """Index every text of every item of a loaded `drafter.library.Library`."""
    from drafter.library.model import Library

    assert isinstance(library, Library)
    items = library.items.values()
    index = Index((item.id, lang, text) for item in items for lang, text in item.text.items())
    cited = {
        item.id: Cited(item.id, item.source, dict(item.ref), frozenset(item.unofficial), item.themes, item.section)
        for item in items
    }
    return LibraryIndex(index, cited)
