"""What every command does at the terminal, without Click: safe streams, a message line,
warnings, bytes to stdout, and the one place errors become exit codes.

Click-free so that the fast path of `drafter render` (`cli/fast.py`) shares it with the Click
commands: the same messages and exit codes whichever way a command was parsed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, TypeVar

if TYPE_CHECKING:
    from drafter.errors import Problem
    from drafter.library.model import Library

T = TypeVar("T")
_UNICODE = ("utf-8", "utf8", "utf-16", "utf-32", "utf_8", "utf_16", "utf_32")


def safe_streams() -> None:
    """Output never fails on a character the stream's encoding lacks (`PYTHONIOENCODING=cp1252`,
    a Windows code page): stdout carries data (library text, a rendered submission, JSON),
    so it is switched to UTF-8 and nothing is lost; stderr carries messages for a person at
    that terminal, so it keeps its encoding and escapes what it cannot show (`\\u4e2d`)."""
    for name, fix in (("stdout", {"encoding": "utf-8"}), ("stderr", {"errors": "backslashreplace"})):
        stream = getattr(sys, name, None)
        encoding = (getattr(stream, "encoding", None) or "").lower()
        if stream is None or encoding.replace("-", "_").startswith(tuple(e.replace("-", "_") for e in _UNICODE)):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # already written to: leave it
                reconfigure(**fix)


def echo(message: str) -> None:
    """One line for the person at the terminal, on stderr (stdout is for data)."""
    stream = sys.stderr
    if stream is not None:
        stream.write(message + "\n")
        stream.flush()


def load_library(libraries: Sequence[str]) -> Library:
    """The built-in library plus the user libraries given with --library."""
    from drafter.library.load import load_library as load

    return load(libraries)


def print_warnings(warnings: Sequence[Problem], strict: bool) -> None:
    """Print a spec's warnings; with --strict they are errors instead."""
    from drafter.errors import DrafterError, Problem

    if strict and warnings:
        raise DrafterError(
            [
                Problem(w.location, w.message, w.path, w.hint + " [--strict]" if w.hint else "[--strict]")
                for w in warnings
            ]
        )
    for w in warnings:
        echo(str(w))


def write_stdout(data: bytes) -> None:
    """Write bytes to stdout unchanged: `-o -` for every command (Click 8.5 deprecates
    `click.get_binary_stream`). Text already echoed is flushed first so the order holds."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def interrupted(message: str) -> NoReturn:
    """Ctrl-C (or SIGTERM where a command turns it into one): `message`, and exit
    `EXIT_INTERRUPTED` — while a command runs (`reported`) or while Click parses its arguments."""
    from drafter.errors import EXIT_INTERRUPTED  # here: `--help` must not import the error family

    echo(message)
    sys.exit(EXIT_INTERRUPTED)


def reported(work: Callable[[], T], passthrough: tuple[type[BaseException], ...] = ()) -> T:
    """Run a command's work and map the error family to exit codes, once for every command: bad
    input (`DrafterError`) prints one `file:line:col: …` line per problem and exits
    `EXIT_BAD_INPUT`; Ctrl-C exits `EXIT_INTERRUPTED`; anything else is a bug and exits
    `EXIT_INTERNAL` with a short message (set DRAFTER_DEBUG=1 for the traceback).
    `passthrough` are the parser's own exceptions (Click's exits and usage errors)."""
    from drafter.errors import EXIT_INTERNAL, DrafterError

    try:
        return work()
    except DrafterError as exc:
        for problem in exc.problems:
            echo(str(problem))
        if len(exc.problems) > 1:
            echo(f"{len(exc.problems)} problems; nothing was written.")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        interrupted("interrupted; nothing half-written was left behind")
    except passthrough:
        raise
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into exit 1
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        echo(f"internal error: {type(exc).__name__}: {exc}")
        echo("this is a bug in drafter; rerun with DRAFTER_DEBUG=1 for details and report it")
        sys.exit(EXIT_INTERNAL)
