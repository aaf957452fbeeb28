"""The reference document: read once per process, checked, and kept as ready-to-copy zip entries.

Every DOCX output is the reference document's package (styles, settings, theme, fonts,
letterhead headers and their images) with a new main document, footnotes, core properties and
— unless the reference brings its own — header and footer. Reading and compressing those parts
costs more than writing a whole submission, so the result is cached per file (path, mtime,
size) and every render copies the compressed bytes as they are.

A user's `--reference-doc` is untrusted input: it is size- and ratio-checked before anything is
inflated, parsed without entities or network, and any problem is a `DrafterError` naming the
file. Styles are resolved by `styles.py`.
"""

from __future__ import annotations

import contextlib
import copy
import posixpath
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter.errors import DrafterError, Location
from drafter.writers.docx.archive import ZipEntry, deflate
from drafter.writers.docx.ns import CT_NS, R_NS, REL_NS, RT, W_NS, W
from drafter.writers.docx.styles import resolve_styles, tabs_of

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # deflate of real XML stays far below; zip bombs are far above

CT = f"{{{CT_NS}}}"
REL = f"{{{REL_NS}}}"
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Relationships of the main part that describe the package, not the old body's content.
KEEP_TYPES = {RT + t for t in ("styles", "settings", "webSettings", "fontTable", "theme", "numbering",
                               "footnotes", "endnotes", "customXml", "glossaryDocument")}
KEEP_TYPES.add("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")

Rel = tuple[str, str, str, "str | None"]  # id, type, target, target mode


@dataclass(frozen=True)
class Template:
    """What every render needs from one reference document."""

    main_part: str  # e.g. "word/document.xml"
    entries: tuple[ZipEntry, ...]  # parts copied as they are
    defaults: tuple[tuple[str, str], ...]  # content types by extension
    overrides: Mapping[str, str]  # "/part" -> content type, for the copied parts and the main part
    main_rels: tuple[Rel, ...]  # kept relationships of the main part
    root_rels: tuple[Rel, ...]  # kept package relationships other than main, core, app
    sect_pr_inner: str  # final section's children, with the reference's own header/footer refs
    own_parts: frozenset[str]  # "header", "footer": what the reference brings (letterhead), kept
    text_width: int  # twips between the margins
    styles: Mapping[str, str]  # logical style -> style id in this document
    header_tabs: tuple[int, ...]  # tab stops of the header style, cleared in generated headers
    footnotes_part: str | None  # existing footnotes part, replaced when drafter writes footnotes
    footnotes_entry: ZipEntry | None  # its bytes, copied when drafter writes none
    footnote_separators: str  # the separator notes to keep (Word's settings may point at them)
    footnote_first_id: int
    implicit_lang: str  # a language runs may leave unstated; "" (every run states its language)


_CACHE: dict[tuple[str, int, int], Template] = {}


def bundled_reference() -> Path:
    from drafter.paths import templates_dir

    return templates_dir() / "reference.docx"


def load_template(path: Path | None = None) -> Template:
    """The template of `path` (the bundled reference document when None), cached."""
    path = Path(path) if path is not None else bundled_reference()
    where = Location(str(path))
    try:
        st = path.stat()
    except OSError:
        raise DrafterError.at(where, "reference document not found",
                              hint="give the path of a .docx file, relative to where you run drafter") from None
    if not path.is_file():
        raise DrafterError.at(where, "reference document is not a file", hint="give a .docx file")
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    template = _CACHE.get(key)
    if template is None:
        if st.st_size > MAX_FILE_BYTES:
            raise DrafterError.at(where, f"reference document is too large ({st.st_size // 2**20} MB; "
                                  f"the limit is {MAX_FILE_BYTES // 2**20} MB)",
                                  hint="remove large images from it, or use a smaller house-style file")
        template = _Reader(path, where).read()
        _CACHE.clear()  # one reference at a time is the common case; keep memory flat
        _CACHE[key] = template
    return template


def parse_xml(data: bytes, name: str, where: Location) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DrafterError.at(where, f"reference document is damaged: {name} is not well-formed XML ({exc})",
                              hint="open and save it again in Word or LibreOffice") from None


