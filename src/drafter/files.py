"""Writing files safely: atomically, inside the folder they belong to, with sane names.

A failed or interrupted render must never leave a half-written submission where the last good
one was, so every output goes to a temporary file in the target folder, is flushed to disk,
and is renamed over the target in one step. If anything goes wrong (a full disk, Ctrl-C) the
temporary file is removed and the old file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import unicodedata
from _thread import allocate_lock
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Literal

from drafter.errors import DrafterError, Location
from drafter.inputs import Inputs

WINDOWS_RESERVED = {
    "con", "prn", "aux", "nul", "conin$", "conout$", "clock$",
    *(f"com{i}" for i in [*range(1, 10), "¹", "²", "³"]),
    *(f"lpt{i}" for i in [*range(1, 10), "¹", "²", "³"]),
}
MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\x7f]')
# Invisible or reordering characters have no place in a file name: a right-to-left override
# makes `report\u202Excod.exe` display as `reportexe.docx`.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_JOINERS = "\u200c\u200d"  # (non-)joiners are part of Persian, Indic and emoji spellings
_umask_lock = allocate_lock()  # threading.Lock itself, without importing threading (a cold render's millisecond)


_EXCL = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)


def mkstemp(folder: str | Path, prefix: str, suffix: str = ".tmp") -> tuple[int, str]:
    """A new private file `folder/prefix<random>suffix`, opened for writing, as `tempfile.mkstemp`
    makes it (O_EXCL, no link followed, mode 0600) without importing `tempfile`, which costs a
    cold command more than the write itself."""
    for _ in range(100):
        name = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(name, _EXCL, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


MAX_PATH_BYTES = 4000  # PATH_MAX on Linux is 4,096, and the temporary file beside the output needs room

Devices = Literal["refuse", "stream"]


def atomic_write(path: str | Path, data: bytes, *, keep: Inputs | Iterable[str | Path | None] = (),
                 devices: Devices = "refuse") -> None:
    """Write `data` to `path` atomically; raise `DrafterError` if it cannot be done safely.

    `keep` is the run's inputs (`inputs.Inputs`, or the files themselves): writing over one
    of them (`-o spec.yaml`, a hard link to it, `SPEC.YAML` on a case-insensitive disk) is
    refused. A character device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is never
    replaced: with `devices="stream"` the bytes are written into it, as `-o -` writes to
    stdout; otherwise it is refused. See `AtomicFile` for permissions, read-only targets and
    symbolic links.
    """
    target = Path(path)
    where = Location(str(target))
    stream = _check_target(target, where, keep, devices)
    if stream is not None:
        _stream(target, data, where, stream)
        return
    with AtomicFile(target, checked=True) as out:
        out.file.write(data)


class AtomicFile:
    """A file that replaces `path` in one step when it is complete, or never appears.

    Written to a temporary file in the target folder; `commit()` flushes it to disk and renames
    it over `path`; `discard()` (or any exception inside `with`) removes it and leaves `path`
    untouched. A new file gets the usual permissions (0666 less the umask); a replaced file
    keeps its own. A read-only target is refused rather than silently replaced. If `path` is a
    symbolic link, the link itself is replaced: nothing is written where it points. Every
    problem is a `DrafterError` located at `path`.
    """

    def __init__(self, path: str | Path, *, keep: Inputs | Iterable[str | Path | None] = (), checked: bool = False,
                 shown: str | None = None):
        self.path = Path(path)
        self.where = Location(shown or str(self.path))  # `shown`: the path as the user gave it
        if not checked:  # `atomic_write` has checked the target already
            _check_target(self.path, self.where, keep, "refuse")
        self.folder = self.path.parent if str(self.path.parent) else Path(".")
        self.mode = _mode_for(self.path, self.where)
        try:
            fd, self.tmp = mkstemp(self.folder, f".{self.path.name[:40]}.")
        except OSError as exc:
            raise DrafterError.at(self.where, f"cannot write in {str(self.folder)!r}: {exc.strerror}",
                                  hint="choose a folder you can write to") from None
        try:
            self.file: BinaryIO = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            self._remove()
            raise

    def commit(self) -> None:
        """Flush the file to disk and rename it over the target."""
        try:
            self.finish()
        except BaseException as exc:
            self._failed(exc)
            raise

    def finish(self) -> None:
        """As `commit`, but an operating-system error is raised as it is, once the temporary
        file is removed (for a caller with its own message)."""
        try:
            with self.file:
                self.file.flush()
                os.fsync(self.file.fileno())
            os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise
        _fsync_folder(self.folder)

    def discard(self) -> None:
        """Remove the temporary file; the target stays as it was."""
        with contextlib.suppress(OSError):
            self.file.close()
        self._remove()

    def _remove(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)

    def _failed(self, exc: BaseException) -> None:
        """Clean up after `exc`; an operating-system error becomes a located `DrafterError`."""
        self.discard()
        if isinstance(exc, OSError):
            raise DrafterError.at(self.where, f"cannot write file: {exc.strerror}",
                                  hint="check permissions and free space, and close the file if it is open") from None

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is None:
            self.commit()
        else:
            self._failed(exc)


def _check_target(path: Path, where: Location, keep: Inputs | Iterable[str | Path | None],
                  devices: Devices) -> str | None:
    """Refuse every target drafter must not write; the kind of device or FIFO to stream into
    instead of replacing it (only with `devices="stream"`), else None."""
    folder = path.parent if str(path.parent) else Path(".")
    if len(path.name.encode("utf-8", "surrogateescape")) > 255 or "\x00" in str(path):
        raise DrafterError.at(where, "output file name is too long or holds a NUL character",
                              hint="choose a shorter name")
    if len(os.fsencode(os.path.abspath(path))) > MAX_PATH_BYTES:
        raise DrafterError.at(where, f"output path is longer than {MAX_PATH_BYTES:,} bytes",
                              hint="choose a shorter path, or fewer folders")
    inputs = keep if isinstance(keep, Inputs) else Inputs.of(keep)
    source = inputs.clash(path)
    if source is not None:
        raise DrafterError.at(where, f"output would overwrite the input file {source!r}",
                              hint="choose another -o path")
    kind = special_kind(path)
    if kind is not None:
        if devices == "stream" and kind in ("character device", "FIFO"):
            return kind
        raise DrafterError.at(where, f"output path is a {kind}, not a regular file; drafter "
                              "never replaces it", hint="give a file name")
    if os.path.isdir(path):  # os.path: False, not an exception, for names the system refuses
        raise DrafterError.at(where, "output path is a folder", hint="give a file name, e.g. submission.docx")
    if not os.path.isdir(folder):
        raise DrafterError.at(where, f"output folder {str(folder)!r} does not exist",
                              hint="create it first, or choose another -o path")
    return None


def refuse_inputs(path: str | Path, keep: Inputs | Iterable[str | Path | None]) -> None:
    """Raise `DrafterError` if `path` is one of the run's input files (`-o spec.yaml`).

    `atomic_write` asks this itself; the CLI asks it first too, so that writing over an input
    is the problem reported, before anything about the output's name or format.
    """
    inputs = keep if isinstance(keep, Inputs) else Inputs.of(keep)
    source = inputs.clash(Path(path))
    if source is not None:
        raise DrafterError.at(Location(str(path)), f"output would overwrite the input file {source!r}",
                              hint="choose another -o path")


def special_kind(path: Path) -> str | None:
    """What `path` is if it is not a regular file, a folder or nothing: the kinds of file
    drafter must never replace. `/dev/stdout` and `/dev/fd/1` are links into /proc that stand
    for a stream, whatever the stream is."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if stat.S_ISCHR(st.st_mode):
        return "character device"
    if stat.S_ISFIFO(st.st_mode):
        return "FIFO"
    if stat.S_ISBLK(st.st_mode):
        return "block device"
    if stat.S_ISSOCK(st.st_mode):
        return "socket"
    with contextlib.suppress(OSError, ValueError):
        if os.path.islink(path) and os.path.realpath(path).startswith(("/proc/", "/dev/fd/")) \
                and stat.S_ISREG(st.st_mode):
            return "character device"  # /dev/stdout redirected to a file: stream into it
    return None


