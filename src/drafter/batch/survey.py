"""Before anything is written: every variant expanded, named and checked.

The survey walks the whole plan once, in chunks the worker processes check in parallel. For
every variant (every shard sees all of them, so two shards can never write the same file) it
fills the output pattern and hashes the file names; for the variants of this shard it also
validates the spec and checks that no output leads out of the folder. The parent gathers the
findings in plan order and keeps nothing per variant: invalid variants are reported as they
come (the workers find them again, identically, for the manifest), and name hashes go into a
fixed-size bit filter whose rare hits are confirmed in a second pass, so the survey's memory
does not grow with the number of variants."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from msgspec import Struct

from drafter.batch.hashfilter import Filter, hash64
from drafter.batch.naming import collision_key
from drafter.batch.plan import Plan
from drafter.batch.variants import Variant
from drafter.batch.workers import State, check, expand, inside, problems_text, variant_inputs, writer_warnings
from drafter.errors import DrafterError, Location, Problem
from drafter.files import MAX_PATH_BYTES, special_kind
from drafter.inputs import Inputs

MAX_REPORTED = 20
MAX_WARNINGS = 1000
_MANIFEST = re.compile(r"manifest(\.\d+-of-\d+)?\.json\Z")


class Shard(Struct, frozen=True):
    """Variant `i` (0-based, plan order) belongs to shard `k` of `n` when i % n == k - 1."""

    k: int = 1
    n: int = 1

    def indices(self, count: int) -> range:
        return range(self.k - 1, count, self.n)

    def __contains__(self, index: int) -> bool:
        return index % self.n == self.k - 1

    @property
    def text(self) -> str | None:
        return None if self.n == 1 else f"{self.k}/{self.n}"


_SHARD = re.compile(r"\s*([0-9]{1,7})\s*/\s*([0-9]{1,7})\s*\Z")


def parse_shard(text: str | None) -> Shard:
    """`K/N` with 1 <= K <= N, as job runners number their tasks (see docs/batch.md)."""
    if text is None:
        return Shard()
    m = _SHARD.match(text)
    if not m or not 1 <= int(m[1]) <= int(m[2]) or int(m[2]) > 1_000_000:
        raise DrafterError.at("--shard", f"bad shard {text!r}",
                              hint="write K/N with 1 <= K <= N, e.g. --shard 3/8 for the third "
                                   "of eight shares (docs/batch.md shows job runners' recipes)")
    return Shard(int(m[1]), int(m[2]))


class Survey(Struct):
    """What the survey found for this shard (counts only)."""

    variants: int = 0
    invalid: int = 0
    files: int = 0


class Finding(Struct, frozen=True):
    """What checking one variant found; small, so worker processes can send it back."""

    index: int
    name: str
    mine: bool  # in this shard
    hashes: tuple[int, ...]  # of its name and output names, for the collision filter
    error: str | None = None  # why it is invalid (this shard only)
    warnings: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()  # its outputs, for --dry-run's listing
    fatal: tuple[Problem, ...] = ()  # problems that stop the whole batch


def _keys(variant: Variant, outputs: tuple[tuple[str, str], ...]) -> Iterator[tuple[str, str]]:
    yield "\0name\0" + variant.name, f"the variant name {variant.name!r}"
    for _, rel in outputs:
        yield collision_key(rel), rel


def survey_chunk(state: State, shard: Shard, indices: range, want_paths: bool,
                 validate: bool | None = None) -> list[Finding]:
    """Check the variants in `indices`: every one for names, this shard's ones for where they
    write. With `validate` (the default for `--dry-run`, which renders nothing) their specs are
    validated here too; otherwise the one validation happens just before rendering."""
    out = []
    manifest = manifest_name(shard)
    validate = want_paths if validate is None else validate
    for index in indices:
        variant = state.plan.variant(index)
        mine = index in shard
        try:
            doc, outputs = expand(state, variant, validate=validate and mine)
        except DrafterError as exc:
            out.append(Finding(index, variant.name, mine, (), problems_text(exc) if mine and validate else None))
            continue
        hashes = tuple(hash64(key) for key, _ in _keys(variant, outputs))
        if not mine:
            out.append(Finding(index, variant.name, mine, hashes))
            continue
        fatal = _check_places(state, variant, outputs, manifest)
        if not fatal and not validate:
            inputs = variant_inputs(state, doc)
            fatal = _check_inputs(state, variant, outputs, inputs) if inputs is not None else ()
        if fatal or not validate:
            out.append(Finding(index, variant.name, mine, hashes, fatal=fatal))
            if fatal:
                break
            continue
        out.append(_validated(state, index, variant, doc, outputs, hashes, want_paths))
        if out[-1].fatal:
            break
    return out


def _validated(state: State, index: int, variant: Variant, doc: Any, outputs: tuple[tuple[str, str], ...],
               hashes: tuple[int, ...], want_paths: bool) -> Finding:
    """The finding for one of this shard's variants whose spec the survey validates."""
    try:
        spec, library = check(state, doc)
    except DrafterError as exc:
        return Finding(index, variant.name, True, hashes, problems_text(exc))
    fatal = _check_inputs(state, variant, outputs, state.inputs_of(spec, library))
    if fatal:
        return Finding(index, variant.name, True, hashes, fatal=fatal)
    warnings = [*spec.warnings, *writer_warnings(spec, library, outputs)]
    return Finding(index, variant.name, True, hashes, None, tuple(str(w) for w in warnings),
                   tuple(rel for _, rel in outputs) if want_paths else ())


