"""Join a validated spec and the library into one immutable `Submission`.

Decisions made here, once, for every writer: theme order (the framework's, whatever the spec's
order), paragraph numbering (consecutive across the themes; preamble and closing unnumbered),
numbered headings in each language's convention, each paragraph's status per language, and
how each paragraph and source is cited (`citation.py`). Every text a writer shows is completed
for every submission language here ("this language, else the first": `library.model.pick`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from drafter.document import labels as L
from drafter.document.citation import citation, note, source_entry
from drafter.document.model import (
    EDITED,
    NEW,
    SOURCE,
    UNOFFICIAL,
    CitedSource,
    Masthead,
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
        self.last_source: str | None = None  # of the last cited paragraph: the next may say "Ibid."
        self.numbered = spec.form == "contribution"  # letters and notes verbales are not numbered

    def paragraph(self, entry: Entry, numbered: bool) -> Paragraph:
        item = self.library.items[entry.use] if entry.use else None
        versions = {lang: _version(item, entry, lang) for lang in self.spec.languages}
        provenance = None
        if item is not None:
            source, langs = self.library.sources[item.source], self.spec.languages
            cited = MappingProxyType({lang: citation(source.short, source.date, item.ref, lang) for lang in langs})
            ibid = source.key == self.last_source
            notes = MappingProxyType({lang: note(source.short, source.date, item.ref, lang, ibid=ibid,
                                                 adapted=versions[lang].status == EDITED) for lang in langs})
            provenance = Provenance(item.id, source.key, _complete(source.short, langs), _complete(item.ref, langs),
                                    source.date, cited, notes)
            self.last_source = source.key
            if source.key not in self.cited:
                self.cited.append(source.key)
        number = None
        if numbered and self.numbered:
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
        blocks: list[ThemeBlock] = []
        for theme in framework.themes:
            tspec = by_key.get(theme.key)
            if tspec is None:
                continue
            sections = []
            for key, title in framework.sections:
                paras = tuple(self.paragraph(e, numbered=True) for e in tspec.sections.get(key, ()))
                if paras:
                    sections.append(Section(key, _only(title, langs), paras))
            number = len(blocks) + 1 if self.numbered else None
            heading = {lang: L.theme_heading(lang, number, theme.title[lang]) if number else theme.title[lang]
                       for lang in langs}
            blocks.append(
                ThemeBlock(theme.key, number, _only(theme.title, langs), MappingProxyType(heading), tuple(sections))
            )
        closing = tuple(self.paragraph(e, numbered=False) for e in spec.closing)
        meta = _meta(spec, framework.key, _only(framework.title, langs))
        sources = tuple(
            CitedSource(k, s.title, s.issuer, s.date, s.languages,
                        MappingProxyType({lang: source_entry(s.title, s.issuer, s.date, lang) for lang in langs}))
            for k in self.cited for s in [library.sources[k]]
        )
        # A communication opens and closes in prose: its first and last paragraphs get no heading.
        parts = framework.parts if spec.form == "contribution" else {}
        return Submission(
            meta=meta,
            options=Options(spec.provenance, spec.mark_edits, spec.reference_doc, spec.show_ids),
            labels=L.labels(langs),
            preamble_heading=_only(parts.get("preamble", {}), langs),
            preamble=preamble,
            themes=tuple(blocks),
            closing_heading=_only(parts.get("closing", {}), langs),
            closing=closing,
            sources=sources,
        )


def _meta(spec: Spec, framework: str, framework_title: Text) -> Meta:
    """What the submission is and how it opens and ends: title block, masthead, form."""
    langs = spec.languages
    governing_clause = L.governing_clause(langs, spec.governing) if spec.governing and len(langs) > 1 else {}
    dates = MappingProxyType({lang: L.format_date(lang, spec.date) for lang in langs})
    return Meta(
        title=spec.title,
        subtitle=spec.subtitle,
        submitter=spec.submitter,
        date=spec.date,
        date_display=dates,
        languages=langs,
        layout=spec.layout,
        governing=spec.governing if len(langs) > 1 else None,
        governing_clause=MappingProxyType(governing_clause),
        framework=framework,
        framework_title=framework_title,
        form=spec.form,
        masthead=_masthead(spec, dates),
        heading=_heading(spec, dates),
        signature=MappingProxyType({lang: L.signature(lang, spec.signatory[lang]) for lang in langs
                                    if spec.form == "letter" and lang in spec.signatory}),
    )


def _masthead(spec: Spec, dates: Text) -> Mapping[str, Masthead]:
    """Each version's masthead, or none when the spec asks for nothing a masthead shows."""
    if not (spec.symbol or spec.original_language or spec.agenda_item or spec.form != "contribution"):
        return MappingProxyType({})
    original = spec.original_language
    out = {}
    for lang in spec.languages:
        out[lang] = Masthead(
            symbol=spec.symbol,
            date=dates[lang],
            original=L.original_line(lang, original) if original else "",
            translation=pick(L.LABELS["translation"], lang) if original and original != lang else "",
            agenda_item=spec.agenda_item.get(lang, ""),
        )
    return MappingProxyType(out)


def _heading(spec: Spec, dates: Text) -> Text:
    """The title of a letter or note verbale in each language; empty for a contribution."""
    if spec.form == "contribution":
        return MappingProxyType({})
    out = {}
    for lang in spec.languages:
        addressee = spec.addressee.get(lang) or pick(L.LABELS["secretary_general"], lang)
        out[lang] = L.communication_heading(lang, spec.form, dates[lang], spec.submitter.get(lang, ""), addressee)
    return MappingProxyType(out)


def _only(text: Text, langs: Sequence[str]) -> Text:
    """The languages of `text` among `langs` (a heading the framework lacks stays empty)."""
    return MappingProxyType({lang: text[lang] for lang in langs if lang in text})


def resolve(spec: Spec, library: Library) -> Submission:
    """The document model of a validated spec."""
    return _Resolver(spec, library).run()
