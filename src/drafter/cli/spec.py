"""`drafter init | validate | render | schema`: write, check and render a submission spec."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import click

from drafter.cli.console import load_library
from drafter.cli.group import LIBRARY_OPTION, main
from drafter.cli.rendering import FORMAT_NAMES, prepared

FORMS = ("contribution", "letter", "note-verbale")


def override_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--layout`, `--languages`, `--provenance`, `--set PATH=VALUE`: one-off changes to the spec."""
    for option in reversed((
        click.option("--layout", metavar="LAYOUT", help="Override submission.layout (parallel, sequential, "
                     "interleaved)."),
        click.option("--languages", metavar="LANGS", help="Override submission.languages, e.g. en or zh,en."),
        click.option("--provenance", metavar="MODE", help="Override options.provenance (annex, footnotes, none)."),
        click.option("--set", "sets", multiple=True, metavar="PATH=VALUE",
                     help="Override any value of the spec, as a batch variant does (repeatable), e.g. "
                     "--set submission.form=letter --set themes.ai=null."),
    )):
        command = option(command)
    return command


@main.command()
@click.option("--source", help="Pre-fill the spec with every item of this source, by theme.")
@click.option("--form", type=click.Choice(FORMS), default="contribution", show_default=True,
              help="A contribution (numbered paragraphs), a letter (signed) or a note verbale (unsigned), "
              "with the conventional opening and closing to edit.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def init(source: str | None, form: str, output: str | None) -> None:
    """Print a commented starter spec (or write it with -o)."""
    from drafter.cli.starter import starter_spec
    from drafter.errors import DrafterError
    from drafter.files import atomic_write

    to_file = output if output and output != "-" else None
    text = starter_spec(load_library(()), source, name=os.path.basename(to_file) if to_file else "SPEC.yaml",
                        form=form)
    if to_file:
        if os.path.lexists(to_file):
            raise DrafterError.at(to_file, "file exists", hint="choose another name; init never overwrites")
        atomic_write(to_file, text.encode("utf-8"))
        click.echo(f"wrote {to_file}", err=True)
    else:
        click.echo(text, nl=False)


FRAMEWORK_OPTION = click.option(
    "--framework", "framework", metavar="KEY",
    help="Restructure the spec for this framework first, through the crosswalk (e.g. gdc-2024).")


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings (limits exceeded included) as errors.")
@FRAMEWORK_OPTION
@override_options
@LIBRARY_OPTION
def validate(spec: str, strict: bool, framework: str | None, layout: str | None, languages: str | None,
             provenance: str | None, sets: tuple[str, ...], libraries: tuple[str, ...]) -> None:
    """Check a spec; print every problem with file:line:col."""
    from drafter.spec.load import load_spec

    loaded, lib = load_spec(spec, extra_libraries=libraries, layout=layout, languages=languages,
                            provenance=provenance, sets=sets)
    loaded, _ = prepared(loaded, lib, framework, strict)
    count = sum(len(s) for t in loaded.themes for s in t.sections.values()) + len(loaded.preamble) + len(loaded.closing)
    langs = ", ".join(loaded.languages)
    click.echo(f"ok: {spec}: {count} paragraphs in {len(loaded.themes)} themes, languages {langs}")


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default=None,
              help="docx, md, html, pdf or akn. Needed only with -o - or a name without an extension; otherwise "
              "the extension of -o decides. Default: docx.")
@click.option("-o", "--output", help="Output file (.docx, .md, .html, .pdf; .xml for akn, one file per language: "
              "-o s.xml gives s.en.xml and s.zh.xml); `-` for stdout. Default: the spec's name with the format's "
              "extension.")
@click.option("--templates", type=click.Path(file_okay=False), help="Folder of Markdown templates overriding the "
              "built-in ones.")
@click.option("--reference-doc", type=click.Path(dir_okay=False), help="A .docx whose styles, page setup and "
              "letterhead to use.")
@click.option("--redline", is_flag=True,
              help="Show edits as tracked changes against the source (options.redline: true).")
@click.option("--strict", is_flag=True, help="Treat warnings (limits exceeded included) as errors.")
@FRAMEWORK_OPTION
@override_options
@LIBRARY_OPTION
def render(spec: str, fmt: str | None, output: str | None, templates: str | None, reference_doc: str | None,
           redline: bool, strict: bool, framework: str | None, layout: str | None, languages: str | None,
           provenance: str | None, sets: tuple[str, ...], libraries: tuple[str, ...]) -> None:
    """Render a spec to a DOCX, Markdown, HTML, PDF or Akoma Ntoso (akn) submission.

    The format follows the output's extension (-o out.pdf); PDF needs LibreOffice. One-off
    changes need no edit of the spec: --layout, --languages, --provenance, --set PATH=VALUE;
    --framework restructures it for another framework.
    """
    from drafter.cli.rendering import render_spec

    render_spec(spec, fmt=fmt, output=output, templates=templates, reference_doc=reference_doc, redline=redline,
                strict=strict, framework=framework, layout=layout, languages=languages, provenance=provenance,
                sets=sets, libraries=libraries)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the spec (for editors' completion and checking)."""
    import json

    from drafter.spec.jsonschema import spec_schema

    click.echo(json.dumps(spec_schema(load_library(())), ensure_ascii=False, indent=2))
