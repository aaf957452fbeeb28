"""Dotted-path overrides: parse them, check them against the spec's shape, apply them.

A batch variant is the base spec with a few values replaced (`submission.languages: [en]`,
`themes.ai: null`). Three things make that safe and cheap:

- paths are checked against the spec's known keys when the batch file is loaded, so a typo
  (`submision.layout`) is a located error with a did-you-mean hint instead of an unknown key
  reported once per variant;
- overrides are applied copy-on-write: only the mappings and lists along the path are copied,
  the rest of the base spec is shared, so a thousand variants cost a thousand small copies;
- the variant's `YamlDoc` keeps the base spec's line and column for everything the batch did
  not touch and points into the batch file for everything it did, so `check_spec` reports an
  error in an override at the line of that override.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from drafter.errors import UNPLACED, DrafterError, Location, Problem
from drafter.library.model import LANGUAGES
from drafter.load.checks import closest, dotted
from drafter.load.yaml import YamlDoc
from drafter.spec.fields import ENTRY, SPEC, THEME, Key

Seg = str | int
Parts = tuple[Seg, ...]

_PATH = re.compile(r"[A-Za-z0-9_-]+(\[\d+\])*(\.[A-Za-z0-9_-]+(\[\d+\])*)*\Z")
_SEG = re.compile(r"([A-Za-z0-9_-]+)|\[(\d+)\]")


class _ListOf:
    """Shape node: a list whose entries have the shape `item`."""

    def __init__(self, item: Any):
        self.item = item


class _Themes:
    """Shape node: a mapping keyed by the framework's theme keys."""


LEAF = None
THEMES = _Themes()


def _shape(key: Key) -> Any:
    """Where a batch override may reach inside `key`'s value: the spec's shape, from `fields.py`."""
    if key.kind == "mapping":
        return {k.name: _shape(k) for k in key.keys}
    if key.kind == "lang_text":
        return {lang: LEAF for lang in LANGUAGES}
    if key.kind in ("languages", "text_list"):
        return _ListOf(LEAF)
    if key.kind == "entries":
        return _ListOf(_shape(ENTRY))
    if key.kind == "themes":
        return THEMES
    return LEAF


SCHEMA: dict[str, Any] = _shape(SPEC)
_THEME: dict[str, Any] = _shape(THEME)


def parse_path(text: str) -> Parts | None:
    """`themes.connect.principles[0].use` -> ('themes', 'connect', 'principles', 0, 'use')."""
    if not isinstance(text, str) or not _PATH.match(text):
        return None
    return tuple(int(m[2]) if m[2] is not None else m[1] for m in _SEG.finditer(text))


def path_problem(key: Any, theme_keys: Sequence[str]) -> tuple[Parts, None] | tuple[None, tuple[str, str]]:
    """(parts, None) for a dotted path the spec has; (None, (message, hint)) otherwise.

    The one check of a written path, for `set` keys, matrix keys and spreadsheet columns alike.
    """
    parts = parse_path(key) if isinstance(key, str) else None
    if parts is None:
        return None, (f"bad path {key!r}", "write a dotted path like submission.layout "
                      "or themes.connect.principles[0].text.en")
    problem = check_path(parts, theme_keys)
    return (None, problem) if problem is not None else (parts, None)


def check_path(parts: Parts, theme_keys: Sequence[str]) -> tuple[str, str] | None:
    """`None` if the spec has such a place, else (message, hint) naming the first bad part."""
    node: Any = SCHEMA
    for i, part in enumerate(parts):
        here = dotted(parts[: i + 1])
        if node is LEAF:
            return f"{dotted(parts[:i])!r} is a single value; it has no {part!r}", \
                f"set {dotted(parts[:i])} itself"
        if isinstance(node, _ListOf):
            if not isinstance(part, int):
                return f"{dotted(parts[:i])!r} is a list", f"pick an entry, e.g. {dotted(parts[:i])}[0]"
            node = node.item
            continue
        if isinstance(part, int):
            return f"{dotted(parts[:i]) or 'the spec'!r} is not a list", f"remove [{part}]"
        known: Sequence[str] = theme_keys if node is THEMES else tuple(node)
        if part not in known:
            best = closest(part, known)
            if best is None:
                listing = ", ".join(known) if len(known) <= 12 else ""
                return f"unknown path {dotted(parts)!r}: the spec has no {here!r}", \
                    f"known keys here: {listing}" if listing else ""
            fixed = dotted((*parts[:i], best, *parts[i + 1 :]))
            return f"unknown path {dotted(parts)!r}", f"did you mean {fixed!r}?"
        node = _THEME if node is THEMES else node[part]
    return None


