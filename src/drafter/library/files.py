"""Which files make up a library, and how their paths are shown in messages."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from drafter.errors import DrafterError, Location

RESERVED_FILES = {"sources.yaml", "glossary.yaml"}  # in commitments/, but not item files


def display(path: Path) -> str:
    """Paths in messages: relative to the working folder where that is shorter."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def user_files(entries: Iterable[str | Path]) -> list[Path]:
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
