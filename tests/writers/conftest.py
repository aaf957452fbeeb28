"""Fixtures and readers shared by the DOCX tests: fixture submissions, variants, unzip, XML."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from msgspec.structs import replace

from drafter.document.model import Submission
from drafter.document.resolve import resolve
from drafter.spec.load import load_spec
from drafter.writers.docx.layout import render_docx
from drafter.writers.docx.ns import W_NS
from tests.conftest import FIXTURES, need_shared, need_tool

W = f"{{{W_NS}}}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC_IGNORABLE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable"


@pytest.fixture(scope="session")
def subs(library) -> dict[str, Submission]:
    """The `tests/fixtures/docx_*.yaml` submissions by short name: full, small, english."""
    out = {}
    for name in ("full", "small", "english"):
        spec, lib = load_spec(FIXTURES / f"docx_{name}.yaml", library)
        out[name] = resolve(spec, lib)
    return out


def variant(sub: Submission, *, layout: str | None = None, provenance: str | None = None,
            mark_edits: bool | None = None) -> Submission:
    """The same submission with another layout or options."""
    if layout is not None:
        sub = replace(sub, meta=replace(sub.meta, layout=layout))
    if provenance is not None:
        sub = replace(sub, options=replace(sub.options, provenance=provenance))
    if mark_edits is not None:
        sub = replace(sub, options=replace(sub.options, mark_edits=mark_edits))
    return sub


def render(sub: Submission, **changes) -> bytes:
    return render_docx(variant(sub, **changes))


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def xml(data: bytes, part: str = "word/document.xml") -> etree._Element:
    return etree.fromstring(unzip(data)[part])


def open_docx(data: bytes):
    """The document read back by python-docx, a real client."""
    import docx

    return docx.Document(io.BytesIO(data))


def text_of(node: etree._Element) -> str:
    """Visible text of a paragraph (tabs as \\t), as python-docx shows it."""
    out = []
    for run in node.iter(f"{W}r"):
        for el in run:
            if el.tag == f"{W}tab":
                out.append("\t")
            elif el.tag == f"{W}t":
                out.append(el.text or "")
    return "".join(out)


@pytest.fixture(scope="session")
def wml_schema() -> etree.XMLSchema:
    path = need_shared() / "ooxml-schemas" / "ISO-IEC29500-4_2016" / "wml.xsd"
    if not path.exists():
        pytest.fail(f"{path} is missing from the shared folder")
    return etree.XMLSchema(file=str(path))


def strip_ignorable(root: etree._Element) -> etree._Element:
    """Remove the mc:Ignorable namespaces' elements and attributes (w14, w15 …), as Word would
    when it does not know them; the ISO schema does not describe them."""
    prefixes = (root.get(MC_IGNORABLE) or "").split()
    uris = {root.nsmap[p] for p in prefixes if p in root.nsmap}
    if MC_IGNORABLE in root.attrib:
        del root.attrib[MC_IGNORABLE]
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in uris:
            el.getparent().remove(el)
            continue
        for key in list(el.attrib):
            if key.startswith("{") and key[1:].split("}")[0] in uris:
                del el.attrib[key]
    return root


def pdf_text(docx: bytes, folder: Path, name: str = "doc") -> str:
    """What a real client shows: LibreOffice converts the file to PDF (in a throw-away profile),
    pdftotext reads it back. Skips without the tools, and fails in CI where they are installed."""
    soffice = need_tool("soffice")
    pdftotext = need_tool("pdftotext")
    source = folder / f"{name}.docx"
    source.write_bytes(docx)
    profile = (folder / "profile").as_uri()
    done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                           "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                          capture_output=True, text=True, timeout=240, check=False)
    pdf = folder / f"{name}.pdf"
    assert pdf.exists(), done.stderr or done.stdout
    return subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
