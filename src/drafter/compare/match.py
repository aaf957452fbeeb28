"""Where a paragraph's words come from: verbatim, edited or new; whole, part or join.

Given a paragraph and an `Index` of library texts, `match` finds the closest texts and
decides, with the thresholds below (documented in docs/trace.md):

- `verbatim` — the paragraph is the same words (`same_words`) as a library text, as a
  contiguous part of one, or as two or three of them joined in order;
- `edited` — the best of those comparisons scores at least `EDITED_MIN`;
- `new` — nothing scores that much; the nearest text is still given, as `nearest`.

The extent says what the paragraph was compared with: a `whole` text, a `part` of one (a
paragraph quoting some sentences of an item) or a `join` of several (a paragraph that runs two
items together). A part or a join is chosen only when it explains the paragraph clearly better
than the best whole item (`MARGIN`), so an edited paragraph is not called a "part".
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from drafter.compare.diff import Diff, diff
from drafter.compare.index import Entry, Index
from drafter.compare.normalise import clean, normalise
from drafter.compare.tokens import token_spans, tokens, unit

EDITED_MIN = 0.6
"""A paragraph scoring at least this against a library text is `edited`; below it, `new`."""
MARGIN = 0.05
"""How much better a part or a join must score than the best whole item to be chosen."""
PART_MAX_SHARE = 0.85
"""A paragraph is a `part` of an item only if it has at most this share of the item's tokens."""
MIN_PIECE = {"word": 6, "character": 10}
"""A part, or a piece of a join, has at least this many tokens: a short common phrase proves nothing."""
CANDIDATES = 12
"""How many of the index's candidates are scored exactly."""
PIECE_CANDIDATES = 8
"""How many of those are also tried as a part of, or a piece of a join with, the paragraph."""
MAX_JOIN = 3

Status = Literal["verbatim", "edited", "new"]
Extent = Literal["whole", "part", "join"]


class Piece(Struct, frozen=True):
    """One library text a paragraph was compared with, and the token span of it used."""

    entry: Entry
    start: int
    end: int

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end == len(self.entry.toks)

    @property
    def text(self) -> str:
        """The words compared: the entry's own text, or the quoted stretch of it."""
        if self.whole:
            return self.entry.text
        raw = token_spans(self.entry.text)
        if tuple(self.entry.text[a:b] for a, b in raw) == self.entry.toks:
            return self.entry.text[raw[self.start][0] : raw[self.end - 1][1]]
        spans = token_spans(self.entry.normal)  # the raw text folds differently: use the normal form
        return self.entry.normal[spans[self.start][0] : spans[self.end - 1][1]]


class Match(Struct, frozen=True):
    """The verdict on one paragraph."""

    status: Status
    score: float
    extent: Extent | None  # None for new
    pieces: tuple[Piece, ...]  # what it was compared with, in the paragraph's order; () for new
    nearest: Piece | None  # for new: the closest text, if any
    diff: Diff  # from the compared text to the paragraph; () for new

    @property
    def against(self) -> str:
        """The compared text: the pieces joined as the paragraph's language writes them."""
        return join_texts([p.text for p in self.pieces], self.pieces[0].entry.lang) if self.pieces else ""


def join_texts(texts: list[str], lang: str) -> str:
    """Several paragraphs joined as one text: with spaces, or none in a language written without."""
    return ("" if unit(lang) == "character" else " ").join(texts)


def match(text: str, lang: str, index: Index, *, edited_min: float = EDITED_MIN) -> Match:
    """Classify one paragraph against the index (see the module docstring).

    `text` is the paragraph as the reader found it; the diff is taken against it with its
    leading number and drafter's marks left out, so they never show as changes.
    """
    normal = normalise(text, lang)
    toks = tokens(normal)
    exact = index.exact_normal(normal, lang)
    if exact:
        return Match(
            "verbatim", 1.0, "whole", (Piece(exact[0], 0, len(exact[0].toks)),), None, (("equal", clean(text)),)
        )
    cands = [e for e, _ in index.candidates_normal(normal, lang, CANDIDATES)]
    if not cands or not toks:
        return Match("new", 0.0, None, (), None, ())
    best = _best_whole(toks, cands)
    if best[0] < 1.0 - MARGIN:  # else no part or join can beat the whole item by the margin
        near = cands[:PIECE_CANDIDATES]
        for other in (_best_part(toks, near, lang), _best_join(toks, near, lang)):
            if other is not None and other[0] >= best[0] + MARGIN:
                best = other
    score, pieces, extent = best
    if score < edited_min:
        return Match("new", score, None, (), pieces[0], ())
    if score == 1.0:
        return Match("verbatim", 1.0, extent, pieces, None, (("equal", clean(text)),))
    against = join_texts([p.text for p in pieces], lang)
    return Match("edited", score, extent, pieces, None, diff(against, clean(text), lang))


Scored = tuple[float, tuple[Piece, ...], Extent]
Tokens = list[str] | tuple[str, ...]


def _similar(a: Tokens, b: Tokens) -> float:
    return float(Indel.normalized_similarity(a, b))


