"""The library functions the CLI (and the studio) call for trace, search --like and import."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drafter.compare.library import LibraryIndex
from drafter.compare.match import Match, ranked
from drafter.drafts.lang import detect
from drafter.drafts.model import Draft
from drafter.drafts.read import read_draft
from drafter.drafts.trace import Trace, trace
from drafter.errors import DrafterError


def library_index(libraries: Iterable[str | Path] = ()) -> LibraryIndex:
    """The index of the built-in library plus `libraries`, from the cache when it is current."""
    from drafter.compare.cache import cached_index

    return cached_index(tuple(libraries))


def trace_file(path: str | Path, libraries: Iterable[str | Path] = ()) -> tuple[Draft, Trace]:
    """Read a draft and trace each of its paragraphs to the library."""
    draft = read_draft(path)
    return draft, trace(draft, library_index(libraries))


@dataclass(frozen=True)
class Like:
    """Library items like a given text, best first (`library search --like`)."""

    lang: str
    matches: tuple[Match, ...]
    index: LibraryIndex


def like(text: str, libraries: Iterable[str | Path] = (), limit: int = 10, *, where: str = "--like") -> Like:
    """The items closest to a sentence or paragraph, in its language, best first."""
    text = text.strip()
    if not text:
        raise DrafterError.at(where, "nothing to compare", hint="give a sentence or paragraph")
    from drafter.drafts.model import MAX_PARAGRAPH_CHARS

    if len(text) > MAX_PARAGRAPH_CHARS:
        raise DrafterError.at(
            where, f"text of {len(text):,} characters; the limit is {MAX_PARAGRAPH_CHARS:,}", hint="give one paragraph"
        )
    lang = detect(text)
    index = library_index(libraries)
    if lang not in index.languages:
        from drafter.drafts.trace import LANGUAGE_NAMES

        have = ", ".join(sorted(index.languages))
        raise DrafterError.at(
            where,
            f"the text is in {LANGUAGE_NAMES.get(lang, lang)} ({lang}); the library holds {have}",
            hint="give English or Chinese text",
        )
    return Like(lang, tuple(ranked(text, lang, index.index, limit)), index)
