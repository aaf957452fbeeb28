"""Full-text search of the library in English and Chinese.

Case-insensitive substring search (Chinese has no spaces, so words cannot be split reliably);
every query term must match. Ranked by where the terms match (id, title, text) and how often,
with the first match shown in context. A match in a library's own unofficial translation
counts half as much as one in a source's words, so the source text ranks first.

Case-folding every item's text is most of a search's time (`str.casefold` is slow on
non-ASCII text), so it is done once per library: `Folded` holds every item's id, titles, tags
and texts folded and joined by NUL, and is kept in drafter's cache (`searchindex.py`). A
search finds its terms in that one string, and scores only the items they occur in, from the
folded fields — the same score and snippets as folding each item afresh (`_term_score`).
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from msgspec import Struct

from drafter.library.model import Item, Library

CONTEXT = 40


class Hit(Struct, frozen=True):
    """One search result: the item, its score, and its first match in each language."""

    item: Item
    score: float
    snippets: dict[str, str]  # language -> text around the first match, match in [brackets]


def _snippet(text: str, start: int, length: int) -> str:
    lo = max(0, start - CONTEXT)
    hi = min(len(text), start + length + CONTEXT)
    before = ("…" if lo else "") + text[lo:start]
    after = text[start + length : hi] + ("…" if hi < len(text) else "")
    return (before + "[" + text[start : start + length] + "]" + after).replace("\n", " ")


SEPARATOR = "\0"  # between the folded fields in `Folded.text`; no library text holds it


class Folded(Struct, frozen=True):
    """Every item's searchable fields, case-folded once, in library order: for each item its
    id, titles, tags and texts (in the item's order), each followed by NUL."""

    text: str
    starts: tuple[int, ...]  # where each item's fields start in `text`, and the end
    ids: tuple[str, ...]  # the items these are, to check the index belongs to the library


def _fields(item: Item) -> Iterator[str]:
    yield item.id
    yield from item.title.values()
    yield from item.tags
    yield from item.text.values()


def fold(library: Library) -> Folded | None:
    """The folded fields of `library` (one `casefold` call over all of them); None if a field
    holds the separator itself (the search then folds item by item)."""
    raw: list[str] = []
    lengths: list[int] = []
    for item in library.items.values():
        fields = list(_fields(item))
        raw.extend(fields)
        lengths.append(len(fields))
    parts = "".join(f + SEPARATOR for f in raw).casefold().split(SEPARATOR)
    if len(parts) != len(raw) + 1:
        return None
    starts = [0]
    n = 0
    for count in lengths:
        starts.append(starts[-1] + sum(len(p) + 1 for p in parts[n : n + count]))
        n += count
    return Folded("".join(p + SEPARATOR for p in parts[:-1]), tuple(starts), tuple(library.items))


def _term_score(item: Item, term: str, folded: Sequence[str]) -> float:
    """How well one (case-folded) term matches an item, whose fields case-folded are `folded`
    (`_fields` order). A match in the library's own unofficial translation counts half."""
    titles = 1 + len(item.title)
    tags = titles + len(item.tags)
    score = 5.0 if term in folded[0] else 0.0
    score += 3 * sum(1 for title in folded[1:titles] if term in title)
    score += 3 * sum(1 for tag in folded[titles:tags] if term == tag)
    for lang, folded_text in zip(item.text, folded[tags:], strict=True):
        count = folded_text.count(term)
        if count:
            weight = 0.5 if lang in item.unofficial else 1.0
            score += weight * (1 + min(count, 5) * 0.5)
    return score


def _snippets(item: Item, terms: list[str], folded: Sequence[str]) -> dict[str, str]:
    """Each language's text around its first match of the first term found in it (made for
    the hits shown only, not for every item that matches)."""
    snippets: dict[str, str] = {}
    texts = folded[1 + len(item.title) + len(item.tags):]
    for term in terms:
        for (lang, text), folded_text in zip(item.text.items(), texts, strict=True):
            if lang not in snippets and term in folded_text:
                snippets[lang] = _snippet(text, folded_text.find(term), len(term))
    return snippets


def _candidates(folded: Folded, terms: list[str]) -> list[int]:
    """The positions of the items in which every term occurs in some field (a superset of
    the hits), found in the folded text. No term holds the separator, so none spans two fields."""
    found: set[int] | None = None
    for term in terms:
        here: set[int] = set()
        text, starts = folded.text, folded.starts
        pos = text.find(term)
        while pos != -1:
            item = bisect_right(starts, pos) - 1
            here.add(item)
            pos = text.find(term, starts[item + 1])  # on to the next item
        found = here if found is None else found & here
    return sorted(found or ())


def search(library: Library, query: str, limit: int = 20, folded: Folded | None = None) -> list[Hit]:
    """Items matching every term of `query`, best first; `folded` (for this library) makes it fast."""
    terms = [t.casefold() for t in query.split() if t.strip()]
    if not terms:
        return []
    items = list(library.items.values())
    order: Sequence[int] = range(len(items))
    if folded is None or folded.ids != tuple(library.items) or any(SEPARATOR in t for t in terms):
        folded = None  # not this library's, or a term that could span two fields: fold item by item
    else:
        order = _candidates(folded, terms)
    def fields(n: int) -> list[str]:
        if folded is None:
            return [f.casefold() for f in _fields(items[n])]
        return folded.text[folded.starts[n] : folded.starts[n + 1] - 1].split(SEPARATOR)

    scored = []
    for n in order:
        item, folded_fields, score = items[n], fields(n), 0.0
        for term in terms:
            term_score = _term_score(item, term, folded_fields)
            if term_score == 0:
                break
            score += term_score
        else:
            scored.append((-score, n))
    return [Hit(items[n], -neg, _snippets(items[n], terms, fields(n))) for neg, n in heapq.nsmallest(limit, scored)]
