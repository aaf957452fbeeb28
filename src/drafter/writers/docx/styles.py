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
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from msgspec import Struct

from drafter.writers.docx.ns import W

# Logical style -> (type, name as Word stores it). Built-in names are lower-case in styles.xml.
STYLES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "title": ("paragraph", "Title"), "subtitle": ("paragraph", "Subtitle"),
    "byline": ("paragraph", "Drafter Byline"), "h1": ("paragraph", "heading 1"),
    "h2": ("paragraph", "heading 2"), "body": ("paragraph", "Body Text"),
    "numbered": ("paragraph", "Drafter Numbered Paragraph"),
    "colhead": ("paragraph", "Drafter Column Heading"), "note": ("paragraph", "Drafter Note"),
    "clause": ("paragraph", "Drafter Clause"), "question": ("paragraph", "Drafter Question"),
    "masthead": ("paragraph", "Drafter Masthead"), "symbol": ("paragraph", "Drafter Symbol"),
    "agenda": ("paragraph", "Drafter Agenda Item"), "signature": ("paragraph", "Drafter Signature"),
    "communication": ("paragraph", "Drafter Communication Title"),
    "cell": ("paragraph", "Drafter Table Text"), "fn_text": ("paragraph", "footnote text"),
    "header": ("paragraph", "header"), "footer": ("paragraph", "footer"),
    "mark": ("character", "Drafter Mark"), "fn_ref": ("character", "footnote reference"),
    "parallel": ("table", "Drafter Parallel Table"), "sources": ("table", "Drafter Sources Table"),
})

StyleKey = tuple[str, str]  # (type, lower-case name), e.g. ("paragraph", "heading 1")


def style_index(root: Any) -> dict[StyleKey, Any]:
    """The style elements of a styles part by (type, lower-case name); the first one wins."""
    out: dict[StyleKey, Any] = {}
    for style in root.findall(f"{W}style"):
        name = style.find(f"{W}name")
        label = name.get(f"{W}val", "") if name is not None else style.get(f"{W}styleId", "")
        out.setdefault((style.get(f"{W}type", "paragraph"), label.lower()), style)
    return out


class BundledStyles(Struct, frozen=True):
    """The bundled reference document's styles: where missing styles are copied from."""

    by_key: Mapping[StyleKey, Any]
    key_of_id: Mapping[str, StyleKey]  # style id -> key, to follow basedOn/next/link

    @classmethod
    def of(cls, root: Any) -> BundledStyles:
        """The styles of a parsed styles part."""
        index = style_index(root)
        return cls(MappingProxyType(index), MappingProxyType({s.get(f"{W}styleId"): k for k, s in index.items()}))


class _Copier:
    """Copies the styles a reference lacks from the bundled ones, with their basedOn chains."""

    def __init__(self, root: Any, bundled: Callable[[], BundledStyles]):
        self.root = root
        self.bundled = bundled  # called only if a style is missing: a full reference costs nothing
        self.index = style_index(root)
        self.ids = {s.get(f"{W}styleId") for s in root.findall(f"{W}style")}

    def copy(self, key: StyleKey) -> Any:
        bundled = self.bundled()
        style = copy.deepcopy(bundled.by_key[key])
        sid = style.get(f"{W}styleId")
        while sid in self.ids:
            sid = "Drafter" + sid
        style.set(f"{W}styleId", sid)
        self.ids.add(sid)
        for ref in ("basedOn", "next", "link"):
            node = style.find(f"{W}{ref}")
            if node is None:
                continue
            target = bundled.key_of_id.get(node.get(f"{W}val"))
            if ref != "link" and target is not None and target == key:
                node.set(f"{W}val", sid)
            elif ref != "link" and target is not None and target in self.index:
                node.set(f"{W}val", self.index[target].get(f"{W}styleId"))
            elif ref != "link" and target is not None and target in bundled.by_key:
                node.set(f"{W}val", self.copy(target).get(f"{W}styleId"))
            else:
                style.remove(node)
        self.root.append(style)
        self.index[key] = style
        return style


def resolve_styles(root: Any, bundled: Callable[[], BundledStyles]) -> tuple[dict[str, str], bool]:
    """Style ids for drafter's logical styles; missing styles are copied from `bundled()`."""
    copier = _Copier(root, bundled)
    out: dict[str, str] = {}
    changed = False
    for logical, (kind, name) in STYLES.items():
        key = (kind, name.lower())
        style = copier.index.get(key)
        if style is None:
            style = copier.copy(key)
            changed = True
        out[logical] = style.get(f"{W}styleId")
    return out, changed


def implicit_lang(root: Any) -> str:
    """The docDefaults language, unless a style sets one (then every run states its own)."""
    if any(True for style in root.findall(f"{W}style") for _ in style.iter(f"{W}lang")):
        return ""
    lang = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    return lang.get(f"{W}val", "") if lang is not None else ""


def tabs_of(root: Any, style_id: str) -> tuple[int, ...]:
    """The tab stops of the style `style_id`, in twips."""
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