def _stream(path: Path, data: bytes, where: Location, kind: str) -> None:
    """Write `data` into a device or FIFO, as `-o -` writes to stdout. A FIFO nobody reads
    is refused at once rather than waited on for ever."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    try:
        if kind == "FIFO":
            fd = os.open(path, flags | os.O_NONBLOCK)
            os.set_blocking(fd, True)
        else:
            fd = os.open(path, flags | (os.O_APPEND if stat.S_ISREG(os.stat(path).st_mode) else 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise DrafterError.at(where, "no program is reading from this FIFO",
                                  hint="start the reader first, or give a file name") from None
        raise DrafterError.at(where, f"cannot write to the {kind}: {exc.strerror}",
                              hint="give a file name") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise DrafterError.at(where, f"cannot write to the {kind}: {exc.strerror}",
                              hint="give a file name") from None
    finally:
        os.close(fd)


def _mode_for(path: Path, where: Location) -> int:
    """Permissions for the new file: the replaced file's, or 0666 less the umask."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return 0o666 & ~_umask()
    if stat.S_ISREG(info.st_mode):
        if not os.access(path, os.W_OK):
            raise DrafterError.at(where, "output file is read-only",
                                  hint="make it writable, or choose another -o path")
        return stat.S_IMODE(info.st_mode)
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _umask_lock:  # elsewhere: set and restore at once
        current = os.umask(0o022)
        os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, as Windows cannot open folders."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def safe_name(name: str) -> str:
    """A file name that is safe on Windows, macOS and Linux and stays inside its folder.

    Path separators, control, invisible and reserved characters become `_`; leading dots and
    trailing dots/spaces are removed; reserved Windows device names (`CON`, `aux.docx`,
    `COM¹`) get a `_` after the stem; the name is NFC-normalised and cut, on a character
    boundary that keeps accents with their letters, to a byte length every file system
    accepts. Case collisions (`A.md`/`a.md`) are for the caller, who sees all the names.
    """
    name = unicodedata.normalize("NFC", name)
    name = "".join("_" if unicodedata.category(ch) in _HIDDEN_CATEGORIES and ch not in _JOINERS else ch for ch in name)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = _trim(name)
    name = _cut(name, MAX_NAME_BYTES)
    stem, dot, ext = name.partition(".")
    if stem.rstrip(" ").lower() in WINDOWS_RESERVED:
        name = f"{stem}_{dot}{ext}"
    return name


def _trim(name: str) -> str:
    name = name.strip().strip(".").strip()
    return name or "_"


def _cut(name: str, limit: int) -> str:
    """`name` in at most `limit` UTF-8 bytes, keeping its extension and whole characters."""
    if len(name.encode("utf-8")) <= limit:
        return name
    suffix = Path(name).suffix
    if len(suffix.encode("utf-8")) > 20:
        suffix = ""
    room = limit - len(suffix.encode("utf-8"))
    head = name[: len(name) - len(suffix)] if suffix else name
    cut = len(head.encode("utf-8")[:room].decode("utf-8", "ignore"))
    # do not split a letter from its accents, or an emoji from its joiner and modifiers
    while 0 < cut < len(head) and _continues(head, cut):
        cut -= 1
    return _trim(head[:cut] + suffix)


def _continues(text: str, i: int) -> bool:
    """True if the character at `i` belongs to the character before it."""
    ch, before = text[i], text[i - 1]
    return (
        unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or ch in ("\u200d", "\ufe0e", "\ufe0f")
        or before == "\u200d"
        or 0x1F3FB <= ord(ch) <= 0x1F3FF
    )
