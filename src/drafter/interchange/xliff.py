"""XLIFF 2.1 out of a submission, and the translator's file back in (docs/interchange.md).

Written with lxml, not translate-toolkit: its `xliff2` store writes units but not XLIFF 2
notes with categories or segment states, which carry the provenance, status and source hash
here. translate-toolkit reads every file this module writes (tests/interchange).
"""

from __future__ import annotations

from pathlib import Path

from drafter.document.model import Submission
from drafter.interchange.segments import STATUS_NAME, Segment, segments
from drafter.interchange.xml import element, lxml_etree, serialise
from drafter.library.model import Library

NS = "urn:oasis:names:tc:xliff:document:2.0"
VERSION = "2.1"
PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
HASH_NOTE = "drafter-source-sha256"
"""Category of the note holding the sha256 of the source text at export."""


def _notes(unit: object, seg: Segment, src: str, target: str) -> None:
    notes = element(unit, f"{{{NS}}}notes")
    rows = [("kind", {"item": "library item", "own": "the submission's own text", "meta": "masthead"}[seg.kind])]
    if seg.provenance:
        rows.append(("provenance", seg.provenance))
    rows.append(("status", f"{src}: {STATUS_NAME[seg.source_status]}"))
    if seg.target_status is not None:
        unofficial = " (an official version exists)" if seg.official_exists else ""
        rows.append(("status", f"{target}: {STATUS_NAME[seg.target_status]}{unofficial}"))
    rows += [("glossary", term) for term in seg.terms]
    rows.append((HASH_NOTE, seg.sha256))
    for category, text in rows:
        element(notes, f"{{{NS}}}note", text, category=category)


def xliff_bytes(sub: Submission, library: Library, target: str, original: str) -> bytes:
    """The submission's paragraphs as an XLIFF 2.1 document from its first language into `target`."""
    src = sub.meta.languages[0]
    etree = lxml_etree()

    root = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS}, version=VERSION, srcLang=src, trgLang=target)
    file = element(root, f"{{{NS}}}file", id="f1", original=Path(original).name)
    for seg in segments(sub, library, target):
        unit = element(file, f"{{{NS}}}unit", id=seg.id)
        _notes(unit, seg, src, target)
        segment = element(unit, f"{{{NS}}}segment", state=seg.state)
        element(segment, f"{{{NS}}}source", seg.source, **PRESERVE)
        if seg.target is not None:
            element(segment, f"{{{NS}}}target", seg.target, **PRESERVE)
    return serialise(root)


def check_target(sub: Submission, target: str) -> None:
    """A target language drafter knows, other than the source language."""
    from drafter.errors import DrafterError
    from drafter.library.model import LANGUAGES

    known = tuple(dict.fromkeys((*LANGUAGES, *sub.meta.languages)))
    if target not in known:
        raise DrafterError.at("--to", f"unknown language {target!r}", hint=f"use one of {', '.join(known)}")
    if target == sub.meta.languages[0]:
        raise DrafterError.at("--to", f"{target} is the submission's first language, the source of the export",
                              hint="translate into another language")
