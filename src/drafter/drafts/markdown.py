"""Read a Markdown draft with markdown-it-py: front matter, headings, paragraphs, pipe tables.

Text is taken from markdown-it's inline tokens, so escapes (`1\\.`), emphasis and links read as
the words a reader sees; footnote references are dropped from the text and their footnotes
kept as the paragraph's hints (drafter's footnotes end in the item id: `(cn-igf.connect.c1)`).
Front matter is YAML, read with drafter's own safe loader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from drafter.drafts.model import Block, Draft, Role
from drafter.drafts.text import block, decode
from drafter.errors import DrafterError, Location

_ID_NOTE = re.compile(r"\(([a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+)\)\s*\Z")
"""drafter's Markdown footnote ends with the item id in brackets: `… para. 1. (cn-gdc.preamble.1)`."""


_DRAFTER_FRONT = {"title", "subtitle", "author", "date", "lang", "dir"}


def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote.index import footnote_plugin
    from mdit_py_plugins.front_matter.index import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(footnote_plugin)


def read_markdown(path: Path, where: Location) -> Draft:
    """A Markdown draft's blocks, with roles from its headings and drafter's own marks."""
    source = decode(path.read_bytes(), where)
    if "\x00" in source:
        raise DrafterError.at(
            where, "the file holds NUL characters: it is not a text file", hint="give a .txt, .md or .docx draft"
        )
    tokens = _parser().parse(source)
    meta: dict[str, str] = {}
    notes = _footnotes(tokens)
    blocks: list[Block] = []
    reader = _Walk(where, notes)
    for found in reader.walk(tokens):
        if isinstance(found, dict):
            meta.update(found)
        else:
            blocks.append(found)
    return Draft(
        file=where.file,
        kind="md",
        blocks=tuple(blocks),
        meta=meta,
        by_drafter=reader.drafter_notes or {"title", "lang"} <= set(meta) <= _DRAFTER_FRONT,
        footnotes={str(k): v for k, v in notes.items()},
    )


_LANG_SPAN = re.compile(r'<span lang="[A-Za-z-]+"( dir="rtl")?>|</span>')


def _inline_text(token: Any) -> tuple[str, list[int]]:
    """The words of an inline token, and the footnotes it refers to."""
    out: list[str] = []
    refs: list[int] = []
    for child in token.children or ():
        kind = child.type
        if kind == "html_inline" and _LANG_SPAN.fullmatch(child.content):
            continue  # drafter's own language markup around a table cell, not text
        if kind in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif kind in ("softbreak",):
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "footnote_ref":
            refs.append(int(child.meta.get("id", -1)))
        elif kind == "image":
            out.append(child.content)
    return "".join(out), refs


def _footnotes(tokens: list[Any]) -> dict[int, str]:
    """Footnote number -> its text."""
    notes: dict[int, str] = {}
    current: int | None = None
    for tok in tokens:
        if tok.type == "footnote_open":
            current = int(tok.meta.get("id", -1))
        elif tok.type == "footnote_close":
            current = None
        elif tok.type == "inline" and current is not None:
            notes[current] = notes.get(current, "") + _inline_text(tok)[0]
    return notes


class _Walk:
    def __init__(self, where: Location, notes: dict[int, str]):
        self.where = where
        self.notes = notes
        self.drafter_notes = bool(notes) and all(_ID_NOTE.search(n) for n in notes.values())
        self.rows = 0
        self.seen_heading = False

    def walk(self, tokens: list[Any]) -> Iterator[Block | dict[str, str]]:
        """The blocks (and the front matter) of the token stream, in reading order."""
        state = {"heading": 0, "cell": -1, "note": False, "table": False}
        for tok in tokens:
            kind = tok.type
            if kind == "front_matter":
                yield self.front(tok)
            elif kind == "inline" and not state["note"]:
                found = self.inline(tok, int(state["heading"]), int(state["cell"]) if state["table"] else None,
                                    tok_header=kind)
                if found is not None:
                    yield found
            else:
                self.track(kind, tok, state)

    def track(self, kind: str, tok: Any, state: dict[str, int | bool]) -> None:
        """Follow where the walk is: in a footnote, a heading (its level), a table (its cell)."""
        if kind in ("footnote_block_open", "footnote_block_close"):
            state["note"] = kind == "footnote_block_open"
        elif kind == "heading_open":
            state["heading"] = int(tok.tag[1:])
            self.seen_heading = True
        elif kind == "hr":  # drafter's sequential draft: the next language's title block follows
            self.seen_heading = False
        elif kind == "heading_close":
            state["heading"] = 0
        elif kind in ("table_open", "table_close"):
            state["table"] = kind == "table_open"
        elif kind == "tr_open":
            self.rows += 1
            state["cell"] = -1
        elif kind in ("th_open", "td_open"):
            state["cell"] = int(state["cell"]) + 1

    def inline(self, tok: Any, heading: int, column: int | None, tok_header: str) -> Block | None:
        text, refs = _inline_text(tok)
        if not text.strip():
            return None
        line = (tok.map[0] + 1) if tok.map else None
        role: Role = "heading" if heading else self.title_block_role(tok, column)
        hints = tuple(self.notes[r] for r in refs if r in self.notes)
        return block(
            role,
            text,
            Location(self.where.file, line),
            level=heading,
            column=column,
            row=self.rows if column is not None else None,
            hints=hints,
        )

    def title_block_role(self, tok: Any, column: int | None) -> Role:
        """drafter's title block before the first heading sets a whole line in italics (a
        subtitle) or in bold (a sequential draft's next language's title); else a paragraph."""
        if self.seen_heading or column is not None:
            return "body"
        kinds = [c.type for c in tok.children or () if c.type != "text" or c.content.strip()]
        for mark, role in (("em", "subtitle"), ("strong", "title")):
            if kinds[:1] == [f"{mark}_open"] and kinds[-1:] == [f"{mark}_close"] and kinds.count(f"{mark}_open") == 1:
                return role  # type: ignore[return-value]
        return "body"

    def front(self, tok: Any) -> dict[str, str]:
        from drafter.load.yaml import loads

        line = (tok.map[0] + 2) if tok.map else 1
        try:
            data = loads(tok.content, self.where.file).data
        except DrafterError as exc:  # located inside the front matter: shift to the file's lines
            raise DrafterError.at(
                Location(self.where.file, line), "front matter is not valid YAML: " + exc.problems[0].message
            ) from None
        if not isinstance(data, dict):
            return {}
        out: dict[str, str] = {}
        for key in ("title", "subtitle", "date", "lang"):
            if data.get(key) is not None:
                out[key] = str(data[key])
        authors = data.get("author")
        if isinstance(authors, list):
            out["author"] = "\n".join(str(a) for a in authors)
        elif authors is not None:
            out["author"] = str(authors)
        return out
