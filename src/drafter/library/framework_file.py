"""Reading a framework file (built-in or a user's), every problem located.

The format is documented in docs/frameworks.md. A user framework is untrusted input like a spec:
it goes through the safe YAML loader and the located `Checker`, and every problem is reported at
once as `file:line:col: key.path: what is wrong (how to fix it)`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter.errors import DrafterError, Location
from drafter.library.framework import NO_LIMITS, Framework, Limit, Limits, SectionDef, Subheading, Theme
from drafter.library.languages import LANGUAGES
from drafter.library.model import KEY_PATTERN, frozen
from drafter.load.checks import Checker
from drafter.load.yaml import YamlDoc, load_file

Path_ = tuple[Any, ...]

TOP_REQUIRED = ("key", "title", "sections", "themes")
TOP_OPTIONAL = ("unofficial", "source", "numbering", "numbered_paragraphs", "parts", "limit")
SECTION_REQUIRED = ("key", "title")
SECTION_OPTIONAL = ("unofficial", "heading", "limit")
THEME_REQUIRED = ("key", "title")
THEME_OPTIONAL = ("unofficial", "number", "numbered", "prompt", "paragraphs", "confirmed", "subheadings",
                  "sections", "limit")
SUBHEADING_OPTIONAL = ("unofficial", "paragraphs", "confirmed")
PARTS = ("preamble", "closing", "other")
RESERVED_KEYS = ("preamble", "closing")  # crosswalks name these parts beside the theme keys
NUMBERING = ("framework", "sequence", "none")
UNITS = ("words", "characters")
MAX_LIMIT = 1_000_000
PARAGRAPHS = re.compile(r"\d{1,4}(\s*[-–]\s*\d{1,4})?(\s*,\s*\d{1,4}(\s*[-–]\s*\d{1,4})?)*\Z")


def lang_text(ck: Checker, value: Any, path: Path_, *, required: bool = True) -> dict[str, str]:
    """A `{en: ..., zh: ...}` mapping of non-empty, XML-safe strings in any of the languages."""
    if value is None and not required:
        return {}
    mapping = ck.mapping(value, path, optional=LANGUAGES, what="language")
    if mapping is None:
        return {}
    out = {}
    for lang in LANGUAGES:
        if lang in mapping:
            text = ck.text(mapping[lang], (*path, lang))
            if text is not None:
                out[lang] = text
    if required and not mapping:  # (a value that was there but bad is reported already)
        ck.error(path, "needs text in at least one language", "add `en:` or `zh:`")
    return out


class _FrameworkChecker(Checker):
    """The framework file, block by block."""

    def unofficial(self, raw: Any, path: Path_, title: dict[str, str]) -> frozenset[str]:
        """`unofficial: [zh]`: the languages of the title that are not official wording."""
        if raw is None:
            return frozenset()
        out = set()
        for i, lang in enumerate(self.str_list(raw, path)):
            if self.choice(lang, (*path, i), LANGUAGES, "language") and lang not in title:
                self.error((*path, i), f"marked unofficial but the title has no {lang} text", f"add title.{lang}")
            else:
                out.add(lang)
        return frozenset(out)

    def limits(self, raw: Any, path: Path_) -> Limits:
        """`limit: {en: {words: 300}, zh: {characters: 600}}`."""
        if raw is None:
            return NO_LIMITS
        m = self.mapping(raw, path, optional=LANGUAGES, what="language")
        out: dict[str, Limit] = {}
        for lang, spec in (m or {}).items():
            here = (*path, lang)
            units = self.mapping(spec, here, optional=UNITS, what="unit")
            if units is None:
                continue
            if len(units) != 1:
                self.error(here, "give one unit: `words` or `characters`", f"write `{lang}: {{words: 300}}`")
                continue
            (unit, amount), = units.items()
            if not self.typed(amount, (*here, unit), int, "a whole number"):
                continue
            if not 0 < amount <= MAX_LIMIT:
                self.error((*here, unit), f"limit {amount} is out of range", f"give a number from 1 to {MAX_LIMIT:,}")
                continue
            out[lang] = Limit(lang, "words" if unit == "words" else "characters", amount)
        return MappingProxyType(out)

    def paragraphs(self, m: dict[str, Any], path: Path_) -> tuple[str, bool]:
        raw = m.get("paragraphs")
        confirmed = True
        if "confirmed" in m and self.typed(m["confirmed"], (*path, "confirmed"), bool):
            confirmed = m["confirmed"]
        if raw is None:
            return "", confirmed
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)
        if not self.typed(raw, (*path, "paragraphs"), str, "a paragraph range such as \"26-29\""):
            return "", confirmed
        if not PARAGRAPHS.match(raw.strip()):
            self.error((*path, "paragraphs"), f"bad paragraph range {raw!r}", 'write "8", "26-29" or "9-11, 14"')
            return "", confirmed
        return re.sub(r"\s*[-–]\s*", "–", raw.strip()), confirmed

    def sections(self, raw: Any, path: Path_) -> tuple[SectionDef, ...]:
        if raw is None and path == ("sections",):
            return ()  # reported as a missing required key
        if not self.typed(raw, path, list, "a list of sections (- key: … title: …)"):
            return ()
        if not raw:
            self.error(path, "no section given", "list at least one, e.g. `- {key: answer, title: {en: Answer}}`")
        out: list[SectionDef] = []
        for i, sec in enumerate(raw):
            p = (*path, i)
            s = self.mapping(sec, p, required=SECTION_REQUIRED, optional=SECTION_OPTIONAL)
            if s is None or not self.key(s.get("key"), (*p, "key"), (x.key for x in out), "section"):
                continue
            title = lang_text(self, s.get("title"), (*p, "title"))
            heading = True
            if "heading" in s and self.typed(s["heading"], (*p, "heading"), bool):
                heading = s["heading"]
            unofficial = self.unofficial(s.get("unofficial"), (*p, "unofficial"), title)
            out.append(SectionDef(s["key"], frozen(title), unofficial, heading,
                                  self.limits(s.get("limit"), (*p, "limit"))))
        return tuple(out)

    def key(self, value: Any, path: Path_, seen: Iterable[str], what: str) -> bool:
        if not self.typed(value, path, str):
            return False
        if not KEY_PATTERN.match(value):
            example = "my-consultation-2026" if what == "framework" else "q1"
            self.error(path, f"bad {what} key {value!r}", f"use lower-case letters, digits and '-', e.g. {example}")
            return False
        if value in set(seen):
            self.error(path, f"{what} key {value!r} is used twice", f"give each {what} its own key")
            return False
        return True

    def subheadings(self, raw: Any, path: Path_) -> tuple[Subheading, ...]:
        if raw is None or not self.typed(raw, path, list):
            return ()
        out = []
        for i, sub in enumerate(raw):
            p = (*path, i)
            m = self.mapping(sub, p, required=("title",), optional=SUBHEADING_OPTIONAL)
            if m is None:
                continue
            title = lang_text(self, m.get("title"), (*p, "title"))
            paragraphs, confirmed = self.paragraphs(m, p)
            out.append(Subheading(frozen(title), self.unofficial(m.get("unofficial"), (*p, "unofficial"), title),
                                  paragraphs, confirmed))
        return tuple(out)

    def theme(self, th: Any, p: Path_, seen: list[str], number: int) -> Theme | None:
        t = self.mapping(th, p, required=THEME_REQUIRED, optional=THEME_OPTIONAL)
        if t is None or not self.key(t.get("key"), (*p, "key"), seen, "theme"):
            return None
        if t["key"] in RESERVED_KEYS:
            self.error((*p, "key"), f"{t['key']!r} names a part of every submission", "choose another theme key")
            return None
        numbered = True
        if "numbered" in t and self.typed(t["numbered"], (*p, "numbered"), bool):
            numbered = t["numbered"]
        label = ""
        if t.get("number") is not None:
            raw = t["number"]
            if isinstance(raw, int) and not isinstance(raw, bool):
                raw = str(raw)
            if self.typed(raw, (*p, "number"), str, "a number or a label such as \"2a\"") and self.text(
                    raw, (*p, "number"), limit=12):
                label = raw
        title = lang_text(self, t.get("title"), (*p, "title"))
        paragraphs, confirmed = self.paragraphs(t, p)
        sections = self.sections(t["sections"], (*p, "sections")) if "sections" in t else None
        return Theme(
            key=t["key"], number=number if numbered else 0, title=frozen(title),
            unofficial=self.unofficial(t.get("unofficial"), (*p, "unofficial"), title), label=label,
            numbered=numbered, prompt=frozen(lang_text(self, t.get("prompt"), (*p, "prompt"), required=False)),
            paragraphs=paragraphs, confirmed=confirmed, subheadings=self.subheadings(t.get("subheadings"),
                                                                                    (*p, "subheadings")),
            sections=sections, limit=self.limits(t.get("limit"), (*p, "limit")),
        )

    def themes(self, raw: Any) -> tuple[Theme, ...]:
        if raw is None:
            return ()  # reported as a missing required key
        if not self.typed(raw, ("themes",), list, "a list of themes or questions (- key: … title: …)"):
            return ()
        if not raw:
            self.error(("themes",), "no theme given", "list the consultation's themes or questions")
        out: list[Theme] = []
        for i, th in enumerate(raw):
            number = sum(1 for t in out if t.numbered) + 1
            theme = self.theme(th, ("themes", i), [t.key for t in out], number)
            if theme is not None:
                out.append(theme)
        return tuple(out)

    def parts(self, raw: Any) -> dict[str, Any]:
        parts = {}
        for name, title in (self.mapping(raw or {}, ("parts",), optional=PARTS, what="part") or {}).items():
            parts[name] = frozen(lang_text(self, title, ("parts", name)))
        return parts

    def choice_or(self, m: dict[str, Any], key: str, choices: tuple[str, ...], default: str) -> str:
        if key not in m:
            return default
        return self.choice(m[key], (key,), choices, key) or default


def read_framework(doc: YamlDoc, *, builtin: bool, path: str = "",
                   reserved: Iterable[str] = ()) -> tuple[Framework | None, Checker]:
    """The framework in `doc`, and the checker holding every problem found.

    `reserved` are the keys already taken (a user framework may not reuse a built-in key).
    """
    ck = _FrameworkChecker(doc)
    m = ck.mapping(doc.data, (), required=TOP_REQUIRED, optional=TOP_OPTIONAL)
    if m is None:
        return None, ck
    key = m.get("key")
    reserved = tuple(reserved)
    if not ck.key(key, ("key",), (), "framework"):
        key = ""
    elif key in reserved:
        ck.error(("key",), f"framework key {key!r} is already a built-in framework",
                 "give your framework its own key, e.g. my-consultation-2026")
    title = lang_text(ck, m.get("title"), ("title",))
    numbered_paragraphs = True
    if "numbered_paragraphs" in m and ck.typed(m["numbered_paragraphs"], ("numbered_paragraphs",), bool):
        numbered_paragraphs = m["numbered_paragraphs"]
    framework = Framework(
        key=str(key), title=frozen(title),
        sections=ck.sections(m.get("sections"), ("sections",)),
        parts=MappingProxyType(ck.parts(m.get("parts"))),
        themes=ck.themes(m.get("themes")),
        unofficial=ck.unofficial(m.get("unofficial"), ("unofficial",), title),
        source=frozen(lang_text(ck, m.get("source"), ("source",), required=False)),
        numbering=ck.choice_or(m, "numbering", NUMBERING, "framework"),  # type: ignore[arg-type]
        numbered_paragraphs=numbered_paragraphs,
        limit=ck.limits(m.get("limit"), ("limit",)),
        file=doc.file, path=path, builtin=builtin,
    )
    return (framework if not any(p.is_error for p in ck.problems) else None), ck


def load_framework_file(path: str | Path, display: str | None = None, *, builtin: bool = False,
                        reserved: Iterable[str] = ()) -> Framework:
    """Load and check one framework file; raise `DrafterError` with every problem in it."""
    doc = load_file(path, display)
    framework, ck = read_framework(doc, builtin=builtin, path=os.path.abspath(path), reserved=reserved)
    ck.raise_if_errors()
    assert framework is not None
    return framework


def framework_reference(value: str) -> bool:
    """Whether a spec's `framework:` value names a file rather than a built-in framework."""
    return value.endswith((".yaml", ".yml")) or "/" in value or os.sep in value


def user_framework(value: str, where: Location, spec_file: str, reserved: Iterable[str]) -> Framework:
    """The framework file a spec names at `where` (relative to the spec), loaded and checked."""
    target = Path(spec_file).parent / value
    if not os.path.isfile(target):  # False, not an exception, for over-long names and NUL bytes
        raise DrafterError.at(where, f"framework file {value!r} not found (looked at {target})",
                              path="framework", hint="give a built-in key (drafter library frameworks) or a "
                              ".yaml file; paths are relative to the spec file")
    return load_framework_file(target, _shown(target), reserved=reserved)


def _shown(path: Path) -> str:
    """Paths in messages: relative to the working folder where that is shorter."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
