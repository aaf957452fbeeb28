"""Word and character counts on fixed texts, the rules a limit ("max. 300 words") is held to."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.document.counting import count, unit


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("", "en", 0),
        ("Connect all people to the Internet.", "en", 6),
        ("A people-centred, development-oriented approach", "en", 4),
        ("We — all of us — agree.", "en", 5),
        ("It costs 1,000 dollars, or 3.5 per cent.", "en", 8),
        ("the State's role", "en", 3),
        ("  many   spaces\nand\tlines ", "en", 4),
        ("L'homme et aujourd’hui : oui ; non !", "fr", 5),
        ("Conectar a todas las personas, ¿verdad?", "es", 6),
        ("Цифровой договор — для всех.", "ru", 4),
        ("الميثاق الرقمي العالمي، للجميع.", "ar", 4),
        ("وبالتكنولوجيا", "ar", 1),
        ("مُحَمَّد", "ar", 1),
        ("全球数字契约", "zh", 6),
        ("推动5G和IPv6发展，到2030年。", "zh", 10),
        ("人工智能（AI）治理：以人为本。", "zh", 11),
        ("，。、；：？！“”（）", "zh", 0),
        ("〇一二", "zh", 3),
    ],
)
def test_count(text: str, lang: str, expected: int) -> None:
    assert count(text, lang) == expected


def test_unit() -> None:
    assert unit("zh") == "characters"
    assert unit("zh-CN") == "characters"
    assert [unit(lang) for lang in ("ar", "en", "fr", "ru", "es")] == ["words"] * 5


def test_chinese_is_not_counted_as_words() -> None:
    # one run with no spaces would be one "word"; the rule counts each character
    assert count("数字治理", "zh") == 4
    assert count("数字治理", "en") == 1


# -- the class-table counting (issue 21) counts exactly as the rules applied character by character


def _reference_words(text: str) -> int:
    """The module docstring's word rule, one character at a time (the implementation before
    issue 21, kept here as the reference the fast one must equal)."""
    from drafter.document.counting import _DIGIT_JOINERS, _JOINERS, _is_word_char

    count, in_word, n = 0, False, len(text)
    for i, ch in enumerate(text):
        if _is_word_char(ch):
            count += 0 if in_word else 1
            in_word = True
            continue
        if in_word and i + 1 < n and _is_word_char(text[i + 1]) and (
                ch in _JOINERS or (ch in _DIGIT_JOINERS and text[i - 1].isdigit() and text[i + 1].isdigit())):
            continue
        in_word = False
    return count


def _reference_characters(text: str) -> int:
    from drafter.document.counting import _is_han, _is_word_char

    count, in_run = 0, False
    for ch in text:
        if _is_han(ch):
            count, in_run = count + 1, False
        elif _is_word_char(ch):
            count += 0 if in_run else 1
            in_run = True
        else:
            in_run = False
    return count


_ALPHABET = st.sampled_from(list("ab9 '\u2019\u02bc-.,\u2010\u2011\u00b2\u0663中〇ـ\u0301\u0915\u093f!?\n") +
                            ["x1.5", "people-centred", "中文5G", "l'homme"])


@given(st.lists(_ALPHABET, max_size=20).map("".join))
@settings(max_examples=500, deadline=None)
def test_counts_equal_the_rules_applied_character_by_character(text):
    from drafter.document.counting import _characters, _words

    assert _words(text) == _reference_words(text)
    assert _characters(text) == _reference_characters(text)
