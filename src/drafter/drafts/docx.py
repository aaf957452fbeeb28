"""Read any Word file (.docx) with python-docx: paragraphs and table cells in reading order.

The package is checked before python-docx sees it: an OLE compound file is an encrypted
(password-protected) document or an old .doc; a macro-enabled main part is refused; an archive
that inflates past `MAX_UNPACKED` is refused unread. Text is taken from the XML so tracked
insertions count and tracked deletions, drafter's own marks (the "Drafter Mark" style) and
footnote references do not. Footnote texts are kept as hints: in a drafter file they cite the
paragraph's source.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from drafter.drafts.model import Block, Draft, Role
from drafter.drafts.text import block
from drafter.errors import DrafterError, Location

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
MAX_UNPACKED = 200 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_TYPES = ("macroEnabled", "vbaProject")
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", f"{W}footnoteReference", f"{W}endnoteReference"}
_STYLE_ROLES: dict[str, Role] = {
    "title": "title",
    "subtitle": "subtitle",
    "drafter byline": "byline",
    "drafter column heading": "colhead",
    "drafter note": "note",
    "drafter clause": "clause",
    "drafter masthead": "masthead",
    "drafter symbol": "masthead",
    "drafter agenda item": "masthead",
    "drafter communication title": "masthead",
    "drafter signature": "masthead",
}
_DRAFTER_STYLES = {"drafter numbered paragraph", "drafter byline", "drafter parallel table", "drafter mark"}


def _check_package(path: Path, where: Location) -> None:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        raise DrafterError.at(
            where,
            "this Word file is encrypted (password-protected), or an old binary .doc",
            hint="remove the password (File > Info > Protect Document) or save it as .docx, then try again",
        )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in zf.namelist() else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        raise DrafterError.at(
            where,
            "not a readable Word file (the .docx archive is damaged)",
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from None
    if not types:
        raise DrafterError.at(
            where, "not a Word file: it has no [Content_Types].xml", hint="save it from Word or LibreOffice as .docx"
        )
    if any(t.encode() in types for t in _MACRO_TYPES):
        raise DrafterError.at(
            where,
            "this is a macro-enabled Word file; drafter reads no files with macros",
            hint="save it as a plain .docx (Word Document) and try again",
        )
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise DrafterError.at(
            where,
            f"the file unpacks to more than {MAX_UNPACKED:,} bytes",
            hint="remove embedded media, or split the draft",
        )


def read_docx(path: Path, where: Location) -> Draft:
    """Every non-empty paragraph of the body, tables included, in reading order."""
    _check_package(path, where)
    import docx

    try:
        document = docx.Document(str(path))
        styles = {s.get(f"{W}styleId"): _style_name(s) for s in document.styles.element.iter(f"{W}style")}
        footnotes = _footnotes(document)
    except DrafterError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types for a broken part
        raise DrafterError.at(
            where,
            f"not a readable Word file ({type(exc).__name__}: {exc})",
            hint="open it in Word or LibreOffice and save it again as .docx",
        ) from None
    mark_ids = {sid for sid, name in styles.items() if name == "drafter mark"}
    reader = _Body(where, styles, mark_ids, footnotes)
    blocks = list(reader.walk(document.element.body))
    used = set(reader.used)
    return Draft(
        file=where.file,
        kind="docx",
        blocks=tuple(blocks),
        meta=_core(document),
        by_drafter=bool(used & _DRAFTER_STYLES),
        footnotes=footnotes,
    )


def _style_name(style: Any) -> str:
    name = style.find(f"{W}name")
    label = name.get(f"{W}val") if name is not None else style.get(f"{W}styleId", "")
    return str(label or "").casefold()


def _core(document: Any) -> dict[str, str]:
    props = document.core_properties
    out = {
        "title": props.title or "",
        "author": props.author or "",
        "subject": props.subject or "",
        "language": props.language or "",
        "created": props.created.date().isoformat() if props.created else "",
    }
    return {k: v for k, v in out.items() if v}


def _footnotes(document: Any) -> dict[str, str]:
    """Footnote id -> its text, from the footnotes part if there is one."""
    from docx.oxml import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            return {fn.get(f"{W}id", ""): _text(fn, set()).strip() for fn in root.iter(f"{W}footnote")}
    return {}


def _text(element: Any, mark_ids: set[str]) -> str:
    """The visible text of a paragraph (or footnote), tracked deletions and marks left out."""
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == f"{W}r" and mark_ids:
                style = child.find(f"{W}rPr/{W}rStyle")
                if style is not None and style.get(f"{W}val") in mark_ids:
                    continue
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("\u2011")
            elif tag != f"{W}pPr" and tag != f"{W}rPr":
                walk(child)

    walk(element)
    return "".join(out)


Found = tuple[Any, int | None, int | None, str]


def paragraphs(parent: Any, styles: dict[str, str]) -> Iterator[Found]:
    """Every `w:p` in reading order with its two-column table column, row and table style.

    Body paragraphs, table cells (row by row) and content controls, the order a reader reads
    them; text boxes and headers are not part of the draft's flow. `annotate.py` walks the same
    way, so a block's position (its location's line) names the same paragraph.
    """
    rows = 0

    def walk(el: Any, column: int | None, row: int | None, table: str) -> Iterator[Found]:
        nonlocal rows
        for child in el:
            if child.tag == f"{W}p":
                yield child, column, row, table
            elif child.tag == f"{W}tbl":
                style = child.find(f"{W}tblPr/{W}tblStyle")
                name = styles.get(style.get(f"{W}val"), "") if style is not None else ""
                for tr in child:
                    if tr.tag != f"{W}tr":
                        continue
                    rows += 1
                    cells = [tc for tc in tr if tc.tag == f"{W}tc"]
                    for i, tc in enumerate(cells):
                        yield from walk(tc, i if len(cells) == 2 else None, rows, name)
            elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent"):
                yield from walk(child, column, row, table)

    yield from walk(parent, None, None, "")


class _Body:
    def __init__(self, where: Location, styles: dict[str, str], mark_ids: set[str], footnotes: dict[str, str]):
        self.where = where
        self.styles = styles
        self.mark_ids = mark_ids
        self.footnotes = footnotes
        self.used: list[str] = []

    def walk(self, body: Any) -> Iterator[Block]:
        for count, (p, column, row, table) in enumerate(paragraphs(body, self.styles), start=1):
            if table:
                self.used.append(table)
            found = self.paragraph(p, count, column, row)
            if found is not None:
                yield found if table != "drafter sources table" else _as(found, "annex")

    def paragraph(self, p: Any, count: int, column: int | None, row: int | None) -> Block | None:
        text = _text(p, self.mark_ids)
        if not text.strip():
            return None
        style_el = p.find(f"{W}pPr/{W}pStyle")
        style = self.styles.get(style_el.get(f"{W}val"), "") if style_el is not None else "normal"
        self.used.append(style)
        refs = [r.get(f"{W}id") for r in p.iter(f"{W}footnoteReference")]
        hints = tuple(self.footnotes[r] for r in refs if r in self.footnotes)
        role: Role = _STYLE_ROLES.get(style, "body")
        level = 0
        if style.startswith("heading ") and style[8:].isdigit():
            role, level = "heading", int(style[8:])
        elif style.startswith("toc ") or style == "toc heading":
            return None
        tentative = role == "body" and _all_bold(p) and len(text) < 120
        location = Location(self.where.file, count)
        numbered = p.find(f"{W}pPr/{W}numPr") is not None
        continued = style == "drafter numbered paragraph" and text.startswith("\t")
        return block(
            role,
            text,
            location,
            level=level,
            column=column,
            row=row,
            hints=hints,
            tentative=tentative,
            numbered=numbered,
            continued=continued,
        )


def _all_bold(p: Any) -> bool:
    runs = [r for r in p.iter(f"{W}r") if (r.findtext(f"{W}t") or "").strip()]
    return bool(runs) and all(_on(r.find(f"{W}rPr/{W}b")) for r in runs)


def _on(toggle: Any) -> bool:
    return toggle is not None and toggle.get(f"{W}val", "true") not in ("0", "false", "off")


def _as(found: Block, role: Role) -> Block:
    from msgspec.structs import replace

    return replace(found, role=role)
