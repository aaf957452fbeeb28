"""The open spec and what the studio may do with it: check, preview, render, save.

This is the one module of the studio that calls drafter's library code (loading, checking,
resolving, rendering); the web layer (`api.py`) only turns its answers into HTTP. A posted
spec is untrusted text and goes through exactly what `drafter validate` / `drafter render` do:
the safe event loader with its limits, the spec checks, resolve, the writers. Beyond the CLI's
rules the studio confines files: a spec's `libraries:` and `options.reference_doc` must lie in
the spec's folder (the only folder the server reads), and the only file it writes is the spec.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct

from drafter.document.resolve import resolve
from drafter.errors import DrafterError, Location, Problem
from drafter.library.load import load_library
from drafter.library.model import Library
from drafter.load.yaml import YamlDoc, decode, loads
from drafter.spec.check import check_spec
from drafter.spec.fields import FORMS, Form
from drafter.spec.load import user_libraries
from drafter.spec.model import Spec
from drafter.studio import roundtrip
from drafter.studio.stats import spec_stats
from drafter.writers import render as render_bytes

FORMATS = ("docx", "md", "html")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


class Checked(Struct, frozen=True):
    """A posted spec after every check: the spec and its library, or None, and all problems."""

    doc: YamlDoc | None
    spec: Spec | None
    library: Library | None
    problems: tuple[Problem, ...]


def problem_json(p: Problem, folder: Path) -> dict[str, Any]:
    """A problem as the API reports it: the CLI's fields, and its one-line text."""
    file = p.location.file
    with contextlib.suppress(ValueError, OSError):
        file = str(Path(file).resolve().relative_to(folder))
    return {
        "file": file,
        "line": p.location.line,
        "column": p.location.col,
        "path": p.path,
        "message": p.message,
        "hint": p.hint,
        "severity": p.severity,
        "text": str(Problem(Location(file, p.location.line, p.location.col), p.message, p.path, p.hint, p.severity)),
    }


