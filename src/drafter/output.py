"""Writing files safely: atomically, inside the folder they belong to, with sane names.

A failed or interrupted render must never leave a half-written submission where the last good
one was, so every output goes to a temporary file in the target folder, is flushed to disk,
and is renamed over the target in one step.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from drafter.errors import DrafterError, Location

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\x7f]')


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` atomically; raise `DrafterError` if the folder is not writable."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise DrafterError.at(Location(str(path)), "output path is a folder", hint="give a file name, e.g. submission.docx")
    if not folder.is_dir():
        raise DrafterError.at(Location(str(path)), f"output folder {str(folder)!r} does not exist",
                              hint="create it first, or choose another -o path")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DrafterError.at(Location(str(path)), f"cannot write in {str(folder)!r}: {exc.strerror}",
                              hint="choose a folder you can write to") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise DrafterError.at(Location(str(path)), f"cannot write file: {exc.strerror}",
                                  hint="check permissions and free space") from None
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def safe_name(name: str) -> str:
    """A file name that is safe on Windows, macOS and Linux and stays inside its folder.

    Path separators, control and reserved characters become `_`; leading dots and trailing
    dots/spaces are removed; reserved Windows device names get a `_` suffix; the name is
    NFC-normalised and cut to a byte length every file system accepts.
    """
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip().strip(".").strip()
    name = re.sub(r"\.{2,}", ".", name)
    if not name:
        name = "_"
    stem, dot, ext = name.partition(".")
    if stem.lower() in WINDOWS_RESERVED:
        name = f"{stem}_{dot}{ext}"
    encoded = name.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        suffix = Path(name).suffix.encode("utf-8")[:20]
        head = encoded[: MAX_NAME_BYTES - len(suffix)].decode("utf-8", "ignore")
        name = head + suffix.decode("utf-8", "ignore")
    return name
