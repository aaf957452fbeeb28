"""compare/cache.py: a second run reads the index from the one cache instead of building it,
and the entries it restores carry their normal form and tokens, so matching a draft computes
neither again — with results equal to a freshly built index's."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compare import cache as index_cache
from drafter.compare import index as index_module
from drafter.compare.match import match


@pytest.fixture()
def counted(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The cache in a fresh folder; the list grows by one per index build."""
    builds: list[int] = []
    real = index_cache.build

    def build(library: object) -> index_cache.LibraryIndex:
        builds.append(1)
        return real(library)

    monkeypatch.setattr(index_cache, "build", build)
    return builds


def test_the_second_run_reads_the_index_instead_of_building_it(counted: list[int]) -> None:
    first = index_cache.cached_index(())
    assert len(counted) == 1
    again = index_cache.cached_index(())
    assert len(counted) == 1  # read from the cache, not built
    assert again is not first and again.items == first.items
    assert [(e.key, e.lang, e.text) for e in again.index.entries] == [
        (e.key, e.lang, e.text) for e in first.index.entries
    ]


def test_restored_entries_need_no_normalising_or_tokenising(
    counted: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    built = index_cache.cached_index(())
    expected = [(e.normal, e.toks) for e in built.index.entries]
    restored = index_cache.cached_index(())

    def refuse(*_: object) -> None:
        raise AssertionError("a restored entry was normalised or tokenised again")

    monkeypatch.setattr(index_module, "normalise", refuse)
    monkeypatch.setattr(index_module, "tokens", refuse)
    assert [(e.normal, e.toks) for e in restored.index.entries] == expected
    assert any(e.normal != e.text for e in restored.index.entries)  # the stored normal form is used


def test_a_restored_index_matches_as_the_built_one(counted: list[int]) -> None:
    built = index_cache.cached_index(())
    restored = index_cache.cached_index(())
    for entry in built.index.entries[::25]:
        edited = entry.text[: len(entry.text) * 2 // 3]
        a, b = match(edited, entry.lang, built.index), match(edited, entry.lang, restored.index)
        assert (a.status, a.score, a.extent, a.diff) == (b.status, b.score, b.extent, b.diff)
        assert [(p.entry.key, p.start, p.end) for p in a.pieces] == [(p.entry.key, p.start, p.end) for p in b.pieces]


def test_an_empty_text_restores_with_no_tokens(counted: list[int]) -> None:
    entry = index_module.Entry("k", "en", "", ("", ""))
    assert entry.toks == () and entry.normal == ""
