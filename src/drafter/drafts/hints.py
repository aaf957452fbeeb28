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
from drafter.library.model import Library

_ID = re.compile(r"\(([a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+)\)\s*\Z")


_NUMBER = re.compile(r"\A\s*(\d{1,4})[.、]")


class Hints:
    """The provenance a drafter-rendered draft carries, looked up in the loaded library.

    Made once per import; its tables are built when first needed (a draft without an annex
    never builds the reference table, one without Word footnotes never the citation table).
    """

    def __init__(self, draft: Draft, index: LibraryIndex, library: Library):
        self.draft = draft
        self.index = index
        self.library = library
        self._annex: dict[str, str] | None = None
        self._citations: dict[str, str] | None = None

    def item(self, unit: Unit) -> str | None:
        """The item drafter's provenance names for this unit: the annex row of its number, a
        footnote's id (Markdown) or its citation (Word)."""
        for text in unit.texts.values():
            m = _NUMBER.match(text)
            if m and m.group(1) in self.annex():
                return self.annex()[m.group(1)]
        for hints in unit.hints().values():
            for hint in hints:
                m = _ID.search(hint)
                if m and m.group(1) in self.index.items:
                    return m.group(1)
                found = self.citations().get(normalise(hint))
                if found:
                    return found
        return None

    def annex(self) -> dict[str, str]:
        """Paragraph number -> item id, from drafter's sources annex (Markdown: the id column;
        Word: the source and reference columns, looked up in the library)."""
        if self._annex is None:
            rows: dict[int, list[str]] = {}
            for b in self.draft.blocks:
                if b.role == "annex" and b.row is not None:
                    rows.setdefault(b.row, []).append(b.text)
            self._annex = {}
            refs = self._refs() if rows else {}
            for cells in rows.values():
                if len(cells) < 3:
                    continue
                number = cells[0].strip().rstrip(".")
                found = cells[-1].strip().strip("`")
                if found not in self.index.items:
                    found = refs.get((normalise(cells[1]), normalise(cells[2])), "")
                if number and found:
                    self._annex.setdefault(number, found)
        return self._annex

    def _refs(self) -> dict[tuple[str, str], str]:
        """(source short title, reference), normalised, in any language -> item id."""
        out: dict[tuple[str, str], str] = {}
        for item in self.library.items.values():
            source = self.library.sources.get(item.source)
            if source is None:
                continue
            for ref in item.ref.values():
                for title in source.short.values():
                    out.setdefault((normalise(title), normalise(ref)), item.id)
        return out

    def citations(self) -> dict[str, str]:
        """Normalised "Short title (date), reference." as drafter's footnotes cite -> item id."""
        if self._citations is None:
            from drafter.document.citation import citation

            self._citations = {}
            for item in self.library.items.values():
                source = self.library.sources[item.source]
                for lang in item.text:
                    self._citations[normalise(citation(source.short, source.date, item.ref, lang))] = item.id
        return self._citations
