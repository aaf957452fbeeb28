"""Differences and similarity between two texts, counted in words or characters.

`diff` is what trace, `library search --like`, import, redline and the studio show: a sequence
of `(op, text)` parts whose equal+delete parts join to the first text and equal+insert parts
join to the second, exactly (whitespace included), so a writer can lay them out as tracked
changes without losing a character. rapidfuzz computes the alignment (Indel edit distance on
token sequences); this module only tokenises, orders and tidies the parts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from rapidfuzz.distance import Indel

from drafter.compare.normalise import normalise
from drafter.compare.tokens import diff_tokens, tokens

Op = Literal["equal", "delete", "insert"]
Part = tuple[Op, str]
Diff = tuple[Part, ...]


def diff(a: str, b: str, lang: str, *, split: Callable[[str], list[str]] | None = None) -> Diff:
    """The difference from `a` to `b`, word by word (character by character in Chinese).

    `split` replaces the tokeniser (its tokens must join back to the text): only for measuring
    other units, as scripts/redline_units.py does for Chinese words segmented by jieba.

    Within a changed stretch deletions come before insertions. A stretch of equal whitespace,
    or of one short equal token, between two changes is folded into the change so that
    "the big red dog" → "a small blue cat" reads as one replacement, not four.
    """
    ta, tb = (split or diff_tokens)(a), (split or diff_tokens)(b)
    blocks: list[tuple[str, list[str], list[str]]] = []  # ("equal"|"change", deleted, inserted)
    for op in Indel.opcodes(ta, tb):
        deleted, inserted = ta[op.src_start : op.src_end], tb[op.dest_start : op.dest_end]
        kind = "equal" if op.tag == "equal" else "change"
        if blocks and blocks[-1][0] == kind == "change":
            blocks[-1][1].extend(deleted)
            blocks[-1][2].extend(inserted)
        else:
            blocks.append((kind, deleted, inserted))
    return _parts(_absorb_small_equals(blocks))


def _absorb_small_equals(blocks: list[tuple[str, list[str], list[str]]]) -> list[tuple[str, list[str], list[str]]]:
    """Fold an equal stretch that is only whitespace (or one token) between changes into them."""
    out: list[tuple[str, list[str], list[str]]] = []
    i = 0
    while i < len(blocks):
        kind, deleted, inserted = blocks[i]
        if kind == "equal" and out and out[-1][0] == "change" and i + 1 < len(blocks) and _is_small(deleted):
            _, next_deleted, next_inserted = blocks[i + 1]
            prev = out[-1]
            out[-1] = ("change", prev[1] + deleted + next_deleted, prev[2] + deleted + next_inserted)
            i += 2
            continue
        out.append((kind, list(deleted), list(inserted)))
        i += 1
    return out


def _is_small(equal: list[str]) -> bool:
    words = [t for t in equal if not t.isspace()]
    return not words or (len(words) == 1 and len(words[0]) <= 3)


def _parts(blocks: list[tuple[str, list[str], list[str]]]) -> Diff:
    parts: list[Part] = []
    for kind, deleted, inserted in blocks:
        if kind == "equal":
            if deleted:
                parts.append(("equal", "".join(deleted)))
            continue
        if deleted:
            parts.append(("delete", "".join(deleted)))
        if inserted:
            parts.append(("insert", "".join(inserted)))
    return tuple(parts)


def old_text(parts: Diff) -> str:
    """The first text of a diff: its equal and deleted parts."""
    return "".join(text for op, text in parts if op != "insert")


def new_text(parts: Diff) -> str:
    """The second text of a diff: its equal and inserted parts."""
    return "".join(text for op, text in parts if op != "delete")


def similarity(a: str, b: str, lang: str) -> float:
    """How alike two texts are, in [0, 1]: 1 when they are the same words after `normalise`.

    The Indel similarity of the normalised token sequences: 1 - (tokens deleted + tokens
    inserted) / (tokens of a + tokens of b). Counted in words for English and characters for
    Chinese, so one changed word in a 40-word paragraph scores about 0.975.
    """
    return token_similarity(tokens(normalise(a, lang)), tokens(normalise(b, lang)))


def token_similarity(ta: Sequence[str], tb: Sequence[str]) -> float:
    """`similarity` of two texts already normalised and tokenised (an `Entry`'s `toks`)."""
    if not ta and not tb:
        return 1.0
    return float(Indel.normalized_similarity(ta, tb))


def same_words(a: str, b: str, lang: str) -> bool:
    """True when `a` and `b` are the same words once normalised (trace's `verbatim`).

    Compared token by token, so spacing around punctuation ("a ,b" / "a, b") does not count,
    but joining two words ("ab cd" / "abcd") does.
    """
    return tokens(normalise(a, lang)) == tokens(normalise(b, lang))
