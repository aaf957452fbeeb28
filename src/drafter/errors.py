"""One error family for the whole program.

Every problem a user can fix is a `DrafterError` carrying where it is (`file:line:col`), the
key path inside the document, what is wrong and how to fix it. The CLI maps the family to exit
codes in one place (`cli/group.py`); nothing here knows about Click.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Exit codes, named once: the CLI (`cli/group.py`) and `drafter batch` exit with these.
EXIT_OK = 0
EXIT_INTERNAL = 1  # a bug in drafter
EXIT_BAD_INPUT = 2  # bad input, every problem located
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)


@dataclass(frozen=True)
class Location:
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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: an error, or a warning that `--strict` makes an error."""

    location: Location
    message: str
    path: str = ""
    hint: str = ""
    severity: str = "error"

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


class DrafterError(Exception):
    """Bad input the user can fix: exit code 2, one located line per problem."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, problems: Problem | Sequence[Problem]):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, location: Location | str, message: str, *, path: str = "", hint: str = "") -> DrafterError:
        """Shorthand for an error with a single problem."""
        if isinstance(location, str):
            location = Location(location)
        return cls(Problem(location, message, path=path, hint=hint))


class InternalError(Exception):
    """A bug in drafter, not in the input: exit code 1."""

    exit_code = EXIT_INTERNAL


def raise_if_errors(problems: Iterable[Problem]) -> None:
    """Raise one `DrafterError` holding every error-severity problem, if there is any."""
    errors = [p for p in problems if p.is_error]
    if errors:
        raise DrafterError(errors)
