"""The commitment library's model: sources, frameworks and items, immutable once loaded.

`load.py` builds it from `commitments/*.yaml` (and user libraries); everything else reads it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from drafter.errors import DrafterError, Location
from drafter.load.checks import suggest

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": ("English", "英文"), "zh": ("Chinese", "中文")}
SECTIONS = ("principles", "commitments")
KINDS = (
    "preamble",
    "intro",
    "basic-principle",
    "proposal",
    "lead-in",
    "proposition",
    "practice",
    "box",
    "closing",
    "measure",
    "core-principle",
    "key-commitment",
    "action-plan",
    "statement",
)
DEFAULT_FRAMEWORK = "gdc-2023"  # the framework a spec uses unless it names another
ID_REGEX = r"[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+"  # source.theme.n, e.g. cn-igf.data.p2
ID_PATTERN = re.compile(ID_REGEX + r"\Z")
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")

Text = Mapping[str, str]


def frozen(mapping: Mapping[str, str] | None = None) -> Text:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Source:
    """One source document a library item is quoted from."""

    key: str
    title: Text
    short: Text
    issuer: Text
    date: str
    languages: tuple[str, ...]
    original: str
    seed: str | None
    builtin: bool = True


@dataclass(frozen=True)
class Theme:
    key: str
    number: int
    title: Text


@dataclass(frozen=True)
class Framework:
    """A consultation's structure: ordered themes, each with the same ordered sections."""

    key: str
    title: Text
    sections: tuple[tuple[str, Text], ...]
    parts: Mapping[str, Text]
    themes: tuple[Theme, ...]

    def theme(self, key: str) -> Theme | None:
        return next((t for t in self.themes if t.key == key), None)

    @property
    def theme_keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.themes)

    def section_title(self, key: str) -> Text:
        return dict(self.sections)[key]


@dataclass(frozen=True)
class Item:
    """One quotable paragraph of a source, in every language the library holds."""

    id: str
    source: str
    kind: str
    section: str
    themes: tuple[str, ...]
    ref: Text
    title: Text
    text: Text
    unofficial: frozenset[str]
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    location: Location = field(default=Location("<library>"), compare=False)

    def status(self, lang: str) -> str | None:
        """'source' for the source's own words, 'unofficial' for a library translation."""
        if lang not in self.text:
            return None
        return "unofficial" if lang in self.unofficial else "source"

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if lang in self.text)


@dataclass(frozen=True)
class Library:
    """Everything a spec can pick from. Immutable once loaded."""

    sources: Mapping[str, Source]
    frameworks: Mapping[str, Framework]
    items: Mapping[str, Item]
    files: tuple[str, ...] = ()
    user_files: tuple[str, ...] = ()  # the subset of `files` given as user libraries

    def get(self, item_id: str) -> Item:
        """The item with this id, or a `DrafterError` that names the closest id."""
        try:
            return self.items[item_id]
        except KeyError:
            raise DrafterError.at("<library>", f"unknown item id {item_id!r}", hint=self.id_hint(item_id)) from None

    def id_hint(self, item_id: str) -> str:
        hint = suggest(item_id, self.items)
        return hint or "list ids with `drafter library list`"

    def select(
        self,
        *,
        source: str | None = None,
        theme: str | None = None,
        kind: str | None = None,
        tag: str | None = None,
        section: str | None = None,
    ) -> list[Item]:
        """Items matching every given filter, in library order."""
        out = []
        for item in self.items.values():
            if source and item.source != source:
                continue
            if theme and theme not in item.themes:
                continue
            if kind and item.kind != kind:
                continue
            if tag and tag not in item.tags:
                continue
            if section and item.section != section:
                continue
            out.append(item)
        return out

    def framework(self, key: str = DEFAULT_FRAMEWORK) -> Framework:
        try:
            return self.frameworks[key]
        except KeyError:
            raise DrafterError.at(
                "<library>", f"unknown framework {key!r}", hint=suggest(key, self.frameworks, "frameworks")
            ) from None

    @property
    def theme_keys(self) -> tuple[str, ...]:
        keys: list[str] = []
        for fw in self.frameworks.values():
            keys.extend(k for k in fw.theme_keys if k not in keys)
        return tuple(keys)
