"""Escaping text for Markdown: whatever a paragraph holds, it shows literally and on its own line.

Every piece of user or library text reaches the template already escaped by `inline()`, so a
paragraph cannot inject headings, fences, raw HTML, links or template code.

Right-to-left text: Markdown has no direction markup, so a line holding right-to-left letters
or explicit direction controls is wrapped in a Unicode isolate (RLI/LRI ... PDI), the
direction taken from its first strong letter as a plain-text viewer would. Read in any
viewer it then runs in its own direction, and nothing in it (an unbalanced override pasted
from elsewhere) can reorder the marks, numbers or table cells around it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from drafter.writers import bidi

# CommonMark specials, plus pandoc's `^superscript^` and `{attributes}`; `@` starts a pandoc citation
# only at the start of a word. Two patterns, not one alternation: a bare character class is
# scanned for at C speed, the lookbehind alternative made every search seven times as slow.
_SPECIAL = re.compile(r"[\\`*_\[\]{}<>#|~!&$^]")
_CITATION = re.compile(r"(?<!\w)@")
# Line starts that open a block: lists (`-`, `+`, `1.`, `1)`; pandoc's `(a)`, `a.`, `iv)`,
# `(@)`), quotes, setext underlines, pandoc definitions/fenced divs (`:`) and table captions.
_LINE_START = re.compile(r"^(\s*)([-+=>:]|\d+[.)])")
_PANDOC_LIST = re.compile(
    r"^(\s*)(\((?:[A-Za-z]|[ivxlcdmIVXLCDM]+|\d+|@)\)|(?:[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?=\s|$))"
)
# CriticMarkup's delimiters in user text (`{--`, `++}` …): after `_escape` the brace is `\{`, and
# the mark character next to it is escaped too, so no CriticMarkup processor reads it as markup.
_CRITIC_OPEN = re.compile(r"\\\{([-+=])")  # `~ < >` are escaped by _escape already
_CRITIC_CLOSE = re.compile(r"(?<!\\)([-+=])\\\}")
CRITIC = {"delete": ("{--", "--}"), "insert": ("{++", "++}")}
_OPENERS = frozenset(o for o, _ in CRITIC.values())
# `:smile:` is an emoji shortcode to pandoc's gfm and commonmark_x readers (their `emoji`
# extension); an escaped first colon keeps it text.
_SHORTCODE = re.compile(r":(?=[A-Za-z0-9_+-]+:)")
_BREAK = re.compile(r"[ \t]*[\r\n][ \t]*")
# Only these are trimmed and folded: a no-break or ideographic space is the text's own.
_ASCII_SPACE = " \t\r\n"
_RLI, _LRI, _PDI = "\u2067", "\u2066", "\u2069"
_NOT_YAML_PRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _pandoc_list(m: re.Match[str]) -> str:
    marker = m.group(2)
    if marker.startswith("("):
        return m.group(1) + "\\" + marker
    return m.group(1) + marker[:-1] + "\\" + marker[-1]


def isolate(text: str) -> str:
    """Wrap text holding right-to-left letters or direction controls in a Unicode isolate.

    The isolate's direction is that of the first strong letter (rule P2 of the Unicode
    bidirectional algorithm); text without such characters is returned unchanged.
    """
    if not bidi.needs_isolate(text):  # a regex search first: English and Chinese cost no loop
        return text
    return (_RLI if bidi.first_strong(text) == "R" else _LRI) + text + _PDI


def _escape(text: str) -> str:
    """Backslash before every special and every `@` that starts a word. A backslash goes in
    before a special, so the character in front of an `@` is the same after the first pass:
    the two passes escape what one pass of the alternation did."""
    if _SPECIAL.search(text) is not None:
        text = _SPECIAL.sub(r"\\\g<0>", text)
    return _CITATION.sub(r"\\@", text) if "@" in text else text


def _specials(text: str) -> str:
    """Backslash-escape Markdown's specials, emoji shortcodes and CriticMarkup's delimiters.

    Searched before substituting: most texts hold no special, and `sub` with a replacement
    template costs a Python call even when nothing matches."""
    text = _escape(text)
    if "\\{" in text or "\\}" in text:
        text = _CRITIC_OPEN.sub(r"\\{\\\1", text)
        text = _CRITIC_CLOSE.sub(r"\\\1\\}", text)
    return _SHORTCODE.sub(r"\\:", text) if ":" in text else text


def _line_start(text: str) -> str:
    """Escape what would open a block at the start of a line."""
    m = _PANDOC_LIST.match(text)  # both patterns are anchored: one match at most, at the start
    if m is not None:
        text = _pandoc_list(m) + text[m.end():]
    if text.startswith("Table:"):  # pandoc: a table caption
        text = "Table\\:" + text[6:]
    m = _LINE_START.match(text)
    if m is not None:
        text = m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1] + text[m.end():]
    return text


@lru_cache(maxsize=4096)  # a batch prints the same paragraphs in every variant, as wordml.line
def inline(text: str) -> str:
    """Escape text so CommonMark (and pandoc's Markdown) shows it literally, on one line."""
    text = _specials(text.strip(_ASCII_SPACE))
    if "\n" in text or "\r" in text:
        text = _BREAK.sub(" ", text)
    return isolate(_line_start(text))


def critic(parts: tuple[tuple[str, str], ...]) -> list[str]:
    """A redline as CriticMarkup lines: `{--removed--}` and `{++added++}` around escaped text.

    `parts` is a difference from `drafter.compare.diff` over lines joined by "\n"; each line
    becomes a Markdown paragraph (or table-cell line). CriticMarkup cannot span paragraphs, so a
    change running over a line break is closed at the end of the line and reopened on the next:
    every line holds whole marks, in every layout. The line breaks themselves are not marked: a
    break the edit added or removed stays a paragraph break (docs/redline.md). User text is
    escaped as by `inline()`, including any CriticMarkup delimiters it contains.
    """
    merged: list[tuple[str, str]] = []
    for op, text in parts:  # pieces of one kind escape as one text: `{` then `--` is `{--`
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    lines: list[list[str]] = [[]]
    for op, text in merged:
        open_, close = CRITIC.get(op, ("", ""))
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if not piece:
                continue
            escaped = _specials(piece)
            lines[-1].append(f"{open_}{_line_start(escaped) if not lines[-1] else escaped}{close}")
    return [isolate("".join(line)) for line in lines]


def heading(text: str) -> str:
    """Escape heading text: as `inline()`, but a leading `1.` cannot start a list there."""
    text = _escape(re.sub(r"[ \t\r\n]+", " ", text.strip(_ASCII_SPACE)))
    return isolate(_SHORTCODE.sub(r"\\:", text))


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), safe for front matter.

    Characters YAML may not hold raw (DEL, C1 controls, U+FEFF, non-characters) are escaped.
    """
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))
