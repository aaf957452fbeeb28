"""A submission as translation segments: one per paragraph, with what a translator needs.

The unit id is stable across exports: the item id for a library paragraph, `para-N` for the
submission's own numbered paragraph N, `preamble-N` / `closing-N` for its unnumbered ones, and
`title`, `subtitle`, `submitter` for the masthead. The source-text hash lets `import` refuse a
translation of words that have changed since the export.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from msgspec import Struct

from drafter.document.model import EDITED, NEW, SOURCE, UNOFFICIAL, USER, Paragraph, Status, Submission
from drafter.library.model import Item, Library, pick

if TYPE_CHECKING:
    from drafter.library.glossary import Term

STATE = {SOURCE: "final", UNOFFICIAL: "translated", USER: "translated", EDITED: "translated", NEW: "translated"}
"""XLIFF segment state of a target by its status: only the source's own words are final."""

STATUS_NAME = {
    SOURCE: "source text",
    UNOFFICIAL: "unofficial translation",
    USER: "supplied version",
    EDITED: "edited",
    NEW: "the submission's own text",
}


class Segment(Struct, frozen=True):
    """One paragraph in the source and (when it exists) the target language."""

    id: str
    kind: str  # "item" | "own" | "meta"
    source: str
    source_status: str
    target: str | None
    target_status: str | None
    provenance: str  # "cn-gdc, para. 3" or ""
    terms: tuple[str, ...]  # glossary terms found (zh term = English renderings)
    official_exists: bool = False

    @property
    def sha256(self) -> str:
        return source_hash(self.source)

    @property
    def state(self) -> str:
        return "initial" if self.target_status is None else STATE[self.target_status]


def source_hash(text: str) -> str:
    """The sha256 of a segment's source text (an import refuses a translation of changed words)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _status_of(item: Item | None, lang: str) -> Status | None:
    if item is None or lang not in item.text:
        return None
    return item.status(lang)  # the library's names are the document's: source, unofficial, user


def own_ids(sub: Submission) -> Iterator[tuple[str, Paragraph]]:
    """Every paragraph with its unit id, in document order."""
    seen: dict[str, int] = {}
    parts = [("preamble", sub.preamble)]
    parts += [("para", s.paragraphs) for t in sub.themes for s in t.sections]
    parts.append(("closing", sub.closing))
    counters = {"preamble": 0, "para": 0, "closing": 0}  # "para": a questionnaire's unnumbered answers
    for where, paras in parts:
        for para in paras:
            if where in counters:
                counters[where] += 1
            if para.item_id is not None:
                uid = para.item_id
            elif para.number is not None:
                uid = f"para-{para.number}"
            else:
                uid = f"{where}-{counters[where]}"
            seen[uid] = seen.get(uid, 0) + 1
            yield (uid if seen[uid] == 1 else f"{uid}_{seen[uid]}"), para


def _terms(texts: dict[str, str], glossary: list[Term]) -> tuple[str, ...]:
    from drafter.library.glossary import en_occurrences, zh_occurrences

    found: set[str] = set()
    if "zh" in texts:
        found |= zh_occurrences(texts["zh"], glossary)
    if "en" in texts:
        found |= en_occurrences(texts["en"], glossary)
    by_zh = {t.zh: t for t in glossary}
    return tuple(f"{zh} = {' / '.join(by_zh[zh].en)}" for zh in sorted(found) if zh in by_zh)


def segments(sub: Submission, library: Library, target: str) -> list[Segment]:
    """The submission's segments from its first language into `target`."""
    from drafter.library.glossary import load_glossary

    glossary = load_glossary()
    src = sub.meta.languages[0]
    out = [
        Segment(key, "meta", text[src], NEW, text.get(target), NEW if text.get(target) else None, "", ())
        for key, text in (("title", sub.meta.title), ("subtitle", sub.meta.subtitle), ("submitter", sub.meta.submitter))
        if text.get(src)
    ]
    for uid, para in own_ids(sub):
        item = library.items.get(para.item_id) if para.item_id else None
        version = para.versions[src]
        tstatus: Status | None
        if target in para.versions:
            tv = para.versions[target]
            ttext, tstatus, official = tv.text, tv.status, tv.official_exists
        elif item is not None and target in item.text:
            ttext, tstatus, official = item.text[target], _status_of(item, target), False
        else:
            ttext, tstatus, official = None, None, False
        prov = para.cited(src)
        where = f"{prov.source}, {pick(prov.ref, src)}" if prov else ""
        texts = {src: version.text, **({target: ttext} if ttext else {})}
        out.append(Segment(uid, "item" if item else "own", version.text, version.status, ttext, tstatus, where,
                           _terms(texts, glossary), official or version.official_exists))
    return out
