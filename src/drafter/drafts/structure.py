"""A draft's structure, as import needs it: languages, layout, and units in reading order.

A unit is one heading or one paragraph in every language the draft has it in: a row of a
parallel table, a run of one block per language in an interleaved draft, or the n-th paragraph
of the same part in each language of a sequential draft. Everything here is read from the
draft; nothing is looked up in the library except in `units_sequential`, which pairs the two
languages of a sequential draft part by part.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from msgspec import Struct, field

from drafter.drafts.model import Block, Draft

Layout = Literal["parallel", "sequential", "interleaved", "single"]
LIBRARY_LANGUAGES = ("en", "zh")


class Unit(Struct):
    """A paragraph of a draft in every language it is given in, as the importer groups them."""

    kind: Literal["heading", "para", "clause", "note"]
    texts: dict[str, str] = field(default_factory=dict)
    blocks: dict[str, Block] = field(default_factory=dict)
    level: int = 0

    def add(self, b: Block) -> None:
        self.texts[b.lang] = b.text
        self.blocks[b.lang] = b

    @property
    def first(self) -> Block:
        return next(iter(self.blocks.values()))

    @property
    def numbered(self) -> bool:
        return any(b.numbered for b in self.blocks.values())

    @property
    def continued(self) -> bool:
        return any(b.continued for b in self.blocks.values())

    def hints(self) -> Mapping[str, tuple[str, ...]]:
        return {lang: b.hints for lang, b in self.blocks.items() if b.hints}


_KIND = {"heading": "heading", "body": "para", "clause": "clause", "note": "note"}


def _relevant(draft: Draft) -> list[Block]:
    out = []
    for b in draft.blocks:
        if b.role not in _KIND:
            continue
        lang = b.lang if b.lang in LIBRARY_LANGUAGES else None
        if lang is None:
            continue
        out.append(b)
    return out


def languages_and_layout(draft: Draft) -> tuple[tuple[str, ...], Layout]:
    """The draft's languages in display order and its layout."""
    blocks = [b for b in _relevant(draft) if b.role == "body"]
    order: list[str] = []
    for b in sorted(blocks, key=lambda b: b.column if b.column is not None else 0) if _parallel(draft) else blocks:
        if b.lang not in order:
            order.append(b.lang)
    langs = tuple(order) or ("en",)
    if len(langs) == 1:
        return langs, "single"
    if _parallel(draft):
        return langs, "parallel"
    switches = sum(1 for a, b in zip(blocks, blocks[1:], strict=False) if a.lang != b.lang)
    return langs, "sequential" if switches <= 2 else "interleaved"


def _parallel(draft: Draft) -> bool:
    cells = [b for b in draft.blocks if b.role == "body" and b.column is not None]
    body = [b for b in draft.blocks if b.role == "body"]
    return bool(body) and len(cells) >= 0.5 * len(body) and {b.column for b in cells} == {0, 1}


def units(draft: Draft, langs: tuple[str, ...], layout: Layout) -> list[Unit]:
    """The draft's headings and paragraphs as units of one or more languages."""
    blocks = _relevant(draft)
    if layout == "parallel":
        return _by_row(blocks)
    if layout == "interleaved":
        return _interleaved(blocks)
    if layout == "sequential":
        return _sequential(blocks, langs)
    return [_single(b) for b in blocks]


def _single(b: Block) -> Unit:
    u = Unit(_KIND[b.role], level=b.level)  # type: ignore[arg-type]
    u.add(b)
    return u


def _by_row(blocks: list[Block]) -> list[Unit]:
    """Parallel: the blocks of one table row in one unit; a cell of several paragraphs splits
    into as many units, line by line, as drafter writes continuation lines in the same cell."""
    out: list[Unit] = []
    rows: dict[int, list[Unit]] = {}
    for b in blocks:
        if b.row is None or b.column is None:
            out.append(_single(b))
            continue
        row = rows.setdefault(b.row, [])
        slot = next((u for u in row if b.lang not in u.texts and u.kind == _KIND[b.role]), None)
        if slot is None:
            slot = _single(b)
            row.append(slot)
            out.append(slot)
        else:
            slot.add(b)
    return out


def _interleaved(blocks: list[Block]) -> list[Unit]:
    """Each paragraph in one language, then the next: runs of one language paired line by
    line with the run after it (a paragraph of several lines is a run of several blocks)."""
    runs: list[list[Block]] = []
    for b in blocks:
        if runs and runs[-1][0].lang == b.lang and _KIND[runs[-1][0].role] == _KIND[b.role] == "para":
            runs[-1].append(b)
        else:
            runs.append([b])
    out: list[Unit] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        units = [_single(b) for b in run]
        while i + 1 < len(runs) and _pairs(run, runs[i + 1], units):
            i += 1
            for u, b in zip(units, runs[i], strict=False):
                u.add(b)
            units += [_single(b) for b in runs[i][len(units) :]]
        out += units
        i += 1
    return out


def _pairs(run: list[Block], after: list[Block], units: list[Unit]) -> bool:
    """The run after holds the same headings or paragraphs in a language not yet paired."""
    return _KIND[after[0].role] == _KIND[run[0].role] and all(after[0].lang not in u.texts for u in units)


def _sequential(blocks: list[Block], langs: tuple[str, ...]) -> list[Unit]:
    """Each language's stream, split at its headings into parts, paired part by part."""
    streams: dict[str, list[list[Block]]] = {lang: [] for lang in langs}
    for b in blocks:
        parts = streams[b.lang]
        if not parts or b.role == "heading":
            parts.append([])
        parts[-1].append(b)
    first, *others = langs
    out: list[Unit] = []
    for i, part in enumerate(streams[first]):
        mates = [streams[o][i] if i < len(streams[o]) else [] for o in others]
        for j, b in enumerate(part):
            u = _single(b)
            for mate in mates:
                if j < len(mate) and _KIND[mate[j].role] == u.kind:
                    u.add(mate[j])
            out.append(u)
        for mate in mates:  # paragraphs only the other language has
            for b in mate[len(part) :]:
                out.append(_single(b))
    for o in others:
        for part in streams[o][len(streams[first]) :]:
            out.extend(_single(b) for b in part)
    return out
