"""The commitment library's model: sources, frameworks and items, immutable once loaded.

`load.py` builds it from `commitments/*.yaml` (and user libraries); everything else reads it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from msgspec import Struct, field
from msgspec.structs import replace

from drafter.errors import DrafterError, Location
from drafter.library.notes import OfficialVersion, Repair, Sic, Supplied
from drafter.load.checks import closest, suggest

if TYPE_CHECKING:
    from drafter.library.framework import Crosswalk, Framework

from drafter.library.languages import LANGUAGE_NAMES as LANGUAGE_NAMES  # re-exported: the library speaks of them
from drafter.library.languages import LANGUAGES as LANGUAGES
from drafter.library.languages import UN_ORDER as UN_ORDER

SECTIONS = ("principles", "commitments")  # where an item goes by default (`Item.section`)
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

TranslationStatus = Literal["source", "unofficial", "user"]
"""Whose words an item's text is in one language: the source's, the library's own translation,
or a version a user library supplied. The document model uses the same names."""

Text = Mapping[str, str]
"""Language code -> text, e.g. {"en": "...", "zh": "..."}."""


def pick(text: Text, lang: str, default: str = "") -> str:
    """The text in `lang`, else in the first language it has (a source given in one language).

    The one place this rule is written; the document model applies it for the writers.
    """
    if lang in text:
        return text[lang]
    return next(iter(text.values()), default)


def frozen(mapping: Mapping[str, str] | None = None) -> Text:
    """An immutable copy of a language -> text mapping."""
    return MappingProxyType(dict(mapping or {}))


class Source(Struct, frozen=True):
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
    author: Text = field(default_factory=lambda: frozen())  # whose voice `voice: author` items speak in
    official: tuple[OfficialVersion, ...] = ()  # official versions in languages the source lacks
    seed_kind: str = ""  # "web" (a space between two CJK characters is content) or "pdf"


class Item(Struct, frozen=True):
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
    location: Location = field(default=Location("<library>"))
    repairs: tuple[Repair, ...] = ()
    sic: tuple[Sic, ...] = ()
    voice: str = ""  # "author": the item speaks in its source's author's voice
    supplied: Mapping[str, Supplied] = field(default_factory=lambda: MappingProxyType({}))  # lang -> version

    def status(self, lang: str) -> TranslationStatus | None:
        """'source' for the source's own words, 'unofficial' for a library translation, 'user' for a
        version a user library supplied (`versions:`)."""
        if lang not in self.text:
            return None
        if lang in self.supplied:
            return "user"
        return "unofficial" if lang in self.unofficial else "source"

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGUAGES if lang in self.text)


class Library(Struct, frozen=True, dict=True):
    """Everything a spec can pick from. Immutable once loaded."""

    sources: Mapping[str, Source]
    frameworks: Mapping[str, Framework]
    items: Mapping[str, Item]
    files: tuple[str, ...] = ()
    user_files: tuple[str, ...] = ()  # the subset of `files` given as user libraries
    crosswalks: Mapping[tuple[str, str], Crosswalk] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, item_id: str) -> Item:
        """The item with this id, or a `DrafterError` that names the closest id."""
        try:
            return self.items[item_id]
        except KeyError:
            raise DrafterError.at("<library>", f"unknown item id {item_id!r}", hint=self.id_hint(item_id)) from None

    def id_hint(self, item_id: str, *, full_scan: bool = True) -> str:
        """'did you mean …?' for an unknown id, or where to look. Ids of the same source are
        compared first (a typo rarely changes the source key); the whole library is scanned
        only if they give nothing and `full_scan` is set (a checker allows a few per file, so
        thousands of unknown ids cost no more than a few dozen)."""
        best = self.id_index.closest(item_id, full_scan=full_scan)
        return f"did you mean {best!r}?" if best else "list ids with `drafter library list`"

    @cached_property
    def id_index(self) -> IdIndex:
        return IdIndex(tuple(self.items))

    def select(
        self,
        *,
        source: str | None = None,
        theme: str | None = None,
        kind: str | None = None,
        tag: str | None = None,
        section: str | None = None,
        framework: str | None = None,
    ) -> list[Item]:
        """Items matching every given filter, in library order.

        `theme` is a theme of `framework` (default: the framework that has the theme, the
        default framework first): items tagged with another framework's themes are found through
        the crosswalk, so `theme: digital-economy` finds the 2023 items the Compact puts there.
        """
        if theme and framework is None:
            framework = self.framework_of_theme(theme)
        out = []
        for item in self.items.values():
            if source and item.source != source:
                continue
            if theme and theme not in self.item_themes(item, framework):
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

    def framework_of_theme(self, theme: str) -> str | None:
        """The framework a theme key belongs to, the default framework first."""
        if theme in self.framework().theme_keys:
            return DEFAULT_FRAMEWORK
        return next((fw.key for fw in self.frameworks.values() if theme in fw.theme_keys), None)

    def crosswalk(self, source: str, target: str) -> Crosswalk | None:
        return self.crosswalks.get((source, target))

    def item_themes(self, item: Item, framework: str | None) -> tuple[str, ...]:
        """The item's themes in `framework`, its home first (parts left out)."""
        if framework is None or framework not in self.frameworks:
            return item.themes
        keys = self.frameworks[framework].theme_keys
        return tuple(p for p in self.places(item, framework) if p in keys)

    def home(self, item: Item, framework: str) -> str | None:
        """Where the item belongs in `framework`: a theme key, `preamble` or `closing`."""
        found = self.places(item, framework)
        return found[0] if found else None

    def places(self, item: Item, framework: str) -> tuple[str, ...]:
        """The item's places in `framework`, its home first: its own themes there; else, through a
        crosswalk, the mapped themes or, for an item on no theme, the place its kind goes to."""
        keys = self.frameworks[framework].theme_keys
        own = tuple(t for t in item.themes if t in keys)
        if own:
            return own
        for (source, target), walk in self.crosswalks.items():
            if target == framework and (not item.themes or item.themes[0] in self.frameworks[source].theme_keys):
                return walk.places(item)
            if source == framework and not item.themes:
                return (walk.unthemed.get(item.kind, walk.unthemed["other"]),)
        return ()

    def with_framework(self, framework: Framework) -> Library:
        """This library with one more framework (a user's, named by a spec)."""
        return replace(self, frameworks=MappingProxyType({**self.frameworks, framework.key: framework}))


class IdIndex:
    """Item ids grouped by their leading parts (`cn-igf.connect.` and `cn-igf.`), for cheap
    'did you mean' hints (rapidfuzz ratio): a typo rarely changes more than one part, so the
    id's own group is searched first, and a wider one only while a checker allows it."""

    def __init__(self, ids: tuple[str, ...]):
        self.ids = ids
        self.groups: dict[str, list[str]] = {}
        for item_id in ids:
            for prefix in _prefixes(item_id):
                self.groups.setdefault(prefix, []).append(item_id)

    def closest(self, word: str, *, full_scan: bool = True) -> str | None:
        """The closest id in the narrowest group `word` shares, then (if `full_scan`) anywhere."""
        groups = [self.groups[p] for p in _prefixes(str(word)) if p in self.groups]
        for choices in groups[:1] + ([list(self.ids)] if full_scan else []):
            found = closest(word, choices)
            if found:
                return found
        return None


def _prefixes(item_id: str) -> list[str]:
    """`a.b.c` -> [`a.b.`, `a.`]: the id's groups, narrowest first."""
    parts = item_id.split(".")
    return [".".join(parts[:n]) + "." for n in range(len(parts) - 1, 0, -1)]
