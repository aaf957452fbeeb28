"""The library index, kept between runs.

Loading and validating a large user library costs seconds (14,000 items: about 5 s), and
indexing it more; the index depends only on the library files' bytes. So the index, and what
reports cite of each item, is stored with `marshal` (plain data only: strings, numbers, lists,
dicts — nothing is executed on load) under the user's cache folder, named by a hash of drafter's
version, the Python version and every library file's path and bytes. A changed file changes the
hash, so a stale index is never used; a cache that cannot be read or written is ignored.

`DRAFTER_CACHE_DIR` sets the folder (`off` disables the cache); the default is
`$XDG_CACHE_HOME/drafter` or `~/.cache/drafter`.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path

from drafter.compare.index import Entry, Index, packed
from drafter.compare.library import Cited, LibraryIndex, build

FORMAT = 3


def cache_dir() -> Path | None:
    configured = os.environ.get("DRAFTER_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "drafter"


def _files(libraries: tuple[str | Path, ...]) -> list[Path]:
    from drafter import paths
    from drafter.library.load import _user_files

    builtin = sorted(paths.commitments_dir().rglob("*.yaml"))
    return builtin + _user_files(libraries)


def _key(files: list[Path]) -> str:
    from drafter import __version__ as ours

    digest = hashlib.sha256(f"{FORMAT}|{ours}|{sys.version_info[:2]}".encode())
    for path in files:
        digest.update(str(path.resolve()).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def cached_index(libraries: tuple[str | Path, ...]) -> LibraryIndex:
    """The library index for the built-in library plus `libraries` (see the module docstring)."""
    from drafter.library.load import load_library

    folder = cache_dir()
    target = None
    if folder is not None:
        try:
            target = folder / f"index-{_key(_files(libraries))}.marshal"
            loaded = _load(target)
            if loaded is not None:
                return loaded
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            target = None
    built = build(load_library(libraries))  # validates; a bad library raises DrafterError here
    if target is not None:
        _save(target, built)
    return built


def _dump(built: LibraryIndex) -> bytes:
    idx = built.index
    entries = [(e.key, e.lang, e.text) for e in idx.entries]
    postings = {k: packed(v) for k, v in idx._postings.items()}
    items = {k: (c.source, dict(c.ref), sorted(c.unofficial), c.themes, c.section) for k, c in built.items.items()}
    return marshal.dumps((FORMAT, entries, postings, dict(idx._exact), idx._sizes, items))


def _load(path: Path) -> LibraryIndex | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    fmt, entries, postings, exact, sizes, items = marshal.loads(data)
    if fmt != FORMAT:
        return None
    index = Index.__new__(Index)
    index.restore([Entry(*e) for e in entries], postings, exact, sizes)
    cited = {
        k: Cited(k, src, ref, frozenset(unof), tuple(themes), section)
        for k, (src, ref, unof, themes, section) in items.items()
    }
    return LibraryIndex(index, cited)


def _save(path: Path, built: LibraryIndex) -> None:
    """Write atomically; on any failure leave no file behind and carry on without a cache."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_dump(built))
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
