"""The six UN languages in DOCX: `w:lang` on every run, Arabic right to left, fonts per script.

The real-client test: LibreOffice lays out an Arabic–English parallel submission with the Arabic
column right to left, and pdftotext finds the Arabic sentence in its order.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from drafter.document.resolve import resolve
from drafter.load.yaml import loads
from drafter.spec.check import check_spec
from drafter.spec.load import load_spec
from drafter.writers.docx.layout import render_docx
from tests.conftest import FIXTURES, ROOT, need_tool
from tests.writers.conftest import W, pdf_text, unzip

TAGS = {"en": "en-GB", "zh": "zh-CN", "ar": "ar-SA", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}
SENTENCE = "نحن ملتزمون بسد الفجوات الرقمية"  # the first line of "… بحلول عام 2030."
CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.fixture(scope="module")
def arabic_english(library) -> bytes:
    spec, lib = load_spec(FIXTURES / "arabic_english.yaml", library)
    return render_docx(resolve(spec, lib))


def _spec(pair: tuple[str, str]) -> str:
    a, b = pair
    return (f"drafter: 1\nframework: gdc-2024\nsubmission:\n  title: {{{a}: T1, {b}: T2}}\n"
            f"  languages: [{a}, {b}]\n  date: '2027-01-01'\n  governing: {a}\n"
            f"themes:\n  ai-governance:\n    commitments:\n"
            f"      - text: {{{a}: 'Un texte ; oui !', {b}: 'Text two'}}\n")


@pytest.mark.parametrize("pair", [("fr", "ru"), ("es", "en"), ("ar", "zh"), ("ru", "ar")])
def test_every_run_states_its_language(library, pair):
    data = render_docx(resolve(check_spec(loads(_spec(pair), "s.yaml"), library), library))
    for part in ("word/document.xml", "word/drafter-header1.xml", "word/drafter-footer1.xml"):
        root = etree.fromstring(unzip(data)[part])
        for run in root.iter(f"{W}r"):
            lang = run.find(f"{W}rPr/{W}lang")
            assert lang is not None, (part, etree.tostring(run)[:200])
            assert lang.get(f"{W}val") in {TAGS[x] for x in pair}
    document = unzip(data)["word/document.xml"].decode()
    for lang in pair:
        assert f'w:val="{TAGS[lang]}"' in document


def test_arabic_paragraphs_run_right_to_left_with_arabic_as_their_script_language(arabic_english):
    root = etree.fromstring(unzip(arabic_english)["word/document.xml"])
    rtl_paragraphs = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}bidi") is not None]
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in rtl_paragraphs]
    assert any(SENTENCE in t for t in texts)
    for p in rtl_paragraphs:
        for run in p.iter(f"{W}r"):
            lang = run.find(f"{W}rPr/{W}lang")
            assert lang.get(f"{W}bidi") == "ar-SA"
    assert root.find(f".//{W}rtl") is not None
    footer = etree.fromstring(unzip(arabic_english)["word/drafter-footer1.xml"])  # "الصفحة 1 من 3"
    assert footer.find(f".//{W}pPr/{W}bidi") is not None


def test_the_reference_document_has_a_font_for_each_script():
    with zipfile.ZipFile(ROOT / "templates" / "reference.docx") as zf:
        styles = etree.fromstring(zf.read("word/styles.xml"))
        fonts = etree.fromstring(zf.read("word/fontTable.xml"))
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert default.get(f"{W}ascii") == default.get(f"{W}hAnsi") == "Times New Roman"  # Latin and Cyrillic
    assert default.get(f"{W}eastAsia") == "SimSun" and default.get(f"{W}cs") == "Simplified Arabic"
    assert {f.get(f"{W}name") for f in fonts} == {"Times New Roman", "SimSun", "SimHei", "Simplified Arabic"}
    heading = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Heading1")
    assert heading.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "SimHei"


def test_the_reference_document_rebuilds_byte_for_byte():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_reference_doc.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "up to date" in done.stdout, done.stdout + done.stderr


def _arabic_line(pdf: Path) -> dict[str, tuple[float, float]]:
    """Where LibreOffice put the words of the Arabic sentence's line and its number: (x, y)."""
    pdftotext = need_tool("pdftotext")
    bbox = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = etree.fromstring(bbox.encode(), etree.XMLParser(recover=True))
    words = [(w.text or "", float(w.get("xMin")), float(w.get("yMin"))) for w in page.iter("{*}word")]
    out = {}
    for word in (*SENTENCE.split()[:2], "We"):
        found = next(w for w in words if w[0] in (word, word[::-1]))  # -bbox gives glyphs in visual order
        out[word] = (found[1], found[2])
    y = out[SENTENCE.split()[0]][1]
    out["number"] = next((w[1], w[2]) for w in words if w[0] == "2" and w[2] == y)  # the paragraph's "2 -"
    return out


