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
from drafter.spec.fields import (
    OPTIONS,
    SPEC,
    SPEC_VERSION,
    SUBMISSION,
    DocumentLayout,
    Form,
    ProvenanceMode,
    as_layout,
    as_provenance,
    date_problem,
)
from drafter.spec.model import Entry, Spec, ThemeSpec

Path_ = tuple[Any, ...]
MAX_SYMBOL = 80  # UN symbols are short: A/79/123, A/HRC/55/L.1, S/2024/12


class _SpecChecker(EntryChecker):
    """The whole spec, block by block, in the order problems are reported."""

    show_ids: bool = False

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
        if self.typed(raw, ("submission", "date"), str, "a date (YYYY-MM-DD)") and isinstance(raw, str):
            why = date_problem(raw)
            if why is None:
                return raw
            self.error(("submission", "date"), f"bad date {raw[:40]!r}: {why}",
                       "write it as YYYY-MM-DD, a date of the calendar, e.g. 2023-04-28")
        return ""

    def layout(self, sub: dict[str, Any]) -> DocumentLayout:
        key = SUBMISSION["layout"]
        chosen = None
        if "layout" in sub:
            chosen = self.choice(sub["layout"], ("submission", "layout"), key.choices, key.noun)
        return "single" if len(self.languages) == 1 else as_layout(chosen)

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
                keys = framework.section_keys(str(key))  # the framework's own sections
                m = self.mapping(body, path, optional=(*keys, "include"), what="section") if body is not None else None
                if m is not None:  # still check what is inside, so a typo hides no other problem
                    self.theme(str(key), keys, m, path)
                continue
            if body is None:
                continue  # a theme set to null is left out (batch variants use this)
            keys = framework.section_keys(key) if framework else SECTIONS
            m = self.mapping(body, path, optional=(*keys, "include"), what="section")
            theme = self.theme(key, keys, m, path) if m is not None else None
            if theme is not None:
                themes.append(theme)
        return themes

    def theme(self, key: str, keys: tuple[str, ...], m: dict[str, Any], path: Path_) -> ThemeSpec | None:
        """One theme's sections (its framework's); None (with a warning) for a theme with no paragraphs.
        A theme-level `include` puts each item in its own section (the first section when the
        framework has none of that name)."""
        sections: dict[str, list[Entry]] = {s: [] for s in keys}
        for s in keys:
            sections[s].extend(self.entries(m.get(s), (*path, s), theme=key, section=s))
        if "include" in m:  # checked at its own key, so problems point at the filter
            for entry in self.include(m["include"], (*path, "include"), theme=key, section=None):
                item = self.library.items[entry.use] if entry.use else None
                home = item.section if item is not None and item.section in sections else keys[0]
                sections[home].append(entry)
        if not any(sections.values()):  # a heading with nothing under it says nothing
            self.warn(path, f"theme {key!r} has no paragraphs; it is left out",
                      "give it paragraphs, or remove it (null also removes it)")
            return None
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

    def form(self, sub: dict[str, Any]) -> Form:
        """`submission.form`, with warnings for keys the form does not use."""
        key = SUBMISSION["form"]
        form = str(key.default)
        if "form" in sub:
            form = self.choice(sub["form"], ("submission", "form"), key.choices, key.noun) or form
        if form == "letter" and sub.get("signatory") is None:
            self.warn(("submission", "form"), "a letter ends with “(Signed)” and its signatory, and none is given",
                      "add submission.signatory: {en: …}")
        if form == "note-verbale" and sub.get("signatory") is not None:
            self.warn(("submission", "signatory"), "a note verbale is unsigned; the signatory is left out",
                      "remove submission.signatory, or use form: letter")
        if form == "contribution" and sub.get("addressee") is not None:
            self.warn(("submission", "addressee"), "only letters and notes verbales are addressed; it is left out",
                      "remove submission.addressee, or set form: letter")
        return form  # type: ignore[return-value]  # checked against the choices

    def masthead(self, sub: dict[str, Any]) -> tuple[str, str | None]:
        """`submission.symbol` and `submission.original_language`."""
        symbol = ""
        raw = sub.get("symbol")
        text = self.text(raw, ("submission", "symbol"), limit=MAX_SYMBOL) if raw is not None else None
        if text is not None:
            symbol = text.strip()
            if any(ch.isspace() and ch != " " for ch in symbol):
                self.error(("submission", "symbol"), f"bad document symbol {raw!r}",
                           "write it on one line, e.g. A/79/123")
        original = None
        if sub.get("original_language") is not None:
            key = SUBMISSION["original_language"]
            original = self.choice(sub["original_language"], ("submission", "original_language"), key.choices,
                                   key.noun)
        return symbol, original

    def options_block(self, raw: Any) -> dict[str, Any]:
        """The `options` mapping, checked before the paragraphs (which `attributed` changes)."""
        options = self.mapping(raw or {}, ("options",), optional=OPTIONS.names, what=OPTIONS.noun) or {}
        if "attributed" in options and self.typed(options["attributed"], ("options", "attributed"), bool):
            self.attributed = options["attributed"]
        return options

    def redline(self, options: dict[str, Any]) -> tuple[bool, str | None]:
        """`redline` and `redline_author` of the options."""
        redline = False
        if "redline" in options and self.typed(options["redline"], ("options", "redline"), bool):
            redline = bool(options["redline"])
        author = None
        if options.get("redline_author") is not None:
            author = self.text(options["redline_author"], ("options", "redline_author"))
        return redline, author

    def options(self, options: dict[str, Any], spec_file: str) -> tuple[ProvenanceMode, bool, str | None]:
        """`provenance`, `mark_edits` and `reference_doc` (relative to the spec file) of the options."""
        key = OPTIONS["provenance"]
        chosen = None
        if "provenance" in options:
            chosen = self.choice(options["provenance"], ("options", "provenance"), key.choices, key.noun)
        mark_edits = bool(OPTIONS["mark_edits"].default)
        if "mark_edits" in options and self.typed(options["mark_edits"], ("options", "mark_edits"), bool):
            mark_edits = options["mark_edits"]
        self.show_ids = bool(OPTIONS["show_ids"].default)
        if "show_ids" in options and self.typed(options["show_ids"], ("options", "show_ids"), bool):
            self.show_ids = options["show_ids"]
        reference_doc = None
        raw = options.get("reference_doc")
        if raw is not None and self.text(raw, ("options", "reference_doc")):
            reference_doc = str(Path(spec_file).parent / raw)
        return as_provenance(chosen), mark_edits, reference_doc


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
    title, subtitle, submitter, agenda_item, addressee, signatory = (
        ck.submission_text(sub, k) for k in ("title", "subtitle", "submitter", "agenda_item", "addressee", "signatory"))
    date, layout, governing = ck.date(sub), ck.layout(sub), ck.governing(sub)
    form, (symbol, original) = ck.form(sub), ck.masthead(sub)
    ck.submitter = submitter
    options = ck.options_block(top.get("options"))
    preamble = ck.entries(top.get("preamble"), ("preamble",), theme=None, section=None)
    closing = ck.entries(top.get("closing"), ("closing",), theme=None, section=None)
    themes = ck.themes(top.get("themes"), framework)
    if framework is not None:
        ck.framework_languages(framework, themes, bool(preamble), bool(closing))
    provenance, mark_edits, reference_doc = ck.options(options, doc.file)
    redline, redline_author = ck.redline(options)
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
        form=form,
        symbol=symbol,
        original_language=original,
        agenda_item=frozen_text(agenda_item),
        addressee=frozen_text(addressee),
        signatory=frozen_text(signatory),
        show_ids=ck.show_ids,
        attributed=ck.attributed,
        redline=redline,
        redline_author=redline_author,
    )
