"""The WordprocessingML helpers: small XML strings in, XML strings out."""

from __future__ import annotations

import pytest
from lxml import etree

from drafter.writers.docx import wordml as X
from drafter.writers.docx.ns import NS_DECL, W


def wrap(fragment: str) -> etree._Element:
    """Parse a fragment inside an element declaring the w and r namespaces."""
    return etree.fromstring(f"<root {NS_DECL}>{fragment}</root>")


@pytest.mark.parametrize(("text", "expected"), [
    ("plain", "plain"),
    ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
    ("&amp;", "&amp;amp;"),
    ("中文“引号”", "中文“引号”"),
])
def test_esc(text, expected):
    assert X.esc(text) == expected


def test_esc_attr_escapes_quotes():
    assert X.esc_attr('say "hi" & go') == "say &quot;hi&quot; &amp; go"


def test_english_run_states_its_language_unless_it_is_the_default():
    assert X.run("Hi", "en") == '<w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t>Hi</w:t></w:r>'
    assert X.run("Hi", "en", implicit="en-GB") == "<w:r><w:t>Hi</w:t></w:r>"


def test_chinese_run_has_east_asian_hint_and_language():
    xml = X.run("“数字”", "zh", implicit="en-GB")
    assert xml == ('<w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>'
                   "</w:rPr><w:t>“数字”</w:t></w:r>")
    r = wrap(xml)[0]
    assert r.find(f"{W}rPr/{W}rFonts").get(f"{W}hint") == "eastAsia"
    assert r.find(f"{W}rPr/{W}lang").get(f"{W}eastAsia") == "zh-CN"


def test_run_keeps_edge_spaces_and_escapes():
    xml = X.run(" 5 < 6 & 7 ", "en", implicit="en-GB")
    assert xml == '<w:r><w:t xml:space="preserve"> 5 &lt; 6 &amp; 7 </w:t></w:r>'
    assert wrap(xml)[0].find(f"{W}t").text == " 5 < 6 & 7 "


def test_run_with_style_and_number():
    xml = X.run("Text", "en", "DrafterMark", number="12.", implicit="en-GB")
    assert xml == ('<w:r><w:rPr><w:rStyle w:val="DrafterMark"/></w:rPr><w:t>12.</w:t><w:tab/>'
                   "<w:t>Text</w:t></w:r>")
    assert X.run("More", "en", number="", implicit="en-GB") == "<w:r><w:tab/><w:t>More</w:t></w:r>"


def test_ppr_in_schema_order_and_empty_when_nothing():
    assert X.ppr(None) == ""
    xml = X.ppr("Heading1", True, True, (("right", 9072),))
    assert [etree.QName(n).localname for n in wrap(xml)[0]] == ["pStyle", "keepNext", "pageBreakBefore", "tabs"]


def test_para_with_section_break():
    xml = X.para("", sect_pr="<w:sectPr/>")
    assert xml == "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>"


def test_field_is_begin_instr_separate_result_end():
    runs = wrap(X.field("PAGE", "1", "en"))
    kinds = [r[1].get(f"{W}fldCharType") or etree.QName(r[1]).localname for r in runs]
    assert kinds == ["begin", "instrText", "separate", "t", "end"]
    assert runs[1].find(f"{W}instrText").text.strip() == "PAGE"


def test_cell_always_ends_with_a_paragraph():
    for content in ("", "<w:tbl/>", "<w:p/>"):
        tc = wrap(X.cell(content, 4536))[0]
        assert etree.QName(tc[-1]).localname == "p"
        assert tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w") == "4536"


def test_table_grid_widths_and_header_row():
    xml = X.table([X.row([X.cell("<w:p/>", 100), X.cell("<w:p/>", 200)], header=True, cant_split=True)],
                  [100, 200], "DrafterParallelTable")
    tbl = wrap(xml)[0]
    assert tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w") == "300"
    assert [g.get(f"{W}w") for g in tbl.iter(f"{W}gridCol")] == ["100", "200"]
    assert tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
    assert tbl.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "DrafterParallelTable"


def test_footnotes_part_has_separators_then_notes():
    note = X.footnote(1, "Source, para. 1.", "en", "FootnoteText", "FootnoteReference")
    root = etree.fromstring(X.footnotes_part([note]).encode())
    notes = root.findall(f"{W}footnote")
    assert [n.get(f"{W}id") for n in notes] == ["-1", "0", "1"]
    assert [n.get(f"{W}type") for n in notes[:2]] == ["separator", "continuationSeparator"]
    assert "".join(notes[2].itertext()) == " Source, para. 1."
    assert notes[2].find(f".//{W}footnoteRef") is not None
    ref = wrap(X.footnote_ref(1, "zh", "FootnoteReference"))[0]
    assert ref.find(f"{W}footnoteReference").get(f"{W}id") == "1"


def test_relationships_and_content_types_are_well_formed():
    pairs = [("rId1", "t", "a&b.xml", None), ("rId2", "t", "http://x", "External")]
    rels = etree.fromstring(X.relationships(pairs).encode())
    assert [r.get("Target") for r in rels] == ["a&b.xml", "http://x"]
    assert rels[1].get("TargetMode") == "External"
    types = etree.fromstring(X.content_types([("xml", "application/xml")], [("/b.xml", "b"), ("/a.xml", "a")]).encode())
    assert [t.get("PartName") for t in types if t.get("PartName")] == ["/a.xml", "/b.xml"]