def _best_whole(toks: list[str], cands: list[Entry]) -> Scored:
    best = max(cands, key=lambda e: _similar(toks, e.toks))  # max keeps the first of equals
    return _similar(toks, best.toks), (Piece(best, 0, len(best.toks)),), "whole"


def _span(short: Tokens, long: Tokens) -> tuple[int, int]:
    """The stretch of `long` that `short` aligns with best.

    rapidfuzz finds the best window of `short`'s length; the span is then refined within a
    little slack around it (a quote with words added or cut is longer or shorter than its
    source), from the first to the last shared run of two tokens or more, plus lone shared
    tokens right beside it (the closing full stop).
    """
    window = fuzz.partial_ratio_alignment(short, long)
    slack = max(2, len(short) // 5)
    lo, hi = (0, len(long)) if window is None else (window.dest_start, window.dest_end)
    lo, hi = max(0, lo - slack), min(len(long), hi + slack)
    blocks = [b for b in Indel.opcodes(short, long[lo:hi]) if b.tag == "equal"]
    solid = [i for i, b in enumerate(blocks) if b.dest_end - b.dest_start >= 2]
    if not solid:
        return (lo + blocks[0].dest_start, lo + blocks[-1].dest_end) if blocks else (0, 0)
    first, last = solid[0], solid[-1]
    while first > 0 and blocks[first - 1].dest_end >= blocks[first].dest_start - 1:
        first -= 1
    while last + 1 < len(blocks) and blocks[last + 1].dest_start <= blocks[last].dest_end + 1:
        last += 1
    return lo + blocks[first].dest_start, lo + blocks[last].dest_end


def _best_part(toks: list[str], cands: list[Entry], lang: str, least: int = 0) -> Scored | None:
    """The best item that the paragraph quotes only part of (at least `least` tokens long)."""
    least = least or MIN_PIECE[unit(lang)]
    if len(toks) < least:
        return None
    best: Scored | None = None
    for entry in cands:
        if len(toks) > PART_MAX_SHARE * len(entry.toks):
            continue
        start, end = _span(toks, entry.toks)
        if end - start < least:
            continue
        score = _similar(toks, entry.toks[start:end])
        if best is None or score > best[0]:
            best = (score, (Piece(entry, start, end),), "part")
    return best


def _best_join(toks: list[str], cands: list[Entry], lang: str) -> Scored | None:
    """Two or three whole items run together in the paragraph, in the paragraph's order."""
    least = MIN_PIECE[unit(lang)]
    covered: list[tuple[int, Entry]] = []
    free = [(0, len(toks))]
    pool = list(cands)
    while free and pool and len(covered) < MAX_JOIN:
        lo, hi = max(free, key=lambda s: s[1] - s[0])
        free.remove((lo, hi))
        found = _cover(toks[lo:hi], pool) if hi - lo >= least else None
        if found is None:
            continue
        start, end, entry = found
        covered.append((lo + start, entry))
        pool.remove(entry)
        free += [s for s in ((lo, lo + start), (lo + end, hi)) if s[1] - s[0] >= least]
    if len(covered) < 2:
        return None
    covered.sort(key=lambda c: c[0])
    joined = [tok for _, entry in covered for tok in entry.toks]
    pieces = tuple(Piece(entry, 0, len(entry.toks)) for _, entry in covered)
    return _similar(toks, joined), pieces, "join"


def _cover(toks: list[str], pool: list[Entry]) -> tuple[int, int, Entry] | None:
    """The item that best makes up a stretch of `toks` (at least `EDITED_MIN` alike), and where."""
    best: tuple[float, int, int, Entry] | None = None
    for entry in pool:
        if len(entry.toks) > len(toks) * 1.15:
            continue
        start, end = _span(entry.toks, toks)
        if end <= start:
            continue
        score = _similar(entry.toks, toks[start:end])
        if score >= EDITED_MIN and (best is None or score > best[0]):
            best = (score, start, end, entry)
    return None if best is None else (best[1], best[2], best[3])


def ranked(text: str, lang: str, index: Index, limit: int = 10) -> list[Match]:
    """The library texts closest to `text`, best first, each as a `Match` against it alone.

    For `library search --like`: a sentence is usually part of an item, so each candidate is
    scored as a whole and as the best part of it, whichever is higher; no status threshold
    applies (status is still `verbatim` for the same words and `edited` otherwise).
    """
    toks = tokens(normalise(text, lang))
    if not toks:
        return []
    out = []
    for entry in [e for e, _ in index.candidates(text, lang, max(limit * 2, CANDIDATES))]:
        score, pieces, extent = _best_whole(toks, [entry])
        part = _best_part(toks, [entry], lang, least=2)
        if part is not None and part[0] > score:
            score, pieces, extent = part
        against = join_texts([p.text for p in pieces], lang)
        status: Status = "verbatim" if score == 1.0 else "edited"
        out.append(Match(status, score, extent, pieces, None, diff(against, clean(text), lang)))
    out.sort(key=lambda m: -m.score)
    return out[:limit]
