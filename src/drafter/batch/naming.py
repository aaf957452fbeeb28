"""Output names: the `output` pattern, sanitising, and collision keys.

Variant names and spec values come from strangers' batch files, so nothing from them is
trusted as a path: a value can never add a folder level (its `/` and `\\` become `_`), every
path component goes through `drafter.files.safe_name` (reserved Windows names, leading dots,
over-long UTF-8, control characters), and only the pattern's own literal `/` makes folders.
Two outputs that would be one file on a case-insensitive or normalising file system (macOS,
Windows) collide, so collisions are compared on the NFC case-folded path.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from msgspec import Struct

from drafter.errors import UNPLACED, DrafterError, Problem
from drafter.files import safe_name
from drafter.load.checks import closest, dotted
from drafter.load.yaml import Ambiguous
from drafter.spec import fields
from drafter.spec.overrides import SCHEMA, Parts, check_path, lookup, parse_path

BUILTIN_FIELDS = ("name", "format", "lang")
# Values the spec assumes when the base spec does not write them; the pattern may use them.
DEFAULTS: Mapping[Parts, str | bool] = {path: value for path, value in fields.defaults().items()}
_SEPARATORS = re.compile(r"[/\\]")
_DRIVE = re.compile(r"[A-Za-z]:")


class PatternError(DrafterError):
    """The output pattern itself is wrong (a batch-file error); the plan places it at `output`."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(Problem(UNPLACED, message, hint=hint))


class FillError(DrafterError):
    """This variant's values cannot fill the pattern (a variant error); the plan places it."""

    def __init__(self, message: str):
        super().__init__(Problem(UNPLACED, message))


class Field(Struct, frozen=True):
    """One `{…}` of the pattern: a built-in name or a spec path."""

    text: str
    parts: Parts | None  # None for the built-in fields


Piece = str | Field


class Pattern(Struct, frozen=True):
    """A parsed output pattern: for each path component, its literal text and fields."""

    text: str
    components: tuple[tuple[Piece, ...], ...]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(p.text for c in self.components for p in c if isinstance(p, Field))

    def path(self, values: Mapping[str, str], data: Any) -> str:
        """The sanitised relative path for one output, `/`-separated."""
        out = []
        for component in self.components:
            text = "".join(_fill(p, values, data) for p in component)
            out.append(safe_name(text))
        return "/".join(out)


def _fill(piece: Piece, values: Mapping[str, str], data: Any) -> str:
    if isinstance(piece, str):
        return piece
    value: str | None
    if piece.parts is None:
        value = values[piece.text]
    else:
        found, raw = lookup(data, piece.parts)
        if not found:
            if piece.parts not in DEFAULTS:
                raise FillError(f"the output pattern uses {{{piece.text}}}, "
                                 "which this variant's spec does not set")
            value = scalar_text(DEFAULTS[piece.parts]) or ""
        else:
            value = scalar_text(raw)
        if value is None:
            raise FillError(f"{{{piece.text}}} in the output pattern is {_kind(raw)}, not a single value")
    # A value is sanitised on its own too, so `..` or `.hidden` cannot swallow the literal
    # text around it (safe_name strips leading dots from the whole component).
    return safe_name(_SEPARATORS.sub("_", value))


def _kind(value: Any) -> str:
    return "a mapping" if isinstance(value, dict) else "a nested list"


def scalar_text(value: Any) -> str | None:
    """How a value reads in a file or variant name: [en, zh] -> en-zh, null -> none."""
    if isinstance(value, Ambiguous):
        return value.raw
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, list):
        parts = [scalar_text(v) if not isinstance(v, (list, dict)) else None for v in value]
        if any(p is None for p in parts):
            return None
        return "-".join(p for p in parts if p is not None)
    return None


def fragment(value: Any) -> str | None:
    """The part of a matrix variant's name that one value contributes."""
    if isinstance(value, dict):
        parts = [scalar_text(v) for v in value.values()]
        if not parts or any(p is None or isinstance(v, (list, dict))
                            for p, v in zip(parts, value.values(), strict=True)):
            return None
        text: str | None = "-".join(p for p in parts if p is not None)
    else:
        text = scalar_text(value)
    if text is None:
        return None
    return text if text.strip() else "_"


def parse_pattern(text: str, formats: Sequence[str], theme_keys: Sequence[str]) -> Pattern:
    """Check and split the pattern; raise `PatternError` with a hint if it is unusable."""
    if not text.strip():
        raise PatternError("the output pattern is empty", 'write e.g. "{name}.{format}"')
    if text[0] in "/\\" or _DRIVE.match(text):
        raise PatternError("the output pattern is an absolute path",
                           "outputs go inside the -o folder; write a relative pattern")
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise PatternError(f"bad output pattern: {exc}", "write a literal brace as {{ or }}") from None
    components = _components(parsed, theme_keys)
    for component in components:
        literal = "".join(p for p in component if isinstance(p, str))
        if not component:
            raise PatternError("the output pattern has an empty folder name (`//` or a trailing `/`)",
                               "remove the extra /")
        if len(component) == 1 and literal.strip() in (".", ".."):
            raise PatternError(f"the output pattern uses {literal!r} as a folder",
                               "outputs stay inside the -o folder; remove it")
    fields = [p.text for c in components for p in c if isinstance(p, Field)]
    if len(formats) > 1 and "format" not in fields:
        raise PatternError("the output pattern has no {format}, but there are several formats",
                           'add it, e.g. "{name}.{format}"')
    return Pattern(text, tuple(tuple(c) for c in components))


def _components(parsed: list[tuple[str, str | None, str | None, str | None]],
                theme_keys: Sequence[str]) -> list[list[Piece]]:
    """The pattern's path components (split at its own `/`), each its literal text and fields."""
    components: list[list[Piece]] = [[]]
    for literal, name, spec, conversion in parsed:
        chunks = _SEPARATORS.split(literal)
        for i, chunk in enumerate(chunks):
            if i:
                components.append([])
            if chunk:
                components[-1].append(chunk)
        if name is None:
            continue
        if spec or conversion:
            raise PatternError(f"{{{name}{'!' + conversion if conversion else ''}"
                               f"{':' + spec if spec else ''}}} uses formatting options",
                               f"write plain {{{name}}}")
        components[-1].append(_field(name, theme_keys))
    return components


def _field(name: str, theme_keys: Sequence[str]) -> Field:
    if name in BUILTIN_FIELDS:
        return Field(name, None)
    parts = parse_path(name)
    if not name or parts is None:
        raise PatternError(f"bad field {{{name}}} in the output pattern",
                           "use {name}, {format}, {lang} or a spec path like {submission.layout}")
    problem = check_path(parts, theme_keys)
    if problem is not None and len(parts) == 1:
        best = closest(name, (*BUILTIN_FIELDS, *SCHEMA))
        raise PatternError(f"unknown field {{{name}}} in the output pattern",
                           f"did you mean {{{best}}}?" if best else
                           "use {name}, {format}, {lang} or a spec path like {submission.layout}")
    if problem is not None:
        raise PatternError(f"output pattern field {{{name}}}: {problem[0]}", problem[1])
    return Field(dotted(parts), parts)


def collision_key(rel: str) -> str:
    """The form under which two names are one file on macOS and Windows file systems."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", rel).casefold())
