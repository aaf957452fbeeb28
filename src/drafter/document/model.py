"""The document model: one immutable `Submission` tree that every writer reads.

`resolve.py` builds it from a spec and the library; writers (Markdown, DOCX) read nothing
else. Everything a writer needs to print is already decided here — numbering in each
language's convention, provenance and its citation, translation and edit status, fixed
phrases — and every `Text` a writer indexes holds every submission language (a source given in
one language is shown in it), so the writers only lay out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final, Literal

from msgspec import Struct, field

from drafter.document import citation as C
from drafter.library.model import Text as Text
from drafter.library.model import TranslationStatus
from drafter.spec.fields import DocumentLayout as DocumentLayout
from drafter.spec.fields import Form, ProvenanceMode

Status = TranslationStatus | Literal["edited", "new"]
"""Status of one language of one paragraph (the library's `Item.status` names its three alike)."""
SOURCE: Final = "source"  # the source's own words, unchanged
UNOFFICIAL: Final = "unofficial"  # a translation written for the library, unchanged
EDITED: Final = "edited"  # a library paragraph whose text the spec changed
NEW: Final = "new"  # a paragraph the spec wrote itself
USER: Final = "user"  # a version a user library supplied (`versions:`), cited with its own source
STATUSES: tuple[Status, ...] = (SOURCE, UNOFFICIAL, EDITED, NEW, USER)


class Provenance(Struct, frozen=True):
    """Where a library paragraph comes from, citable in each language."""

    item_id: str
    source: str  # source key, e.g. "cn-igf"
    source_title: Text  # short title of the source document
    ref: Text  # place in the source, in the source's own numbering
    date: str
    citation: Text  # "Short title (date), place." in each language (document/citation.py)
    # The footnote in each language: the citation, "Adapted from …" or "Ibid., place."
    note: Text = field(default_factory=lambda: MappingProxyType({}))


class Version(Struct, frozen=True):
    """One language of one paragraph."""

    text: str  # may hold several paragraphs separated by "\n"
    status: Status
    provenance: Provenance | None = None  # a supplied version's own source (else the paragraph's)
    official_exists: bool = False  # an unofficial translation of a source with an official version
    # options.redline: the change from the source's words to `text`, as ("equal"|"delete"|"insert",
    # text) parts over the lines joined by "\n" (see drafter.compare.diff); a new paragraph is one
    # insertion. None when redline is off or nothing changed.
    changes: tuple[tuple[str, str], ...] | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        """The text's non-blank lines: each is a paragraph of its own in the output."""
        return tuple(part for part in self.text.split("\n") if part.strip())

    @property
    def mark(self) -> str | None:
        """The label key of the visible mark this version carries (edits: see Options.mark_edits)."""
        if self.status == UNOFFICIAL:
            return "unofficial_official" if self.official_exists else "unofficial"
        return {EDITED: "edited", USER: "user"}.get(self.status)


class Attribution(Struct, frozen=True):
    """A quotation's lead-in and closing mark, decided in resolve: `As stated by China: “` … `”`."""

    before: str
    after: str


class Paragraph(Struct, frozen=True):
    """A numbered paragraph of the submission (preamble and closing paragraphs are unnumbered)."""

    number: int | None
    label: Text  # the number as each language writes it ("1."); "" when unnumbered
    versions: Mapping[str, Version]  # language -> version, for every submission language
    provenance: Provenance | None  # None for a new paragraph
    item_id: str | None = None
    attribution: Mapping[str, Attribution] | None = None  # per language, for an attributed quotation

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


class Section(Struct, frozen=True):
    """ "Core principles" or "Key commitments" of one theme, or a questionnaire's answer.

    `heading` is empty when the framework prints no heading for the section (a single answer).
    """

    key: str
    heading: Text
    paragraphs: tuple[Paragraph, ...]


class ThemeBlock(Struct, frozen=True):
    """One theme of the framework, in framework order, with its numbered heading."""

    key: str
    number: int | None  # None in letters and notes verbales, whose headings are not numbered
    title: Text  # unnumbered title
    heading: Text  # numbered in each language's convention: "1. …" / "一、…" (unnumbered in letters)
    sections: tuple[Section, ...]
    prompt: Text = field(default_factory=lambda: MappingProxyType({}))  # a questionnaire's question
    caption: Text = field(default_factory=lambda: MappingProxyType({}))  # the heading without its number
    listed: bool = False  # its number is its place among the numbered headings: a Word list may count it


class CitedSource(Struct, frozen=True):
    """A source document cited by at least one paragraph, for the Sources annex."""

    key: str
    title: Text
    issuer: Text
    date: str
    languages: tuple[str, ...]
    entry: Text  # "Title. Issuer, date." in each language, for the list of sources


class Masthead(Struct, frozen=True):
    """The top of one language version: symbol, date, original language, agenda item."""

    symbol: str = ""  # e.g. A/79/123
    date: str = ""  # the date in this language's convention
    original: str = ""  # "Original: Chinese" / "原文：中文"
    translation: str = ""  # "(Translation)" when this version is not the original
    agenda_item: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        """The masthead's lines beside the title, in order (the agenda item goes below)."""
        return tuple(x for x in (self.symbol, self.date, self.original, self.translation) if x)


class Meta(Struct, frozen=True):
    """What the submission is and how it is laid out: title block, languages, layout."""

    title: Text
    subtitle: Text  # may be empty
    submitter: Text
    date: str  # ISO date from the spec ("" if none)
    date_display: Text  # the date in each language's convention
    languages: tuple[str, ...]  # display order
    layout: DocumentLayout
    governing: str | None
    governing_clause: Text  # empty when governing is None
    framework: str
    framework_title: Text
    form: Form = "contribution"
    # Per language; empty when the spec gives nothing a masthead shows (the plain title block).
    masthead: Mapping[str, Masthead] = field(default_factory=lambda: MappingProxyType({}))
    # "Letter dated … from … addressed to …" in each language; empty for a contribution.
    heading: Text = field(default_factory=lambda: MappingProxyType({}))
    # A letter's signature block per language: "(Signed) Name", then the title lines.
    signature: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))


