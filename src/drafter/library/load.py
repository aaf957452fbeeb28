"""Loading the commitment library: every file validated, every problem located.

The data is YAML under `commitments/` (see docs/library.md); user libraries in the same format
load beside it. Everything is checked on load, with `file:line:col` for each problem, so a bad
user library never reaches a writer.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from drafter import paths
from drafter.errors import DrafterError, Location, Problem
from drafter.library.crosswalk import read_crosswalk
from drafter.library.files import RESERVED_FILES, display
from drafter.library.files import user_files as find_user_files
from drafter.library.framework import Crosswalk, Framework
from drafter.library.framework_file import lang_text, read_framework
from drafter.library.model import (
    ID_PATTERN,
    KEY_PATTERN,
    KINDS,
    LANGUAGES,
    SECTIONS,
    Item,
    Library,
    Source,
)
from drafter.library.model import frozen as _frozen
from drafter.library.notes import load_author, load_official, load_repairs, load_sic, load_voice
from drafter.library.versions import apply_versions
from drafter.load.checks import Checker, suggest
from drafter.load.yaml import YamlDoc, load_file

Path_ = tuple[Any, ...]


def _load_sources(doc: YamlDoc, builtin: bool, ck: Checker, base: Mapping[str, Source],
                  declared: dict[str, Location] | None = None) -> dict[str, Source]:
    """The sources a file declares; `declared` records where each key was declared, so that
    a second declaration says where the first one is."""
    sources: dict[str, Source] = {}
    declared = {} if declared is None else declared
    top = ck.mapping(doc.data, (), required=["sources"])
    if top is None or not ck.typed(top.get("sources"), ("sources",), dict):
        return sources
    for key, rec in top["sources"].items():
        path = ("sources", key)
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            ck.error(path, f"bad source key {key!r}", "use lower-case letters, digits and '-'", key=True)
            continue
        if key in base or key in sources:
            first = declared.get(key)
            where = "by the built-in library" if key in base and base[key].builtin else "in another file"
            ck.error(path, f"source {key!r} is already defined {where}" + (f" (at {first})" if first else ""),
                     "choose another key for a new source; define each source once, in one file", key=True)
            continue
        declared[key] = doc.loc(path, key=True)
        m = ck.mapping(
            rec,
            path,
            required=["title", "languages", "original"],
            optional=["short", "issuer", "date", "seed", "url", "seed_kind", "author", "official"],
        )
        if m is None:
            continue
        langs = tuple(
            ck.choice(x, (*path, "languages", i), LANGUAGES, "language") or ""
            for i, x in enumerate(ck.str_list(m.get("languages"), (*path, "languages")))
        )
        title = lang_text(ck, m.get("title"), (*path, "title"))
        sources[key] = Source(
            key=key,
            title=_frozen(title),
            short=_frozen(lang_text(ck, m.get("short"), (*path, "short"), required=False) or title),
            issuer=_frozen(lang_text(ck, m.get("issuer"), (*path, "issuer"), required=False)),
            date=str(m.get("date", "")),
            languages=tuple(x for x in langs if x),
            original=ck.choice(m.get("original"), (*path, "original"), LANGUAGES, "language") or "",
            seed=m.get("seed") if isinstance(m.get("seed"), str) else None,
            author=load_author(ck, m["author"], (*path, "author")) if "author" in m else _frozen(),
            official=load_official(ck, m.get("official") or [], (*path, "official"), str(m.get("original"))),
            seed_kind=ck.choice(m["seed_kind"], (*path, "seed_kind"), ("web", "pdf"), "seed kind") or ""
            if "seed_kind" in m else "",
            builtin=builtin,
        )
    return sources


ITEM_REQUIRED = ("id", "kind", "section", "themes", "source", "text")
ITEM_OPTIONAL = ("title", "translation", "tags", "actors", "repairs", "sic", "voice")


def _load_items(
    doc: YamlDoc,
    ck: Checker,
    sources: Mapping[str, Source],
    theme_keys: Sequence[str],
    seen: dict[str, Location],
) -> list[Item]:
    """The items of one library file (a file of `versions:` only has none)."""
    only_versions = isinstance(doc.data, dict) and "versions" in doc.data and "items" not in doc.data
    top = ck.mapping(doc.data, (), required=[] if only_versions else ["source", "items"],
                     optional=["sources", "versions", "source", "items"])
    if top is None or only_versions:
        return []
    file_source = top.get("source")
    if ck.typed(file_source, ("source",), str) and file_source not in sources:
        ck.error(
            ("source",),
            f"unknown source {file_source!r}",
            suggest(str(file_source), sources) or "declare it under `sources:` in this file",
        )
    if not ck.typed(top.get("items"), ("items",), list):
        return []
    reader = _ItemReader(doc, ck, sources, theme_keys, seen, file_source if isinstance(file_source, str) else None)
    return [item for i, raw in enumerate(top["items"]) if (item := reader.item(raw, ("items", i))) is not None]


class _ItemReader:
    """Checks the items of one file, in order, against the sources and the frameworks' themes."""

    def __init__(self, doc: YamlDoc, ck: Checker, sources: Mapping[str, Source], theme_keys: Sequence[str],
                 seen: dict[str, Location], file_source: str | None):
        self.doc, self.ck, self.sources, self.theme_keys = doc, ck, sources, theme_keys
        self.seen = seen  # id -> where it was first defined, across every file
        self.file_source = file_source

    def item(self, raw: Any, path: Path_) -> Item | None:
        ck = self.ck
        m = ck.mapping(raw, path, required=ITEM_REQUIRED, optional=ITEM_OPTIONAL)
        item_id = self.item_id(m, path) if m is not None else None
        if m is None or item_id is None:
            return None
        loc = self.doc.loc((*path, "id"))
        kind = ck.choice(m.get("kind"), (*path, "kind"), KINDS, "kind")
        section = ck.choice(m.get("section"), (*path, "section"), SECTIONS, "section")
        themes = ck.str_list(m.get("themes"), (*path, "themes"))
        for j, theme in enumerate(themes):
            if theme not in self.theme_keys:
                ck.error((*path, "themes", j), f"unknown theme {theme!r}", suggest(theme, self.theme_keys, "themes"))
        doc_key, ref = self.source_ref(m, path)
        text = lang_text(ck, m.get("text"), (*path, "text"))
        title = lang_text(ck, m.get("title"), (*path, "title"), required=False)
        unofficial = self.unofficial(m, path, doc_key, text)
        tags = ck.str_list(m.get("tags") or [], (*path, "tags"))
        actors = ck.str_list(m.get("actors") or [], (*path, "actors"))
        repairs = load_repairs(ck, m["repairs"], (*path, "repairs"), text) if m.get("repairs") is not None else ()
        sic = load_sic(ck, m["sic"], (*path, "sic"), text) if m.get("sic") is not None else ()
        if not (kind and section and text):
            return None
        voice = load_voice(ck, m.get("voice"), (*path, "voice"))  # checked only for an otherwise valid item
        return Item(id=item_id, source=doc_key, kind=kind, section=section, themes=tuple(themes), ref=_frozen(ref),
                    title=_frozen(title), text=_frozen(text), unofficial=frozenset(unofficial), tags=tuple(tags),
                    actors=tuple(actors), repairs=repairs, sic=sic, voice=voice, location=loc)

    def item_id(self, m: dict[str, Any], path: Path_) -> str | None:
        """The item's id, once it is well-formed and new."""
        item_id = m.get("id")
        if not self.ck.typed(item_id, (*path, "id"), str) or not isinstance(item_id, str):
            return None
        if not ID_PATTERN.match(item_id):
            self.ck.error((*path, "id"), f"bad id {item_id!r}",
                          "ids are lower-case words joined by '.', e.g. my-org.data.1")
            return None
        if item_id in self.seen:
            self.ck.error((*path, "id"), f"duplicate id {item_id!r} (also at {self.seen[item_id]})",
                          "give each item its own id")
            return None
        self.seen[item_id] = self.doc.loc((*path, "id"))
        return item_id

    def source_ref(self, m: dict[str, Any], path: Path_) -> tuple[str, dict[str, str]]:
        """`source: {doc, ref}`: the source's key (in this file's source) and the place in it."""
        ck = self.ck
        src = ck.mapping(m.get("source"), (*path, "source"), required=["doc", "ref"])
        if src is None:
            return "", {}
        doc_key = src["doc"] if isinstance(src.get("doc"), str) else ""
        if doc_key not in self.sources:
            ck.error((*path, "source", "doc"), f"unknown source {doc_key!r}", suggest(doc_key, self.sources, "sources"))
        elif self.file_source is not None and doc_key != self.file_source:
            ck.error((*path, "source", "doc"), f"item of {doc_key!r} in the file of {self.file_source!r}",
                     "move it to its source's file")
        return doc_key, lang_text(ck, src.get("ref"), (*path, "source", "ref"))

    def unofficial(self, m: dict[str, Any], path: Path_, doc_key: str, text: dict[str, str]) -> set[str]:
        """The languages whose text is the library's own translation (`translation:`), checked
        against the languages the source was published in."""
        ck = self.ck
        unofficial: set[str] = set()
        trans = ck.mapping(m.get("translation") or {}, (*path, "translation"), optional=LANGUAGES, what="language")
        for lang, status in (trans or {}).items():
            if status != "unofficial":
                ck.error((*path, "translation", lang), f"unknown translation status {status!r}",
                         "the only status is `unofficial`; leave a source language out of `translation`")
            elif lang not in text:
                ck.error((*path, "translation", lang), f"marked unofficial but there is no {lang} text",
                         f"add text.{lang}")
            else:
                unofficial.add(lang)
        source_langs = self.sources[doc_key].languages if doc_key in self.sources else ()
        for lang in text:
            if source_langs and lang not in source_langs and lang not in unofficial:
                ck.error((*path, "text", lang), f"the source has no {lang} version, so this text must be marked "
                         "unofficial", f"add `translation: {{{lang}: unofficial}}`")
        return unofficial


