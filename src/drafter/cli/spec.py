"""`drafter init | validate | render | schema`: write, check and render a submission spec."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from drafter.cli.group import LIBRARY_OPTION, load_library, main, print_warnings, write_stdout

if TYPE_CHECKING:
    from collections.abc import Sequence

    from drafter.document.model import Submission
    from drafter.errors import Problem
    from drafter.library.model import Library
    from drafter.spec.model import Spec

FORMS = ("contribution", "letter", "note-verbale")
FORMAT_NAMES = ("docx", "md", "html", "pdf", "akn")  # drafter.writers.EXTENSIONS, without importing them


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


def load_with_overrides(spec: str, libraries: tuple[str, ...], layout: str | None, languages: str | None,
                        provenance: str | None, sets: tuple[str, ...]) -> tuple[Spec, Library]:
    """The spec file with the command line's overrides applied, checked, and its library."""
    from drafter.load.yaml import load_file
    from drafter.spec.load import load_spec_doc, with_user_framework

    doc = load_file(spec)
    if layout or languages or provenance or sets:  # the override machinery only when asked for
        from drafter.batch.command_line import apply_overrides, parse_overrides

        theme_keys = with_user_framework(doc, load_library(())).theme_keys  # a user framework's themes too
        overrides = parse_overrides(sets, layout=layout, languages=languages, provenance=provenance,
                                    theme_keys=theme_keys)
        doc = apply_overrides(doc, overrides)
    return load_spec_doc(doc, extra_libraries=libraries)


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


def prepared(loaded: Spec, lib: Library, framework: str | None, strict: bool, *, redline: bool = False,
             more: Callable[[Submission], Sequence[Problem]] | None = None) -> tuple[Spec, Submission]:
    """Restructure (`--framework`), resolve; print the spec's and the limits' warnings (errors
    with --strict).

    `redline` asks for tracked changes whatever the spec's options say (`render --redline`);
    `more` adds the warnings of what else the run reads (a reference document), printed with them."""
    from dataclasses import replace

    from drafter.document.budget import limit_warnings, spec_budgets
    from drafter.document.resolve import resolve
    from drafter.spec.restructure import restructure

    if framework:
        loaded = restructure(loaded, lib, framework)
    if redline:
        loaded = replace(loaded, redline=True)
    sub = resolve(loaded, lib)
    extra = list(more(sub)) if more is not None else []
    print_warnings([*loaded.warnings, *limit_warnings(spec_budgets(loaded, lib, sub, limited=True)), *extra], strict)
    return loaded, sub


def framework_files(lib: Library) -> tuple[str, ...]:
    """The user framework files the run read: inputs an output must never replace."""
    return tuple(fw.path for fw in lib.frameworks.values() if not fw.builtin and fw.path)


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings (limits exceeded included) as errors.")
@FRAMEWORK_OPTION
@override_options
@LIBRARY_OPTION
def validate(spec: str, strict: bool, framework: str | None, layout: str | None, languages: str | None,
             provenance: str | None, sets: tuple[str, ...], libraries: tuple[str, ...]) -> None:
    """Check a spec; print every problem with file:line:col."""
    loaded, lib = load_with_overrides(spec, libraries, layout, languages, provenance, sets)
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
    from pathlib import Path  # in the body: `drafter --help` imports this module

    from drafter.files import atomic_write, refuse_inputs
    from drafter.inputs import Inputs
    from drafter.writers import default_name, input_warnings, output_format
    from drafter.writers import render as render_bytes

    if output and output != "-":
        refuse_inputs(output, Inputs.of((spec, reference_doc, *libraries), trees=(templates,)))
    loaded, lib = load_with_overrides(spec, libraries, layout, languages, provenance, sets)
    if output and output != "-":  # the libraries and the framework file the spec names are known now
        refuse_inputs(output, Inputs.of((spec, reference_doc, loaded.reference_doc, *lib.files,
                                         *framework_files(lib)), trees=(templates,)))
    chosen = output_format(output, fmt)
    ref = Path(reference_doc) if reference_doc else None
    loaded, sub = prepared(loaded, lib, framework, strict, redline=redline,
                           more=lambda sub: input_warnings(sub, chosen, reference_doc=ref))
    if chosen == "akn":
        _render_akn(spec, sub, output, Inputs.of((spec, *lib.files, *framework_files(lib))))
        return
    target = output or default_name(spec, chosen)
    data = render_bytes(sub, chosen, templates=Path(templates) if templates else None,
                        reference_doc=Path(reference_doc) if reference_doc else None)
    if target == "-":
        write_stdout(data)
        return
    inputs = Inputs.of((spec, reference_doc, sub.options.reference_doc, *lib.files, *framework_files(lib)),
                       trees=(templates,))
    atomic_write(target, data, keep=inputs, devices="stream")
    click.echo(f"wrote {target} ({len(data):,} bytes)", err=True)


def _render_akn(spec: str, sub: object, output: str | None, keep: object) -> None:
    """One Akoma Ntoso file per language (docs/interchange.md): `s.xml` -> `s.en.xml`, `s.zh.xml`."""
    from pathlib import Path

    from drafter.errors import DrafterError
    from drafter.files import atomic_write
    from drafter.interchange.akn import akn_files

    files = akn_files(sub, Path(spec).stem)  # type: ignore[arg-type]
    if output == "-":
        if len(files) > 1:
            raise DrafterError.at(spec, "akn writes one file per language; stdout can take one",
                                  hint="give -o NAME.xml (NAME.en.xml, NAME.zh.xml are written)")
        write_stdout(next(iter(files.values())))
        return
    target = Path(output or f"{Path(spec).stem}.xml")
    names = {lang: target if len(files) == 1 else target.with_name(f"{target.stem}.{lang}{target.suffix or '.xml'}")
             for lang in files}
    for lang, data in files.items():
        atomic_write(names[lang], data, keep=keep, devices="stream")  # type: ignore[arg-type]
        click.echo(f"wrote {names[lang]} ({len(data):,} bytes)", err=True)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the spec (for editors' completion and checking)."""
    import json

    from drafter.spec.jsonschema import spec_schema

    click.echo(json.dumps(spec_schema(load_library(())), ensure_ascii=False, indent=2))
