"""What the library says *about* a source's words: repairs, probable source errors, voice.

Library text is the letter of each source. Where it differs from the seed text at all, the
difference is a recorded `Repair` (what was changed and why); where the source itself prints
something that is probably an error, the text is kept and a `Sic` note says so; where an item
speaks in its author's own voice ("China advocates …", 中方愿 …), it carries `voice: author`
so that `validate` can warn before another submitter quotes it as its own. Sources name their
`author` and any `official` version in another language (publisher, date, where to find it).

The keys are documented in docs/library.md; every problem is located (`file:line:col`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from msgspec import Struct

from drafter.errors import Location
from drafter.library.languages import LANGUAGES
from drafter.load.checks import Checker

VOICES = ("author",)

# Han ideographs, CJK symbols and punctuation, full-width forms: the characters next to which
# half-width punctuation is out of place in Chinese text.
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}


@cache
def _punct() -> re.Pattern[str]:
    """Compiled on first use, not at import: a command whose library comes from the cache
    never applies a repair rule, and this pattern's large classes cost ~2 ms to compile."""
    return re.compile(rf"(?<=[{CJK}])[,:;()]|[,:;()](?=[{CJK}])")


def zh_punctuation_width(text: str) -> str:
    """Half-width `, : ; ( )` next to a Chinese character, printed full-width (one for one)."""
    return _punct().sub(lambda m: _HALF_TO_FULL[m.group()], text)


class Rule(Struct, frozen=True):
    """A named repair applied the same way wherever an item records it."""

    key: str
    lang: str
    before: str  # the characters it replaces, for people
    after: str
    why: str
    apply: Callable[[str], str]  # same length out as in, so a fidelity check can count the changes


RULES: Mapping[str, Rule] = MappingProxyType({
    "zh-punctuation-width": Rule(
        "zh-punctuation-width",
        "zh",
        ", : ; ( )",
        "， ： ； （ ）",
        "the web text the seed was taken from prints ASCII punctuation between Chinese characters; "
        "Chinese text (and the other sources) print it full-width",
        zh_punctuation_width,
    ),
})


class Repair(Struct, frozen=True):
    """One recorded difference between the seed and the library text.

    Either a literal replacement (`before` -> `after`, counted once) or a named `rule`
    applied `count` times in this item. `before`/`after` are what the seed prints and what
    the library prints.
    """

    lang: str
    before: str
    after: str
    why: str
    rule: str = ""
    count: int = 1

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lang": self.lang, "from": self.before, "to": self.after, "why": self.why}
        if self.rule:
            out.update(rule=self.rule, count=self.count)
        return out


class Sic(Struct, frozen=True):
    """A probable error of the source, quoted as printed: the text, its likely reading, why."""

    text: str
    reading: str
    note: str
    lang: str

    def as_json(self) -> dict[str, str]:
        return {"lang": self.lang, "text": self.text, "reading": self.reading, "note": self.note}


class OfficialVersion(Struct, frozen=True):
    """An official version of a source in another language, recorded as facts."""

    lang: str
    title: str
    publisher: Mapping[str, str]
    date: str
    where: str
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"lang": self.lang, "title": self.title, "publisher": dict(self.publisher), "date": self.date,
                "where": self.where, "note": self.note}


def _text(ck: Checker, value: Any, path: tuple[Any, ...]) -> str:
    return ck.text(value, path) or ""


def load_repairs(ck: Checker, value: Any, path: tuple[Any, ...], text: Mapping[str, str]) -> tuple[Repair, ...]:
    """`repairs: [{lang, from, to, why} | {rule, count, why?}]`, each checked against the text."""
    out: list[Repair] = []
    for i, raw in enumerate(value if ck.typed(value, path, list) else []):
        p = (*path, i)
        m = ck.mapping(raw, p, optional=("lang", "from", "to", "why", "rule", "count"))
        if m is None:
            continue
        if "rule" in m:
            rule = RULES.get(m["rule"]) if isinstance(m["rule"], str) else None
            if rule is None:
                ck.choice(m["rule"], (*p, "rule"), RULES, "repair rule")
                continue
            count = m.get("count")
            if not ck.typed(count, (*p, "count"), int, "the number of characters the rule changed") \
                    or not isinstance(count, int) or count < 1:
                if isinstance(count, int) and not isinstance(count, bool):
                    ck.error((*p, "count"), "count must be at least 1", "leave the repair out if nothing changed")
                continue
            why = _text(ck, m["why"], (*p, "why")) if "why" in m else rule.why
            out.append(Repair(rule.lang, rule.before, rule.after, why, rule.key, count))
            continue
        for key in ("lang", "from", "to", "why"):
            if key not in m:
                ck.error(p, f"missing required key {key!r}", f"add `{key}:` (or name a `rule:`)")
        if not all(k in m for k in ("lang", "from", "to", "why")):
            continue
        lang = ck.choice(m["lang"], (*p, "lang"), LANGUAGES, "language") or ""
        after = _text(ck, m["to"], (*p, "to"))
        if lang and after and after not in text.get(lang, ""):
            ck.error((*p, "to"), f"{after!r} is not in the {lang} text", "`to` is what the library prints")
        out.append(Repair(lang, _text(ck, m["from"], (*p, "from")), after, _text(ck, m["why"], (*p, "why"))))
    return tuple(out)


