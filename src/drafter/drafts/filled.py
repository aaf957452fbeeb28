"""Recognising a text drafter wrote from a template with its fields filled in, in linear time.

Why not a regular expression: a template such as `{form}{date}给{addressee}的{sender}` became
`.+?.+?给.+?的.+?\\Z`, and Python's backtracking engine tries every way of cutting a line into
those fields — on a long Chinese paragraph (的 is everywhere) that cost a quarter of a second
per `drafter trace`. Whether *some* cut exists is decided exactly, and in one pass, by placing
each literal piece at its leftmost possible position: a later placement never leaves more room
for what follows. The answer is the same as the expression's `match` (a field is one or more
characters other than a line break), which `tests/drafts/test_filled.py` checks against it.
"""

from __future__ import annotations

import re

from msgspec import Struct


class Filled(Struct, frozen=True):
    """Literal `pieces` with at least `gaps[i]` field characters between piece i and i + 1."""

    pieces: tuple[str, ...]
    gaps: tuple[int, ...]

    @classmethod
    def split(cls, template: str, field: re.Pattern[str]) -> Filled:
        """The template with every match of `field` a field (adjacent fields add up)."""
        first, *rest = field.split(template)
        pieces: list[str] = [first]
        gaps: list[int] = []
        for piece in rest:
            if len(pieces) > 1 and pieces[-1] == "":  # two fields side by side: one longer gap
                pieces[-1] = piece
                gaps[-1] += 1
            else:
                pieces.append(piece)
                gaps.append(1)
        return cls(tuple(pieces), tuple(gaps))

    def match(self, text: str) -> bool:
        """Whether `text` is the template with each field one or more characters (no line break)."""
        if not self.gaps:
            return text == self.pieces[0]
        if not text.startswith(self.pieces[0]):
            return False
        pos = len(self.pieces[0])
        for gap, piece in zip(self.gaps[:-1], self.pieces[1:-1], strict=True):
            found = text.find(piece, pos + gap)
            if found < 0 or "\n" in text[pos:found]:
                return False
            pos = found + len(piece)
        last = self.pieces[-1]
        end = len(text) - len(last)
        return text.endswith(last) and end >= pos + self.gaps[-1] and "\n" not in text[pos:end]
