"""The library index, kept between runs in drafter's one cache (`drafter/cache.py`).

Loading and validating a large user library costs seconds, and indexing it more; the index
depends only on the library files' bytes. So the index, and what reports cite of each item, is
stored as plain data under the same name scheme as the parsed library (`library/cache.py`:
the built-in data's content hash plus each user file's path and bytes), so a changed file is
never answered from a stale index, and a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

from pathlib import Path

from drafter import cache
from drafter.compare.index import SEP, Entry, Index, packed
from drafter.compare.library import Cited, LibraryIndex, build

FORMAT = 4


def _name(libraries: tuple[str | Path, ...]) -> str:
    from drafter import paths
    from drafter.library.cache import library_key
    from drafter.library.files import user_files

    return library_key(paths.commitments_dir(), user_files(libraries), "index")


def cached_index(libraries: tuple[str | Path, ...]) -> LibraryIndex:
    """The library index for the built-in library plus `libraries` (see the module docstring)."""
    from drafter.library.load import load_library

    name = None
    if cache.enabled():
        try:
            name = _name(libraries)
            loaded = _load(cache.read(name))
            if loaded is not None:
                return loaded
        except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
            pass
    built = build(load_library(libraries))  # validates; a bad library raises DrafterError here
    if name is not None:
        cache.write(name, _dump(built))
    return built


def _dump(built: LibraryIndex) -> object:
    idx = built.index
    # each entry's normal form (None: the text itself) and tokens, so a read index need not
    # compute them again; building the index computed both already
    entries = [(e.key, e.lang, e.text, None if e.normal == e.text else e.normal, SEP.join(e.toks)) for e in idx.entries]
    postings = {k: packed(v) for k, v in idx._postings.items()}
    items = {k: (c.source, dict(c.ref), sorted(c.unofficial), c.themes, c.section) for k, c in built.items.items()}
    return (FORMAT, entries, postings, dict(idx._exact), idx._sizes, items)


def _load(payload: object) -> LibraryIndex | None:
    if type(payload) is not tuple or len(payload) != 6 or payload[0] != FORMAT:
        return None
    _, entries, postings, exact, sizes, items = payload
    index = Index.__new__(Index)
    restored = [Entry(k, lang, text, (text if normal is None else normal, toks))
                for k, lang, text, normal, toks in entries]
    index.restore(restored, postings, exact, sizes)
    cited = {
        k: Cited(k, src, ref, frozenset(unof), tuple(themes), section)
        for k, (src, ref, unof, themes, section) in items.items()
    }
    return LibraryIndex(index, cited)
