"""The library as a TMX 1.4b translation memory (`drafter library export --format tmx`).

One `<tu>` per item (tuid = the item id), one `<tuv>` per language it has. The unit carries the
source document and its original language as props; each variant its reference in the source
and its status (`source`, `unofficial`, `user`), and an unofficial translation also a note
saying so, so that a CAT tool's match window shows it. No dates from the clock: the same
library gives the same bytes. Written with lxml (translate-toolkit's tmx store cannot write
props), read back with translate-toolkit in the tests.
"""

from __future__ import annotations

from drafter.interchange.xml import element, lxml_etree, serialise
from drafter.library.model import Library

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_NOTE = {
    "unofficial": "unofficial translation written for the drafter library, not the source's words",
    "user": "a version supplied by a user library, not the source's own text",
}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("drafter")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
        return "0"


def tmx_bytes(library: Library) -> bytes:
    """Every item of the library (built-in and user) as TMX 1.4b."""
    etree = lxml_etree()

    root = etree.Element("tmx", version="1.4")
    element(root, "header", creationtool="drafter", creationtoolversion=_version(), segtype="paragraph",
            **{"o-tmf": "drafter", "adminlang": "en", "srclang": "*all*", "datatype": "plaintext"})
    body = element(root, "body")
    for item in library.items.values():
        source = library.sources[item.source]
        attrs = {"tuid": item.id}
        if source.original in item.text:
            attrs["srclang"] = source.original
        tu = element(body, "tu", **attrs)
        element(tu, "prop", item.source, type="x-source")
        if item.themes:
            element(tu, "prop", ", ".join(item.themes), type="x-themes")
        for lang in item.languages:
            status = item.status(lang) or "source"
            tuv = element(tu, "tuv", **{XML_LANG: lang})
            if status in STATUS_NOTE:
                element(tuv, "note", STATUS_NOTE[status])
            ref = item.ref.get(lang) or next(iter(item.ref.values()), "")
            if status == "user":
                supplied = item.supplied[lang]
                element(tuv, "prop", supplied.source, type="x-source")
                ref = supplied.ref.get(lang) or next(iter(supplied.ref.values()), "")
            if ref:
                element(tuv, "prop", ref, type="x-reference")
            element(tuv, "prop", status, type="x-status")
            element(tuv, "seg", item.text[lang])
    return serialise(root)
