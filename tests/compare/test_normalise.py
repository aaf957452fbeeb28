"""Normalisation: numbering, width, marks and wraps removed; words, case and punctuation kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.compare import diff_tokens, normalise, tokens
from drafter.compare.tokens import features
from drafter.document.labels import LABELS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4. Connect all people", "Connect all people"),
        ("4.1. Connect", "Connect"),
        ("(a) the thing", "the thing"),
        ("a) the thing", "the thing"),
        ("iv. the thing", "the thing"),
        ("1. (a) nested", "nested"),
        ("一、关于数字连接", "关于数字连接"),
        ("（一）加强合作", "加强合作"),
        ("1.加强合作", "加强合作"),
        ("第一条 规定", "规定"),
        ("• bullet text", "bullet text"),
        ("e.g. this", "e.g. this"),
        ("4.5 billion people", "4.5 billion people"),
        ("2030 Agenda", "2030 Agenda"),
        ("A state", "A state"),
        ("  Hello\n  world  ", "Hello world"),
        ("数字 连接，合作", "数字连接,合作"),
        ("Ｆｕｌｌ　ｗｉｄｔｈ", "Full width"),
        ("soft\u00adhyphen", "softhyphen"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text, "en") == expected


@pytest.mark.parametrize("key", ["unofficial", "edited"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("shape", ["({})", "（{}）", "[{}]", " *({})*"])
def test_drafter_marks_are_removed_in_every_shape(key: str, lang: str, shape: str) -> None:
    mark = shape.format(LABELS[key][lang])
    assert normalise("Some words." + mark, lang) == "Some words."


def test_diff_tokens_keep_every_character() -> None:
    text = "We   support\n“open” data — 数字合作IPv6，and don't."
    assert "".join(diff_tokens(text)) == text
    assert tokens("don't multi-stakeholder 数字") == ["don't", "multi-stakeholder", "数", "字"]


def test_features_are_words_and_cjk_bigrams() -> None:
    assert features("Open DATA, 数字合作") == {"open", "data", "数字", "字合", "合作"}
    assert features("一") == {"一"}


# `tokens` scans with a pattern that has no whitespace alternative (`_SOLID`), for speed; it
# must find exactly the non-whitespace tokens of the full pattern (`diff_tokens`).
PIECES = [*"ab1_-'’ \t\n\u3000\u00a0\x1f。，的数IPv6(（", "don't", "multi-stakeholder"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=30))
def test_tokens_are_the_non_space_diff_tokens(text: str) -> None:
    from drafter.compare.tokens import token_spans

    expected = [t for t in diff_tokens(text) if not t.isspace()]
    assert tokens(text) == expected
    assert [text[a:b] for a, b in token_spans(text)] == expected


def test_every_character_tokenises_alike() -> None:
    """Each code point alone, and between letters: whitespace to `\\s` and `isspace` alike."""
    for start in range(0, 0x110000, 0x1000):
        text = "a" + "a".join(map(chr, range(start, start + 0x1000))) + "b"
        assert tokens(text) == [t for t in diff_tokens(text) if not t.isspace()], hex(start)
