"""What drafter's frame around the text says about the spec, read back for `drafter import`:
the form (a letter's or note verbale's UN title), the addressee, the original language, the
document symbol and a letter's signatory.

The frame is what `document/forms.py` and `document/labels.py` write — "Original: Chinese" /
"原文：中文", "Letter dated … from … addressed to …" / "……给……的信", "(Signed) Name" /
"姓名（签名）" — so it is recognised from the same labels, in every language they have.
"""

from __future__ import annotations

import re
from functools import cache

from msgspec import Struct, field

from drafter.document import labels as L
from drafter.document.phrases import ORIGINAL_NAMES
from drafter.drafts.model import Draft

SYMBOL = re.compile(r"[A-Z][A-Z0-9]*(?:/[A-Za-z0-9.()\-]+)+")  # A/79/123, A/HRC/55/L.1, S/2024/12


class Frame(Struct):
    """The spec keys a draft's frame gives back (empty when it says nothing)."""

    form: str = "contribution"
    symbol: str = ""
    original_language: str = ""
    addressee: dict[str, str] = field(default_factory=dict)
    signatory: dict[str, str] = field(default_factory=dict)


def _pattern(template: str, fields: dict[str, str]) -> re.Pattern[str]:
    text = re.escape(template)
    for name, group in fields.items():
        text = text.replace(re.escape("{" + name + "}"), group, 1)
    return re.compile(text + r"\Z")


@cache
def _patterns() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Per kind ("original", "heading", "signed"): (language, pattern) from drafter's labels."""
    names = "|".join(re.escape(n) for names in _names().values() for n in names)
    out: dict[str, list[tuple[str, re.Pattern[str]]]] = {"original": [], "heading": [], "signed": []}
    for lang, template in L.LABELS["original"].items():
        out["original"].append((lang, _pattern(L.typeset(lang, template), {"language": f"(?P<language>{names})"})))
    forms = "|".join(re.escape(t) for key in ("letter", "note-verbale") for t in L.LABELS[key].values())
    for key in ("heading_dated", "heading_undated"):
        for lang, template in L.LABELS[key].items():
            # French and Spanish say "addressed to" with the addressee's article contracted (au,
            # al): `labels.addressee_from` undoes it
            out["heading"].append((lang, _pattern(L.typeset(lang, template), {
                "form": f"(?P<form>{forms})", "date": ".+?", "sender": ".+?", "addressee": "(?P<addressee>.+?)",
                "to": "(?P<addressee>.+?)"})))
    for lang, template in L.LABELS["signed"].items():
        out["signed"].append((lang, _pattern(L.typeset(lang, template), {"name": "(?P<name>.+?)"})))
    return out


def _names() -> dict[str, set[str]]:
    """Each language's names in every language, as the masthead may write them."""
    out = {code: set(names.values()) for code, names in L.LANGUAGE_NAMES.items()}
    for names in ORIGINAL_NAMES.values():  # Russian's nominative: Подлинный текст: английский
        for code, name in names.items():
            out.setdefault(code, set()).add(name)
    return out


def _language(name: str) -> str:
    for code, names in _names().items():
        if name in names:
            return code
    return ""


def _form(word: str) -> str:
    for key in ("letter", "note-verbale"):
        if word in L.LABELS[key].values():
            return key
    return "contribution"


def read_frame(draft: Draft, langs: tuple[str, ...]) -> Frame:
    """The frame's keys, from the draft's masthead blocks."""
    found = Frame()
    patterns = _patterns()
    for b in draft.blocks:
        if b.role != "masthead":
            continue
        lines = [x.strip() for x in re.split(r"\n| · ", b.text) if x.strip()]
        for line in lines:
            if not found.symbol and SYMBOL.fullmatch(line):
                found.symbol = line
            for _lang, pattern in patterns["original"]:
                m = pattern.match(line)
                if m and not found.original_language:
                    found.original_language = _language(m.group("language"))
            for lang, pattern in patterns["heading"]:
                m = pattern.match(line)
                if m and lang in langs and b.lang in (lang, "und"):
                    found.form = _form(m.group("form"))
                    addressee = L.addressee_from(lang, m.group("addressee"))  # au X -> le X (fr, es)
                    found.addressee.setdefault(lang, addressee[4:] if addressee.startswith("the ") else addressee)
        for lang, pattern in patterns["signed"]:
            m = pattern.match(lines[0]) if lines else None
            if m and lang in langs and lang not in found.signatory and b.lang in (lang, "und"):
                found.signatory[lang] = "\n".join([m.group("name"), *lines[1:]])
    return found
