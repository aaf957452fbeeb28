"""Budgets: how long each theme, section and the whole submission is, against the framework's limits.

A questionnaire caps each answer ("max. 300 words"); a framework says so with `limit:` on a
theme, a section or the whole submission, per language. This module counts a resolved
`Submission` (only the paragraphs' own text: numbers, marks, headings, questions and footnotes do
not count) with the one set of counting rules (`counting.py`), and turns every exceeded limit
into a located warning such as `q2 (en): 320 words, limit 300`, which `--strict` makes an error.
It also tabulates the coverage picture of `drafter stats --svg`: which sources fill which
section, and how much of its budget they use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from msgspec import Struct

from drafter.document.counting import Unit, count, unit
from drafter.document.labels import theme_heading
from drafter.document.model import Paragraph, Submission
from drafter.errors import Location, Problem
from drafter.library.framework import Framework, Limit, Limits
from drafter.library.model import Library
from drafter.spec.model import Spec

OWN = "own text"  # the coverage column of paragraphs with no source


class Count(Struct, frozen=True):
    """One scope (a theme, a theme's section, a part, the submission) in one language."""

    scope: str  # "q2", "q2.answer", "preamble", "submission"
    lang: str
    paragraphs: int
    length: int
    unit: Unit
    limit: Limit | None
    location: Location
    path: str = ""

    @property
    def over(self) -> int:
        """By how much the limit is exceeded (0 when within it, or without one)."""
        return max(0, self.length - self.limit.amount) if self.limit is not None else 0

    def message(self) -> str:
        return f"{self.scope} ({self.lang}): {self.length:,} {self.unit}, limit {self.limit.amount:,}" \
            if self.limit is not None else f"{self.scope} ({self.lang}): {self.length:,} {self.unit}"


def length(paragraphs: Iterable[Paragraph], lang: str, in_unit: Unit | None = None) -> int:
    """The paragraphs' text in `lang`, counted; a paragraph's lines are counted one by one."""
    return sum(count(line, lang, in_unit) for p in paragraphs for line in p.versions[lang].lines)


def _counted(scope: str, lang: str, paragraphs: Sequence[Paragraph], limits: Limits, where: Location,
             path: str) -> Count:
    limit = limits.get(lang)
    in_unit = limit.unit if limit is not None else unit(lang)
    return Count(scope, lang, len(paragraphs), length(paragraphs, lang, in_unit), in_unit, limit, where, path)


def budgets(sub: Submission, framework: Framework, locations: Mapping[str, Location],
            spec_file: str, *, limited: bool = False) -> list[Count]:
    """Every scope of the submission in every language, with its limit where the framework sets one.

    `locations` are the spec's theme keys' places (`ThemeSpec.location`), for the warnings.
    With `limited`, only the scopes a limit applies to are counted (all a warning needs: every
    render and validation asks, and most frameworks set few limits or none).
    """
    langs = sub.meta.languages
    out: list[Count] = []

    def _count(scope: str, lang: str, paragraphs: Sequence[Paragraph], limits: Limits, where: Location,
               path: str) -> list[Count]:
        if limited and limits.get(lang) is None:
            return []
        return [_counted(scope, lang, paragraphs, limits, where, path)]

    top = Location(spec_file, 1, 1)
    if sub.preamble:
        out += [c for lang in langs for c in _count("preamble", lang, sub.preamble, {}, top, "preamble")]
    for block in sub.themes:
        theme = framework.theme(block.key)
        where = locations.get(block.key, top)
        paras = [p for s in block.sections for p in s.paragraphs]
        limits = theme.limit if theme is not None else {}
        out += [c for lang in langs for c in _count(block.key, lang, paras, limits, where, f"themes.{block.key}")]
        for section in block.sections:
            definition = framework.section(block.key, section.key)
            sec_limits = definition.limit if definition is not None else {}
            if len(block.sections) > 1 or sec_limits:
                out += [c for lang in langs for c in _count(f"{block.key}.{section.key}", lang, section.paragraphs,
                                                            sec_limits, where, f"themes.{block.key}.{section.key}")]
    if sub.closing:
        out += [c for lang in langs for c in _count("closing", lang, sub.closing, {}, top, "closing")]
    out += [c for lang in langs for c in _count("submission", lang, sub.paragraphs(), framework.limit, top, "")]
    return out


def limit_warnings(counts: Iterable[Count]) -> list[Problem]:
    """A warning for every exceeded limit: `q2 (en): 320 words, limit 300`."""
    return [Problem(c.location, c.message(), path=c.path,
                    hint=f"{c.over:,} {c.unit} over; shorten it, or check the limit with `drafter stats`",
                    severity="warning")
            for c in counts if c.over]


class Cell(Struct, frozen=True):
    """One cell of the coverage picture: what one source gives one section."""

    paragraphs: int
    length: int
    share: float | None  # of the row's limit in the first language, when there is one


class Row(Struct, frozen=True):
    """One row of the coverage picture: a theme's section, with its limit."""

    label: str  # the theme's heading in the first language
    scope: str
    limit: Limit | None
    cells: Mapping[str, Cell]  # column -> cell; absent when no paragraph
    section: str = ""  # the section's title, when the theme has several


class Coverage(Struct, frozen=True):
    """The framework's sections × the sources, for the submission's first language."""

    title: str
    lang: str
    columns: tuple[str, ...]  # source keys in citation order, then OWN
    column_titles: Mapping[str, str]
    rows: tuple[Row, ...]


def coverage(sub: Submission, framework: Framework) -> Coverage:
    """The coverage picture of `drafter stats --svg`: paragraphs and budget per section and source."""
    lang = sub.meta.languages[0]
    columns = [s.key for s in sub.sources]
    titles = {s.key: s.title.get(lang) or next(iter(s.title.values()), s.key) for s in sub.sources}
    for p in sub.paragraphs():  # the short title, as the paragraphs cite their source
        if p.provenance is not None and p.provenance.source_title:
            short = p.provenance.source_title
            titles[p.provenance.source] = short.get(lang) or next(iter(short.values()))
    if any(p.provenance is None for p in sub.paragraphs()):
        columns.append(OWN)
        titles[OWN] = OWN
    rows = []
    blocks = {b.key: b for b in sub.themes}
    for theme in framework.themes:
        block = blocks.get(theme.key)
        sections = {s.key: s for s in block.sections} if block is not None else {}
        definitions = framework.sections_of(theme)
        for definition in definitions:
            section = sections.get(definition.key)
            limit = definition.limit.get(lang) or (theme.limit.get(lang) if len(definitions) == 1 else None)
            cells = {}
            for column in columns:
                picked = [p for p in (section.paragraphs if section is not None else ())
                          if (p.provenance.source if p.provenance is not None else OWN) == column]
                if picked:
                    n = length(picked, lang, limit.unit if limit is not None else None)
                    cells[column] = Cell(len(picked), n, n / limit.amount if limit is not None else None)
            label = block.heading.get(lang, theme.key) if block is not None else theme_heading(
                lang, (theme.label or theme.number) if theme.numbered else None, theme.title.get(lang, theme.key))
            title = definition.title.get(lang, definition.key) if len(definitions) > 1 else ""
            rows.append(Row(label, f"{theme.key}.{definition.key}", limit, cells, title))
    return Coverage(sub.meta.title.get(lang, ""), lang, tuple(columns), titles, tuple(rows))


def spec_budgets(spec: Spec, library: Library, sub: Submission, *, limited: bool = False) -> list[Count]:
    """The budgets of a resolved spec, against its framework's limits (warnings located at the
    spec's theme keys); with `limited`, only those a limit applies to."""
    return budgets(sub, library.frameworks[spec.framework], {t.key: t.location for t in spec.themes}, spec.file,
                   limited=limited)
