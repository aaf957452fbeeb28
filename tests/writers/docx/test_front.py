"""The DOCX title page, forms and page breaking (issue 13), read back with python-docx and lxml:
masthead, a letter's title and signature, the title page without running header, a running
header that wraps, restylable spacing, and the properties that keep headings with their text."""

from __future__ import annotations

import pytest
from lxml import etree
from msgspec.structs import replace

from drafter.document.resolve import resolve
from drafter.load.yaml import loads
from drafter.spec.check import check_spec
from drafter.writers.docx.layout import render_docx
from tests.conftest import FIXTURES
from tests.writers.conftest import R_ID, W, open_docx, render, strip_ignorable, unzip, xml
from tests.writers.docx.test_reference import python_docx_default

BASE = (FIXTURES / "docx_small.yaml").read_text(encoding="utf-8")
MASTHEAD = ('  symbol: "A/79/123"\n  original_language: zh\n  agenda_item: {en: Agenda item 13, zh: 议程项目13}\n')
LETTER = MASTHEAD + ('  form: letter\n  addressee: {en: Secretary-General, zh: 秘书长}\n'
                     '  signatory: {en: "A. N. Example\\nAmbassador", zh: "阿·恩·示例\\n大使"}\n')


def docx_of(library, extra: str = "", **changes) -> bytes:
    text = BASE.replace("  governing: zh\n", "  governing: zh\n" + extra)
    sub = resolve(check_spec(loads(text, "spec.yaml"), library), library)
    return render(sub, **changes)