def load_library(user: Iterable[str | Path] = (), *, root: Path | None = None) -> Library:
    """Load the built-in library (and user libraries beside it), validating every file.

    A library that validated before with the same bytes comes from the cache (`cache.py`);
    otherwise every file is parsed and checked, and `DrafterError` lists every problem in every
    file, each with file, line and column.
    """
    return load_library_named(user, root=root)[0]


def load_library_named(user: Iterable[str | Path] = (), *, root: Path | None = None) -> tuple[Library, str | None]:
    """`load_library`, and the cache name of that library (None when its files could not be
    hashed): what is derived from the library (the search index) is cached under it."""
    from drafter.library import cache

    root = root or paths.commitments_dir()
    user_files = find_user_files(user)
    displayed = [display(p) for p in cache.builtin_files(root) + user_files]
    try:
        name, found = cache.cached_library(root, user_files, displayed)
    except OSError:  # a file vanished while hashing: parse, and report it located
        return parse_library(user_files, root=root), None
    if found is not None:
        return found, name
    library = parse_library(user_files, root=root)
    cache.store(name, library, displayed)
    return library, name


def parse_library(user: Iterable[str | Path] = (), *, root: Path | None = None) -> Library:
    """Parse and validate the library files themselves (no cache)."""
    root = root or paths.commitments_dir()
    problems: list[Problem] = []
    ck = Checker(load_file(root / "sources.yaml", display(root / "sources.yaml")))
    declared: dict[str, Location] = {}
    sources = _load_sources(ck.doc, True, ck, {}, declared)
    problems += ck.problems

    frameworks: dict[str, Framework] = {}
    for fw_file in sorted((root / "frameworks").glob("*.yaml")):
        fw, fck = read_framework(load_file(fw_file, display(fw_file)), builtin=True,
                                 path=os.path.abspath(fw_file), reserved=frameworks)
        problems += fck.problems
        if fw is not None:
            frameworks[fw.key] = fw
    theme_keys = [k for fw in frameworks.values() for k in fw.theme_keys]

    builtin_files = sorted(p for p in root.glob("*.yaml") if p.name not in RESERVED_FILES)
    user_files = find_user_files(user, skip=builtin_files)
    docs: list[tuple[YamlDoc, bool]] = []
    for path in builtin_files + user_files:
        try:
            docs.append((load_file(path, display(path)), path in user_files))
        except DrafterError as exc:
            problems += exc.problems
    # user files may declare their own sources; gather them before their items
    all_sources = dict(sources)
    for doc, is_user in docs:
        if is_user and isinstance(doc.data, dict) and "sources" in doc.data:
            ck = Checker(YamlDoc(doc.file, {"sources": doc.data["sources"]}, doc.marks, doc.key_marks))
            all_sources.update(_load_sources(ck.doc, False, ck, all_sources, declared))
            problems += ck.problems
    items: dict[str, Item] = {}
    seen: dict[str, Location] = {}
    for doc, _ in docs:
        ck = Checker(doc)
        for item in _load_items(doc, ck, all_sources, theme_keys, seen):
            items[item.id] = item
        problems += ck.problems
    problems += apply_versions(docs, items, all_sources)
    crosswalks: dict[tuple[str, str], Crosswalk] = {}
    for cw_file in sorted((root / "crosswalks").glob("*.yaml")):
        walk, wck = read_crosswalk(load_file(cw_file, display(cw_file)), frameworks, items)
        problems += wck.problems
        if walk is not None:
            crosswalks[(walk.source, walk.target)] = walk
    if any(p.is_error for p in problems):
        raise DrafterError([p for p in problems if p.is_error])
    return Library(
        sources=MappingProxyType(all_sources),
        frameworks=MappingProxyType(frameworks),
        items=MappingProxyType(items),
        files=tuple(d.file for d, _ in docs),
        user_files=tuple(d.file for d, is_user in docs if is_user),
        crosswalks=MappingProxyType(crosswalks),
    )


def compile_to(root: Path, target: Path) -> None:
    """Compile the built-in library at `root` into `target` (the wheel's `data/library.cache`)."""
    from drafter import cache
    from drafter.library import cache as library_cache

    displayed = [display(p) for p in library_cache.builtin_files(root)]
    library = parse_library((), root=root)
    payload = (library_cache.content_hash(root), library_cache.encode(library, displayed))
    target.parent.mkdir(parents=True, exist_ok=True)
    cache.write_file(target, cache.dumps("bundled", payload))
