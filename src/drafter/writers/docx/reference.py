"""The reference document: read once per process, checked, and kept as ready-to-copy zip entries.

Every DOCX output is the reference document's package (styles, settings, theme, letterhead
headers and their images) with a new main document (always `word/document.xml`), footnotes,
core properties and — unless the reference brings its own — header and footer. Reading and
compressing those parts costs more than writing a whole submission, so the result is cached
per file (path, mtime, size) and every render copies the compressed bytes.

A user's `--reference-doc` is untrusted input: it is size- and ratio-checked before anything is
inflated; every part kept is sanitised and serialised anew by `foreign.py` (no DTD, no external
relationship, no macro, no binary but images, no name drafter needs); the main part's kept
relationships are renumbered (`rIdRef1`…) so they never clash with drafter's own
(`rIdDrafterHeader1`); page numbers Word could not read are replaced. What was dropped is
returned as warnings (`reference_warnings`); anything unusable is a `DrafterError` naming the
file. Styles are resolved by `styles.py`.
"""

from __future__ import annotations

import copy
import posixpath
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter.errors import DrafterError, Location, Problem
from drafter.writers.docx.archive import ZipEntry, deflate
from drafter.writers.docx.foreign import (
    ACTIVE,
    IMAGE_EXTENSIONS,
    Rel,
    Sanitiser,
    local,
    normal_name,
    parse_xml,
    resolve,
    serialise,
)
from drafter.writers.docx.ns import CT_NS, R_NS, RT, W_NS, W
from drafter.writers.docx.styles import resolve_styles, tabs_of

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # deflate of real XML stays far below; zip bombs are far above

CT = f"{{{CT_NS}}}"
FOOTNOTES = "word/footnotes.xml"
REF_KINDS = ("headerReference", "footerReference")
MAX_TWIPS = 31680  # 22 inches: the largest page Word makes
MAX_NOTE_ID = 32767
_TWIPS = re.compile(r"-?[0-9]{1,9}")
_NUMBERISH = re.compile(r"[-+0-9.eE]+|[-+]?(inf|nan|infinity)", re.IGNORECASE)
PAGE_DEFAULTS = {"pgSz/w": 11906, "pgSz/h": 16838, "pgMar/top": 1417, "pgMar/right": 1417,
                 "pgMar/bottom": 1417, "pgMar/left": 1417, "pgMar/header": 709,
                 "pgMar/footer": 709, "pgMar/gutter": 0}
SIGNED = {"pgMar/top", "pgMar/bottom"}
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Relationships of the main part that describe the package, not the old body's content.
KEEP_TYPES = {RT + t for t in ("styles", "settings", "webSettings", "fontTable", "theme", "numbering",
                               "footnotes", "endnotes", "customXml", "glossaryDocument")}
KEEP_TYPES.add("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")


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
    warnings: tuple[str, ...] = ()  # what was dropped or repaired (foreign.py), for the user


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


def _bad(where: Location, message: str) -> DrafterError:
    return DrafterError.at(where, f"not a usable Word document: {message}",
                           hint="give a .docx saved by Word or LibreOffice (File > Save As > Word Document)")


def reference_warnings(path: Path | None) -> tuple[Problem, ...]:
    """What was dropped or repaired in the reference document `path` (none for the bundled
    one): external relationships, macros, binary parts, unusable numbers."""
    if path is None:
        return ()
    return tuple(Problem(Location(str(path)), text, hint="the output is still made; re-save the "
                         "reference document in Word or LibreOffice without it to silence this",
                         severity="warning") for text in load_template(path).warnings)


