"""Turning library objects into what the CLI prints: tables, JSON and item cards.

Kept apart from the command modules so the CLI only parses arguments and prints strings, and so tests can
check the formats without Click.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Iterable
from typing import Any

from drafter.library.model import Item, Library
from drafter.library.search import Hit


def item_json(item: Item) -> dict[str, Any]:
    """The JSON shape of an item (documented in docs/library.md)."""
    out: dict[str, Any] = {
        "id": item.id,
        "source": item.source,
        "themes": list(item.themes),
        "kind": item.kind,
        "section": item.section,
        "title": dict(item.title),
        "text": dict(item.text),
        "translation": {lang: item.status(lang) for lang in item.languages},
        "ref": dict(item.ref),
        "tags": list(item.tags),
        "voice": item.voice or None,
        "repairs": [r.as_json() for r in item.repairs],
        "sic": [x.as_json() for x in item.sic],
    }
    if item.supplied:
        out["versions"] = {lang: v.as_json() for lang, v in item.supplied.items()}
    return out


def items_json(items: Iterable[Item]) -> str:
    """Items as the JSON array `library list --format json` prints."""
    return json.dumps([item_json(i) for i in items], ensure_ascii=False, indent=2) + "\n"


def width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, cols: int) -> str:
    """`text` on one line, cut with `…` to fit `cols` terminal columns."""
    out, used = "", 0
    for ch in text.replace("\n", " "):
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > cols - 1:
            return out + "…"
        out += ch
        used += w
    return out


def pad(text: str, cols: int) -> str:
    """`text` padded with spaces to `cols` terminal columns."""
    return text + " " * max(0, cols - width(text))


def items_table(items: list[Item]) -> str:
    """Items as the table `library list` prints, sized to the terminal."""
    if not items:
        return "no items match\n"
    term = shutil.get_terminal_size((120, 20)).columns
    id_w = max(width(i.id) for i in items)
    kind_w = max(width(i.kind) for i in items)
    theme_w = max(width(",".join(i.themes) or "-") for i in items)
    rest = max(20, term - id_w - kind_w - theme_w - 6)
    lines = []
    for item in items:
        label = item.title.get("en") or item.text.get("en") or item.title.get("zh") or item.text.get("zh", "")
        lines.append(
            f"{pad(item.id, id_w)}  {pad(item.kind, kind_w)}  {pad(','.join(item.themes) or '-', theme_w)}  "
            f"{clip(label, rest)}".rstrip()
        )
    lines.append(f"({len(items)} items)")
    return "\n".join(lines) + "\n"


def item_card(library: Library, item: Item) -> str:
    """One item in every language, with its source, reference and notes (`library show`)."""
    source = library.sources[item.source]
    out = [item.id, f"  source:  {source.short.get('en', source.key)} ({source.key}, {source.date})"]
    for lang in item.languages:
        out.append(f"  ref.{lang}:  {item.ref.get(lang, '')}")
    out.append(
        f"  kind:    {item.kind}   section: {item.section}   themes: {', '.join(item.themes) or '(cross-cutting)'}"
    )
    if item.tags:
        out.append(f"  tags:    {', '.join(item.tags)}")
    for lang in item.languages:
        out.append("")
        title = f" — {item.title[lang]}" if lang in item.title else ""
        out.append(f"[{lang}] ({_status_text(library, item, lang)}){title}")
        out.append(item.text[lang])
    out += _notes(library, item)
    return "\n".join(out) + "\n"


def _status_text(library: Library, item: Item, lang: str) -> str:
    status = item.status(lang)
    if status == "source":
        return "source text"
    if status == "user":
        supplied = item.supplied[lang]
        source = library.sources[supplied.source]
        ref = supplied.ref.get(lang) or next(iter(supplied.ref.values()))
        return f"SUPPLIED VERSION: {source.short.get(lang) or source.key}, {ref} — {supplied.location}"
    official = [v for v in library.sources[item.source].official if v.lang == lang]
    return "UNOFFICIAL TRANSLATION" + ("; an official version exists, see below" if official else "")


def _notes(library: Library, item: Item) -> list[str]:
    """What the library knows about the item's words: voice, probable source errors, repairs."""
    source = library.sources[item.source]
    out: list[str] = []
    if item.voice == "author":
        who = source.author.get("en") or next(iter(source.author.values()), "its author")
        out += ["", f"voice: speaks as {who}; another submitter should edit it or quote it attributed "
                    "(`attributed: true`)"]
    for sic in item.sic:
        reading = f" (probably “{sic.reading}”)" if sic.reading else ""
        out += ["", f"sic [{sic.lang}]: “{sic.text}”{reading} — {sic.note}"]
    for fix in item.repairs:
        what = f"“{fix.before}” -> “{fix.after}”"
        if fix.rule:
            what = f"{fix.rule}, {fix.count} × {fix.before} -> {fix.after}"
        out += ["", f"repair [{fix.lang}]: {what} — {fix.why}"]
    for ov in source.official:
        if ov.lang in item.unofficial:
            publisher = ov.publisher.get("en") or next(iter(ov.publisher.values()), "")
            out += ["", f"official {ov.lang} version (not in the library): {ov.title}, {publisher}, {ov.date}, "
                        f"{ov.where}"]
    return out


def hits_text(library: Library, hits: list[Hit]) -> str:
    """Search hits with their matches in context (`library search`)."""
    if not hits:
        return "no items match\n"
    out = []
    for hit in hits:
        item = hit.item
        source = library.sources[item.source]
        ref = item.ref.get("en") or next(iter(item.ref.values()), "")
        out.append(f"{item.id}  — {source.short.get('en', source.key)}, {ref}")
        for lang in item.languages:
            shown = hit.snippets.get(lang) or clip(item.text[lang], 90)
            mark = {"unofficial": " (unofficial translation)", "user": " (supplied version)"}.get(
                item.status(lang) or "", "")
            out.append(f"  {lang}: {shown}{mark}")
        out.append("")
    out.append(f"({len(hits)} items; `drafter library show ID` prints one in full)")
    return "\n".join(out) + "\n"


def sources_text(library: Library) -> str:
    """The source documents and their item counts (`library sources`)."""
    out = []
    for s in library.sources.values():
        count = sum(1 for i in library.items.values() if i.source == s.key)
        out.append(f"{s.key}  ({count} items, {s.date}, original {s.original}, in {'/'.join(s.languages)})")
        for lang in ("en", "zh"):
            if lang in s.title:
                out.append(f"  {lang}: {s.title[lang]}")
        if s.issuer:
            out.append(f"  issuer: {s.issuer.get('en') or next(iter(s.issuer.values()))}")
        if s.author:
            out.append(f"  author: {' / '.join(s.author.values())}")
        for ov in s.official:
            publisher = ov.publisher.get("en") or next(iter(ov.publisher.values()), "")
            out.append(f"  official {ov.lang} version: {ov.title}, {publisher}, {ov.date}, {ov.where}")
    return "\n".join(out) + "\n"
