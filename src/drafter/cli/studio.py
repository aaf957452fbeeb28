"""`drafter studio`: the browser app (docs/studio.md), an optional extra.

Only parses the options, checks the extra is installed (without importing it, so `--help`
stays light) and hands over to `drafter.studio.server`.
"""

from __future__ import annotations

import click

from drafter.cli.group import LIBRARY_OPTION, main


@main.command()
@click.argument("spec", required=False, type=click.Path(dir_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.option("--no-browser", is_flag=True, help="Only print the address; do not open a browser.")
@LIBRARY_OPTION
def studio(spec: str | None, port: int, no_browser: bool, libraries: tuple[str, ...]) -> None:
    """Pick, edit and preview a submission in the browser (needs `pip install 'drafter[studio]'`).

    Opens SPEC (default: submission.yaml here, created on the first save). The first line
    printed is the address with this run's token; only this machine can connect. See
    docs/studio.md.
    """
    from drafter.errors import DrafterError
    from drafter.studio import INSTALL_HINT, missing

    lacking = missing()
    if lacking:
        raise DrafterError.at("drafter studio", f"the studio needs {', '.join(lacking)}, which is not installed",
                              hint=f"install it with: {INSTALL_HINT}")
    from drafter.studio.server import serve

    serve(spec or "submission.yaml", port=port, open_browser=not no_browser, libraries=libraries,
          out=click.echo, err=lambda s: click.echo(s, err=True))