class Options(Struct, frozen=True):
    """The spec's options: where provenance goes, whether edits are marked, the reference doc."""

    provenance: ProvenanceMode = "annex"
    mark_edits: bool = True
    reference_doc: str | None = None
    redline: bool = False  # edits as tracked changes (Version.changes); dated with Meta.date
    redline_author: Text = field(default_factory=lambda: MappingProxyType({}))  # per language
    show_ids: bool = False  # library item ids in citations and the annex


class Submission(Struct, frozen=True):
    """A whole submission, ready to lay out."""

    meta: Meta
    options: Options
    labels: Mapping[str, Text]  # fixed phrases ("Sources", "unofficial translation", …) in every language
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

    # -- decisions every writer asks for, made here once ---------------------------------------
    def mark(self, version: Version, lang: str) -> str:
        """The visible mark after a version's text ("[unofficial translation]", "〔已修改〕"), or ""
        (an edit is unmarked with `mark_edits: false`; an unofficial translation never is)."""
        key = version.mark
        if key and (version.status != EDITED or self.options.mark_edits):
            return C.mark(self.labels[key][lang], lang)
        return ""

    def footnote(self, para: Paragraph, lang: str) -> str:
        """The footnote `para` carries in `lang`, or "" for none.

        With footnotes, every quoted paragraph is cited once per language version; where the
        versions of a paragraph sit together (parallel, interleaved), one note in the first
        language carries both citations, so a pair of paragraphs has one footnote, not two.
        """
        prov = para.provenance  # its notes cite a supplied version's own source (resolve.py)
        if self.options.provenance != "footnotes" or prov is None:
            return ""
        langs = self.meta.languages
        joint = self.meta.layout in ("parallel", "interleaved") and len(langs) > 1
        if joint and lang != langs[0]:
            return ""
        text = C.joint(prov.note or prov.citation, langs) if joint else (prov.note or prov.citation)[lang]
        return C.with_id(text, prov.item_id) if self.options.show_ids else text

    def note_keys(self, langs: Sequence[str]) -> tuple[str, ...]:
        """The notes explaining the marks that appear in these languages' text (label keys); after
        "unofficial_note", `official_notes` say which cited sources have an official version."""
        statuses = {p.versions[lang].status for p in self.paragraphs() for lang in langs}
        keys = ["unofficial_note"] if UNOFFICIAL in statuses else []
        if USER in statuses:
            keys.append("user_note")
        if EDITED in statuses and self.options.mark_edits:
            keys.append("edited_note")
        return tuple(keys)
