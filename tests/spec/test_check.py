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


def test_one_sided_edit_warns_and_strict_is_separate(library, runner, tmp_path):
    """A warning is returned beside the spec (validation passes); `--strict` makes the same
    warning an error: exit 2, the located line marked [--strict], and nothing rendered."""
    from drafter.cli import main

    text = BASE.replace(
        "      - use: cn-igf.connect.p1", "      - use: cn-igf.connect.p1\n        text: {en: Changed.}"
    )
    spec = check(text, library)
    assert len(spec.warnings) == 1
    assert "edited in en but not in zh" in str(spec.warnings[0])
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    relaxed = runner.invoke(main, ["validate", str(path)])
    assert relaxed.exit_code == 0 and "warning: " in relaxed.stderr
    strict = runner.invoke(main, ["validate", "--strict", str(path)])
    assert strict.exit_code == 2 and "edited in en but not in zh" in strict.stderr and "[--strict]" in strict.stderr
    assert "warning: " not in strict.stderr  # an error now, not a warning
    out = tmp_path / "out.md"
    assert runner.invoke(main, ["render", "--strict", str(path), "--format", "md", "-o", str(out)]).exit_code == 2
    assert not out.exists()


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


# -- masthead and forms (issue 13) ----------------------------------------------------------

FORM_KEYS = BASE.replace('  languages: [en, zh]\n', '  languages: [en, zh]\n  form: letter\n  symbol: "A/79/123"\n'
                         '  original_language: zh\n  agenda_item: {en: Agenda item 13, zh: 议程项目13}\n'
                         '  addressee: {en: President of the General Assembly, zh: 大会主席}\n'
                         '  signatory: {en: "A. N. Example\\nAmbassador", zh: "阿·恩·示例\\n大使"}\n')


def test_masthead_and_form_keys_are_read(library):
    spec = check(FORM_KEYS, library)
    assert (spec.form, spec.symbol, spec.original_language) == ("letter", "A/79/123", "zh")
    assert dict(spec.agenda_item) == {"en": "Agenda item 13", "zh": "议程项目13"}
    assert spec.addressee["en"] == "President of the General Assembly"
    assert spec.signatory["zh"] == "阿·恩·示例\n大使"
    assert not spec.warnings
    plain = check(BASE, library)
    assert (plain.form, plain.symbol, plain.original_language, dict(plain.signatory)) == ("contribution", "", None,
                                                                                          {})


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("form: letter", "form: leter", "submission.form: unknown form 'leter' (did you mean 'letter'?)"),
        ("original_language: zh", "original_language: de", "unknown language 'de'"),
        ('symbol: "A/79/123"', 'symbol: "A/79/\\n123"', "bad document symbol"),
        ('symbol: "A/79/123"', "symbol: 123", "submission.symbol: expected text"),
        ("agenda_item: {en: Agenda item 13, zh: 议程项目13}", "agenda_item: {en: Agenda item 13}",
         "the agenda item has no zh text"),
        ('signatory: {en: "A. N. Example\\nAmbassador", zh: "阿·恩·示例\\n大使"}', "signatory: {en: X, de: Y}",
         "unknown language 'de'"),
    ],
)
def test_bad_masthead_and_form_values_are_located(library, old, new, expected):
    assert old in FORM_KEYS
    lines = errors_of(FORM_KEYS.replace(old, new), library)
    assert any(expected in line for line in lines), lines


def test_keys_a_form_does_not_use_are_warned_about(library):
    unsigned = check(FORM_KEYS.replace("form: letter", "form: note-verbale"), library)
    assert [w.path for w in unsigned.warnings] == ["submission.signatory"]
    assert "a note verbale is unsigned" in unsigned.warnings[0].message
    no_signatory = FORM_KEYS.replace('  signatory: {en: "A. N. Example\\nAmbassador", zh: "阿·恩·示例\\n大使"}\n', "")
    assert "(Signed)" in check(no_signatory, library).warnings[0].message
    addressed = check(FORM_KEYS.replace("form: letter", "form: contribution"), library)
    assert "submission.addressee" in [w.path for w in addressed.warnings]


def test_an_empty_spec_is_valid_with_a_warning(library):
    spec = check('drafter: 1\nsubmission: {title: {en: T}, languages: [en]}\n', library)
    assert not spec.themes and not spec.preamble
    (warning,) = spec.warnings
    assert "has no paragraphs" in warning.message and str(warning).startswith("spec.yaml:1:1: ")


def test_a_misspelled_theme_still_has_its_paragraphs_checked(library):
    text = BASE.replace("  connect:\n", "  conect:\n").replace("cn-igf.connect.p1", "cn-igf.conect.p1")
    lines = errors_of(text, library)
    assert any("unknown theme 'conect'" in line for line in lines)
    assert any("unknown item id 'cn-igf.conect.p1'" in line and "did you mean 'cn-igf.connect.p1'?" in line
               for line in lines), lines


def test_show_ids_option(library):
    assert check(BASE + "options: {show_ids: true}\n", library).show_ids is True
    assert check(BASE, library).show_ids is False
    assert any("options.show_ids" in line for line in errors_of(BASE + "options: {show_ids: 1}\n", library))
