"""The index finds an item from its own words, edited words, or a part, without a full scan."""

from __future__ import annotations

import pytest

from drafter.compare import Index
from drafter.library.model import Library


@pytest.fixture(scope="module")
def index(library: Library) -> Index:
    return Index((item.id, lang, text) for item in library.items.values() for lang, text in item.text.items())


def test_every_item_is_its_own_best_candidate(library: Library, index: Index) -> None:
    misses = []
    for item in library.items.values():
        for lang, text in item.text.items():
            found = [e.key for e in index.exact(text, lang)]
            top = [e.key for e, _ in index.candidates(text, lang, limit=3)]
            if item.id not in found or item.id not in top:
                misses.append((item.id, lang))
    assert not misses


def test_an_edited_paragraph_finds_its_item(library: Library, index: Index) -> None:
    item = library.get("cn-igf.connect.c1")
    words = item.text["en"].split()
    edited = " ".join(words[: len(words) // 2] + ["and", "furthermore"] + words[len(words) // 2 + 3 :])
    assert index.candidates(edited, "en", limit=1)[0][0].key == item.id
    zh = item.text["zh"]
    assert index.candidates(zh[:20] + "以及" + zh[25:], "zh", limit=1)[0][0].key == item.id


def test_languages_and_unknown_language(index: Index) -> None:
    assert index.languages == {"en", "zh"}
    assert index.candidates("Le numérique pour tous", "fr") == []
    assert index.exact("anything", "fr") == []


def test_small_index() -> None:
    index = Index([("a", "en", "Open data for all."), ("b", "en", "Closed systems for some.")])
    assert len(index) == 2
    assert [e.key for e, _ in index.candidates("open DATA", "en")] == ["a"]
    assert [e.key for e in index.exact("4. Open  data for all.", "en")] == ["a"]