def survey(state: State, shard: Shard, echo: Callable[[str], None],
           listing: Callable[[str], None] | None,
           findings: Iterable[list[Finding]]) -> Survey:
    """Gather the findings for the whole plan, in plan order; raise `DrafterError` for what
    stops the batch (collisions, escapes, the manifest's own name); report invalid variants
    of this shard by name and count them."""
    plan, found = state.plan, Survey()
    seen = Filter(plan.count * (len(plan.formats) + 1))
    warned: set[str] = set()
    for chunk in findings:
        for f in chunk:
            if f.fatal:
                raise DrafterError(f.fatal)
            for h in f.hashes:
                seen.add(h)
            if not f.mine:
                continue
            found.variants += 1
            if f.error is not None:
                report_invalid(found, f.name, f.error, echo)
                continue
            warn_once(f.warnings, f.name, warned, echo)
            found.files += len(plan.formats)
            if listing is not None:
                for rel in f.paths:
                    listing(os.path.join(state.key[1], *rel.split("/")))
    if seen.suspects:
        _confirm(plan, state, seen.suspects)
    return found


def _check_places(state: State, variant: Variant, outputs: tuple[tuple[str, str], ...],
                  manifest: str) -> tuple[Problem, ...]:
    """Outputs that would overwrite the manifest or an input of the run (the batch file, the
    base spec, the spreadsheet), or leave the folder, stop the whole batch."""
    for _, rel in outputs:
        if _MANIFEST.match(collision_key(rel)):
            return (Problem(state.plan.batch.loc(("output",)),
                            f"variant {variant.name!r} would write {rel!r}, a name drafter "
                            f"keeps for its manifest ({manifest})", path="output",
                            hint="change the output pattern"),)
        target = state.root.joinpath(*rel.split("/"))
        if len(os.fsencode(target)) > MAX_PATH_BYTES:
            return (Problem(state.plan.batch.loc(("output",)), f"variant {variant.name!r} would "
                            f"write a path of {len(os.fsencode(target)):,} bytes; the limit is "
                            f"{MAX_PATH_BYTES:,}", path="output",
                            hint="use fewer or shorter folders in the output pattern"),)
        if not inside(target.parent, state.root):
            return (Problem(Location(str(state.root / rel)), "a folder on the way is a symbolic "
                            "link that leads out of the output folder",
                            hint="remove the link, or choose another -o folder"),)
        shown = os.path.join(state.key[1], *rel.split("/"))
        kind = special_kind(target)
        if kind is not None:
            return (Problem(Location(shown), f"variant {variant.name!r} would write {rel!r}, "
                            f"which is a {kind}, not a regular file; drafter never replaces it",
                            path="output", hint="move it away, or choose another -o folder"),)
        blocker = _not_a_folder(state.root, target)
        if blocker is not None:
            return (Problem(Location(os.path.join(state.key[1], blocker)),
                            f"variant {variant.name!r} writes {rel!r}, which needs a folder here, "
                            "but this is a file", path="output",
                            hint="move the file, or change the output pattern"),)
    return ()


