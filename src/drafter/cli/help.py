"""`drafter help [TOPIC]`: the user documentation, from the installed package.

A pip user has no checkout, so `--help` texts point here rather than at `docs/…` paths; the
wheel carries `docs/*.md` (setup.py), a checkout reads its `docs/` folder.
"""

from __future__ import annotations

import click

from drafter.cli.group import main


@main.command("help")
@click.argument("topic", required=False)
def help_(topic: str | None) -> None:
    """Show a page of the documentation: spec, batch, library, refusals, architecture."""
    from drafter.errors import DrafterError
    from drafter.load.checks import suggest
    from drafter.paths import docs_dir

    pages = {p.stem: p for p in sorted(docs_dir().glob("*.md"))}
    if topic is None:
        click.echo("Topics (drafter help TOPIC):")
        for name, page in pages.items():
            first = next((line.lstrip("# ").strip() for line in page.read_text(encoding="utf-8").splitlines()
                          if line.strip()), "")
            click.echo(f"  {name:<14}{first}")
        return
    chosen = pages.get(topic)
    if chosen is None:
        raise DrafterError.at("<command line> help", f"no help topic {topic!r}",
                              hint=suggest(topic, pages, "topics"))
    click.echo(chosen.read_text(encoding="utf-8"), nl=False)
