"""The library functions the CLI (and the studio) call for trace, search --like and import."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from msgspec import Struct

from drafter.compare.library import LibraryIndex
from drafter.compare.match import Match, ranked
from drafter.drafts.frameworks import Choice, given, user_candidates
from drafter.drafts.frameworks import detect as detect_framework
from drafter.drafts.lang import detect
from drafter.drafts.model import Draft
from drafter.drafts.read import read_draft
from drafter.drafts.trace import Trace, trace
from drafter.errors import DrafterError
from drafter.library.model import Library


def library_index(libraries: Iterable[str | Path] = ()) -> LibraryIndex:
    """The index of the built-in library plus `libraries`, from the cache when it is current."""
    from drafter.compare.cache import cached_index

    return cached_index(tuple(libraries))


def trace_file(path: str | Path, libraries: Iterable[str | Path] = (),
               framework: str | None = None) -> tuple[Draft, Trace]:
    """Read a draft and trace each of its paragraphs to the library.

    `framework` (`--framework KEY|FILE.yaml`) names the draft's framework; without it, the
    framework files beside the draft are candidates too (`drafts/frameworks.py`), so that a
    questionnaire's headings and questions are not reported as the draft's paragraphs.
    """
    libraries = tuple(libraries)
    if framework is None and not _near_frameworks(Path(path)):
        draft = read_draft(path)
    else:
        from drafter.library.load import load_library

        draft, _ = read_for_framework(Path(path), load_library([str(x) for x in libraries]), framework)
    return draft, trace(draft, library_index(libraries))


def _near_frameworks(path: Path) -> bool:
    """Whether any YAML file lies beside the draft or in a `frameworks/` folder there (a cheap
    test, so that tracing a draft without any does not load the whole library)."""
    return any(any(folder.glob(pattern)) for folder in (path.parent, path.parent / "frameworks")
               for pattern in ("*.yaml", "*.yml") if folder.is_dir())


class Like(Struct, frozen=True):
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


def read_for_framework(path: Path, library: Library, framework: str | None,
                       output: Path | None = None) -> tuple[Draft, Choice]:
    """The draft read knowing the headings of its framework, and that framework (given or detected)."""
    builtin = [fw for fw in library.frameworks.values() if fw.builtin]
    if framework is not None:
        chosen = given(framework, library)
        return read_draft(path, () if chosen.builtin else (chosen,)), Choice(chosen, "given")
    places = [path.parent] if output is None else [path.parent, output.parent]
    users = user_candidates(places, (fw.key for fw in builtin))
    draft = read_draft(path, users)
    return draft, detect_framework(draft, [*builtin, *users], library)
