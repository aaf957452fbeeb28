"""A consultation's structure: its themes or questions, the sections under each, their limits.

A framework is data (`commitments/frameworks/*.yaml`, or a user's file named by a spec's
`framework:`), loaded and checked by `framework_file.py`. This module only says what a loaded
framework is; every writer learns about it through the document model.

Official wording is kept apart from the project's own: every title carries the set of languages
in which it is *not* wording the consultation (or the adopted text) itself uses (`unofficial`),
so that outputs can mark it, as the library marks its unofficial translations.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, Protocol

from msgspec import Struct, field

Unit = Literal["words", "characters"]
"""What a limit counts (the counting rules live in document/counting.py, which imports this)."""
Text = Mapping[str, str]
Numbering = Literal["framework", "sequence", "none"]
"""How theme headings are numbered: with the framework's own numbers (an objective or a question
keeps its number whichever others a submission answers), consecutively among the themes a
submission answers (the 2023 consultation's habit), or not at all."""
EMPTY: Text = MappingProxyType({})


class Limit(Struct, frozen=True):
    """A length limit in one language: `300 words`, `600 characters`."""

    lang: str
    unit: Unit
    amount: int

    def __str__(self) -> str:
        return f"{self.amount:,} {self.unit}"


Limits = Mapping[str, Limit]  # language -> limit
NO_LIMITS: Limits = MappingProxyType({})


class SectionDef(Struct, frozen=True):
    """A section asked for under each theme: "Core principles", or a questionnaire's answer."""

    key: str
    title: Text
    unofficial: frozenset[str] = frozenset()
    heading: bool = True  # False: the section's heading is not printed (a single answer)
    limit: Limits = field(default_factory=lambda: NO_LIMITS)


class Subheading(Struct, frozen=True):
    """A sub-heading of the source text inside a theme, with the paragraphs it covers."""

    title: Text
    unofficial: frozenset[str] = frozenset()
    paragraphs: str = ""  # "26-29", "8"; "" when not recorded
    confirmed: bool = True  # False: the paragraph range could not be checked against the text


class Theme(Struct, frozen=True):
    """One theme, objective or question of a framework, in framework order."""

    key: str
    number: int  # 1, 2, … among the numbered themes; 0 for an unnumbered one
    title: Text
    unofficial: frozenset[str] = frozenset()
    label: str = ""  # an explicit heading number ("2a", "Q3") instead of `number`
    numbered: bool = True
    prompt: Text = field(default_factory=lambda: EMPTY)  # the question asked, for a questionnaire
    paragraphs: str = ""
    confirmed: bool = True
    subheadings: tuple[Subheading, ...] = ()
    sections: tuple[SectionDef, ...] | None = None  # None: the framework's sections
    limit: Limits = field(default_factory=lambda: NO_LIMITS)


class Framework(Struct, frozen=True):
    """A consultation's structure: ordered themes, each with its ordered sections."""

    key: str
    title: Text
    sections: tuple[SectionDef, ...]
    parts: Mapping[str, Text]
    themes: tuple[Theme, ...]
    unofficial: frozenset[str] = frozenset()
    source: Text = field(default_factory=lambda: EMPTY)  # where the structure comes from, e.g. "A/RES/79/1, annex I"
    numbering: Numbering = "framework"
    numbered_paragraphs: bool = True
    limit: Limits = field(default_factory=lambda: NO_LIMITS)  # the whole submission
    file: str = ""  # the file it was loaded from, as shown in messages
    path: str = ""  # that file, resolved (a spec names a user framework by its path)
    builtin: bool = True

    def theme(self, key: str) -> Theme | None:
        return next((t for t in self.themes if t.key == key), None)

    @property
    def theme_keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.themes)

    def sections_of(self, theme: Theme | str) -> tuple[SectionDef, ...]:
        """The sections under `theme`: its own, or the framework's."""
        found = self.theme(theme) if isinstance(theme, str) else theme
        if found is not None and found.sections is not None:
            return found.sections
        return self.sections

    def section_keys(self, theme: Theme | str) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections_of(theme))

    def section(self, theme: Theme | str, key: str) -> SectionDef | None:
        return next((s for s in self.sections_of(theme) if s.key == key), None)

    def section_title(self, key: str) -> Text:
        found = next((s for s in self.sections if s.key == key), None)
        return found.title if found is not None else EMPTY

    @property
    def has_limits(self) -> bool:
        """Whether any limit is set, on the whole, a theme or a section: without one, a
        render need not count anything (nor import the counting)."""
        sections = [*self.sections, *(s for t in self.themes for s in (t.sections or ()))]
        return bool(self.limit) or any(t.limit for t in self.themes) or any(s.limit for s in sections)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages every theme title is given in."""
        common = set(self.title)
        for theme in self.themes:
            common &= set(theme.title)
        return tuple(lang for lang in self.title if lang in common)


OTHER_KINDS = "other"  # a crosswalk's `unthemed` rule for every kind not listed


class Placed(Protocol):
    """What a crosswalk reads of a library item (`library.model.Item`) to place it."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def themes(self) -> tuple[str, ...]: ...


class Crosswalk(Struct, frozen=True):
    """From framework `source` to framework `target`."""

    source: str
    target: str
    themes: Mapping[str, str]  # source theme -> target place
    sections: Mapping[str, str]  # source section -> target section
    unthemed: Mapping[str, str]  # item kind (or "other") -> target place, for items on no source theme
    items: Mapping[str, str]  # item id -> target place: the exceptions
    file: str = ""

    def home(self, item: Placed) -> str:
        """The item's own place in the target: its exception, its primary theme's, or its kind's."""
        if item.id in self.items:
            return self.items[item.id]
        for theme in item.themes:
            if theme in self.themes:
                return self.themes[theme]
        return self.unthemed.get(item.kind, self.unthemed[OTHER_KINDS])

    def place(self, item: Placed | None, under: str) -> str:
        """Where a paragraph a spec put under source theme `under` goes.

        An item under the theme the library gives it (its primary theme, or any theme for an item
        on none) follows its item-level exception; a paragraph anywhere else follows the theme it
        was put under, because that is the drafter's choice.
        """
        if item is not None and item.id in self.items and (not item.themes or item.themes[0] == under):
            return self.items[item.id]
        return self.themes[under]

    def places(self, item: Placed) -> tuple[str, ...]:
        """Every target place of the item, its home first (for `include: {theme: …}`)."""
        out = [self.home(item)]
        for theme in item.themes[1:]:
            if theme in self.themes and self.themes[theme] not in out:
                out.append(self.themes[theme])
        return tuple(out)

    def section(self, key: str) -> str:
        """The target's section for source section `key` (the same key unless mapped)."""
        return self.sections.get(key, key)
