"""The crosswalk gdc-2023 → gdc-2024: every library item has a place in both frameworks."""

from __future__ import annotations

from collections import Counter

import pytest

from drafter.library.crosswalk import read_crosswalk
from drafter.load.yaml import loads

PARTS = ("preamble", "closing")


def places(library, framework):
    keys = library.frameworks[framework].theme_keys
    return {item.id: library.home(item, framework) for item in library.items.values()}, (*keys, *PARTS)


@pytest.mark.parametrize("framework", ["gdc-2023", "gdc-2024"])
def test_every_one_of_the_138_items_has_a_place(library, framework):
    homes, valid = places(library, framework)
    assert len(homes) == 138
    missing = [item_id for item_id, home in homes.items() if home not in valid]
    assert not missing, missing


def test_the_crosswalk_summary(library):
    """The counts docs/frameworks.md states; a change to the crosswalk must update the docs."""
    homes, _ = places(library, "gdc-2024")
    assert Counter(homes.values()) == {
        "digital-space": 49, "digital-divides": 25, "data-governance": 18, "cross-cutting": 13,
        "ai-governance": 13, "digital-economy": 12, "preamble": 6, "closing": 2,
    }


def test_theme_level_mapping_is_complete_and_in_the_target(library):
    walk = library.crosswalk("gdc-2023", "gdc-2024")
    assert set(walk.themes) == set(library.frameworks["gdc-2023"].theme_keys)
    assert walk.themes["connect"] == "digital-divides" and walk.themes["ai"] == "ai-governance"
    assert walk.themes["human-rights"] == walk.themes["fragmentation"] == "digital-space"
    assert walk.sections == {"principles": "principles", "commitments": "commitments"}


def test_item_exceptions_win_only_under_the_items_own_theme(library):
    walk = library.crosswalk("gdc-2023", "gdc-2024")
    trade = library.items["gdi-nonpaper.economy.3"]  # digital trade, themed `fragmentation`
    assert trade.themes[0] == "fragmentation"
    assert walk.place(trade, "fragmentation") == "digital-economy"  # where the library puts it
    assert walk.place(trade, "connect") == "digital-divides"  # the drafter put it elsewhere on purpose
    unthemed = library.items["gdi-nonpaper.economy.2"]
    assert not unthemed.themes and walk.place(unthemed, "data") == "digital-economy"
    assert walk.home(library.items["cn-gdc.preamble.1"]) == "preamble"
    assert walk.home(library.items["cn-cyberspace-wp.iv.1"]) == "cross-cutting"  # cyber sovereignty: a principle


def test_include_by_objective_finds_the_2023_items(library):
    economy = library.select(theme="digital-economy", framework="gdc-2024")
    assert {i.id for i in economy} >= {"gdi-nonpaper.economy.2", "cn-cyberspace-wp.iv.3"}
    assert len(economy) == 12
    assert library.framework_of_theme("ai-governance") == "gdc-2024"


def test_a_bad_crosswalk_is_located(library):
    doc = loads("from: gdc-2023\nto: gdc-2024\nthemes:\n  connect: nowhere\nunthemed: {other: cross-cutting}\n"
                "items: {cn-igf.nope.1: digital-economy}\n", "walk.yaml")
    walk, ck = read_crosswalk(doc, library.frameworks, library.items)
    lines = [str(p) for p in ck.problems]
    assert walk is None
    expected = "walk.yaml:4:12: themes.connect: 'nowhere' is not a theme of gdc-2024"
    assert any(line.startswith(expected) for line in lines)
    assert any("theme 'fragmentation' of gdc-2023 has no place in gdc-2024" in line for line in lines)
    assert any(line.startswith("walk.yaml:6:9: items.cn-igf.nope.1: unknown item id") for line in lines)
