"""A parsed library kept between runs (the mechanism and why it is safe: `drafter/cache.py`).

A valid library is stored as plain data: each model object as a list `[class number, *fields]`
over a fixed whitelist of classes, tuples as tuples, read-only mappings as dicts. Item
locations (`file:line:col`, which later warnings cite) survive: a location's file is stored as
its position in the library's file list and re-displayed for the current working folder when
read, so the cache is valid from any folder.

The built-in library is also compiled when the wheel is built (`setup.py` calls `library.load.compile_to`)
into `drafter/data/library.cache`; it is used only when the content hash it records equals the
hash of the data beside it, so an edited checkout never uses a stale one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

from msgspec import Struct

from drafter import cache
from drafter.errors import Location
from drafter.library.framework import Crosswalk, Framework, Limit, SectionDef, Subheading, Theme
from drafter.library.model import Item, Library, Source
from drafter.library.notes import OfficialVersion, Repair, Sic, Supplied

# Numbers are the classes' places here: new classes go at the end (an entry stored by another
# version of drafter is keyed by that version's data, and one that does not decode is rebuilt).
CLASSES: tuple[type[Struct], ...] = (Source, Theme, Framework, Item, Repair, Sic, OfficialVersion, Supplied,
                             SectionDef, Subheading, Limit, Crosswalk)
_NUMBER = {cls: n for n, cls in enumerate(CLASSES)}
_FIELDS = {cls: cls.__struct_fields__ for cls in CLASSES}
_LOCATION = -1
_DICT = -2  # a plain dict (not a read-only mapping)
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "library.cache"


def builtin_files(root: Path) -> list[Path]:
    """Every file the built-in library is read from, in the order `load_library` reads them."""
    from drafter.library.files import RESERVED_FILES

    items = sorted(p for p in root.glob("*.yaml") if p.name not in RESERVED_FILES)
    return [root / "sources.yaml", *sorted((root / "frameworks").glob("*.yaml")), *items,
            *sorted((root / "crosswalks").glob("*.yaml"))]


def content_hash(root: Path) -> str:
    """The built-in data's identity: its files' names (relative to `root`) and bytes."""
    digest = hashlib.sha256()
    for path in builtin_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def library_key(root: Path, user_files: list[Path], kind: str = "library", *, builtin: str | None = None) -> str:
    """The cache name of what is made (`kind`) from the library at `root` plus `user_files`
    (the built-in data by content, user files by path and bytes); `builtin`: the content hash
    of `root`, when the caller has it already."""
    parts = [(builtin or content_hash(root)).encode()]
    for path in user_files:
        parts += [str(path.resolve()).encode("utf-8", "surrogateescape"), path.read_bytes()]
    return cache.key(kind, *parts)


def _encode(value: Any, files: dict[str, int]) -> Any:
    kind = type(value)
    if kind in (str, int, bool, float) or value is None:
        return value
    if kind is tuple:
        return tuple(_encode(v, files) for v in value)
    if kind is frozenset:
        return frozenset(value) if all(type(v) is str for v in value) else _refuse(value)
    if kind is MappingProxyType or kind is dict:
        body = {k: _encode(v, files) for k, v in value.items()}
        return body if kind is MappingProxyType else [_DICT, body]
    if kind is Location:
        return [_LOCATION, files.get(value.file, value.file), value.line, value.col, value.cell]
    if kind in _NUMBER:
        return [_NUMBER[kind], *(_encode(getattr(value, name), files) for name in _FIELDS[kind])]
    return _refuse(value)


def _refuse(value: Any) -> Any:
    raise TypeError(f"not cacheable: {type(value).__name__}")


def _decode(value: Any, files: list[str]) -> Any:
    kind = type(value)
    if kind in (str, int, bool, float) or value is None:
        return value
    if kind is tuple:
        return tuple(_decode(v, files) for v in value)
    if kind is frozenset and all(type(v) is str for v in value):
        return value
    if kind is dict:
        return MappingProxyType({k: _decode(v, files) for k, v in value.items()})
    if kind is list and value and type(value[0]) is int:
        tag = value[0]
        if tag == _LOCATION:
            file = value[1]
            return Location(files[file] if type(file) is int else file, *value[2:])
        if tag == _DICT:
            return {k: _decode(v, files) for k, v in value[1].items()}
        if 0 <= tag < len(CLASSES):
            return CLASSES[tag](*(_decode(v, files) for v in value[1:]))
    raise ValueError(f"unexpected {kind.__name__} in a library cache")


_ITEM_FIELDS = _FIELDS[Item]
_AS_IS = tuple(n for n in _ITEM_FIELDS if n in {"id", "source", "kind", "section", "themes", "unofficial", "tags",
                                                  "actors", "voice"})
_TEXTS = tuple(n for n in _ITEM_FIELDS if n in {"ref", "title", "text"})
_PLAIN = frozenset({str, tuple, frozenset})
_EMPTY: dict[str, Any] = {}


def _column(name: str, values: Any, count: int, files: list[str]) -> list[Any]:
    """One field of every item, decoded: most fields are stored as they are used (strings,
    tuples of strings, frozensets), texts become read-only mappings, the rest is decoded in
    full. Each value's type is checked."""
    if type(values) is not list or len(values) != count:
        raise ValueError(f"bad item column {name}")
    if name in _AS_IS:
        if not all(type(v) in _PLAIN for v in values):
            raise ValueError(f"bad item field {name}")
        return values
    if name in _TEXTS:
        if not all(type(v) is dict for v in values):
            raise ValueError(f"bad item field {name}")
        return [MappingProxyType(v) for v in values]
    out = []
    for value in values:
        if value == ():  # no repairs or sic notes
            out.append(value)
        elif value == _EMPTY:  # no supplied versions
            out.append(MappingProxyType({}))
        elif name == "location" and type(value) is list and len(value) == 5 and value[0] == _LOCATION:
            file = value[1]
            out.append(Location(files[file] if type(file) is int else file, *value[2:]))
        else:
            out.append(_decode(value, files))
    return out


