"""Reference documents (`--reference-doc`): a user's .docx supplies styles, page setup and
letterhead; missing styles are added; localised style ids are followed; bad files are a
`DrafterError` naming the file, checked before anything is inflated."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from lxml import etree

from drafter.errors import DrafterError
from drafter.writers.docx import reference
from drafter.writers.docx.layout import render_docx
from drafter.writers.docx.reference import bundled_reference, load_template
from tests.writers.conftest import R_ID, W, open_docx, strip_ignorable, unzip, variant, xml


def rezip(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """`data` (a zip) with parts replaced, added or (None) removed."""
    parts = unzip(data)
    for name, value in changes.items():
        if value is None:
            parts.pop(name, None)
        else:
            parts[name] = value
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, value in parts.items():
            z.writestr(name, value)
    return buf.getvalue()


def python_docx_default(tmp_path, setup=None):
    """python-docx's own template (US Letter, no drafter styles), optionally modified."""
    import docx

    doc = docx.Document()
    if setup:
        setup(doc)
    path = tmp_path / "house.docx"
    doc.save(path)
    return path


def test_a_foreign_reference_gets_drafter_styles_and_keeps_its_page(subs, tmp_path, wml_schema):
    ref = python_docx_default(tmp_path)
    data = render_docx(variant(subs["small"], provenance="footnotes"), ref)
    parts = unzip(data)
    styles = xml(data, "word/styles.xml")
    ids = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
    for added in ("DrafterNumberedParagraph", "DrafterMark", "DrafterParallelTable", "FootnoteText", "DrafterClause"):
        assert added in ids
    for style in ids.values():  # every copied chain points at a style that exists
        for ref_tag in ("basedOn", "next"):
            node = style.find(f"{W}{ref_tag}")
            assert node is None or node.get(f"{W}val") in ids
    assert ids["Heading1"].find(f"{W}rPr/{W}rFonts").get(f"{W}asciiTheme") == "majorHAnsi"  # theirs, untouched
    grid = [int(g.get(f"{W}w")) for g in xml(data).iter(f"{W}gridCol")][:2]
    assert grid == [4320, 4320]  # US Letter with 1.25" margins, from their section
    assert "docProps/thumbnail.jpeg" not in parts  # a picture of their document, not ours
    for part in ("word/document.xml", "word/styles.xml", "word/footnotes.xml"):
        root = strip_ignorable(etree.fromstring(parts[part]))
        assert wml_schema.validate(root), f"{part}: {wml_schema.error_log.last_error}"
    assert open_docx(data).tables[0].rows[0].cells[1].text == "中文"


def test_localised_style_ids_are_followed(subs, tmp_path):
    bundled = bundled_reference().read_bytes()
    styles = unzip(bundled)["word/styles.xml"].replace(b'w:styleId="Heading1"', b'w:styleId="berschrift1"')
    ref = tmp_path / "german.docx"
    ref.write_bytes(rezip(bundled, {"word/styles.xml": styles}))
    doc = xml(render_docx(subs["small"], ref))
    used = {p.get(f"{W}val") for p in doc.iter(f"{W}pStyle")}
    assert "berschrift1" in used and "Heading1" not in used
    out_styles = xml(render_docx(subs["small"], ref), "word/styles.xml")
    assert "Heading1" not in {s.get(f"{W}styleId") for s in out_styles.findall(f"{W}style")}


def test_a_letterhead_is_kept_and_only_the_missing_footer_is_generated(subs, tmp_path, wml_schema):
    def letterhead(doc):
        doc.sections[0].header.paragraphs[0].text = "MINISTRY OF FOREIGN AFFAIRS"

    ref = python_docx_default(tmp_path, letterhead)
    data = render_docx(variant(subs["small"], layout="sequential"), ref)
    parts = unzip(data)
    assert not [n for n in parts if "drafter-header" in n]
    assert b"NUMPAGES" in parts["word/drafter-footer1.xml"] and "第" in parts["word/drafter-footer2.xml"].decode()
    headers = [n for n in parts if n.startswith("word/header")]
    assert len(headers) == 1 and b"MINISTRY OF FOREIGN AFFAIRS" in parts[headers[0]]
    sections = list(xml(data).iter(f"{W}sectPr"))
    assert len(sections) == 2
    assert len({s.find(f"{W}headerReference").get(R_ID) for s in sections}) == 1  # theirs, in both
    assert [s.find(f"{W}footerReference").get(R_ID) for s in sections] == ["rIdDrafterFooter1", "rIdDrafterFooter2"]
    assert wml_schema.validate(strip_ignorable(xml(data))), wml_schema.error_log.last_error


def test_a_word_template_becomes_a_document(subs, tmp_path):
    bundled = bundled_reference().read_bytes()
    types = unzip(bundled)["[Content_Types].xml"].replace(b"document.main+xml", b"template.main+xml")
    ref = tmp_path / "house.dotx"
    ref.write_bytes(rezip(bundled, {"[Content_Types].xml": types}))
    out = unzip(render_docx(subs["small"], ref))["[Content_Types].xml"]
    assert b"document.main+xml" in out and b"template.main+xml" not in out


