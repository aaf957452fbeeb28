"""Checking a spec's paragraphs: library items picked (`use`), edited (`text`), written anew, or
picked in bulk (`include`), each against the library and the submission's languages."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from drafter.library.framework import Framework
from drafter.library.model import LANGUAGES, SECTIONS, Item, Library
from drafter.load.checks import Checker, dotted, suggest
from drafter.load.yaml import YamlDoc
from drafter.spec.fields import ENTRY, INCLUDE
from drafter.spec.model import Entry, Text
from drafter.spec.voice import quote_warnings

Path_ = tuple[Any, ...]
MAX_FULL_HINTS = 50  # unknown ids per spec whose hint may search the whole library


def frozen_text(d: Mapping[str, str]) -> Text:
    """An immutable copy of a language -> text mapping."""
    return MappingProxyType(dict(d))


class EntryChecker(Checker):
    """Checks the paragraph entries of a spec (`- use:`, `- text:`, `- include:`) and its texts."""

    def __init__(self, doc: YamlDoc, library: Library):
        super().__init__(doc)
        self.library = library
        self.languages: tuple[str, ...] = ("en", "zh")
        self.used: dict[str, str] = {}
        self.framework_def: Framework | None = None  # set once `framework:` is checked
        self.submitter: Mapping[str, str] = {}
        self.attributed = False  # options.attributed
        self.hinted = 0  # unknown ids met so far (each hint may search the whole library)

    def lang_text(self, value: Any, path: Path_, *, need_all: bool, what: str) -> dict[str, str]:
        """A `{en: …, zh: …}` mapping; a plain string is accepted for a one-language submission."""
        if isinstance(value, str) and len(self.languages) == 1:
            value = {self.languages[0]: value}
        m = self.mapping(value, path, optional=LANGUAGES, what="language")
        if m is None:
            return {}
        out = {}
        for lang, text in m.items():
            checked = self.text(text, (*path, lang))
            if checked is not None:
                out[lang] = checked
        if need_all:
            for lang in self.languages:
                if lang not in m:
                    self.error(
                        path,
                        f"{what} has no {lang} text, but the submission is in {lang}",
                        f"add `{lang}:` or remove {lang} from submission.languages",
                    )
        return out

    # -- paragraphs -----------------------------------------------------------------
    def entries(self, value: Any, path: Path_, *, theme: str | None, section: str | None) -> list[Entry]:
        if value is None:
            return []
        if not self.typed(value, path, list, "a list of paragraphs (- use: … / - text: …)"):
            return []
        out: list[Entry] = []
        for i, raw in enumerate(value):
            out.extend(self.entry(raw, (*path, i), theme=theme, section=section))
        return out

    def entry(self, raw: Any, p: Path_, *, theme: str | None, section: str | None) -> list[Entry]:
        """One entry of a paragraph list: what it picks (an include may pick many, or none)."""
        if isinstance(raw, str):
            self.error(
                p,
                "a paragraph entry must be a mapping",
                f"write `- use: {raw}` for a library item or `- text: {{en: …}}` for new text"
                if "." in raw
                else "write `- text: {en: …}` for new text",
            )
            return []
        m = self.mapping(raw, p, optional=ENTRY.names)
        if m is None:
            return []
        if "include" in m:
            if len(m) > 1:
                self.error(p, "`include` stands alone in its entry", "move `use`/`text` to another entry")
            return self.include(m["include"], (*p, "include"), theme=theme, section=section)
        if "use" in m:
            entry = self.use(m, p)
            return [entry] if entry else []
        if "text" in m:
            if "attributed" in m:
                self.error((*p, "attributed"), "only a library item can be attributed",
                           "remove `attributed`, or quote an item with `use:`")
            text = self.lang_text(m["text"], (*p, "text"), need_all=True, what="this new paragraph")
            return [Entry(None, frozen_text(text), self.doc.loc(p), dotted(p))] if text else []
        self.error(p, "empty paragraph entry", "give `use: <id>` or `text: {…}`")
        return []

    def use(self, m: Mapping[str, Any], p: Path_) -> Entry | None:
        item_id = m["use"]
        if not self.typed(item_id, (*p, "use"), str, "an item id"):
            return None
        item = self.library.items.get(item_id)
        if item is None:
            self.hinted += 1  # past a few dozen, only the item's own source is searched
            hint = self.library.id_hint(item_id, full_scan=self.hinted <= MAX_FULL_HINTS)
            self.error((*p, "use"), f"unknown item id {item_id!r}", hint)
            return None
        if item_id in self.used:
            self.warn(
                (*p, "use"),
                f"item {item_id!r} is used twice (also at {self.used[item_id]})",
                "remove one, or this paragraph appears twice",
            )
        self.used[item_id] = dotted(p)
        edits: dict[str, str] = {}
        if "text" in m:
            edits = self.lang_text(m["text"], (*p, "text"), need_all=False, what="the edit")
            for lang in list(edits):
                if lang not in self.languages:
                    self.warn((*p, "text", lang), f"edit in {lang}, which the submission does not use", "it is ignored")
            # a language the item lacks is supplied, not edited: only the item's own languages count
            edited = [lang for lang in self.languages if lang in edits and lang in item.text]
            unedited = [lang for lang in self.languages if lang not in edits and lang in item.text]
            if edited and unedited:
                self.warn(
                    (*p, "text"),
                    f"{item_id} is edited in {', '.join(edited)} but not in {', '.join(unedited)}; "
                    "the two languages no longer say the same",
                    f"edit text.{unedited[0]} too, or accept the difference",
                )
        self.check_languages(item, edits, (*p, "use"))
        attributed = self.attribution(m, p, item, edits)
        quote_warnings(self, item, self.library.sources[item.source], path=(*p, "use"), edits=edits,
                       languages=self.languages, submitter=self.submitter, attributed=attributed)
        return Entry(item_id, frozen_text(edits), self.doc.loc(p), dotted(p), attributed)

    def attribution(self, m: Mapping[str, Any], p: Path_, item: Item, edits: Mapping[str, str]) -> bool:
        """`attributed:` of an entry, or the spec-wide option for an item in its author's voice."""
        if "attributed" not in m:
            return self.attributed and item.voice == "author" and not edits
        if not self.typed(m["attributed"], (*p, "attributed"), bool):
            return False
        if m["attributed"] and edits:
            self.error((*p, "attributed"), f"{item.id} is edited, so its words are no longer the source's",
                       "quote it unedited to attribute it, or remove `attributed`")
        elif m["attributed"] and not self.library.sources[item.source].author:
            self.error((*p, "attributed"), f"source {item.source!r} names no author to attribute {item.id} to",
                       "add `author:` to the source, or remove `attributed`")
        return bool(m["attributed"])

    def check_languages(self, item: Item, edits: Mapping[str, str], path: Path_) -> None:
        for lang in self.languages:
            if lang not in item.text and lang not in edits:
                self.error(
                    path,
                    f"{item.id} has no {lang} text in the library",
                    f"add `text: {{{lang}: …}}` to this entry with your own translation (shown as unofficial), "
                    f"or a user library's version of it",
                )

    def include(self, value: Any, path: Path_, *, theme: str | None, section: str | None) -> list[Entry]:
        m = self.mapping(value, path, optional=INCLUDE.names, what=INCLUDE.noun)
        if m is None:
            return []
        filters: dict[str, str] = {}
        for key, val in m.items():
            if not self.typed(val, (*path, key), str):
                return []
            filters[key] = val
        if "source" in filters and filters["source"] not in self.library.sources:
            self.error(
                (*path, "source"),
                f"unknown source {filters['source']!r}",
                suggest(filters["source"], self.library.sources, "sources"),
            )
            return []
        framework = self.framework_def
        themes = framework.theme_keys if framework is not None else self.library.theme_keys
        if "theme" in filters and filters["theme"] not in themes:
            self.error(
                (*path, "theme"),
                f"unknown theme {filters['theme']!r}",
                suggest(filters["theme"], themes, "themes"),
            )
            return []
        if "section" in filters and filters["section"] not in SECTIONS:
            self.error(
                (*path, "section"),
                f"unknown section {filters['section']!r}",
                suggest(filters["section"], SECTIONS, "sections"),
            )
            return []
        chosen = self.library.select(
            source=filters.get("source"),
            theme=filters.get("theme", theme),
            kind=filters.get("kind"),
            tag=filters.get("tag"),
            # a framework's own section (a questionnaire's `answer`) is no item's default section
            section=filters.get("section", section if section in SECTIONS else None),
            framework=framework.key if framework is not None else None,
        )
        if not chosen:
            self.warn(path, "this include picks no item", "check the filters with `drafter library list`")
        out = []
        for item in chosen:
            if item.id in self.used:
                continue  # already picked explicitly or by another include: keep the first
            self.used[item.id] = dotted(path)
            self.check_languages(item, {}, path)
            attributed = self.attributed and item.voice == "author"
            quote_warnings(self, item, self.library.sources[item.source], path=path, edits={},
                           languages=self.languages, submitter=self.submitter, attributed=attributed)
            out.append(Entry(item.id, frozen_text({}), self.doc.loc(path), dotted(path), attributed))
        return out
