"""Checking a loaded spec: every key, value and id, and a frozen `Spec` that `resolve` can trust.

Every problem is collected before anything is raised, each with `file:line:col`, the key path
and a hint (closest id, theme, key or value). Warnings (an item edited in one language only)
are returned beside the spec; `--strict` makes them errors. The keys each block allows, their
choices and defaults come from `fields.py`; the paragraphs are checked by `entries.py`.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter.library.framework import Framework
from drafter.library.framework_file import framework_reference
from drafter.library.model import SECTIONS, UN_ORDER, Library
from drafter.load.checks import suggest
from drafter.load.yaml import Ambiguous, YamlDoc
from drafter.spec.entries import EntryChecker, frozen_text
from drafter.spec.fields import OPTIONS, SPEC, SPEC_VERSION, SUBMISSION, Provenance, date_problem
from drafter.spec.model import Entry, Spec, ThemeSpec

Path_ = tuple[Any, ...]


class _SpecChecker(EntryChecker):
    """The whole spec, block by block, in the order problems are reported."""

    redline = False  # options.redline
    redline_author: str | None = None  # options.redline_author

    def version(self, top: dict[str, Any]) -> None:
        version = top.get("drafter")
        if self.typed(version, ("drafter",), int, "the spec format version (1)") and version != SPEC_VERSION:
            self.error(("drafter",), f"unsupported spec format version {version}",
                       f"this drafter reads version {SPEC_VERSION}")

    def framework(self, top: dict[str, Any]) -> tuple[str, Framework | None]:
        """A built-in framework's key, or a framework file `load.py` has already loaded."""
        key = SPEC["framework"]
        value = top.get("framework", key.default)
        if isinstance(value, str) and framework_reference(value):
            target = os.path.abspath(Path(self.doc.file).parent / value)
            found = next((fw for fw in self.library.frameworks.values() if fw.path == target and not fw.builtin),
                         None)
            if found is None:
                self.error(("framework",), f"framework file {value!r} is not loaded",
                           "load the spec with drafter.spec.load.load_spec, which reads the file")
                return value, None
            self.framework_def = found
            return found.key, found
        builtin = [k for k, fw in self.library.frameworks.items() if fw.builtin]
        chosen = self.choice(value, ("framework",), builtin, key.noun)
        if chosen is not None:
            self.framework_def = self.library.frameworks[chosen]
            return chosen, self.framework_def
        return str(value), None

    def submission_languages(self, sub: dict[str, Any]) -> None:
        """`submission.languages`: one or two distinct languages; sets `self.languages`."""
        key, path = SUBMISSION["languages"], ("submission", "languages")
        languages: list[str] = []
        for i, lang in enumerate(self.str_list(sub.get("languages", []), path)):
            if self.choice(lang, (*path, i), key.choices, key.noun):
                if lang in languages:
                    self.error((*path, i), f"language {lang!r} listed twice", "list each once")
                else:
                    languages.append(lang)
        if "languages" in sub and isinstance(sub.get("languages"), list) and not sub["languages"]:
            self.error(path, "no language given", "write `languages: [en, zh]`")
        if len(languages) > 2:
            self.error(path, "at most two languages", f"pick one or two of {', '.join(UN_ORDER)}")
        self.languages = tuple(languages) or ("en",)

    def submission_text(self, sub: dict[str, Any], name: str) -> dict[str, str]:
        """`submission.title`, `.subtitle`, `.submitter`: text in every submission language."""
        if name not in sub:
            return {}
        return self.lang_text(sub[name], ("submission", name), need_all=True, what=SUBMISSION[name].noun)

    def date(self, sub: dict[str, Any]) -> str:
        if "date" not in sub or sub["date"] is None:
            return ""
        raw = sub["date"]
        if isinstance(raw, (int, Ambiguous)) and not isinstance(raw, bool):
            raw = str(raw)  # 2023, or an unquoted 2023-04-28 as written
        if self.typed(raw, ("submission", "date"), str, "a date (YYYY-MM-DD)"):
            why = date_problem(raw)
            if why is None:
                return str(raw)
            self.error(("submission", "date"), f"bad date {raw[:40]!r}: {why}",
                       "write it as YYYY-MM-DD, a date of the calendar, e.g. 2023-04-28")
        return ""

    def layout(self, sub: dict[str, Any]) -> str:
        key = SUBMISSION["layout"]
        layout = str(key.default)
        if "layout" in sub:
            layout = self.choice(sub["layout"], ("submission", "layout"), key.choices, key.noun) or layout
        return "single" if len(self.languages) == 1 else layout

    def governing(self, sub: dict[str, Any]) -> str | None:
        key = SUBMISSION["governing"]
        if sub.get("governing") is None:
            return None
        governing = self.choice(sub["governing"], ("submission", "governing"), key.choices, key.noun)
        if governing and governing not in self.languages:
            # A one-language variant of a bilingual spec (common in batches) has no other
            # version to prevail over: the clause is simply left out, with a warning.
            self.warn(
                ("submission", "governing"),
                f"governing language {governing!r} is not a submission language; no governing clause is added",
                "remove `governing`, or add the language to submission.languages",
            )
            return None
        return governing

    def themes(self, raw: Any, framework: Framework | None) -> list[ThemeSpec]:
        themes: list[ThemeSpec] = []
        if raw is None or not self.typed(raw, ("themes",), dict):
            return themes
        theme_keys = framework.theme_keys if framework else ()
        for key, body in raw.items():
            path = ("themes", key)
            if framework and key not in theme_keys:
                self.error(path, f"unknown theme {key!r}", suggest(str(key), theme_keys, "themes"), key=True)
                continue
            if body is None:
                continue  # a theme set to null is left out (batch variants use this)
            keys = framework.section_keys(key) if framework else SECTIONS
            m = self.mapping(body, path, optional=(*keys, "include"), what="section")
            if m is None:
                continue
            theme = self.theme(key, keys, m, path)
            if not any(theme.sections.values()):  # a heading with nothing under it says nothing
                self.warn(path, f"theme {key!r} has no paragraphs; it is left out",
                          "give it paragraphs, or remove it (null also removes it)")
                continue
            themes.append(theme)
        return themes

    def theme(self, key: str, keys: tuple[str, ...], m: dict[str, Any], path: Path_) -> ThemeSpec:
        """One theme: its sections' entries; a theme-level `include` puts each item in its own
        section (the first section when the framework has none of that name)."""
        sections: dict[str, list[Entry]] = {s: [] for s in keys}
        for s in keys:
            sections[s].extend(self.entries(m.get(s), (*path, s), theme=key, section=s))
        if "include" in m:  # checked at its own key, so problems point at the filter
            for entry in self.include(m["include"], (*path, "include"), theme=key, section=None):
                item = self.library.items[entry.use] if entry.use else None
                home = item.section if item is not None and item.section in sections else keys[0]
                sections[home].append(entry)
        return ThemeSpec(key, MappingProxyType({s: tuple(v) for s, v in sections.items()}),
                         self.doc.loc(path, key=True))

    def framework_languages(self, framework: Framework, themes: list[ThemeSpec], preamble: bool,
                            closing: bool) -> None:
        """Every heading the submission prints must exist in every submission language."""
        where = f"framework {framework.key!r}" + (f" ({framework.file})" if not framework.builtin else "")
        fix = "add it to the framework file, or choose another language"
        for tspec in themes:
            theme = framework.theme(tspec.key)
            if theme is None:
                continue
            path = ("themes", tspec.key)
            for lang in self.languages:
                if lang not in theme.title:
                    self.error(path, f"{where} has no {lang} title for {tspec.key!r}", fix, key=True)
                for sec in framework.sections_of(theme):
                    if sec.heading and tspec.sections.get(sec.key) and lang not in sec.title:
                        self.error(path, f"{where} has no {lang} title for section {sec.key!r}", fix, key=True)
        for part, used in (("preamble", preamble), ("closing", closing)):
            title = framework.parts.get(part)
            for lang in self.languages:
                if used and title and lang not in title:
                    self.error((part,), f"{where} has no {lang} heading for the {part}", fix, key=True)

    def options(self, raw: Any, spec_file: str) -> tuple[Provenance, bool, str | None]:
        options = self.mapping(raw or {}, ("options",), optional=OPTIONS.names, what=OPTIONS.noun) or {}
        key = OPTIONS["provenance"]
        provenance = str(key.default)
        if "provenance" in options:
            provenance = self.choice(options["provenance"], ("options", "provenance"), key.choices, key.noun) \
                or provenance
        mark_edits = bool(OPTIONS["mark_edits"].default)
        if "mark_edits" in options and self.typed(options["mark_edits"], ("options", "mark_edits"), bool):
            mark_edits = options["mark_edits"]
        reference_doc = None
        raw = options.get("reference_doc")
        if raw is not None and self.text(raw, ("options", "reference_doc")):
            reference_doc = str(Path(spec_file).parent / raw)
        if "attributed" in options and self.typed(options["attributed"], ("options", "attributed"), bool):
            self.attributed = options["attributed"]  # read before the paragraphs: it changes their default
        if "redline" in options and self.typed(options["redline"], ("options", "redline"), bool):
            self.redline = options["redline"]
        author = options.get("redline_author")
        if author is not None and self.text(author, ("options", "redline_author")):
            self.redline_author = author
        return provenance, mark_edits, reference_doc  # type: ignore[return-value]  # checked against the choices


