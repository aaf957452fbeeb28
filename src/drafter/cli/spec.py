"""`drafter init | validate | render | schema`: write, check and render a submission spec."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli.group import LIBRARY_OPTION, load_library, main, print_warnings

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from drafter.document.model import Submission
    from drafter.errors import Problem
    from drafter.library.model import Library
    from drafter.spec.model import Spec


def _stdout(data: bytes) -> None:
    """Bytes to stdout (Click 8.5 deprecates click.get_binary_stream)."""
    stream = sys.stdout
    stream.flush()
    stream.buffer.write(data)
    stream.buffer.flush()


@main.command()
@click.option("--source", help="Pre-fill the spec with every item of this source, by theme.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def init(source: str | None, output: str | None) -> None:
    """Print a commented starter spec."""
    from drafter.cli.starter import starter_spec
    from drafter.errors import DrafterError
    from drafter.files import atomic_write

    text = starter_spec(load_library(()), source)
    if output and output != "-":
        if os.path.lexists(output):
            raise DrafterError.at(output, "file exists", hint="choose another name; init never overwrites")
        atomic_write(output, text.encode("utf-8"))
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


FRAMEWORK_OPTION = click.option(
    "--framework", "framework", metavar="KEY",
    help="Restructure the spec for this framework first, through the crosswalk (e.g. gdc-2024).")


def prepared(spec: str, libraries: tuple[str, ...], framework: str | None, strict: bool, *,
             redline: bool = False,
             more: Callable[[Submission], Sequence[Problem]] | None = None) -> tuple[Spec, Library, Submission]:
    """Load, restructure, resolve; print the spec's and the limits' warnings (errors with --strict).

    `redline` asks for tracked changes whatever the spec's options say (`render --redline`);
    `more` adds the warnings of what else the run reads (a reference document), printed with them."""
    from dataclasses import replace

    from drafter.document.budget import limit_warnings, spec_budgets
    from drafter.document.resolve import resolve
    from drafter.spec.load import load_spec
    from drafter.spec.restructure import restructure

    loaded, lib = load_spec(spec, extra_libraries=libraries)
    if framework:
        loaded = restructure(loaded, lib, framework)
    if redline:
        loaded = replace(loaded, redline=True)
    sub = resolve(loaded, lib)
    extra = list(more(sub)) if more is not None else []
    print_warnings([*loaded.warnings, *limit_warnings(spec_budgets(loaded, lib, sub)), *extra], strict)
    return loaded, lib, sub


def framework_files(lib: Library) -> tuple[str, ...]:
    """The user framework files the run read: inputs an output must never replace."""
    return tuple(fw.path for fw in lib.frameworks.values() if not fw.builtin and fw.path)


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Treat warnings (limits exceeded included) as errors.")
@FRAMEWORK_OPTION
@LIBRARY_OPTION
def validate(spec: str, strict: bool, framework: str | None, libraries: tuple[str, ...]) -> None:
    """Check a spec; print every problem with file:line:col."""
    loaded, _, _ = prepared(spec, libraries, framework, strict)
    count = sum(len(s) for t in loaded.themes for s in t.sections.values()) + len(loaded.preamble) + len(loaded.closing)
    langs = ", ".join(loaded.languages)
    click.echo(f"ok: {spec}: {count} paragraphs in {len(loaded.themes)} themes, languages {langs}")


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["docx", "md", "html", "akn"]), default="docx", show_default=True
)
@click.option(
    "-o",
    "--output",
    help="Output file; `-` for stdout. Default: the spec's name with the format's extension. "
    "akn writes one file per language: -o s.xml gives s.en.xml and s.zh.xml.",
)
@click.option(
    "--templates", type=click.Path(file_okay=False), help="Folder of Markdown templates overriding the built-in ones."
)
@click.option(
    "--reference-doc", type=click.Path(dir_okay=False), help="A .docx whose styles, page setup and letterhead to use."
)
@click.option("--redline", is_flag=True,
              help="Show edits as tracked changes against the source (options.redline: true).")
@click.option("--strict", is_flag=True, help="Treat warnings (limits exceeded included) as errors.")
@FRAMEWORK_OPTION
@LIBRARY_OPTION
def render(
    spec: str,
    fmt: str,
    output: str | None,
    templates: str | None,
    reference_doc: str | None,
    redline: bool,
    strict: bool,
    framework: str | None,
    libraries: tuple[str, ...],
) -> None:
    """Render a spec to a DOCX, Markdown, HTML or Akoma Ntoso (akn) submission."""
    from drafter.files import atomic_write
    from drafter.inputs import Inputs
    from drafter.writers import default_name, input_warnings
    from drafter.writers import render as render_bytes

    ref = Path(reference_doc) if reference_doc else None
    loaded, lib, sub = prepared(spec, libraries, framework, strict, redline=redline,
                                more=lambda sub: input_warnings(sub, fmt, reference_doc=ref))
    if fmt == "akn":
        _render_akn(spec, sub, output, Inputs.of((spec, *lib.files, *framework_files(lib))))
        return
    data = render_bytes(
        sub,
        fmt,
        templates=Path(templates) if templates else None,
        reference_doc=Path(reference_doc) if reference_doc else None,
    )
    if output == "-":
        _stdout(data)
        return
    target = output or default_name(spec, fmt)
    inputs = Inputs.of((spec, reference_doc, sub.options.reference_doc, *lib.files, *framework_files(lib)),
                       trees=(templates,))
    atomic_write(target, data, keep=inputs, devices="stream")
    click.echo(f"wrote {target} ({len(data):,} bytes)", err=True)


def _render_akn(spec: str, sub: object, output: str | None, keep: object) -> None:
    """One Akoma Ntoso file per language (docs/interchange.md): `s.xml` -> `s.en.xml`, `s.zh.xml`."""
    from drafter.errors import DrafterError
    from drafter.files import atomic_write
    from drafter.interchange.akn import akn_files

    files = akn_files(sub, Path(spec).stem)  # type: ignore[arg-type]
    if output == "-":
        if len(files) > 1:
            raise DrafterError.at(spec, "akn writes one file per language; stdout can take one",
                                  hint="give -o NAME.xml (NAME.en.xml, NAME.zh.xml are written)")
        _stdout(next(iter(files.values())))
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
