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

import posixpath
import zlib
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter.errors import DrafterError, Location, Problem
from drafter.writers.docx.archive import deflate
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
from drafter.writers.docx.ns import CT_NS, R_NS, RT, W
from drafter.writers.docx.numbering import ReferenceLists, reference_lists
from drafter.writers.docx.section import REF_KINDS, final_sect_pr, own_parts, sect_inner, text_width
from drafter.writers.docx.section import separators as note_separators
from drafter.writers.docx.styles import BundledStyles, resolve_styles, tabs_of
from drafter.writers.docx.template import Template, bundled_reference

__all__ = ["Template", "bundled_reference", "bundled_styles", "load_template", "reference_warnings"]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # deflate of real XML stays far below; zip bombs are far above

CT = f"{{{CT_NS}}}"
FOOTNOTES = "word/footnotes.xml"
MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Relationships of the main part that describe the package, not the old body's content.
KEEP_TYPES = {RT + t for t in ("styles", "settings", "webSettings", "fontTable", "theme", "numbering",
                               "footnotes", "endnotes", "customXml", "glossaryDocument")}
KEEP_TYPES.add("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")


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
    """A reference document read, sanitised and compressed, kept for the next render.

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
    import zipfile  # here, not at the top: a render from the cached bundled template never unzips

    path = bundled_reference()
    with zipfile.ZipFile(path) as zf:
        return BundledStyles.of(parse_xml(zf.read("word/styles.xml"), "word/styles.xml", Location(str(path))))


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
        sect = final_sect_pr(document, self.warnings)
        refs = {n.get(f"{{{R_NS}}}id") for n in sect if local(n) in REF_KINDS}
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
        own = own_parts(sect, {old[0]: new[0] for old, new in zip(kept.start_rels[main_part], main_rels, strict=True)})
        files = kept.files
        styles_root, styles = self.styles(files, kept.names.get(styles_part), styles_part)
        num_part, lists = self.lists(files, kept.names.get(self.target(chosen, "numbering", main_part) or ""))
        separators, first_id = "", 1
        fn_entry = None
        if FOOTNOTES in files:
            separators, first_id = note_separators(parse_xml(files[FOOTNOTES], FOOTNOTES, self.where))
            fn_entry = deflate(FOOTNOTES, files.pop(FOOTNOTES), 9)
        # Compressed once per process, so the strongest level costs nothing per document.
        entries = tuple(deflate(name, data, 9) for name, data in sorted(files.items()))
        over, defaults = self.types(kept.types, files)
        return Template(
            main_part="word/document.xml", entries=entries, defaults=defaults,
            overrides=MappingProxyType(over), main_rels=main_rels,
            root_rels=kept.start_rels[""], sect_pr_inner=sect_inner(sect), own_parts=own,
            sect_pr_title=sect_inner(sect, title_page=True), numbering_part=num_part, lists=lists,
            text_width=text_width(sect), styles=MappingProxyType(styles),
            header_tabs=tabs_of(styles_root, styles["header"]),
            footnotes_part=FOOTNOTES if fn_entry else None, footnotes_entry=fn_entry,
            footnote_separators=separators, footnote_first_id=first_id,
            # Every run states its language (`w:lang`), whatever the document default: a submission
            # mixes up to two of six languages, and spelling, hyphenation and fonts follow the tag.
            implicit_lang="", warnings=tuple(self.warnings),
        )

    def lists(self, files: dict[str, bytes], name: str | None) -> tuple[str | None, ReferenceLists]:
        """The reference's numbering part, taken out of the copied parts: every render writes it
        anew with drafter's lists added to the reference's own (numbering.py)."""
        if not name or name not in files:
            return None, ReferenceLists()
        return name, reference_lists(parse_xml(files.pop(name), name, self.where))

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
            raise _bad(self.where, f"its styles part {styles_part} holds <{local(root)}>, "
                       "not WordprocessingML styles (w:styles)")
        styles, changed = resolve_styles(root, bundled_styles)
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
        """The content type of part `name`: its override, else its extension's default."""
        found: str = self.overrides.get("/" + name.lower()) or self.defaults.get(name.rsplit(".", 1)[-1].lower(), "")
        return found

    def part(self, name: str | None) -> str | None:
        """The stored part called `name`, compared as OPC does: ignoring case."""
        if name is None:
            return None
        return self.index.get(name.lower())

    def unzip(self) -> None:
        import zipfile

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
