"""Parsed YAML files kept between runs, in drafter's one cache (`drafter/cache.py`).

Why: importing PyYAML and its C parser costs a cold `drafter render` or `validate` more than
everything it then does with the spec, and the result of parsing depends only on the file's
bytes (and drafter's version, which is in every entry's name). So a file that parsed without
a problem is stored as plain data: its values, with `Ambiguous` scalars as tagged tuples (the
parsed data holds no tuples of its own), and the line and column of every value and key.

One entry per file *path* (its name is hashed from the resolved path), holding the SHA-256 of
the bytes it was parsed from: an edited file replaces its entry instead of adding one, so the
cache does not grow with every edit of a spec; other bytes under the same path are parsed
afresh. A file with problems is never stored (it is parsed, and reported, every time).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from drafter import cache
from drafter.load.builder import Ambiguous

_AMBIGUOUS = "\0ambiguous"
_MOST_DEPTH = 64  # deeper than the loader's own limit (MAX_DEPTH): never reached by a parsed file

Marks = dict[tuple[Any, ...], tuple[int, int]]


def _name(path: Path) -> str:
    return cache.key("yaml", str(path.resolve()).encode("utf-8", "surrogateescape"))


def lookup(path: Path, raw: bytes) -> tuple[Any, Marks, Marks] | None:
    """(data, marks, key_marks) of `path` if it was parsed from exactly these bytes before."""
    if not cache.enabled():
        return None
    try:
        stored = cache.read(_name(path))
    except OSError:
        return None
    if type(stored) is not tuple or len(stored) != 4 or stored[0] != hashlib.sha256(raw).hexdigest():
        return None
    try:
        return _decode(stored[1], 0), _decode_marks(stored[2]), _decode_marks(stored[3])
    except (TypeError, ValueError):
        return None


def store(path: Path, raw: bytes, data: Any, marks: Marks, key_marks: Marks) -> None:
    """Keep a file parsed without problems (skipped when it holds what the format cannot)."""
    if not cache.enabled():
        return
    try:
        payload = (hashlib.sha256(raw).hexdigest(), _encode(data, 0), _encode_marks(marks), _encode_marks(key_marks))
        cache.write(_name(path), payload)
    except (TypeError, ValueError, OSError):
        return


def _encode(value: Any, depth: int) -> Any:
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind is Ambiguous:
        return (_AMBIGUOUS, value.raw, value.reading)
    if depth > _MOST_DEPTH:
        raise ValueError("too deep to cache")
    if kind is list:
        return [_encode(v, depth + 1) for v in value]
    if kind is dict:
        return {_encode(k, depth + 1): _encode(v, depth + 1) for k, v in value.items()}
    raise TypeError(f"not cacheable: {kind.__name__}")


def _decode(value: Any, depth: int) -> Any:
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind is tuple:
        if len(value) == 3 and value[0] == _AMBIGUOUS and type(value[1]) is str and type(value[2]) is str:
            return Ambiguous(value[1], value[2])
        raise ValueError("not a parsed value")
    if depth > _MOST_DEPTH:
        raise ValueError("too deep")
    if kind is list:
        return [_decode(v, depth + 1) for v in value]
    if kind is dict:
        return {_decode(k, depth + 1): _decode(v, depth + 1) for k, v in value.items()}
    raise TypeError(f"not a parsed value: {kind.__name__}")


def _encode_marks(marks: Marks) -> Any:
    return {tuple(_encode(part, 0) for part in path): mark for path, mark in marks.items()}


def _decode_marks(value: Any) -> Marks:
    if type(value) is not dict:
        raise TypeError("not marks")
    out: Marks = {}
    for path, mark in value.items():
        if type(path) is not tuple or type(mark) is not tuple or len(mark) != 2:
            raise TypeError("not a mark")
        out[tuple(_decode(part, 0) for part in path)] = mark
    return out
