"""Right-to-left and mixed scripts in the DOCX writer (issue 7, item 4), read back with lxml and
python-docx, validated against the OOXML schema and rendered by LibreOffice.

A line runs in the direction of its first strong letter: a right-to-left line is a `w:bidi`
paragraph, right-to-left pieces of text are `w:rtl` runs with `w:lang w:bidi`, and the number,
the marks and the footnote references stay in plain runs of their own. The shared direction
logic (`drafter.writers.bidi`) also serves the Markdown writer's isolates, whose behaviour must
not change.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.document.resolve import resolve
from drafter.spec.load import load_spec
from drafter.writers import bidi
from drafter.writers.docx import wordml as X
from drafter.writers.docx.layout import render_docx
from drafter.writers.docx.ns import NS_DECL
from drafter.writers.markdown.escape import isolate
from tests.conftest import FIXTURES, ROOT
from tests.writers.conftest import W, open_docx, pdf_text, render, strip_ignorable, text_of, unzip, xml

ARABIC = "نلتزم بسد الفجوة الرقمية بحلول عام 2030."
HEBREW = "אנו מחויבים לחבר את כל האנשים לאינטרנט."
MIXED = "The United Nations (الأمم المتحدة) supports universal connectivity."
CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def is_rtl_letter(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def has_rtl_letter(text: str) -> bool:
    return any(is_rtl_letter(ch) for ch in text)


@pytest.fixture(scope="module")
def bidi_sub(library):
    spec, lib = load_spec(FIXTURES / "docx_bidi.yaml", library)
    return resolve(spec, lib)


@pytest.fixture(scope="module")
def parallel_sub(library):
    spec, lib = load_spec(FIXTURES / "docx_bidi_parallel.yaml", library)
    return resolve(spec, lib)


@pytest.fixture(scope="module")
def docx(bidi_sub) -> bytes:
    return render_docx(bidi_sub)


def runs_of(p: etree._Element) -> list[etree._Element]:
    return p.findall(f"{W}r")


def run_text(r: etree._Element) -> str:
    return "".join(t.text or "" for t in r.findall(f"{W}t"))


def is_rtl_run(r: etree._Element) -> bool:
    return r.find(f"{W}rPr/{W}rtl") is not None


def run_style(r: etree._Element) -> str | None:
    node = r.find(f"{W}rPr/{W}rStyle")
    return node.get(f"{W}val") if node is not None else None


def is_bidi(p: etree._Element) -> bool:
    return p.find(f"{W}pPr/{W}bidi") is not None


def numbered(doc: etree._Element) -> list[etree._Element]:
    return [p for p in doc.iter(f"{W}p")
            if p.find(f"{W}pPr/{W}pStyle[@{W}val='DrafterNumberedParagraph']") is not None]


def line_text(p: etree._Element) -> str:
    """The text of a paragraph's line: its runs without number and tab, marks and footnote references."""
    out = []
    for r in runs_of(p):
        if run_style(r) is not None or r.find(f"{W}footnoteReference") is not None:
            continue
        after_tab = r.find(f"{W}tab") is None
        for el in r:
            if el.tag == f"{W}tab":
                after_tab = True
            elif el.tag == f"{W}t" and after_tab:
                out.append(el.text or "")
    return "".join(out)


# -- the shared direction logic ----------------------------------------------------------------

def test_the_quick_search_finds_every_right_to_left_letter_and_direction_control():
    """The regex that spares English and Chinese the per-character loop must miss nothing."""
    missed = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
              if not 0xD800 <= code < 0xE000
              and unicodedata.bidirectional(chr(code)) in bidi.ISOLATE_CLASSES
              and not bidi.maybe_rtl(chr(code))]
    assert missed == []


def _isolate_before(text: str) -> str:
    """The Markdown writer's isolate as it was before the quick search: every character looked up."""
    classes = {"R", "AL", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}
    if text.isascii() or not any(unicodedata.bidirectional(ch) in classes for ch in text):
        return text
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "\u2067" + text + "\u2069"
        if kind == "L":
            break
    return "\u2066" + text + "\u2069"


MIXED_CHARS = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    [*"abc 12.,()[]!中文“”:،؟", *"نصعبرית", *CONTROLS, "\u064e", "\u05b7"])


