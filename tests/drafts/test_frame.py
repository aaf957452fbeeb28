"""Reading the frame drafter writes around a letter back (drafts/frame.py): the UN title's
addressee as the spec gave it, the French and Spanish contractions undone."""

from __future__ import annotations

import pytest

from drafter.document import labels as L
from drafter.drafts.frame import read_frame
from drafter.drafts.model import Block, Draft
from drafter.errors import Location


@pytest.mark.parametrize(("lang", "addressee"), [
    ("fr", "le Président de l’Assemblée générale"),  # adressée au Président …
    ("fr", "la Présidente du Conseil"),  # adressée à la Présidente …
    ("fr", "les coprésidents"),  # adressée aux coprésidents
    ("fr", "Secrétaire général"),  # no article: adressée à Secrétaire général
    ("es", "el Secretario General"),  # dirigida al Secretario General
    ("es", "la Presidenta del Consejo"),  # dirigida a la Presidenta …
    ("en", "President of the General Assembly"),  # addressed to the President …
])
def test_the_addressee_comes_back_as_the_spec_wrote_it(lang, addressee):
    date = L.format_date(lang, "2027-03-01")
    title = L.communication_heading(lang, "letter", date, "X", addressee)
    draft = Draft("d.md", "md", (Block("masthead", title, Location("d.md", 1, 1), lang=lang),))
    frame = read_frame(draft, (lang,))
    assert frame.form == "letter" and frame.addressee == {lang: addressee}


@pytest.mark.parametrize(("lang", "shown", "written"), [
    ("fr", "au Secrétaire général", "le Secrétaire général"), ("fr", "aux membres", "les membres"),
    ("fr", "à la Présidente", "la Présidente"), ("es", "al Secretario General", "el Secretario General"),
    ("es", "a los copresidentes", "los copresidentes"), ("en", "the Secretary-General", "the Secretary-General"),
])
def test_addressee_from_undoes_the_contraction(lang, shown, written):
    assert L.addressee_from(lang, shown) == written
