"""Frameworks are data: the two built-in ones, their titles and marks, user framework files."""

from __future__ import annotations

import pytest

from drafter.errors import DrafterError
from drafter.library.framework_file import load_framework_file
from drafter.library.model import UN_ORDER
from tests.conftest import EXAMPLES

OBJECTIVES = ("digital-divides", "digital-economy", "digital-space", "data-governance", "ai-governance")


def test_both_builtin_frameworks_load(library):
    assert list(library.frameworks) == ["gdc-2023", "gdc-2024"]
    assert all(fw.builtin for fw in library.frameworks.values())


def test_gdc_2024_has_the_five_objectives_in_order_after_its_principles(library):
    fw = library.frameworks["gdc-2024"]
    assert fw.theme_keys == ("cross-cutting", *OBJECTIVES)
    assert [t.number for t in fw.themes] == [0, 1, 2, 3, 4, 5]
    principles = fw.theme("cross-cutting")
    assert not principles.numbered and principles.title["en"] == "Principles" and principles.paragraphs == "8"
    assert [s.key for s in fw.sections] == ["principles", "commitments"]  # a 2023 spec's lists map one to one
    assert fw.sections[0].title["en"] == "Principles" and fw.sections[1].title["zh"] == "承诺"


def test_the_confirmed_english_titles_are_the_compacts_words(library):
    fw = library.frameworks["gdc-2024"]
    confirmed = {
        "digital-divides": "Close all digital divides and accelerate progress across the Sustainable Development Goals",
        "data-governance": "Advance responsible, equitable and interoperable data governance approaches",
        "ai-governance": "Enhance international governance of artificial intelligence for the benefit of humanity",
    }
    for key, title in confirmed.items():
        theme = fw.theme(key)
        assert theme.title["en"] == title and "en" not in theme.unofficial, key
    # the two English titles no search confirmed are marked, as is every title we translated
    for key in ("digital-economy", "digital-space"):
        assert "en" in fw.theme(key).unofficial, key
    for theme in fw.themes:
        if theme.key != "cross-cutting":
            assert {"zh", "ar", "fr", "ru", "es"} <= theme.unofficial, theme.key


def test_every_builtin_title_is_in_all_six_languages(library):
    for fw in library.frameworks.values():
        assert set(fw.languages) == set(UN_ORDER), fw.key
        for section in fw.sections:
            assert set(section.title) == set(UN_ORDER), (fw.key, section.key)


def test_subheadings_and_paragraph_ranges(library):
    fw = library.frameworks["gdc-2024"]
    space = fw.theme("digital-space")
    governance = next(s for s in space.subheadings if s.title["en"] == "Internet governance")
    assert governance.paragraphs == "26–29" and governance.confirmed and "en" not in governance.unofficial
    assert [s.title["en"] for s in fw.theme("digital-divides").subheadings][-1] == \
        "Digital public goods and digital public infrastructure"
    assert fw.theme("ai-governance").paragraphs == "50–63" and not fw.theme("ai-governance").confirmed


def test_gdc_2023_keeps_its_seven_themes_and_numbering(library):
    fw = library.frameworks["gdc-2023"]
    numbered = [t.key for t in fw.themes if t.numbered]
    assert numbered == ["connect", "fragmentation", "data", "human-rights", "accountability", "ai", "commons"]
    assert fw.numbering == "sequence" and fw.theme("cross-cutting").unofficial == frozenset(UN_ORDER)


def test_the_example_questionnaire(tmp_path):
    fw = load_framework_file(EXAMPLES / "frameworks" / "global-dialogue-2026.yaml")
    assert fw.key == "global-dialogue-2026" and not fw.builtin and not fw.numbered_paragraphs
    assert [t.key for t in fw.themes] == ["q1", "q2", "q3"]
    assert [s.key for s in fw.sections] == ["answer"] and not fw.sections[0].heading
    q1 = fw.theme("q1")
    assert str(q1.limit["en"]) == "300 words" and str(q1.limit["zh"]) == "600 characters"
    assert q1.prompt["en"].endswith("(max. 300 words)")
    assert fw.limit["en"].amount == 900


def _write(tmp_path, text: str):
    path = tmp_path / "fw.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_of_a_framework_file_at_once(tmp_path):
    path = _write(tmp_path, (
        "key: two-problems\ntitle: {en: T}\nsections:\n  - {key: answer, title: {en: A}, heading: maybe}\n"
        "themes:\n  - {key: q1, title: {en: Q}, limit: {en: {words: 0}}}\n"))
    with pytest.raises(DrafterError) as err:
        load_framework_file(path, "fw.yaml")
    lines = [str(p) for p in err.value.problems]
    assert lines[0].startswith("fw.yaml:4:44: sections[0].heading: expected true or false")
    assert lines[1].startswith("fw.yaml:6:51: themes[0].limit.en.words: limit 0 is out of range")


def test_a_user_framework_may_not_take_a_builtin_key(tmp_path, library):
    path = _write(tmp_path, "key: gdc-2023\ntitle: {en: T}\nsections:\n  - {key: a, title: {en: A}}\n"
                            "themes:\n  - {key: q1, title: {en: Q}}\n")
    with pytest.raises(DrafterError, match="already a built-in framework"):
        load_framework_file(path, reserved=library.frameworks)


def test_numbers_labels_and_unnumbered_themes(tmp_path):
    path = _write(tmp_path, (
        "key: labels\ntitle: {en: T}\nsections:\n  - {key: a, title: {en: A}}\nthemes:\n"
        "  - {key: intro, title: {en: I}, numbered: false}\n  - {key: q1, title: {en: Q}}\n"
        "  - {key: q2, title: {en: Q}, number: 2a}\n  - {key: q3, title: {en: Q}, paragraphs: 8 - 12}\n"))
    fw = load_framework_file(path)
    assert [(t.number, t.label) for t in fw.themes] == [(0, ""), (1, ""), (2, "2a"), (3, "")]
    assert fw.theme("q3").paragraphs == "8–12"


@pytest.mark.parametrize(("where", "expected"), [
    ("", False), ("limit: {en: {words: 900}}\n", True),
    ("themes:\n  - {key: q1, title: {en: Q}, limit: {en: {words: 300}}}\n", True),
    ("themes:\n  - key: q1\n    title: {en: Q}\n    sections:\n      - {key: answer, title: {en: A}, "
     "limit: {en: {words: 50}}}\n", True),
])
def test_has_limits_sees_a_limit_on_the_whole_a_theme_or_a_section(tmp_path, where, expected):
    """A render imports the counting only when `has_limits` (cli/rendering.py)."""
    themes = "" if "themes:" in where else "themes:\n  - {key: q1, title: {en: Q}}\n"
    sections = "sections:\n  - {key: answer, title: {en: Answer}}\n"
    fw = load_framework_file(_write(tmp_path, f"key: fw\ntitle: {{en: F}}\n{sections}{where}{themes}"))
    assert fw.has_limits is expected


def test_the_example_questionnaire_has_limits_and_the_builtin_frameworks_none(library):
    assert load_framework_file(EXAMPLES / "frameworks" / "global-dialogue-2026.yaml").has_limits
    assert not any(fw.has_limits for fw in library.frameworks.values())
