"""The matcher's verdicts, and the thresholds that decide them (mutation tests at the edges)."""

from __future__ import annotations

import pytest

from drafter.compare import Index
from drafter.compare.match import EDITED_MIN, MARGIN, match
from drafter.library.model import Library

WORDS = [f"{w}word" for w in "abcdefghijklmnopqrst"]


@pytest.fixture(scope="module")
def index(library: Library) -> Index:
    return Index((item.id, lang, text) for item in library.items.values() for lang, text in item.text.items())


def _replaced(k: int) -> str:
    return " ".join(f"new{i}" if i < k else w for i, w in enumerate(WORDS))


def test_edited_threshold_flips_status_at_its_edge() -> None:
    one = Index([("x.y", "en", " ".join(WORDS))])
    # 20 words, k replaced: similarity 1 - 2k/40
    above, below = _replaced(8), _replaced(9)
    assert match(above, "en", one).score == pytest.approx(EDITED_MIN)
    assert match(above, "en", one).status == "edited"
    assert match(below, "en", one).status == "new"
    assert match(below, "en", one).nearest is not None and match(below, "en", one).nearest.entry.key == "x.y"
    assert match(below, "en", one).score < EDITED_MIN
    # the threshold is the one applied: moving it moves the verdict
    assert match(above, "en", one, edited_min=EDITED_MIN + 0.01).status == "new"
    assert match(below, "en", one, edited_min=EDITED_MIN - 0.06).status == "edited"


def test_chinese_threshold_counts_characters() -> None:
    text = "加强数字基础设施建设与创新发展促进互联互通"  # 20 characters
    one = Index([("x.zh", "zh", text)])
    above = "甲乙丙丁戊己庚辛" + text[8:]
    below = "甲乙丙丁戊己庚辛壬" + text[9:]
    assert match(above, "zh", one).status == "edited"
    assert match(below, "zh", one).status == "new"


def test_verbatim_edited_new(library: Library, index: Index) -> None:
    item = library.get("cn-igf.connect.c1")
    m = match("5.\t" + item.text["en"] + " [edited]", "en", index)
    assert (m.status, m.score, m.extent, m.pieces[0].entry.key) == ("verbatim", 1.0, "whole", item.id)
    assert m.diff == (("equal", item.text["en"]),)
    edited = item.text["en"].replace("accelerated", "sped up")
    m = match(edited, "en", index)
    assert (m.status, m.extent, m.pieces[0].entry.key) == ("edited", "whole", item.id)
    assert ("delete", "accelerated") in m.diff and ("insert", "sped up") in m.diff
    assert EDITED_MIN < m.score < 1.0
    m = match("We love cats and dogs very much indeed, said the delegate.", "en", index)
    assert (m.status, m.extent, m.pieces, m.diff) == ("new", None, (), ())


def test_part_of_an_item(library: Library, index: Index) -> None:
    item = library.get("cn-igf.connect.c1")
    sentence = item.text["en"].split(". ")[1] + "."
    m = match(sentence, "en", index)
    assert (m.status, m.extent, m.pieces[0].entry.key) == ("verbatim", "part", item.id)
    assert m.pieces[0].text == sentence
    zh = item.text["zh"].split("；")[1]
    m = match(zh, "zh", index)
    assert (m.status, m.extent, m.pieces[0].entry.key) == ("verbatim", "part", item.id)


def test_join_of_two_items(library: Library, index: Index) -> None:
    a, b = library.get("cn-igf.connect.c1"), library.get("cn-gdc.data.1")
    m = match(a.text["en"] + " " + b.text["en"], "en", index)
    assert (m.status, m.extent, [p.entry.key for p in m.pieces]) == ("verbatim", "join", [a.id, b.id])
    m = match(b.text["zh"] + a.text["zh"].replace("鼓励", "支持"), "zh", index)
    assert (m.status, m.extent, [p.entry.key for p in m.pieces]) == ("edited", "join", [b.id, a.id])


def test_a_lightly_edited_paragraph_is_not_called_a_part(library: Library, index: Index) -> None:
    item = library.get("cn-gdc.data.1")
    shorter = item.text["en"].replace("comprehensive, objective and ", "")
    m = match(shorter, "en", index)
    assert (m.status, m.extent) == ("edited", "whole")
    assert MARGIN > 0
