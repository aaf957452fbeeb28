"""The search index (`search.Folded`) of a library, kept in drafter's cache between runs.

Why: folding a 14,000-item library's text for a case-insensitive search costs more than
reading it back; it depends only on the library, so it is stored under a name derived from
the library's own cache name (`load.load_library_named`: the files' bytes, drafter's and
Python's versions) with the cache's safe format and rules (`drafter/cache.py`). A payload of
any other shape is ignored and the index made again.
"""

from __future__ import annotations

from drafter import cache
from drafter.library.model import Library
from drafter.library.search import Folded, fold


def folded_index(library: Library, library_name: str | None) -> Folded | None:
    """The folded index of `library`, whose cache name is `library_name` (None: not cached)."""
    if library_name is None or not cache.enabled():
        return fold(library)
    name = cache.key("search", library_name.encode())
    with cache.paused_gc():
        found = _decode(cache.read(name))
    if found is not None and found.ids == tuple(library.items):
        return found
    made = fold(library)
    if made is not None:
        cache.write(name, (made.text, made.starts, made.ids))
    return made


def _decode(payload: object) -> Folded | None:
    if type(payload) is not tuple or len(payload) != 3:
        return None
    text, starts, ids = payload
    if type(text) is not str or type(starts) is not tuple or type(ids) is not tuple:
        return None
    if len(starts) != len(ids) + 1 or not all(type(n) is int for n in starts) or not all(type(i) is str for i in ids):
        return None
    if starts[0] != 0 or starts[-1] != len(text):
        return None
    return Folded(text, starts, ids)
