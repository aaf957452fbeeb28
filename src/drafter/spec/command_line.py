"""One-off overrides from the command line: `--set PATH=VALUE`, `--layout`, `--languages`,
`--provenance` — a batch variant of one, built with the same machinery (`overrides.py`).

The same checks apply as in a batch file: the path must be one the spec has (an unknown key is
a located error with a did-you-mean hint), two options may not set the same place, and a bad
value is reported by the spec's own validator — located at the option that set it, e.g.
`<command line> --set 2: submission.layout: unknown layout 'sequental' (did you mean …)`.
A value is YAML (`--set submission.languages=[en]`, `--set themes.ai=null`); file paths in
values (`options.reference_doc`, `libraries`) are relative to where drafter runs, like every
other path on the command line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct

from drafter.errors import DrafterError, Location, Problem
from drafter.load.checks import dotted
from drafter.load.yaml import YamlDoc, loads
from drafter.spec import fields
from drafter.spec.overrides import REMOVE, OverrideConflict, Parts, VariantDoc, apply, check_path, overlaps, parse_path

COMMAND_LINE = "<command line>"
_PATH_VALUED = fields.path_valued()


class CliOverride(Struct, frozen=True):
    """One value set on the command line, and the option that set it."""

    option: str  # "--set 2", "--layout"
    parts: Parts
    value: Any  # REMOVE for an empty value or null on a key

    @property
    def location(self) -> Location:
        return Location(f"{COMMAND_LINE} {self.option}")


class _CommandLine(YamlDoc):
    """The command line as a located document: everything in it is at its option."""

    def loc(self, path: tuple[Any, ...] = (), *, key: bool = False) -> Location:
        return Location(f"{COMMAND_LINE} {path[0]}") if path else Location(COMMAND_LINE)


def parse_overrides(sets: Sequence[str], *, layout: str | None = None, languages: str | None = None,
                    provenance: str | None = None, theme_keys: Sequence[str] = ()) -> tuple[CliOverride, ...]:
    """The overrides the options ask for, checked against the spec's shape; every problem at once."""
    found: list[CliOverride] = []
    problems: list[Problem] = []
    named = [("--layout", ("submission", "layout"), layout),
             ("--languages", ("submission", "languages"), _languages(languages)),
             ("--provenance", ("options", "provenance"), provenance)]
    for option, parts, value in named:
        if value is not None:
            found.append(CliOverride(option, parts, value))
    for i, text in enumerate(sets, start=1):
        option = f"--set {i}"
        try:
            found.append(_parse_set(option, text, theme_keys))
        except DrafterError as exc:
            problems.extend(exc.problems)
    for i, ov in enumerate(found):
        clash = next((o for o in found[:i] if overlaps(o.parts, ov.parts)), None)
        if clash is not None:
            problems.append(Problem(ov.location, f"{dotted(ov.parts)!r} is also set by {clash.option}",
                                    path=dotted(ov.parts), hint="set each place once"))
    if problems:
        raise DrafterError(problems)
    return tuple(found)


def _languages(text: str | None) -> list[str] | None:
    """`en,zh` -> ["en", "zh"] (the validator checks the codes)."""
    if text is None:
        return None
    return [part.strip() for part in text.split(",") if part.strip()]


def _parse_set(option: str, text: str, theme_keys: Sequence[str]) -> CliOverride:
    where = Location(f"{COMMAND_LINE} {option}")
    path, sep, raw = text.partition("=")
    parts = parse_path(path.strip()) if sep else None
    if parts is None:
        raise DrafterError.at(where, f"bad --set {text!r}", hint="write PATH=VALUE, e.g. submission.layout=sequential "
                              "or themes.connect.principles[0].text.en='New wording'")
    problem = check_path(parts, theme_keys)
    if problem is not None:
        raise DrafterError.at(where, problem[0], path=dotted(parts), hint=problem[1])
    value = loads(raw, f"{COMMAND_LINE} {option}").data if raw.strip() else None
    if value is None and isinstance(parts[-1], str):
        value = REMOVE
    elif parts in _PATH_VALUED or (parts[:1] == ("libraries",)) or _framework_file(parts, value):
        value = _rebase(value)
    return CliOverride(option, parts, value)


def _framework_file(parts: Parts, value: Any) -> bool:
    """`--set framework=./questions.yaml`: a framework file, a path like `libraries` (a built-in
    framework's key is not)."""
    from drafter.library.framework_file import framework_reference

    return parts == ("framework",) and isinstance(value, str) and framework_reference(value)


def _rebase(value: Any) -> Any:
    """Paths on the command line are relative to the working folder; a spec's to its file:
    written absolute, they mean the same from both."""
    if isinstance(value, list):
        return [_rebase(v) for v in value]
    return str(Path(value).resolve()) if isinstance(value, str) and not os.path.isabs(value) else value


def apply_overrides(doc: YamlDoc, overrides: Sequence[CliOverride]) -> YamlDoc:
    """The spec `doc` with the overrides applied; what they set is located at their option."""
    if not overrides:
        return doc
    data = doc.data
    redirects: dict[Parts, Parts] = {}
    exact: dict[Parts, Location] = {}
    for ov in overrides:
        def created(p: Parts, ov: CliOverride = ov) -> None:
            exact.setdefault(p, ov.location)

        try:
            data = apply(data, ov.parts, ov.value, created)
        except OverrideConflict as exc:
            raise DrafterError(Problem(ov.location, str(exc), path=dotted(ov.parts),
                                       hint="set a path the spec has, or replace its parent")) from None
        if ov.value is REMOVE:
            exact[ov.parts[:-1]] = ov.location
        else:
            redirects[ov.parts] = (ov.option,)
    return VariantDoc.over(doc, data, _CommandLine(COMMAND_LINE, {}), redirects, exact)
