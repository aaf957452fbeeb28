"""Full-text search of the library in English and Chinese.

Case-insensitive substring search (Chinese has no spaces, so words cannot be split reliably);
every query term must match. Ranked by where the terms match (id, title, text) and how often,
with the first match shown in context. A match in a library's own unofficial translation
counts half as much as one in a source's words, so the source text ranks first.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.library.model import Item, Library

CONTEXT = 40


@dataclass(frozen=True)
class Hit:
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


def _term_score(item: Item, term: str, snippets: dict[str, str]) -> float:
    """How well one (case-folded) term matches an item; the first match per language goes into
    `snippets`. A match in the library's own unofficial translation counts half."""
    score = 5.0 if term in item.id.casefold() else 0.0
    score += 3 * sum(1 for title in item.title.values() if term in title.casefold())
    score += 3 * sum(1 for tag in item.tags if term == tag.casefold())
    for lang, text in item.text.items():
        folded = text.casefold()
        count = folded.count(term)
        if count:
            weight = 0.5 if lang in item.unofficial else 1.0
            score += weight * (1 + min(count, 5) * 0.5)
            if lang not in snippets:
                snippets[lang] = _snippet(text, folded.find(term), len(term))
    return score


def search(library: Library, query: str, limit: int = 20) -> list[Hit]:
    """Items matching every term of `query`, best first."""
    terms = [t.casefold() for t in query.split() if t.strip()]
    if not terms:
        return []
    hits = []
    for order, item in enumerate(library.items.values()):
        score = 0.0
        snippets: dict[str, str] = {}
        for term in terms:
            term_score = _term_score(item, term, snippets)
            if term_score == 0:
                break
            score += term_score
        else:
            hits.append((-score, order, Hit(item, score, snippets)))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [h[2] for h in hits[:limit]]