def _right_to_left(pdf: Path) -> bool:
    at = _arabic_line(pdf)
    first, second = SENTENCE.split()[:2]
    return (at[first][1] == at[second][1] and at[first][0] > at[second][0]  # "نحن" right of "ملتزمون"
            and at["number"][0] > at[first][0]  # the paragraph starts at the right: its number too
            and at["We"][0] > at["number"][0])  # the English column is the second, on the right


def test_libreoffice_lays_the_arabic_column_out_right_to_left(arabic_english, tmp_path):
    text = pdf_text(arabic_english, tmp_path, "arabic-english")
    plain = " ".join(text.translate({ord(c): " " for c in CONTROLS}).split())
    assert SENTENCE in plain  # the Arabic, in its logical order
    assert "We are committed to closing the digital divides by 2030." in plain
    assert _right_to_left(tmp_path / "arabic-english.pdf")


def test_the_right_to_left_check_fails_without_w_bidi(library, tmp_path, monkeypatch):
    """Mutation: the same document with its paragraphs left to right must fail the check above."""
    import inspect

    from drafter.writers.docx import wordml

    ppr = wordml.ppr.__wrapped__
    signature = inspect.signature(ppr)

    def left_to_right(*args, **kwargs):  # the same properties, never `w:bidi`
        bound = signature.bind(*args, **kwargs)
        bound.arguments["bidi"] = False
        return ppr(*bound.args, **bound.kwargs)

    monkeypatch.setattr(wordml, "ppr", left_to_right)
    spec, lib = load_spec(FIXTURES / "arabic_english.yaml", library)
    data = render_docx(resolve(spec, lib))
    assert b"<w:bidi/>" not in unzip(data)["word/document.xml"]
    pdf_text(data, tmp_path, "left-to-right")
    assert not _right_to_left(tmp_path / "left-to-right.pdf")


# -- issue 13's Word numbering with issue 18's frameworks ---------------------------------------

def _h1(data: bytes) -> list[tuple[str, bool]]:
    """Each Heading 1 of the document: (its text, whether a Word list numbers it)."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    return [(p.text, p._p.pPr is not None and p._p.pPr.numPr is not None)
            for p in document.paragraphs if p.style.name == "Heading 1"]


def test_word_numbers_a_heading_only_where_its_number_is_its_place(library):
    """gdc-2024 numbers an objective as the Compact does: objective 5 alone is "5.", which a Word
    list (counting from 1) would renumber, so it is typed; the unnumbered principles are plain;
    the 2023 themes a submission answers are 1, 2, … in order, which Word's list counts."""
    text = ("drafter: 1\nframework: gdc-2024\nsubmission: {title: {en: T}, languages: [en]}\nthemes:\n"
            "  cross-cutting:\n    principles:\n      - text: {en: A principle.}\n"
            "  ai-governance:\n    commitments:\n      - text: {en: A commitment.}\n")
    headings = _h1(render_docx(resolve(check_spec(loads(text, "s.yaml"), library), library)))[:2]  # then the annex
    assert [numbered for _, numbered in headings] == [False, False]
    assert headings[1][0].startswith("5. ") and not headings[0][0][0].isdigit()
    older = text.replace("gdc-2024", "gdc-2023").replace("cross-cutting", "connect").replace("ai-governance", "ai")
    themes = _h1(render_docx(resolve(check_spec(loads(older, "s.yaml"), library), library)))[:2]
    assert [numbered for _, numbered in themes] == [True, True]  # Word counts them: 1., 2.
    assert not any(title[0].isdigit() for title, _ in themes)


def test_arabic_paragraphs_are_numbered_by_an_arabic_list(arabic_english):
    numbering = etree.fromstring(unzip(arabic_english)["word/numbering.xml"])
    texts = {lvl.getparent().find(f"{W}name").get(f"{W}val"): lvl.find(f"{W}lvlText").get(f"{W}val")
             for lvl in numbering.iter(f"{W}lvl")}
    assert texts["drafter paragraphs (ar)"] == "%1 -" and texts["drafter paragraphs (en)"] == "%1."
