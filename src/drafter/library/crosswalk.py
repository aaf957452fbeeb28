"""A crosswalk: where each theme, section and item of one framework goes in another.

`commitments/crosswalks/gdc-2023--gdc-2024.yaml` maps the seven themes of the 2023 consultation
onto the five objectives of the adopted Compact. A crosswalk works at theme level, with
item-level exceptions where an item's content belongs elsewhere than its theme's (the reasons
are in docs/frameworks.md), and a rule by kind for items on no theme, so that every library item
has a place in both frameworks. A place is a theme key of the target framework, or one of the
parts every submission has (`preamble`, `closing`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from drafter.library.framework import OTHER_KINDS, Crosswalk, Framework
from drafter.library.model import KINDS, Item
from drafter.load.checks import Checker, suggest
from drafter.load.yaml import YamlDoc

PARTS = ("preamble", "closing")




def _target(ck: Checker, value: Any, path: tuple[Any, ...], target: Framework) -> str | None:
    places = (*target.theme_keys, *PARTS)
    if not ck.typed(value, path, str, "a theme key of the target framework, or preamble / closing"):
        return None
    if value not in places:
        ck.error(path, f"{value!r} is not a theme of {target.key} nor a part", suggest(value, places, "places"))
        return None
    return str(value)


def _mapping(ck: Checker, raw: Any, path: tuple[Any, ...], keys: tuple[str, ...] | None, what: str,
             target: Framework) -> dict[str, str]:
    m = ck.mapping(raw, path, optional=keys or tuple(raw or {}), what=what) if raw is not None else {}
    out = {}
    for key, value in (m or {}).items():
        found = _target(ck, value, (*path, key), target)
        if found is not None:
            out[str(key)] = found
    return out


def read_crosswalk(doc: YamlDoc, frameworks: Mapping[str, Framework],
                   items: Mapping[str, Item]) -> tuple[Crosswalk | None, Checker]:
    """The crosswalk in `doc`, checked against the frameworks and items it names."""
    ck = Checker(doc)
    m = ck.mapping(doc.data, (), required=("from", "to", "themes", "unthemed"), optional=("sections", "items"))
    if m is None:
        return None, ck
    ends = []
    for key in ("from", "to"):
        if ck.choice(m.get(key), (key,), frameworks, "framework"):
            ends.append(frameworks[m[key]])
    if len(ends) != 2:
        return None, ck
    source, target = ends
    themes = _mapping(ck, m.get("themes"), ("themes",), source.theme_keys, "theme", target)
    for key in source.theme_keys:
        if key not in themes and not any(p.path.startswith(f"themes.{key}") for p in ck.problems):
            ck.error(("themes",), f"theme {key!r} of {source.key} has no place in {target.key}",
                     f"add `{key}: <a theme of {target.key}>`")
    unthemed = _mapping(ck, m.get("unthemed"), ("unthemed",), (*KINDS, OTHER_KINDS), "kind", target)
    for kind, place in list(unthemed.items()):
        if place not in PARTS and place not in source.theme_keys:  # an unthemed item's place in both
            ck.error(("unthemed", kind), f"{place!r} is not a theme of {source.key}",
                     "items on no theme need a place in both frameworks: a part, or a theme both have")
            del unthemed[kind]
    if OTHER_KINDS not in unthemed and ck.mapping(m.get("unthemed"), ("unthemed",)) is not None:
        ck.error(("unthemed",), "no place for items of the kinds not listed", f"add `{OTHER_KINDS}: <a place>`")
    exceptions = _mapping(ck, m.get("items"), ("items",), None, "item", target)
    for item_id in list(exceptions):
        if item_id not in items:
            ck.error(("items", item_id), f"unknown item id {item_id!r}", suggest(item_id, items), key=True)
            del exceptions[item_id]
    sections = _sections(ck, m.get("sections"), source, target)
    crosswalk = Crosswalk(source.key, target.key, MappingProxyType(themes), MappingProxyType(sections),
                          MappingProxyType(unthemed), MappingProxyType(exceptions), doc.file)
    return (None if any(p.is_error for p in ck.problems) else crosswalk), ck


def _sections(ck: Checker, raw: Any, source: Framework, target: Framework) -> dict[str, str]:
    """Source section -> target section; a key both frameworks have maps to itself by default."""
    own = tuple(s.key for s in source.sections)
    theirs = tuple(s.key for s in target.sections)
    out = {key: key for key in own if key in theirs}
    m = ck.mapping(raw, ("sections",), optional=own, what="section") if raw is not None else {}
    for key, value in (m or {}).items():
        if ck.choice(value, ("sections", key), theirs, "section"):
            out[key] = value
    for key in own:
        if key not in out:
            ck.error(("sections",), f"section {key!r} of {source.key} has no place in {target.key}",
                     f"add `sections: {{{key}: <a section of {target.key}>}}`")
    return out
