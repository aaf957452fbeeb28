"""`drafts.filled`: the template matcher trace and import use to recognise drafter's own frame
and notes gives exactly the answer of the regular expression it replaced (`.+?` per field),
which backtracked for a quarter of a second on a long Chinese paragraph."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.compare.normalise import normalise
from drafter.document import labels as L
from drafter.drafts import classify
from drafter.drafts.filled import Filled

FIELD = re.compile(r"\{(?:name|form|date)\}")


def _regex(template: str, field: re.Pattern[str]) -> re.Pattern[str]:
    """The expression classify.py built before `Filled`: each field `.+?`, anchored at both ends."""
    return re.compile(".+?".join(re.escape(p) for p in field.split(template)) + r"\Z")


TEMPLATES = [
    "{form}{date}给{name}的x",
    "A {name} B {date} C",
    "{name}",
    "(Signed) {name}",
    "abc",
    "{form}{date}",
    "x{name}x{date}x",
    "的{name}的",
]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(TEMPLATES), st.text(alphabet="给的xABC ()\n{}", max_size=14))
def test_filled_matches_as_the_regex_did(template: str, text: str) -> None:
    assert Filled.split(template, FIELD).match(text) == bool(_regex(template, FIELD).match(text))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TEMPLATES), st.lists(st.text(alphabet="给的xAB \n", max_size=4), min_size=3, max_size=3))
def test_filled_templates_filled_in(template: str, values: list[str]) -> None:
    """Filled-in templates (the texts that do match) agree too, not only random strings."""
    text = template.format(form=values[0], date=values[1], name=values[2])
    assert Filled.split(template, FIELD).match(text) == bool(_regex(template, FIELD).match(text))


def test_every_label_template_agrees_on_drafters_own_lines() -> None:
    """Each letter title and signature drafter writes, filled in, is recognised; plain text is not."""
    labels = [t for key in ("signed", "heading_dated", "heading_undated") for t in L.LABELS[key].values()]
    assert labels
    field = re.compile(r"\{(?:name|form|date|sender|addressee)\}")
    for template in labels:
        filled = field.sub("Xy", template)
        assert Filled.split(template, field).match(filled) is bool(_regex(template, field).match(filled)) is True
    ordinary = "中国的立场：我们支持数字合作的原则。" * 20
    for match in classify._frame():
        assert not match(ordinary)


def test_official_notes_recognised() -> None:
    note = normalise(L.official_note("en", source_title="GDC", version_lang="zh", publisher="UN",
                                     date="2024-09-22", where="A/79/1"))
    assert any(p.match(note) for p in classify._official_notes())
    assert not any(p.match(note + " And more.") for p in classify._official_notes())
    assert not any(p.match("An official version.") for p in classify._official_notes())
