"""The batch file: load and check it, and expand any variant from its index alone.

A plan never holds the list of variants. `variants × matrix` is a mixed-radix number, so
`Plan.variant(i)` rebuilds variant `i` in microseconds; the planner, every worker process and
every shard expand the same index to the same variant without anything being sent between
them but integers. That keeps memory flat however many variants a batch has.

Decisions a user sees (docs/batch.md is the reference):
- with both `variants` and `matrix`, every variant is combined with every matrix cell
  (variants × matrix), variants outermost, the last matrix key varying fastest; names are
  `<variant>_<value>_<value>`;
- a variant may not set a path the matrix sets (or one inside it): which should win is not
  obvious, so it is an error;
- `null` removes a key (`themes.ai: null` drops that theme); paths in overrides
  (`options.reference_doc`, `libraries`) are relative to the batch file, like `base`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct

from drafter.batch.naming import FillError, Pattern, PatternError, parse_pattern
from drafter.batch.variants import MAX_NAME, Axis, Override, Rebase, Variant, VariantDef
from drafter.errors import DrafterError, Location
from drafter.load.checks import Checker, dotted
from drafter.load.yaml import YamlDoc, load_file
from drafter.spec.overrides import (
    REMOVE,
    OverrideConflict,
    Parts,
    VariantDoc,
    apply,
    lookup,
    overlaps,
    path_problem,
)
from drafter.writers import FORMATS

BATCH_VERSION = 1
BATCH_KEYS = ("drafter", "base", "formats", "output", "variants", "matrix")
DEFAULT_FORMATS = ("docx",)
DEFAULT_OUTPUT = "{name}.{format}"
MAX_VARIANTS = 1_000_000
class Plan(Struct, frozen=True, eq=False):
    """A checked batch file and its base spec: expands any variant from its index alone."""

    file: str
    batch: YamlDoc
    base: YamlDoc
    base_name: str
    formats: tuple[str, ...]
    pattern: Pattern
    variants: Sequence[VariantDef]  # a tuple, or a spreadsheet's rows read on demand (rows.py)
    axes: tuple[Axis, ...]
    named: bool  # whether names come from a `variants` list or spreadsheet
    count: int
    inputs: tuple[str, ...] = ()  # files the plan reads (batch, base, spreadsheet); see inputs.py
    rows_from: str | None = None  # the spreadsheet, as the batch file names it
    sheet: str | None = None  # its sheet (.xlsx)

    def variant(self, index: int) -> Variant:
        """Variant number `index` (0-based, plan order)."""
        cells = math.prod(len(a.choices) for a in self.axes)
        outer, rest = divmod(index, cells)
        picks: list[int] = []
        for axis in reversed(self.axes):
            rest, j = divmod(rest, len(axis.choices))
            picks.append(j)
        picks.reverse()
        vdef = self.variants[outer]
        chosen = tuple(a.choices[j] for a, j in zip(self.axes, picks, strict=True))
        frags = [a.fragments[j] for a, j in zip(self.axes, picks, strict=True)]
        name = "_".join(([vdef.name] if self.named else []) + frags) or vdef.name
        return Variant(index, name, vdef.overrides + chosen, vdef.location, vdef.row, vdef.problems)

    def spec_doc(self, variant: Variant) -> VariantDoc:
        """The variant's spec as a located document `check_spec` can read."""
        data = self.base.data
        redirects: dict[Parts, Parts] = {}
        exact: dict[Parts, Location] = {}
        for ov in variant.overrides:
            def created(p: Parts, ov: Override = ov) -> None:
                exact.setdefault(p, ov.location)

            try:
                data = apply(data, ov.parts, ov.value, created)
            except OverrideConflict as exc:
                raise exc.relocated(ov.location, path=ov.path,
                                    hint="set a path the base spec has, or replace its parent") from None
            if ov.value is REMOVE:
                exact[ov.parts[:-1]] = ov.location
            elif ov.target is None:  # a spreadsheet cell: all of the value is at the cell
                exact[ov.parts] = ov.location
            else:
                redirects[ov.parts] = ov.target
        return VariantDoc.over(self.base, data, self.batch, redirects, exact)

    def outputs(self, variant: Variant, data: Any) -> tuple[tuple[str, str], ...]:
        """(format, relative path) of each output; a `DrafterError` at the variant if the
        pattern cannot be filled."""
        try:
            values = {"name": variant.name}
            if "lang" in self.pattern.fields:
                found, langs = lookup(data, ("submission", "languages"))
                if not (found and isinstance(langs, list) and all(isinstance(x, str) for x in langs)):
                    raise FillError("{lang} in the output pattern needs submission.languages as a list")
                values["lang"] = "-".join(langs)
            return tuple((fmt, self.pattern.path({**values, "format": fmt}, data)) for fmt in self.formats)
        except FillError as exc:
            raise exc.relocated(variant.location, prefix="cannot fill the output pattern: ",
                                hint="set that value for this variant, or change `output`") from None


