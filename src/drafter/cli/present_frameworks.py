"""Frameworks as the CLI prints them: `drafter library frameworks` and `library themes`.

Every title that is not official wording carries `*`, so a reader of the listing sees at once
which words are the consultation's own; paragraph ranges not checked against the text say so.
"""

from __future__ import annotations

from collections.abc import Mapping

from drafter.cli.present import pad
from drafter.library.framework import Framework, Limits, SectionDef, Theme
from drafter.library.languages import UN_ORDER
from drafter.library.model import Library

STAR = "*"


def _title(text: Mapping[str, str], unofficial: frozenset[str], langs: tuple[str, ...] = ("en", "zh")) -> str:
    shown = [text[lang] + (STAR if lang in unofficial else "") for lang in langs if lang in text]
    if not shown:
        shown = [next(iter(text.values()), "")]
    return " / ".join(shown)


def _limits(limits: Limits) -> str:
    return ", ".join(f"{lang}: {limit}" for lang, limit in limits.items())


def _paragraphs(paragraphs: str, confirmed: bool) -> str:
    if not paragraphs:
        return ""
    word = "para." if "–" not in paragraphs and "," not in paragraphs else "paras"
    return f"{word} {paragraphs}" + ("" if confirmed else ", unconfirmed")


def _number(theme: Theme) -> str:
    if not theme.numbered:
        return "-."
    return f"{theme.label or theme.number}."


def _theme_lines(library: Library, framework: Framework, theme: Theme, detail: bool) -> list[str]:
    count = sum(1 for i in library.items.values() if theme.key in library.item_themes(i, framework.key))
    extra = [x for x in (_paragraphs(theme.paragraphs, theme.confirmed),
                         f"limit {_limits(theme.limit)}" if theme.limit else "") if x]
    suffix = f"  ({'; '.join(extra)})" if extra else ""
    items = f"  ({count} items)" if count else ""
    out = [f"  {_number(theme)} {pad(theme.key, 15)} {_title(theme.title, theme.unofficial)}{suffix}{items}"]
    if not detail:
        return out
    if theme.prompt:
        out.append(f"       question: {_title(theme.prompt, theme.unofficial)}")
    for sub in theme.subheadings:
        where = _paragraphs(sub.paragraphs, sub.confirmed)
        out.append(f"       - {_title(sub.title, sub.unofficial)}" + (f"  ({where})" if where else ""))
    if theme.sections is not None:
        out.append("       sections: " + _sections(theme.sections))
    return out


def _sections(sections: tuple[SectionDef, ...]) -> str:
    out = []
    for s in sections:
        limit = f", limit {_limits(s.limit)}" if s.limit else ""
        hidden = ", no heading" if not s.heading else ""
        out.append(f"{s.key} ({_title(s.title, s.unofficial)}{limit}{hidden})")
    return ", ".join(out)


def themes_text(library: Library, framework: Framework | None = None) -> str:
    """Every framework's themes and sections (or one framework's, with its sub-headings)."""
    frameworks = [framework] if framework is not None else list(library.frameworks.values())
    out = []
    marked = False
    for fw in frameworks:
        out.append(f"{fw.key}: {_title(fw.title, fw.unofficial)}")
        if framework is not None and fw.source:
            out.append(f"  source: {fw.source.get('en') or next(iter(fw.source.values()))}")
        for theme in fw.themes:
            out.extend(_theme_lines(library, fw, theme, detail=framework is not None))
        out.append("  sections: " + _sections(fw.sections))
        if fw.limit:
            out.append(f"  limit for the whole submission: {_limits(fw.limit)}")
        marked = marked or any(STAR in line for line in out)
    if marked:
        out.append(f"{STAR} not official wording in that language (docs/frameworks.md)")
    return "\n".join(out) + "\n"


def frameworks_text(library: Library) -> str:
    """One block per framework: key, title, size, languages, numbering, crosswalks."""
    out = []
    for fw in library.frameworks.values():
        numbered = sum(1 for t in fw.themes if t.numbered)
        others = len(fw.themes) - numbered
        langs = [lang for lang in UN_ORDER if lang in fw.languages]
        out.append(f"{fw.key}  {_title(fw.title, fw.unofficial)}")
        size = f"{numbered} themes" + (f" and {others} unnumbered part(s)" if others else "")
        out.append(f"  {size}; sections: {', '.join(s.key for s in fw.sections)}; numbering: {fw.numbering}")
        out.append(f"  titles in: {', '.join(langs)}")
        if fw.source:
            out.append(f"  source: {fw.source.get('en') or next(iter(fw.source.values()))}")
        for source, target in library.crosswalks:
            if target == fw.key:
                out.append(f"  crosswalk from {source}: drafter render SPEC --framework {fw.key}")
        if not fw.builtin:
            out.append(f"  file: {fw.file}")
    return "\n".join(out) + "\n"
