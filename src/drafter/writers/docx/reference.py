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

import posixpath
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter import paths
from drafter.errors import DrafterError, Location
from drafter.writers.docx.archive import ZipEntry, deflate
from drafter.writers.docx.ns import CT_NS, R_NS, REL_NS, RT
from drafter.writers.docx.numbering import ReferenceLists, reference_lists
from drafter.writers.docx.parse import final_sect_pr, local_name, parse_xml, sect_inner, serialize, text_width
from drafter.writers.docx.parse import separators as parse_separators
from drafter.writers.docx.styles import BundledStyles, implicit_lang, resolve_styles, tabs_of

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
    sect_pr_title: str  # the same with `w:titlePg` (a title page without the running header)
    own_parts: frozenset[str]  # "header", "footer": what the reference brings (letterhead), kept
    text_width: int  # twips between the margins
    styles: Mapping[str, str]  # logical style -> style id in this document
    header_tabs: tuple[int, ...]  # tab stops of the header style, cleared in generated headers
    footnotes_part: str | None  # existing footnotes part, replaced when drafter writes footnotes
    footnotes_entry: ZipEntry | None  # its bytes, copied when drafter writes none
    footnote_separators: str  # the separator notes to keep (Word's settings may point at them)
    footnote_first_id: int
    implicit_lang: str  # docDefaults language when no style overrides it: runs in it omit w:lang
    numbering_part: str | None = None  # the reference's numbering part, rewritten with drafter's lists
    lists: ReferenceLists = ReferenceLists()  # the lists it already holds (a house style's)


def bundled_reference() -> Path:
    """The reference document drafter ships (built by scripts/build_reference_doc.py)."""
    return paths.templates_dir() / "reference.docx"


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
    if st.st_size > MAX_FILE_BYTES:
        raise DrafterError.at(where, f"reference document is too large ({st.st_size // 2**20} MB; "
                              f"the limit is {MAX_FILE_BYTES // 2**20} MB)",
                              hint="remove large images from it, or use a smaller house-style file")
    return _read(str(path.resolve()), st.st_mtime_ns, st.st_size, str(path))


@lru_cache(maxsize=1)
def _read(resolved: str, mtime_ns: int, size: int, shown: str) -> Template:
    """A reference document read and compressed, kept for the next render.

    The cache holds one entry, keyed by the file's real path, modification time and size: one
    reference at a time is the common case (a batch renders thousands of files with the same
    one), so memory stays flat, and a changed file is read again. Failures are not kept.
    """
    return _Reader(Path(resolved), Location(shown)).read()


@cache
def bundled_styles() -> BundledStyles:
    """The bundled reference document's styles, copied into references that lack one.

    Read once per process (the function takes nothing, so the cache holds one entry); the
    elements are deep-copied before use, so the cached tree never changes.
    """
    path = bundled_reference()
    with zipfile.ZipFile(path) as zf:
        return BundledStyles.of(parse_xml(zf.read("word/styles.xml"), "word/styles.xml", Location(str(path))))


def _bad(where: Location, message: str) -> DrafterError:
    return DrafterError.at(where, f"not a usable Word document: {message}",
                           hint="give a .docx saved by Word or LibreOffice (File > Save As > Word Document)")


class _Reader:
    def __init__(self, path: Path, where: Location):
        self.path = path
        self.where = where
        self.parts: dict[str, bytes] = {}

    def read(self) -> Template:
        """Everything a render needs from the reference document, checked."""
        self.unzip()
        types = parse_xml(self.need("[Content_Types].xml"), "[Content_Types].xml", self.where)
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in types.iter(f"{CT}Default")}
        overrides = {o.get("PartName", ""): o.get("ContentType", "") for o in types.iter(f"{CT}Override")}
        root_rels = self.rels("_rels/.rels", "")
        main_part = self.main_part(root_rels, defaults, overrides)
        sect, own, refs = self.section(main_part)
        base = posixpath.dirname(main_part)
        main_rels = tuple(r for r in self.rels(_rels_name(main_part), base) if r[1] in KEEP_TYPES or r[0] in refs)
        kept_root = tuple(r for r in root_rels if r[1] == RT + "custom-properties")
        styles, header_tabs, implicit = self.styles(main_rels, base)
        fn_part = self.target(main_rels, "footnotes", base)
        separators, first_id = "", 1
        if fn_part is not None:
            separators, first_id = parse_separators(parse_xml(self.need(fn_part), fn_part, self.where))
        num_part = self.target(main_rels, "numbering", base)
        lists = ReferenceLists()
        if num_part is not None:
            lists = reference_lists(parse_xml(self.need(num_part), num_part, self.where))
        reach = _reachable(self, [*(('', r) for r in kept_root), *((base, r) for r in main_rels)])
        # Compressed once per process, so the strongest level costs nothing per document.
        skip = {main_part, fn_part, num_part}
        entries = tuple(deflate(name, self.parts[name], 9) for name in sorted(reach) if name not in skip)
        names = {e.name for e in entries} | {main_part} | {p for p in (fn_part, num_part) if p}
        over = {p: t for p, t in overrides.items() if p[1:] in names}
        over["/" + main_part] = DOCUMENT_TYPE  # a .dotx becomes a document
        return Template(
            main_part=main_part, entries=entries,
            defaults=tuple(sorted((e, t) for e, t in defaults.items() if e)), overrides=MappingProxyType(over),
            main_rels=main_rels, root_rels=kept_root, sect_pr_inner=sect_inner(sect), own_parts=own,
            sect_pr_title=sect_inner(sect, title_page=True),
            text_width=text_width(sect), styles=MappingProxyType(styles), header_tabs=header_tabs,
            footnotes_part=fn_part,
            footnotes_entry=deflate(fn_part, self.parts[fn_part], 9) if fn_part else None,
            footnote_separators=separators, footnote_first_id=first_id, implicit_lang=implicit,
            numbering_part=num_part, lists=lists,
        )

    def main_part(self, root_rels: list[Rel], defaults: dict[str, str], overrides: dict[str, str]) -> str:
        """The main document part's name, once it is known to be a plain Word document."""
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
        return main_part

    def section(self, main_part: str) -> tuple[Any, frozenset[str], set[str]]:
        """The final section's properties, the header/footer it brings, and the ids it refers to."""
        sect = final_sect_pr(parse_xml(self.need(main_part), main_part, self.where))
        refs = {n.get(f"{{{R_NS}}}id") for n in sect.iter() for k in n.attrib if k == f"{{{R_NS}}}id"}
        refs_kinds = ("headerReference", "footerReference")
        own = frozenset(local_name(n)[:6] for n in sect if local_name(n) in refs_kinds)
        if not own:
            for n in list(sect):
                if local_name(n) == "titlePg":
                    sect.remove(n)
        return sect, own, refs

    def styles(self, main_rels: tuple[Rel, ...], base: str) -> tuple[dict[str, str], tuple[int, ...], str]:
        """Drafter's style ids in this document (missing ones added), header tabs, implicit language."""
        styles_part = self.target(main_rels, "styles", base)
        if styles_part is None:
            raise _bad(self.where, "it has no styles part")
        root = parse_xml(self.need(styles_part), styles_part, self.where)
        styles, changed = resolve_styles(root, bundled_styles)
        if changed:
            self.parts[styles_part] = serialize(root)
        return styles, tabs_of(root, styles["header"]), implicit_lang(root)

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


