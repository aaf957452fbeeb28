"""`drafter import`: a draft edited by hand back into a spec.

The importer for a file is chosen by its suffix from `IMPORTERS` (Word, Markdown and text
drafts here; an XLIFF importer registers its own). For a draft:

1. `structure.py` finds its languages, layout and units (a heading or paragraph in each
   language it has);
2. headings name the themes and sections (drafter's own headings, in either language);
3. each paragraph unit is matched with the library: the item a footnote cites (drafter's
   footnotes name it), else the best match in any of its languages at or above the edited
   threshold. An item whose every language is the same words becomes `use: ID`; one with some
   languages changed, `use: ID` plus `text:` for exactly those; anything else, own `text`;
4. the spec is written (`specyaml.py`) and checked with drafter's own spec checker.

A Word file drafter did not write has no theme headings to go by: each matched paragraph goes
under its item's first theme and section, each new one under the theme before it, and every such
guess is reported.
"""

from __future__ import annotations

from pathlib import Path

from drafter.compare.diff import same_words, similarity
from drafter.compare.library import LibraryIndex
from drafter.compare.match import match
from drafter.compare.normalise import attributed, clean, normalise, strip_marks, strip_number
from drafter.drafts.hints import Hints
from drafter.drafts.model import Draft, Imported, Outline, Para
from drafter.drafts.structure import Unit, languages_and_layout, units
from drafter.errors import DrafterError, Problem

HINT_MIN = 0.3
"""A paragraph whose footnote cites item X is taken as X (edited) if it is at least this alike."""


def import_draft(path: Path, libraries: tuple[str, ...]) -> Imported:
    """A spec recovered from a Word, Markdown or text draft (`drafter import`)."""
    from drafter.drafts.api import library_index
    from drafter.drafts.read import read_draft
    from drafter.drafts.specyaml import spec_yaml
    from drafter.library.load import load_library

    draft = read_draft(path)
    index = library_index(libraries)
    body = [b for b in draft.blocks if b.role == "body" or b.tentative]
    if not any(b.lang in index.languages for b in body):
        from drafter.drafts.trace import language_error

        raise language_error(draft, {b.lang for b in body if b.lang != "und"}, index)
    library = load_library(libraries)
    outline = build_outline(draft, index, library)
    text = spec_yaml(draft, outline, library, libraries)
    notes = list(outline.notes) + _check(text, path, library)
    count = (
        len(outline.preamble)
        + len(outline.closing)
        + sum(len(x) for sections in outline.themes.values() for x in sections.values())
    )
    used = sum(1 for p in _all(outline) if p.use)
    summary = f"{count} paragraphs ({used} from the library), {len(outline.themes)} themes, {outline.layout} layout"
    return Imported(text, tuple(notes), summary)


def _all(outline: Outline) -> list[Para]:
    return [*outline.preamble, *(p for s in outline.themes.values() for x in s.values() for p in x), *outline.closing]


def _check(text: str, path: Path, library: object) -> list[Problem]:
    """Problems the spec checker finds in the spec written (shown as warnings, never hidden)."""
    from drafter.load.yaml import loads
    from drafter.spec.load import load_spec_doc

    name = path.with_suffix(".yaml").name
    try:
        spec, _ = load_spec_doc(loads(text, name), library)  # type: ignore[arg-type]
    except DrafterError as exc:
        return [Problem(p.location, p.message, p.path, p.hint, severity="warning") for p in exc.problems]
    return [w for w in spec.warnings if "edits" not in w.message]


# -- the outline ------------------------------------------------------------------------


def build_outline(draft: Draft, index: LibraryIndex, library: object) -> Outline:
    """The submission's languages, layout and paragraphs, recovered from a read draft."""
    from drafter.library.model import Library

    assert isinstance(library, Library)
    langs, layout = languages_and_layout(draft)
    out = Outline(langs, layout)
    framework = library.framework()
    themes = _heading_table(framework)
    hints = Hints(draft, index, library)
    theme: str | None = None
    section: str | None = None
    part = "preamble"
    last: Para | None = None
    last_unit: Unit | None = None
    # a letter or note verbale numbers nothing: no number tells its closing from its themes
    numbered = any(b.numbered for b in draft.blocks if b.role == "body")
    for unit in units(draft, langs, layout):
        if unit.kind == "clause":
            out.governing = out.governing or _governing(unit, langs)
            continue
        if unit.kind == "note":
            continue
        if unit.kind == "heading":
            found = _heading(unit, themes)
            if found is None:
                out.notes.append(
                    _note(
                        unit,
                        f"heading {_short(unit)!r} is not a heading of {framework.key}; "
                        "left out (the paragraphs under it stay where they are)",
                    )
                )
                continue
            kind, key = found
            if kind == "theme":
                part, theme, section = "themes", key, None
            elif kind == "section":
                section = key
            else:
                part = key
            continue
        para = _paragraph(unit, index, hints)
        if last is not None and last_unit is not None and _continues(unit, last_unit, last, para, part):
            for lang, text in para.text.items():
                last.text[lang] = last.text.get(lang, "") + "\n" + text
            continue
        if part == "themes" and numbered and not unit.numbered and draft.by_drafter and _after_numbers(unit, draft):
            part = "closing"
        _place(out, para, part, theme, section, index, draft.by_drafter)
        last, last_unit = para, unit
    return out