class _Reader:
    def __init__(self, path: Path, where: Location):
        self.path = path
        self.where = where
        self.parts: dict[str, bytes] = {}
        self.warnings: list[str] = []

    def read(self) -> Template:
        self.unzip()
        types = parse_xml(self.need("[Content_Types].xml"), "[Content_Types].xml", self.where)
        self.defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in types.iter(f"{CT}Default")}
        self.overrides = {o.get("PartName", "").lower(): o.get("ContentType", "") for o in types.iter(f"{CT}Override")}
        san = Sanitiser(self.parts, self.content_type, self.where, {})
        root_rels = san.raw_rels("")
        main_part = self.main_part(root_rels)
        document = parse_xml(self.parts[main_part], main_part, self.where)
        sect = _final_sect_pr(document, self.warnings)
        refs = {n.get(f"{{{R_NS}}}id") for n in sect if etree_local(n) in REF_KINDS}
        chosen = [r for r in san.raw_rels(main_part) if r[1] in KEEP_TYPES or r[0] in refs]
        fn_part = self.target(chosen, "footnotes", main_part)
        styles_part = self.target(chosen, "styles", main_part)
        if styles_part is None:
            raise _bad(self.where, "it has no styles part")
        san.fixed = {main_part: "word/document.xml", **({fn_part: FOOTNOTES} if fn_part else {})}
        kept = san.collect({"": [r for r in root_rels if r[1] == RT + "custom-properties"], main_part: chosen})
        self.warnings.extend(san.warnings)
        main_rels = tuple((f"rIdRef{n}", t, target, None) for n, (_, t, target, _m) in
                          enumerate(kept.start_rels[main_part], 1))
        own = _own_parts(sect, {old[0]: new[0] for old, new in zip(kept.start_rels[main_part], main_rels, strict=True)})
        files = kept.files
        styles_root, styles = self.styles(files, kept.names.get(styles_part), styles_part)
        separators, first_id = "", 1
        fn_entry = None
        if FOOTNOTES in files:
            separators, first_id = _separators(parse_xml(files[FOOTNOTES], FOOTNOTES, self.where))
            fn_entry = deflate(FOOTNOTES, files.pop(FOOTNOTES), 9)
        # Compressed once per process, so the strongest level costs nothing per document.
        entries = tuple(deflate(name, data, 9) for name, data in sorted(files.items()))
        over, defaults = self.types(kept.types, files)
        return Template(
            main_part="word/document.xml", entries=entries, defaults=defaults,
            overrides=MappingProxyType(over), main_rels=main_rels,
            root_rels=kept.start_rels[""], sect_pr_inner=_inner(sect), own_parts=own,
            text_width=_text_width(sect), styles=MappingProxyType(styles),
            header_tabs=tabs_of(styles_root, styles["header"]),
            footnotes_part=FOOTNOTES if fn_entry else None, footnotes_entry=fn_entry,
            footnote_separators=separators, footnote_first_id=first_id,
            # Every run states its language (`w:lang`), whatever the document default: a submission
            # mixes up to two of six languages, and spelling, hyphenation and fonts follow the tag.
            implicit_lang="", warnings=tuple(self.warnings),
        )

    def main_part(self, root_rels: list[Rel]) -> str:
        """The main document part the package relationships name, checked to be Word's."""
        main = next((r for r in root_rels if r[1] == RT + "officeDocument" and r[3] != "External"), None)
        if main is None:
            if any(r[1].endswith("/officeDocument") for r in root_rels):
                raise _bad(self.where, "it is saved as Strict Open XML, which drafter does not read")
            raise _bad(self.where, "it has no main document part")
        main_part = self.part(resolve("", main[2]))
        if main_part is None:
            raise _bad(self.where, f"the part {resolve('', main[2]) or main[2][:200]} is missing")
        ctype = self.content_type(main_part)
        if "macroEnabled" in ctype:
            raise _bad(self.where, "it is macro-enabled (.docm/.dotm); save a copy as .docx")
        if ctype not in MAIN_TYPES:
            raise _bad(self.where, f"its main part is not a Word document ({ctype or 'no content type'})")
        return main_part

    def styles(self, files: dict[str, bytes], styles_out: str | None, styles_part: str) -> tuple[Any, dict[str, str]]:
        """The styles part (checked to be `w:styles`, drafter's styles added) and the ids."""
        if styles_out is None or styles_out not in files:
            raise _bad(self.where, "it has no styles part")
        root = parse_xml(files[styles_out], styles_part, self.where)
        if root.tag != f"{W}styles":
            raise _bad(self.where, f"its styles part {styles_part} holds <{etree_local(root)}>, "
                       "not WordprocessingML styles (w:styles)")
        styles, changed = resolve_styles(root)
        if changed:
            files[styles_out] = serialise(root)
        return root, styles

    def types(self, kept: Mapping[str, str], files: Mapping[str, bytes]) -> tuple[dict[str, str],
                                                                              tuple[tuple[str, str], ...]]:
        """Content types of the kept parts: overrides, and defaults for the image extensions."""
        over = {"/" + n: t for n, t in kept.items()
                if t and (("/" + n).lower() in self.overrides or n.endswith(".xml"))}
        over["/word/document.xml"] = DOCUMENT_TYPE  # a .dotx becomes a document
        exts = {n.rsplit(".", 1)[-1].lower() for n in files if "." in n}
        defaults = tuple(sorted((e, t) for e, t in self.defaults.items()
                                if e and e in exts and e in IMAGE_EXTENSIONS and not ACTIVE.search(t)))
        return over, defaults

    def content_type(self, name: str) -> str:
        return self.overrides.get("/" + name.lower()) or self.defaults.get(name.rsplit(".", 1)[-1].lower(), "")

    def part(self, name: str | None) -> str | None:
        """The stored part called `name`, compared as OPC does: ignoring case."""
        if name is None:
            return None
        return self.index.get(name.lower())

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
                        raise _bad(self.where, f"{info.filename[:200]} unpacks to {info.file_size} bytes from "
                                   f"{info.compress_size}: refusing a possible zip bomb")
                if total > MAX_UNPACKED_BYTES:
                    raise _bad(self.where, f"it unpacks to {total // 2**20} MB "
                               f"(limit {MAX_UNPACKED_BYTES // 2**20} MB)")
                self.index: dict[str, str] = {}
                for info in infos:
                    if info.filename.endswith("/"):  # a folder (zipfile's is_dir fails on an empty name)
                        continue
                    name = normal_name(info.filename)
                    if name is None:
                        self.warnings.append(f"dropped the zip member {info.filename[:200]!r}: its name "
                                             "leads out of the package")
                        continue
                    if name.lower() in self.index:
                        raise _bad(self.where, f"it holds {name[:200]} twice")
                    self.index[name.lower()] = name
                    self.parts[name] = zf.read(info)
        except zipfile.BadZipFile:
            raise _bad(self.where, "it is not a .docx (zip) file — a .doc, .rtf, .odt or a "
                       "password-protected file cannot be used") from None
        except (zlib.error, NotImplementedError, EOFError, OSError, ValueError) as exc:
            raise _bad(self.where, f"its zip archive cannot be read ({exc})") from None

    def need(self, name: str) -> bytes:
        found = self.part(name)
        if found is None:
            raise _bad(self.where, f"the part {name} is missing")
        return self.parts[found]

    def target(self, rels: list[Rel], kind: str, source: str) -> str | None:
        for _rid, rtype, target, mode in rels:
            if rtype == RT + kind and mode != "External":
                return self.part(resolve(posixpath.dirname(source), target))
        return None


