"""Join a validated spec and the library into one immutable `Submission`.

Decisions made here, once, for every writer: theme order (the framework's, whatever the spec's
order), paragraph numbering (consecutive across the themes; preamble and closing unnumbered),
numbered headings in each language's convention, each paragraph's status per language, how
each paragraph and source is cited (`citation.py`), attributed quotations' lead-ins and the
notes on official versions, each paragraph's footnote ("Ibid." after the same source, "Adapted
from …" for changed wording), and what the form asks for (`forms.py`: masthead, the UN's
title of a letter or note verbale, signature; communications number nothing). Every text a
writer shows is completed for every submission language here ("this language, else the
first": `library.model.pick`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from msgspec.structs import replace

from drafter.document import forms
from drafter.document import labels as L
from drafter.document.citation import citation, note, source_entry
from drafter.document.model import (
    EDITED,
    NEW,
    SOURCE,
    UNOFFICIAL,
    USER,
    Attribution,
    CitedSource,
    Meta,
    Options,
    Paragraph,
    Provenance,
    Section,
    Status,
    Submission,
    ThemeBlock,
    Version,
)
from drafter.library.framework import Framework, Theme
from drafter.library.model import Item, Library, Source, Text, pick
from drafter.spec.model import Entry, Spec, ThemeSpec


def _status(item: Item, lang: str) -> Status:
    return item.status(lang) or SOURCE


def _complete(text: Text, langs: Sequence[str]) -> Text:
    """`text` in every one of `langs`: its own, else its first language's."""
    return MappingProxyType({lang: pick(text, lang) for lang in langs})


def _only(text: Text, langs: Sequence[str]) -> Text:
    """The languages of `text` among `langs` (a heading the framework lacks stays empty)."""
    return MappingProxyType({lang: text[lang] for lang in langs if lang in text})


def _provenance(item_id: str, source: Source, ref: Text, langs: Sequence[str]) -> Provenance:
    """Where a paragraph (or a supplied version) comes from, and its citation in every language."""
    cited = MappingProxyType({lang: citation(source.short, source.date, ref, lang) for lang in langs})
    return Provenance(item_id, source.key, _complete(source.short, langs), _complete(ref, langs), source.date, cited)