def load_sic(ck: Checker, value: Any, path: tuple[Any, ...], text: Mapping[str, str]) -> tuple[Sic, ...]:
    """`sic: [{text, reading?, note, lang?}]`: the text must occur in the item (its source language)."""
    out: list[Sic] = []
    for i, raw in enumerate(value if ck.typed(value, path, list) else []):
        p = (*path, i)
        m = ck.mapping(raw, p, required=("text", "note"), optional=("reading", "lang"))
        if m is None:
            continue
        printed = _text(ck, m.get("text"), (*p, "text"))
        lang = ck.choice(m["lang"], (*p, "lang"), LANGUAGES, "language") if "lang" in m else None
        if lang is None:
            lang = next((x for x in LANGUAGES if printed and printed in text.get(x, "")), "")
        if printed and printed not in text.get(lang, ""):
            ck.error((*p, "text"), f"{printed!r} is not in the item's text", "quote the words exactly as printed")
            continue
        reading = ck.text(m["reading"], (*p, "reading"), empty_ok=True) if m.get("reading") is not None else ""
        out.append(Sic(printed, reading or "", _text(ck, m.get("note"), (*p, "note")), lang))
    return tuple(out)


def load_voice(ck: Checker, value: Any, path: tuple[Any, ...]) -> str:
    """An item's `voice:` (`author`, or empty), checked."""
    if value is None:
        return ""
    return ck.choice(value, path, VOICES, "voice") or ""


def load_author(ck: Checker, value: Any, path: tuple[Any, ...]) -> Mapping[str, str]:
    """`author: {en: China, zh: 中国}`: whose voice the source's items speak in."""
    m = ck.mapping(value, path, optional=LANGUAGES, what="language")
    out = {lang: t for lang in LANGUAGES if m and lang in m for t in [ck.text(m[lang], (*path, lang))] if t}
    if m is not None and not out:
        ck.error(path, "needs a name in at least one language", "write `author: {en: …, zh: …}`")
    return MappingProxyType(out)


def load_official(ck: Checker, value: Any, path: tuple[Any, ...], original: str) -> tuple[OfficialVersion, ...]:
    """`official: [{lang, title, publisher, date, where}]`: versions the library does not hold."""
    out: list[OfficialVersion] = []
    for i, raw in enumerate(value if ck.typed(value, path, list) else []):
        p = (*path, i)
        m = ck.mapping(raw, p, required=("lang", "title", "publisher", "date", "where"), optional=("note",))
        if m is None:
            continue
        lang = ck.choice(m.get("lang"), (*p, "lang"), LANGUAGES, "language") or ""
        if lang and lang == original:
            ck.error((*p, "lang"), f"{lang} is the source's original language",
                     "record only versions in another language")
        pub = ck.mapping(m.get("publisher"), (*p, "publisher"), optional=LANGUAGES, what="language") or {}
        publisher = {x: t for x in LANGUAGES if x in pub for t in [ck.text(pub[x], (*p, "publisher", x))] if t}
        date = str(m.get("date", ""))
        out.append(OfficialVersion(lang, _text(ck, m.get("title"), (*p, "title")), MappingProxyType(publisher),
                                   date, _text(ck, m.get("where"), (*p, "where")),
                                   _text(ck, m["note"], (*p, "note")) if "note" in m else ""))
    return tuple(out)


class Supplied(Struct, frozen=True):
    """Where a supplied version comes from: a source document and the place in it."""

    lang: str
    source: str
    ref: Mapping[str, str]
    location: Location

    def as_json(self) -> dict[str, Any]:
        return {"source": self.source, "ref": dict(self.ref), "at": str(self.location)}