def version_of(text: str) -> str:
    """The version tag of a spec text (sent as ETag, checked with If-Match on save)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


_LIBRARIES: dict[tuple[Any, ...], Library] = {}  # shared by the workspaces of a process (tests, benchmarks)


class Workspace:
    """The spec the studio was opened on, its folder, and a cache of loaded libraries."""

    def __init__(self, spec_path: str | Path, extra_libraries: Sequence[str] = ()):
        self.spec_path = Path(os.path.abspath(spec_path))
        self.folder = self.spec_path.parent.resolve()
        self.name = self.spec_path.name
        self.extra_libraries = tuple(os.path.abspath(p) for p in extra_libraries)
        self.builtin = self.library_for(())
        self.starter_form: Form = "contribution"  # the form of the starter a new spec begins as

    # -- libraries ------------------------------------------------------------------------
    def library_for(self, files: Sequence[str]) -> Library:
        """The library with these user files (beside --library ones), loaded once per version."""
        paths = (*self.extra_libraries, *files)
        key = tuple((p, _stamp(p)) for p in paths)
        lib = _LIBRARIES.get(key)
        if lib is None:
            if len(_LIBRARIES) > 8:
                _LIBRARIES.clear()
            lib = _LIBRARIES[key] = load_library(paths)
        return lib

    def inside(self, path: str | Path) -> bool:
        """True when `path` (after following links) is in the spec's folder or below it."""
        try:
            return Path(path).resolve().is_relative_to(self.folder)
        except (OSError, RuntimeError, ValueError):
            return False

    # -- checking -------------------------------------------------------------------------
    def parse(self, body: bytes | str) -> YamlDoc:
        """Posted spec text as a located document; it stands for the open spec file."""
        text = decode(body, self.name) if isinstance(body, bytes) else body
        return loads(text, str(self.spec_path))

    def check(self, body: bytes | str) -> Checked:
        """Every problem of a posted spec, and the checked spec when it has no error."""
        try:
            doc = self.parse(body)
        except DrafterError as exc:
            return Checked(None, None, None, exc.problems)
        files, problems = user_libraries(doc)
        problems += self._confined(doc, files)
        if any(p.is_error for p in problems):
            return Checked(doc, None, None, tuple(problems))
        try:
            library = self.library_for(files)
            spec = check_spec(doc, library)
        except DrafterError as exc:
            return Checked(doc, None, None, exc.problems)
        return Checked(doc, spec, library, spec.warnings)

    def _confined(self, doc: YamlDoc, files: list[str]) -> list[Problem]:
        out = []
        for i, file in enumerate(files):
            if not self.inside(file):
                out.append(Problem(doc.loc(("libraries", i)),
                                   "the studio reads user libraries only in the spec's folder",
                                   f"libraries[{i}]", "move the library beside the spec, or render with the CLI"))
        options = doc.data.get("options") if isinstance(doc.data, dict) else None
        ref = options.get("reference_doc") if isinstance(options, dict) else None
        if isinstance(ref, str) and not self.inside(self.folder / ref):
            out.append(Problem(doc.loc(("options", "reference_doc")),
                               "the studio reads a reference document only in the spec's folder",
                               "options.reference_doc", "copy the .docx beside the spec"))
        return out

    def validate(self, body: bytes | str) -> dict[str, Any]:
        """`{"problems": [...], "stats": {...} | None}` for a posted spec (never raises)."""
        checked = self.check(body)
        stats = None
        if checked.spec is not None and checked.library is not None:
            stats = spec_stats(checked.spec, resolve(checked.spec, checked.library), checked.library)
        return {"problems": [problem_json(p, self.folder) for p in checked.problems], "stats": stats}

    def preview(self, body: bytes | str) -> dict[str, Any]:
        """As `validate`, plus the HTML preview when the spec has no error."""
        checked = self.check(body)
        out: dict[str, Any] = {"problems": [problem_json(p, self.folder) for p in checked.problems],
                               "stats": None, "html": None}
        if checked.spec is not None and checked.library is not None:
            sub = resolve(checked.spec, checked.library)
            out["stats"] = spec_stats(checked.spec, sub, checked.library)
            out["html"] = render_bytes(sub, "html").decode("utf-8")
        return out

    def render(self, body: bytes | str, fmt: str) -> bytes:
        """The file `drafter render --format FMT` writes for this spec; `DrafterError` if invalid."""
        checked = self.check(body)
        if checked.spec is None or checked.library is None:
            raise DrafterError(checked.problems)
        return render_bytes(resolve(checked.spec, checked.library), fmt)

    def download_name(self, fmt: str) -> str:
        return f"{self.spec_path.stem}.{fmt}"

    # -- the spec file ----------------------------------------------------------------------
    def read_text(self) -> str:
        """The spec file's text, or the starter spec when it does not exist yet."""
        if not os.path.lexists(self.spec_path):
            from drafter.cli.starter import starter_spec

            return starter_spec(self.builtin, None, name=self.name, form=self.starter_form)
        doc_text = self.spec_path.read_bytes()
        return decode(doc_text, self.name)

    def start(self, form: str) -> dict[str, Any]:
        """Begin a spec that does not exist yet as `form`'s starter (`drafter init --form`).

        The starter text becomes what a first save merges into, so its comments are kept."""
        if os.path.lexists(self.spec_path):
            raise SpecExists.at(self.name, "exists already; a starter only begins a new spec",
                                hint="change the form in the masthead instead")
        chosen = next((f for f in FORMS if f == form), None)
        if chosen is None:
            from drafter.load.checks import suggest

            raise DrafterError.at("?form", f"unknown form {form!r}", hint=suggest(form, FORMS, "forms"))
        self.starter_form = chosen
        return self.current()

    def current(self) -> dict[str, Any]:
        """The open spec for `GET /api/spec`: its text, its data as JSON, problems and version."""
        text = self.read_text()
        data = None
        checked = self.check(text)
        if checked.doc is not None:
            data = roundtrip.plain(checked.doc.data)
        return {
            "file": self.name,
            "exists": self.spec_path.exists(),
            "yaml": text,
            "data": data,
            "version": version_of(text),
            "problems": [problem_json(p, self.folder) for p in checked.problems],
        }

    def merged(self, body: bytes | str) -> tuple[str, Checked]:
        """The spec file's text with the posted spec's data merged in (comments and order kept)."""
        checked = self.check(body)
        if checked.doc is None:
            raise DrafterError(checked.problems)
        base = self.read_text()
        try:
            base_doc = loads(base, str(self.spec_path))
        except DrafterError as exc:
            raise SpecFileBroken(exc.problems) from None
        return roundtrip.merge_text(base, base_doc.data, roundtrip.plain(checked.doc.data)), checked

    def save(self, body: bytes | str, expected_version: str | None = None) -> dict[str, Any]:
        """Write the posted spec into the spec file, atomically; the only write the studio does."""
        from drafter.files import atomic_write

        if expected_version is not None and expected_version != version_of(self.read_text()):
            raise SpecChanged()
        text, checked = self.merged(body)
        atomic_write(self.spec_path, text.encode("utf-8"))
        if checked.problems:  # located in the file as written, not in the JSON the page sent
            checked = self.check(text)
        return {
            "file": self.name,
            "bytes": len(text.encode("utf-8")),
            "version": version_of(text),
            "problems": [problem_json(p, self.folder) for p in checked.problems],
        }


class SpecFileBroken(DrafterError):
    """The spec file on disk does not load, so a save would lose what is in it."""


class SpecExists(DrafterError):
    """A starter was asked for, but the spec file exists: starting over would drop it."""


class SpecChanged(Exception):
    """The spec file changed on disk since the page loaded it."""


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
