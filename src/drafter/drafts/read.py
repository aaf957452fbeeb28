"""Open a draft: check the file, pick a reader by its type, classify its blocks.

Every refusal is a `DrafterError` naming the file (and the paragraph, where there is one):
an empty file, one over `MAX_FILE_BYTES`, a paragraph over `MAX_PARAGRAPH_CHARS`, a Word file
that is encrypted (password-protected), macro-enabled or corrupt, a type no reader knows.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.drafts.classify import classify
from drafter.drafts.model import MAX_PARAGRAPH_CHARS, Draft, Role
from drafter.errors import DrafterError, Location

if TYPE_CHECKING:
    from drafter.library.framework import Framework

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A draft is text: 20 MiB holds thousands of pages. A larger file is refused unread."""
"""The longest library item has under 2,000 characters; a paragraph 25 times that is not prose."""

Reader = Callable[[Path, Location], Draft]


def _docx(path: Path, where: Location) -> Draft:
    from drafter.drafts.docx import read_docx

    return read_docx(path, where)


def _markdown(path: Path, where: Location) -> Draft:
    from drafter.drafts.markdown import read_markdown

    return read_markdown(path, where)


def _text(path: Path, where: Location) -> Draft:
    from drafter.drafts.text import read_text

    return read_text(path, where)


READERS: dict[str, Reader] = {".docx": _docx, ".md": _markdown, ".markdown": _markdown, ".txt": _text}
"""File suffix -> reader. A new reader registered here serves trace and import alike."""

REFUSED = {
    ".docm": "a macro-enabled Word file (.docm); drafter reads no macro files (save it as .docx without macros)",
    ".dotm": "a macro-enabled Word template; save it as a .docx document",
    ".doc": "an old binary Word file (.doc); save it as .docx",
}


def check_file(path: Path, where: Location) -> int:
    """The file's size, after refusing what cannot be a draft; raises `DrafterError`."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise DrafterError.at(where, "file not found", hint="check the path") from None
    except OSError as exc:
        raise DrafterError.at(where, f"cannot read file: {exc.strerror}") from None
    if not path.is_file():
        raise DrafterError.at(where, "not a file", hint="give a .docx, .md or .txt draft")
    if size == 0:
        raise DrafterError.at(where, "the file is empty", hint="give a draft with some paragraphs")
    if size > MAX_FILE_BYTES:
        raise DrafterError.at(
            where,
            f"file is {size:,} bytes; drafts are limited to {MAX_FILE_BYTES:,}",
            hint="remove embedded images and media, or split the draft",
        )
    return size


def read_draft(path: str | Path, frameworks: Iterable[Framework] = ()) -> Draft:
    """Read and classify a draft; its reader is chosen by the file's suffix (`READERS`).

    `frameworks` are user frameworks whose headings and questions the draft may hold.
    """
    path = Path(path)
    where = Location(str(path))
    suffix = path.suffix.lower()
    if suffix in REFUSED:
        raise DrafterError.at(where, f"this is {REFUSED[suffix]}")
    reader = READERS.get(suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise DrafterError.at(where, f"drafter cannot read {suffix or 'files without a suffix'}", hint=f"give {known}")
    check_file(path, where)
    from drafter.drafts.frameworks import known_texts

    extra: dict[str, tuple[Role, int]] = {}
    for fw in frameworks:
        extra.update(known_texts(fw))
    draft = classify(reader(path, where), extra)
    for block in draft.blocks:
        if len(block.text) > MAX_PARAGRAPH_CHARS:
            raise DrafterError.at(
                block.location,
                f"paragraph of {len(block.text):,} characters; the limit is {MAX_PARAGRAPH_CHARS:,}",
                hint="split it into paragraphs",
            )
    if not draft.blocks:
        raise DrafterError.at(where, "the file has no text", hint="give a draft with some paragraphs")
    return draft
