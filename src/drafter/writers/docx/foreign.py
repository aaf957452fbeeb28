"""A foreign OOXML package made safe to copy from: member names, XML, relationships, parts.

A reference document comes from someone else, and whatever drafter keeps from it goes into
every output. So nothing is copied blind (docs/refusals.md, "Reference documents"):

- member names are normalised (`\\` → `/`, no leading `/`, no `..`, no drive letters); a
  name that leads out of the package is dropped, two names for one part are an error;
- every XML part kept is parsed without DTD, entities or network (lxml: `load_dtd=False`,
  `resolve_entities=False`, `no_network=True`, `huge_tree=False`) and serialised again, so a
  DTD or an entity ("billion laughs") never reaches an output;
- external relationships (`TargetMode="External"`: remote images, a remote
  `attachedTemplate`) are dropped with a warning, and so is what points at them;
- macros and active content (`vbaProject.bin`, `vbaData.xml`, ActiveX, OLE objects) and
  binary parts other than images (embedded fonts, packages) are dropped with a warning;
- a relationship pointing at a part drafter writes itself (`[Content_Types].xml`, a `.rels`
  part, `docProps/core.xml`, the main document) is dropped with a warning; a kept part whose
  name drafter needs (its header, footer and footnote parts) is renamed.

python-docx reads packages too, but trusts them (it copies unknown parts as they are), so
this module does the reading with lxml, the XML library python-docx itself is built on.
"""

from __future__ import annotations

import posixpath
import re
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct

from drafter.errors import DrafterError, Location
from drafter.writers.docx import wordml as X
from drafter.writers.docx.ns import R_NS, REL_NS

REL = f"{{{REL_NS}}}"
_R = f"{{{R_NS}}}"
_O_RELID = "{urn:schemas-microsoft-com:office:office}relid"
IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "emf", "wmf"}
# Relationship types or content types that mean code or active content.
ACTIVE = re.compile(r"vba|macro|activex|oleobject|/control|/package|embeddings|keymap|wordVbaData",
                     re.IGNORECASE)
# Parts drafter writes into every output: nothing kept may point at them.
RESERVED_TARGETS = {"[content_types].xml", "_rels/.rels", "docprops/core.xml", "docprops/app.xml"}
# Elements whose relationship id is required: without the relationship, the element goes.
_NEEDS_ID = {"attachedTemplate", "embedRegular", "embedBold", "embedItalic", "embedBoldItalic",
             "subDoc", "altChunk", "dataSource", "headerSource", "src", "recipientData",
             "saveThroughXslt", "headerReference", "footerReference", "control", "oleObject",
             "objectEmbed", "objectLink", "movie"}

Rel = tuple[str, str, str, "str | None"]  # id, type, target, target mode


def normal_name(raw: str) -> str | None:
    """The zip member name `raw` as a part name, or None if it leads out of the package."""
    name = raw.replace("\\", "/")
    if "\x00" in name or re.match(r"[A-Za-z]:", name):
        return None
    name = name.lstrip("/")
    norm = posixpath.normpath(name) if name else ""
    if norm in ("", ".", "..") or norm.startswith("../"):
        return None
    return norm


def parse_xml(data: bytes, name: str, where: Location) -> Any:
    """`data` parsed without DTD, entities or network; `DrafterError` if it is not XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, dtd_validation=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        if "amplification" in str(exc) or "entity" in str(exc).lower() and "loop" in str(exc).lower():
            raise DrafterError.at(where, f"reference document {name} declares entities that expand "
                                  "without bound (a \"billion laughs\" attack)",
                                  hint="use a reference document saved by Word or LibreOffice") from None
        raise DrafterError.at(where, f"reference document is damaged: {name} is not well-formed XML ({exc})",
                              hint="open and save it again in Word or LibreOffice") from None
    for entity in list(root.iter(etree.Entity)):  # an entity reference would need its DTD
        _remove(entity)
    return root


def serialise(node: Any) -> bytes:
    """The element as a standalone UTF-8 XML document (never with a DTD)."""
    from lxml import etree

    return bytes(etree.tostring(node, xml_declaration=True, encoding="UTF-8", standalone=True))


def local(node: Any) -> str:
    """An element's tag without its namespace ('' for comments and processing instructions)."""
    tag = node.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _remove(node: Any) -> None:
    """Remove `node`, keeping the text that follows it."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def strip_references(root: Any, kept_ids: set[str]) -> None:
    """Drop references to relationships that were not kept: the attribute, or the whole
    element where the relationship is what it is for (`w:attachedTemplate`, embedded fonts)."""
    for node in list(root.iter()):
        if not isinstance(node.tag, str):
            continue
        for attr in list(node.attrib):
            if (attr.startswith(_R) or attr == _O_RELID) and node.get(attr) not in kept_ids:
                if local(node) in _NEEDS_ID:
                    _remove(node)
                    break
                del node.attrib[attr]


def resolve(base: str, target: str) -> str | None:
    """The part name a relationship target names, or None if it leaves the package."""
    target = target.split("#", 1)[0]
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
    return normal_name(joined) if joined else None


def rels_name(part: str) -> str:
    """The relationships part of `part`: `word/document.xml` -> `word/_rels/document.xml.rels`."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


class Collected(Struct):
    """What `Sanitiser.collect` keeps: output parts (name → bytes) and, per starting point,
    its kept relationships with targets relative to where that part is written."""

    files: dict[str, bytes]
    start_rels: dict[str, tuple[Rel, ...]]
    names: dict[str, str]  # source part name -> output part name
    types: dict[str, str]  # output part name -> content type


