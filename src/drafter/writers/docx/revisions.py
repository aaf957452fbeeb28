"""Word tracked changes (revisions) from a difference: `w:ins` / `w:del` around runs.

python-docx has no revisions API, so this module writes them as WordprocessingML strings, the
same way `wordml.py` writes everything else. Its input is a difference from
`drafter.compare.diff` — `("equal"|"delete"|"insert", text)` parts whose equal+delete text is
the source's words and equal+insert text the edited words — and its output is one Word
paragraph per line, such that Word's (and LibreOffice's) *Accept all* leaves exactly the edited
text and *Reject all* exactly the source's text:

- a deleted stretch is a `w:del` holding runs whose text is `w:delText`, an inserted one a
  `w:ins` holding ordinary runs;
- a line break ("\\n") inside a deleted or inserted stretch ends the Word paragraph there and
  marks its paragraph mark deleted or inserted (`w:pPr/w:rPr/w:del|w:ins`), so accepting or
  rejecting joins or splits the paragraphs as the text says; the continuation tab that starts
  the next line belongs to the same revision;
- every revision has a unique `w:id` (counted in document order, so the bytes are the same
  for the same input), the `w:author` given, and `w:date` from the spec's date, never the
  clock (an empty date leaves the optional attribute out).

Marks, numbers and footnote references are the caller's: they are laid out outside the
revisions, so accepting or rejecting never touches them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from msgspec import Struct

from drafter.writers.docx.wordml import esc_attr

Op = str  # "equal" | "delete" | "insert"
Runs = Callable[[str], str]
"""Text -> the runs that show it (already escaped, `w:t` for text)."""

_T_OPEN = re.compile(r"<w:t(?=[ >])")


def revision_date(date: str) -> str:
    """An ISO spec date ("2026", "2026-05", "2026-05-20") as the `xsd:dateTime` Word expects."""
    if not date:
        return ""
    parts = date.split("-") + ["01", "01"]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


class Revisions:
    """Numbers revisions and writes their attributes; one per document part, in document order."""

    def __init__(self, date: str, next_id: int = 1) -> None:
        self.date = date  # the spec's ISO date, or ""
        self.next_id = next_id
        self._when = revision_date(date)

    def attrs(self, author: str) -> str:
        """` w:id="n" w:author="…" w:date="…"` for the next revision."""
        rid = self.next_id
        self.next_id += 1
        when = f' w:date="{self._when}"' if self._when else ""
        return f' w:id="{rid}" w:author="{esc_attr(author)}"{when}'

    def inserted(self, runs: str, author: str) -> str:
        return f"<w:ins{self.attrs(author)}>{runs}</w:ins>" if runs else ""

    def deleted(self, runs: str, author: str) -> str:
        return f"<w:del{self.attrs(author)}>{as_deleted(runs)}</w:del>" if runs else ""

    def mark(self, op: Op, author: str) -> str:
        """The run properties of a paragraph mark that was inserted or deleted ("" for equal)."""
        if op == "equal":
            return ""
        tag = "w:ins" if op == "insert" else "w:del"
        return f"<w:rPr><{tag}{self.attrs(author)}/></w:rPr>"


def as_deleted(runs: str) -> str:
    """The same runs with their text as `w:delText`, as deleted runs must hold it."""
    return _T_OPEN.sub("<w:delText", runs).replace("</w:t>", "</w:delText>")


class Line(Struct, frozen=True):
    """One Word paragraph of a redlined text."""

    body: str  # runs, `w:ins` and `w:del` elements
    mark: str  # the paragraph mark's revision as `w:rPr` ("" when the mark is unchanged)
    new_text: str  # what the paragraph says once every change is accepted (for its direction)


def split_lines(parts: Iterable[tuple[str, str]], last: Op = "equal") -> list[list[tuple[Op, str]]]:
    """The parts cut at each line break; each line ends with `("mark", op)` for its paragraph mark.

    `last` is the revision of the final paragraph mark: "insert" for a new paragraph.
    """
    lines: list[list[tuple[Op, str]]] = [[]]
    for op, text in parts:
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines[-1].append(("mark", op))
                lines.append([])
            if piece:
                lines[-1].append((op, piece))
    lines[-1].append(("mark", last))
    return lines


def redline(parts: Sequence[tuple[str, str]], runs: Runs, rev: Revisions, author: str, *,
            lead: Callable[[int], str] | None = None, last: Op = "equal") -> list[Line]:
    """The Word paragraphs showing `parts` as tracked changes.

    `lead(i)` gives the runs that start line `i` (the number and tab of the first line, the
    continuation tab of the others); a lead that follows an inserted or deleted paragraph mark
    is part of that revision. `last` is the revision of the final paragraph mark.
    """
    out: list[Line] = []
    before: Op = last if last == "insert" else "equal"  # a new paragraph is inserted from its number on
    for i, line in enumerate(split_lines(parts, last)):
        segments: list[tuple[Op, str]] = []  # (op, runs): a lead and text of one op are one revision
        start = lead(i) if lead else ""
        if start:
            segments.append((before, start))
        new = []
        for op, text in line[:-1]:
            if segments and segments[-1][0] == op:
                segments[-1] = (op, segments[-1][1] + runs(text))
            else:
                segments.append((op, runs(text)))
            if op != "delete":
                new.append(text)
        body = "".join(_wrap(op, xml, rev, author) for op, xml in segments)
        mark_op = line[-1][1]
        out.append(Line(body, rev.mark(mark_op, author), "".join(new)))
        before = mark_op
    return out


def _wrap(op: Op, runs: str, rev: Revisions, author: str) -> str:
    if op == "insert":
        return rev.inserted(runs, author)
    if op == "delete":
        return rev.deleted(runs, author)
    return runs
