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

import re
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


class _Classes(dict[int, str]):
    """A `str.translate` table that maps each character to its class for counting, worked out
    once per character (a submission's text repeats few distinct characters): `a` a word
    character, `9` a word character that is a digit, `j` a joiner, `p` a digit joiner, `h`
    a Han character (only with `han`), a space for everything else.

    Why: the rules above, applied character by character in Python, were most of a cold
    render's time once framework word budgets were counted on every render; translating
    to classes and matching `_WORD`/`_RUN` runs at C speed and counts the same."""

    def __init__(self, han: bool):
        super().__init__()
        self.han = han

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if self.han and _is_han(ch):
            found = "h"
        elif _is_word_char(ch):
            found = "9" if ch.isdigit() and not self.han else "a"
        elif not self.han and ch in _JOINERS:
            found = "j"
        elif not self.han and ch in _DIGIT_JOINERS:
            found = "p"
        else:
            found = " "
        if len(self) > 65_536:  # text of every script at once: start again rather than grow
            self.clear()
        self[code] = found
        return found


_WORD_CLASSES = _Classes(han=False)
_CHARACTER_CLASSES = _Classes(han=True)
# a word: word characters, joined by a joiner or (between digits) a digit joiner
_WORD = re.compile(r"[a9]+(?:(?:j|(?<=9)p(?=9))[a9]+)*")
_RUN = re.compile(r"a+")


def _words(text: str) -> int:
    return len(_WORD.findall(text.translate(_WORD_CLASSES)))


def _characters(text: str) -> int:
    classes = text.translate(_CHARACTER_CLASSES)
    return classes.count("h") + len(_RUN.findall(classes))


def count(text: str, lang: str, in_unit: Unit | None = None) -> int:
    """The length of `text` in `in_unit` (default `unit(lang)`): words, or characters (see above)."""
    own = unit(lang)
    if own == "characters":
        return _characters(text)
    if (in_unit or own) == "characters":
        return sum(1 for ch in text if ch not in "\n\r")
    return _words(text)