def _items(columns: Any, files: list[str]) -> list[Item]:
    """The items, stored field by field (one list per field, in `Item`'s field order): a
    14,000-item library decodes in a few passes over lists rather than 14,000 loops."""
    if type(columns) is not tuple or len(columns) != len(_ITEM_FIELDS) or type(columns[0]) is not list:
        raise ValueError("not the items of a library")
    count = len(columns[0])
    decoded = [_column(name, values, count, files) for name, values in zip(_ITEM_FIELDS, columns, strict=True)]
    return [Item(*row) for row in zip(*decoded, strict=True)]


def encode(library: Library, displayed: list[str]) -> Any:
    """`library` as plain data; `displayed` are its files as its locations name them."""
    files = {name: n for n, name in enumerate(displayed)}
    items = list(library.items.values())
    return (
        {k: _encode(v, files) for k, v in library.sources.items()},
        {k: _encode(v, files) for k, v in library.frameworks.items()},
        tuple([_encode(getattr(item, name), files) for item in items] for name in _ITEM_FIELDS),
        [files[f] for f in library.files],
        [files[f] for f in library.user_files],
        [_encode(walk, files) for walk in library.crosswalks.values()],
    )


def decode(data: Any, displayed: list[str]) -> Library:
    """The library `encode` stored; raises ValueError/TypeError/IndexError/KeyError if it is not one."""
    sources, frameworks, items, lib_files, user_files, crosswalks = data
    decoded = _items(items, displayed)
    walks = [_decode(walk, displayed) for walk in crosswalks]
    library = Library(
        sources=MappingProxyType({k: _decode(v, displayed) for k, v in sources.items()}),
        frameworks=MappingProxyType({k: _decode(v, displayed) for k, v in frameworks.items()}),
        items=MappingProxyType({item.id: item for item in decoded}),
        files=tuple(displayed[n] for n in lib_files),
        user_files=tuple(displayed[n] for n in user_files),
        crosswalks=MappingProxyType({(w.source, w.target): w for w in walks}),
    )
    if not all(type(w) is Crosswalk for w in walks) or not all(type(s) is Source for s in library.sources.values()) \
            or not all(type(f) is Framework for f in library.frameworks.values()):
        raise ValueError("not a library")
    return library


def cached_library(root: Path, user_files: list[Path], displayed: list[str]) -> tuple[str, Library | None]:
    """The cache name for this library and the library if an entry for it is current."""
    builtin = content_hash(root)
    name = library_key(root, user_files, builtin=builtin)

    def payloads() -> Iterator[object]:  # the wheel's compiled library first, then the user's cache
        if not user_files and BUNDLED.is_file() and cache.enabled():
            bundled = cache.read_file(BUNDLED, "bundled")
            if type(bundled) is tuple and len(bundled) == 2 and bundled[0] == builtin:
                yield bundled[1]
        yield cache.read(name)

    with cache.paused_gc():
        for payload in payloads():
            if payload is None:
                continue
            try:
                return name, decode(payload, displayed)
            except (ValueError, TypeError, IndexError, KeyError, AttributeError):
                continue
    return name, None


def store(name: str, library: Library, displayed: list[str]) -> None:
    """Keep a loaded library in the cache under `name` (skipped when it cannot be encoded)."""
    try:
        payload = encode(library, displayed)
    except (TypeError, KeyError):
        return  # something the codec does not know: correct without a cache
    cache.write(name, payload)