def overlaps(a: Parts, b: Parts) -> bool:
    """True if one path is the other or lies inside it (setting both would be ambiguous)."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


class OverrideConflict(DrafterError):
    """An override cannot be applied to this variant's data (e.g. it reaches into text); the
    plan places it at the override."""

    def __init__(self, message: str):
        super().__init__(Problem(UNPLACED, message))


REMOVE = object()
"""Sentinel value: `null` on a mapping key leaves the key out, as if the base never had it."""


def apply(data: Any, parts: Parts, value: Any, created: Callable[[Parts], None]) -> Any:
    """`data` with `value` at `parts`, copying only the containers along the path.

    `created` is told about every mapping the override had to create, so errors found there
    can point at the override rather than at the base spec's top.
    """
    return _set(data, parts, value, (), created)


def _set(node: Any, parts: Parts, value: Any, done: Parts, created: Callable[[Parts], None]) -> Any:
    head, rest = parts[0], parts[1:]
    if isinstance(head, int):
        if not isinstance(node, list):
            raise OverrideConflict(f"{dotted(done) or 'the spec'} is not a list here")
        if head >= len(node):
            raise OverrideConflict(
                f"{dotted(done)} has {len(node)} entr{'y' if len(node) == 1 else 'ies'} in the "
                f"base spec; there is no [{head}]"
            )
        new_list = list(node)
        new_list[head] = (None if value is REMOVE else value) if not rest else \
            _set(node[head], rest, value, (*done, head), created)
        return new_list
    if node is None:
        node = {}
        created(done)
    if not isinstance(node, dict):
        raise OverrideConflict(f"{dotted(done)} is a single value here, not a mapping")
    new = dict(node)
    if not rest:
        if value is REMOVE:
            new.pop(head, None)
        else:
            new[head] = value
    else:
        new[head] = _set(node.get(head), rest, value, (*done, head), created)
    return new


class VariantDoc(YamlDoc, kw_only=True):
    """A variant's spec: the base spec's data and marks, with overridden parts moved.

    `redirects` maps a spec path set by an override to the path of its value in the batch
    file; anything under it is located in the batch file. `exact` maps spec paths an
    override created or removed to the override's location. Everything else keeps the base
    spec's location. `file` stays the base spec, since relative paths in a spec
    (`libraries`, `options.reference_doc`) are relative to it.
    """

    batch: YamlDoc
    redirects: Mapping[Parts, Parts]
    exact: Mapping[Parts, Location]

    @classmethod
    def over(cls, base: YamlDoc, data: Any, batch: YamlDoc,
             redirects: Mapping[Parts, Parts], exact: Mapping[Parts, Location]) -> VariantDoc:
        """`data` located as described above: the base's marks, the batch file's, the overrides'."""
        return cls(base.file, data, base.marks, base.key_marks, batch=batch, redirects=redirects, exact=exact)

    def loc(self, path: Parts = (), *, key: bool = False) -> Location:
        path = tuple(path)
        for n in range(len(path), -1, -1):  # an override replaces the base's whole subtree
            target = self.redirects.get(path[:n])
            if target is not None:
                return self.batch.loc((*target, *path[n:]), key=key)
        for n in range(len(path), -1, -1):
            probe = path[:n]
            if probe in self.exact:
                return self.exact[probe]
            if key and n == len(path) and probe in self.key_marks:
                return Location(self.file, *self.key_marks[probe])
            if probe in self.marks:
                return Location(self.file, *self.marks[probe])
        return Location(self.file, 1, 1)


def lookup(data: Any, parts: Parts) -> tuple[bool, Any]:
    """(found, value) at `parts` in plain loaded data."""
    node = data
    for part in parts:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return False, None
        elif not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node