def _not_a_folder(root: Path, target: Path) -> str | None:
    """The first folder on the way from `root` to `target` that exists and is no folder,
    relative to `root`."""
    here = root
    for part in target.relative_to(root).parts[:-1]:
        here = here / part
        if not os.path.lexists(here):
            return None
        if not os.path.isdir(here):
            return str(here.relative_to(root))
    return None


def _check_inputs(state: State, variant: Variant, outputs: tuple[tuple[str, str], ...],
                  inputs: Inputs) -> tuple[Problem, ...]:
    """An output that would replace a file the run reads (its batch file, base spec,
    libraries, reference document) stops the whole batch before anything is written."""
    for _fmt, rel in outputs:
        source = inputs.clash(state.root.joinpath(*rel.split("/")))
        if source is not None:
            return (Problem(state.plan.batch.loc(("output",)), f"variant {variant.name!r} would "
                            f"write {rel!r} over {source!r}, an input of this run", path="output",
                            hint="change the output pattern, or choose another -o folder"),)
    return ()


def report_invalid(found: Survey, name: str, error: str, echo: Callable[[str], None]) -> None:
    """Count an invalid variant and print its problems (the first `MAX_REPORTED` in full)."""
    found.invalid += 1
    if found.invalid <= MAX_REPORTED:
        echo(f"variant {name!r} is invalid and is skipped:")
        for line in error.splitlines():
            echo(f"  {line}")
    elif found.invalid == MAX_REPORTED + 1:
        echo("… more invalid variants; the manifest lists every one with its error")


def warn_once(warnings: tuple[str, ...], name: str, warned: set[str],
              echo: Callable[[str], None]) -> None:
    """Print each warning the first time a variant has it (at most `MAX_WARNINGS` of them)."""
    for text in warnings:
        if text not in warned and len(warned) < MAX_WARNINGS:
            warned.add(text)
            echo(f"{text} [variant {name!r}; not repeated for other variants]")


def _confirm(plan: Plan, state: State, suspects: set[int]) -> None:
    """Second pass over the plan, for the few names the filter flagged: real collisions?"""
    first: dict[str, tuple[str, str, Any]] = {}
    problems: list[Problem] = []
    for index in range(plan.count):
        variant = plan.variant(index)
        try:
            _, outputs = expand(state, variant)
        except DrafterError:
            continue
        for key, shown in _keys(variant, outputs):
            if hash64(key) not in suspects:
                continue
            if key not in first:
                first[key] = (variant.name, shown, variant.location)
                continue
            other, other_shown, _ = first[key]
            if key.startswith("\0name\0"):
                message = f"two variants are named {variant.name!r}"
                hint = "matrix values joined with `_` gave the same name; rename a variant"
            else:
                message = (f"variants {other!r} and {variant.name!r} would both write "
                           f"{other_shown!r}" + ("" if shown == other_shown else
                                                 f" (as {shown!r}; names are compared ignoring case "
                                                 "and Unicode normalisation, as macOS and Windows do)"))
                hint = "put {name} in the output pattern, or rename one of them"
            problems.append(Problem(variant.location, message, hint=hint))
    if problems:
        raise DrafterError(problems)


def manifest_name(shard: Shard) -> str:
    """`manifest.json`, or `manifest.K-of-N.json` so shards sharing a folder keep theirs."""
    return "manifest.json" if shard.n == 1 else f"manifest.{shard.k}-of-{shard.n}.json"
