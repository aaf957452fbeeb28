"""Plain-text drafts, and the one place every reader makes a block (length cap, language)."""

from __future__ import annotations

from pathlib import Path

from drafter.compare.normalise import collapse_space, fold_width, strip_number
from drafter.drafts.lang import detect
from drafter.drafts.model import Block, Draft, Role
from drafter.errors import DrafterError, Location


def block(role: Role, text: str, location: Location, **fields: object) -> Block:
    """A block of `text`, refused if it is too long to be a paragraph; language detected."""
    from drafter.drafts.model import MAX_PARAGRAPH_CHARS

    if len(text) > MAX_PARAGRAPH_CHARS:
        raise DrafterError.at(
            location,
            f"paragraph of {len(text):,} characters; the limit is {MAX_PARAGRAPH_CHARS:,}",
            hint="split it into paragraphs",
        )
    text = text.strip()
    folded = fold_width(text)
    numbered = bool(fields.pop("numbered", False)) or strip_number(folded) != folded
    return Block(role, text, location, lang=detect(text), numbered=numbered, **fields)  # type: ignore[arg-type]


def decode(data: bytes, where: Location) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused clearly."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise DrafterError.at(
                Location(where.file, line), "the file is not UTF-8 text", hint="save it as UTF-8 (Unicode) text"
            ) from None
    raise DrafterError.at(where, "the file is not UTF-8 text", hint="save it as UTF-8 (Unicode) text")


def read_text(path: Path, where: Location) -> Draft:
    """Paragraphs separated by blank lines; the lines of one paragraph are its wraps."""
    text = decode(path.read_bytes(), where).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise DrafterError.at(
            where, "the file holds NUL characters: it is not a text file", hint="give a .txt, .md or .docx draft"
        )
    blocks: list[Block] = []
    lines: list[str] = []
    start = 0
    for number, raw in enumerate([*text.split("\n"), ""], start=1):
        if raw.strip():
            if not lines:
                start = number
            lines.append(raw.strip())
            continue
        if lines:
            joined = collapse_space(" ".join(lines))
            blocks.append(block("body", joined, Location(where.file, start), tentative=len(lines) == 1))
            lines = []
    return Draft(file=where.file, kind="txt", blocks=tuple(blocks))
