"""The document model's decisions for issue 13, made once for both writers: masthead, forms and
their numbering, the footnote of each paragraph (one per pair, ibid., adapted from), marks."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from drafter.document import labels as L
from drafter.document.resolve import resolve
from drafter.load.yaml import loads
from drafter.spec.check import check_spec
from tests.conftest import FIXTURES

BASE = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
TWO_FROM_ONE_SOURCE = BASE.replace(
    "      - use: cn-igf.connect.p1\n",
    "      - use: cn-igf.connect.p1\n      - use: cn-igf.connect.p2\n        text: {en: Changed wording.}\n"
    "      - use: cn-igf.connect.p3\n",
) + "options: {provenance: footnotes}\n"


def sub_of(text: str, library):
    return resolve(check_spec(loads(text, "spec.yaml"), library), library)


def with_submission(text: str, lines: str) -> str:
    return text.replace("  languages: [en, zh]\n", "  languages: [en, zh]\n" + lines)


def test_a_contribution_is_numbered_and_has_introduction_headings(library):
    sub = sub_of(BASE + "preamble:\n  - text: {en: Opening., zh: 开头。}\n", library)
    assert [p.number for p in sub.paragraphs()] == [None, 1, 2, 3]
    assert sub.themes[0].number == 1 and sub.themes[0].heading["zh"].startswith("一、")
    assert sub.preamble_heading == {"en": "Introduction", "zh": "引言"}
    assert not sub.meta.masthead and not sub.meta.heading and not sub.meta.signature


@pytest.mark.parametrize("form", ["letter", "note-verbale"])
def test_communications_number_nothing_and_carry_their_un_title(library, form):
    signed = '  signatory: {en: "A. N. Example\\nAmbassador", zh: "阿·恩·示例\\n大使"}\n' if form == "letter" else ""
    opening = "preamble:\n  - text: {en: I have the honour., zh: 谨。}\n"
    text = with_submission(BASE, f"  form: {form}\n{signed}") + opening
    sub = sub_of(text, library)
    assert all(p.number is None for p in sub.paragraphs())
    assert all(p.label["en"] == "" for p in sub.paragraphs())
    assert sub.themes[0].number is None and sub.themes[0].heading == sub.themes[0].title
    assert not sub.preamble_heading and not sub.closing_heading  # a communication opens in prose
    kind = {"letter": ("Letter", "信"), "note-verbale": ("Note verbale", "普通照会")}[form]
    assert sub.meta.heading["en"] == f"{kind[0]} dated 28 April 2023 from Example addressed to the Secretary-General"
    assert sub.meta.heading["zh"] == f"2023年4月28日示例给秘书长的{kind[1]}"
    if form == "letter":
        assert sub.meta.signature == {"en": ("(Signed) A. N. Example", "Ambassador"),
                                      "zh": ("阿·恩·示例（签名）", "大使")}
    else:
        assert not sub.meta.signature  # unsigned, even if a signatory were given
    assert set(sub.meta.masthead) == {"en", "zh"}  # a communication always has its date at the top


def test_the_addressee_and_sender_take_the_article_english_needs():
    heading = L.communication_heading
    assert heading("en", "letter", "1 May 2024", "Permanent Mission of X", "President of the General Assembly") == (
        "Letter dated 1 May 2024 from the Permanent Mission of X addressed to the President of the General Assembly")
    assert heading("en", "letter", "", "China", "Secretary-General") == (
        "Letter from China addressed to the Secretary-General")
    assert heading("en", "note-verbale", "", "the Mission", "the Secretary-General") == (
        "Note verbale from the Mission addressed to the Secretary-General")
    assert heading("zh", "letter", "2024年5月1日", "中国常驻联合国代表", "秘书长") == (
        "2024年5月1日中国常驻联合国代表给秘书长的信")


def test_the_masthead_says_which_version_is_the_original(library):
    sub = sub_of(with_submission(BASE, '  symbol: "A/79/123"\n  original_language: zh\n'
                                       '  agenda_item: {en: Agenda item 13, zh: 议程项目13}\n'), library)
    en, zh = sub.meta.masthead["en"], sub.meta.masthead["zh"]
    assert en.lines == ("A/79/123", "28 April 2023", "Original: Chinese", "(Translation)")
    assert zh.lines == ("A/79/123", "2023年4月28日", "原文：中文")
    assert (en.agenda_item, zh.agenda_item) == ("Agenda item 13", "议程项目13")
    english_only = sub_of(with_submission(BASE, "  original_language: zh\n").replace("[en, zh]", "[en]"), library)
    assert english_only.meta.masthead["en"].translation == "(Translation)"  # a translated position paper


def test_footnotes_say_ibid_for_the_same_source_and_adapted_for_changed_wording(library):
    sub = sub_of(TWO_FROM_ONE_SOURCE, library)
    notes = [p.provenance.note for p in sub.paragraphs() if p.provenance]
    assert notes[0]["en"] == "China IGF Input to the GDC (2023), Connect all people, Core Principle 1."
    assert notes[1]["en"] == "Adapted from China IGF Input to the GDC (2023), Connect all people, Core Principle 2."
    assert notes[1]["zh"] == "同上，一、关于数字连接，核心原则2。"  # the Chinese version is not changed
    assert notes[2] == {"en": "Ibid., Connect all people, Core Principle 3.",
                        "zh": "同上，一、关于数字连接，核心原则3。"}
    edited = with_submission(TWO_FROM_ONE_SOURCE.replace("{en: Changed wording.}", "{en: Changed., zh: 改了。}"), "")
    assert sub_of(edited, library).paragraphs()[1].provenance.note["zh"].startswith("改编自中国IGF")


@pytest.mark.parametrize(("layout", "expected"), [
    ("parallel", {"en": 1, "zh": 0}), ("interleaved", {"en": 1, "zh": 0}), ("sequential", {"en": 1, "zh": 1}),
])
def test_one_footnote_per_paragraph_pair_where_the_versions_sit_together(library, layout, expected):
    sub = sub_of(TWO_FROM_ONE_SOURCE, library)
    sub = replace(sub, meta=replace(sub.meta, layout=layout))
    first = sub.paragraphs()[0]
    assert {lang: int(bool(sub.footnote(first, lang))) for lang in ("en", "zh")} == expected
    if layout != "sequential":
        assert sub.footnote(first, "en") == " ".join(first.provenance.note[lang] for lang in ("en", "zh"))
    assert sub.footnote(sub.paragraphs()[-1], "en") == ""  # a new paragraph has no source
    ids = replace(sub, options=replace(sub.options, show_ids=True))
    assert ids.footnote(first, "en").endswith(" [cn-igf.connect.p1]")
    annex = replace(sub, options=replace(sub.options, provenance="annex"))
    assert annex.footnote(first, "en") == ""


def test_marks_are_decided_by_the_model(library):
    sub = sub_of(TWO_FROM_ONE_SOURCE.replace("cn-igf.connect.p3", "cn-igf.intro"), library)
    edited = sub.paragraphs()[1]
    assert sub.mark(edited.versions["en"], "en") == "[edited]"
    assert sub.mark(edited.versions["zh"], "zh") == ""
    unofficial = sub.paragraphs()[2]
    assert sub.mark(unofficial.versions["zh"], "zh") == "〔非官方译文〕"
    quiet = replace(sub, options=replace(sub.options, mark_edits=False))
    assert quiet.mark(edited.versions["en"], "en") == ""
    assert quiet.mark(unofficial.versions["zh"], "zh") == "〔非官方译文〕"  # never silent
    assert sub.note_keys(("en", "zh")) == ("unofficial_note", "edited_note")
    assert quiet.note_keys(("en",)) == ()
