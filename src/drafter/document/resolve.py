"""Join a validated spec and the library into one immutable `Submission`.

Decisions made here, once, for every writer: theme order (the framework's, whatever the spec's
order), paragraph numbering (consecutive across the themes; preamble and closing unnumbered),
numbered headings in each language's convention, each paragraph's status per language, and
how each paragraph and source is cited (`citation.py`). Every text a writer shows is completed
for every submission language here ("this language, else the first": `library.model.pick`).
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

from drafter.document import labels as L
from drafter.document.citation import citation, source_entry
from drafter.document.model import (
    EDITED,
    NEW,
    SOURCE,
    UNOFFICIAL,
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
from drafter.library.model import Item, Library, Text, pick
from drafter.spec.model import Entry, Spec


def _version(item: Item | None, entry: Entry, lang: str) -> Version:
    if lang in entry.text:
        edited = item is not None and entry.text[lang] != item.text.get(lang)
        return Version(entry.text[lang], EDITED if edited else (NEW if item is None else _status(item, lang)))
    assert item is not None, "spec validation guarantees every language of a new paragraph"
    return Version(item.text[lang], _status(item, lang))


def _status(item: Item, lang: str) -> Status:
    return UNOFFICIAL if item.status(lang) == "unofficial" else SOURCE


def _complete(text: Text, langs: Sequence[str]) -> Text:
    """`text` in every one of `langs`: its own, else its first language's."""
    return MappingProxyType({lang: pick(text, lang) for lang in langs})


class _Resolver:
    def __init__(self, spec: Spec, library: Library):
        self.spec = spec
        self.library = library
        self.number = 0
        self.cited: list[str] = []

    def paragraph(self, entry: Entry, numbered: bool) -> Paragraph:
        item = self.library.items[entry.use] if entry.use else None
        versions = {lang: _version(item, entry, lang) for lang in self.spec.languages}
        provenance = None
        if item is not None:
            source, langs = self.library.sources[item.source], self.spec.languages
            cited = MappingProxyType({lang: citation(source.short, source.date, item.ref, lang) for lang in langs})
            provenance = Provenance(item.id, source.key, _complete(source.short, langs), _complete(item.ref, langs),
                                    source.date, cited)
            if source.key not in self.cited:
                self.cited.append(source.key)
        number = None
        if numbered:
            self.number += 1
            number = self.number
        label = MappingProxyType({lang: L.paragraph_label(lang, number) for lang in self.spec.languages})
        return Paragraph(number, label, MappingProxyType(versions), provenance, entry.use)

    def run(self) -> Submission:
        spec, library = self.spec, self.library
        framework = library.frameworks[spec.framework]
        langs = spec.languages
        preamble = tuple(self.paragraph(e, numbered=False) for e in spec.preamble)
        by_key = {t.key: t for t in spec.themes}
        blocks = []
        for theme in framework.themes:
            tspec = by_key.get(theme.key)
            if tspec is None:
                continue
            sections = []
            for key, title in framework.sections:
                paras = tuple(self.paragraph(e, numbered=True) for e in tspec.sections.get(key, ()))
                if paras:
                    sections.append(Section(key, _only(title, langs), paras))
            number = len(blocks) + 1
            heading = {lang: L.theme_heading(lang, number, theme.title[lang]) for lang in langs}
            blocks.append(
                ThemeBlock(theme.key, number, _only(theme.title, langs), MappingProxyType(heading), tuple(sections))
            )
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
            framework_title=_only(framework.title, langs),
        )
        sources = tuple(
            CitedSource(k, s.title, s.issuer, s.date, s.languages,
                        MappingProxyType({lang: source_entry(s.title, s.issuer, s.date, lang) for lang in langs}))
            for k in self.cited for s in [library.sources[k]]
        )
        parts = framework.parts
        return Submission(
            meta=meta,
            options=Options(spec.provenance, spec.mark_edits, spec.reference_doc),
            labels=L.labels(langs),
            preamble_heading=_only(parts.get("preamble", {}), langs),
            preamble=preamble,
            themes=tuple(blocks),
            closing_heading=_only(parts.get("closing", {}), langs),
            closing=closing,
            sources=sources,
        )


def _only(text: Text, langs: Sequence[str]) -> Text:
    """The languages of `text` among `langs` (a heading the framework lacks stays empty)."""
    return MappingProxyType({lang: text[lang] for lang in langs if lang in text})


def resolve(spec: Spec, library: Library) -> Submission:
    """The document model of a validated spec."""
    return _Resolver(spec, library).run()
