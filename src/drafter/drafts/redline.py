"""`drafter trace --format docx --redline`: an edited paragraph rewritten as tracked changes.

Each paragraph trace calls `edited` is rewritten, in the annotated copy, as the words of the
library text it is closest to with the draft's differences as Word revisions — the same
`w:del`/`w:ins` that `render --redline` writes (`writers/docx/revisions.py`), from the same
difference (`Match.diff`, from the library text to the paragraph as trace read it). Accepting
every change gives the paragraph's words back, rejecting every change the library's.

The paragraph's own leading number and trailing marks ("4.", "[edited]"), which trace leaves
out of the comparison, stay before and after the revisions as plain text. A paragraph whose
compared text cannot be found as one stretch of its text (trace tidied its spacing) is left as
it is: rewriting it would change more than the edit. The rewritten runs take the formatting
of the paragraph's first run; what the revisions say is text, not formatting.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drafter.writers.docx.revisions import Revisions, redline
from drafter.writers.docx.wordml import esc

if TYPE_CHECKING:
    from drafter.compare.diff import Part

AUTHOR = "drafter trace"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def first_free_id(body: Any) -> int:
    """One more than every `w:id` already in the part, so revision ids never collide."""
    ids = [int(v) for el in body.iter() if (v := el.get(f"{W}id")) is not None and v.lstrip("-").isdigit()]
    return max([0, *ids]) + 1


def redline_parts(parts: Sequence[Part], lang: str) -> Sequence[Part]:
    """Trace's difference again in the redline's unit (jieba's words for Chinese), as render uses."""
    from drafter.compare import diff, new_text, old_text
    from drafter.compare.tokens import redline_split

    split = redline_split(lang)
    if split is None:
        return parts
    return diff(old_text(tuple(parts)), new_text(tuple(parts)), lang, split=split)


def rewrite(el: Any, parts: Sequence[tuple[str, str]], rev: Revisions, author: str = AUTHOR) -> bool:
    """Replace the runs of paragraph `el` (lxml `w:p`) by `parts` as tracked changes.

    Returns False, leaving `el` untouched, when the paragraph's text does not hold the
    compared text as one stretch (see the module docstring).
    """
    from lxml import etree

    text = _text(el)
    compared = "".join(t for op, t in parts if op != "delete")
    at = text.find(compared) if compared else -1
    if at < 0 or "\n" in compared:
        return False
    first = next((r for r in el.iter(f"{W}r") if r.find(f"{W}t") is not None), None)
    props = first.find(f"{W}rPr") if first is not None else None
    rpr = etree.tostring(props, encoding="unicode") if props is not None else ""

    def runs(chunk: str) -> str:
        out = []
        for i, piece in enumerate(chunk.split("\t")):
            if i:
                out.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if piece != piece.strip() or "  " in piece else ""
                out.append(f"<w:t{space}>{esc(piece)}</w:t>")
        return f"<w:r>{rpr}{''.join(out)}</w:r>" if out else ""

    lines = redline(parts, runs, rev, author)
    body = runs(text[:at]) + lines[0].body + runs(text[at + len(compared):])
    fragment = etree.fromstring(f'<w:p xmlns:w="{W_NS}">{body}</w:p>')
    for child in list(el):
        if child.tag != f"{W}pPr":
            el.remove(child)
    for child in list(fragment):
        el.append(child)
    return True


def _text(el: Any) -> str:
    """The paragraph's text as trace read it: `w:t` text, tabs as "\\t", breaks as "\\n"."""
    out = []
    for node in el.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        out.append(node.text or "" if node.tag == f"{W}t" else ("\t" if node.tag == f"{W}tab" else "\n"))
    return "".join(out)
