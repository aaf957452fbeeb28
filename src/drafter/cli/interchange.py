"""`drafter export` (XLIFF for translators) and `drafter library export` (TMX): docs/interchange.md.

The XLIFF reader is `drafter import FILE.xlf` (chosen by `interchange/imports.py`).
"""

from __future__ import annotations

import click

from drafter.cli.console import print_warnings, write_stdout
from drafter.cli.group import LIBRARY_OPTION, main
from drafter.cli.library import library


def _write(output: str, data: bytes, keep: tuple[str | None, ...]) -> None:
    from drafter.files import atomic_write

    if output == "-":
        write_stdout(data)
        return
    atomic_write(output, data, keep=keep)
    click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)


@main.command("export")
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["xliff"]), default="xliff", show_default=True)
@click.option("--to", "target", required=True, metavar="LANG", help="The language to translate into (e.g. fr).")
@click.option("-o", "--output", required=True, help="The .xlf file to write (`-` for stdout).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@LIBRARY_OPTION
def export_command(spec: str, fmt: str, target: str, output: str, strict: bool, libraries: tuple[str, ...]) -> None:
    """Export a submission's paragraphs as XLIFF 2.1 for a translator's CAT tool.

    One unit per paragraph from the submission's first language into LANG, with the text in
    LANG wherever it already exists; bring the translation back with `drafter import FILE.xlf`.
    """
    from drafter.document.resolve import resolve
    from drafter.interchange.xliff import check_target, xliff_bytes
    from drafter.spec.load import load_spec

    loaded, lib = load_spec(spec, extra_libraries=libraries)
    print_warnings(loaded.warnings, strict)
    sub = resolve(loaded, lib)
    check_target(sub, target)
    _write(output, xliff_bytes(sub, lib, target, spec), (spec, *lib.files))


@library.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("-o", "--output", required=True, help="The .tmx file to write (`-` for stdout).")
@LIBRARY_OPTION
def library_export(fmt: str, output: str, libraries: tuple[str, ...]) -> None:
    """Export the library (built-in and user) as a TMX 1.4b translation memory."""
    from drafter.cli.console import load_library
    from drafter.interchange.tmx import tmx_bytes

    lib = load_library(libraries)
    _write(output, tmx_bytes(lib), tuple(lib.files))