def check_spec(doc: YamlDoc, library: Library) -> Spec:
    """Validate a loaded spec against the library; raise `DrafterError` with every problem."""
    ck = _SpecChecker(doc, library)
    top = ck.mapping(doc.data, (), required=SPEC.required_names, optional=SPEC.names)
    if top is None:
        ck.raise_if_errors()
        raise AssertionError("unreachable")
    ck.version(top)
    framework_key, framework = ck.framework(top)
    sub = ck.mapping(top.get("submission"), ("submission",), required=SUBMISSION.required_names,
                     optional=SUBMISSION.names) or {}
    ck.submission_languages(sub)
    title, subtitle, submitter = (ck.submission_text(sub, k) for k in ("title", "subtitle", "submitter"))
    date, layout, governing = ck.date(sub), ck.layout(sub), ck.governing(sub)
    ck.submitter = submitter
    provenance, mark_edits, reference_doc = ck.options(top.get("options"), doc.file)
    preamble = ck.entries(top.get("preamble"), ("preamble",), theme=None, section=None)
    closing = ck.entries(top.get("closing"), ("closing",), theme=None, section=None)
    themes = ck.themes(top.get("themes"), framework)
    if framework is not None:
        ck.framework_languages(framework, themes, bool(preamble), bool(closing))
    libraries = tuple(ck.str_list(top.get("libraries") or [], ("libraries",)))
    if not (themes or preamble or closing):
        ck.warn((), "the submission has no paragraphs: the output holds its title block only",
                "add themes with paragraphs, a preamble or a closing")
    ck.raise_if_errors()
    return Spec(
        file=doc.file,
        framework=framework_key,
        title=frozen_text(title),
        subtitle=frozen_text(subtitle),
        submitter=frozen_text(submitter),
        date=date,
        languages=ck.languages,
        layout=layout,  # type: ignore[arg-type]  # a choice of LAYOUTS, or "single"
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
        redline=ck.redline,
        redline_author=ck.redline_author,
    )
