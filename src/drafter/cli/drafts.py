"""The commands that read drafts back: `drafter trace` and `drafter import` (and search --like).

Thin like the rest of the CLI: parse, call `drafter.drafts`, print; errors become exit codes in
`group.py`. `print_like` serves `library search --like` (in `library.py`).
"""

from __future__ import annotations

import sys

import click

from drafter.cli.console import write_stdout
from drafter.cli.group import LIBRARY_OPTION, main

TRACE_FORMATS = ("table", "json", "html", "docx")
FRAMEWORK_OPTION = click.option(
    "--framework", help="The draft's framework: a built-in key (drafter library frameworks) or a framework "
    "file. Default: detected from the draft's headings (docs/trace.md).")


def _default_output(draft: str, fmt: str) -> str:
    from pathlib import Path  # not at the top: `drafter --help` imports this module
    return Path(draft).stem + (".trace.html" if fmt == "html" else ".trace.docx")


@main.command("trace")
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(TRACE_FORMATS), default="table", show_default=True)
@click.option(
    "-o",
    "--output",
    help="Write here (`-` for stdout). Default: stdout for table and json; "
    "DRAFT.trace.html / DRAFT.trace.docx in the current folder for html and docx.",
)
@click.option("--redline", is_flag=True,
              help="docx: also rewrite each edited paragraph as the library's words with the draft's "
              "changes as Word tracked changes.")
@FRAMEWORK_OPTION
@LIBRARY_OPTION
def trace_command(draft: str, fmt: str, output: str | None, redline: bool, framework: str | None,
                  libraries: tuple[str, ...]) -> None:
    """Say where each paragraph of a draft comes from: verbatim, edited or new.

    DRAFT is a .docx (any Word file), .md or .txt file in English, Chinese or both. Headings,
    the masthead and drafter's own notes are recognised and left out. See docs/trace.md.
    """
    import json
    from pathlib import Path  # not at the top: `drafter --help` imports this module

    from drafter.drafts import report
    from drafter.drafts.api import trace_file
    from drafter.drafts.trace import to_json
    from drafter.files import atomic_write

    if redline and fmt != "docx":
        raise click.UsageError("--redline needs --format docx")
    read, result = trace_file(draft, libraries, framework)
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    target = output or (None if fmt in ("table", "json") else _default_output(draft, fmt))
    if fmt == "table":
        color = target is None and sys.stdout.isatty()
        data = report.table(result, color=color).encode("utf-8")
    elif fmt == "json":
        data = (json.dumps(to_json(result, draft), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    elif fmt == "html":
        data = report.report_html(result, Path(draft).name).encode("utf-8")
    else:
        from drafter.drafts.annotate import annotate

        data = annotate(read, result, Path(draft).read_bytes() if read.kind == "docx" else None, redline=redline)
    if target is None or target == "-":
        write_stdout(data)
        return
    atomic_write(target, data, keep=(draft, *libraries))
    s = result.summary()
    click.echo(
        f"wrote {target}: {len(result.paragraphs)} paragraphs, {s['verbatim']} verbatim, "
        f"{s['edited']} edited, {s['new']} new",
        err=True,
    )


def print_like(text: str | None, file: str | None, limit: int, libraries: tuple[str, ...]) -> None:
    """`library search --like`: ranked items, each with its score, reference and difference."""
    from pathlib import Path  # not at the top: `drafter --help` imports this module

    from drafter.drafts.api import like
    from drafter.drafts.report import _inline_diff
    from drafter.drafts.text import decode
    from drafter.errors import DrafterError, Location

    where = "--like"
    if file is not None:
        from drafter.drafts.read import check_file

        check_file(Path(file), Location(file))
        try:
            text = decode(Path(file).read_bytes(), Location(file))
        except OSError as exc:
            raise DrafterError.at(file, f"cannot read file: {exc.strerror}") from None
        where = file
    found = like(text or "", libraries, limit, where=where)
    color = sys.stdout.isatty()
    if not found.matches:
        click.echo("no library text shares words with this text")
        return
    for rank, m in enumerate(found.matches, start=1):
        piece = m.pieces[0]
        item = found.index.items[piece.entry.key]
        extent = " (part)" if m.extent == "part" else ""
        unofficial = " [unofficial translation]" if found.lang in item.unofficial else ""
        click.echo(f"{rank:>3}. {m.score:.2f}  {item.id}{extent}  {item.source}, {item.ref_in(found.lang)}{unofficial}")
        click.echo(
            "     " + (_inline_diff(m.diff, color) if m.status == "edited" else piece.text.replace("\n", " ")),
            color=color,
        )


@main.command("import")
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option("-o", "--output", help="The spec to write (`-` or absent: stdout). Never overwrites the draft.")
@FRAMEWORK_OPTION
@LIBRARY_OPTION
def import_command(draft: str, output: str | None, framework: str | None, libraries: tuple[str, ...]) -> None:
    """Turn a draft edited in Word or Markdown back into a spec.

    A drafter-rendered .docx or .md (any layout) becomes a spec that renders the same words:
    quoted paragraphs as `use: ID`, edited ones with `text:` for the changed languages, the
    draft's own paragraphs as `text`. A Word file drafter did not write becomes a spec of its
    matched and new paragraphs under best-guess themes; every guess is printed. See docs/trace.md.
    """
    from pathlib import Path  # not at the top: `drafter --help` imports this module

    from drafter.files import atomic_write
    from drafter.interchange.imports import import_file

    result = import_file(draft, libraries, framework, output)
    for note in result.notes:
        click.echo(str(note), err=True)
    data = result.yaml.encode("utf-8")
    if result.companions is not None and (output is None or output == "-"):
        from drafter.errors import DrafterError

        raise DrafterError.at(draft, "importing an XLIFF file writes two files: the overlay and a spec",
                              hint="give the overlay's name with -o OVERLAY.yaml")
    if output is None or output == "-":
        write_stdout(data)
        return
    extra = result.companions(Path(output)) if result.companions is not None else ()
    for path, content in extra:
        atomic_write(path, content, keep=(draft, *libraries, output))
        click.echo(f"wrote {path}", err=True)
    atomic_write(output, data, keep=(draft, *libraries, *(p for p, _ in extra)))
    click.echo(f"wrote {output}: {result.summary}", err=True)
