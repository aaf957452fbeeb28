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

from drafter.compare.diff import token_similarity
from drafter.compare.index import Entry
from drafter.compare.library import Cited, LibraryIndex
from drafter.compare.match import match
from drafter.compare.normalise import attributed, clean, normalise, strip_marks, strip_number
from drafter.compare.tokens import tokens
from drafter.drafts.frameworks import (
    heading_choices,
    heading_table,
    lookup,
    spec_reference,
)
from drafter.drafts.hints import Hints
from drafter.drafts.model import Block, Draft, Imported, Outline, Para
from drafter.drafts.structure import Unit, languages_and_layout, units
from drafter.errors import DrafterError, Problem
from drafter.library.framework import Framework
from drafter.library.model import Item, Library

HINT_MIN = 0.3
"""A paragraph whose footnote cites item X is taken as X (edited) if it is at least this alike."""


def import_draft(path: Path, libraries: tuple[str, ...], framework: str | None = None,
                 output: Path | None = None) -> Imported:
    """A spec recovered from a Word, Markdown or text draft (`drafter import`).

    `framework` is `--framework` (a built-in key or a framework file); without it the framework
    is detected from the draft's headings (`drafts/frameworks.py`). `output` is where the spec
    will be written (None: stdout), which a user framework file's path is made relative to.
    """
    from drafter.drafts.api import library_index, read_for_framework
    from drafter.drafts.specyaml import spec_yaml
    from drafter.library.load import load_library

    library = load_library(libraries)
    draft, choice = read_for_framework(path, library, framework, output)
    index = library_index(libraries)
    body = [b for b in draft.blocks if b.role == "body" or b.tentative]
    if not any(b.lang in index.languages for b in body):
        from drafter.drafts.trace import language_error

        raise language_error(draft, {b.lang for b in body if b.lang != "und"}, index)
    fw = choice.framework
    if not fw.builtin:
        library = library.with_framework(fw)
    outline = build_outline(draft, index, library, fw, strict=choice.how == "given")
    reference = spec_reference(fw, output)
    text = spec_yaml(draft, outline, library, libraries, fw, reference)
    notes = [*choice.notes, *_not_imported(body, index), *outline.notes, *_check(text, path, library, output)]
    count = (
        len(outline.preamble)
        + len(outline.closing)
        + sum(len(x) for sections in outline.themes.values() for x in sections.values())
    )
    used = sum(1 for p in _all(outline) if p.use)
    summary = (f"{count} paragraphs ({used} from the library), {len(outline.themes)} themes, {outline.layout} "
               f"layout, framework {reference} ({choice.how})")
    return Imported(text, tuple(notes), summary)


def _not_imported(body: list[Block], index: LibraryIndex) -> list[Problem]:
    """A warning per language the draft's paragraphs are in that import does not read back
    (only the library's languages are): nothing is left out without saying so."""
    from drafter.drafts.trace import LANGUAGE_NAMES

    out = []
    for lang in sorted({b.lang for b in body if b.role == "body" and b.lang not in index.languages} - {"und"}):
        blocks = [b for b in body if b.role == "body" and b.lang == lang]
        name = LANGUAGE_NAMES.get(lang, lang)
        have = ", ".join(f"{LANGUAGE_NAMES.get(x, x)} ({x})" for x in sorted(index.languages))
        out.append(Problem(blocks[0].location, f"{len(blocks)} paragraph{'s' * (len(blocks) != 1)} in {name} ({lang}) "
                           f"not imported (the first is here): import reads back the library's languages ({have})",
                           hint=f"add their text to the spec by hand (`text: {{{lang}: …}}`), or keep the spec "
                                "the draft was rendered from", severity="warning"))
    return out


def _all(outline: Outline) -> list[Para]:
    return [*outline.preamble, *(p for s in outline.themes.values() for x in s.values() for p in x), *outline.closing]


def _check(text: str, path: Path, library: Library, output: Path | None) -> list[Problem]:
    """Problems the spec checker finds in the spec written (shown as warnings, never hidden);
    read as the file it will be, so a user framework's path resolves as it will then."""
    from drafter.load.yaml import loads, loads_as_file
    from drafter.spec.load import load_spec_doc

    name = str(output) if output is not None else path.with_suffix(".yaml").name
    try:
        doc = loads(text, name) if output is None else loads_as_file(text, output, name)
        spec, _ = load_spec_doc(doc, library)
    except DrafterError as exc:
        return [Problem(p.location, p.message, p.path, p.hint, severity="warning") for p in exc.problems]
    return [w for w in spec.warnings if "edits" not in w.message]


# -- the outline ------------------------------------------------------------------------


def build_outline(draft: Draft, index: LibraryIndex, library: Library, framework: Framework | None = None,
                  *, strict: bool = False) -> Outline:
    """The submission's languages, layout and paragraphs, recovered from a read draft.

    Headings are mapped against `framework` (default: the library's default). A heading that is
    not one of its own is left out with a warning, or — `strict`, the framework was given — is
    an error, every such heading reported at once: the user said which framework the draft is.
    """
    fw = framework or library.framework()
    langs, layout = languages_and_layout(draft)
    out = Outline(langs, layout)
    headings = _Headings(fw, strict, [x for x in library.frameworks.values() if x.key != fw.key])
    hints = Hints(draft, index, library)
    place = _Where()
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
            headings.enter(unit, place, out)
            continue
        para = _paragraph(unit, index, hints)
        if last is not None and last_unit is not None and _continues(unit, last_unit, last, para, place.part):
            for lang, text in para.text.items():
                last.text[lang] = last.text.get(lang, "") + "\n" + text
            continue
        if (place.part == "themes" and numbered and not unit.numbered and draft.by_drafter
                and _after_numbers(unit, draft)):
            place.part = "closing"
        _place(out, para, place, index, library, fw, draft.by_drafter)
        last, last_unit = para, unit
    if headings.errors:
        raise DrafterError(headings.errors)
    return out


