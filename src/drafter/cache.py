"""drafter's one on-disk cache: parsed libraries and the comparison index, kept between runs.

Why: parsing and validating the library through the safe YAML loader is most of a cold
command's time, and a 14,000-item user library costs seconds. The result depends only on the
library files' bytes, drafter's version and Python's, so it is stored under a name hashed
from exactly those (`key`); a changed file changes the name, so a stale entry is never read.

Why it is safe (docs/cache.md):
- the format is `marshal` of plain data (str, int, None, tuple, dict, frozenset): reading it
  builds values and executes nothing; the readers (`library/cache.py`, `compare/cache.py`)
  accept only the shapes they wrote and rebuild whitelisted classes themselves;
- entries are read only from a folder owned by this user and writable by no one else (a
  folder another user could write is ignored), and written atomically (a unique temporary
  file, then `os.replace`), so concurrent processes see a whole entry or none;
- anything unreadable, corrupt or foreign (another key, another format) is ignored and
  rebuilt; deleting the folder at any time is safe.

`DRAFTER_NO_CACHE=1` (or `DRAFTER_CACHE_DIR=off`) bypasses it; `DRAFTER_CACHE_DIR` moves it;
the default is `$XDG_CACHE_HOME/drafter`, else `~/.cache/drafter`.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

FORMAT = 2  # bump when what any entry holds changes shape


def enabled() -> bool:
    """Whether the cache is on (DRAFTER_NO_CACHE and DRAFTER_CACHE_DIR=off switch it off)."""
    return os.environ.get("DRAFTER_NO_CACHE", "") in ("", "0") and os.environ.get("DRAFTER_CACHE_DIR") != "off"


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is switched off."""
    if not enabled():
        return None
    configured = os.environ.get("DRAFTER_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "drafter"


def key(kind: str, *parts: bytes) -> str:
    """A name for an entry: what it is, drafter's and Python's versions, and its inputs."""
    from drafter.version import __version__ as ours

    digest = hashlib.sha256(f"{kind}|{FORMAT}|{ours}|{sys.version_info[:2]}".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return f"{kind}-{digest.hexdigest()[:32]}"


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large entry is read and decoded.

    Why: a 14,000-item library is hundreds of thousands of new tuples and dicts, none of them
    garbage; CPython's collector, triggered every few hundred allocations, walks them again
    and again (a third of the read time). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _private(folder: Path) -> bool:
    """True when only this user could have written the folder's entries (POSIX owner and mode)."""
    try:
        info = folder.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):  # Windows: the per-user profile folder is private already
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(name: str) -> object | None:
    """The payload stored under `name`, or None (absent, off, not private, corrupt, foreign)."""
    folder = cache_dir()
    if folder is None or not _private(folder):
        return None
    return read_file(folder / f"{name}.marshal", name)


def read_file(path: Path, name: str) -> object | None:
    """The payload of one entry file if it is whole and was written under `name`."""
    try:
        data = path.read_bytes()
        stored = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if type(stored) is not tuple or len(stored) != 3 or stored[:2] != (FORMAT, name):
        return None
    payload: object = stored[2]
    return payload


def dumps(name: str, payload: object) -> bytes:
    """`payload` stored under `name`, in the cache's format (marshal: fast, and never code)."""
    return marshal.dumps((FORMAT, name, payload))  # type: ignore[arg-type]  # marshal takes plain data


def write(name: str, payload: object) -> None:
    """Store `payload` under `name` atomically; any failure leaves no file and is not an error."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return
    if not _private(folder):
        return
    write_file(folder / f"{name}.marshal", dumps(name, payload))


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a unique temporary file and `os.replace` (never half a file)."""
    from drafter.files import mkstemp

    tmp = None
    try:
        fd, tmp = mkstemp(path.parent, f".{path.name}.{os.getpid()}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
