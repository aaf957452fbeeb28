"""A validated spec: what the user asked for, before it is joined with the library."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from msgspec import Struct, field

from drafter.errors import Location, Problem
from drafter.spec.fields import DocumentLayout, Form, ProvenanceMode

Text = Mapping[str, str]


def _empty() -> Text:
    return MappingProxyType({})


class Entry(Struct, frozen=True):
    """One paragraph the spec asks for: a library item (maybe edited) or new text."""

    use: str | None
    text: Text
    location: Location
    path: str
    attributed: bool = False  # quote it as the source author's words, with a lead-in naming the author


class ThemeSpec(Struct, frozen=True):
    """One theme of a spec: its entries per section, in spec order."""

    key: str
    sections: Mapping[str, tuple[Entry, ...]]  # section key -> entries, in spec order
    location: Location = field(default=Location("<spec>"))  # of the theme's key


class Spec(Struct, frozen=True):
    """A validated spec; `resolve` turns it into a `Submission`."""

    file: str
    framework: str
    title: Text
    subtitle: Text
    submitter: Text
    date: str
    languages: tuple[str, ...]
    layout: DocumentLayout
    governing: str | None
    preamble: tuple[Entry, ...]
    themes: tuple[ThemeSpec, ...]
    closing: tuple[Entry, ...]
    provenance: ProvenanceMode = "annex"
    mark_edits: bool = True
    reference_doc: str | None = None
    libraries: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())
    form: Form = "contribution"
    symbol: str = ""  # the document symbol, "" if none
    original_language: str | None = None
    agenda_item: Text = field(default_factory=_empty)
    addressee: Text = field(default_factory=_empty)  # empty: the Secretary-General
    signatory: Text = field(default_factory=_empty)  # name, then title lines, per language
    show_ids: bool = False
    attributed: bool = False  # options.attributed: every quoted `voice: author` item is attributed
    redline: bool = False  # options.redline: edits as Word tracked changes / CriticMarkup
    redline_author: str | None = None  # options.redline_author: the revisions' author (else the submitter)
