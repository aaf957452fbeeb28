"""Loading user templates: regular UTF-8 files inside their folder, nothing through it."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader

from drafter.errors import UNPLACED, DrafterError, Location, Problem

MAX_TEMPLATE_BYTES = 1024 * 1024


class TemplateRefused(DrafterError):
    """A user template file or name drafter will not load (outside the folder, not UTF-8, …).

    Without a `location` (a bad name has no file), the writer places it at the template line
    that asked for it.
    """

    def __init__(self, message: str, location: Location | None = None, hint: str = ""):
        super().__init__(Problem(location or UNPLACED, message, hint=hint))

    @property
    def placed(self) -> bool:
        """Whether the refusal already knows its file."""
        return self.problems[0].location != UNPLACED


_BAD_NAME = re.compile(r"(^|/)\.\.(/|$)|^[A-Za-z]:|\\|\x00")


class FolderLoader(BaseLoader):
    """Loads user templates: regular UTF-8 files inside the folder, nothing through it.

    Names with `..`, absolute names and drive letters are refused, and so is any file whose
    real path (after following symlinks, of the file or of a folder on the way) is outside
    the template folder. Files are checked when Jinja asks for them, so a big folder costs
    nothing and a FIFO is never opened.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.root = folder.resolve()
        self.served: set[str] = set()  # files handed to Jinja (one render): errors are located in them

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        import stat

        from jinja2 import TemplateNotFound

        if _BAD_NAME.search(template) or template.startswith("/"):
            raise TemplateRefused(f"template name {template!r} leaves the template folder",
                                  hint="name templates relative to the template folder, e.g. markdown/macros.md.j2")
        shown = self.folder.joinpath(*[p for p in template.split("/") if p and p != "."])
        if not os.path.lexists(shown):
            raise TemplateNotFound(template)
        where = Location(str(shown))
        try:
            real = shown.resolve()
        except (OSError, RuntimeError):  # a symbolic link loop
            raise TemplateRefused("cannot read template: its links go round in a loop", where) from None
        if not real.is_relative_to(self.root):
            raise TemplateRefused("template links outside the template folder", where,
                                  "copy the file into the folder instead of linking it")
        try:
            info = os.stat(real)
        except OSError as exc:
            raise TemplateRefused(f"cannot read template: {exc.strerror}", where) from None
        if not stat.S_ISREG(info.st_mode):
            raise TemplateRefused("template is not a regular file", where, "give a plain text .j2 file")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateRefused(f"template is {info.st_size:,} bytes; the limit is {MAX_TEMPLATE_BYTES:,}", where)
        try:
            with open(real, "rb") as fh:
                raw = fh.read(MAX_TEMPLATE_BYTES + 1)
        except OSError as exc:
            raise TemplateRefused(f"cannot read template: {exc.strerror}", where) from None
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise TemplateRefused("template is not UTF-8 text", Location(str(shown), line),
                                  "save it as UTF-8") from None
        self.served.add(str(shown))
        mtime = info.st_mtime

        def uptodate() -> bool:
            try:
                return os.path.getmtime(real) == mtime
            except OSError:
                return False

        return source, str(shown), uptodate
