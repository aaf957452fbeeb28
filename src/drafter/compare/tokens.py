"""Tokenisation: the units a difference is counted in.

English and other alphabetic languages are compared word by word, Chinese character by
character: a Chinese "word" has no spaces around it, and a one-character change (的 → 之) is
the change a reviewer wants to see. The rule follows the script of each character, so a Latin
word inside Chinese text ("IPv6") stays one unit and an ideograph inside English text is one
unit too; `lang` only says which unit a caller expects, for the documentation of results.
"""

from __future__ import annotations

import re

from drafter.compare.normalise import CJK_CLASS

CHARACTER_LANGUAGES = frozenset({"zh", "ja"})
"""Languages written without spaces between words: compared character by character."""

# One token: a run of whitespace, one CJK character, a word (letters/digits, with inner
# apostrophes and hyphens: "don't", "multi-stakeholder"), or any other single character.
_WORD = rf"(?:(?![{CJK_CLASS}])[^\W_])+"
_TOKEN = re.compile(rf"\s+|[{CJK_CLASS}]|{_WORD}(?:['’\-]{_WORD})*|.", re.DOTALL)


def unit(lang: str) -> str:
    """'character' or 'word': the unit differences in `lang` are counted in."""
    return "character" if lang.split("-")[0] in CHARACTER_LANGUAGES else "word"


def diff_tokens(text: str) -> list[str]:
    """Every token of `text`, whitespace included, so that `"".join(diff_tokens(t)) == t`."""
    return _TOKEN.findall(text)


def tokens(text: str) -> list[str]:
    """The tokens that count when comparing: no whitespace."""
    return [t for t in _TOKEN.findall(text) if not t.isspace()]


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where each of `tokens(text)` stands in `text`, as (start, end) character offsets."""
    return [m.span() for m in _TOKEN.finditer(text) if not m.group().isspace()]


_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_WORDS = re.compile(rf"{_WORD}(?:['’\-]{_WORD})*")


def features(text: str) -> set[str]:
    """What the library index is keyed on: case-folded words, and CJK character bigrams.

    Words index alphabetic text well; Chinese needs n-grams because it has no spaces and single
    characters (的, 数) are far too common to tell paragraphs apart. Punctuation is left out.
    """
    out = {w.casefold() for w in _WORDS.findall(text)}
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            out.add(run)
        else:
            out.update(map("".join, zip(run, run[1:], strict=False)))
    return out
