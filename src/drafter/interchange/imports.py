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

Importer = Callable[[Path, tuple[str, ...], str | None, Path | None], Imported]
"""(file, libraries, --framework or None, the spec's path or None for stdout) -> the import."""


def _draft(path: Path, libraries: tuple[str, ...], framework: str | None, output: Path | None) -> Imported:
    from drafter.drafts.importer import import_draft

    return import_draft(path, libraries, framework, output)


def _xliff(path: Path, libraries: tuple[str, ...], framework: str | None, output: Path | None) -> Imported:
    from drafter.interchange.xliff_in import import_xliff

    if framework is not None:
        raise DrafterError.at("--framework", "an XLIFF file names its spec's framework itself",
                              hint="leave --framework out when importing .xlf/.xliff")

    return import_xliff(path, libraries)


IMPORTERS: Mapping[str, Importer] = MappingProxyType({
    ".docx": _draft, ".md": _draft, ".markdown": _draft, ".txt": _draft, ".xlf": _xliff, ".xliff": _xliff,
})


def import_file(path: str | Path, libraries: Iterable[str] = (), framework: str | None = None,
                output: str | Path | None = None) -> Imported:
    """A spec recovered from a draft or a translated XLIFF file (`drafter import`).

    `framework` is `--framework` (drafts only); `output` the spec's path (None or `-`: stdout).
    """
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
    target = None if output is None or str(output) == "-" else Path(output)
    return importer(path, tuple(libraries), framework, target)
