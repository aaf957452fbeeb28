"""Issue 13's forms in issue 18's six languages: the masthead, the UN's title of a letter or note
verbale, the signature and the footnote phrases, with a framework's themes under a letter."""

from __future__ import annotations

import pytest

from drafter.document import labels as L
from drafter.document.labels import NNBSP
from drafter.document.resolve import resolve
from drafter.library.model import LANGUAGES, pick
from drafter.load.yaml import loads
from drafter.spec.check import check_spec


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Original: Chinese"), ("zh", "原文：中文"), ("fr", f"Original{NNBSP}: chinois"),
    ("es", "Original: chino"), ("ru", "Подлинный текст: китайский"), ("ar", "الأصل: بالصينية"),
])
def test_the_masthead_names_the_original_language_as_each_languages_documents_do(lang, expected):
    assert L.original_line(lang, "zh") == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Letter dated 28 April 2023 from the Permanent Mission of X addressed to the Secretary-General"),
    ("fr", "Lettre datée du 28 avril 2023, adressée au Secrétaire général par la Mission permanente de X"),
    ("es", "Carta de fecha 28 de abril de 2023 dirigida al Secretario General por la Misión Permanente de X"),
    ("ar", "رسالة مؤرخة 28 نيسان/أبريل 2023 موجهة إلى الأمين العام من البعثة الدائمة لـ X"),
    ("ru", "Письмо Постоянного представительства X от 28 апреля 2023 года на имя Генерального секретаря"),
])
def test_a_letters_title_follows_the_un_pattern_of_each_language(lang, expected):
    sender = {"en": "Permanent Mission of X", "fr": "la Mission permanente de X", "es": "la Misión Permanente de X",
              "ar": "البعثة الدائمة لـ X", "ru": "Постоянного представительства X"}[lang]
    addressee = pick(L.LABELS["secretary_general"], lang)
    assert L.communication_heading(lang, "letter", L.format_date(lang, "2023-04-28"), sender, addressee) == expected


def test_french_and_spanish_contract_the_addressees_article_only():
    assert L.communication_heading("fr", "note-verbale", "", "la Mission", "le Président de l’Assemblée") == \
        "Note verbale adressée au Président de l’Assemblée par la Mission"
    assert L.communication_heading("fr", "letter", "", "X", "la Présidente") == "Lettre adressée à la Présidente par X"
    assert L.communication_heading("es", "letter", "", "X", "la Presidenta") == "Carta dirigida a la Presidenta por X"


def test_every_phrase_issue_13_added_exists_in_all_six_languages():
    for key in ("adapted", "ibid", "ibid_only", "original", "translation", "signed", "letter", "note-verbale",
                "heading_dated", "heading_undated", "secretary_general"):
        assert set(L.LABELS[key]) == set(LANGUAGES), key
    assert L.signature("ar", "أ. ن. مثال\nسفير") == ("(توقيع) أ. ن. مثال", "سفير")
    assert L.signature("fr", "A. N. Exemple") == ("(Signé) A. N. Exemple",)


LETTER = """\
drafter: 1
framework: gdc-2024
submission:
  title: {fr: Contribution, es: Contribución}
  submitter: {fr: la Mission permanente d’Exemplestan, es: la Misión Permanente de Exemplestán}
  date: "2027-03-01"
  languages: [fr, es]
  form: letter
  original_language: fr
  signatory: {fr: "A. N. Exemple\\nAmbassadeur", es: "A. N. Ejemplo\\nEmbajador"}
themes:
  ai-governance:
    commitments:
      - text: {fr: Nous nous engageons., es: Nos comprometemos.}
"""


def test_a_french_spanish_letter_on_the_adopted_compact(library):
    sub = resolve(check_spec(loads(LETTER, "s.yaml"), library), library)
    (theme,) = sub.themes
    assert theme.number is None and not theme.listed  # a letter numbers nothing, objectives included
    assert not theme.heading["fr"][0].isdigit() and theme.heading["fr"].startswith(theme.title["fr"])
    assert [p.number for p in sub.paragraphs()] == [None]
    assert sub.meta.heading["fr"].startswith("Lettre datée du 1er mars 2027, adressée au Secrétaire général par")
    assert sub.meta.heading["es"].startswith("Carta de fecha 1 de marzo de 2027 dirigida al Secretario General")
    assert sub.meta.masthead["fr"].original == f"Original{NNBSP}: français"
    assert sub.meta.masthead["es"].translation == "(Traducción)" and not sub.meta.masthead["fr"].translation
    assert sub.meta.signature["es"] == ("(Firmado) A. N. Ejemplo", "Embajador")


def test_an_objective_alone_keeps_the_compacts_number_and_word_does_not_renumber_it(library):
    contribution = LETTER.replace("  form: letter\n", "").replace("  signatory:", "  #")
    sub = resolve(check_spec(loads(contribution, "s.yaml"), library), library)
    (theme,) = sub.themes
    assert theme.number == 5 and theme.heading["fr"].startswith("5. ")
    assert not theme.listed  # its number is not its place (1): the DOCX types it rather than count it
