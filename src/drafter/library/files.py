"""Which files make up a library, and how their paths are shown in messages."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from drafter.errors import DrafterError, Location
from drafter.inputs import Inputs

RESERVED_FILES = {"sources.yaml", "glossary.yaml"}  # in commitments/, but not item files


def display(path: Path) -> str:
    """Paths in messages: relative to the working folder where that is shorter."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def user_files(entries: Iterable[str | Path], skip: Iterable[Path] = ()) -> list[Path]:
    """The user library files, each once: a file named twice (`--library lib.yaml` and the
    spec's `libraries: [./lib.yaml]`, a folder and a file in it, a hard or symbolic link to
    it, or a built-in file in `skip`) is one library, read once, not two that clash."""
    files = _named_files(entries)
    seen = Inputs.of(skip)
    out: list[Path] = []
    for path in files:
        if seen.clash(path) is None:
            out.append(path)
            seen = seen.adding((path,))
    return out


def _named_files(entries: Iterable[str | Path]) -> list[Path]:
    """The .yaml files of the user libraries given (files, or folders of them), in order."""
    files: list[Path] = []
    for entry in entries:
        p = Path(entry)
        if os.path.isdir(p):  # os.path: False, not an exception, for over-long names
            files.extend(sorted(x for x in p.glob("*.yaml") if x.is_file()))
            files.extend(sorted(x for x in p.glob("*.yml") if x.is_file()))
        elif os.path.isfile(p):
            files.append(p)
        else:
            raise DrafterError.at(
                Location(str(entry)), "user library not found", hint="give a .yaml file or a folder of them"
            )
    return files
