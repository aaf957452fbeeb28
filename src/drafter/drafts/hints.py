"""What a drafter-rendered draft says about its paragraphs' sources, read back for import.

drafter's Markdown footnotes end with the item id (`… para. 1. (cn-gdc.preamble.1)`); its Word
footnotes cite "Short title (date), reference." — looked up in a table of every item's
citation; its sources annex lists each numbered paragraph's source and reference (and, in
Markdown, the id). A hint is only a hint: the importer still checks that the paragraph is
alike enough (`importer.HINT_MIN`).
"""

from __future__ import annotations

import re

from drafter.compare.library import LibraryIndex
from drafter.compare.normalise import normalise
from drafter.drafts.model import Draft
from drafter.drafts.structure import Unit

_ID = re.compile(r"\(([a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+)\)\s*\Z")


def annex_ids(draft: Draft, index: LibraryIndex) -> dict[str, str]:
    """Paragraph number -> item id, from drafter's sources annex (Markdown: the id column;
    Word: the source and reference columns, looked up in the library)."""
    rows: dict[int, list[str]] = {}
    for b in draft.blocks:
        if b.role == "annex" and b.row is not None:
            rows.setdefault(b.row, []).append(b.text)
    refs = _refs(index)
    out: dict[str, str] = {}
    for cells in rows.values():
        if len(cells) < 3:
            continue
        number = cells[0].strip().rstrip(".")
        found = cells[-1].strip().strip("`")
        if found not in index.items:
            found = refs.get((normalise(cells[1]), normalise(cells[2])), "")
        if number and found:
            out.setdefault(number, found)
    return out


def _refs(index: LibraryIndex) -> dict[tuple[str, str], str]:
    """(source short title, reference), normalised, in each language -> item id."""
    from drafter.library.load import load_library

    lib = load_library()
    out: dict[tuple[str, str], str] = {}
    for item in index.items.values():
        source = lib.sources.get(item.source)
        if source is None:
            continue
        for lang, ref in item.ref.items():
            for title in source.short.values():
                out.setdefault((normalise(title), normalise(ref)), item.id)
            out.setdefault((normalise(source.short.get(lang, "")), normalise(ref)), item.id)
    return out


_NUMBER = re.compile(r"\A\s*(\d{1,4})[.、]")


def hinted(unit: Unit, index: LibraryIndex, draft: Draft) -> str | None:
    """The item drafter's provenance names: a footnote's id (Markdown) or citation (Word), or
    the annex row of the paragraph's number."""
    for text in unit.texts.values():
        m = _NUMBER.match(text)
        if m and m.group(1) in draft_annex(draft, index):
            return draft_annex(draft, index)[m.group(1)]
    for hints in unit.hints().values():
        for hint in hints:
            m = _ID.search(hint)
            if m and m.group(1) in index.items:
                return m.group(1)
            found = _citations(index).get(normalise(hint))
            if found:
                return found
    return None


_ANNEX: dict[int, dict[str, str]] = {}


def draft_annex(draft: Draft, index: LibraryIndex) -> dict[str, str]:
    found = _ANNEX.get(id(draft))
    if found is None:
        found = _ANNEX[id(draft)] = annex_ids(draft, index)
    return found


_CITATIONS: dict[int, dict[str, str]] = {}


def _citations(index: LibraryIndex) -> dict[str, str]:
    """Normalised "Short title (date), reference." as drafter's Word footnotes cite -> item id."""
    table = _CITATIONS.get(id(index))
    if table is None:
        from drafter.document.model import Provenance
        from drafter.library.load import load_library
        from drafter.writers.docx.layout import citation

        lib = load_library()
        table = {}
        for item in lib.items.values():
            source = lib.sources[item.source]
            prov = Provenance(item.id, source.key, source.short, item.ref, source.date)
            for lang in item.text:
                table[normalise(citation(prov, lang))] = item.id
        _CITATIONS[id(index)] = table
    return table
