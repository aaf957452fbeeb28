"""The writers: a `Submission` to bytes in one format.

`render` is the single place that maps a format name to its writer (`markdown/`, `docx/`,
`html/`, `pdf.py`), importing the writer lazily so that the CLI's start-up stays light. Writers
read only the document model (`drafter.document.model`). `EXTENSIONS` names each format's file
extensions; `output_format` chooses the format of an output from its name (`-o out.pdf`), so
the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from drafter.document.model import Submission
from drafter.errors import DrafterError, Location, Problem

# format -> its file extensions, the first being what drafter writes
EXTENSIONS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "docx": (".docx",),
    "md": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "pdf": (".pdf",),
    "akn": (".xml",),  # Akoma Ntoso: one file per language (cli/spec.py, interchange/akn.py)
})
FORMATS = ("docx", "md", "html", "pdf")  # one file per submission: what `render` and batches write
DEFAULT_FORMAT = "docx"


def render(sub: Submission, fmt: str, *, templates: Path | None = None, reference_doc: Path | None = None) -> bytes:
    """The submission in `fmt` (one of `FORMATS`, or akn for one language) as bytes."""
    if fmt == "md":
        from drafter.writers.markdown.writer import render_markdown

        return render_markdown(sub, templates=templates).encode("utf-8")
    if fmt in ("docx", "pdf"):
        from drafter.writers.docx.layout import render_docx

        ref = reference_doc or (Path(sub.options.reference_doc) if sub.options.reference_doc else None)
        docx = render_docx(sub, ref)
        if fmt == "docx":
            return docx
        from drafter.writers.pdf import docx_to_pdf

        return docx_to_pdf(docx, Location("<render>"), date=sub.meta.date)
    if fmt == "html":
        from drafter.writers.html import render_html

        return render_html(sub).encode("utf-8")
    if fmt == "akn" and len(sub.meta.languages) == 1:  # several languages: interchange.akn.akn_files
        from drafter.interchange.akn import akn_bytes

        return akn_bytes(sub, sub.meta.languages[0], "submission")
    raise DrafterError.at("<render>", f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")


def format_of(path: str) -> str | None:
    """The format a file name's extension names (`out.md` -> md), or None for no extension."""
    suffix = Path(path).suffix.lower()
    if not suffix:
        return None
    for fmt, extensions in EXTENSIONS.items():
        if suffix in extensions:
            return fmt
    raise ValueError(suffix)


def output_format(output: str | None, fmt: str | None, where: str = "<command line>") -> str:
    """The format to write: the output's extension decides; `--format` is needed only for
    standard output (`-`) or a name without an extension, and must agree with the extension.

    An unknown extension or a disagreement is a located error naming both options.
    """
    if output is None or output == "-":
        return fmt or DEFAULT_FORMAT
    try:
        named = format_of(output)
    except ValueError as exc:
        known = ", ".join(e for exts in EXTENSIONS.values() for e in exts)
        raise DrafterError.at(Location(f"{where} -o"), f"unknown output extension {exc.args[0]!r} in {output!r}",
                              hint=f"drafter writes {known}; or give --format with a name without an extension"
                              ) from None
    if named is None:
        return fmt or DEFAULT_FORMAT
    if fmt is not None and fmt != named:
        raise DrafterError.at(Location(f"{where} --format"),
                              f"--format {fmt} does not match the output {output!r}, which is {named}",
                              hint=f"drop --format (the extension decides), or name the output *{EXTENSIONS[fmt][0]}")
    return named


def input_warnings(sub: Submission, fmt: str, *, reference_doc: Path | None = None) -> tuple[Problem, ...]:
    """What a writer repaired or left out of its own inputs (a hostile reference document's
    macros, external relationships, unusable numbers): warnings, printed before the output."""
    ref = reference_doc or (Path(sub.options.reference_doc) if sub.options.reference_doc else None)
    if fmt not in ("docx", "pdf") or ref is None:  # a PDF is the DOCX, converted; the bundled one has none
        return ()
    from drafter.writers.docx.reference import reference_warnings

    return reference_warnings(ref)


def default_name(spec_file: str, fmt: str) -> str:
    """`<spec file stem>.<format's extension>` in the working folder, e.g. `delegation.docx`."""
    return f"{Path(spec_file).stem}{EXTENSIONS[fmt][0]}"