def styled(doc, name: str) -> list[str]:
    """Texts of the paragraphs in style `name`, in the body and in its tables' cells."""
    paras = list(doc.paragraphs) + [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [p.text for p in paras if p.style.name == name]


def test_the_masthead_gives_each_version_its_symbol_date_and_original(library):
    doc = open_docx(docx_of(library, MASTHEAD))
    masthead = doc.tables[0]
    en, zh = (cell.text.split("\n") for cell in masthead.rows[0].cells)
    assert en == ["A/79/123", "April 2023", "Original: Chinese", "(Translation)"]
    assert zh == ["A/79/123", "2023年4月", "原文：中文"]
    assert [c.text for c in masthead.rows[1].cells] == ["Agenda item 13", "议程项目13"]
    assert styled(doc, "Drafter Symbol") == ["A/79/123", "A/79/123"]
    assert "Original: Chinese" in styled(doc, "Drafter Masthead")
    bottom = masthead._tbl.tr_lst[0].tc_lst[0].find(f"{W}tcPr/{W}tcBorders/{W}bottom")
    assert bottom.get(f"{W}val") == "single"  # the masthead's rule
    assert "2023年4月" not in styled(doc, "Drafter Byline")  # the date is in the masthead, not twice


def test_a_single_language_masthead_sits_at_the_right(library):
    data = docx_of(library, MASTHEAD.replace("  agenda_item: {en: Agenda item 13, zh: 议程项目13}\n", ""))
    sub_doc = open_docx(data)
    assert sub_doc.styles["Drafter Masthead"].paragraph_format.alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT
    english = open_docx(render(resolve(check_spec(loads(BASE.replace("[en, zh]", "[en]").replace(
        "  governing: zh\n", MASTHEAD.replace("agenda_item: {en: Agenda item 13, zh: 议程项目13}",
                                                 "agenda_item: {en: Agenda item 13}")), "s.yaml"), library), library)))
    assert len(english.tables[0].columns) == 1
    assert english.tables[0].rows[0].cells[0].text.split("\n")[0] == "A/79/123"


def test_a_letter_has_the_un_title_unnumbered_paragraphs_and_a_signature(library):
    data = docx_of(library, LETTER)
    doc = open_docx(data)
    titles = styled(doc, "Drafter Communication Title")
    assert titles == ["Letter dated April 2023 from the Delegation of Examplestan addressed to the Secretary-General",
                      "2023年4月示例国代表团给秘书长的信"]
    assert styled(doc, "Subtitle")[:2] == ["Input on the GDC: data & AI", "关于“全球数字契约”的意见"]
    assert styled(doc, "Drafter Signature") == ["(Signed) A. N. Example\nAmbassador", "阿·恩·示例（签名）\n大使"]
    assert styled(doc, "Drafter Numbered Paragraph") == []
    assert b"w:numPr" not in unzip(data)["word/document.xml"]
    assert "word/numbering.xml" not in unzip(data)
    assert "Delegation of Examplestan" not in styled(doc, "Drafter Byline")  # named in the title


def test_a_note_verbale_is_unsigned(library):
    doc = open_docx(docx_of(library, LETTER.replace("form: letter", "form: note-verbale")))
    assert styled(doc, "Drafter Communication Title")[0].startswith("Note verbale dated April 2023 from the ")
    assert styled(doc, "Drafter Signature") == []


@pytest.mark.parametrize("layout", ["parallel", "sequential", "interleaved"])
def test_every_title_page_has_no_running_header_but_keeps_its_footer(subs, layout):
    data = render(subs["small"], layout=layout)
    parts = unzip(data)
    rels = {r.get("Id"): r.get("Target") for r in etree.fromstring(parts["word/_rels/document.xml.rels"])}
    sections = list(xml(data).iter(f"{W}sectPr"))
    assert len(sections) == (2 if layout == "sequential" else 1)
    for sect in sections:
        assert sect.find(f"{W}titlePg") is not None
        refs = {(r.tag.rsplit("}")[1], r.get(f"{W}type")): rels[r.get(R_ID)] for r in sect
                if r.tag in (f"{W}headerReference", f"{W}footerReference")}
        first = etree.fromstring(parts["word/" + refs[("headerReference", "first")]])
        assert "".join(first.itertext()) == ""  # the title page's header is empty
        assert refs[("footerReference", "first")] == refs[("footerReference", "default")]  # page numbers stay


def test_a_long_title_wraps_in_its_own_cell_of_the_header(subs, wml_schema):
    long = "A very long title " * 8
    sub = subs["small"]
    sub = replace(sub, meta=replace(sub.meta, title={"en": long.strip(), "zh": "很长的标题" * 12}))
    parts = unzip(render_docx(sub))
    header = etree.fromstring(parts["word/drafter-header1.xml"])
    (table,) = header.findall(f"{W}tbl")
    cells = table.findall(f"{W}tr/{W}tc")
    assert ["".join(c.itertext()) for c in cells] == ["Delegation of Examplestan", long.strip()]
    assert cells[1].find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val") == "right"
    assert header.find(f".//{W}tab") is None  # no tab for the title to wrap around
    assert wml_schema.validate(strip_ignorable(header)), wml_schema.error_log.last_error


def test_styles_are_restylable_and_break_well(subs):
    styles = xml(render(subs["small"]), "word/styles.xml")
    rules = {s.get(f"{W}lineRule") for s in styles.iter(f"{W}spacing") if s.get(f"{W}line")}
    assert "exact" not in rules and rules <= {"auto", "atLeast"}
    defaults = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    assert defaults.find(f"{W}widowControl") is not None
    by_id = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
    for heading in ("Heading1", "Heading2", "DrafterCommunicationTitle"):
        assert by_id[heading].find(f"{W}pPr/{W}keepNext") is not None, heading


def test_a_heading_row_moves_with_its_first_paragraph_and_the_end_with_the_last(subs):
    table = open_docx(render(subs["full"])).tables[0]
    rows = table._tbl.tr_lst
    styles = [[p.style.name for p in row.cells[0].paragraphs] for row in table.rows]
    whole = [tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows]
    for i, names in enumerate(styles):
        if names[0] in ("Heading 1", "Heading 2"):
            assert whole[i]
            if styles[i + 1][0] == "Drafter Numbered Paragraph":
                text = "".join(p.text for p in table.rows[i + 1].cells[0].paragraphs)
                assert whole[i + 1] or len(text) > 300, text  # short first paragraphs travel with the heading
    end = [i for i, names in enumerate(styles) if names[0] in ("Drafter Clause", "Drafter Note")]
    assert end and all(whole[i] for i in end)
    last_text = rows[end[0] - 1]
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in last_text.iter(f"{W}p")
               if p.getparent().getparent() is last_text and p.getnext() is None)


def test_a_reference_with_its_own_lists_keeps_them_and_gets_ours(subs, tmp_path, wml_schema):
    ref = python_docx_default(tmp_path)  # python-docx's template has a numbering part of its own
    theirs = etree.fromstring(unzip(ref.read_bytes())["word/numbering.xml"])
    data = render_docx(subs["small"], ref)
    numbering = etree.fromstring(unzip(data)["word/numbering.xml"])
    abstract_ids = [a.get(f"{W}abstractNumId") for a in numbering.findall(f"{W}abstractNum")]
    num_ids = [n.get(f"{W}numId") for n in numbering.findall(f"{W}num")]
    assert len(abstract_ids) == len(set(abstract_ids)) and len(num_ids) == len(set(num_ids))
    assert len(num_ids) == len(theirs.findall(f"{W}num")) + 4  # paragraphs and headings, in two languages
    used = {n.get(f"{W}val") for n in xml(data).iter(f"{W}numId")}
    assert used <= set(num_ids) and not used & {n.get(f"{W}numId") for n in theirs.findall(f"{W}num")}
    assert wml_schema.validate(strip_ignorable(numbering)), wml_schema.error_log.last_error
