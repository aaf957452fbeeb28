"""The writers: a `Submission` to bytes in one format.

`render` is the single place that maps a format name to its writer (`markdown/`, `docx/`, `html/`),
importing the writer lazily so that the CLI's start-up stays light. Writers read only the
document model (`drafter.document.model`).
"""

from __future__ import annotations

from pathlib import Path

from drafter.document.model import Submission
from drafter.errors import DrafterError, Problem

FORMATS = ("docx", "md", "html")


def render(sub: Submission, fmt: str, *, templates: Path | None = None, reference_doc: Path | None = None) -> bytes:
    """The submission in `fmt` ("docx", "md" or "html") as bytes."""
    if fmt == "md":
        from drafter.writers.markdown.writer import render_markdown

        return render_markdown(sub, templates=templates).encode("utf-8")
    if fmt == "docx":
        from drafter.writers.docx.layout import render_docx

        ref = reference_doc or (Path(sub.options.reference_doc) if sub.options.reference_doc else None)
        return render_docx(sub, ref)
    if fmt == "html":
        from drafter.writers.html import render_html

        return render_html(sub).encode("utf-8")
    if fmt == "akn" and len(sub.meta.languages) == 1:  # several languages: interchange.akn.akn_files
        from drafter.interchange.akn import akn_bytes

        return akn_bytes(sub, sub.meta.languages[0], "submission")
    raise DrafterError.at("<render>", f"unknown format {fmt!r}", hint="use docx, md or html")


def input_warnings(sub: Submission, fmt: str, *, reference_doc: Path | None = None) -> tuple[Problem, ...]:
    """What a writer repaired or left out of its own inputs (a hostile reference document's
    macros, external relationships, unusable numbers): warnings, printed before the output."""
    if fmt != "docx":
        return ()
    from drafter.writers.docx.reference import reference_warnings

    ref = reference_doc or (Path(sub.options.reference_doc) if sub.options.reference_doc else None)
    return reference_warnings(ref)


def default_name(spec_file: str, fmt: str) -> str:
    """`<spec file stem>.<format>` beside the working folder, e.g. `delegation.docx`."""
    return f"{Path(spec_file).stem}.{fmt}"