def test_old_word_footnote_separators_are_kept_and_numbering_continues(subs, tmp_path):
    bundled = bundled_reference().read_bytes()
    parts = unzip(bundled)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {w}>'
             '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
             '</w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>old note</w:t></w:r></w:p></w:footnote></w:footnotes>')
    rels = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    types = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    ref = tmp_path / "old.docx"
    ref.write_bytes(rezip(bundled, {"word/footnotes.xml": notes.encode(), "word/_rels/document.xml.rels": rels,
                                    "[Content_Types].xml": types}))
    data = render_docx(variant(subs["small"], provenance="footnotes"), ref)
    ids = [n.get(f"{W}id") for n in xml(data, "word/footnotes.xml").findall(f"{W}footnote")]
    assert ids[:3] == ["0", "1", "2"] and b"old note" not in unzip(data)["word/footnotes.xml"]
    refs = [r.get(f"{W}id") for r in xml(data).iter(f"{W}footnoteReference")]
    assert refs[0] == "2" and len(refs) == len(ids) - 2
    annex = unzip(render_docx(subs["small"], ref))
    assert b"old note" in annex["word/footnotes.xml"]  # kept as it was when drafter writes none


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, value in parts.items():
            z.writestr(name, value)
    return buf.getvalue()


BAD = {
    "text": (lambda b: b"just some text, not a zip", "not a .docx (zip) file"),
    "no-content-types": (lambda b: rezip(b, {"[Content_Types].xml": None}), "[Content_Types].xml is missing"),
    "no-main": (lambda b: rezip(b, {"word/document.xml": None}), "word/document.xml is missing"),
    "macro": (lambda b: rezip(b, {"[Content_Types].xml": unzip(b)["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml")}), "macro-enabled"),
    "bad-xml": (lambda b: rezip(b, {"word/styles.xml": b"<w:styles"}), "word/styles.xml is not well-formed"),
    "bomb": (lambda b: _zip({**unzip(b), "word/media/zeros.bin": bytes(5 * 2**20)}), "zip bomb"),
    "no-styles": (lambda b: rezip(b, {"word/styles.xml": None}), "no styles part"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_reference_is_a_clear_drafter_error(case, subs, tmp_path):
    make, message = BAD[case]
    ref = tmp_path / f"{case}.docx"
    ref.write_bytes(make(bundled_reference().read_bytes()))
    with pytest.raises(DrafterError) as err:
        render_docx(subs["small"], ref)
    assert message in str(err.value) and str(ref) in str(err.value)


def test_missing_folder_and_oversized_references(subs, tmp_path, monkeypatch):
    with pytest.raises(DrafterError, match="reference document not found"):
        render_docx(subs["small"], tmp_path / "nowhere.docx")
    with pytest.raises(DrafterError, match="not a file"):
        render_docx(subs["small"], tmp_path)
    monkeypatch.setattr(reference, "MAX_FILE_BYTES", 1000)
    ref = tmp_path / "big.docx"
    ref.write_bytes(bundled_reference().read_bytes())
    with pytest.raises(DrafterError, match="too large"):
        render_docx(subs["small"], ref)


def test_the_template_is_read_once_per_file_version(tmp_path):
    ref = tmp_path / "house.docx"
    ref.write_bytes(bundled_reference().read_bytes())
    first = load_template(ref)
    assert load_template(ref) is first
    os.utime(ref, ns=(first_ns := ref.stat().st_mtime_ns + 10**9, first_ns))
    assert load_template(ref) is not first


def test_custom_properties_are_kept_and_the_old_body_parts_dropped(subs, tmp_path):
    bundled = bundled_reference().read_bytes()
    parts = unzip(bundled)
    custom = (b'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
              b'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
              b'2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
              b'name="Ministry"><vt:lpwstr>MFA</vt:lpwstr></property></Properties>')
    rt = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    changes = {
        "docProps/custom.xml": custom,
        "word/comments.xml": b"<w:comments/>",
        "_rels/.rels": parts["_rels/.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rId9" Type="' + rt + b'custom-properties" '
            b'Target="docProps/custom.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": parts["word/_rels/document.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rId42" Type="' + rt + b'comments" Target="comments.xml"/>'
            b'<Relationship Id="rId43" Type="' + rt + b'hyperlink" Target="https://example.org" '
            b'TargetMode="External"/></Relationships>'),
    }
    ref = tmp_path / "props.docx"
    ref.write_bytes(rezip(bundled, changes))
    out = unzip(render_docx(subs["small"], ref))
    c14n = lambda b: etree.tostring(etree.fromstring(b), method="c14n")  # noqa: E731 - parsed and written anew
    assert c14n(out["docProps/custom.xml"]) == c14n(custom) and b"docProps/custom.xml" in out["_rels/.rels"]
    assert "word/comments.xml" not in out
    rels = out["word/_rels/document.xml.rels"]
    assert b"comments" not in rels and b"example.org" not in rels
