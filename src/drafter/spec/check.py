"""Checking a loaded spec: every key, value and id, and a frozen `Spec` that `resolve` can trust.

Every problem is collected before anything is raised, each with `file:line:col`, the key path
and a hint (closest id, theme, key or value). Warnings (an item edited in one language only)
are returned beside the spec; `--strict` makes them errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter.library.model import LANGUAGES, SECTIONS, Item, Library
from drafter.load.checks import Checker, dotted, suggest
from drafter.load.yaml import Ambiguous, YamlDoc
from drafter.spec.fields import (
    ENTRY_KEYS,
    INCLUDE_KEYS,
    LAYOUTS,
    OPTION_KEYS,
    PROVENANCE,
    SPEC_VERSION,
    SUBMISSION_KEYS,
    TOP_KEYS,
    date_problem,
)
from drafter.spec.model import Entry, Spec, Text, ThemeSpec
from drafter.spec.voice import quote_warnings


def _frozen(d: Mapping[str, str]) -> Text:
    return MappingProxyType(dict(d))


MAX_FULL_HINTS = 50  # unknown ids per spec whose hint may search the whole library


class _SpecChecker(Checker):
    hinted = 0

    def __init__(self, doc: YamlDoc, library: Library):
        super().__init__(doc)
        self.library = library
        self.languages: tuple[str, ...] = ("en", "zh")
        self.used: dict[str, str] = {}
        self.submitter: Mapping[str, str] = {}
        self.attributed = False  # options.attributed

    def lang_text(self, value: Any, path: tuple, *, need_all: bool, what: str) -> dict[str, str]:
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
    def entries(self, value: Any, path: tuple, *, theme: str | None, section: str | None) -> list[Entry]:
        if value is None:
            return []
        if not self.typed(value, path, list, "a list of paragraphs (- use: … / - text: …)"):
            return []
        out: list[Entry] = []
        for i, raw in enumerate(value):
            p = (*path, i)
            if isinstance(raw, str):
                self.error(
                    p,
                    "a paragraph entry must be a mapping",
                    f"write `- use: {raw}` for a library item or `- text: {{en: …}}` for new text"
                    if "." in raw
                    else "write `- text: {en: …}` for new text",
                )
                continue
            m = self.mapping(raw, p, optional=ENTRY_KEYS)
            if m is None:
                continue
            if "include" in m:
                if len(m) > 1:
                    self.error(p, "`include` stands alone in its entry", "move `use`/`text` to another entry")
                out.extend(self.include(m["include"], (*p, "include"), theme=theme, section=section))
            elif "use" in m:
                entry = self.use(m, p)
                if entry:
                    out.append(entry)
            elif "text" in m:
                if "attributed" in m:
                    self.error((*p, "attributed"), "only a library item can be attributed",
                               "remove `attributed`, or quote an item with `use:`")
                text = self.lang_text(m["text"], (*p, "text"), need_all=True, what="this new paragraph")
                if text:
                    out.append(Entry(None, _frozen(text), self.doc.loc(p), dotted(p)))
            else:
                self.error(p, "empty paragraph entry", "give `use: <id>` or `text: {…}`")
        return out

    def use(self, m: Mapping[str, Any], p: tuple) -> Entry | None:
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
            edited = [lang for lang in self.languages if lang in edits]
            unedited = [lang for lang in self.languages if lang not in edits]
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
        return Entry(item_id, _frozen(edits), self.doc.loc(p), dotted(p), attributed)

    def attribution(self, m: Mapping[str, Any], p: tuple, item: Item, edits: Mapping[str, str]) -> bool:
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

    def check_languages(self, item: Item, edits: Mapping[str, str], path: tuple) -> None:
        for lang in self.languages:
            if lang not in item.text and lang not in edits:
                self.error(
                    path,
                    f"{item.id} has no {lang} text in the library",
                    f"add `text: {{{lang}: …}}` to this entry with your own wording",
                )

    def include(self, value: Any, path: tuple, *, theme: str | None, section: str | None) -> list[Entry]:
        m = self.mapping(value, path, optional=INCLUDE_KEYS, what="filter")
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
        if "theme" in filters and filters["theme"] not in self.library.theme_keys:
            self.error(
                (*path, "theme"),
                f"unknown theme {filters['theme']!r}",
                suggest(filters["theme"], self.library.theme_keys, "themes"),
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
            section=filters.get("section", section),
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
            out.append(Entry(item.id, _frozen({}), self.doc.loc(path), dotted(path), attributed))
        return out


def check_spec(doc: YamlDoc, library: Library) -> Spec:
    """Validate a loaded spec against the library; raise `DrafterError` with every problem."""
    ck = _SpecChecker(doc, library)
    top = ck.mapping(doc.data, (), required=["drafter", "submission"], optional=TOP_KEYS)
    if top is None:
        ck.raise_if_errors()
        raise AssertionError("unreachable")
    version = top.get("drafter")
    if ck.typed(version, ("drafter",), int, "the spec format version (1)") and version != SPEC_VERSION:
        ck.error(
            ("drafter",), f"unsupported spec format version {version}", f"this drafter reads version {SPEC_VERSION}"
        )
    framework_key = top.get("framework", "gdc-2023")
    framework = None
    if ck.choice(framework_key, ("framework",), library.frameworks, "framework"):
        framework = library.frameworks[framework_key]

    sub = (
        ck.mapping(top.get("submission"), ("submission",), required=["title", "languages"], optional=SUBMISSION_KEYS)
        or {}
    )
    languages: list[str] = []
    for i, lang in enumerate(ck.str_list(sub.get("languages", []), ("submission", "languages"))):
        if ck.choice(lang, ("submission", "languages", i), LANGUAGES, "language"):
            if lang in languages:
                ck.error(("submission", "languages", i), f"language {lang!r} listed twice", "list each once")
            else:
                languages.append(lang)
    if "languages" in sub and isinstance(sub.get("languages"), list) and not sub["languages"]:
        ck.error(("submission", "languages"), "no language given", "write `languages: [en, zh]`")
    if len(languages) > 2:
        ck.error(("submission", "languages"), "at most two languages", "pick one or two of en, zh")
    ck.languages = tuple(languages) or ("en",)
    title = (
        ck.lang_text(sub.get("title"), ("submission", "title"), need_all=True, what="the title")
        if "title" in sub
        else {}
    )
    subtitle = (
        ck.lang_text(sub["subtitle"], ("submission", "subtitle"), need_all=True, what="the subtitle")
        if "subtitle" in sub
        else {}
    )
    submitter = (
        ck.lang_text(sub["submitter"], ("submission", "submitter"), need_all=True, what="the submitter")
        if "submitter" in sub
        else {}
    )
    date = ""
    if "date" in sub and sub["date"] is not None:
        raw_date = sub["date"]
        if isinstance(raw_date, (int, Ambiguous)) and not isinstance(raw_date, bool):
            raw_date = str(raw_date)  # 2023, or an unquoted 2023-04-28 as written
        if ck.typed(raw_date, ("submission", "date"), str, "a date (YYYY-MM-DD)"):
            why = date_problem(raw_date)
            if why is None:
                date = raw_date
            else:
                ck.error(("submission", "date"), f"bad date {raw_date[:40]!r}: {why}",
                         "write it as YYYY-MM-DD, a date of the calendar, e.g. 2023-04-28")
    layout = "parallel"
    if "layout" in sub:
        layout = ck.choice(sub["layout"], ("submission", "layout"), LAYOUTS, "layout") or layout
    governing = None
    if sub.get("governing") is not None:
        governing = ck.choice(sub["governing"], ("submission", "governing"), LANGUAGES, "language")
        if governing and governing not in ck.languages:
            # A one-language variant of a bilingual spec (common in batches) has no other
            # version to prevail over: the clause is simply left out, with a warning.
            ck.warn(
                ("submission", "governing"),
                f"governing language {governing!r} is not a submission language; no governing clause is added",
                "remove `governing`, or add the language to submission.languages",
            )
            governing = None
    if len(ck.languages) == 1:
        layout = "single"
    ck.submitter = submitter
    options = ck.mapping(top.get("options") or {}, ("options",), optional=OPTION_KEYS, what="option") or {}
    if "attributed" in options and ck.typed(options["attributed"], ("options", "attributed"), bool):
        ck.attributed = options["attributed"]

    preamble = ck.entries(top.get("preamble"), ("preamble",), theme=None, section=None)
    closing = ck.entries(top.get("closing"), ("closing",), theme=None, section=None)
    themes: list[ThemeSpec] = []
    raw_themes = top.get("themes")
    if raw_themes is not None and ck.typed(raw_themes, ("themes",), dict):
        theme_keys = framework.theme_keys if framework else ()
        for key, body in raw_themes.items():
            path = ("themes", key)
            if framework and key not in theme_keys:
                ck.error(path, f"unknown theme {key!r}", suggest(str(key), theme_keys, "themes"), key=True)
                continue
            if body is None:
                continue  # a theme set to null is left out (batch variants use this)
            m = ck.mapping(body, path, optional=(*SECTIONS, "include"))
            if m is None:
                continue
            sections: dict[str, list[Entry]] = {s: [] for s in SECTIONS}
            for s in SECTIONS:
                sections[s].extend(ck.entries(m.get(s), (*path, s), theme=key, section=s))
            if "include" in m:  # checked at its own key, so problems point at the filter
                for entry in ck.include(m["include"], (*path, "include"), theme=key, section=None):
                    item = library.items[entry.use] if entry.use else None
                    sections[item.section if item else "principles"].append(entry)
            if not any(sections.values()):  # a heading with nothing under it says nothing
                ck.warn(path, f"theme {key!r} has no paragraphs; it is left out",
                        "give it paragraphs, or remove it (null also removes it)")
                continue
            themes.append(ThemeSpec(key, MappingProxyType({s: tuple(v) for s, v in sections.items()})))

    provenance = "annex"
    if "provenance" in options:
        provenance = (
            ck.choice(options["provenance"], ("options", "provenance"), PROVENANCE, "provenance mode") or provenance
        )
    mark_edits = True
    if "mark_edits" in options and ck.typed(options["mark_edits"], ("options", "mark_edits"), bool):
        mark_edits = options["mark_edits"]
    reference_doc = None
    if options.get("reference_doc") is not None and ck.text(
        options["reference_doc"], ("options", "reference_doc")
    ):
        reference_doc = str(Path(doc.file).parent / options["reference_doc"])
    redline = False
    if "redline" in options and ck.typed(options["redline"], ("options", "redline"), bool):
        redline = options["redline"]
    redline_author = None
    if options.get("redline_author") is not None and ck.text(options["redline_author"], ("options", "redline_author")):
        redline_author = options["redline_author"]
    libraries = tuple(ck.str_list(top.get("libraries") or [], ("libraries",)))
    if not (themes or preamble or closing):
        ck.warn((), "the submission has no paragraphs: the output holds its title block only",
                "add themes with paragraphs, a preamble or a closing")

    ck.raise_if_errors()
    return Spec(
        file=doc.file,
        framework=framework_key,
        title=_frozen(title),
        subtitle=_frozen(subtitle),
        submitter=_frozen(submitter),
        date=date,
        languages=ck.languages,
        layout=layout,
        governing=governing,
        preamble=tuple(preamble),
        themes=tuple(themes),
        closing=tuple(closing),
        provenance=provenance,
        mark_edits=mark_edits,
        reference_doc=reference_doc,
        libraries=libraries,
        warnings=tuple(ck.warnings),
        attributed=ck.attributed,
        redline=redline,
        redline_author=redline_author,
    )


