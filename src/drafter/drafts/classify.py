"""Give every block of a draft its role: masthead, heading, note, clause, annex or body.

Readers set what the file says outright (a Heading style, a Markdown `#`, drafter's own
styles); this module recognises the rest from the words drafter itself writes — the framework's
theme and section headings, the part headings, the governing-language clause, the notes on
marks, the sources annex, the language header of a parallel table, the masthead — so a draft
re-saved by another word processor, or pasted into a plain file, is read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from itertools import permutations
from typing import Any

from msgspec.structs import replace

from drafter.compare.normalise import normalise
from drafter.document import labels as L
from drafter.drafts.filled import Filled
from drafter.drafts.model import Block, Draft, Role

_SENTENCE_END = tuple('.;:!?。；：！？…)）"”')


@cache
def _known() -> dict[str, tuple[Role, int]]:
    """Normalised text drafter writes itself -> (role, heading level)."""
    out: dict[str, tuple[Role, int]] = {}
    for key in ("unofficial_note", "edited_note", "user_note"):
        for text in L.LABELS.get(key, {}).values():
            out[normalise(text)] = ("note", 0)
    langs = tuple(L.LANGUAGE_NAMES)
    for pair in permutations(langs, 2):
        for governing in pair:
            for text in L.governing_clause(pair, governing).values():
                out[normalise(text)] = ("clause", 0)
    for text in L.LABELS["language"].values():
        out[normalise(text)] = ("colhead", 0)
    for framework in _frameworks():
        _framework_headings(framework, out)
    return out


def _framework_headings(framework: dict[str, Any], out: dict[str, tuple[Role, int]]) -> None:
    """The headings a framework gives a submission (parts, sections, numbered themes), into `out`."""
    for part in (framework.get("parts") or {}).values():
        for text in _texts(part):
            out[normalise(text)] = ("heading", 1)
    for section in framework.get("sections") or ():
        for text in _texts(section.get("title")):
            out[normalise(text)] = ("heading", 2)
    numbered = [t for t in framework.get("themes") or () if isinstance(t, dict) and t.get("numbered", True)]
    for theme in framework.get("themes") or ():
        if not isinstance(theme, dict):
            continue
        number = numbered.index(theme) + 1 if theme in numbered else None  # unnumbered: cross-cutting
        for lang, text in (theme.get("title") or {}).items():
            out[normalise(L.theme_heading(str(lang), number, str(text)))] = ("heading", 1)
            out.setdefault(normalise(str(text)), ("heading", 1))
        for text in _texts(theme.get("prompt")):  # a questionnaire's question: the framework's words
            out.setdefault(normalise(text), ("note", 0))


def _frameworks() -> list[dict[str, Any]]:
    """The bundled frameworks' data, read directly: classifying a draft needs their headings,
    not the whole library (which `library.load_library` validates, and checks them there)."""
    from drafter import paths
    from drafter.load.yaml import load_file

    out = []
    for path in sorted((paths.commitments_dir() / "frameworks").glob("*.yaml")):
        data = load_file(path).data
        if isinstance(data, dict):
            out.append(data)
    return out


def _texts(value: Any) -> list[str]:
    return [str(v) for v in value.values()] if isinstance(value, dict) else []


_SENTINELS = {"source_title": "\x01", "version_lang": "\x02", "publisher": "\x03", "date": "\x04", "where": "\x05"}
_LABEL_FIELD = re.compile(r"\{(?:name|form|date|sender|addressee|to)\}")  # to: "au …", "al …"


@cache
def _official_notes() -> tuple[Filled, ...]:
    """drafter's note that a source has an official version elsewhere, any source, any date."""
    if not hasattr(L, "official_note"):
        return ()
    sentinel = re.compile("[" + "".join(_SENTINELS.values()) + "]")
    return tuple(Filled.split(normalise(L.official_note(lang, **_SENTINELS)), sentinel) for lang in L.LANGUAGE_NAMES)


