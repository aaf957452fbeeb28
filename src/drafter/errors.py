"""One error family for the whole program.

Every problem a user can fix is a `DrafterError` carrying where it is (`file:line:col`), the
key path inside the document, what is wrong and how to fix it. The CLI maps the family to exit
codes in one place (`cli/group.py`); nothing here knows about Click.

A few members are raised where the place is not yet known and are placed by their caller with
`DrafterError.relocated`: `batch.naming.PatternError` and `FillError` (output patterns),
`spec.overrides.OverrideConflict` (a variant's override), and
`writers.markdown.loader.TemplateRefused` (a user template). Anything else that escapes is a
bug in drafter, reported as such (exit code `EXIT_INTERNAL`); `InternalError` names the bugs
drafter catches in itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, TypeVar

from msgspec import Struct
from msgspec.structs import replace

Severity = Literal["error", "warning"]

# Exit codes, named once: the CLI (`cli/group.py`) and `drafter batch` exit with these.
EXIT_OK = 0
EXIT_INTERNAL = 1  # a bug in drafter
EXIT_BAD_INPUT = 2  # bad input, every problem located
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)


class Location(Struct, frozen=True):
    """A place in an input file; line and column are 1-based, None when unknown.

    In a spreadsheet, line and column are the cell's row and column as a spreadsheet program
    numbers them; `cell` is the reference an .xlsx user looks for (`Sheet1!C7`) and, when
    set, is shown instead of `line:col`.
    """

    file: str
    line: int | None = None
    col: int | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.cell is not None:
            return f"{self.file}:{self.cell}"
        if self.line is None:
            return self.file
        if self.col is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.col}"


UNPLACED = Location("<unplaced>")
"""The location of a problem raised where the place is not known; see `DrafterError.relocated`."""


class Problem(Struct, frozen=True):
    """One thing wrong with an input: an error, or a warning that `--strict` makes an error."""

    location: Location
    message: str
    path: str = ""
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        parts = [cap(str(self.location))]
        if self.path:
            parts.append(cap(self.path))
        text = ": ".join(parts) + ": "
        if self.severity == "warning":
            text += "warning: "
        text += cap(self.message)
        if self.hint:
            text += f" ({cap(self.hint)})"
        return one_line(text)

    @property
    def is_error(self) -> bool:
        """Whether this problem stops the run (warnings do only with `--strict`)."""
        return self.severity == "error"


MAX_SHOWN = 1000  # characters of one piece of a problem line (location, path, message, hint)


def cap(text: str, limit: int = MAX_SHOWN) -> str:
    """`text`, its middle left out if it is over `limit` characters.

    A problem echoes what the user wrote (an id, a key, a path); a pasting accident can make
    that a megabyte, which would bury the terminal and the log. The start and the end stay, so
    the line still says where and what.
    """
    if len(text) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 4
    return f"{text[:head]}… [{len(text) - head - tail:,} characters left out] …{text[-tail:]}"


def one_line(text: str) -> str:
    """`text` as one printable line: line breaks, control and direction characters escaped.

    A problem quotes user input (keys, ids, paths); a newline in it must not split the
    located line, and a right-to-left override must not reorder it in the terminal.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


_E = TypeVar("_E", bound="DrafterError")


class DrafterError(Exception):
    """Bad input the user can fix: exit code 2, one located line per problem."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, problems: Problem | Sequence[Problem]):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls: type[_E], location: Location | str, message: str, *, path: str = "", hint: str = "") -> _E:
        """Shorthand for an error with a single problem."""
        if isinstance(location, str):
            location = Location(location)
        return cls(Problem(location, message, path=path, hint=hint))

    def relocated(self, location: Location, *, prefix: str = "", path: str | None = None,
                  hint: str | None = None) -> DrafterError:
        """This error's problems placed at `location`, for an error raised where the place was unknown.

        (`UNPLACED` marks such an error: a pattern, override or template problem is found deep
        inside code that does not know which line of which file asked for it.)
        """
        return DrafterError([
            replace(p, location=location, message=prefix + p.message,
                    path=p.path if path is None else path, hint=p.hint if hint is None else hint)
            for p in self.problems
        ])


class InternalError(Exception):
    """A bug drafter detects in itself (e.g. the studio's saved spec would not read back): never
    the user's input. Like any other unexpected exception it exits with `EXIT_INTERNAL`."""

    exit_code = EXIT_INTERNAL


def raise_if_errors(problems: Iterable[Problem]) -> None:
    """Raise one `DrafterError` holding every error-severity problem, if there is any."""
    errors = [p for p in problems if p.is_error]
    if errors:
        raise DrafterError(errors)
