"""`drafter batch`: every variant of a batch file, in parallel, with a manifest."""

from __future__ import annotations

import sys

import click

from drafter.cli.group import main


@main.command()
@click.argument("batch_file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output-dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the outputs and manifest.json.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes (default: every CPU this process may use).",
)
@click.option(
    "--shard",
    default=None,
    metavar="K/N",
    help="Render only the K-th of N deterministic shares of the variants (variant i when i % N == K-1).",
)
@click.option("--dry-run", is_flag=True, help="List the planned outputs and write nothing.")
def batch(batch_file: str, output_dir: str, jobs: int | None, shard: str | None, dry_run: bool) -> None:
    """Render every variant of a batch file into a folder, with manifest.json.

    Every variant is expanded and checked before anything is written; invalid variants are
    named and skipped (exit 2), the others are still written. The format of a batch file:
    `drafter help batch`.
    """
    from drafter.batch import run_batch

    code = run_batch(
        batch_file,
        output_dir,
        jobs=jobs,
        shard=shard,
        dry_run=dry_run,
        echo=lambda s: click.echo(s, err=True),
        out=click.echo,
        progress=sys.stderr if sys.stderr.isatty() else None,
    )
    if code:
        sys.exit(code)
