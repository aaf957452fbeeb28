"""The one place drafter builds and parses interchange XML (lxml).

Building: `element` sets text and attributes as data (lxml escapes them; characters XML cannot
hold are a located error, not a broken file). Parsing: `parse` refuses a DOCTYPE (no entities,
no billion laughs), never touches the network, caps the size, and turns every syntax error into
`file:line:col`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, Location

MAX_BYTES = 20 * 1024 * 1024
"""An XLIFF file above this is refused before parsing (a submission's is a few hundred KB)."""


def lxml_etree() -> Any:
    """lxml's etree, or a located error saying how to get it."""
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - depends on the install
        hint = "reinstall drafter: lxml is one of its dependencies"
        raise DrafterError.at("<interchange>", "this needs lxml", hint=hint) from None
    return etree


def element(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    """A child element of `parent` with its text and attributes (text XML 1.0 cannot hold is refused)."""
    etree = lxml_etree()
    el = etree.SubElement(parent, tag, {k: v for k, v in attrs.items()})
    if text is not None:
        try:
            el.text = text
        except ValueError:
            raise DrafterError.at("<interchange>", f"text XML cannot hold: {text[:40]!r}",
                                  hint="remove control characters from the text") from None
    return el


def serialise(root: Any) -> bytes:
    """An XML tree as UTF-8 bytes with a declaration, indented."""
    etree = lxml_etree()
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def column(raw: bytes, line: int | None, tag: str) -> int | None:
    """The 1-based column of `<tag` on `line` (lxml knows only the line of an element)."""
    if line is None:
        return None
    lines = raw.split(b"\n")
    if line > len(lines):
        return None
    text = lines[line - 1].decode("utf-8", "replace")
    for probe in (f"<{tag}", f":{tag}"):
        at = text.find(probe)
        if at >= 0:
            return at + 1 if probe.startswith("<") else text.rfind("<", 0, at) + 1
    return None


def where(file: str, raw: bytes, el: Any) -> Location:
    """Where an element is in the file it was parsed from (line, and column of its tag)."""
    etree = lxml_etree()
    line = el.sourceline
    return Location(file, line, column(raw, line, etree.QName(el).localname))


def parse(path: Path, display: str) -> tuple[Any, bytes]:
    """The root element of an XML file and its bytes; any problem a located `DrafterError`."""
    etree = lxml_etree()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DrafterError.at(display, f"file too large ({size:,} bytes; the limit is {MAX_BYTES:,})",
                                  hint="split the file or export fewer paragraphs")
        raw = path.read_bytes()
    except OSError as exc:
        raise DrafterError.at(display, f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:  # a file that grew while read
        raise DrafterError.at(display, "file too large")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        raise DrafterError.at(Location(display, line or None, col or None), f"not well-formed XML: {exc.msg}",
                              hint="the file is damaged; export it again from the CAT tool") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DrafterError.at(Location(display, 1, 1), "a DOCTYPE is not allowed in XLIFF",
                              hint="remove the <!DOCTYPE …> declaration (entities are never expanded)")
    return root, raw
