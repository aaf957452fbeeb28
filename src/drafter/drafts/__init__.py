"""Reading drafts back: Word, Markdown and plain-text files, traced and imported.

`read_draft(path)` turns a file into a `Draft` — its blocks in reading order, each with its role
(heading, masthead, note, body paragraph…), language and location — whatever wrote it; `trace`
says where each body paragraph's words come from; `import_draft` turns a draft back into a
spec. Readers are chosen by file type from `READERS`, so a new format joins every verb at once.
"""

from __future__ import annotations

from drafter.drafts.model import Block, Draft, Role
from drafter.drafts.read import READERS, read_draft

__all__ = ["READERS", "Block", "Draft", "Role", "read_draft"]
