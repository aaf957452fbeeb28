"""The difference engine: diff joins back to both texts exactly; similarity and same_words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.compare import diff, new_text, old_text, same_words, similarity, unit

ENGLISH = st.lists(
    st.sampled_from(list("abcdefg xyz,.;-'\n\tABC 12") + ["digital", " the ", "data", "  "]), max_size=40
).map("".join)
CHINESE = st.lists(
    st.sampled_from(list("数字合作发展的和在国际，。、（）“” \nIPv6") + ["网络空间", "命运共同体"]), max_size=40
).map("".join)
ANY = st.text(max_size=60)


@given(ENGLISH, ENGLISH)
def test_english_diff_joins_back_to_both_texts(a: str, b: str) -> None:
    parts = diff(a, b, "en")
    assert old_text(parts) == a
    assert new_text(parts) == b


@given(CHINESE, CHINESE)
def test_chinese_diff_joins_back_to_both_texts(a: str, b: str) -> None:
    parts = diff(a, b, "zh")
    assert old_text(parts) == a
    assert new_text(parts) == b


@given(ANY, ANY)
def test_any_text_diff_joins_back(a: str, b: str) -> None:
    parts = diff(a, b, "en")
    assert (old_text(parts), new_text(parts)) == (a, b)


@given(ENGLISH, ENGLISH)
def test_diff_parts_are_tidy(a: str, b: str) -> None:
    parts = diff(a, b, "en")
    assert all(text for _, text in parts), "no empty parts"
    ops = [op for op, _ in parts]
    for first, second in zip(ops, ops[1:], strict=False):
        assert first != second, f"adjacent {first} parts"
        assert (first, second) != ("insert", "delete"), "deletions come before insertions"


@given(ENGLISH)
def test_same_text_is_one_equal_part(a: str) -> None:
    assert diff(a, a, "en") == ((("equal", a),) if a else ())
    assert similarity(a, a, "en") == 1.0


def test_english_diff_is_word_level() -> None:
    parts = diff("We support open data.", "We support open and shared data.", "en")
    assert parts == (("equal", "We support open "), ("insert", "and shared "), ("equal", "data."))


def test_replacement_reads_as_one_change() -> None:
    parts = diff("the big red dog barked", "a small blue cat barked", "en")
    assert parts == (("delete", "the big red dog"), ("insert", "a small blue cat"), ("equal", " barked"))


def test_chinese_diff_is_character_level() -> None:
    parts = diff("在国际和区域合作机制内", "在国际合作机制中", "zh")
    assert parts == (
        ("equal", "在国际"),
        ("delete", "和区域"),
        ("equal", "合作机制"),
        ("delete", "内"),
        ("insert", "中"),
    )


def test_latin_word_inside_chinese_is_one_unit() -> None:
    parts = diff("推广IPv6部署", "推广IPv4部署", "zh")
    assert ("delete", "IPv6") in parts and ("insert", "IPv4") in parts


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("4. We  support\nopen data.", "We support open data.", "en"),
        ("(a) We support open data", "We support open data", "en"),
        ("一、加强数字合作。", "加强数字合作。", "zh"),
        ("（一）加强数字合作，促进发展。", "加强数字合作,促进发展.", "zh"),
        ("加强数字\n合作", "加强数字合作", "zh"),
        ("We support “open” data.", 'We support "open" data.', "en"),
        ("We support open data. (unofficial translation)", "We support open data.", "en"),
        ("加强数字合作（非官方译文）", "加强数字合作", "zh"),
        ("We support open data.[^3]", "We support open data.", "en"),
        ("We support open data , and more", "We support open data, and more", "en"),
    ],
)
def test_what_does_not_count_as_a_change(a: str, b: str, lang: str) -> None:
    assert same_words(a, b, lang)
    assert similarity(a, b, lang) == 1.0


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("We support open data.", "We support Open data.", "en"),  # case is wording
        ("We support open data.", "We support open data!", "en"),  # punctuation itself counts
        ("We support open data.", "We supports open data.", "en"),
        ("加强数字合作", "加强数据合作", "zh"),
        ("e.g. open data", "open data", "en"),  # "e." is not a paragraph number
        ("ab cd", "abcd", "en"),
    ],
)
def test_what_counts_as_a_change(a: str, b: str, lang: str) -> None:
    assert not same_words(a, b, lang)
    assert similarity(a, b, lang) < 1.0


def test_similarity_counts_words_and_characters() -> None:
    assert similarity("a b c d", "a b x d", "en") == pytest.approx(0.75)
    assert similarity("数字合作", "数据合作", "zh") == pytest.approx(0.75)
    assert similarity("", "", "en") == 1.0
    assert similarity("word", "", "en") == 0.0


@given(ENGLISH, ENGLISH)
def test_similarity_is_a_symmetric_score_in_unit_interval(a: str, b: str) -> None:
    s = similarity(a, b, "en")
    assert 0.0 <= s <= 1.0
    assert s == similarity(b, a, "en")
    assert (s == 1.0) == same_words(a, b, "en")


def test_units() -> None:
    assert unit("zh") == "character"
    assert unit("zh-Hant") == "character"
    assert unit("en") == "word"
