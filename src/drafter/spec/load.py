"""Loading a spec file with the library it needs (the built-in one plus its `libraries:`)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from drafter.errors import DrafterError, Problem
from drafter.library.framework_file import framework_reference, user_framework
from drafter.library.load import load_library
from drafter.library.model import Library
from drafter.load.checks import Checker
from drafter.load.yaml import YamlDoc, load_file
from drafter.spec.check import check_spec
from drafter.spec.model import Spec


def user_libraries(doc: YamlDoc) -> tuple[list[str], list[Problem]]:
    """The `libraries:` paths of a spec, resolved against the spec's folder."""
    ck = Checker(doc)
    raw = doc.data.get("libraries") if isinstance(doc.data, dict) else None
    if raw is None:
        return [], []
    base = Path(doc.file).parent
    out = []
    for i, entry in enumerate(ck.str_list(raw, ("libraries",))):
        p = base / entry
        if not os.path.exists(p):  # False, not an exception, for over-long names and NUL bytes
            ck.error(
                ("libraries", i),
                f"user library {entry!r} not found (looked at {p})",
                "paths are relative to the spec file",
            )
        else:
            out.append(str(p))
    return out, ck.problems


def load_spec(
    path: str | Path, library: Library | None = None, *, extra_libraries: Sequence[str] = (),
    layout: str | None = None, languages: str | None = None, provenance: str | None = None,
    sets: Sequence[str] = (),
) -> tuple[Spec, Library]:
    """Load a spec file and the library it needs (built-in plus its `libraries:`).

    `layout`, `languages`, `provenance` and `sets` (`PATH=VALUE`) are one-off changes, as the
    command line's `--layout`, `--languages`, `--provenance` and `--set` give them: applied to
    the parsed file before it is checked, with the checks and messages of a batch variant's
    overrides (`spec/command_line.py`), so a bad one is a located `<command line>` error."""
    doc = load_file(path)
    if layout or languages or provenance or sets:  # the override machinery only when asked for
        from drafter.spec.command_line import apply_overrides, parse_overrides

        if library is None:
            library = load_library(())
        theme_keys = with_user_framework(doc, library).theme_keys  # a user framework's themes too
        overrides = parse_overrides(tuple(sets), layout=layout, languages=languages, provenance=provenance,
                                    theme_keys=theme_keys)
        doc = apply_overrides(doc, overrides)
    return load_spec_doc(doc, library, extra_libraries=tuple(extra_libraries))


def load_spec_doc(
    doc: YamlDoc, library: Library | None = None, *, extra_libraries: tuple[str, ...] = ()
) -> tuple[Spec, Library]:
    """As `load_spec`, for a document already parsed (batch variants build theirs in memory)."""
    libs, problems = user_libraries(doc)
    if problems:
        raise DrafterError(problems)
    if library is None or libs or extra_libraries:
        library = load_library([*extra_libraries, *libs])
    library = with_user_framework(doc, library)
    return check_spec(doc, library), library


def with_user_framework(doc: YamlDoc, library: Library) -> Library:
    """The library, plus the framework file the spec's `framework:` names (if it names one)."""
    value = doc.data.get("framework") if isinstance(doc.data, dict) else None
    if not isinstance(value, str) or not framework_reference(value):
        return library
    builtin = [key for key, fw in library.frameworks.items() if fw.builtin]
    return library.with_framework(user_framework(value, doc.loc(("framework",)), doc.file, builtin))
