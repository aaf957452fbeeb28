"""The library as the studio's page reads it: items as JSON, search hits with the match marked.

Search is drafter's own (`drafter library search`: English and Chinese, every term must match,
agreed language first); this module only adds the browse filters and splits each hit's context
into before / match / after, so the page can mark the match without parsing brackets.
"""

from __future__ import annotations

from typing import Any

from drafter.errors import DrafterError
from drafter.library.model import KINDS, LANGUAGES, SECTIONS, Item, Library
from drafter.library.search import search
from drafter.spec.fields import LAYOUTS, PROVENANCE

CONTEXT = 60
MAX_QUERY = 200


def item_json(item: Item) -> dict[str, Any]:
    """The JSON shape of `drafter library show --format json` (docs/library.md)."""
    from drafter.cli.present import item_json as shown

    return shown(item)


def _match(item: Item, terms: list[str]) -> dict[str, list[str]]:
    """Per language: [before, match, after] around the first term found (as the CLI shows)."""
    out = {}
    for lang, text in item.text.items():
        folded = text.casefold()
        if len(folded) != len(text):  # "ß" folds to "ss": positions would not line up
            continue
        for term in terms:
            pos = folded.find(term)
            if pos >= 0:
                lo, hi = max(0, pos - CONTEXT), min(len(text), pos + len(term) + CONTEXT)
                out[lang] = [("…" if lo else "") + text[lo:pos], text[pos : pos + len(term)],
                             text[pos + len(term) : hi] + ("…" if hi < len(text) else "")]
                break
    return out


def library_json(library: Library, q: str = "", *, framework: str | None = None, source: str | None = None,
                 theme: str | None = None, kind: str | None = None, section: str | None = None) -> dict[str, Any]:
    """Items matching the filters (and every term of `q`, best first), each with its match."""
    for value, known, what in ((framework, library.frameworks, "framework"), (source, library.sources, "source"),
                               (theme, library.theme_keys, "theme"), (kind, KINDS, "kind"),
                               (section, SECTIONS, "section")):
        if value and value not in known:
            raise DrafterError.at(f"?{what}", f"unknown {what} {value!r}", hint=f"one of {', '.join(known)}")
    q = q[:MAX_QUERY]
    allowed = {i.id for i in library.select(source=source, theme=theme, kind=kind, section=section)}
    if framework:
        keys = set(library.frameworks[framework].theme_keys)
        allowed = {i for i in allowed if not library.items[i].themes or keys & set(library.items[i].themes)}
    terms = [t.casefold() for t in q.split()]
    if terms:
        hits = [(h.item, h.score) for h in search(library, q, limit=len(library.items)) if h.item.id in allowed]
    else:
        hits = [(i, 0.0) for i in library.items.values() if i.id in allowed]
    items = []
    for item, score in hits:
        shown = item_json(item)
        shown["score"] = score
        shown["match"] = _match(item, terms) if terms else {}
        items.append(shown)
    return {"query": q, "count": len(items), "items": items}


def meta_json(library: Library, spec_name: str, formats: list[str]) -> dict[str, Any]:
    """What the page's menus offer: frameworks (themes, sections, parts), sources, kinds, choices."""
    return {
        "spec": spec_name,
        "frameworks": [
            {
                "key": fw.key,
                "title": dict(fw.title),
                "sections": [{"key": s.key, "title": dict(s.title)} for s in fw.sections],
                "parts": {k: dict(v) for k, v in fw.parts.items()},
                "themes": [{"key": t.key, "number": t.number, "title": dict(t.title),
                            "sections": [s.key for s in fw.sections_of(t)]} for t in fw.themes],
            }
            for fw in library.frameworks.values()
        ],
        "sources": [
            {"key": s.key, "title": dict(s.title), "short": dict(s.short), "date": s.date,
             "languages": list(s.languages)}
            for s in library.sources.values()
        ],
        "kinds": list(KINDS),
        "languages": list(LANGUAGES),
        "layouts": list(LAYOUTS),
        "provenance": list(PROVENANCE),
        "formats": formats,
    }