def load_plan(batch_file: str | Path, theme_keys: Sequence[str]) -> Plan:
    """Load and check a batch file and its base spec; raise `DrafterError` with every problem."""
    doc = load_file(batch_file, str(batch_file))
    ck = Checker(doc)
    top = ck.mapping(doc.data, (), required=("drafter", "base"), optional=BATCH_KEYS)
    if top is None:
        ck.raise_if_errors()
        raise AssertionError("unreachable")
    version = top.get("drafter")
    if ck.typed(version, ("drafter",), int, "the batch format version (1)") \
            and version != BATCH_VERSION:
        ck.error(("drafter",), f"unsupported batch format version {version}",
                 f"this drafter reads version {BATCH_VERSION}")
    folder = Path(batch_file).parent
    base_path: Path | None = None
    base = top.get("base")
    if "base" in top and ck.typed(base, ("base",), str, "the path of the base spec") and isinstance(base, str):
        base_path = folder / base
        if not os.path.isfile(base_path):  # never raises, even for an over-long name
            ck.error(("base",), f"base spec {base!r} not found (looked at {base_path})",
                     "the path is relative to the batch file")
    formats = _formats(ck, top)
    pattern = None
    output = top.get("output", DEFAULT_OUTPUT)
    if ck.text(output, ("output",)) is not None:
        try:
            pattern = parse_pattern(output, formats, theme_keys)
        except PatternError as exc:
            for problem in exc.problems:
                ck.error(("output",), problem.message, problem.hint)
    rebase = Rebase(folder, base_path.parent if base_path else folder)
    axes = _matrix(ck, top.get("matrix"), theme_keys, rebase) if "matrix" in top else ()
    named = "variants" in top
    variants: Sequence[VariantDef] = ()
    rows = None
    if isinstance(top.get("variants"), dict):  # `variants: {from: signatories.csv}`
        from drafter.batch.rows import load_rows

        rows = load_rows(ck, top["variants"], folder, theme_keys, rebase, axes)
        variants = rows if rows is not None else ()
    elif named:
        variants = _variants(ck, top.get("variants"), theme_keys, rebase, axes)
    ck.raise_if_errors()
    assert base_path is not None and pattern is not None
    if not named:
        name = Path(str(base)).stem if not axes else ""
        variants = (VariantDef(name, (), doc.loc(("matrix",) if axes else ("output",))),)
    count = len(variants) * math.prod(len(a.choices) for a in axes)
    if count > MAX_VARIANTS:
        raise DrafterError.at(doc.loc(("matrix",)),
                              f"the batch has {count:,} variants; the limit is {MAX_VARIANTS:,}",
                              hint="split it into several batch files")
    base_doc = load_file(base_path, str(base_path))
    inputs = (str(batch_file), str(base_path), *((str(rows.path),) if rows is not None else ()))
    return Plan(str(batch_file), doc, base_doc, str(base), formats, pattern, variants, axes, named,
                count, inputs, rows.written if rows is not None else None,
                rows.sheet if rows is not None else None)


def _formats(ck: Checker, top: dict[str, Any]) -> tuple[str, ...]:
    if "formats" not in top:
        return DEFAULT_FORMATS
    out: list[str] = []
    for i, fmt in enumerate(ck.str_list(top["formats"], ("formats",))):
        if ck.choice(fmt, ("formats", i), FORMATS, "format"):
            if fmt in out:
                ck.error(("formats", i), f"format {fmt!r} listed twice", "list each once")
            else:
                out.append(fmt)
    if isinstance(top["formats"], list) and not top["formats"]:
        ck.error(("formats",), "no format given", "write `formats: [docx, md]`")
    return tuple(out) or DEFAULT_FORMATS


def _override(ck: Checker, key: Any, value: Any, key_path: Parts, value_path: Parts,
              theme_keys: Sequence[str], rebase: Rebase) -> Override | None:
    parts, problem = path_problem(key, theme_keys)
    if parts is None:
        assert problem is not None
        ck.error(key_path, problem[0], problem[1], key=True)
        return None
    return Override(dotted(parts), parts, rebase.applied(parts, value), value, value_path,
                    ck.doc.loc(key_path, key=True))


