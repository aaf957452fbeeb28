"""The `drafter` command line: parse arguments, call the library API, print.

Every command imports what it needs inside its body, so `drafter --help` loads only Click.
Errors are mapped to exit codes in one place (`_run`): bad input (`DrafterError`) prints one
`file:line:col: …` line per problem and exits 2; anything else is a bug and exits 1 with a short
message (set DRAFTER_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

T = TypeVar("T")

LIBRARY_OPTION = click.option(
    "--library",
    "libraries",
    multiple=True,
    metavar="FILE_OR_DIR",
    help="A user library file or folder, loaded beside the built-in one (repeatable).",
)


def _run(fn: Callable[[], T]) -> T:
    """Run a command body, mapping the error family to exit codes."""
    from drafter.errors import DrafterError

    try:
        return fn()
    except DrafterError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        if len(exc.problems) > 1:
            click.echo(f"{len(exc.problems)} problems; nothing was written.", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted; nothing half-written was left behind", err=True)
        sys.exit(130)
    except (click.exceptions.Exit, click.ClickException, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into exit 1
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("this is a bug in drafter; rerun with DRAFTER_DEBUG=1 for details and report it", err=True)
        sys.exit(1)


def _print_warnings(warnings: Any, strict: bool) -> None:
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafter")
def main() -> None:
    """Draft bilingual written submissions to UN consultations from agreed language."""


# -- library -----------------------------------------------------------------------------


@main.group()
def library() -> None:
    """Browse the commitment library: list, show, search, sources, themes, check."""


def _load(libraries: tuple[str, ...]) -> Any:
    from drafter.library import load_library

    return load_library(libraries)


@library.command("list")
@click.option("--source", help="Only items of this source (see `drafter library sources`).")
@click.option("--theme", help="Only items on this theme (see `drafter library themes`).")
@click.option("--kind", help="Only items of this kind (core-principle, key-commitment, …).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LIBRARY_OPTION
def library_list(source: str | None, theme: str | None, kind: str | None, fmt: str, libraries: tuple[str, ...]) -> None:
    """List library items."""

    def body() -> None:
        from drafter import present
        from drafter.checks import suggest
        from drafter.errors import DrafterError
        from drafter.library import KINDS

        lib = _load(libraries)
        for value, known, what in (
            (source, lib.sources, "source"),
            (theme, lib.theme_keys, "theme"),
            (kind, KINDS, "kind"),
        ):
            if value and value not in known:
                raise DrafterError.at(f"--{what}", f"unknown {what} {value!r}", hint=suggest(value, known, what + "s"))
        items = lib.select(source=source, theme=theme, kind=kind)
        click.echo(present.items_json(items) if fmt == "json" else present.items_table(items), nl=False)

    _run(body)


@library.command("show")
@click.argument("item_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LIBRARY_OPTION
def library_show(item_id: str, fmt: str, libraries: tuple[str, ...]) -> None:
    """Show one item in every language, with its source and reference."""

    def body() -> None:
        import json

        from drafter import present

        lib = _load(libraries)
        item = lib.get(item_id)
        if fmt == "json":
            click.echo(json.dumps(present.item_json(item), ensure_ascii=False, indent=2))
        else:
            click.echo(present.item_card(lib, item), nl=False)

    _run(body)


@library.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@LIBRARY_OPTION
def library_search(query: tuple[str, ...], limit: int, libraries: tuple[str, ...]) -> None:
    """Search item text, titles, tags and ids in English and Chinese (all terms must match)."""

    def body() -> None:
        from drafter import present
        from drafter.search import search

        lib = _load(libraries)
        click.echo(present.hits_text(lib, search(lib, " ".join(query), limit)), nl=False)

    _run(body)


@library.command("sources")
@LIBRARY_OPTION
def library_sources(libraries: tuple[str, ...]) -> None:
    """List the source documents."""

    def body() -> None:
        from drafter.present import sources_text

        click.echo(sources_text(_load(libraries)), nl=False)

    _run(body)


@library.command("themes")
@LIBRARY_OPTION
def library_themes(libraries: tuple[str, ...]) -> None:
    """List the frameworks' themes and sections."""

    def body() -> None:
        from drafter.present import themes_text

        click.echo(themes_text(_load(libraries)), nl=False)

    _run(body)