def etree_local(node: Any) -> str:
    return local(node)


def _own_parts(sect: Any, renamed: dict[str, str]) -> frozenset[str]:
    """Point the section's header/footer references at the renumbered relationships (those
    whose relationship was dropped go); return the kinds the reference brings itself."""
    rid = f"{{{R_NS}}}id"
    for node in list(sect):
        if etree_local(node) in REF_KINDS:
            if node.get(rid) in renamed:
                node.set(rid, renamed[node.get(rid)])
            else:
                sect.remove(node)
    own = frozenset(etree_local(n)[:6] for n in sect if etree_local(n) in REF_KINDS)
    if not own:
        for n in list(sect):
            if etree_local(n) == "titlePg":
                sect.remove(n)
    return own


def _final_sect_pr(document: Any, warnings: list[str]) -> Any:
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
    _sane_numbers(sect, warnings)
    return sect


def _sane_numbers(sect: Any, warnings: list[str]) -> None:
    """Page size and margins as Word reads them: whole twips within a page's reach. Anything
    else (`w:left="1e400"`, `w:w="-5"`, `w:top="1in"`) takes the default, with a warning."""
    for node in sect.iter():
        name = etree_local(node)
        for attr in list(node.attrib):
            key = f"{etree_local(node)}/{attr.rsplit('}', 1)[-1]}"
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


def _inner(sect: Any) -> str:
    """The section's children as XML; header/footer references first, as the schema wants."""
    from lxml import etree

    return "".join(etree.tostring(node, encoding="unicode") for node in sect)


def _text_width(sect: Any) -> int:
    size, mar = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")

    def num(node: Any, attr: str, default: int) -> int:
        value = node.get(f"{W}{attr}") if node is not None else None
        return int(value) if value and _TWIPS.fullmatch(value) else default

    width = num(size, "w", 11906) - num(mar, "left", 1417) - num(mar, "right", 1417) - num(mar, "gutter", 0)
    return width if width > 1440 else 9072


def _separators(footnotes: Any) -> tuple[str, int]:
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
