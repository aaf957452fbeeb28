"""Word and character counts on fixed texts, the rules a limit ("max. 300 words") is held to."""

from __future__ import annotations

import pytest

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
