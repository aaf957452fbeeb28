"""Reading a foreign package's XML safely, and the pieces of a reference document drafter keeps.

Parsed without entities, DTDs or network access (a reference document is untrusted input);
anything malformed is a `DrafterError` naming the file.
"""

from __future__ import annotations

import contextlib
import copy
from typing import Any

from drafter.errors import DrafterError, Location
from drafter.writers.docx.ns import R_NS, W_NS, W


def parse_xml(data: bytes, name: str, where: Location) -> Any:
    """Parse a part of a foreign package without entities, DTDs or network access."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DrafterError.at(where, f"reference document is damaged: {name} is not well-formed XML ({exc})",
                              hint="open and save it again in Word or LibreOffice") from None


def serialize(node: Any) -> bytes:
    """A parsed part as bytes again (UTF-8, standalone declaration)."""
    from lxml import etree

    return etree.tostring(node, xml_declaration=True, encoding="UTF-8", standalone=True)


def local_name(node: Any) -> str:
    """An element's tag without its namespace ('' for comments and the like)."""
    tag = node.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def final_sect_pr(document: Any) -> Any:
    """A cleaned copy of the document's final section properties (A4 when it has none)."""
    from lxml import etree

    body = document.find(f"{W}body")
    sect = body.find(f"{W}sectPr") if body is not None else None
    if sect is None:
        sect = etree.fromstring(
            f'<w:sectPr xmlns:w="{W_NS}"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" '
            'w:right="1417" w:bottom="1417" w:left="1417" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>')
    sect = copy.deepcopy(sect)
    for key in list(sect.attrib):
        del sect.attrib[key]
    for node in list(sect.iter()):  # Word-extension markup would need mc:Ignorable on our root
        for key in list(node.attrib):
            if key.startswith("{") and not key.startswith((W, f"{{{R_NS}}}")):
                del node.attrib[key]
    for node in list(sect):
        if not isinstance(node.tag, str) or not node.tag.startswith(W) or local_name(node) == "type":
            sect.remove(node)
    return sect


# CT_SectPr children that come after w:titlePg in the schema's sequence
_AFTER_TITLE_PG = ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def sect_inner(sect: Any, *, title_page: bool = False) -> str:
    """The section's children as XML; header/footer references first, as the schema wants.

    With `title_page`, `w:titlePg` where the schema puts it: the first page of the section
    takes the first-page header (drafter's is empty: a title page has no running header).
    """
    from lxml import etree

    out, placed = [], not title_page
    for node in sect:
        name = local_name(node)
        if name == "titlePg" and title_page:
            continue  # placed below, once
        if not placed and name in _AFTER_TITLE_PG:
            out.append("<w:titlePg/>")
            placed = True
        out.append(etree.tostring(node, encoding="unicode"))
    if not placed:
        out.append("<w:titlePg/>")
    return "".join(out)


def text_width(sect: Any) -> int:
    """Twips between the margins of a section (a sane default for odd values)."""
    size, mar = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")

    def num(node: Any, attr: str, default: int) -> int:
        try:
            return int(float(node.get(f"{W}{attr}"))) if node is not None and node.get(f"{W}{attr}") else default
        except ValueError:
            return default

    width = num(size, "w", 11906) - num(mar, "left", 1417) - num(mar, "right", 1417) - num(mar, "gutter", 0)
    return width if width > 1440 else 9072


def separators(footnotes: Any) -> tuple[str, int]:
    """The reference's separator notes, and the first free id after them."""
    from lxml import etree

    kept, ids = [], [0]
    for note in footnotes.findall(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            kept.append(etree.tostring(note, encoding="unicode"))
            with contextlib.suppress(ValueError):
                ids.append(int(note.get(f"{W}id", "0")))
    if not kept:
        return "", 1
    return "".join(kept), max(ids) + 1