@settings(max_examples=500, deadline=None)
@given(st.text(MIXED_CHARS, max_size=40))
def test_markdown_isolate_behaves_as_before(text):
    assert isolate(text) == _isolate_before(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Connect all people.", None),
    ("确保所有人都能接入互联网。", None),
    ("unbalanced \u202eoverride", None),  # a control, no right-to-left letter: nothing to split
    (ARABIC, (True, [(ARABIC, True)])),  # the number stays with the Arabic
    ("2030: الهدف", (True, [("2030: الهدف", True)])),  # numbers are weak: the first letter decides
    (HEBREW, (True, [(HEBREW, True)])),
    (MIXED, (False, [("The United Nations (", False), ("الأمم المتحدة", True),
                     (") supports universal connectivity.", False)])),
    ("نص English نص.", (True, [("نص ", True), ("English", False), (" نص.", True)])),
    ("In عام 2030 we act.", (False, [("In ", False), ("عام 2030", True), (" we act.", False)])),
    ("Version 2 and نُصّ.", (False, [("Version 2 and ", False), ("نُصّ", True), (".", False)])),  # marks stay
    ("中文和العربية", (False, [("中文和", False), ("العربية", True)])),
])
def test_split_cuts_where_the_direction_turns(text, expected):
    assert bidi.split(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(MIXED_CHARS, max_size=40))
def test_split_keeps_the_text_and_marks_exactly_the_right_to_left_pieces(text):
    found = bidi.split(text)
    if found is None:
        assert not has_rtl_letter(text)
        return
    rtl, pieces = found
    assert "".join(piece for piece, _ in pieces) == text
    assert rtl == (bidi.first_strong(text) == "R")
    for piece, right in pieces:
        assert piece
        if has_rtl_letter(piece):
            assert right, piece
        if right:
            assert not any(unicodedata.bidirectional(ch) == "L" for ch in piece), piece


@pytest.mark.parametrize(("text", "tag"), [(ARABIC, "ar-SA"), (HEBREW, "he-IL"), ("ﭏ", "he-IL"), ("ܫܠܡܐ", "syr-SY"),
                                           ("ދިވެހި", "dv-MV"), ("𞤀𞤣𞤤𞤢𞤥", "ar-SA")])
def test_right_to_left_runs_are_tagged_by_script(text, tag):
    assert bidi.rtl_lang(text) == tag


@settings(max_examples=200, deadline=None)
@given(st.text(MIXED_CHARS.filter(lambda c: unicodedata.category(c) != "Cc" and c not in "\ufffe\uffff"), max_size=40),
       st.sampled_from(["en", "zh"]))
def test_a_line_becomes_runs_that_give_back_the_text(text, lang):
    runs, rtl = X.line(text, lang, number="7.", implicit="en-GB")
    root = etree.fromstring(f"<w:p {NS_DECL}>{runs}</w:p>")
    found = root.findall(f"{W}r")
    assert run_text(found[0]).startswith("7.") and found[0].find(f"{W}tab") is not None
    assert not is_rtl_run(found[0])
    assert text_of(root) == f"7.\t{text}{bidi.closers(text)}"  # closers: only what it leaves open
    assert rtl == (has_rtl_letter(text) and bidi.first_strong(text) == "R")
    for r in found:
        if has_rtl_letter(run_text(r)):
            assert is_rtl_run(r)
        if is_rtl_run(r):  # right-to-left letters, or what sits with them ("2030", a final full stop)
            assert not any(unicodedata.bidirectional(ch) == "L" for ch in run_text(r))
            assert r.find(f"{W}rPr/{W}lang").get(f"{W}bidi") in ("ar-SA", "he-IL", "syr-SY", "dv-MV")
            assert r.find(f"{W}rPr/{W}rFonts") is None  # no East Asian hint: the cs font applies


def test_run_properties_follow_the_schema_sequence():
    assert X.rpr("en", "Mark", "en-GB", "ar-SA") == ('<w:rPr><w:rStyle w:val="Mark"/><w:rtl/>'
                                                     '<w:lang w:bidi="ar-SA"/></w:rPr>')
    assert X.rpr("zh", None, "en-GB", "he-IL") == ('<w:rPr><w:rtl/><w:lang w:val="zh-CN" w:eastAsia="zh-CN" '
                                                   'w:bidi="he-IL"/></w:rPr>')
    assert X.ppr("Body", True, False, (("left", 567),), "", True) == (
        '<w:pPr><w:pStyle w:val="Body"/><w:keepNext/><w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs>'
        "<w:bidi/></w:pPr>")


