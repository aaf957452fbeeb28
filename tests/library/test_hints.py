"""Did-you-mean over ids: rapidfuzz within the id's own group first, a few full scans a spec."""

from __future__ import annotations

from drafter.errors import MAX_SHOWN, Location, Problem, cap
from drafter.library.model import IdIndex


def test_the_narrowest_group_is_searched_first():
    index = IdIndex(("a.x.1", "a.x.2", "a.y.1", "b.x.1"))
    assert index.closest("a.x.3") in ("a.x.1", "a.x.2")
    assert index.closest("a.z.1", full_scan=False) in ("a.x.1", "a.y.1")  # the source's group
    assert index.closest("q.q.q", full_scan=False) is None
    assert index.closest("b.x.2") == "b.x.1"


def test_a_huge_word_gets_no_hint_and_is_not_echoed_in_full():
    index = IdIndex(("a.x.1",))
    word = "a." + "x" * 1_000_000
    assert index.closest(word) is None
    line = str(Problem(Location("spec.yaml", 3, 5), f"unknown item id {word!r}", hint="look"))
    assert len(line) < 4 * MAX_SHOWN and "characters left out" in line and line.endswith("(look)")
    assert cap("short") == "short"