@cache
def _frame() -> tuple[Callable[[str], object], ...]:
    """drafter's frame around the text, in any language it writes: "Original: Chinese",
    "(Translation)", a letter's or note verbale's UN title, "(Signed) Name"; a Markdown masthead
    joins its parts with " · " (the symbol first)."""
    names = [n for names in L.LANGUAGE_NAMES.values() for n in names.values()]
    pieces = []
    language = "(?:" + "|".join(map(re.escape, names)) + ")"
    for lang, pattern in L.LABELS.get("original", {}).items():  # as written: French "Original : …"
        pieces.append(re.escape(L.typeset(lang, pattern)).replace(re.escape("{language}"), language))
    pieces += [re.escape(L.typeset(lang, t)) for lang, t in L.LABELS.get("translation", {}).items()]
    out: list[Callable[[str], object]] = []
    if pieces:
        out.append(re.compile(r"(?:\S+ · )?(?:" + "|".join(pieces) + r")(?: · .+)?\Z").match)
    for key in ("signed", "heading_dated", "heading_undated"):
        out += [Filled.split(L.typeset(lang, pattern), _LABEL_FIELD).match
                for lang, pattern in L.LABELS.get(key, {}).items()]
    return tuple(out)


def _annex_headings() -> set[str]:
    return {normalise(t) for t in L.LABELS["annex"].values()} | {
        normalise(" / ".join(L.LABELS["annex"][lang] for lang in pair)) for pair in permutations(L.LABELS["annex"], 2)
    }


def _both(text: str, normal: str) -> str:
    """A bilingual Markdown heading `1. Title / 一、标题` -> its first half, normalised
    (`normal`, the whole text normalised, when it is not bilingual: not normalised twice)."""
    return normalise(text.split(" / ")[0]) if " / " in text else normal


def classify(draft: Draft, extra: Mapping[str, tuple[Role, int]] | None = None) -> Draft:
    """The draft with every block's role decided (see the module docstring).

    `extra` adds texts to recognise: a user framework's headings and questions
    (`drafts.frameworks.known_texts`), which the bundled frameworks' data cannot tell.

    A role guessed from a block's shape alone — a short line with no sentence ending at the top
    (masthead) or on its own (heading; bold in Word) — is marked `tentative`: trace and import
    treat such a block as a paragraph after all when it matches a library text.
    """
    known = {**_known(), **extra} if extra else _known()
    annex = _annex_headings()
    authors = [normalise(a) for a in draft.meta.get("author", "").split("\n") if a.strip()]
    titles = {normalise(draft.meta[k]) for k in ("title", "subtitle") if draft.meta.get(k)}
    out: list[Block] = []
    in_annex = False
    for b in draft.blocks:
        n = normalise(b.text)
        if n in annex or (b.role == "heading" and _both(b.text, n) in annex):
            in_annex = True
        elif in_annex and (b.role in ("title", "subtitle") or n in titles):
            in_annex = False  # a sequential draft: the next language's part begins
        if in_annex:
            out.append(replace(b, role="annex", tentative=False))
            continue
        role, level = known.get(n) or known.get(_both(b.text, n)) or (b.role, b.level)
        role = _drafters_own(b, n, role)
        guessed = False
        if b.role == "heading":  # the file said heading: keep it, with the level drafter knows
            role, level = "heading", b.level or level
        elif role == "body" and n in titles:
            role = "title"
        elif role == "body" and _is_byline(n, authors):
            role = "byline"
        elif role == "body" and _short_line(b) and not draft.by_drafter:
            top = not any(x.role in ("body", "heading") for x in out)
            if top:
                role, guessed = "byline", True
            elif b.tentative or draft.kind != "docx":
                role, level, guessed = "heading", 1, True
        out.append(replace(b, role=role, level=level, tentative=guessed))
    return replace(draft, blocks=tuple(out))


def _drafters_own(b: Block, n: str, role: Role) -> Role:
    """A note on an official version, or drafter's frame (masthead, a letter's title and
    signature), recognised from the words drafter writes."""
    if role == "body" and any(p.match(n) for p in _official_notes()):
        return "note"
    if role in ("body", "title") and any(match(b.text.strip().split("\n")[0]) for match in _frame()):
        return "masthead"
    return role


def _short_line(b: Block) -> bool:
    text = b.text.strip()
    return len(text) <= 100 and "\n" not in text and not text.endswith(_SENTENCE_END) and b.column is None


def _is_byline(n: str, authors: list[str]) -> bool:
    """drafter's Markdown byline: `submitter — date`, the submitter from the front matter (or,
    opening a sequential draft's next language, any submitter followed by a date drafter writes)."""
    if any(n == a or n.startswith(a + " - ") for a in authors):
        return True
    head, sep, date = n.rpartition(" - ")
    return bool(sep and head) and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", L.parse_date(date) or ""))