class _Where:
    """Where the paragraphs being read go: a part, or a theme and section."""

    def __init__(self) -> None:
        self.part = "preamble"
        self.theme: str | None = None
        self.section: str | None = None


class _Headings:
    """The framework's headings, and what each heading unit of the draft does to `_Where`."""

    def __init__(self, framework: Framework, strict: bool, others: list[Framework]) -> None:
        self.framework = framework
        self.others = others
        self.table = heading_table(framework)
        self.strict = strict
        self.errors: list[Problem] = []

    def enter(self, unit: Unit, where: _Where, out: Outline) -> None:
        found = lookup(unit.texts.values(), self.table, unit.first.level)
        if found is None:
            self._unknown(unit, out)
            return
        kind, key = found
        if kind == "theme":
            where.part, where.theme, where.section = "themes", key, None
        elif kind == "section":
            where.section = key
        else:
            where.part = key

    def _unknown(self, unit: Unit, out: Outline) -> None:
        from drafter.load.checks import suggest

        name = self.framework.key if self.framework.builtin else f"{self.framework.key} ({self.framework.file})"
        text = unit.first.text.split(" / ")[0]
        hint = suggest(strip_number(strip_marks(text)).strip(), heading_choices(self.framework))
        owner = next((o for o in self.others if lookup(unit.texts.values(), heading_table(o), unit.first.level)), None)
        if owner is not None and owner.builtin:
            hint = f"it is a heading of {owner.key}: give --framework {owner.key}, or leave --framework out"
        if self.strict:
            self.errors.append(Problem(unit.first.location, f"heading {_short(unit)!r} is not a heading of {name}",
                                       hint=hint or "give the draft's own framework with --framework, or leave "
                                       "--framework out to detect it"))
            return
        message = f"heading {_short(unit)!r} is not a heading of {name}; left out (the paragraphs under it stay " \
                  "where they are)"
        out.notes.append(Problem(unit.first.location, message, hint=hint, severity="warning"))


def _short(unit: Unit) -> str:
    text = unit.first.text
    return text if len(text) < 60 else text[:57] + "…"


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


def _entry(index: LibraryIndex, item_id: str, lang: str) -> Entry | None:
    return _entries(index).get((item_id, lang))


_ENTRIES: dict[int, dict[tuple[str, str], Entry]] = {}


def _entries(index: LibraryIndex) -> dict[tuple[str, str], Entry]:
    table = _ENTRIES.get(id(index))
    if table is None:
        table = _ENTRIES[id(index)] = {(e.key, e.lang): e for e in index.index.entries}
    return table


# The library text's side of each comparison is the entry's own normal form and tokens
# (computed once, or read from the index cache), so only the draft's text is tokenised here.
def _same(index: LibraryIndex, item_id: str, lang: str, text: str) -> bool:
    """`same_words` of the item's text in `lang` and `text`."""
    entry = _entry(index, item_id, lang)
    return entry is not None and entry.toks == tuple(tokens(normalise(text, lang)))


def _alike(index: LibraryIndex, item_id: str, lang: str, text: str) -> float:
    """`similarity` of the item's text in `lang` and `text` (0 when it has none)."""
    entry = _entry(index, item_id, lang)
    return 0.0 if entry is None else token_similarity(entry.toks, tokens(normalise(text, lang)))


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


def _place(out: Outline, para: Para, where: _Where, index: LibraryIndex, library: Library, fw: Framework,
           by_drafter: bool) -> None:
    part, theme = where.part, where.theme
    if part == "preamble" and (by_drafter or para.use is None and not out.themes):
        out.preamble.append(para)
        return
    if part == "closing":
        out.closing.append(para)
        return
    item = index.items.get(para.use) if para.use else None
    home = _home(library, library.items.get(para.use) if para.use else None, fw)
    if theme is None or not by_drafter and home is not None and part != "themes":
        guessed = home or theme or next(iter(out.themes), None)
        if guessed is None:
            out.preamble.append(para)
            return
        why = f"from item {item.id}" if item is not None and home else "as the paragraph before"
        out.notes.append(Problem(para.where, f"guessed theme {guessed!r} ({why})", severity="warning"))
        theme = guessed
    out.themes.setdefault(theme, {}).setdefault(_section(where.section, item, fw, theme), []).append(para)


def _home(library: Library, item: Item | None, fw: Framework) -> str | None:
    """The item's first theme in the draft's framework (through a crosswalk), if it has one."""
    if item is None or fw.key not in library.frameworks:
        return None
    found = library.item_themes(item, fw.key)
    return found[0] if found else None


def _section(section: str | None, item: Cited | None, fw: Framework, theme: str) -> str:
    """The section a paragraph goes to: its heading's; else its item's, or the theme's only one
    (a questionnaire's unheaded `answer`); else commitments, or the theme's last section."""
    keys = fw.section_keys(theme)
    if section in keys:
        return section
    if item is not None and item.section in keys:
        return item.section
    if len(keys) == 1:
        return keys[0]
    return "commitments" if "commitments" in keys or not keys else keys[-1]
