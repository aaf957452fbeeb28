"""Library search through the folded index (library/search.py, searchindex.py): the same hits,
scores and snippets as folding item by item, for plain, Chinese and case-folding-tricky text."""

from __future__ import annotations

from types import MappingProxyType

import pytest
from msgspec.structs import replace

from drafter.library.load import load_library, load_library_named
from drafter.library.model import Item, Library
from drafter.library.search import SEPARATOR, fold, search
from drafter.library.searchindex import folded_index

QUERIES = ["data", "digital cooperation", "数据", "DATA ai", "x", "cn-gdc", "strasse", "ss", "k", "i̇",
           "capacity-building", "nothing-matches-this", "数字 data", "\u212a"]


def tricky(library: Library) -> Library:
    """The built-in library plus items whose case folding changes lengths (ß, İ, the Kelvin
    sign, a ligature) and whose titles, tags and unofficial texts match."""
    extra = {}
    for n, (en, zh) in enumerate([("Straße and STRASSE", "数据"), ("İstanbul data \u212aelvin", "数字"),
                                  ("ﬁne data", "人工智能")], 1):
        item = next(iter(library.items.values()))
        new = replace(item, id=f"zz-test.t.{n}", text=MappingProxyType({"en": en, "zh": zh}),
                      title=MappingProxyType({"en": f"Title {en}"}), tags=("data", "k"),
                      unofficial=frozenset({"zh"} if n % 2 else set()))
        extra[new.id] = new
    return replace(library, items=MappingProxyType({**library.items, **extra}))


@pytest.fixture(scope="module")
def library() -> Library:
    return tricky(load_library())


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_gives_the_same_hits(library, query):
    folded = fold(library)
    assert folded is not None
    slow = search(library, query, limit=1000)
    fast = search(library, query, limit=1000, folded=folded)
    assert [(h.item.id, h.score, h.snippets) for h in fast] == [(h.item.id, h.score, h.snippets) for h in slow]
    assert [h.item.id for h in search(library, query, 3, folded)] == [h.item.id for h in slow[:3]]


def test_some_queries_do_match(library):
    assert len(search(library, "data", 1000, fold(library))) > 10
    assert [h.item.id for h in search(library, "strasse", 10, fold(library))] == ["zz-test.t.1"]


def test_an_index_of_another_library_is_not_used(library):
    other = fold(load_library())
    assert [h.item.id for h in search(library, "strasse", 10, other)] == ["zz-test.t.1"]


def test_a_separator_in_a_field_or_term_falls_back(library):
    item: Item = library.items["zz-test.t.1"]
    odd = replace(library, items=MappingProxyType({**library.items, item.id: replace(
        item, text=MappingProxyType({"en": f"a{SEPARATOR}b", "zh": "数据"}))}))
    assert fold(odd) is None
    assert search(library, f"a{SEPARATOR}b", 10, fold(library)) == search(library, f"a{SEPARATOR}b", 10)


def test_the_index_is_cached_and_checked(cache_folder, monkeypatch):
    lib, name = load_library_named()
    first = folded_index(lib, name)
    assert list(cache_folder.glob("search-*.marshal"))
    monkeypatch.setattr("drafter.library.searchindex.fold", lambda _: pytest.fail("folded again"))
    assert folded_index(lib, name) == first
    with pytest.raises(pytest.fail.Exception):  # the entry is not this library's: folded anew
        folded_index(tricky(lib), name)
