"""A validated spec: what the user asked for, before it is joined with the library."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from drafter.errors import Location, Problem

Text = Mapping[str, str]


@dataclass(frozen=True)
class Entry:
    """One paragraph the spec asks for: a library item (maybe edited) or new text."""

    use: str | None
    text: Text
    location: Location
    path: str
    attributed: bool = False  # quote it as the source author's words, with a lead-in naming the author


@dataclass(frozen=True)
class ThemeSpec:
    key: str
    sections: Mapping[str, tuple[Entry, ...]]  # section key -> entries, in spec order
    location: Location = field(default=Location("<spec>"), compare=False)  # of the theme's key


@dataclass(frozen=True)
class Spec:
    """A validated spec; `resolve` turns it into a `Submission`."""

    file: str
    framework: str
    title: Text
    subtitle: Text
    submitter: Text
    date: str
    languages: tuple[str, ...]
    layout: str
    governing: str | None
    preamble: tuple[Entry, ...]
    themes: tuple[ThemeSpec, ...]
    closing: tuple[Entry, ...]
    provenance: str = "annex"
    mark_edits: bool = True
    reference_doc: str | None = None
    libraries: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    attributed: bool = False  # options.attributed: every quoted `voice: author` item is attributed
    redline: bool = False  # options.redline: edits as Word tracked changes / CriticMarkup
    redline_author: str | None = None  # options.redline_author: the revisions' author (else the submitter)
