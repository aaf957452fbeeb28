"""The `drafter` command group and the one place errors become exit codes.

Every command imports what it needs inside its body, so `drafter --help` loads only Click.
`DrafterGroup.invoke` runs every command (subgroups included) and maps the error family to exit
codes: bad input (`DrafterError`) prints one `file:line:col: …` line per problem and exits
`EXIT_BAD_INPUT`; Ctrl-C exits `EXIT_INTERRUPTED`; anything else is a bug and exits
`EXIT_INTERNAL` with a short message (set DRAFTER_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from drafter.errors import Problem
    from drafter.library.model import Library

LIBRARY_OPTION = click.option(
    "--library",
    "libraries",
    multiple=True,
    metavar="FILE_OR_DIR",
    help="A user library file or folder, loaded beside the built-in one (repeatable).",
)


class WholeHelpGroup(click.Group):
    """A group whose `--help` lists each command with its whole first sentence (Click cuts it
    at the terminal's width minus the longest name, which leaves "Render every variant of a
    batch file into a folder, with...")."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class DrafterGroup(WholeHelpGroup):
    """A Click group whose commands' errors are reported and mapped to exit codes here, once."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        safe_streams()
        return super().main(*args, **kwargs)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        """Ctrl-C while the arguments are parsed exits 130 like one during a command (Click's
        own answer is "Aborted!" and exit 1)."""
        from drafter.errors import EXIT_INTERRUPTED

        try:
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing was written", err=True)
            sys.exit(EXIT_INTERRUPTED)

    def invoke(self, ctx: click.Context) -> Any:
        from drafter.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, DrafterError

        try:
            return super().invoke(ctx)
        except DrafterError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            if len(exc.problems) > 1:
                click.echo(f"{len(exc.problems)} problems; nothing was written.", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing half-written was left behind", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into exit 1
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
            click.echo("this is a bug in drafter; rerun with DRAFTER_DEBUG=1 for details and report it", err=True)
            sys.exit(EXIT_INTERNAL)


@click.group(cls=DrafterGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafter")
def main() -> None:
    """Draft bilingual written submissions to UN consultations from the sources' own words."""


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
        click.echo(str(w), err=True)


def write_stdout(data: bytes) -> None:
    """Write bytes to stdout unchanged: `-o -` for every command (Click 8.5 deprecates
    `click.get_binary_stream`). Text already echoed is flushed first so the order holds."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
