"""The DOCX writer's decisions, read back with python-docx and lxml: what goes where in each
layout, headings, numbering, marks and notes, East Asian fonts, footnotes, annex, properties.

Package-level checks (schema, relationships, LibreOffice, determinism) are in
`test_package.py`; reference documents in `test_reference.py`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafter.document.model import EDITED, NEW, UNOFFICIAL, Version
from drafter.writers.docx.layout import citation
from tests.writers.conftest import R_ID, W, open_docx, render, text_of, unzip, xml

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def full(subs) -> bytes:
    return render(subs["full"])


def rows_text(data: bytes) -> list[tuple[str, str]]:
    """(left cell, right cell) text of every row of the first table."""
    table = open_docx(data).tables[0]
    return [(r.cells[0].text, r.cells[1].text) for r in table.rows]


def test_parallel_is_a_two_column_table_with_a_repeated_language_row(full):
    table = open_docx(full).tables[0]
    assert len(table.columns) == 2
    assert [c.text for c in table.rows[0].cells] == ["English", "中文"]
    tbl = table._tbl
    assert tbl.tr_lst[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(tr.find(f"{W}trPr/{W}tblHeader") is None for tr in tbl.tr_lst[1:])
    grid = [int(g.get(f"{W}w")) for g in tbl.iter(f"{W}gridCol")]
    assert grid == [4536, 4536]  # A4 minus 2 x 2.5 cm, halved
    for tr in tbl.tr_lst:
        assert [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in tr.tc_lst] == grid
    assert table.style.name == "Drafter Parallel Table"


def test_parallel_puts_each_language_in_its_column_row_by_row(subs, full):
    rows = rows_text(full)
    for p in subs["full"].paragraphs():
        en, zh = p.versions["en"].lines[0], p.versions["zh"].lines[0]
        matches = [(left, right) for left, right in rows if en in left]
        assert matches, en
        assert zh in matches[0][1]
        assert not CJK.search(matches[0][0]) or CJK.search(en)


def test_heading_1_per_theme_in_framework_order_and_heading_2_per_section(subs, library, full):
    sub = subs["full"]
    doc = open_docx(full)
    order = [t.key for t in library.frameworks["gdc-2023"].themes if t.numbered]  # the seven themes
    assert [t.key for t in sub.themes] == order  # every theme, in framework order
    for col, lang in ((0, "en"), (1, "zh")):
        cells = [row.cells[col] for row in doc.tables[0].rows]
        h1 = [p.text for c in cells for p in c.paragraphs if p.style.name == "Heading 1"]
        h2 = [p.text for c in cells for p in c.paragraphs if p.style.name == "Heading 2"]
        expected = [sub.preamble_heading[lang], *(t.heading[lang] for t in sub.themes), sub.closing_heading[lang]]
        assert h1 == expected
        assert h2 == [s.heading[lang] for t in sub.themes for s in t.sections]


def test_numbered_paragraphs_carry_literal_numbers_and_their_style(subs, full):
    doc = open_docx(full)
    numbered = [p.text for row in doc.tables[0].rows for p in row.cells[0].paragraphs
                if p.style.name == "Drafter Numbered Paragraph" and not p.text.startswith("\t")]
    expected = [p.number for p in subs["full"].paragraphs() if p.number is not None]
    assert [int(t.split(".\t", 1)[0]) for t in numbered] == expected
    assert expected == list(range(1, len(expected) + 1))
    assert "List Number" not in {s.name for s in doc.styles}


def test_chinese_runs_are_tagged_and_take_east_asian_fonts_from_the_styles(full):
    parts = unzip(full)
    styles = xml(full, "word/styles.xml")
    doc = xml(full)
    zh_runs = [r for r in doc.iter(f"{W}r") if CJK.search("".join(r.itertext()))]
    assert zh_runs
    for r in zh_runs:
        assert r.find(f"{W}rPr/{W}rFonts").get(f"{W}hint") == "eastAsia"
        assert r.find(f"{W}rPr/{W}lang").get(f"{W}eastAsia") == "zh-CN"
    assert effective_east_asia(styles, "BodyText") == "SimSun"
    assert effective_east_asia(styles, "DrafterNumberedParagraph") == "SimSun"
    for heading in ("Heading1", "Heading2", "Title"):
        assert effective_east_asia(styles, heading) == "SimHei"
    for rfonts in styles.iter(f"{W}rFonts"):  # the theme would win over w:eastAsia
        if rfonts.get(f"{W}eastAsia"):
            assert rfonts.get(f"{W}eastAsiaTheme") is None
    assert styles.find(f"{W}docDefaults//{W}rFonts").get(f"{W}ascii") == "Times New Roman"
    assert b'w:themeFontLang w:val="en-GB" w:eastAsia="zh-CN"' in parts["word/settings.xml"]


def effective_east_asia(styles, style_id: str) -> str | None:
    """The w:eastAsia font a paragraph of `style_id` gets: its style chain, then docDefaults."""
    by_id = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
    style = by_id.get(style_id)
    while style is not None:
        rfonts = style.find(f"{W}rPr/{W}rFonts")
        if rfonts is not None and rfonts.get(f"{W}eastAsia"):
            return rfonts.get(f"{W}eastAsia")
        based = style.find(f"{W}basedOn")
        style = by_id.get(based.get(f"{W}val")) if based is not None else None
    return styles.find(f"{W}docDefaults//{W}rFonts").get(f"{W}eastAsia")


def test_footnotes_cite_every_paragraph_in_each_language(subs, full):
    parts = unzip(full)
    assert b"relationships/footnotes" in parts["word/_rels/document.xml.rels"]
    assert b'PartName="/word/footnotes.xml"' in parts["[Content_Types].xml"]
    notes = xml(full, "word/footnotes.xml").findall(f"{W}footnote")
    numbered = {n.get(f"{W}id"): "".join(n.itertext()).strip() for n in notes if n.get(f"{W}type") is None}
    refs = [r.get(f"{W}id") for r in xml(full).iter(f"{W}footnoteReference")]
    assert sorted(refs, key=int) == sorted(numbered, key=int) and len(set(refs)) == len(refs)
    expected = [citation(p.provenance, lang) for p in subs["full"].paragraphs() if p.provenance
                for lang in ("en", "zh")]
    assert [numbered[i] for i in refs] == expected
    assert "Connect all people, Core Principle 1" in " ".join(expected)


def test_annex_lists_every_paragraph_and_the_sources(subs):
    sub = subs["small"]
    data = render(sub)
    doc = open_docx(data)
    assert "word/footnotes.xml" not in unzip(data)
    annex = doc.tables[1]
    assert annex.style.name == "Drafter Sources Table"
    assert len(annex.rows) == 1 + len(sub.paragraphs())
    assert annex._tbl.tr_lst[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert annex.rows[0].cells[1].text == "Source\n出处"
    assert annex.rows[3].cells[0].text == "2."  # same in both languages: shown once
    assert annex.rows[3].cells[3].text == "edited\n来源文本"
    headings = [p for p in doc.paragraphs if p.text == "Annex: Sources of the paragraphs"]
    assert headings and headings[0].style.name == "Heading 1"
    assert headings[0]._p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    body = "\n".join(p.text for p in doc.paragraphs)
    for source in sub.sources:
        assert source.title["en"] in body and source.title["zh"] in body


def test_no_provenance_means_no_footnotes_and_no_annex(subs):
    data = render(subs["small"], provenance="none")
    assert "word/footnotes.xml" not in unzip(data)
    assert len(open_docx(data).tables) == 1
    assert b"Annex" not in unzip(data)["word/document.xml"]


def test_unofficial_translations_and_edits_are_marked_with_a_character_style(subs):
    sub = subs["small"]
    doc = xml(render(sub))
    marks = [text_of(r) for r in doc.iter(f"{W}r") if r.find(f"{W}rPr/{W}rStyle") is not None
             and r.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "DrafterMark"]
    unofficial = sum(p.versions[lang].status == UNOFFICIAL for p in sub.paragraphs() for lang in ("en", "zh"))
    edited = sum(p.versions[lang].status == EDITED for p in sub.paragraphs() for lang in ("en", "zh"))
    official = sum(p.versions[lang].official_exists for p in sub.paragraphs() for lang in ("en", "zh"))
    assert marks.count("〔非官方译文〕") + marks.count("〔非官方译文；另有官方文本〕") == unofficial >= 1
    assert marks.count("〔非官方译文；另有官方文本〕") == official >= 1  # the GDI non-paper's official Chinese
    assert sub.official_notes["zh"] and all(note in text_of(doc) for note in sub.official_notes["zh"])
    assert marks.count(" [edited]") == edited >= 1
    text = "".join(doc.itertext())
    assert sub.labels["unofficial_note"]["en"] in text and sub.labels["unofficial_note"]["zh"] in text
    assert sub.labels["edited_note"]["en"] in text


def test_edits_are_not_marked_when_mark_edits_is_off(subs):
    text = "".join(xml(render(subs["small"], mark_edits=False)).itertext())
    assert "[edited]" not in text and subs["small"].labels["edited_note"]["en"] not in text
    assert "〔非官方译文〕" in text  # unofficial translations are never silent


def test_multi_line_text_becomes_paragraphs_and_text_is_escaped(subs):
    rows = rows_text(render(subs["small"]))
    cell = next(left for left, _ in rows if left.startswith("4.\t"))
    assert cell == '4.\tOur own commitment: 5 < 6 & "quotes".\n\tA second paragraph of it.'
    assert next(right for left, right in rows if left.startswith("4.\t")) == "4.\t我们自己的承诺。\n\t第二段。"


def test_title_block_and_governing_clause(subs, full):
    doc = open_docx(full)
    top = [(p.text, p.style.name) for p in doc.paragraphs[:8]]
    assert top[:2] == [("Contribution to the Global Digital Compact", "Title"), ("关于“全球数字契约”的意见", "Title")]
    assert ("Written submission", "Subtitle") in top and ("示例国代表团", "Drafter Byline") in top
    assert ("28 April 2023", "Drafter Byline") in top and ("2023年4月28日", "Drafter Byline") in top
    rows = rows_text(full)
    clause = subs["full"].meta.governing_clause
    assert (clause["en"], clause["zh"]) in rows


def test_sequential_gives_each_language_its_own_section_header_and_footer(subs):
    sub = subs["small"]
    data = render(sub, layout="sequential", provenance="none")
    body = xml(data).find(f"{W}body")
    sections = list(body.iter(f"{W}sectPr"))
    assert len(sections) == 2
    assert all(s.find(f"{W}type") is None for s in sections)  # next page, the default
    paras = [text_of(p) for p in body.iter(f"{W}p")]
    breaks = [i for i, p in enumerate(body.iter(f"{W}p")) if p.find(f"{W}pPr/{W}sectPr") is not None]
    assert len(breaks) == 1
    for p in sub.paragraphs():
        en = next(i for i, t in enumerate(paras) if p.versions["en"].lines[0] in t)
        zh = next(i for i, t in enumerate(paras) if p.versions["zh"].lines[0] in t)
        assert en < breaks[0] < zh
    assert not any(CJK.search(t) for t in paras[:breaks[0]])
    parts = unzip(data)
    headers = [parts[f"word/drafter-header{i}.xml"].decode() for i in (1, 2)]
    assert "Delegation of Examplestan" in headers[0] and "示例国代表团" in headers[1]
    assert "第" in parts["word/drafter-footer2.xml"].decode() and "Page " in parts["word/drafter-footer1.xml"].decode()
    refs = [s.find(f"{W}headerReference").get(R_ID) for s in sections]
    assert refs == ["rIdDrafterHeader1", "rIdDrafterHeader2"]


def test_interleaved_puts_each_paragraph_in_both_languages_in_turn(subs):
    sub = subs["small"]
    data = render(sub, layout="interleaved", provenance="none")
    assert not open_docx(data).tables
    paras = [text_of(p) for p in xml(data).iter(f"{W}p")]
    positions = []
    for p in sub.paragraphs():
        for lang in ("en", "zh"):
            line = p.versions[lang].lines[0]
            positions.append(next(i for i, t in enumerate(paras) if line in t))
    assert positions == sorted(positions)


def test_single_language_has_no_table_and_no_chinese(subs):
    data = render(subs["english"])
    assert subs["english"].meta.layout == "single"
    parts = unzip(data)
    assert not open_docx(data).tables
    assert not CJK.search(parts["word/document.xml"].decode())
    assert [n for n in parts if "drafter-header" in n] == ["word/drafter-header1.xml"]
    assert b"Examplestan Civil Society Network" in parts["word/drafter-header1.xml"]


def test_core_properties_come_from_the_spec_never_the_clock(subs):
    data = render(subs["small"])
    props = open_docx(data).core_properties
    assert props.title == "Input on the GDC: data & AI"
    assert props.author == "Delegation of Examplestan"
    assert props.language == "en-GB"
    core = xml(data, "docProps/core.xml")
    stamps = {el.tag.split("}")[1]: el.text for el in core if el.tag.endswith(("}created", "}modified"))}
    assert stamps == {"created": "2023-04-01T00:00:00Z", "modified": "2023-04-01T00:00:00Z"}
    # python-docx reads them as that instant (older versions drop the UTC zone, newer keep it)
    for stamp in (props.created, props.modified):
        assert stamp.utcoffset() in (None, timedelta(0))
        assert stamp.replace(tzinfo=None) == datetime(2023, 4, 1)
    undated = open_docx(render(subs["english"])).core_properties
    assert undated.created is None and undated.modified is None


XML_SAFE = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    list("&<>\"' \n中“”"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(en=st.text(XML_SAFE, min_size=1, max_size=60), zh=st.text(XML_SAFE, min_size=1, max_size=60))
def test_any_validated_text_survives_the_round_trip(subs, en, zh):
    versions = {"en": Version(en, NEW), "zh": Version(zh, NEW)}
    assume(versions["en"].lines[:1] != versions["zh"].lines[:1])  # each language found by its first line
    sub = subs["small"]
    theme = sub.themes[0]
    first = theme.sections[0].paragraphs[0]
    para = replace(first, versions=versions, provenance=None)
    section = replace(theme.sections[0], paragraphs=(para,))
    sub = replace(sub, themes=(replace(theme, sections=(section,)),), preamble=(), closing=())
    for layout in ("parallel", "interleaved"):
        doc = xml(render(sub, layout=layout))  # parses: escaping is right
        texts = [text_of(p) for p in doc.iter(f"{W}p")]
        for lang, version in versions.items():
            lines = version.lines
            if not lines:
                continue
            start = next(i for i, t in enumerate(texts) if t == f"1.\t{lines[0]}")
            assert texts[start:start + len(lines)] == [f"1.\t{lines[0]}", *(f"\t{x}" for x in lines[1:])], lang
