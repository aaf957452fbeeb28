"""A reference document's final section: page size, margins, header and footer references,
and its footnotes' separators, cleaned so that drafter's body can end with them."""

from __future__ import annotations

import copy
import re
from typing import Any

from drafter.writers.docx.foreign import local
from drafter.writers.docx.ns import R_NS, W_NS, W

REF_KINDS = ("headerReference", "footerReference")
MAX_TWIPS = 31680  # 22 inches: the largest page Word makes
MAX_NOTE_ID = 32767
_TWIPS = re.compile(r"-?[0-9]{1,9}")
_NUMBERISH = re.compile(r"[-+0-9.eE]+|[-+]?(inf|nan|infinity)", re.IGNORECASE)
PAGE_DEFAULTS = {"pgSz/w": 11906, "pgSz/h": 16838, "pgMar/top": 1417, "pgMar/right": 1417,
                 "pgMar/bottom": 1417, "pgMar/left": 1417, "pgMar/header": 709,
                 "pgMar/footer": 709, "pgMar/gutter": 0}
SIGNED = {"pgMar/top", "pgMar/bottom"}

def own_parts(sect: Any, renamed: dict[str, str]) -> frozenset[str]:
    """Point the section's header/footer references at the renumbered relationships (those
    whose relationship was dropped go); return the kinds the reference brings itself."""
    rid = f"{{{R_NS}}}id"
    for node in list(sect):
        if local(node) in REF_KINDS:
            if node.get(rid) in renamed:
                node.set(rid, renamed[node.get(rid)])
            else:
                sect.remove(node)
    own = frozenset(local(n)[:6] for n in sect if local(n) in REF_KINDS)
    if not own:
        for n in list(sect):
            if local(n) == "titlePg":
                sect.remove(n)
    return own


def final_sect_pr(document: Any, warnings: list[str]) -> Any:
    """A cleaned copy of the document's final section properties (A4 when it has none);
    what was repaired goes into `warnings`."""
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
        if not isinstance(node.tag, str) or not node.tag.startswith(W) or local(node) == "type":
            sect.remove(node)
    _sane_numbers(sect, warnings)
    return sect


def _sane_numbers(sect: Any, warnings: list[str]) -> None:
    """Page size and margins as Word reads them: whole twips within a page's reach. Anything
    else (`w:left="1e400"`, `w:w="-5"`, `w:top="1in"`) takes the default, with a warning."""
    for node in sect.iter():
        name = local(node)
        for attr in list(node.attrib):
            key = f"{local(node)}/{attr.rsplit('}', 1)[-1]}"
            value = node.get(attr)
            if key in PAGE_DEFAULTS:
                low = -MAX_TWIPS if key in SIGNED else (1 if name == "pgSz" else 0)
                if not (_TWIPS.fullmatch(value) and low <= int(value) <= MAX_TWIPS):
                    warnings.append(f"page setup {key.replace('/', ' ')}={value[:40]!r} is not a usable "
                                    f"number of twips; used {PAGE_DEFAULTS[key]}")
                    node.set(attr, str(PAGE_DEFAULTS[key]))
            elif attr.startswith(W) and _NUMBERISH.fullmatch(value) and not _TWIPS.fullmatch(value):
                warnings.append(f"section property {key.replace('/', ' ')}={value[:40]!r} is not a whole "
                                "number; removed")
                del node.attrib[attr]


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
        name = etree.QName(node).localname if isinstance(node.tag, str) else ""
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
        value = node.get(f"{W}{attr}") if node is not None else None
        return int(value) if value and _TWIPS.fullmatch(value) else default

    width = num(size, "w", 11906) - num(mar, "left", 1417) - num(mar, "right", 1417) - num(mar, "gutter", 0)
    return width if width > 1440 else 9072


def separators(footnotes: Any) -> tuple[str, int]:
    """The reference's separator notes, and the first free id after them."""
    from lxml import etree

    kept, ids = [], [0]
    for note in footnotes.findall(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            value = note.get(f"{W}id", "0")
            if not (_TWIPS.fullmatch(value) and -1 <= int(value) <= MAX_NOTE_ID):
                continue  # not an id Word can read; the default separator stands in
            kept.append(etree.tostring(note, encoding="unicode"))
            ids.append(int(value))
    if not kept:
        return "", 1
    return "".join(kept), max(ids) + 1
