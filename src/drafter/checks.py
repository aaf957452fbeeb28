"""Typed, located checks shared by every loader (library files, specs, batch files).

A `Checker` walks a `YamlDoc` and collects *all* problems with their key path and location
(as mkdocs' config validation does), so a user fixes a file in one pass instead of one error
per run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from drafter.errors import Problem, raise_if_errors
from drafter.yamlload import Ambiguous, YamlDoc

# Characters that cannot appear in XML 1.0 (and so in a .docx) or that are lone surrogates.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name, for 'did you mean' hints."""
    found = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def suggest(word: str, choices: Iterable[str], what: str = "") -> str:
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
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


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
        allowed = required + list(optional)
        for key in value:
            if key not in allowed:
                self.error((*path, key), f"unknown {what} {key!r}", suggest(str(key), allowed, what + "s"), key=True)
        for key in required:
            if key not in value:
                self.error(path, f"missing required key {key!r}", f"add `{key}:`")
        return value

    def text(self, value: Any, path: tuple[Any, ...], *, limit: int = MAX_TEXT, empty_ok: bool = False) -> str | None:
        """A user-visible string: XML-safe, bounded, non-empty."""
        if not self.typed(value, path, str):
            return None
        bad = _XML_INVALID.search(value)
        if bad:
            self.error(
                path,
                f"text contains the control character U+{ord(bad.group()):04X} at position {bad.start() + 1}",
                "remove it; such characters cannot appear in a document (often pasted from another program)",
            )
            return None
        if len(value) > limit:
            self.error(path, f"text is {len(value):,} characters; the limit is {limit:,}", "split it into paragraphs")
            return None
        if not empty_ok and not value.strip():
            self.error(path, "text is empty", "write the text, or remove the entry")
            return None
        return value

    def choice(self, value: Any, path: tuple[Any, ...], choices: Iterable[str], what: str) -> str | None:
        choices = list(choices)
        if not self.typed(value, path, str):
            return None
        if value not in choices:
            self.error(path, f"unknown {what} {value!r}", suggest(value, choices, what + "s"))
            return None
        return value

    def str_list(self, value: Any, path: tuple[Any, ...]) -> list[str]:
        if not self.typed(value, path, list):
            return []
        out = []
        for i, entry in enumerate(value):
            if self.typed(entry, (*path, i), str):
                out.append(entry)
        return out
