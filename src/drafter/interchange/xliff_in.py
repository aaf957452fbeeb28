"""`drafter import FILE.xlf`: a translator's XLIFF back into a user-library overlay (+ a spec).

Chosen by `interchange/imports.py` for `.xlf` and `.xliff`. The spec the file was
exported from is found through `<file original>` (a path relative to the XLIFF) and resolved
again, so that every unit is checked against today's words:

- a library item's translation becomes a `versions:` entry of the overlay (docs/library.md),
  unless the target is the source's own words or the library's translation unchanged;
- a translation of the submission's own text (paragraphs, title, subtitle, submitter) and of a
  paragraph the spec edited goes into the companion spec `SPEC.LANG.yaml` beside the overlay:
  a copy of the spec with the new language, the translations and the overlay in `libraries:`.

Every problem is located (file:line:col) and nothing is written while there is one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from msgspec import Struct

from drafter.document.model import EDITED, SOURCE
from drafter.drafts.model import Imported
from drafter.errors import DrafterError, Location, Problem
from drafter.interchange.segments import Segment, segments, source_hash
from drafter.interchange.xliff import HASH_NOTE, NS
from drafter.interchange.xml import parse, where

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Translated(Struct, frozen=True):
    """One translated unit read from an XLIFF file, with where it is."""

    id: str
    text: str
    at: Location


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _header(root: Any, raw: bytes, name: str) -> tuple[str, str, Any]:
    if root.tag != _q("xliff"):
        raise DrafterError.at(where(name, raw, root), f"not an XLIFF 2 document (root element {root.tag!r})",
                              hint=f"drafter reads XLIFF 2.0/2.1 in the namespace {NS}")
    if root.get("version") not in ("2.0", "2.1", "2.2"):
        raise DrafterError.at(where(name, raw, root), f"unsupported XLIFF version {root.get('version')!r}",
                              hint="export XLIFF 2.0 or 2.1")
    files = root.findall(_q("file"))
    if len(files) != 1:
        raise DrafterError.at(where(name, raw, root), f"{len(files)} <file> elements",
                              hint="drafter exports one <file>; import the file drafter wrote")
    src, trg = root.get("srcLang") or "", root.get("trgLang") or ""
    if not trg:
        raise DrafterError.at(where(name, raw, root), "no trgLang", hint="set trgLang to the language translated into")
    return src, trg, files[0]


def _spec_of(file: Any, raw: bytes, name: str, path: Path) -> Path:
    original = file.get("original") or ""
    spec = path.parent / original
    if not original or not spec.is_file():
        raise DrafterError.at(where(name, raw, file), f"the spec this file was exported from is not at {spec}",
                              hint="<file original> names it relative to the XLIFF; put the spec there")
    return spec


def _units(file: Any, raw: bytes, name: str, trg: str,
           current: dict[str, Segment]) -> tuple[list[Translated], list[Problem]]:
    out: list[Translated] = []
    problems: list[Problem] = []
    for unit in file.iter(_q("unit")):
        at = where(name, raw, unit)
        uid = unit.get("id") or ""
        seg = current.get(uid)
        if seg is None:
            problems.append(Problem(at, f"unknown unit id {uid!r}", hint="the spec has no such paragraph now; "
                                    "import only units drafter exported from this spec"))
            continue
        hashes = [n.text for n in unit.iter(_q("note")) if n.get("category") == HASH_NOTE]
        if not hashes or hashes[0] != source_hash(seg.source):
            problems.append(Problem(at, f"unit {uid!r}: the source text changed since export",
                                    hint="export again and translate the new text"))
            continue
        segs = unit.findall(_q("segment"))
        targets = [t for s in segs for t in s.findall(_q("target"))]
        text = "".join("".join(t.itertext()) for t in targets)
        tat = where(name, raw, targets[0]) if targets else at
        if not text.strip():
            problems.append(Problem(tat, f"unit {uid!r}: {'empty' if targets else 'missing'} target",
                                    hint=f"translate it into {trg}, or remove the unit"))
            continue
        wrong = [t.get(XML_LANG) for t in targets if t.get(XML_LANG) not in (None, trg)]
        if wrong:
            problems.append(Problem(tat, f"unit {uid!r}: target in {wrong[0]!r}, the file's trgLang is {trg!r}",
                                    hint="translate into the file's target language"))
            continue
        out.append(Translated(uid, text, tat))
    return out, problems


def import_xliff(path: Path, libraries: tuple[str, ...]) -> Imported:
    """A spec and a user library from a translated XLIFF file (`drafter import FILE.xliff`)."""
    from drafter.document.resolve import resolve
    from drafter.interchange.overlay import Plan, build
    from drafter.interchange.xliff import check_target
    from drafter.spec.load import load_spec

    name = str(path)
    root, raw = parse(path, name)
    src, trg, file = _header(root, raw, name)
    spec_path = _spec_of(file, raw, name, path)
    spec, lib = load_spec(spec_path, extra_libraries=libraries)
    sub = resolve(spec, lib)
    if src != sub.meta.languages[0]:
        raise DrafterError.at(where(name, raw, root), f"srcLang {src!r} is not the spec's first language "
                              f"{sub.meta.languages[0]!r}", hint="export again from the spec")
    try:
        check_target(sub, trg)
    except DrafterError as exc:
        raise DrafterError.at(where(name, raw, root), exc.problems[0].message, hint=exc.problems[0].hint) from None
    current = {s.id: s for s in segments(sub, lib, trg)}
    done, problems = _units(file, raw, name, trg, current)
    if problems:
        raise DrafterError(problems)
    plan = Plan(path, spec_path, spec, lib, trg, src)
    for t in done:
        seg = current[t.id]
        if seg.kind == "item" and seg.source_status != EDITED:
            if seg.target_status == SOURCE and seg.target != t.text:
                plan.notes.append(Problem(t.at, f"unit {t.id!r}: {trg} is the source's own text; the translation "
                                          "was not imported", hint="a source's words are never replaced",
                                          severity="warning"))
            elif seg.target != t.text:
                plan.versions[t.id] = t.text
        else:
            plan.own[t.id] = t.text
    return build(plan, os.path.relpath)
