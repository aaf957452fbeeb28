"""drafter's one difference engine: normalise, tokenise, diff, score, index.

trace, `library search --like`, import, redline (Word tracked changes) and the studio all
compare texts through this package, so they agree on what counts as a change. The API below
is stable; everything else in the package is an implementation detail.

- `normalise(text, lang)` — the text as compared: whitespace and line wraps, leading paragraph
  numbers ("4.", "一、", "(a)"), punctuation width and shape, and drafter's own marks removed.
- `same_words(a, b, lang)` — equal once normalised (trace's `verbatim`).
- `similarity(a, b, lang)` — a score in [0, 1] over normalised tokens (words; characters for
  Chinese); 1.0 exactly when `same_words`.
- `diff(a, b, lang)` — `(("equal"|"delete"|"insert", text), …)`: joining the equal and deleted
  parts gives `a`, the equal and inserted parts `b`, character for character.
- `old_text(parts)`, `new_text(parts)` — those two joins.
- `tokens(text)`, `diff_tokens(text)`, `unit(lang)` — the units counted.
- `Index(entries)` — texts filed once by words / CJK bigrams; `.candidates(text, lang)` and
  `.exact(text, lang)` find the closest without comparing against every text.
"""

from __future__ import annotations

from drafter.compare.diff import Diff, Op, Part, diff, new_text, old_text, same_words, similarity
from drafter.compare.index import Entry, Index
from drafter.compare.normalise import normalise
from drafter.compare.tokens import diff_tokens, tokens, unit

__all__ = [
    "Diff",
    "Entry",
    "Index",
    "Op",
    "Part",
    "diff",
    "diff_tokens",
    "new_text",
    "normalise",
    "old_text",
    "same_words",
    "similarity",
    "tokens",
    "unit",
]
