"""The DOCX writer's decisions, read back with python-docx and lxml: what goes where in each
layout, headings, numbering, marks and notes, East Asian fonts, footnotes, annex, properties.

Package-level checks (schema, relationships, LibreOffice, determinism) are in
`test_package.py`; reference documents in `test_reference.py`.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from drafter.document.model import EDITED, NEW, UNOFFICIAL, Version
from tests.writers.conftest import R_ID, W, open_docx, render, text_of, unzip, variant, xml

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
        h1 = [p for c in cells for p in c.paragraphs if p.style.name == "Heading 1"]
        h2 = [p.text for c in cells for p in c.paragraphs if p.style.name == "Heading 2"]
        # theme headings hold their title; Word numbers them (numPr), the introduction and conclusion not
        expected = [sub.preamble_heading[lang], *(t.title[lang] for t in sub.themes), sub.closing_heading[lang]]
        assert [p.text for p in h1] == expected
        assert [p._p.pPr.numPr is not None for p in h1] == [False, *(True for _ in sub.themes), False]
        assert h2 == [s.heading[lang] for t in sub.themes for s in t.sections]


def num_id(p) -> int | None:
    """The Word list a paragraph is in, as python-docx reads it (w:numPr/w:numId)."""
    num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
    return None if num_pr is None else num_pr.numId.val


def list_formats(data: bytes) -> dict[int, tuple[str, str, str]]:
    """numId -> (numFmt, lvlText, suff) of level 0, read from numbering.xml."""
    root = xml(data, "word/numbering.xml")
    abstract = {a.get(f"{W}abstractNumId"): a.find(f"{W}lvl") for a in root.findall(f"{W}abstractNum")}
    out = {}
    for num in root.findall(f"{W}num"):
        lvl = abstract[num.find(f"{W}abstractNumId").get(f"{W}val")]
        out[int(num.get(f"{W}numId"))] = tuple(lvl.find(f"{W}{tag}").get(f"{W}val")
                                               for tag in ("numFmt", "lvlText", "suff"))
    return out


def test_numbered_paragraphs_are_words_own_lists_one_per_language(subs, full):
    doc = open_docx(full)
    rows = doc.tables[0].rows
    expected = [p for p in subs["full"].paragraphs() if p.number is not None]
    lists = {}
    for col, lang in ((0, "en"), (1, "zh")):
        paras = [p for row in rows for p in row.cells[col].paragraphs if p.style.name == "Drafter Numbered Paragraph"]
        firsts = [p for p in paras if num_id(p) is not None]
        assert [p.text.split("\t")[0] for p in paras if num_id(p) is None] == [""] * (len(paras) - len(firsts))
        assert len(firsts) == len(expected)  # one numbered Word paragraph per numbered paragraph
        assert not any(re.match(r"\d+\.\t", p.text) for p in paras)  # no typed numbers
        assert len({num_id(p) for p in firsts}) == 1
        lists[lang] = num_id(firsts[0])
    assert lists["en"] != lists["zh"]  # each language counts on its own
    formats = list_formats(full)
    assert formats[lists["en"]] == formats[lists["zh"]] == ("decimal", "%1.", "tab")
    headings = {lang: {num_id(p) for row in rows for p in row.cells[col].paragraphs
                       if p.style.name == "Heading 1"} - {None} for col, lang in ((0, "en"), (1, "zh"))}
    assert formats[headings["en"].pop()] == ("decimal", "%1.", "space")
    assert formats[headings["zh"].pop()] == ("chineseCounting", "%1、", "nothing")
    assert expected == sorted(expected, key=lambda p: p.number) and expected[-1].number == len(expected)
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


def expected_notes(sub, library) -> list[str]:
    """The footnotes of a parallel submission, written out here from the library (not by the code
    under test): one per quoted paragraph, English then Chinese; a source cited by the paragraph
    before is "Ibid., place." / "同上，位置。", a changed wording "Adapted from …" / "改编自……"."""
    out, last = [], None
    for p in sub.paragraphs():
        if p.item_id is None:
            continue
        item = library.items[p.item_id]
        source = library.sources[item.source]
        parts = []
        for lang in ("en", "zh"):
            title = source.short.get(lang) or next(iter(source.short.values()))
            ref = item.ref.get(lang) or next(iter(item.ref.values()))
            full = f"{title}（{source.date}），{ref}。" if lang == "zh" else f"{title} ({source.date}), {ref}."
            if p.versions[lang].status == "edited":
                parts.append(("改编自" if lang == "zh" else "Adapted from ") + full)
            elif source.key == last:
                parts.append(f"同上，{ref}。" if lang == "zh" else f"Ibid., {ref}.")
            else:
                parts.append(full)
        out.append(" ".join(parts))
        last = source.key
    return out


def footnotes(data: bytes) -> tuple[list[str], dict[str, str]]:
    """The footnote reference ids in text order, and each numbered footnote's text."""
    notes = xml(data, "word/footnotes.xml").findall(f"{W}footnote")
    numbered = {n.get(f"{W}id"): "".join(n.itertext()).strip() for n in notes if n.get(f"{W}type") is None}
    refs = [r.get(f"{W}id") for r in xml(data).iter(f"{W}footnoteReference")]
    return refs, numbered