def _matrix(ck: Checker, raw: Any, theme_keys: Sequence[str], rebase: Rebase) -> tuple[Axis, ...]:
    if raw is None or not ck.typed(raw, ("matrix",), dict, "a mapping of path: [value, …]"):
        if raw is None:
            ck.error(("matrix",), "the matrix is empty", "give `path: [value, …]` or remove it")
        return ()
    if not raw:
        ck.error(("matrix",), "the matrix is empty", "give `path: [value, …]` or remove it")
    axes: list[Axis] = []
    for key, values in raw.items():
        path = ("matrix", key)
        if not ck.typed(values, path, list, "a list of values"):
            continue
        if not values:
            ck.error(path, "no values", "list at least one value")
            continue
        axis = _axis(ck, key, values, path, theme_keys, rebase)
        if axis is None:
            continue
        for other in axes:
            if overlaps(other.parts, axis.parts):
                ck.error(path, f"{key!r} overlaps the matrix key {other.path!r}", "vary a path once", key=True)
        axes.append(axis)
    return tuple(axes)


def _axis(ck: Checker, key: Any, values: list[Any], path: Parts, theme_keys: Sequence[str],
          rebase: Rebase) -> Axis | None:
    """One matrix key and its values; None if the key is bad or no value can name a variant."""
    from drafter.batch.naming import fragment

    choices: list[Override] = []
    frags: list[str] = []
    for j, value in enumerate(values):
        ov = _override(ck, key, value, path, (*path, j), theme_keys, rebase)
        if ov is None:
            return None
        frag = fragment(value)
        if frag is None:
            ck.error((*path, j), "this value cannot name a variant (it nests lists or mappings)",
                     "use plain values, lists of plain values or mappings of plain values")
        elif frag in frags:
            ck.error((*path, j), f"value {frag!r} listed twice", "list each value once")
        else:
            choices.append(ov)
            frags.append(frag)
    if not choices:
        return None
    return Axis(choices[0].path, choices[0].parts, tuple(choices), tuple(frags))


def _variants(ck: Checker, raw: Any, theme_keys: Sequence[str], rebase: Rebase,
              axes: Sequence[Axis]) -> tuple[VariantDef, ...]:
    if not ck.typed(raw, ("variants",), list, "a list of variants (- name: …) or a spreadsheet "
                    "({from: signatories.csv})"):
        return ()
    if not raw:
        ck.error(("variants",), "no variants", "add `- name: …` entries, or remove `variants:`")
    out: list[VariantDef] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(raw):
        p: Parts = ("variants", i)
        m = ck.mapping(entry, p, required=("name",), optional=("set",))
        if m is None:
            continue
        name = ck.text(m.get("name"), (*p, "name"), limit=MAX_NAME) if "name" in m else None
        if name is not None and name in seen:
            ck.error((*p, "name"), f"duplicate variant name {name!r} (first at line {seen[name]})",
                     "give each variant its own name")
        elif name is not None:
            seen[name] = ck.doc.loc((*p, "name")).line or 0
        overrides = _sets(ck, m.get("set"), p, theme_keys, rebase, axes)
        if name is not None:
            out.append(VariantDef(name, tuple(overrides), ck.doc.loc(p)))
    return tuple(out)


def _sets(ck: Checker, sets: Any, p: Parts, theme_keys: Sequence[str], rebase: Rebase,
          axes: Sequence[Axis]) -> list[Override]:
    """A listed variant's `set:` overrides, each place set once and none the matrix varies."""
    overrides: list[Override] = []
    if sets is None or not ck.typed(sets, (*p, "set"), dict, "a mapping of path: value"):
        return overrides
    for key, value in sets.items():
        kp = (*p, "set", key)
        ov = _override(ck, key, value, kp, kp, theme_keys, rebase)
        if ov is None:
            continue
        clash = next((o for o in overrides if overlaps(o.parts, ov.parts)), None)
        if clash:
            ck.error(kp, f"{ov.path!r} overlaps {clash.path!r} in the same variant", "set each place once", key=True)
            continue
        axis = next((a for a in axes if overlaps(a.parts, ov.parts)), None)
        if axis:
            ck.error(kp, f"{ov.path!r} is also varied by the matrix ({axis.path!r})",
                     "let the matrix vary it, or remove it from the matrix", key=True)
            continue
        overrides.append(ov)
    return overrides
