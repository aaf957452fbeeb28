"""The inputs of a run: every file it reads, so that no output is ever written over one.

`drafter render -o spec.yaml` and a batch whose output pattern names its own base spec must
both be refused, and for the same reason, so the notion lives here once and every writer
(`files.atomic_write`, the batch survey) consults it. A file is identified the way the
operating system does: by device and inode (`st_dev`, `st_ino`), which sees through symbolic
links, hard links, `./x` versus `x`, and — on case-insensitive file systems (macOS, Windows)
— `Base.yaml` versus `base.yaml`, since such a system opens the same file for both names.
The real path is compared too, case-folded and NFC-normalised as macOS and Windows compare
names, so an output that would be an input once the folder is copied to such a system (or
on a file system that reports no inode) is refused as well.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from msgspec import Struct, field

MAX_TREE_FILES = 10_000  # a template folder is a handful of files; stop walking a runaway one


def fold(path: str) -> str:
    """A path as case-insensitive, normalising file systems compare it (`batch.naming` folds
    output names the same way)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", path).casefold())


def _identity(path: str | Path) -> tuple[tuple[int, int] | None, str | None]:
    """(device, inode) of the file `path` names (links followed) if it exists, and the folded
    real path it names (its folder resolved), exists or not."""
    try:
        folder, name = os.path.split(os.path.abspath(path))
        real = fold(os.path.join(os.path.realpath(folder), name))
    except (OSError, ValueError):
        real = None
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # missing, a NUL byte, a name the system refuses
        return None, real
    with contextlib.suppress(OSError, ValueError):
        real = fold(os.path.realpath(path))
    return ((st.st_dev, st.st_ino) if st.st_ino else None), real


class Inputs(Struct, frozen=True):
    """The files one run reads, each with the name to show when an output would replace it."""

    ids: dict[tuple[int, int], str] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)  # folded real path -> shown name

    @classmethod
    def of(cls, files: Iterable[str | Path | None] = (), trees: Iterable[str | Path | None] = ()) -> Inputs:
        """The inputs `files` plus every regular file under the folders `trees` (templates)."""
        return cls().adding(files, trees)

    def adding(self, files: Iterable[str | Path | None] = (), trees: Iterable[str | Path | None] = ()) -> Inputs:
        """A copy with `files` and the files under `trees` added."""
        ids, paths = dict(self.ids), dict(self.paths)
        for name in [*files, *_walk(trees)]:
            if name is None:
                continue
            key, real = _identity(name)
            if key is None and real is None:
                continue
            if key is not None:
                ids.setdefault(key, str(name))
            if real is not None and os.path.lexists(name):
                paths.setdefault(real, str(name))
        return Inputs(ids, paths)

    def clash(self, target: str | Path) -> str | None:
        """The input that writing `target` would replace (as the user named it), or None."""
        key, real = _identity(target)
        if key is not None and key in self.ids:
            return self.ids[key]
        if real is not None and real in self.paths:
            return self.paths[real]
        return None

    def __bool__(self) -> bool:
        return bool(self.ids or self.paths)


def _walk(trees: Iterable[str | Path | None]) -> list[str]:
    out: list[str] = []
    for tree in trees:
        if tree is None or not os.path.isdir(tree):
            continue
        for folder, dirs, files in os.walk(tree, followlinks=False):
            dirs.sort()
            out.extend(os.path.join(folder, f) for f in sorted(files))
            if len(out) >= MAX_TREE_FILES:
                return out[:MAX_TREE_FILES]
    return out
