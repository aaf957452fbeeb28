"""`drafter import FILE`: the importer for the file's kind, chosen by its suffix.

Drafts (Word, Markdown, plain text; `drafts/importer.py`) and translated XLIFF files
(`interchange/xliff_in.py`) become specs; this table is the one place that says which reads
what, so neither importer needs to know of the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from drafter.drafts.model import Imported
from drafter.errors import DrafterError

Importer = Callable[[Path, tuple[str, ...]], Imported]


def _draft(path: Path, libraries: tuple[str, ...]) -> Imported:
    from drafter.drafts.importer import import_draft

    return import_draft(path, libraries)


def _xliff(path: Path, libraries: tuple[str, ...]) -> Imported:
    from drafter.interchange.xliff_in import import_xliff

    return import_xliff(path, libraries)


IMPORTERS: Mapping[str, Importer] = MappingProxyType({
    ".docx": _draft, ".md": _draft, ".markdown": _draft, ".txt": _draft, ".xlf": _xliff, ".xliff": _xliff,
})


def import_file(path: str | Path, libraries: Iterable[str] = ()) -> Imported:
    """A spec recovered from a draft or a translated XLIFF file (`drafter import`)."""
    path = Path(path)
    importer = IMPORTERS.get(path.suffix.lower())
    if importer is None:
        from drafter.drafts.read import REFUSED

        if path.suffix.lower() in REFUSED:
            raise DrafterError.at(str(path), f"this is {REFUSED[path.suffix.lower()]}")
        known = ", ".join(sorted(IMPORTERS))
        raise DrafterError.at(
            str(path), f"drafter cannot import {path.suffix or 'files without a suffix'}", hint=f"give {known}"
        )
    return importer(path, tuple(libraries))
