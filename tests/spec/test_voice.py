"""Voice and sic: validate warns before a spec quotes words it should not make its own (issue 14).

Through the CLI: the warning names the item and the sentence (or the words the source probably
prints in error), and offers the honest choices; `attributed: true` and edits silence the voice
warning, `--strict` makes the warnings errors, bad `attributed` keys are located errors.
"""

from __future__ import annotations

import re

import pytest
from docx import Document

from drafter.cli import main
from drafter.library.load import load_library
from drafter.spec.voice import is_author, voice_sentence
from tests.conftest import FIXTURES

SPEC = (FIXTURES / "voice.yaml").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name `spec.yaml`, as a user running in the folder sees them


def validate(runner, tmp_path, text: str, *args: str):
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    return runner.invoke(main, ["validate", *args, "spec.yaml"], catch_exceptions=False)


def warnings(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": warning: " in line]


def test_voice_and_sic_are_warned_about_with_item_and_sentence(runner, tmp_path):
    result = validate(runner, tmp_path, SPEC)
    assert result.exit_code == 0, result.output
    lines = warnings(result)
    assert len(lines) == 3, lines
    preamble, proposition, sic = lines
    assert re.match(r"spec\.yaml:9:10: preamble\[0\]\.use: warning: cn-gdc\.preamble\.2 speaks in the voice of China "
                    r"\(“China supports the leading role of the United Nations", preamble)
    assert "but the submitter is Delegation of Examplestan / 示例国代表团" in preamble
    assert "edit the text, which marks it edited, or quote it attributed: `attributed: true`" in preamble
    assert "cn-cyberspace-wp.iv.8 speaks in the voice of China (“China supports the United Nations" in proposition
    assert sic.startswith("spec.yaml:16:")
    assert "cn-cyberspace-wp.box5.2 quotes “参与和参与” as the source prints it" in sic
    assert "it probably reads “参与”" in sic


def test_strict_makes_them_errors(runner, tmp_path):
    result = validate(runner, tmp_path, SPEC, "--strict")
    assert result.exit_code == 2
    assert result.stderr.count("[--strict]") == 3


@pytest.mark.parametrize("how", ["entry", "spec-wide"])
def test_attributed_quotation_silences_the_voice_warning(runner, tmp_path, how):
    if how == "entry":
        text = SPEC.replace("  - use: cn-gdc.preamble.2\n", "  - use: cn-gdc.preamble.2\n    attributed: true\n")
        left = 2  # iv.8 still speaks as China, and the sic note stays
    else:
        text = SPEC + "options: {attributed: true}\n"
        left = 1  # only the sic note
    assert len(warnings(validate(runner, tmp_path, text))) == left


def test_the_author_itself_and_an_edit_are_not_warned_about(runner, tmp_path):
    china = SPEC.replace('{en: "Delegation of Examplestan", zh: 示例国代表团}',
                         '{en: "Delegation of China", zh: 中国代表团}')
    assert [w for w in warnings(validate(runner, tmp_path, china)) if "voice" in w] == []
    edited = SPEC.replace("      - use: cn-cyberspace-wp.box5.2\n", "      - use: cn-cyberspace-wp.box5.2\n"
                          "        text: {en: Our words., zh: 我们的话。}\n")
    assert len(warnings(validate(runner, tmp_path, edited))) == 2  # the sic warning is gone


@pytest.mark.parametrize(("entry", "message"), [
    ("  - use: cn-gdc.preamble.2\n    attributed: true\n    text: {en: Ours., zh: 我们的。}\n",
     "preamble[0].attributed: cn-gdc.preamble.2 is edited, so its words are no longer the source's"),
    ("  - text: {en: Ours., zh: 我们的。}\n    attributed: true\n", "preamble[0].attributed: only a library item can"),
    ("  - use: cn-gdc.preamble.2\n    attributed: yes\n", "preamble[0].attributed: expected true or false"),
])
def test_bad_attributed_is_a_located_error(runner, tmp_path, entry, message):
    result = validate(runner, tmp_path, SPEC.replace("  - use: cn-gdc.preamble.2\n", entry))
    assert result.exit_code == 2
    assert any(line.startswith("spec.yaml:") and message in line for line in result.stderr.splitlines()), result.stderr


def test_attributed_renders_a_lead_in_in_both_languages_and_keeps_the_words(runner, tmp_path, library):
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.replace("  - use: cn-gdc.preamble.2\n", "  - use: cn-gdc.preamble.2\n    attributed: true\n"),
                    encoding="utf-8")
    item = library.items["cn-gdc.preamble.2"]
    md = tmp_path / "out.md"
    assert runner.invoke(main, ["render", str(spec), "--format", "md", "-o", str(md)]).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert f"As stated by China: “{item.text['en']}”" in text
    assert f"中国表示：“{item.text['zh']}”" in text
    docx = tmp_path / "out.docx"
    assert runner.invoke(main, ["render", str(spec), "--format", "docx", "-o", str(docx)]).exit_code == 0
    cells = [c.text for t in Document(str(docx)).tables for row in t.rows for c in row.cells]
    assert f"As stated by China: “{item.text['en']}”" in cells
    assert f"中国表示：“{item.text['zh']}”" in cells


@pytest.mark.parametrize(("submitter", "expected"), [
    ({"en": "China"}, True),
    ({"en": "Delegation of China"}, True),
    ({"en": "Permanent Mission of the People's Republic of China to the United Nations"}, True),
    ({"zh": "中国常驻联合国代表团"}, True),
    ({"zh": "中国"}, True),
    ({"en": "China IGF"}, False),
    ({"en": "China Internet Governance Forum", "zh": "中国互联网治理论坛"}, False),
    ({"en": "Delegation of Examplestan", "zh": "示例国代表团"}, False),
    ({"en": "Indochina Institute"}, False),
    ({}, False),
])
def test_who_is_the_author(submitter, expected):
    assert is_author({"en": "China", "zh": "中国"}, submitter) is expected


def test_the_sentence_named_is_the_one_in_the_authors_voice():
    lib = load_library()
    author = lib.sources["gdi-nonpaper"].author
    intro = lib.items["gdi-nonpaper.intro"]
    assert voice_sentence(intro.text["en"], author, "en").startswith("China stands ready to work together")
    assert voice_sentence(intro.text["zh"], author, "zh").startswith("中方愿同各方一道")
    lead = lib.items["cn-cyberspace-wp.iv.lead-2"]
    assert voice_sentence(lead.text["en"], author, "en").startswith("China stands ready")


def test_every_voice_item_has_an_author_and_names_a_sentence(library):
    voiced = [i for i in library.items.values() if i.voice == "author"]
    by_source: dict[str, int] = {}
    for item in voiced:
        by_source[item.source] = by_source.get(item.source, 0) + 1
        author = library.sources[item.source].author
        assert author, item.id
        assert author["en"] in voice_sentence(item.text["en"], author, "en"), item.id
    assert by_source == {"cn-cyberspace-wp": 23, "cn-gdc": 1, "gdi-nonpaper": 2}
