"""Spec validation: every bad input is one located error with a hint, all reported at once."""

from __future__ import annotations

import re

import pytest

from drafter.errors import DrafterError
from drafter.load.yaml import loads
from drafter.spec.check import check_spec
from tests.conftest import FIXTURES

BASE = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
LOCATED = re.compile(r"^spec\.yaml:\d+:\d+: ")


def check(text: str, library):
    return check_spec(loads(text, "spec.yaml"), library)


def errors_of(text: str, library) -> list[str]:
    with pytest.raises(DrafterError) as exc:
        check(text, library)
    lines = [str(p) for p in exc.value.problems]
    for line in lines:
        assert LOCATED.match(line), line
    return lines


def test_minimal_spec_is_valid(library):
    spec = check(BASE, library)
    assert spec.languages == ("en", "zh")
    assert spec.layout == "parallel"
    assert [e.use for e in spec.themes[0].sections["commitments"]] == ["cn-igf.connect.c1", None]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "cn-igf.connect.p1",
            "cn-igf.conect.p1",
            "unknown item id 'cn-igf.conect.p1' (did you mean 'cn-igf.connect.p1'?)",
        ),
        ("  connect:\n", "  conect:\n", "themes.conect: unknown theme 'conect' (did you mean 'connect'?)"),
        ("languages: [en, zh]", "languages: [en, de]", "unknown language 'de'"),
        (
            "languages: [en, zh]",
            "languages: [en, zh]\n  layout: paralel",
            "unknown layout 'paralel' (did you mean 'parallel'?)",
        ),
        ("drafter: 1", "drafter: 1\ntitel: x", "unknown key 'titel'"),
        ('  date: "2023-04-28"', "  date: 28/04/2023", "bad date '28/04/2023'"),
        (
            'title: {en: "Minimal submission", zh: 最简意见}',
            'title: {en: "Minimal submission"}',
            "the title has no zh text",
        ),
        ("submitter: {en: Example, zh: 示例}", "submitter: {zh: 示例}", "the submitter has no en text"),
        (
            'text: {en: "Our own commitment.", zh: 我们自己的承诺。}',
            'text: {en: "Our own commitment."}',
            "this new paragraph has no zh text",
        ),
        ("drafter: 1", "drafter: 2", "unsupported spec format version 2"),
        ("drafter: 1", "drafter: one", "expected the spec format version"),
        ("languages: [en, zh]", "languages: en", "expected a list"),
        ("      - use: cn-igf.connect.p1", "      - cn-igf.connect.p1", "write `- use: cn-igf.connect.p1`"),
        (
            "      - use: cn-igf.connect.p1",
            "      - use: cn-igf.connect.p1\n        colour: red",
            "unknown key 'colour'",
        ),
        ("languages: [en, zh]", "languages: [en, zh]\n  governing: de", "unknown language 'de'"),
        ("languages: [en, zh]", "languages: [en, en]", "listed twice"),
        ("languages: [en, zh]", "languages: []", "no language given"),
        ("drafter: 1", "drafter: 1\nframework: gdc-2099", "unknown framework 'gdc-2099'"),
        ("drafter: 1", "drafter: 1\noptions: {provenance: endnotes}", "unknown provenance mode 'endnotes'"),
        ("drafter: 1", "drafter: 1\noptions: {mark_edits: no}", "'no' would be read as a yes/no value"),
        (
            "  connect:\n",
            "  data:\n    include: {source: cn-ig}\n  connect:\n",
            "unknown source 'cn-ig' (did you mean 'cn-igf'?)",
        ),
        ("  connect:\n", "  data:\n    include: {colour: red}\n  connect:\n", "unknown filter 'colour'"),
        (
            'text: {en: "Our own commitment.", zh: 我们自己的承诺。}',
            'text: {en: "Our own\\u0007 commitment.", zh: 我们自己的承诺。}',
            "control character U+0007",
        ),
        (
            'title: {en: "Minimal submission"',
            "title: {en: 1234",
            "expected text, got a whole number (quote the value to make it text)",
        ),
    ],
)
def test_bad_spec(library, old, new, expected):
    assert old in BASE, old
    lines = errors_of(BASE.replace(old, new, 1), library)
    assert any(expected in line for line in lines), lines


def test_error_points_at_the_line(library):
    lines = errors_of(BASE.replace("cn-igf.connect.p1", "cn-igf.nope.p1"), library)
    assert lines[0].startswith("spec.yaml:10:")
    assert "themes.connect.principles[0].use" in lines[0]


def test_every_problem_reported_at_once(library):
    text = (
        BASE.replace("cn-igf.connect.p1", "nope.x")
        .replace("cn-igf.connect.c1", "nope.y")
        .replace("[en, zh]", "[en, zh]\n  layout: wrong")
    )
    assert len(errors_of(text, library)) == 3


def test_duplicate_keys_are_errors(library):
    with pytest.raises(DrafterError, match="duplicate key 'connect'"):
        check(BASE + "  connect:\n    principles: []\n", library)


def test_one_sided_edit_warns_and_strict_is_separate(library):
    text = BASE.replace(
        "      - use: cn-igf.connect.p1", "      - use: cn-igf.connect.p1\n        text: {en: Changed.}"
    )
    spec = check(text, library)
    assert len(spec.warnings) == 1
    assert "edited in en but not in zh" in str(spec.warnings[0])


def test_both_languages_edited_does_not_warn(library):
    text = BASE.replace(
        "      - use: cn-igf.connect.p1", "      - use: cn-igf.connect.p1\n        text: {en: Changed., zh: 已改。}"
    )
    assert check(text, library).warnings == ()


def test_single_language_accepts_plain_strings(library):
    text = BASE.replace("[en, zh]", "[en]").replace('title: {en: "Minimal submission", zh: 最简意见}', "title: Minimal")
    spec = check(text, library)
    assert spec.title == {"en": "Minimal"} and spec.layout == "single"


def test_governing_outside_the_languages_warns_and_is_dropped(library):
    spec = check(BASE.replace("languages: [en, zh]", "languages: [en]\n  governing: zh"), library)
    assert spec.governing is None
    assert any("no governing clause is added" in str(w) for w in spec.warnings)


def test_theme_null_is_left_out(library):
    spec = check(BASE.replace("  connect:\n", "  data: null\n  connect:\n"), library)
    assert [t.key for t in spec.themes] == ["connect"]


def test_include_routes_by_section_and_skips_duplicates(library):
    text = BASE + "  ai:\n    include: {source: cn-igf}\n    principles:\n      - use: cn-igf.ai.p1\n"
    spec = check(text, library)
    ai = next(t for t in spec.themes if t.key == "ai")
    principles = [e.use for e in ai.sections["principles"]]
    assert principles[0] == "cn-igf.ai.p1" and principles.count("cn-igf.ai.p1") == 1
    assert {library.items[e.use].section for e in ai.sections["commitments"]} == {"commitments"}
