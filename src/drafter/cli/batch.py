"""`drafter batch`: every variant of a batch file, in parallel, with a manifest; and
`drafter batch merge`, which joins the manifests of `--shard K/N` runs."""

from __future__ import annotations

import sys

import click

from drafter.cli.group import WholeHelpGroup, main


class BatchGroup(WholeHelpGroup):
    """`drafter batch FILE …` runs a batch (the `run` subcommand, implied); `drafter batch merge …`
    joins shard manifests. A batch file literally named `merge` is `drafter batch run merge`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@main.group(cls=BatchGroup)
def batch() -> None:
    """Render every variant of a batch file into a folder, with manifest.json.

    `drafter batch FILE -o DIR` is short for `drafter batch run FILE -o DIR`; `drafter batch
    merge` joins the manifests of `--shard K/N` runs. The format of a batch file: `drafter
    help batch`.
    """


@batch.command("merge")
@click.argument("manifests", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The merged manifest.")
def merge(manifests: tuple[str, ...], output: str) -> None:
    """Join the manifest.K-of-N.json files of every shard 1..N of one batch run into one manifest.

    Refuses (exit 2, each problem located) manifests of different batch files, bases, formats or
    shard counts, and a shard given twice or missing.
    """
    from drafter.batch.merge import merge_files

    summary = merge_files(manifests, output)
    click.echo(f"merged {len(manifests)} shard manifests: {summary['variants']} variants "
               f"({summary['ok']} ok, {summary['failed']} failed, {summary['skipped']} skipped, "
               f"{summary['interrupted']} interrupted), {summary['files']} files -> {output}")


@batch.command("run")
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
def run(batch_file: str, output_dir: str, jobs: int | None, shard: str | None, dry_run: bool) -> None:
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