@library.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True))
def library_check(files: tuple[str, ...]) -> None:
    """Check unofficial translations against the terminology glossary.

    With no FILES, checks the built-in library and that every glossary pair is attested in the
    official texts; with FILES (user library files or folders), checks the items of those files
    (loaded beside the built-in library). Each violation is printed as
    `file:line:col: <item id>: <term> is not rendered as …`; exit code 2 if there is any.
    """

    def body() -> None:
        from drafter.errors import DrafterError
        from drafter.glossary import check_provenance, check_translations, load_glossary

        lib = _load(files)
        glossary = load_glossary()
        targets = list(lib.items.values())
        if files:
            targets = [i for i in targets if i.location.file in lib.user_files]
        problems = check_translations(targets, glossary)
        if not files:
            problems += check_provenance(glossary, lib.items)
        checked = sum(1 for i in targets if i.unofficial)
        if problems:
            raise DrafterError(problems)
        enforced = sum(1 for t in glossary if t.check)
        click.echo(
            f"ok: {checked} of {len(targets)} items have unofficial translations, all follow the glossary "
            f"({len(glossary)} terms, {enforced} enforced)"
        )

    _run(body)


# -- specs -------------------------------------------------------------------------------


@main.command()
@click.option("--source", help="Pre-fill the spec with every item of this source, by theme.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def init(source: str | None, output: str | None) -> None:
    """Print a commented starter spec."""

    def body() -> None:
        from drafter.output import atomic_write
        from drafter.starter import starter_spec

        text = starter_spec(_load(()), source)
        if output and output != "-":
            if os.path.lexists(output):
                from drafter.errors import DrafterError

                raise DrafterError.at(output, "file exists", hint="choose another name; init never overwrites")
            atomic_write(output, text.encode("utf-8"))
            click.echo(f"wrote {output}", err=True)
        else:
            click.echo(text, nl=False)

    _run(body)


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@LIBRARY_OPTION
def validate(spec: str, strict: bool, libraries: tuple[str, ...]) -> None:
    """Check a spec; print every problem with file:line:col."""

    def body() -> None:
        from drafter.spec import load_spec

        loaded, _ = load_spec(spec, extra_libraries=libraries)
        _print_warnings(loaded.warnings, strict)
        count = (
            sum(len(s) for t in loaded.themes for s in t.sections.values()) + len(loaded.preamble) + len(loaded.closing)
        )
        click.echo(
            f"ok: {spec}: {count} paragraphs in {len(loaded.themes)} themes, languages {', '.join(loaded.languages)}"
        )

    _run(body)


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default="docx", show_default=True)
@click.option(
    "-o", "--output", help="Output file; `-` for stdout. Default: the spec's name with the format's extension."
)
@click.option(
    "--templates", type=click.Path(file_okay=False), help="Folder of Markdown templates overriding the built-in ones."
)
@click.option(
    "--reference-doc", type=click.Path(dir_okay=False), help="A .docx whose styles, page setup and letterhead to use."
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@LIBRARY_OPTION
def render(
    spec: str,
    fmt: str,
    output: str | None,
    templates: str | None,
    reference_doc: str | None,
    strict: bool,
    libraries: tuple[str, ...],
) -> None:
    """Render a spec to a DOCX or Markdown submission."""

    def body() -> None:
        from drafter.output import atomic_write
        from drafter.render import default_name
        from drafter.render import render as render_bytes
        from drafter.resolve import resolve
        from drafter.spec import load_spec

        loaded, lib = load_spec(spec, extra_libraries=libraries)
        _print_warnings(loaded.warnings, strict)
        sub = resolve(loaded, lib)
        data = render_bytes(
            sub,
            fmt,
            templates=Path(templates) if templates else None,
            reference_doc=Path(reference_doc) if reference_doc else None,
        )
        if output == "-":
            click.echo(data, nl=False)  # bytes go to stdout's binary buffer, unchanged
            return
        target = output or default_name(spec, fmt)
        atomic_write(target, data, keep=(spec, reference_doc, sub.options.reference_doc, *lib.files))
        click.echo(f"wrote {target} ({len(data):,} bytes)", err=True)

    _run(body)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the spec (for editors' completion and checking)."""

    def body() -> None:
        import json

        from drafter.schema import spec_schema

        click.echo(json.dumps(spec_schema(_load(())), ensure_ascii=False, indent=2))

    _run(body)


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
    named and skipped (exit 2), the others are still written. See docs/batch.md.
    """

    def body() -> None:
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

    _run(body)


if __name__ == "__main__":  # pragma: no cover
    main()
