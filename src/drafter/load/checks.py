"""Typed, located checks shared by every loader (library files, specs, batch files).

A `Checker` walks a `YamlDoc` and collects *all* problems with their key path and location
(as mkdocs' config validation does), so a user fixes a file in one pass instead of one error
per run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any, cast

from drafter.errors import Problem, raise_if_errors
from drafter.load.yaml import Ambiguous, YamlDoc

# Characters that cannot appear in XML 1.0 (and so in a .docx) or that are lone surrogates;
# plus DEL and the C1 controls (XML tolerates them, but in text they are always damage, most
# often Windows-1252 quotes read as Latin-1: \x93 \x94 for “ ”) and the Unicode line and
# paragraph separators, which some programs break lines at and others do not.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
MAX_TEXT = 20_000

TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping (key: value)",
    float: "a number",
    type(None): "nothing (null)",
}


def describe(value: Any) -> str:
    """A user-facing name for the type of a loaded value."""
    if isinstance(value, Ambiguous):
        return f"{value.raw!r} (read as {value.reading})"
    return TYPE_NAMES.get(type(value), type(value).__name__)


MAX_HINTED = 200  # characters: a longer word is a pasting accident, not a typo to correct


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name, for 'did you mean' hints: rapidfuzz's similarity ratio (the
    measure difflib uses, in C), at least 0.6, ties going to the first choice."""
    from rapidfuzz import fuzz, process

    word = str(word)
    if len(word) > MAX_HINTED:
        return None
    found = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=60)
    return str(found[0]) if found else None


def suggest(word: str, choices: Iterable[str], what: str = "") -> str:
    """A 'did you mean' hint for `word`, or the known names when there are few."""
    choices = list(choices)
    best = closest(word, choices)
    if best:
        return f"did you mean {best!r}?"
    if what and len(choices) <= 12:
        return f"known {what}: {', '.join(choices)}"
    return ""


def dotted(path: tuple[Any, ...]) -> str:
    """Key path as users write it: `themes.connect.principles[2].use`."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + show_key(part)
    return out


def show_key(key: Any) -> str:
    """A key as it was written in YAML: null, true, 7, or the text itself."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _invisible(value: str) -> bool:
    """True if the text shows nothing: only spaces, line breaks and format characters."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in value)


def _char_name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"half of a surrogate pair {code}"
    if char in "\ufffe\uffff":
        return f"a non-character {code}"
    if char in "\u2028\u2029":
        return f"the {'line' if char == chr(0x2028) else 'paragraph'} separator {code}"
    return f"the control character {code}"


def _char_hint(char: str) -> str:
    if "\x80" <= char <= "\x9f" and char != "\x85":
        shown = bytes([ord(char)]).decode("cp1252", "replace")
        return (f"remove it; it is probably a Windows-1252 character ({shown!r}) read with the wrong "
                "encoding: type the character itself")
    if char in "\u2028\u2029\x85":
        return "use a normal line break instead"
    return "remove it; such characters cannot appear in a document (often pasted from another program)"


class Checker:
    """Collects located problems while validating one loaded YAML document."""

    def __init__(self, doc: YamlDoc):
        self.doc = doc
        self.problems: list[Problem] = []

    # -- reporting ---------------------------------------------------------------------
    def error(self, path: tuple[Any, ...], message: str, hint: str = "", *, key: bool = False) -> None:
        self.problems.append(Problem(self.doc.loc(path, key=key), message, path=dotted(path), hint=hint))

    def warn(self, path: tuple[Any, ...], message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.doc.loc(path), message, path=dotted(path), hint=hint, severity="warning"))

    def raise_if_errors(self) -> None:
        raise_if_errors(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    # -- typed access -------------------------------------------------------------------
    def typed(self, value: Any, path: tuple[Any, ...], kind: type | tuple[type, ...], what: str = "") -> bool:
        """True if `value` has the expected type; otherwise report it (bools are not ints)."""
        kinds = kind if isinstance(kind, tuple) else (kind,)
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if ok:
            return True
        expected = what or " or ".join(TYPE_NAMES.get(k, k.__name__) for k in kinds)
        if isinstance(value, Ambiguous):
            self.error(path, f"expected {expected}, but {value.message()}", value.hint())
        else:
            hint = ""
            if str in kinds and isinstance(value, (int, float, bool)):
                hint = "quote the value to make it text"
            self.error(path, f"expected {expected}, got {describe(value)}", hint)
        return False

    def mapping(
        self,
        value: Any,
        path: tuple[Any, ...],
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
        what: str = "key",
    ) -> dict[str, Any] | None:
        """Check a mapping's keys: unknown keys and missing required keys are errors."""
        if not self.typed(value, path, dict):
            return None
        required = list(required)
        allowed = list(dict.fromkeys([*required, *optional]))
        for key in value:
            if key not in allowed:
                shown = repr(key) if isinstance(key, str) else show_key(key)
                hint = suggest(show_key(key), allowed, what + "s")
                self.error((*path, key), f"unknown {what} {shown}", hint, key=True)
        for key in required:
            if key not in value:
                self.error(path, f"missing required key {key!r}", f"add `{key}:`")
        return cast("dict[str, Any]", value)

    def text(self, value: Any, path: tuple[Any, ...], *, limit: int = MAX_TEXT, empty_ok: bool = False,
             too_long: str = "split it into paragraphs") -> str | None:
        """A user-visible string: XML-safe, bounded, non-empty.

        Characters XML 1.0 cannot hold are errors, never dropped or replaced: the text may be
        a source's words. Carriage returns (`\\r\\n` or `\\r` written as escapes) are line breaks,
        as YAML makes them for real line breaks; nothing else is changed.
        """
        if not self.typed(value, path, str):
            return None
        bad = _XML_INVALID.search(value)
        if bad:
            self.error(path, f"text contains {_char_name(bad.group())} at position {bad.start() + 1}",
                       _char_hint(bad.group()))
            return None
        if len(value) > limit:
            self.error(path, f"text is {len(value):,} characters; the limit is {limit:,}", too_long)
            return None
        if not empty_ok and _invisible(value):
            self.error(path, "text is empty" if not value.strip() else "text has no visible character",
                       "write the text, or remove the entry")
            return None
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return cast(str, value)

    def choice(self, value: Any, path: tuple[Any, ...], choices: Iterable[str], what: str) -> str | None:
        choices = list(choices)
        if not self.typed(value, path, str):
            return None
        if value not in choices:
            self.error(path, f"unknown {what} {value!r}", suggest(value, choices, what + "s"))
            return None
        return cast(str, value)

    def str_list(self, value: Any, path: tuple[Any, ...]) -> list[str]:
        if not self.typed(value, path, list):
            return []
        out = []
        for i, entry in enumerate(value):
            if self.typed(entry, (*path, i), str):
                out.append(entry)
        return out