def test_a_right_to_left_footnote_keeps_its_reference_mark_plain():
    note = X.footnote(3, "مصدر، الفقرة 1.", "en", "FootnoteText", "FootnoteReference", "en-GB")
    root = etree.fromstring(f"<w:footnotes {NS_DECL}>{note}</w:footnotes>")
    p = root.find(f"{W}footnote/{W}p")
    assert is_bidi(p)
    ref, *rest = runs_of(p)
    assert ref.find(f"{W}footnoteRef") is not None and not is_rtl_run(ref)
    assert "".join(run_text(r) for r in rest) == " مصدر، الفقرة 1."
    assert all(is_rtl_run(r) == has_rtl_letter(run_text(r)) for r in rest)


# -- the document ------------------------------------------------------------------------------

def test_right_to_left_paragraphs_and_runs(bidi_sub, docx):
    doc = xml(docx)
    paras = numbered(doc)
    lines = [(p.number, line, i) for p in bidi_sub.paragraphs() for i, line in enumerate(p.versions["en"].lines)]
    assert len(paras) == len(lines) == 6
    for p, (_number, line, i) in zip(paras, lines, strict=True):
        assert is_bidi(p) == (bidi.first_strong(line) == "R"), line
        runs = runs_of(p)
        # the first line is numbered by Word (w:numPr); a continuation line starts with a tab
        assert (p.find(f"{W}pPr/{W}numPr") is not None) == (i == 0)
        if i > 0:
            lead = runs[0]
            assert lead.find(f"{W}tab") is not None and not is_rtl_run(lead)
            if has_rtl_letter(line):  # the tab in a run of its own
                assert run_text(lead) == ""
        assert line_text(p) == line  # nothing added, nothing lost, no isolate characters
        for r in runs:
            assert is_rtl_run(r) == has_rtl_letter(run_text(r)), run_text(r)
            if run_style(r) is not None or r.find(f"{W}footnoteReference") is not None:
                assert not is_rtl_run(r)
    assert [is_bidi(p) for p in paras] == [True, True, True, False, True, False]


def test_marks_and_footnote_references_are_plain_runs(docx):
    first = numbered(xml(docx))[0]  # the edited Arabic paragraph with its source
    runs = runs_of(first)
    assert [run_style(r) for r in runs] == [None, "DrafterMark", "FootnoteReference"]
    assert run_text(runs[1]) == " [edited]"
    assert runs[2].find(f"{W}footnoteReference") is not None
    assert [is_rtl_run(r) for r in runs] == [True, False, False]


def test_languages_and_script_tags(docx):
    doc = xml(docx)
    tags = {run_text(r): r.find(f"{W}rPr/{W}lang").get(f"{W}bidi") for r in doc.iter(f"{W}r") if is_rtl_run(r)}
    assert tags[HEBREW] == "he-IL"
    assert tags[ARABIC] == "ar-SA"
    assert tags["الأمم المتحدة"] == "ar-SA"
    assert tags["مساهمة في الميثاق الرقمي العالمي"] == "ar-SA"  # the subtitle: any line of text


def test_python_docx_reads_the_lines_back(bidi_sub, docx):
    texts = [p.text for p in open_docx(docx).paragraphs]
    for para in bidi_sub.paragraphs():
        first, *rest = para.versions["en"].lines
        assert any(t.startswith(first) for t in texts)  # the number is Word's (numbering.xml), not text
        for line in rest:
            assert f"\t{line}" in texts
    assert "مساهمة في الميثاق الرقمي العالمي" in texts
    flat = "".join(texts)
    assert not any(ch in flat for ch in CONTROLS)


def _style_chain(styles: etree._Element, style_id: str | None) -> list[etree._Element]:
    by_id = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
    chain = []
    while style_id in by_id:
        style = by_id[style_id]
        chain.append(style)
        based = style.find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else None
    return chain


