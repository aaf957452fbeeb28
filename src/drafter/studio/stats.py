"""What the studio shows beside the spec: budgets per section, status and differences per paragraph.

Counted on the resolved `Submission` — the text that will be printed — with
`drafter.document.counting` (words, or characters for Chinese), so the studio's budget agrees
with `drafter stats` and with any limit check. Differences between an edited paragraph and its
source come from `drafter.compare`, drafter's one difference engine, so the studio shows the
same change that trace and redline would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from drafter.compare import diff, similarity
from drafter.document.counting import count, unit
from drafter.document.model import EDITED, Paragraph, Submission
from drafter.library.model import Library
from drafter.spec.model import Entry, Spec


@lru_cache(maxsize=8192)
def _count(text: str, lang: str) -> int:
    """Counting walks every character in Python; the library's texts repeat from change to change."""
    return count(text, lang)


def _paragraph(entry: Entry, para: Paragraph, library: Library, langs: Iterable[str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": entry.path,
        "item": para.item_id,
        "number": para.number,
        "status": {lang: para.versions[lang].status for lang in langs},
        "counts": {lang: _count("\n".join(para.lines(lang)), lang) for lang in langs},  # with any lead-in
    }
    if para.item_id:
        item = library.items[para.item_id]
        diffs = {}
        for lang in langs:
            if para.versions[lang].status == EDITED and lang in item.text:
                source, edited = item.text[lang], para.versions[lang].text
                diffs[lang] = {
                    "parts": [list(part) for part in diff(source, edited, lang)],
                    "similarity": round(similarity(source, edited, lang), 4),
                }
        out["diff"] = diffs
    return out


def _block(path: str, entries: tuple[Entry, ...], paras: tuple[Paragraph, ...], library: Library,
           langs: tuple[str, ...], limit: Mapping[str, int] | None) -> dict[str, Any]:
    rows = [_paragraph(e, p, library, langs) for e, p in zip(entries, paras, strict=True)]
    return {
        "path": path,
        "counts": {lang: sum(r["counts"][lang] for r in rows) for lang in langs},
        "units": {lang: unit(lang) for lang in langs},
        "limit": dict(limit) if limit else None,
        "paragraphs": rows,
    }


def section_limit(library: Library, framework: str, theme: str, section: str) -> Mapping[str, int] | None:
    """The framework's limit for a section, per language, where its data gives one: the
    section's own, or its theme's when the theme has that one section (a questionnaire's answer).

    The 2023 consultation set none; frameworks that do carry them as data (docs/frameworks.md).
    """
    fw = library.frameworks.get(framework)
    if fw is None:
        return None
    definition = fw.section(theme, section)
    found = definition.limit if definition is not None and definition.limit else None
    owner = fw.theme(theme)
    if not found and owner is not None and len(fw.sections_of(owner)) == 1:
        found = owner.limit
    return {lang: limit.amount for lang, limit in found.items()} if found else None


def spec_stats(spec: Spec, sub: Submission, library: Library) -> dict[str, Any]:
    """Counts per section and paragraph, in the submission's languages, with limits and diffs.

    Paragraphs line up with the spec's entries: resolve keeps their order, so the `path` of
    each row is the entry's key path (`themes.connect.commitments[1]`), the same path the
    problems carry, and the page can attach both to the paragraph they concern.
    """
    langs = spec.languages
    sections = []
    if spec.preamble:
        sections.append(_block("preamble", spec.preamble, sub.preamble, library, langs, None))
    by_key = {t.key: t for t in spec.themes}
    for block in sub.themes:
        tspec = by_key[block.key]
        for section in block.sections:
            entries = tspec.sections[section.key]
            limit = section_limit(library, spec.framework, block.key, section.key)
            sections.append(_block(f"themes.{block.key}.{section.key}", entries, section.paragraphs, library, langs,
                                   limit))
    if spec.closing:
        sections.append(_block("closing", spec.closing, sub.closing, library, langs, None))
    totals = {lang: sum(s["counts"][lang] for s in sections) for lang in langs}
    return {
        "languages": list(langs),
        "units": {lang: unit(lang) for lang in langs},
        "paragraphs": len(sub.paragraphs()),
        "themes": len(sub.themes),
        "totals": totals,
        "sections": sections,
    }
