"""Which framework a draft was written to: given (`--framework KEY|FILE.yaml`) or detected.

A draft rendered with `--framework gdc-2024`, or from a spec answering a questionnaire in a
user's framework file, has that framework's headings; `import` must map them against the same
framework, and `trace` must know a user framework's headings and questions so that they are not
reported as paragraphs. Without the option the candidates are the built-in frameworks plus the
framework files beside the draft (or the spec being written) and in a `frameworks/` folder
there — where a spec keeps the file its `framework:` names (examples/ does) — and the candidate
whose theme, section and part headings match most of the draft's headings wins. A tie, or no
heading matched at all, falls back to the default framework with a warning naming the
candidates, so the choice is never silent.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from msgspec import Struct

from drafter.compare.normalise import normalise
from drafter.document import labels as L
from drafter.drafts.model import Draft, Role
from drafter.errors import DrafterError, Location, Problem
from drafter.library.framework import Framework
from drafter.library.model import DEFAULT_FRAMEWORK, Library

MAX_FRAMEWORK_BYTES = 512 * 1024
"""A candidate file beside the draft larger than this is not read (a framework is a few KB)."""

Heading = tuple[str, str]  # ("theme" | "section" | "part", key)
Table = dict[str, dict[str, str]]  # normalised heading text -> {"theme"|"section"|"part": key}


class Choice(Struct, frozen=True):
    """The framework chosen for a draft, and how (for the note `import` prints)."""

    framework: Framework
    how: str  # "given", "detected", "default"
    notes: tuple[Problem, ...] = ()


def heading_table(framework: Framework) -> Table:
    """Normalised heading text (either language, numbered or not) -> what it heads, by kind.

    One text may head two things: gdc-2024's cross-cutting theme and its section are both
    "Principles"; `lookup` tells them apart by the heading's level.
    """
    out: Table = {}
    for key, title in framework.parts.items():
        for text in title.values():
            out.setdefault(normalise(text), {})["part"] = "preamble" if key == "preamble" else "closing"
    sections = {s.key: s for s in framework.sections}
    for theme in framework.themes:
        for s in theme.sections or ():
            sections.setdefault(s.key, s)
    for sec in sections.values():
        for text in sec.title.values():
            out.setdefault(normalise(text), {})["section"] = sec.key
    for theme in framework.themes:
        for lang, text in theme.title.items():
            number = theme.label or (theme.number if theme.numbered and theme.number else None)
            for shown in (text, L.theme_heading(lang, number, text)):
                out.setdefault(normalise(shown), {})["theme"] = theme.key
    return out


def known_texts(framework: Framework) -> dict[str, tuple[Role, int]]:
    """What `classify` should recognise in a draft of `framework`: headings and questions."""
    out: dict[str, tuple[Role, int]] = {}
    for text, kinds in heading_table(framework).items():
        out[text] = ("heading", 1 if "theme" in kinds or "part" in kinds else 2)
    for theme in framework.themes:
        for text in theme.prompt.values():
            out[normalise(text)] = ("note", 0)  # the question asked: the framework's words, not the draft's
    return out


def lookup(texts: Iterable[str], table: Table, level: int = 1) -> Heading | None:
    """The heading a unit's texts name (a bilingual heading `1. Title / 一、标题` by either half);
    a text heading both a theme and a section is the section at level 2 and below."""
    order = ("section", "theme", "part") if level >= 2 else ("theme", "part", "section")
    for text in texts:
        for piece in (text, *text.split(" / ")):
            found = table.get(normalise(piece))
            if found:
                kind = next(k for k in order if k in found)
                return kind, found[kind]
    return None


def heading_choices(framework: Framework) -> list[str]:
    """The chosen framework's headings as a user reads them, for a did-you-mean."""
    out = [t for part in framework.parts.values() for t in part.values()]
    out += [t for s in framework.sections if s.heading for t in s.title.values()]
    out += [t for theme in framework.themes for t in theme.title.values()]
    return out


def user_candidates(places: Sequence[Path], reserved: Iterable[str]) -> list[Framework]:
    """The framework files in `places` and their `frameworks/` folders that load cleanly.

    Any other YAML file there (a spec, a library file) is passed over in silence: it is not a
    candidate, and a broken framework file is reported when it is named, not when it is near.
    """
    from drafter.library.framework_file import load_framework_file

    found: dict[str, Framework] = {}
    reserved = tuple(reserved)
    for folder in dict.fromkeys(p for place in places for p in (place, place / "frameworks")):
        if not folder.is_dir():
            continue
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            if not _looks_like_framework(path):
                continue
            try:
                fw = load_framework_file(path, _shown(path), reserved=reserved)
            except DrafterError:
                continue
            found.setdefault(fw.path, fw)
    return list(found.values())


def _looks_like_framework(path: Path) -> bool:
    """Cheap test before parsing: a small file with top-level `key:` and `themes:`, no `drafter:`."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_FRAMEWORK_BYTES:
            return False
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return False
    lines = text.splitlines()
    return any(x.startswith("key:") for x in lines) and any(x.startswith("themes:") for x in lines) and not any(
        x.startswith("drafter:") for x in lines
    )


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def given(value: str, library: Library) -> Framework:
    """The framework `--framework` names: a built-in key, or a framework file (relative to the
    working folder, as any path on the command line)."""
    from drafter.library.framework_file import framework_reference, load_framework_file
    from drafter.load.checks import suggest

    builtin = [k for k, fw in library.frameworks.items() if fw.builtin]
    if framework_reference(value):
        if not os.path.isfile(value):
            raise DrafterError.at("--framework", f"framework file {value!r} not found",
                                  hint="give a built-in key (drafter library frameworks) or a .yaml file")
        return load_framework_file(value, reserved=builtin)
    if value not in builtin:
        raise DrafterError.at("--framework", f"unknown framework {value!r}",
                              hint=suggest(value, builtin, "frameworks") or "see drafter library frameworks")
    return library.frameworks[value]


def detect(draft: Draft, candidates: Sequence[Framework], library: Library) -> Choice:
    """The candidate whose headings match most of the draft's heading blocks."""
    headings = [b for b in draft.blocks if b.role == "heading"]
    scores = []
    for fw in candidates:
        table = heading_table(fw)
        scores.append((sum(1 for b in headings if lookup([b.text], table, b.level)), fw))
    best = max((s for s, _ in scores), default=0)
    top = [fw for s, fw in scores if s == best and best > 0]
    if len(top) == 1:
        return Choice(top[0], "detected")
    default = library.framework(DEFAULT_FRAMEWORK)
    names = ", ".join(_name(fw) for fw in (top or candidates))
    why = f"its headings fit {names} equally well" if top else f"no heading of any framework found ({names})"
    note = Problem(Location(draft.file), f"{why}; imported as {DEFAULT_FRAMEWORK}", severity="warning",
                   hint="give --framework KEY or --framework FILE.yaml")
    return Choice(default, "default", (note,))


def _name(fw: Framework) -> str:
    return fw.key if fw.builtin else f"{fw.key} ({fw.file})"


def spec_reference(framework: Framework, output: Path | None) -> str:
    """The spec's `framework:` value: a built-in key, or the file's path relative to the folder
    the spec is written in (the working folder for stdout), as `load_spec` resolves it."""
    if framework.builtin:
        return framework.key
    folder = os.path.abspath(output.parent if output is not None else Path.cwd())
    rel = Path(os.path.relpath(framework.path, folder)).as_posix()
    return rel if rel.startswith("../") else "./" + rel
