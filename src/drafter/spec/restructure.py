"""A spec written for one framework, restructured for another through their crosswalk.

`drafter render SPEC --framework gdc-2024` keeps every paragraph of a 2023-structured spec, in
its order, and moves it to its place in the adopted Compact: each theme's paragraphs go to the
objective the crosswalk names, an item under the theme the library gives it follows its
item-level exception, sections map one to one, and a place that is a part (`preamble`,
`closing`) appends the paragraph there. Nothing is dropped and nothing is added.
"""

from __future__ import annotations

from types import MappingProxyType

from msgspec.structs import replace

from drafter.errors import DrafterError, Location
from drafter.library.model import Library
from drafter.load.checks import suggest
from drafter.spec.model import Entry, Spec, ThemeSpec


def restructure(spec: Spec, library: Library, target: str) -> Spec:
    """`spec`, moved into framework `target` (unchanged when it is already written for it)."""
    if target == spec.framework:
        return spec
    if target not in library.frameworks:
        raise DrafterError.at("--framework", f"unknown framework {target!r}",
                              hint=suggest(target, library.frameworks, "frameworks"))
    walk = library.crosswalk(spec.framework, target)
    if walk is None:
        known = [t for s, t in library.crosswalks if s == spec.framework]
        raise DrafterError.at(Location(spec.file), f"no crosswalk from {spec.framework} to {target}",
                              path="framework", hint=f"known targets: {', '.join(known)}" if known else
                              "restructuring needs a crosswalk (docs/frameworks.md)")
    framework = library.frameworks[target]
    order = library.frameworks[spec.framework].theme_keys
    moved: dict[str, dict[str, list[Entry]]] = {}
    where: dict[str, Location] = {}  # a target theme's warnings point at the first theme moved there
    parts: dict[str, list[Entry]] = {"preamble": list(spec.preamble), "closing": []}
    for tspec in sorted(spec.themes, key=lambda t: order.index(t.key) if t.key in order else len(order)):
        for section, entries in tspec.sections.items():
            for entry in entries:
                item = library.items.get(entry.use) if entry.use else None
                place = walk.place(item, tspec.key)
                if place in parts:
                    parts[place].append(entry)
                else:
                    keys = framework.section_keys(place)
                    key = walk.section(section) if walk.section(section) in keys else keys[0]
                    moved.setdefault(place, {s: [] for s in keys})[key].append(entry)
                    where.setdefault(place, tspec.location)
    parts["closing"].extend(spec.closing)
    themes = tuple(
        ThemeSpec(key, MappingProxyType({s: tuple(v) for s, v in moved[key].items()}), where[key])
        for key in framework.theme_keys if key in moved
    )
    return replace(spec, framework=target, themes=themes, preamble=tuple(parts["preamble"]),
                   closing=tuple(parts["closing"]))
