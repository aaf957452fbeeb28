"""Text direction, shared by the writers: which lines are right to left, and where they turn.

Both writers decide a line's direction as a plain-text viewer would: by its first strong letter
(rule P2 of the Unicode bidirectional algorithm, UAX #9). The Markdown writer wraps such a line
in a Unicode isolate; the DOCX writer marks its paragraph `w:bidi` and splits its runs where the
direction changes, so that only right-to-left text is marked `w:rtl`.

English and Chinese are almost all of what drafter renders, so every question starts with a
cheap test: ASCII text cannot hold a right-to-left letter, and a precompiled search for the code
points that can (`CANDIDATE`) rules out the rest without a Python-level loop. Only a line that
it finds is looked at character by character with `unicodedata`.
"""

from __future__ import annotations

import re
import unicodedata

# Every code point whose bidirectional class is R, AL or an explicit direction control, with room
# to spare (the right-to-left blocks, unassigned parts included): Hebrew to Arabic Extended-A,
# RLM, the embeddings, overrides and isolates, Hebrew and Arabic presentation forms, and the
# supplementary right-to-left blocks (one range from U+10800 to U+1EFFF: a single range keeps
# the search fast). A hit only means "look closer"; tests check the superset against the whole
# Unicode database.
CANDIDATE = re.compile(
    "[\u0590-\u08ff\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U0001efff]"
)
RTL_CLASSES = frozenset(("R", "AL"))
CONTROL_CLASSES = frozenset(("RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"))
ISOLATE_CLASSES = RTL_CLASSES | CONTROL_CLASSES
_NUMBERS = frozenset(("EN", "AN"))

# The language Word is told for a right-to-left run (`w:lang w:bidi`), by the script of its
# first right-to-left letter: (last code point of a block, tag); Arabic for everything else.
_SCRIPT_LANGS = ((0x058F, ""), (0x05FF, "he-IL"), (0x06FF, ""), (0x074F, "syr-SY"), (0x077F, ""),
                 (0x07BF, "dv-MV"), (0xFB1C, ""), (0xFB4F, "he-IL"))
DEFAULT_RTL_LANG = "ar-SA"


def maybe_rtl(text: str) -> bool:
    """False when `text` surely holds no right-to-left letter and no direction control."""
    return not text.isascii() and CANDIDATE.search(text) is not None


def _has_class(text: str, classes: frozenset[str]) -> bool:
    """Whether a character of `text` has one of these bidirectional classes; the regex finds
    the first possible candidate, so English and Chinese text costs no per-character work."""
    if text.isascii():
        return False
    found = CANDIDATE.search(text)
    if found is None:
        return False
    bidirectional = unicodedata.bidirectional
    return any(bidirectional(ch) in classes for ch in text[found.start():])


def needs_isolate(text: str) -> bool:
    """Whether `text` holds right-to-left letters or explicit direction controls."""
    return _has_class(text, ISOLATE_CLASSES)


def has_rtl(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (bidirectional class R or AL)."""
    return _has_class(text, RTL_CLASSES)


def first_strong(text: str) -> str | None:
    """"R" or "L" after the first strong letter of `text` (rule P2), None when it has none."""
    bidirectional = unicodedata.bidirectional
    for ch in text:
        kind = bidirectional(ch)
        if kind in RTL_CLASSES:
            return "R"
        if kind == "L":
            return "L"
    return None


def rtl_lang(text: str) -> str:
    """The language tag for right-to-left `text`, by the script of its first such letter."""
    bidirectional = unicodedata.bidirectional
    for ch in text:
        if bidirectional(ch) in RTL_CLASSES:
            code = ord(ch)
            for last, tag in _SCRIPT_LANGS:
                if code <= last:
                    return tag or DEFAULT_RTL_LANG
            return DEFAULT_RTL_LANG
    return DEFAULT_RTL_LANG


def split(text: str) -> tuple[bool, list[tuple[str, bool]]] | None:
    """A line's direction and its pieces, each (text, right to left?); None without RTL letters.

    The pieces join to `text` exactly. Each character takes a direction as the bidirectional
    algorithm would resolve it, simplified to what a word processor needs to be told:

    - letters are strong (L; R and AL);
    - numbers (EN, AN) follow the last strong letter before them, or the line's direction at
      its start, so `2030` after Arabic stays with the Arabic (rules W2, W7, N1);
    - a combining mark (NSM) follows the character it sits on (W1);
    - anything else (spaces, punctuation, brackets, controls) between two pieces of the same
      direction takes that direction, and between different ones, or at either end of the
      line, the line's direction (N1, N2).

    So `The UN (الأمم المتحدة) agrees.` is one left-to-right line of three pieces: `The UN (`,
    the Arabic, `) agrees.`; and a right-to-left line keeps its spaces and full stops.
    """
    if not has_rtl(text):
        return None
    base = "R" if first_strong(text) == "R" else "L"
    dirs = _fill_neutrals(_strong_directions(text, base), base)
    pieces: list[tuple[str, bool]] = []
    start = 0
    for k in range(1, len(dirs) + 1):
        if k == len(dirs) or dirs[k] != dirs[start]:
            pieces.append((text[start:k], dirs[start] == "R"))
            start = k
    return base == "R", pieces


def _strong_directions(text: str, base: str) -> list[str | None]:
    """Per character: "L" or "R" for letters, numbers and marks (as `split` explains), None for
    the neutral characters still to be resolved."""
    bidirectional = unicodedata.bidirectional
    dirs: list[str | None] = []
    last_strong = base
    prev: str | None = None
    for ch in text:
        kind = bidirectional(ch)
        if kind == "L":
            prev = last_strong = "L"
        elif kind in RTL_CLASSES:
            prev = last_strong = "R"
        elif kind in _NUMBERS:
            prev = last_strong
        elif kind != "NSM":
            prev = None
        dirs.append(prev)
    return dirs


def _fill_neutrals(dirs: list[str | None], base: str) -> list[str | None]:
    """Each run of neutrals takes the direction around it when both sides agree, else `base`."""
    n = len(dirs)
    i = 0
    while i < n:
        if dirs[i] is not None:
            i += 1
            continue
        j = i
        while j < n and dirs[j] is None:
            j += 1
        before = dirs[i - 1] if i > 0 else base
        after = dirs[j] if j < n else base
        fill = before if before == after else base
        for k in range(i, j):
            dirs[k] = fill
        i = j
    return dirs


_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI
PDF, PDI = "\u202c", "\u2069"


def closers(text: str) -> str:
    """The PDF and PDI characters that close what `text` leaves open (UAX #9, X1–X8).

    An unbalanced right-to-left override pasted into a paragraph would otherwise run on into
    whatever follows it on the line — drafter's own "[edited]" mark would read `]detide[`.
    The Markdown writer closes it with an isolate; a Word paragraph is one bidirectional
    paragraph across its runs, so the DOCX writer ends the text's last run with these.
    """
    if text.isascii() or not CANDIDATE.search(text):
        return ""
    stack: list[str] = []
    for ch in text:
        if ch in _EMBEDDINGS:
            stack.append(PDF)
        elif ch in _ISOLATES:
            stack.append(PDI)
        elif ch == PDF and stack and stack[-1] == PDF:
            stack.pop()
        elif ch == PDI and PDI in stack:
            while stack.pop() != PDI:
                pass
    return "".join(reversed(stack))
