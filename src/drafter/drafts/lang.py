"""Which language a paragraph is in, decided paragraph by paragraph from its letters.

The script decides first (Han → zh, Cyrillic → ru, Arabic → ar); Latin-script text is told
apart by its commonest words (English, French, Spanish — the UN's Latin-script languages), so
a French draft is named as French rather than traced as bad English.
"""

from __future__ import annotations

import re
import unicodedata

from drafter.compare.normalise import CJK

_LATIN_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "should", "be", "for", "on", "with", "that", "by", "as", "are"},
    "fr": {"le", "la", "les", "et", "des", "du", "de", "en", "est", "pour", "dans", "une", "sur", "au", "doit"},
    "es": {"el", "la", "los", "las", "y", "de", "del", "en", "es", "para", "por", "una", "con", "que", "debe"},
}
_WORD = re.compile(r"[^\W\d_]+")


_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_KANA = re.compile(r"[\u3040-\u30ff]")


def detect(text: str) -> str:
    """An ISO 639-1 code for `text`'s language, or "und" when it has too few letters to tell."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return "und"
    cjk = len(CJK.findall(text))
    if cjk >= 0.3 * letters or cjk >= 10:
        return "ja" if _KANA.search(text) else "zh"
    if len(_ASCII_LETTERS.findall(text)) < 0.7 * letters:
        top = _script(text)
        if top == "CYRILLIC":
            return "ru"
        if top == "ARABIC":
            return "ar"
        if top != "LATIN":
            return "und"
    words = [w.casefold() for w in _WORD.findall(text)]
    counts = {lang: sum(1 for w in words if w in common) for lang, common in _LATIN_WORDS.items()}
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] > counts["en"] + 1 else "en"


def _script(text: str) -> str:
    """The script most of the letters are written in, by their Unicode names."""
    scripts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = name.split(" ")[0] if name else "?"
        scripts[script] = scripts.get(script, 0) + 1
    return max(scripts, key=lambda s: scripts[s])
