"""`drafter render`'s work, without Click: load the spec with the command line's one-off
changes (`spec.load.load_spec`), restructure and resolve it, print its warnings, render and
write.

The Click command (`cli/spec.py`) and the render fast path (`cli/fast.py`, which skips
importing Click for the common `drafter render SPEC -o OUT`) both call `render_spec`, so the
two give the same bytes, messages and exit codes. `validate` and `stats` share `prepared`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from drafter.cli.console import echo, print_warnings, write_stdout

if TYPE_CHECKING:
    from collections.abc import Sequence

    from drafter.document.model import Submission
    from drafter.errors import Problem
    from drafter.inputs import Inputs
    from drafter.library.model import Library
    from drafter.spec.model import Spec

FORMAT_NAMES = ("docx", "md", "html", "pdf", "akn")  # drafter.writers.EXTENSIONS, without importing them


def prepared(loaded: Spec, lib: Library, framework: str | None, strict: bool, *, redline: bool = False,
             more: Callable[[Submission], Sequence[Problem]] | None = None) -> tuple[Spec, Submission]:
    """Restructure (`--framework`), resolve; print the spec's and the limits' warnings (errors
    with --strict).

    `redline` asks for tracked changes whatever the spec's options say (`render --redline`);
    `more` adds the warnings of what else the run reads (a reference document), printed with them."""
    from msgspec.structs import replace

    from drafter.document.resolve import resolve
    from drafter.spec.restructure import restructure

    if framework:
        loaded = restructure(loaded, lib, framework)
    if redline:
        loaded = replace(loaded, redline=True)
    sub = resolve(loaded, lib)
    extra = list(more(sub)) if more is not None else []
    limits: list[Problem] = []
    if lib.frameworks[loaded.framework].has_limits:  # the counting only where a limit applies
        from drafter.document.budget import limit_warnings, spec_budgets

        limits = limit_warnings(spec_budgets(loaded, lib, sub, limited=True))
    print_warnings([*loaded.warnings, *limits, *extra], strict)
    return loaded, sub


def framework_files(lib: Library) -> tuple[str, ...]:
    """The user framework files the run read: inputs an output must never replace."""
    return tuple(fw.path for fw in lib.frameworks.values() if not fw.builtin and fw.path)


def render_spec(spec: str, *, fmt: str | None = None, output: str | None = None, templates: str | None = None,
                reference_doc: str | None = None, redline: bool = False, strict: bool = False,
                framework: str | None = None, layout: str | None = None, languages: str | None = None,
                provenance: str | None = None, sets: tuple[str, ...] = (), libraries: tuple[str, ...] = ()) -> None:
    """`drafter render`: every option as the command takes it (see its --help)."""
    from pathlib import Path  # in the body: `drafter --help` imports this module

    from drafter.files import atomic_write, refuse_inputs
    from drafter.inputs import Inputs
    from drafter.spec.load import load_spec
    from drafter.writers import default_name, input_warnings, output_format
    from drafter.writers import render as render_bytes

    if output and output != "-":
        refuse_inputs(output, Inputs.of((spec, reference_doc, *libraries), trees=(templates,)))
    loaded, lib = load_spec(spec, extra_libraries=libraries, layout=layout, languages=languages,
                            provenance=provenance, sets=sets)
    # every file the run reads, now that the spec's libraries and framework file are known: what
    # no output may replace (nothing to guard when the output is stdout)
    inputs = Inputs() if output == "-" else Inputs.of(
        (spec, reference_doc, loaded.reference_doc, *lib.files, *framework_files(lib)), trees=(templates,))
    if output and output != "-":
        refuse_inputs(output, inputs)
    chosen = output_format(output, fmt)
    ref = Path(reference_doc) if reference_doc else None
    loaded, sub = prepared(loaded, lib, framework, strict, redline=redline,
                           more=lambda sub: input_warnings(sub, chosen, reference_doc=ref))
    if chosen == "akn":
        render_akn(spec, sub, output, inputs)
        return
    target = output or default_name(spec, chosen)
    data = render_bytes(sub, chosen, templates=Path(templates) if templates else None,
                        reference_doc=ref)
    if target == "-":
        write_stdout(data)
        return
    atomic_write(target, data, keep=inputs, devices="stream")
    echo(f"wrote {target} ({len(data):,} bytes)")


def render_akn(spec: str, sub: Submission, output: str | None, keep: Inputs) -> None:
    """One Akoma Ntoso file per language (docs/interchange.md): `s.xml` -> `s.en.xml`, `s.zh.xml`."""
    from pathlib import Path

    from drafter.errors import DrafterError
    from drafter.files import atomic_write
    from drafter.interchange.akn import akn_files

    files = akn_files(sub, Path(spec).stem)
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
        atomic_write(names[lang], data, keep=keep, devices="stream")
        echo(f"wrote {names[lang]} ({len(data):,} bytes)")