def _serialize(node: Any) -> bytes:
    from lxml import etree

    return etree.tostring(node, xml_declaration=True, encoding="UTF-8", standalone=True)


def _bad(where: Location, message: str) -> DrafterError:
    return DrafterError.at(where, f"not a usable Word document: {message}",
                           hint="give a .docx saved by Word or LibreOffice (File > Save As > Word Document)")


class _Reader:
    def __init__(self, path: Path, where: Location):
        self.path = path
        self.where = where
        self.parts: dict[str, bytes] = {}

    def read(self) -> Template:
        self.unzip()
        types = parse_xml(self.need("[Content_Types].xml"), "[Content_Types].xml", self.where)
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in types.iter(f"{CT}Default")}
        overrides = {o.get("PartName", ""): o.get("ContentType", "") for o in types.iter(f"{CT}Override")}
        root_rels = self.rels("_rels/.rels", "")
        main = next((r for r in root_rels if r[1] == RT + "officeDocument"), None)
        if main is None:
            if any(r[1].endswith("/officeDocument") for r in root_rels):
                raise _bad(self.where, "it is saved as Strict Open XML, which drafter does not read")
            raise _bad(self.where, "it has no main document part")
        main_part = _resolve("", main[2])
        ctype = overrides.get("/" + main_part) or defaults.get(main_part.rsplit(".", 1)[-1], "")
        if "macroEnabled" in ctype:
            raise _bad(self.where, "it is macro-enabled (.docm/.dotm); save a copy as .docx")
        if ctype not in MAIN_TYPES:
            raise _bad(self.where, f"its main part is not a Word document ({ctype or 'no content type'})")
        document = parse_xml(self.need(main_part), main_part, self.where)
        sect = _final_sect_pr(document)
        refs = {n.get(f"{{{R_NS}}}id") for n in sect.iter() for k in n.attrib if k == f"{{{R_NS}}}id"}
        refs_kinds = ("headerReference", "footerReference")
        own = frozenset(etree_local(n)[:6] for n in sect if etree_local(n) in refs_kinds)
        if not own:
            for n in list(sect):
                if etree_local(n) == "titlePg":
                    sect.remove(n)
        base = posixpath.dirname(main_part)
        main_rels = tuple(r for r in self.rels(_rels_name(main_part), base) if r[1] in KEEP_TYPES or r[0] in refs)
        kept_root = tuple(r for r in root_rels if r[1] == RT + "custom-properties")

        styles_part = self.target(main_rels, "styles", base)
        if styles_part is None:
            raise _bad(self.where, "it has no styles part")
        styles_root = parse_xml(self.need(styles_part), styles_part, self.where)
        styles, changed = resolve_styles(styles_root)
        header_tabs = tabs_of(styles_root, styles["header"])
        # Every run states its language (`w:lang`), whatever the document default: a submission
        # mixes up to two of six languages, and spelling, hyphenation and fonts follow the tag.
        implicit = ""
        if changed:
            self.parts[styles_part] = _serialize(styles_root)

        fn_part = self.target(main_rels, "footnotes", base)
        separators, first_id = "", 1
        if fn_part is not None:
            separators, first_id = _separators(parse_xml(self.need(fn_part), fn_part, self.where))

        reach = _reachable(self, [*(('', r) for r in kept_root), *((base, r) for r in main_rels)])
        # Compressed once per process, so the strongest level costs nothing per document.
        skip = {main_part, fn_part}
        entries = tuple(deflate(name, self.parts[name], 9) for name in sorted(reach) if name not in skip)
        names = {e.name for e in entries} | {main_part} | ({fn_part} if fn_part else set())
        over = {p: t for p, t in overrides.items() if p[1:] in names}
        over["/" + main_part] = DOCUMENT_TYPE  # a .dotx becomes a document
        return Template(
            main_part=main_part, entries=entries,
            defaults=tuple(sorted((e, t) for e, t in defaults.items() if e)), overrides=MappingProxyType(over),
            main_rels=main_rels, root_rels=kept_root, sect_pr_inner=_inner(sect), own_parts=own,
            text_width=_text_width(sect), styles=MappingProxyType(styles), header_tabs=header_tabs,
            footnotes_part=fn_part,
            footnotes_entry=deflate(fn_part, self.parts[fn_part], 9) if fn_part else None,
            footnote_separators=separators, footnote_first_id=first_id, implicit_lang=implicit,
        )

    def unzip(self) -> None:
        try:
            with zipfile.ZipFile(self.path) as zf:
                infos = zf.infolist()
                total = 0
                for info in infos:
                    if info.flag_bits & 0x1:
                        raise _bad(self.where, "it is encrypted or password-protected")
                    total += info.file_size
                    if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                        raise _bad(self.where, f"{info.filename} unpacks to {info.file_size} bytes from "
                                   f"{info.compress_size}: refusing a possible zip bomb")
                if total > MAX_UNPACKED_BYTES:
                    raise _bad(self.where, f"it unpacks to {total // 2**20} MB "
                               f"(limit {MAX_UNPACKED_BYTES // 2**20} MB)")
                for info in infos:
                    if info.is_dir():
                        continue
                    if info.filename in self.parts:
                        raise _bad(self.where, f"it holds {info.filename} twice")
                    self.parts[info.filename] = zf.read(info)
        except zipfile.BadZipFile:
            raise _bad(self.where, "it is not a .docx (zip) file — a .doc, .rtf, .odt or a "
                       "password-protected file cannot be used") from None
        except (zlib.error, NotImplementedError, EOFError, OSError, ValueError) as exc:
            raise _bad(self.where, f"its zip archive cannot be read ({exc})") from None

    def need(self, name: str) -> bytes:
        data = self.parts.get(name)
        if data is None:
            raise _bad(self.where, f"the part {name} is missing")
        return data

    def rels(self, name: str, base: str) -> list[Rel]:
        data = self.parts.get(name)
        if data is None:
            return []
        root = parse_xml(data, name, self.where)
        return [(r.get("Id", ""), r.get("Type", ""), r.get("Target", ""), r.get("TargetMode"))
                for r in root.iter(f"{REL}Relationship")]

    def target(self, rels: tuple[Rel, ...], kind: str, base: str) -> str | None:
        for _rid, rtype, target, mode in rels:
            if rtype == RT + kind and mode != "External":
                name = _resolve(base, target)
                return name if name in self.parts else None
        return None