def test_parallel_footnotes_one_per_paragraph_pair_carrying_both_citations(subs, full, library):
    parts = unzip(full)
    assert b"relationships/footnotes" in parts["word/_rels/document.xml.rels"]
    assert b'PartName="/word/footnotes.xml"' in parts["[Content_Types].xml"]
    refs, numbered = footnotes(full)
    assert sorted(refs, key=int) == sorted(numbered, key=int) and len(set(refs)) == len(refs)
    cited = [p for p in subs["full"].paragraphs() if p.item_id]
    assert len(refs) == len(cited)  # not two per paragraph: one note carries both languages
    assert [numbered[i] for i in refs] == expected_notes(subs["full"], library)
    assert numbered[refs[0]] == ("China's Positions on Global Digital Governance (2023), Preamble, para. 1. "
                                 "中国关于全球数字治理有关问题的立场（2023），序言，第1段。")
    table = xml(full).find(f"{W}body/{W}tbl")
    right = [tr.findall(f"{W}tc")[1] for tr in table.findall(f"{W}tr")]
    assert not any(tc.find(f".//{W}footnoteReference") is not None for tc in right)  # marks in the first column


def test_sequential_footnotes_cite_each_version_in_its_language(subs, library):
    data = render(subs["full"], layout="sequential")
    refs, numbered = footnotes(data)
    cited = [p for p in subs["full"].paragraphs() if p.item_id]
    assert len(refs) == 2 * len(cited)
    joint = expected_notes(subs["full"], library)
    texts = [numbered[i] for i in refs]
    assert [t for t in texts[:len(cited)] if "同上" in t] == []
    assert texts[0] + " " + texts[len(cited)] == joint[0]  # the English note, then the Chinese one


def test_an_edited_paragraph_is_adapted_from_its_source(subs):
    sub = variant(subs["small"], provenance="footnotes")
    refs, numbered = footnotes(render(sub))
    edited = [p for p in sub.paragraphs() if p.item_id == "cn-igf.connect.p2"][0]
    assert edited.versions["en"].status == "edited" and edited.versions["zh"].status == "source"
    text = next(t for t in numbered.values() if "Core Principle 2" in t)
    assert text.startswith("Adapted from China IGF Input to the GDC (2023), Connect all people, Core Principle 2.")
    assert "同上，一、关于数字连接，核心原则2。" in text  # the Chinese version is quoted as it stands


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
    cell = next(left for left, _ in rows if left.startswith("Our own"))
    assert cell == 'Our own commitment: 5 < 6 & "quotes".\n\tA second paragraph of it.'
    assert next(right for left, right in rows if left.startswith("Our own")) == "我们自己的承诺。\n\t第二段。"


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
            start = next(i for i, t in enumerate(texts) if t == lines[0])
            assert texts[start:start + len(lines)] == [lines[0], *(f"\t{x}" for x in lines[1:])], lang