class Sanitiser:
    """Walks a package from chosen relationships, keeping only what is safe to copy."""

    def __init__(self, parts: Mapping[str, bytes], content_type: Callable[[str], str],
                 where: Location, fixed: Mapping[str, str]):
        self.parts = parts
        self.index = {n.lower(): n for n in parts}
        self.content_type = content_type
        self.where = where
        self.fixed = dict(fixed)  # source part -> its output name (main document, footnotes)
        self.warnings: list[str] = []

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def raw_rels(self, part: str) -> list[Rel]:
        data = self.parts.get(rels_name(part)) if part else self.parts.get("_rels/.rels")
        if data is None:
            return []
        root = parse_xml(data, rels_name(part) if part else "_rels/.rels", self.where)
        return [(r.get("Id", ""), r.get("Type", ""), r.get("Target", ""), r.get("TargetMode"))
                for r in root.iter(f"{REL}Relationship")]

    def is_xml(self, name: str) -> bool:
        ctype = self.content_type(name)
        return ctype.endswith("xml") or name.lower().endswith((".xml", ".vml", ".rels"))

    def keep_rel(self, source: str, rel: Rel, seen: set[str]) -> str | None:
        """The part `rel` of `source` leads to, if it is kept; else None, with a warning."""
        rid, rtype, target, mode = rel
        shown = source or "the package"
        if (mode or "").lower() == "external":
            self.warn(f"dropped the external relationship {rid!r} of {shown} (to {target[:200]!r}): "
                      "outputs never fetch anything from elsewhere")
            return None
        if not rid or rid in seen:
            self.warn(f"dropped a relationship of {shown} without an id of its own ({rid[:80]!r})")
            return None
        name = resolve(posixpath.dirname(source), target)
        part = self.index.get(name.lower()) if name else None
        if part is None:
            self.warn(f"dropped the relationship {rid!r} of {shown}: it points at no part ({target[:200]!r})")
            return None
        lower = part.lower()
        if lower in RESERVED_TARGETS or lower.endswith(".rels") or self.fixed.get(part) == "word/document.xml":
            self.warn(f"dropped the relationship {rid!r} of {shown}: it points at {part}, "
                      "which drafter writes itself")
            return None
        ctype = self.content_type(part)
        if ACTIVE.search(rtype) or ACTIVE.search(ctype) or ACTIVE.search(part):
            self.warn(f"dropped {part}: macros and active content are never copied")
            return None
        if not self.is_xml(part) and part.rsplit(".", 1)[-1].lower() not in IMAGE_EXTENSIONS:
            self.warn(f"dropped {part} ({ctype or 'unknown type'}): drafter copies no binary part but images")
            return None
        return part

    def filtered(self, source: str, rels: list[Rel]) -> list[tuple[str, str, str]]:
        out: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for rel in rels:
            part = self.keep_rel(source, rel, seen)
            if part is not None:
                seen.add(rel[0])
                out.append((rel[0], rel[1], part))
        return out

    def collect(self, starts: Mapping[str, list[Rel]]) -> Collected:
        """Everything reachable from `starts` (source part → chosen relationships; "" is the
        package root), sanitised; the starting parts themselves are not emitted."""
        first = {src: self.filtered(src, rels) for src, rels in starts.items()}
        kept: dict[str, list[tuple[str, str, str]]] = {}
        todo = deque(part for rels in first.values() for _, _, part in rels)
        while todo:
            part = todo.popleft()
            if part in kept:
                continue
            kept[part] = self.filtered(part, self.raw_rels(part)) if self.is_xml(part) else []
            todo.extend(p for _, _, p in kept[part])
        names = self.output_names(kept, starts)
        files: dict[str, bytes] = {}
        for part, rels in kept.items():
            out = names[part]
            if self.is_xml(part):
                root = parse_xml(self.parts[part], part, self.where)
                strip_references(root, {rid for rid, _, _ in rels})
                files[out] = serialise(root)
            else:
                files[out] = self.parts[part]
            if rels:
                files[rels_name(out)] = X.relationships(
                    (rid, rtype, _relative(names[p], out), None) for rid, rtype, p in rels).encode("utf-8")
        start_rels: dict[str, tuple[Rel, ...]] = {
            src: tuple((rid, rtype, _relative(names[p], names.get(src, src)), None) for rid, rtype, p in rels)
            for src, rels in first.items()}
        types = {names[p]: self.content_type(p) for p in kept}
        return Collected(files, start_rels, names, types)

    def output_names(self, kept: Mapping[str, Any], starts: Mapping[str, Any]) -> dict[str, str]:
        """Output names: the fixed ones, else the part's own unless drafter needs that name."""
        names = {p: self.fixed[p] for p in [*kept, *starts] if p in self.fixed}
        used = {n.lower() for n in names.values()}
        for n, part in enumerate(sorted(p for p in kept if p not in names), start=1):
            out = part
            if _drafters(out) or out.lower() in used:
                out = f"word/ref{n}-{posixpath.basename(part)}"
                while out.lower() in used:
                    out = f"word/ref{n}x-{posixpath.basename(part)}"
                    n += 1000
            names[part] = out
            used.add(out.lower())
        return names


def _drafters(name: str) -> bool:
    """True for names drafter gives its own parts in every output."""
    lower = name.lower()
    return (lower in RESERVED_TARGETS or lower in ("word/document.xml", "word/footnotes.xml")
            or lower.startswith("word/drafter-") or lower.endswith(".rels")
            or lower.startswith("word/_rels/"))


def _relative(target: str, source: str) -> str:
    folder = posixpath.dirname(source)
    return posixpath.relpath(target, folder) if folder else target