def _effective(styles: etree._Element, para_style: str | None, run_style_id: str | None, tag: str, attr: str) -> str:
    """A run property as Word resolves it: run style chain, paragraph style chain, docDefaults."""
    sources = [s.find(f"{W}rPr") for s in _style_chain(styles, run_style_id) + _style_chain(styles, para_style)]
    sources.append(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
    for rpr in sources:
        node = rpr.find(f"{W}{tag}") if rpr is not None else None
        if node is not None and node.get(f"{W}{attr}") is not None:
            return node.get(f"{W}{attr}")
    return ""


def test_right_to_left_text_gets_the_complex_script_font_and_the_styles_size(docx, parallel_sub):
    for data in (docx, render_docx(parallel_sub)):
        parts = unzip(data)
        styles = etree.fromstring(parts["word/styles.xml"])
        seen = 0
        for p in etree.fromstring(parts["word/document.xml"]).iter(f"{W}p"):
            pstyle = p.find(f"{W}pPr/{W}pStyle")
            pid = pstyle.get(f"{W}val") if pstyle is not None else None
            for r in runs_of(p):
                if not is_rtl_run(r):
                    continue
                seen += 1
                rid = run_style(r)
                assert _effective(styles, pid, rid, "rFonts", "cs") == "Simplified Arabic"
                assert _effective(styles, pid, rid, "szCs", "val") == _effective(styles, pid, rid, "sz", "val"), pid
        assert seen >= 3


def test_every_style_size_and_weight_has_its_complex_script_twin():
    """Right-to-left runs are sized and weighted by `w:szCs`/`w:bCs` only (the bundled styles)."""
    import zipfile

    with zipfile.ZipFile(ROOT / "templates" / "reference.docx") as zf:
        styles = etree.fromstring(zf.read("word/styles.xml"))
    for rpr in styles.iter(f"{W}rPr"):
        for tag, twin in (("sz", "szCs"), ("b", "bCs"), ("i", "iCs")):
            node = rpr.find(f"{W}{tag}")
            if node is not None:
                pair = rpr.find(f"{W}{twin}")
                assert pair is not None and pair.get(f"{W}val") == node.get(f"{W}val"), etree.tostring(rpr)


def test_the_parallel_table_stays_left_to_right(parallel_sub):
    data = render_docx(parallel_sub)
    for name, part in unzip(data).items():
        if name.endswith(".xml"):
            assert b"bidiVisual" not in part, name
    table = open_docx(data).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["English", "中文"]
    row = next(r for r in table.rows if "يجب ربط جميع الناس بالإنترنت." in r.cells[0].text)
    assert "应当连接所有人。" in row.cells[1].text
    left = row.cells[0].paragraphs[0]._p
    assert is_bidi(left)
    assert not is_bidi(row.cells[1].paragraphs[0]._p)
    zh_mixed = next(p for p in xml(data).iter(f"{W}p") if "联合国" in text_of(p))
    assert not is_bidi(zh_mixed)
    rtl = [r for r in runs_of(zh_mixed) if is_rtl_run(r)]
    assert [run_text(r) for r in rtl] == ["الأمم المتحدة"]
    assert rtl[0].find(f"{W}rPr/{W}lang").get(f"{W}eastAsia") == "zh-CN"


def test_english_and_chinese_documents_are_untouched(subs):
    document = unzip(render(subs["full"]))["word/document.xml"]
    assert b"<w:rtl/>" not in document and b"<w:bidi/>" not in document


def test_every_wordml_part_is_schema_valid(docx, parallel_sub, wml_schema):
    documents = {"bidi": docx}
    documents.update({layout: render(parallel_sub, layout=layout, provenance="footnotes")
                      for layout in ("parallel", "interleaved", "sequential")})
    documents["annex"] = render(parallel_sub, provenance="annex")
    for name, data in documents.items():
        parts = unzip(data)
        for part, content in parts.items():
            if part.startswith("word/") and part.endswith(".xml") and "/theme/" not in part:
                root = strip_ignorable(etree.fromstring(content))
                assert wml_schema.validate(root), f"{name}:{part}: {wml_schema.error_log.last_error}"
        assert b"<w:rtl/>" in parts["word/document.xml"]


def test_libreoffice_shows_the_right_to_left_text(docx, tmp_path):
    text = pdf_text(docx, tmp_path, "bidi")
    # pdftotext gives logical order, wrapping right-to-left lines in embedding controls
    words = set(text.translate({ord(c): " " for c in CONTROLS}).split())
    for word in ("نلتزم", "الفجوة", "الرقمية", "مساهمة", "الميثاق", "المتحدة", "מחויבים", "האנשים", "Nations"):
        assert word in words, word
