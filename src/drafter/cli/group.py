"""The `drafter` command group, the options several commands share, and its help layout.

Every command imports what it needs inside its body, so `drafter --help` loads only Click.
`DrafterGroup.invoke` runs every command (subgroups included) through `console.reported`, the
one place the error family becomes exit codes (the render fast path goes through it too).
"""

from __future__ import annotations

from typing import Any

import click

from drafter.cli.console import interrupted, safe_streams

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
        try:
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt:
            interrupted("interrupted; nothing was written")

    def invoke(self, ctx: click.Context) -> Any:
        from drafter.cli.console import reported

        return reported(lambda: super(DrafterGroup, self).invoke(ctx),
                        passthrough=(click.exceptions.Exit, click.ClickException, click.exceptions.Abort))


@click.group(cls=DrafterGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafter")
def main() -> None:
    """Draft bilingual written submissions to UN consultations from the sources' own words."""
