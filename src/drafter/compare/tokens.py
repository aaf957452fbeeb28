"""Tokenisation: the units a difference is counted in.

English and other alphabetic languages are compared word by word, Chinese character by
character: a Chinese "word" has no spaces around it, and a one-character change (的 → 之) is
the change a reviewer wants to see. The rule follows the script of each character, so a Latin
word inside Chinese text ("IPv6") stays one unit and an ideograph inside English text is one
unit too; `lang` only says which unit a caller expects, for the documentation of results.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from drafter.compare.normalise import CJK_CLASS

CHARACTER_LANGUAGES = frozenset({"zh", "ja"})
"""Languages written without spaces between words: compared character by character."""

# One token: a run of whitespace, one CJK character, a word (letters/digits, with inner
# apostrophes and hyphens: "don't", "multi-stakeholder"), or any other single character.
_WORD = rf"(?:(?![{CJK_CLASS}])[^\W_])+"
_TOKEN = re.compile(rf"\s+|[{CJK_CLASS}]|{_WORD}(?:['’\-]{_WORD})*|.", re.DOTALL)
# The same tokens less the whitespace runs: a whitespace character starts no other token, so
# the scan skips it and finds exactly `_TOKEN`'s other tokens, without a filter in Python.
_SOLID = re.compile(rf"[{CJK_CLASS}]|{_WORD}(?:['’\-]{_WORD})*|\S")


def unit(lang: str) -> str:
    """'character' or 'word': the unit differences in `lang` are counted in."""
    return "character" if lang.split("-")[0] in CHARACTER_LANGUAGES else "word"


def redline_split(lang: str) -> Callable[[str], list[str]] | None:
    """The unit a redline (tracked changes) marks in `lang`, as a `diff(split=)` tokeniser.

    Chinese: words segmented by jieba (dictionary only, no HMM guessing, so the same text
    always gives the same words). Measured on the library (scripts/redline_units.py,
    docs/redline.md): characters and words mark the same number of places for most edits, but
    a near-synonym swap (加强 → 增强) at character level cuts the word (加|增 before an unchanged
    强) in 92% of cases; by words it is struck and inserted whole. Other languages: None, the
    engine's own tokens (words; characters for Japanese).
    """
    return _jieba_words if lang.split("-")[0] == "zh" else None


@lru_cache(maxsize=1)
def _jieba() -> Any:
    try:
        import jieba
    except ImportError:  # pragma: no cover - the redline extra is part of the test install
        from drafter.errors import DrafterError

        raise DrafterError.at("--redline", "a Chinese redline needs jieba, which is not installed",
                              hint="pip install 'drafter[redline]'") from None
    jieba.setLogLevel(60)  # its "Building prefix dict" chatter on stderr
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _jieba_words(text: str) -> list[str]:
    return list(_jieba().cut(text, HMM=False))


def diff_tokens(text: str) -> list[str]:
    """Every token of `text`, whitespace included, so that `"".join(diff_tokens(t)) == t`."""
    return _TOKEN.findall(text)


def tokens(text: str) -> list[str]:
    """The tokens that count when comparing: no whitespace."""
    return _SOLID.findall(text)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where each of `tokens(text)` stands in `text`, as (start, end) character offsets."""
    return [m.span() for m in _SOLID.finditer(text)]


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