class _Resolver:
    def __init__(self, spec: Spec, library: Library):
        self.spec = spec
        self.library = library
        self.langs = spec.languages
        self.number = 0
        self.cited: list[str] = []
        # per language, the source the last footnote cited: the next from it says "Ibid."
        self.last_source: dict[str, str | None] = dict.fromkeys(self.langs)
        self.numbered = spec.form == "contribution"  # letters and notes verbales are not numbered

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
                before = item.text.get(lang, "") if item is not None else ""
                version = replace(version, changes=changes(before, version, lang))
            return version
        assert item is not None, "spec validation guarantees every language of a new paragraph"
        status = _status(item, lang)
        source = self.library.sources[item.source]
        if status == USER:  # a supplied version is cited with its own document and place in it
            supplied = item.supplied[lang]
            own = self.library.sources[supplied.source]
            self.cite(own.key)
            return Version(item.text[lang], USER, _provenance(item.id, own, supplied.ref, self.langs))
        official = status == UNOFFICIAL and any(v.lang == lang for v in source.official)
        return Version(item.text[lang], status, official_exists=official)

    def attribution(self, item: Item | None, entry: Entry) -> MappingProxyType[str, Attribution] | None:
        """The lead-in naming the author, in every language, when the entry is attributed."""
        if item is None or not entry.attributed:
            return None
        author = self.library.sources[item.source].author
        return MappingProxyType({lang: Attribution(*L.attribution(lang, pick(author, lang))) for lang in self.langs})

    def paragraph(self, entry: Entry, numbered: bool) -> Paragraph:
        item = self.library.items[entry.use] if entry.use else None
        provenance = None
        if item is not None:
            source = self.library.sources[item.source]
            provenance = _provenance(item.id, source, item.ref, self.langs)
            self.cite(source.key)
        versions = {lang: self.version(item, entry, lang) for lang in self.langs}
        if provenance is not None:
            provenance = replace(provenance, note=self.notes(provenance, versions))
        number = None
        if numbered and self.numbered:
            self.number += 1
            number = self.number
        label = MappingProxyType({lang: L.paragraph_label(lang, number) for lang in self.langs})
        return Paragraph(number, label, MappingProxyType(versions), provenance, entry.use,
                         self.attribution(item, entry))

    def notes(self, prov: Provenance, versions: dict[str, Version]) -> Text:
        """The paragraph's footnote in each language: its citation, "Ibid., place." when the
        footnote before cited the same source, "Adapted from …" when the spec changed the
        wording; a supplied version cites its own source, in full."""
        out = {}
        for lang, version in versions.items():
            own = version.provenance
            if own is not None:
                out[lang], key = own.citation[lang], own.source
            else:
                item = self.library.items[prov.item_id]
                source = self.library.sources[prov.source]
                out[lang] = note(source.short, source.date, item.ref, lang, adapted=version.status == EDITED,
                                 ibid=self.last_source[lang] == prov.source)
                key = prov.source
            self.last_source[lang] = key
        return MappingProxyType(out)

    def official_notes(self, paragraphs: list[Paragraph]) -> MappingProxyType[str, tuple[str, ...]]:
        """Per language: for each cited source with an official version of a language the document
        shows only in unofficial translation, a note giving that version as facts."""
        notes: dict[str, list[str]] = {lang: [] for lang in self.langs}
        for key in self.cited:
            source = self.library.sources[key]
            for ov in source.official:
                shown = any(p.provenance is not None and p.provenance.source == key and ov.lang in p.versions
                            and p.versions[ov.lang].official_exists for p in paragraphs)
                if not shown:
                    continue
                for lang in self.langs:
                    notes[lang].append(L.official_note(
                        lang, source_title=pick(source.title, lang), version_lang=ov.lang,
                        publisher=pick(ov.publisher, lang), date=ov.date, where=ov.where))
        return MappingProxyType({lang: tuple(v) for lang, v in notes.items()})

    def themes(self, framework: Framework) -> tuple[ThemeBlock, ...]:
        """The spec's themes in the framework's order, with their sections."""
        by_key: dict[str, ThemeSpec] = {t.key: t for t in self.spec.themes}
        blocks: list[ThemeBlock] = []
        for theme in framework.themes:
            tspec = by_key.get(theme.key)
            if tspec is not None:
                blocks.append(self.theme_block(framework, theme, tspec, sum(1 for b in blocks if b.number)))
        return tuple(blocks)

    def theme_block(self, framework: Framework, theme: Theme, tspec: ThemeSpec, before: int) -> ThemeBlock:
        """One theme: its heading numbered as the framework says (letters and notes verbales
        number nothing), marked where its title is not official wording, its sections in
        framework order; `before` numbered themes precede it."""
        langs = self.langs
        sections = []
        for sec in framework.sections_of(theme):
            paras = tuple(self.paragraph(e, numbered=framework.numbered_paragraphs)
                          for e in tspec.sections.get(sec.key, ()))
            if paras:
                heading = _marked(sec.title, sec.unofficial, langs) if sec.heading else MappingProxyType({})
                sections.append(Section(sec.key, heading, paras))
        number: int | None = None
        label: int | str | None = None
        if self.numbered and theme.numbered and framework.numbering != "none":
            number = before + 1 if framework.numbering == "sequence" else theme.number
            label = theme.label or number
        numbered = {lang: L.theme_heading(lang, label, theme.title[lang]) for lang in langs if lang in theme.title}
        return ThemeBlock(theme.key, number, _only(theme.title, langs), _marked(numbered, theme.unofficial, langs),
                          tuple(sections), _marked(theme.prompt, theme.unofficial, langs),
                          caption=_marked(theme.title, theme.unofficial, langs),
                          listed=number is not None and label == number == before + 1)

    def meta(self, framework: Framework) -> Meta:
        spec, langs = self.spec, self.langs
        bilingual = len(langs) > 1
        clause = L.governing_clause(langs, spec.governing) if spec.governing and bilingual else {}
        dates = MappingProxyType({lang: L.format_date(lang, spec.date) for lang in langs})
        return Meta(
            title=spec.title,
            subtitle=spec.subtitle,
            submitter=spec.submitter,
            date=spec.date,
            date_display=dates,
            languages=langs,
            layout=spec.layout,
            governing=spec.governing if bilingual else None,
            governing_clause=MappingProxyType(clause),
            framework=framework.key,
            framework_title=_only(framework.title, langs),
            form=spec.form,
            masthead=forms.masthead(spec, dates),
            heading=forms.heading(spec, dates),
            signature=forms.signature(spec),
        )

    def sources(self) -> tuple[CitedSource, ...]:
        """Every cited source, in the order first cited, with its entry in the list of sources."""
        out = []
        for key in self.cited:
            s = self.library.sources[key]
            entry = MappingProxyType({lang: source_entry(s.title, s.issuer, s.date, lang) for lang in self.langs})
            out.append(CitedSource(key, s.title, s.issuer, s.date, s.languages, entry))
        return tuple(out)

    def run(self) -> Submission:
        spec, langs = self.spec, self.langs
        framework = self.library.frameworks[spec.framework]
        preamble = tuple(self.paragraph(e, numbered=False) for e in spec.preamble)
        themes = self.themes(framework)
        closing = tuple(self.paragraph(e, numbered=False) for e in spec.closing)
        # A communication opens and closes in prose: its first and last paragraphs get no heading.
        parts = framework.parts if spec.form == "contribution" else {}
        every = [*preamble, *(p for b in themes for sec in b.sections for p in sec.paragraphs), *closing]
        return Submission(
            meta=self.meta(framework),
            options=Options(spec.provenance, spec.mark_edits, spec.reference_doc, spec.redline,
                            MappingProxyType({lang: spec.redline_author or pick(spec.submitter, lang)
                                              for lang in langs}), spec.show_ids),
            labels=L.labels(langs),
            preamble_heading=_only(parts.get("preamble", {}), langs),
            preamble=preamble,
            themes=themes,
            closing_heading=_only(parts.get("closing", {}), langs),
            closing=closing,
            sources=self.sources(),
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


def _marked(text: Mapping[str, str], unofficial: frozenset[str], langs: Sequence[str]) -> Text:
    """A framework title in `langs`, with a visible mark in the languages it is not official in."""
    return MappingProxyType({lang: text[lang] + (L.mark(lang, "unofficial_title") if lang in unofficial else "")
                             for lang in langs if lang in text})


def resolve(spec: Spec, library: Library) -> Submission:
    """The document model of a validated spec."""
    return _Resolver(spec, library).run()
