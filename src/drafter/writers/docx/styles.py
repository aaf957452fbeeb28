"""Drafter's styles inside a reference document: find them by name, add the missing ones.

Word stores localised style *ids* (`berschrift1` for "heading 1" in a German Word), so every
style drafter uses is looked up by its name, and the id found is what the body refers to. A
style the reference lacks (a house-style file rarely has "Drafter Numbered Paragraph"; a file
saved by Word often lacks "heading 1" until it is used) is copied from the bundled reference
document, with its `basedOn`/`next` chain mapped onto the reference's own styles, so the output
never points at a missing style.
"""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from drafter.errors import Location
from drafter.writers.docx.ns import W

# Logical style -> (type, name as Word stores it). Built-in names are lower-case in styles.xml.
STYLES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "title": ("paragraph", "Title"), "subtitle": ("paragraph", "Subtitle"),
    "byline": ("paragraph", "Drafter Byline"), "h1": ("paragraph", "heading 1"),
    "h2": ("paragraph", "heading 2"), "body": ("paragraph", "Body Text"),
    "numbered": ("paragraph", "Drafter Numbered Paragraph"),
    "colhead": ("paragraph", "Drafter Column Heading"), "note": ("paragraph", "Drafter Note"),
    "clause": ("paragraph", "Drafter Clause"), "question": ("paragraph", "Drafter Question"),
    "cell": ("paragraph", "Drafter Table Text"), "fn_text": ("paragraph", "footnote text"),
    "header": ("paragraph", "header"), "footer": ("paragraph", "footer"),
    "mark": ("character", "Drafter Mark"), "fn_ref": ("character", "footnote reference"),
    "parallel": ("table", "Drafter Parallel Table"), "sources": ("table", "Drafter Sources Table"),
})

_BUNDLED_STYLES: dict[Any, Any] = {}


def style_index(root: Any) -> dict[tuple[str, str], Any]:
    out = {}
    for style in root.findall(f"{W}style"):
        name = style.find(f"{W}name")
        label = name.get(f"{W}val", "") if name is not None else style.get(f"{W}styleId", "")
        out.setdefault((style.get(f"{W}type", "paragraph"), label.lower()), style)
    return out


def _bundled_styles() -> dict[Any, Any]:
    """Style elements of the bundled reference document by (type, lower-case name), and "ids"."""
    from drafter.writers.docx.reference import bundled_reference, parse_xml

    if not _BUNDLED_STYLES:
        with zipfile.ZipFile(bundled_reference()) as zf:
            root = parse_xml(zf.read("word/styles.xml"), "word/styles.xml", Location(str(bundled_reference())))
        _BUNDLED_STYLES.update(style_index(root))
        _BUNDLED_STYLES["ids"] = {s.get(f"{W}styleId"): k for k, s in style_index(root).items()}
    return _BUNDLED_STYLES


def resolve_styles(root: Any) -> tuple[dict[str, str], bool]:
    """Style ids for drafter's logical styles; missing styles are copied from the bundled ones."""
    index = style_index(root)
    ids = {s.get(f"{W}styleId") for s in root.findall(f"{W}style")}
    out: dict[str, str] = {}
    changed = False
    for logical, (kind, name) in STYLES.items():
        key = (kind, name.lower())
        style = index.get(key)
        if style is None:
            style = _copy_style(root, key, index, ids)
            changed = True
        out[logical] = style.get(f"{W}styleId")
    return out, changed


def _copy_style(root: Any, key: tuple[str, str], index: dict, ids: set) -> Any:
    bundled = _bundled_styles()
    style = copy.deepcopy(bundled[key])
    sid = style.get(f"{W}styleId")
    while sid in ids:
        sid = "Drafter" + sid
    style.set(f"{W}styleId", sid)
    ids.add(sid)
    for ref in ("basedOn", "next", "link"):
        node = style.find(f"{W}{ref}")
        if node is None:
            continue
        target = bundled["ids"].get(node.get(f"{W}val"))
        if ref != "link" and target is not None and target == key:
            node.set(f"{W}val", sid)
        elif ref != "link" and target is not None and target in index:
            node.set(f"{W}val", index[target].get(f"{W}styleId"))
        elif ref != "link" and target is not None and target in bundled:
            node.set(f"{W}val", _copy_style(root, target, index, ids).get(f"{W}styleId"))
        else:
            style.remove(node)
    root.append(style)
    index[key] = style
    return style


def implicit_lang(root: Any) -> str:
    """The docDefaults language, unless a style sets one (then every run states its own)."""
    if any(True for style in root.findall(f"{W}style") for _ in style.iter(f"{W}lang")):
        return ""
    lang = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    return lang.get(f"{W}val", "") if lang is not None else ""


def tabs_of(root: Any, style_id: str) -> tuple[int, ...]:
    for style in root.findall(f"{W}style"):
        if style.get(f"{W}styleId") == style_id:
            out = []
            for tab in style.iter(f"{W}tab"):
                try:
                    out.append(int(tab.get(f"{W}pos", "")))
                except ValueError:
                    continue
            return tuple(out)
    return ()
