"""Join a validated spec and the library into one immutable `Submission`.

Decisions made here, once, for every writer: theme order (the framework's, whatever the spec's
order), paragraph numbering (consecutive across the themes; preamble and closing unnumbered),
numbered headings in each language's convention, and each paragraph's status per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from drafter.document import labels as L
from drafter.document.model import (
    EDITED,
    NEW,
    UNOFFICIAL,
    USER,
    VERBATIM,
    Attribution,
    CitedSource,
    Meta,
    Options,
    Paragraph,
    Provenance,
    Section,
    Submission,
    ThemeBlock,
    Version,
)
from drafter.library.framework import Framework, Theme
from drafter.library.model import Item, Library
from drafter.spec.model import Entry, Spec, ThemeSpec


def _status(item: Item, lang: str) -> str:
    return {"unofficial": UNOFFICIAL, "user": USER}.get(item.status(lang) or "", VERBATIM)


class _Resolver:
    def __init__(self, spec: Spec, library: Library):
        self.spec = spec
        self.library = library
        self.number = 0
        self.cited: list[str] = []

    def cite(self, key: str) -> None:
        if key not in self.cited:
            self.cited.append(key)

    def version(self, item: Item | None, entry: Entry, lang: str) -> Version:
        if lang in entry.text:
            if item is not None and lang not in item.text:
                # the spec supplies a language the item lacks: the drafter's own translation
                return Version(entry.text[lang], UNOFFICIAL)
            edited = item is not None and entry.text[lang] != item.text.get(lang)
            status = EDITED if edited else (NEW if item is None else _status(item, lang))
            version = Version(entry.text[lang], status)
            if self.spec.redline and status in (EDITED, NEW):
                source = item.text.get(lang, "") if item is not None else ""
                version = replace(version, changes=changes(source, version, lang))
            return version
        assert item is not None, "spec validation guarantees every language of a new paragraph"
        status = _status(item, lang)
        source = self.library.sources[item.source]
        if status == USER:  # a supplied version is cited with its own document and place in it
            supplied = item.supplied[lang]
            own = self.library.sources[supplied.source]
            self.cite(own.key)
            return Version(item.text[lang], USER, Provenance(item.id, own.key, own.short, supplied.ref, own.date))
        official = status == UNOFFICIAL and any(v.lang == lang for v in source.official)
        return Version(item.text[lang], status, official_exists=official)

    def attribution(self, item: Item | None, entry: Entry) -> MappingProxyType | None:
        """The lead-in naming the author, in every language, when the entry is attributed."""
        if item is None or not entry.attributed:
            return None
        author = self.library.sources[item.source].author
        out = {}
        for lang in self.spec.languages:
            name = author.get(lang) or next(iter(author.values()), "")
            out[lang] = Attribution(*L.attribution(lang, name))
        return MappingProxyType(out)

    def paragraph(self, entry: Entry, numbered: bool) -> Paragraph:
        item = self.library.items[entry.use] if entry.use else None
        provenance = None
        if item is not None:
            source = self.library.sources[item.source]
            provenance = Provenance(item.id, source.key, source.short, item.ref, source.date)
            self.cite(source.key)
        versions = {lang: self.version(item, entry, lang) for lang in self.spec.languages}
        number = None
        if numbered:
            self.number += 1
            number = self.number
        return Paragraph(number, MappingProxyType(versions), provenance, entry.use, self.attribution(item, entry))

    def official_notes(self, paragraphs: list[Paragraph]) -> MappingProxyType:
        """Per language: for each cited source with an official version of a language the document
        shows only in unofficial translation, a note giving that version as facts."""
        langs = self.spec.languages
        notes: dict[str, list[str]] = {lang: [] for lang in langs}
        for key in self.cited:
            source = self.library.sources[key]
            for ov in source.official:
                shown = any(p.provenance is not None and p.provenance.source == key and ov.lang in p.versions
                            and p.versions[ov.lang].official_exists for p in paragraphs)
                if not shown:
                    continue
                for lang in langs:
                    notes[lang].append(L.official_note(
                        lang, source_title=_first(source.title, lang), version_lang=ov.lang,
                        publisher=_first(ov.publisher, lang), date=ov.date, where=ov.where))
        return MappingProxyType({lang: tuple(v) for lang, v in notes.items()})

    def theme_block(self, framework: Framework, theme: Theme, tspec: ThemeSpec, before: int) -> ThemeBlock:
        """One theme: its heading numbered as the framework says, marked where its title is not
        official wording, its sections in framework order; `before` numbered themes precede it."""
        langs = self.spec.languages
        sections = []
        for sec in framework.sections_of(theme):
            paras = tuple(self.paragraph(e, numbered=framework.numbered_paragraphs)
                          for e in tspec.sections.get(sec.key, ()))
            if paras:
                heading = _marked(sec.title, sec.unofficial, langs) if sec.heading else MappingProxyType({})
                sections.append(Section(sec.key, heading, paras))
        number = 0
        label: int | str | None = None
        if theme.numbered and framework.numbering != "none":
            number = before + 1 if framework.numbering == "sequence" else theme.number
            label = theme.label or number
        numbered = {lang: L.theme_heading(lang, label, theme.title[lang]) for lang in langs if lang in theme.title}
        return ThemeBlock(theme.key, number, _pick(theme.title, langs), _marked(numbered, theme.unofficial, langs),
                          tuple(sections), _marked(theme.prompt, theme.unofficial, langs))

    def run(self) -> Submission:
        spec, library = self.spec, self.library
        framework = library.frameworks[spec.framework]
        langs = spec.languages
        preamble = tuple(self.paragraph(e, numbered=False) for e in spec.preamble)
        by_key = {t.key: t for t in spec.themes}
        blocks: list[ThemeBlock] = []
        for theme in framework.themes:
            tspec = by_key.get(theme.key)
            if tspec is not None:
                blocks.append(self.theme_block(framework, theme, tspec, sum(1 for b in blocks if b.number)))
        closing = tuple(self.paragraph(e, numbered=False) for e in spec.closing)
        governing_clause = L.governing_clause(langs, spec.governing) if spec.governing and len(langs) > 1 else {}
        meta = Meta(
            title=spec.title,
            subtitle=spec.subtitle,
            submitter=spec.submitter,
            date=spec.date,
            date_display=MappingProxyType({lang: L.format_date(lang, spec.date) for lang in langs}),
            languages=langs,
            layout=spec.layout,
            governing=spec.governing if len(langs) > 1 else None,
            governing_clause=MappingProxyType(governing_clause),
            framework=framework.key,
            framework_title=_pick(framework.title, langs),
        )
        sources = tuple(
            CitedSource(k, s.title, s.issuer, s.date, s.languages) for k in self.cited for s in [library.sources[k]]
        )
        parts = framework.parts
        every = [*preamble, *(p for b in blocks for sec in b.sections for p in sec.paragraphs), *closing]
        return Submission(
            meta=meta,
            options=Options(spec.provenance, spec.mark_edits, spec.reference_doc, spec.redline,
                            MappingProxyType({lang: spec.redline_author or _first(spec.submitter, lang)
                                              for lang in langs})),
            labels=L.labels(),
            preamble_heading=_pick(parts.get("preamble", {}), langs),
            preamble=preamble,
            themes=tuple(blocks),
            closing_heading=_pick(parts.get("closing", {}), langs),
            closing=closing,
            sources=sources,
            official_notes=self.official_notes(every),
        )


def changes(source: str, version: Version, lang: str) -> tuple[tuple[str, str], ...]:
    """The redline of one version: from the source's lines to the version's, by the one diff engine.

    Both sides are compared as their printed lines joined by "\n" (blank lines are not printed),
    so accepting the changes gives exactly the lines printed without redline. A new paragraph
    (no source) is one insertion.
    """
    from drafter.compare import diff  # rapidfuzz: loaded only when redline is asked for
    from drafter.compare.tokens import redline_split

    new = "\n".join(version.lines)
    old = "\n".join(part for part in source.split("\n") if part.strip())
    if not old:
        return (("insert", new),)
    return tuple(diff(old, new, lang, split=redline_split(lang)))


def _first(text: Mapping[str, str], lang: str) -> str:
    """The text in `lang`, else in the first language it has."""
    return text.get(lang) or next(iter(text.values()), "")


def _pick(text: Mapping[str, str], langs: tuple[str, ...]) -> MappingProxyType[str, str]:
    return MappingProxyType({lang: text[lang] for lang in langs if lang in text})


def _marked(text: Mapping[str, str], unofficial: frozenset[str], langs: tuple[str, ...]) -> MappingProxyType[str, str]:
    """A framework title in `langs`, with a visible mark in the languages it is not official in."""
    return MappingProxyType({lang: text[lang] + (L.mark(lang, "unofficial_title") if lang in unofficial else "")
                             for lang in langs if lang in text})


def resolve(spec: Spec, library: Library) -> Submission:
    """The document model of a validated spec."""
    return _Resolver(spec, library).run()
