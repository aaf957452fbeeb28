"""The document model: one immutable `Submission` tree that every writer reads.

`resolve.py` builds it from a spec and the library; writers (Markdown, DOCX) read nothing
else. Everything a writer needs to print is already decided here — numbering in each
language's convention, provenance, translation and edit status — so the writers only lay out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Text = Mapping[str, str]
"""Language code -> text, e.g. {"en": "...", "zh": "..."}."""

# Status of one language of one paragraph.
VERBATIM = "verbatim"  # the source's own words, unchanged
UNOFFICIAL = "unofficial"  # a translation written for the library, unchanged
EDITED = "edited"  # a library paragraph whose text the spec changed
NEW = "new"  # a paragraph the spec wrote itself
USER = "user"  # a version a user library supplied (`versions:`), cited with its own source
STATUSES = (VERBATIM, UNOFFICIAL, EDITED, NEW, USER)


@dataclass(frozen=True)
class Provenance:
    """Where a library paragraph comes from, citable in each language."""

    item_id: str
    source: str  # source key, e.g. "cn-igf"
    source_title: Text  # short title of the source document
    ref: Text  # place in the source, in the source's own numbering
    date: str


@dataclass(frozen=True)
class Version:
    """One language of one paragraph."""

    text: str  # may hold several paragraphs separated by "\n"
    status: str  # one of STATUSES
    provenance: Provenance | None = None  # a supplied version's own source (else the paragraph's)
    official_exists: bool = False  # an unofficial translation of a source with an official version
    # options.redline: the change from the source's words to `text`, as ("equal"|"delete"|"insert",
    # text) parts over the lines joined by "\n" (see drafter.compare.diff); a new paragraph is one
    # insertion. None when redline is off or nothing changed.
    changes: tuple[tuple[str, str], ...] | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(part for part in self.text.split("\n") if part.strip())

    @property
    def mark(self) -> str | None:
        """The label key of the visible mark this version carries (edits: see Options.mark_edits)."""
        if self.status == UNOFFICIAL:
            return "unofficial_official" if self.official_exists else "unofficial"
        return {EDITED: "edited", USER: "user"}.get(self.status)


@dataclass(frozen=True)
class Attribution:
    """A quotation's lead-in and closing mark, decided in resolve: `As stated by China: “` … `”`."""

    before: str
    after: str


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of the submission (preamble and closing paragraphs are unnumbered)."""

    number: int | None
    versions: Mapping[str, Version]  # language -> version, for every submission language
    provenance: Provenance | None  # None for a new paragraph
    item_id: str | None = None
    attribution: Mapping[str, Attribution] | None = None  # per language, for an attributed quotation

    def label(self, lang: str) -> str:
        from drafter.document.labels import paragraph_label

        return paragraph_label(lang, self.number)

    def lines(self, lang: str) -> tuple[str, ...]:
        """The lines to print in `lang`: the version's, inside the attribution if there is one."""
        lines = list(self.versions[lang].lines) or [""]
        quote = (self.attribution or {}).get(lang)
        if quote is not None:
            lines[0] = quote.before + lines[0]
            lines[-1] = lines[-1] + quote.after
        return tuple(lines)

    def cited(self, lang: str) -> Provenance | None:
        """Where the version in `lang` comes from: a supplied version's own source, else the item's."""
        version = self.versions.get(lang)
        return (version.provenance if version is not None else None) or self.provenance


@dataclass(frozen=True)
class Section:
    """ "Core principles" or "Key commitments" of one theme, or a questionnaire's answer.

    `heading` is empty when the framework prints no heading for the section (a single answer).
    """

    key: str
    heading: Text
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class ThemeBlock:
    """One theme of the framework, in framework order, with its numbered heading."""

    key: str
    number: int
    title: Text  # unnumbered title
    heading: Text  # numbered in each language's convention: "1. …" / "一、…"; marked if unofficial
    sections: tuple[Section, ...]
    prompt: Text = field(default_factory=lambda: MappingProxyType({}))  # a questionnaire's question


@dataclass(frozen=True)
class CitedSource:
    """A source document cited by at least one paragraph, for the Sources annex."""

    key: str
    title: Text
    issuer: Text
    date: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Meta:
    title: Text
    subtitle: Text  # may be empty
    submitter: Text
    date: str  # ISO date from the spec ("" if none)
    date_display: Text  # the date in each language's convention
    languages: tuple[str, ...]  # display order
    layout: str  # parallel | sequential | interleaved | single
    governing: str | None
    governing_clause: Text  # empty when governing is None
    framework: str
    framework_title: Text


@dataclass(frozen=True)
class Options:
    provenance: str = "annex"  # annex | footnotes | none
    mark_edits: bool = True
    reference_doc: str | None = None
    redline: bool = False  # edits as tracked changes (Version.changes); dated with Meta.date
    redline_author: Text = field(default_factory=lambda: MappingProxyType({}))  # per language


@dataclass(frozen=True)
class Submission:
    """A whole submission, ready to lay out."""

    meta: Meta
    options: Options
    labels: Mapping[str, Text]  # fixed phrases ("Sources", "unofficial translation", …) per language
    preamble_heading: Text
    preamble: tuple[Paragraph, ...]
    themes: tuple[ThemeBlock, ...]
    closing_heading: Text
    closing: tuple[Paragraph, ...]
    sources: tuple[CitedSource, ...]
    # lang -> notes saying which cited sources have an official version the document does not quote
    official_notes: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph in document order."""
        out = list(self.preamble)
        for theme in self.themes:
            for section in theme.sections:
                out.extend(section.paragraphs)
        out.extend(self.closing)
        return out
