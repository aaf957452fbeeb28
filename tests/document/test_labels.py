"""Drafter's own phrases in the six UN languages: every label, dates, the clause, typography."""

from __future__ import annotations

import pytest

from drafter.document import labels as L
from drafter.library.model import UN_ORDER

NNBSP = "\u202f"


def test_every_label_is_in_all_six_languages():
    for key, texts in L.LABELS.items():
        assert set(texts) == set(UN_ORDER), key
        assert all(t.strip() for t in texts.values()), key


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "28 April 2023"), ("zh", "2023年4月28日"), ("fr", "28 avril 2023"), ("es", "28 de abril de 2023"),
    ("ru", "28 апреля 2023 года"), ("ar", "28 نيسان/أبريل 2023"),
])
def test_each_languages_date_convention(lang, expected):
    assert L.format_date(lang, "2023-04-28") == expected


def test_french_first_of_the_month_and_partial_dates():
    assert L.format_date("fr", "2024-09-01") == "1er septembre 2024"
    # a month alone in each language's convention (issue 13's partial dates, in six languages)
    assert L.format_date("ru", "2024-09") == "сентябрь 2024 года"
    assert L.format_date("es", "2024-09") == "septiembre de 2024"
    assert L.format_date("ar", "2024") == "2024"  # a year alone as written


def test_french_spacing_in_drafters_own_phrases():
    annex = L.labels(("fr",))["annex"]["fr"]
    assert annex == f"Annexe{NNBSP}: sources des paragraphes"
    note = L.labels(("fr",))["unofficial_note"]["fr"]
    assert f"«{NNBSP}traduction non officielle{NNBSP}»" in note
    assert L.french_spacing("Oui ; non ! Vraiment ? Ainsi :") == \
        f"Oui{NNBSP}; non{NNBSP}! Vraiment{NNBSP}? Ainsi{NNBSP}:"
    assert L.french_spacing(f"déjà{NNBSP}: fait") == f"déjà{NNBSP}: fait"  # never twice
    assert L.labels(("en",))["annex"]["en"] == "Annex: Sources of the paragraphs"  # other languages untouched


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "This submission is made in Arabic and English. In case of any discrepancy between the versions, "
           "the Arabic version shall prevail."),
    ("fr", "La présente contribution est soumise en arabe et en français. En cas de divergence entre les "
           "versions, la version arabe fait foi."),
    ("es", "La presente contribución se presenta en árabe y en español. En caso de discrepancia entre las "
           "versiones, prevalecerá la versión en árabe."),
    ("ru", "Настоящий документ представлен на арабском и русском языках. В случае расхождений между "
           "текстами преимущественную силу имеет текст на арабском языке."),
    ("ar", "قُدِّمت هذه المساهمة باللغتين العربية والإنكليزية. وفي حال وجود أي تعارض بين النصين، "
           "يُعتدّ بالنص العربي."),
])
def test_the_governing_clause_in_each_language(lang, expected):
    """Arabic prevails over the other language of the submission (English for Arabic itself)."""
    languages = ("ar", "en") if lang in ("ar", "en") else ("ar", lang)
    assert L.governing_clause(languages, "ar")[lang] == expected


def test_the_english_and_chinese_clause_is_unchanged():
    clause = L.governing_clause(("en", "zh"), "zh")
    assert clause["zh"] == "本意见以中文和英文作成。各文本如有任何不一致，以中文文本为准。"
    assert clause["en"].endswith("the Chinese version shall prevail.")


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "3. T"), ("fr", "3. T"), ("zh", "三、T"), ("ar", "3 - T"),
])
def test_theme_headings_and_paragraph_numbers(lang, expected):
    assert L.theme_heading(lang, 3, "T") == expected
    assert L.theme_heading(lang, None, "T") == "T"
    assert L.paragraph_label(lang, 12) == ("12 -" if lang == "ar" else "12.")


def test_unofficial_mark_after_a_heading():
    assert L.mark("en", "unofficial_title") == " (unofficial wording)"
    assert L.mark("zh", "unofficial_title") == "（非官方措辞）"


def test_every_date_shown_in_any_language_reads_back():
    """`parse_date` is `format_date`'s and `month`'s inverse in all six languages (what `drafter
    import` reads a French, Spanish, Russian or Arabic masthead with): every day of 2023-2024,
    every month of 2023."""
    import datetime

    from drafter.document.labels import format_date, month, parse_date
    from drafter.library.model import LANGUAGES

    for lang in LANGUAGES:
        day = datetime.date(2023, 1, 1)
        while day.year < 2025:
            assert parse_date(format_date(lang, day.isoformat())) == day.isoformat(), (lang, day)
            day += datetime.timedelta(days=1)
        for m in range(1, 13):
            assert parse_date(month(lang, f"2023-{m:02d}")) == f"2023-{m:02d}", (lang, m)


@pytest.mark.parametrize(("shown", "iso"), [
    ("1er mars 2027", "2027-03-01"), ("28 de abril de 2023", "2023-04-28"), ("28 апреля 2023 года", "2023-04-28"),
    ("апрель 2023 года", "2023-04"), ("28 april 2023", "2023-04-28"), ("2023年4月", "2023-04"),
    ("31 February 2023", None), ("29 février 2023", None), ("28 Aprill 2023", None), ("2023", None), ("", None),
])
def test_parse_date_refuses_what_is_not_a_date_of_the_calendar(shown, iso):
    from drafter.document.labels import parse_date

    assert parse_date(shown) == iso
