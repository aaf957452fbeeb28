"""`drafter trace`: where each paragraph of a draft comes from.

Every body paragraph (and every block whose role was only guessed from its shape, if it turns
out to match the library) is matched against the library index in its own language, decided
paragraph by paragraph. The result is plain data; `report.py` prints it as a table, JSON or
HTML, and `annotate.py` writes it into the draft as Word comments.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from drafter.compare.library import Cited, LibraryIndex
from drafter.compare.match import Match, Piece, match
from drafter.drafts.model import Block, Draft
from drafter.errors import DrafterError, Problem

LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "ar": "Arabic",
    "ja": "Japanese",
}


class Traced(Struct, frozen=True):
    """One reported paragraph."""

    index: int  # 1-based among reported paragraphs
    block: Block
    lang: str
    match: Match


class Trace(Struct, frozen=True):
    """Every body paragraph of a draft with where its words come from."""

    file: str
    paragraphs: tuple[Traced, ...]
    items: Mapping[str, Cited]
    warnings: tuple[Problem, ...] = ()

    def summary(self) -> dict[str, int]:
        out = {"verbatim": 0, "edited": 0, "new": 0}
        for p in self.paragraphs:
            out[p.match.status] += 1
        return out


def language_error(draft: Draft, langs: set[str], library: LibraryIndex) -> DrafterError:
    """The error for a draft in none of the library's languages."""
    have = ", ".join(f"{LANGUAGE_NAMES.get(x, x)} ({x})" for x in sorted(library.languages))
    found = ", ".join(f"{LANGUAGE_NAMES.get(x, x)} ({x})" for x in sorted(langs)) or "no language drafter can tell"
    return DrafterError.at(
        draft.file,
        f"the draft is in {found}; the library holds {have}",
        hint="trace a draft in a library language, or add a user library in this language with --library",
    )


def trace(draft: Draft, library: LibraryIndex) -> Trace:
    """Match every paragraph of `draft`; refuse a draft with none in a library language."""
    reported: list[Traced] = []
    warnings: list[Problem] = []
    other_langs: set[str] = set()
    for b in draft.blocks:
        if b.role != "body" and not b.tentative:
            continue
        if b.lang == "und":
            continue
        if b.lang not in library.languages:
            if b.role == "body":
                other_langs.add(b.lang)
                m = Match("new", 0.0, None, (), None, ())
                reported.append(Traced(len(reported) + 1, b, b.lang, m))
            continue
        m = match(b.text, b.lang, library.index)
        if b.role != "body" and m.status == "new":
            continue  # a heading or masthead line after all
        reported.append(Traced(len(reported) + 1, b, b.lang, m))
    if not reported:
        raise DrafterError.at(
            draft.file,
            "the draft has no paragraphs to trace (only headings and notes)",
            hint="give a draft with body text",
        )
    if all(p.lang in other_langs for p in reported):
        raise language_error(draft, other_langs, library)
    for p in reported:
        if p.lang in other_langs:
            warnings.append(
                Problem(
                    p.block.location,
                    f"paragraph {p.index} is in "
                    f"{LANGUAGE_NAMES.get(p.lang, p.lang)}, which the library does not hold; "
                    "reported as new",
                    severity="warning",
                )
            )
    return Trace(draft.file, tuple(reported), library.items, tuple(warnings))


def cited(piece: Piece, items: Mapping[str, Cited], lang: str, score: float) -> dict[str, object]:
    """The JSON `match` object for one piece: id, score, source, ref (+ translation)."""
    item = items[piece.entry.key]
    return {
        "id": item.id,
        "score": round(score, 4),
        "source": item.source,
        "ref": item.ref_in(lang),
        "translation": "unofficial" if lang in item.unofficial else "source",
    }


def to_json(result: Trace, file: str) -> dict[str, object]:
    """The JSON contract of docs/trace.md."""
    paragraphs = []
    for p in result.paragraphs:
        m = p.match
        pieces = [cited(piece, result.items, p.lang, m.score) for piece in m.pieces]
        paragraphs.append(
            {
                "index": p.index,
                "lang": p.lang,
                "text": p.block.text,
                "status": m.status,
                "match": pieces[0] if pieces else None,
                "diff": [list(part) for part in m.diff],
                "extent": m.extent,
                "parts": pieces,
                "nearest": cited(m.nearest, result.items, p.lang, m.score) if m.nearest else None,
                "location": str(p.block.location),
            }
        )
    return {"file": file, "paragraphs": paragraphs, "summary": result.summary()}