def _short(unit: Unit) -> str:
    text = unit.first.text
    return text if len(text) < 60 else text[:57] + "…"


def _note(unit: Unit, message: str) -> Problem:
    return Problem(unit.first.location, message, severity="warning")


def _heading_table(framework: object) -> dict[str, tuple[str, str]]:
    """Normalised heading text (either language, numbered or not) -> ("theme"|"section"|"part", key)."""
    out: dict[str, tuple[str, str]] = {}
    for key, title in framework.parts.items():  # type: ignore[attr-defined]
        for text in title.values():
            out[normalise(text)] = ("part", {"preamble": "preamble", "closing": "closing"}.get(key, "closing"))
    for sec in framework.sections:  # type: ignore[attr-defined]
        for text in sec.title.values():
            out[normalise(text)] = ("section", sec.key)
    for theme in framework.themes:  # type: ignore[attr-defined]
        for text in theme.title.values():
            out[normalise(text)] = ("theme", theme.key)
    return out


def _heading(unit: Unit, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    for text in unit.texts.values():
        for piece in (text, *text.split(" / ")):
            found = table.get(normalise(piece))
            if found:
                return found
    return None


def _governing(unit: Unit, langs: tuple[str, ...]) -> str | None:
    from drafter.document import labels as L

    for governing in langs:
        clause = L.governing_clause(langs, governing)
        if any(normalise(clause.get(lang, "")) == normalise(t) for lang, t in unit.texts.items()):
            return governing
    return None


def _paragraph(unit: Unit, index: LibraryIndex, hints: Hints) -> Para:
    """One paragraph unit as a spec entry: `use`, `use` + changed `text`, or own `text`."""
    texts = {lang: clean(t) for lang, t in unit.texts.items()}
    where = unit.first.location
    item_id = hints.item(unit)
    if item_id is not None and not any(_alike(index, item_id, lang, t) >= HINT_MIN for lang, t in texts.items()):
        item_id = None
    if item_id is None:
        best = 0.0
        for lang, text in texts.items():
            m = match(text, lang, index.index)
            if m.status != "new" and m.extent in ("whole", "part") and m.score > best:
                best, item_id = m.score, m.pieces[0].entry.key
    if item_id is None:
        return Para(None, texts, where)
    changed = {lang: t for lang, t in texts.items() if not _same(index, item_id, lang, t)}
    wrapped = any(attributed(strip_number(strip_marks(t).strip()).strip()) for t in unit.texts.values())
    return Para(item_id, changed, where, attributed=wrapped and not changed)


def _item_text(index: LibraryIndex, item_id: str, lang: str) -> str | None:
    return _texts(index).get((item_id, lang))


_TEXTS: dict[int, dict[tuple[str, str], str]] = {}


def _texts(index: LibraryIndex) -> dict[tuple[str, str], str]:
    table = _TEXTS.get(id(index))
    if table is None:
        table = _TEXTS[id(index)] = {(e.key, e.lang): e.text for e in index.index.entries}
    return table


def _same(index: LibraryIndex, item_id: str, lang: str, text: str) -> bool:
    original = _item_text(index, item_id, lang)
    return original is not None and same_words(original, text, lang)


def _alike(index: LibraryIndex, item_id: str, lang: str, text: str) -> float:
    original = _item_text(index, item_id, lang)
    return 0.0 if original is None else similarity(original, text, lang)


def _continues(unit: Unit, last_unit: Unit, last: Para, para: Para, part: str) -> bool:
    """A continuation line of the paragraph before (drafter writes multi-line paragraphs so)."""
    if unit.continued:
        return True
    if part != "themes" or unit.numbered or not last_unit.numbered:
        return False
    return last.use is not None and para.use == last.use


def _after_numbers(unit: Unit, draft: Draft) -> bool:
    """No numbered paragraph follows this block: it is past the themes, in the closing."""
    seen = False
    for b in draft.blocks:
        if b is unit.first:
            seen = True
        elif seen and b.role == "body" and b.numbered and b.lang == unit.first.lang:
            return False
    return seen


def _place(
    out: Outline, para: Para, part: str, theme: str | None, section: str | None, index: LibraryIndex, by_drafter: bool
) -> None:
    if part == "preamble" and (by_drafter or para.use is None and not out.themes):
        out.preamble.append(para)
        return
    if part == "closing":
        out.closing.append(para)
        return
    item = index.items.get(para.use) if para.use else None
    if theme is None or not by_drafter and item is not None and item.themes and part != "themes":
        guessed = item.themes[0] if item is not None and item.themes else (theme or next(iter(out.themes), None))
        if guessed is None:
            out.preamble.append(para)
            return
        why = f"from item {item.id}" if item is not None and item.themes else "as the paragraph before"
        out.notes.append(Problem(para.where, f"guessed theme {guessed!r} ({why})", severity="warning"))
        theme = guessed
    key = section or (item.section if item is not None else "commitments")
    out.themes.setdefault(theme, {}).setdefault(key, []).append(para)
