"""Language versions a user library supplies for existing items (`versions:`).

A delegation often holds the official text of a source in a language the library only has as
its own unofficial translation (the white paper's official English, say). A user library can
supply it; it replaces the unofficial translation, keeps its own provenance (the document it
comes from and the place in it), and is shown as a supplied version, never as the source's:

```yaml
sources:
  wp-official-en: {title: {en: "… (official English)"}, languages: [en], original: zh}
versions:
  - of: cn-cyberspace-wp.iv.1
    lang: en
    text: "…"
    source: {doc: wp-official-en, ref: {en: "IV. 1"}}
```

A version of an unknown item, in a language the item already has in its source, or a second
version of the same item and language is a located error. The format is documented in
docs/library.md (other tools, such as an XLIFF import, write these files).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace

from drafter.errors import Location, Problem
from drafter.library.languages import LANGUAGES
from drafter.library.notes import Supplied
from drafter.load.checks import Checker, suggest
from drafter.load.yaml import YamlDoc

if TYPE_CHECKING:  # library.py imports this module
    from drafter.library.model import Item, Source

VERSION_KEYS = ("of", "lang", "text", "title", "source")


def apply_versions(docs: list[tuple[YamlDoc, bool]], items: dict[str, Item], sources: Mapping[str, Source]) -> list[
        Problem]:
    """Replace items' texts with the versions user files supply; return every problem found."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Location] = {}
    for doc, is_user in docs:
        if not isinstance(doc.data, dict) or "versions" not in doc.data:
            continue
        ck = Checker(doc)
        if not is_user:
            ck.error(("versions",), "`versions:` belongs in a user library", "move it to a file given with --library")
        raw_list = doc.data["versions"]
        for i, raw in enumerate(raw_list if ck.typed(raw_list, ("versions",), list) else []):
            _one(ck, ("versions", i), raw, items, sources, seen)
        problems += ck.problems
    return problems


def _one(ck: Checker, p: tuple[Any, ...], raw: Any, items: dict[str, Item], sources: Mapping[str, Source],
         seen: dict[tuple[str, str], Location]) -> None:
    m = ck.mapping(raw, p, required=("of", "lang", "text", "source"), optional=VERSION_KEYS)
    if m is None:
        return
    item_id, lang = m.get("of"), ck.choice(m.get("lang"), (*p, "lang"), LANGUAGES, "language")
    item = items.get(item_id) if isinstance(item_id, str) else None
    if ck.typed(item_id, (*p, "of"), str, "an item id") and item is None:
        ck.error((*p, "of"), f"unknown item id {item_id!r}", suggest(str(item_id), items) or "list ids with "
                 "`drafter library list`")
    text = ck.text(m.get("text"), (*p, "text"))
    title = ck.text(m["title"], (*p, "title")) if m.get("title") is not None else None
    src = ck.mapping(m.get("source"), (*p, "source"), required=("doc", "ref"))
    if item is None or lang is None or text is None or src is None:
        return
    if item.status(lang) == "source":
        ck.error((*p, "lang"), f"{item.id} already has {lang} text in its source",
                 "a version can only take the place of an unofficial translation")
        return
    where = ck.doc.loc(p)
    if (item.id, lang) in seen:
        ck.error(p, f"a second {lang} version of {item.id} (the first is at {seen[item.id, lang]})",
                 "keep one version per item and language")
        return
    seen[item.id, lang] = where
    doc_key = src.get("doc")
    if not isinstance(doc_key, str) or doc_key not in sources:
        ck.error((*p, "source", "doc"), f"unknown source {doc_key!r}",
                 suggest(str(doc_key), sources) or "declare it under `sources:` in this file")
        return
    if lang not in sources[doc_key].languages:
        ck.error((*p, "source", "doc"), f"source {doc_key!r} has no {lang} version", f"add {lang} to its `languages`")
        return
    ref = ck.mapping(src.get("ref"), (*p, "source", "ref"), optional=LANGUAGES, what="language") or {}
    ref_text = {x: t for x in LANGUAGES if x in ref for t in [ck.text(ref[x], (*p, "source", "ref", x))] if t}
    if not ref_text:
        ck.error((*p, "source", "ref"), "needs the place in the document", f"write `ref: {{{lang}: …}}`")
        return
    supplied = Supplied(lang, doc_key, MappingProxyType(ref_text), where)
    titles = dict(item.title)
    if title is not None:
        titles[lang] = title
    else:  # never show the library's unofficial title above a supplied text
        titles.pop(lang, None)
    items[item.id] = replace(
        item,
        text=MappingProxyType({**item.text, lang: text}),
        title=MappingProxyType(titles),
        unofficial=item.unofficial - {lang},
        supplied=MappingProxyType({**item.supplied, lang: supplied}),
    )