def etree_local(node: Any) -> str:
    tag = node.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target))


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _reachable(reader: _Reader, start: list[tuple[str, Rel]]) -> set[str]:
    """Every part reachable from the kept (folder, relationship) pairs, with the `.rels` parts
    that lead on; everything else in the reference (its body's images, comments) is left out."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        folder, (_rid, _t, target, mode) = todo.pop()
        if mode == "External":
            continue
        name = _resolve(folder, target)
        if name in seen or name not in reader.parts:
            continue
        seen.add(name)
        rels_name = _rels_name(name)
        if rels_name in reader.parts:
            seen.add(rels_name)
            todo.extend((posixpath.dirname(name), r) for r in reader.rels(rels_name, ""))
    return seen


def _final_sect_pr(document: Any) -> Any:
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
        if not isinstance(node.tag, str) or not node.tag.startswith(W) or etree_local(node) == "type":
            sect.remove(node)
    return sect


def _inner(sect: Any) -> str:
    """The section's children as XML; header/footer references first, as the schema wants."""
    from lxml import etree

    return "".join(etree.tostring(node, encoding="unicode") for node in sect)


def _text_width(sect: Any) -> int:
    size, mar = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")

    def num(node: Any, attr: str, default: int) -> int:
        try:
            return int(float(node.get(f"{W}{attr}"))) if node is not None and node.get(f"{W}{attr}") else default
        except ValueError:
            return default

    width = num(size, "w", 11906) - num(mar, "left", 1417) - num(mar, "right", 1417) - num(mar, "gutter", 0)
    return width if width > 1440 else 9072


def _separators(footnotes: Any) -> tuple[str, int]:
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
