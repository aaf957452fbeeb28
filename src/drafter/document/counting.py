"""How long a text is, in the unit a consultation's limit is given in.

Questionnaires cap answers at "max. 300 words" (English, French, Spanish, Russian, Arabic) or
a number of characters (Chinese). drafter counts the way a reader of the limit would, and the
same way everywhere (``drafter stats``, validation warnings, the studio's live budget), so the
rules live here once:

- **Words** (every language but Chinese): a word is a run of letters, combining marks and
  digits. An apostrophe or a hyphen between two such characters joins them ("people-centred",
  "l'homme", "aujourd’hui" are one word each), and so does a dot or a comma between two digits
  ("3.5", "1,000"). Everything else separates words and is not counted: spaces, punctuation,
  dashes standing alone, symbols. Arabic attached particles (و، ب، ال) are part of the word they
  are written with, as a word processor counts them.
- **Characters** (Chinese): every Han character counts one; a run of Latin letters or digits
  inside Chinese text ("5G", "IPv6", "2030") counts one, like a word; punctuation (full- or
  half-width) and spaces do not count.

A limit may name its unit against the language's own (a framework's `limit: {en: {characters:
1500}}`), and `count(text, lang, unit)` then counts in that unit:

- **characters in an alphabetic language** are every character a form field would count: letters,
  digits, spaces and punctuation alike; only line breaks between paragraphs are left out;
- **words in Chinese** are counted as characters (the rule above): Chinese text has no spaces
  to tell words apart, and a questionnaire that says "words" of Chinese means characters.
"""

from __future__ import annotations

import unicodedata

from drafter.library.framework import Unit as Unit  # what a framework limit counts

_JOINERS = "'\u2019\u02bc-\u2010\u2011"
_DIGIT_JOINERS = ".,"


def unit(lang: str) -> Unit:
    """The unit a limit in `lang` is counted in: characters for Chinese, words otherwise."""
    return "characters" if lang.split("-")[0] == "zh" else "words"


def _is_word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat in ("Mn", "Mc")


def _is_han(ch: str) -> bool:
    return "CJK UNIFIED IDEOGRAPH" in unicodedata.name(ch, "") or ch == "\u3007"


def _words(text: str) -> int:
    count = 0
    in_word = False
    n = len(text)
    for i, ch in enumerate(text):
        if _is_word_char(ch):
            if not in_word:
                count += 1
                in_word = True
            continue
        if in_word and i + 1 < n and _is_word_char(text[i + 1]):
            prev = text[i - 1]
            if ch in _JOINERS or (ch in _DIGIT_JOINERS and prev.isdigit() and text[i + 1].isdigit()):
                continue
        in_word = False
    return count


def _characters(text: str) -> int:
    count = 0
    in_run = False
    for ch in text:
        if _is_han(ch):
            count += 1
            in_run = False
        elif _is_word_char(ch):
            if not in_run:
                count += 1
                in_run = True
        else:
            in_run = False
    return count


def count(text: str, lang: str, in_unit: Unit | None = None) -> int:
    """The length of `text` in `in_unit` (default `unit(lang)`): words, or characters (see above)."""
    own = unit(lang)
    if own == "characters":
        return _characters(text)
    if (in_unit or own) == "characters":
        return sum(1 for ch in text if ch not in "\n\r")
    return _words(text)
