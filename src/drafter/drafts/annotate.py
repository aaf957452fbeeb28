"""`drafter trace --format docx`: the draft with a Word comment on every traced paragraph.

A Word draft is annotated in place (a copy: the input is never written): each traced paragraph
gets a comment by "drafter trace" naming its status, score, source item and reference and, for
an edited paragraph, its changes. A Markdown or text draft becomes a plain Word file of its
blocks, annotated the same way. The zip is rewritten with fixed timestamps so the same draft
gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from drafter.drafts.model import Draft
from drafter.drafts.trace import Trace, Traced

AUTHOR = "drafter trace"
INITIALS = "DT"


def comment_text(p: Traced, result: Trace) -> str:
    """The comment an annotated draft carries on one traced paragraph."""
    m = p.match
    if m.status == "new":
        near = f" Nearest: {m.nearest.entry.key} ({m.score:.2f})." if m.nearest else ""
        return f"new — no library text is close enough.{near}"
    pieces = []
    for piece in m.pieces:
        item = result.items[piece.entry.key]
        unofficial = " (unofficial translation)" if p.lang in item.unofficial else ""
        pieces.append(f"{item.id} — {item.source}, {item.ref_in(p.lang)}{unofficial}")
    extent = {"whole": "", "part": " (quotes part of the item)", "join": " (joins items)"}[m.extent or "whole"]
    text = f"{m.status} {m.score:.2f}{extent}: " + "; ".join(pieces)
    if m.status == "edited":
        changes = [("−" if op == "delete" else "+") + part.strip() for op, part in m.diff if op != "equal"]
        shown = " ".join(changes)
        text += ". Changes: " + (shown if len(shown) < 600 else shown[:600] + " …")
    return text


def annotate(draft: Draft, result: Trace, source: bytes | None, *, redline: bool = False) -> bytes:
    """The annotated .docx: `source` is the Word draft's bytes, or None for a .md/.txt draft.

    `redline`: every edited paragraph is also rewritten as the library's words with the draft's
    changes as Word tracked changes (`redline.py`).
    """
    import docx

    from drafter.drafts.docx import W, _style_name, paragraphs

    if source is not None:
        document = docx.Document(io.BytesIO(source))
        styles = {s.get(f"{W}styleId"): _style_name(s) for s in document.styles.element.iter(f"{W}style")}
        found = [p for p, *_ in paragraphs(document.element.body, styles)]
        by_line = {i: el for i, el in enumerate(found, start=1)}
        targets = {p.index: by_line.get(p.block.location.line or 0) for p in result.paragraphs}
    else:
        document = docx.Document()
        targets = {}
        traced = {p.block.location: p for p in result.paragraphs}
        for b in draft.blocks:
            if b.role == "heading":
                el = document.add_heading(b.text, level=min(max(b.level, 1), 9))._p
            else:
                el = document.add_paragraph(b.text)._p
            if b.location in traced:
                targets[traced[b.location].index] = el
    if redline:
        from drafter.drafts.redline import first_free_id, redline_parts, rewrite
        from drafter.writers.docx.revisions import Revisions

        rev = Revisions("", next_id=first_free_id(document.element.body) + len(result.paragraphs))
        for p in result.paragraphs:
            el = targets.get(p.index)
            if el is not None and p.match.status == "edited":
                rewrite(el, redline_parts(p.match.diff, p.lang), rev)
    for p in result.paragraphs:
        el = targets.get(p.index)
        if el is not None:
            _comment(document, el, comment_text(p, result))
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


def _comment(document: Any, el: Any, text: str) -> None:
    from docx.text.paragraph import Paragraph

    para = Paragraph(el, document._body)
    runs = [r for r in para.runs if r.text]
    if not runs:
        runs = [para.add_run("")]
    comment = document.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
    # python-docx stamps the clock's time on a comment: drop it, so output depends on input only
    comment._comment_elm.attrib.pop("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}date", None)


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, so output bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
