"""The bundled reference document's template, kept in drafter's cache between runs.

Why: reading the bundled `reference.docx` means unzipping it, parsing its parts with lxml,
resolving styles and deflating every part at level 9 — in a cold `drafter render` that is
more than writing the submission, and importing lxml alone costs tens of milliseconds. The
result (`reference.Template`) is plain data (strings, numbers, bytes, tuples), so it is
stored with the cache's safe format (`drafter/cache.py`: marshal of plain values, a private
folder, atomic writes) under a name hashed from the bundled file's bytes: another file,
drafter version or Python version gives another name. A render with the cache off, or with
`--reference-doc`, reads the document as before; the template is the same value either way
(tests/writers/docx/test_bundled.py compares them).
"""

from __future__ import annotations

from functools import cache as once
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter import cache
from drafter.writers.docx.archive import ZipEntry
from drafter.writers.docx.numbering import ReferenceLists
from drafter.writers.docx.template import Template, bundled_reference

_ENTRY = ZipEntry.__struct_fields__
_LISTS = ReferenceLists.__struct_fields__
_TEMPLATE = Template.__struct_fields__


def template(path: Path | None) -> Template:
    """The template of `path`; the bundled one (None) from the cache when it holds it."""
    if path is None:
        return _bundled()
    from drafter.writers.docx.reference import load_template

    return load_template(path)


@once
def _bundled() -> Template:
    path = bundled_reference()
    try:
        name = cache.key("reference", path.read_bytes())
    except OSError:
        return _read()  # reports the missing file as it always has
    stored = cache.read(name)
    if stored is not None:
        try:
            return decode(stored)
        except (ValueError, TypeError, KeyError, IndexError):
            pass  # corrupt or foreign: read the document and store it anew
    made = _read()
    cache.write(name, encode(made))
    return made


def _read() -> Template:
    """The bundled document read and sanitised (`reference.py`: lxml, zipfile, imported here)."""
    from drafter.writers.docx.reference import load_template

    return load_template(None)


def _entry(e: ZipEntry | None) -> tuple[Any, ...] | None:
    return None if e is None else tuple(getattr(e, n) for n in _ENTRY)


def encode(t: Template) -> dict[str, Any]:
    """`t` as plain data (every field by name; zip entries and lists as tuples)."""
    out: dict[str, Any] = {n: getattr(t, n) for n in _TEMPLATE}
    out["entries"] = tuple(_entry(e) for e in t.entries)
    out["footnotes_entry"] = _entry(t.footnotes_entry)
    out["overrides"] = dict(t.overrides)
    out["styles"] = dict(t.styles)
    out["lists"] = tuple(getattr(t.lists, n) for n in _LISTS)
    return out


def _typed(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _strings(value: Any) -> Any:
    if type(value) is not dict or not all(type(k) is str and type(v) is str for k, v in value.items()):
        raise TypeError("expected a mapping of strings")
    return MappingProxyType(value)


def _zip_entry(value: Any) -> ZipEntry:
    name, payload, crc, size, method = _typed(value, tuple)
    return ZipEntry(_typed(name, str), _typed(payload, bytes), _typed(crc, int), _typed(size, int), _typed(method, int))


def decode(data: Any) -> Template:
    """The template `encode` stored; raises ValueError/TypeError/KeyError if it is not one."""
    if type(data) is not dict or set(data) != set(_TEMPLATE):
        raise ValueError("not a template")
    values = dict(data)
    values["entries"] = tuple(_zip_entry(e) for e in _typed(data["entries"], tuple))
    values["footnotes_entry"] = None if data["footnotes_entry"] is None else _zip_entry(data["footnotes_entry"])
    values["overrides"] = _strings(data["overrides"])
    values["styles"] = _strings(data["styles"])
    values["lists"] = ReferenceLists(*_typed(data["lists"], tuple))
    values["own_parts"] = frozenset(_typed(data["own_parts"], frozenset))
    for name in ("defaults", "main_rels", "root_rels", "header_tabs", "warnings"):
        _typed(data[name], tuple)
    return Template(**values)
