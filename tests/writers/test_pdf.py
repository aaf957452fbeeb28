"""What a UN body receives, as LibreOffice lays it out (issue 13): every form in every layout
converted to PDF and read back with poppler — masthead, Word's numbers in both columns, the
signature; headings never at the foot of a page, no near-empty last page; and `-o out.pdf`
itself: fonts embedded, the same bytes on every run.

All documents are converted in one LibreOffice run (it starts once, not once per file).
"""

from __future__ import annotations

import re
import subprocess
from itertools import product
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.document.resolve import resolve
from drafter.load.yaml import loads
from drafter.spec.check import check_spec
from drafter.spec.load import load_spec
from drafter.writers.docx import layout as layout_module
from drafter.writers.docx.layout import render_docx
from tests.conftest import EXAMPLES, FIXTURES, need_tool

FORMS = ("contribution", "letter", "note-verbale")
LAYOUTS = ("parallel", "sequential", "interleaved")
EXTRA = {
    "contribution": '  symbol: "A/79/123"\n  original_language: zh\n',
    "letter": '  symbol: "A/79/123"\n  original_language: zh\n  form: letter\n'
              '  signatory: {en: "A. N. Example\\nAmbassador", zh: "阿·恩·示例\\n大使"}\n',
    "note-verbale": '  symbol: "A/79/123"\n  original_language: zh\n  form: note-verbale\n',
}
_TEXT = re.compile(r'<text top="(\d+)" left="(\d+)" width="\d+" height="\d+" font="(\d+)">(.*?)</text>')
_FONT = re.compile(r'<fontspec id="(\d+)" size="(\d+)"')
_ENDS = re.compile(r"[。.;；:：)）〕\]]\d*$")  # how a paragraph's last line ends (a footnote number may follow)
_PAGE = re.compile(r'<page number="\d+"[^>]*height="(\d+)" width="(\d+)">(.*?)</page>', re.S)


def convert(docs: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """Every document to PDF in a single LibreOffice run, in a throw-away profile."""
    soffice = need_tool("soffice")
    need_tool("pdftotext")
    paths = []
    for name, data in docs.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        paths.append(str(path))
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
                    "--outdir", str(folder), *paths], capture_output=True, text=True, timeout=600, check=False)
    out = {name: folder / f"{name}.pdf" for name in docs}
    missing = [name for name, pdf in out.items() if not pdf.exists()]
    assert not missing, f"LibreOffice converted none of {missing}"
    return out


def text(pdf: Path, *layout: str) -> str:
    return subprocess.run(["pdftotext", *layout, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def flat(s: str) -> str:
    return "".join(s.split())


@pytest.fixture(scope="module")
def pdfs(library, tmp_path_factory) -> dict[str, Path]:
    base = (FIXTURES / "docx_small.yaml").read_text(encoding="utf-8")
    base = base.replace("provenance: annex", "provenance: footnotes")
    docs = {}
    for form, layout in product(FORMS, LAYOUTS):
        text_ = base.replace("  governing: zh\n", "  governing: zh\n" + EXTRA[form]).replace(
            "layout: parallel", f"layout: {layout}")
        docs[f"{form}-{layout}"] = render_docx(resolve(check_spec(loads(text_, "s.yaml"), library), library))
    for example in ("delegation", "chinese-first", "letter"):
        spec, lib = load_spec(EXAMPLES / f"{example}.yaml", library)
        docs[example] = render_docx(resolve(spec, lib))
    # the mutation: without keeping a heading's row with the next, the check below must fail
    spec, lib = load_spec(EXAMPLES / "delegation.yaml", library)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(layout_module, "UNSPLIT_LINES", -1)
        docs["delegation-unkept"] = render_docx(resolve(spec, lib))
    return convert(docs, tmp_path_factory.mktemp("pdf"))


@pytest.mark.parametrize(("form", "layout"), list(product(FORMS, LAYOUTS)))
def test_every_form_and_layout_shows_its_masthead_numbers_and_signature(pdfs, form, layout):
    pdf = pdfs[f"{form}-{layout}"]
    body = flat(text(pdf))
    assert "A/79/123" in body and "Original:Chinese" in body and "原文：中文" in body and "(Translation)" in body
    assert "同上" in body or "Ibid." in body or layout == "sequential"  # one footnote per pair, ibid. for the source
    if form == "contribution":
        lines = text(pdf, "-layout").splitlines()
        for n in ("1.", "2."):
            if layout == "parallel":  # both columns, on the same row
                assert any(re.match(rf"\s*{re.escape(n)}\s+\S.*\s{re.escape(n)}\s+\S", line) for line in lines), n
            else:
                assert sum(bool(re.match(rf"\s*{re.escape(n)}\s", line)) for line in lines) >= 2, n
        assert "一、" in body  # the Chinese theme heading, numbered by Word in its own convention
    else:
        kind = "Letter" if form == "letter" else "Noteverbale"
        assert f"{kind}datedApril2023fromtheDelegationofExamplestanaddressedtotheSecretary-General" in body
        assert not re.search(r"^\s*1\.\s", text(pdf, "-layout"), re.M)  # nothing numbered
    signed = "(Signed)A.N.Example" in body and "阿·恩·示例（签名）" in body
    assert signed == (form == "letter")


def pages(pdf: Path) -> list[tuple[int, int, list[tuple[int, int, bool, str]]]]:
    """Per page: height, width, and its body text (top, left, bold, text) — no header, footer or
    footnotes, which are set smaller than body text."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    sizes = {fid: int(size) for fid, size in _FONT.findall(xml)}
    out = []
    for height, width, body in _PAGE.findall(xml):
        items = [(int(top), int(left), "<b>" in t, re.sub("<[^>]+>", "", t))
                 for top, left, font, t in _TEXT.findall(body)
                 if sizes.get(font, 0) >= 16 and int(top) > 90]  # body and headings (12 pt and more, at 1.5x)
        out.append((int(height), int(width), items))
    return out


def lines_of(items: list[tuple[int, int, bool, str]]) -> list[tuple[int, int, bool, str]]:
    """Text items joined into lines (pdftohtml may cut a CJK line into pieces)."""
    out: dict[int, list[tuple[int, int, bool, str]]] = {}
    for it in sorted(items):
        out.setdefault(it[0], []).append(it)
    return [(top, parts[0][1], any(p[2] for p in parts), "".join(p[3] for p in parts)) for top, parts in out.items()]


def page_problems(pdf: Path, columns: int) -> list[str]:
    """Where LibreOffice broke a page badly: a column whose last heading is followed by fewer
    than two lines on its page (a heading at the foot, alone or with one line that does not end
    its paragraph), and a last page holding fewer than five lines."""
    problems = []
    found = pages(pdf)
    for number, (_height, width, items) in enumerate(found, 1):
        middle = width // 2
        halves = ((0, middle), (middle, width + 1)) if columns == 2 else ((0, width + 1),)
        for start, stop in halves:
            mine = lines_of([it for it in items if start <= it[1] < stop])
            headings = [i for i, it in enumerate(mine) if it[2]]
            if number == 1 or not headings:
                continue
            last = headings[-1]
            rest = [it for it in mine[last + 1:] if not it[2]]
            after = {top for top, *_ in rest}
            whole = len(after) == 1 and _ENDS.search(rest[-1][3].strip())  # a one-line paragraph, complete
            if len(after) < 2 and not whole and last > 0:  # a page's first line is the repeated column heading
                problems.append(f"page {number}: {mine[last][3]!r} is followed by {len(after)} line(s)")
    lines = {top for top, *_ in found[-1][2]}
    if len(lines) < 5:
        problems.append(f"the last page holds only {len(lines)} line(s)")
    return problems


@pytest.mark.parametrize("example", ["delegation", "chinese-first", "letter"])
def test_no_heading_ends_a_page_and_the_last_page_is_not_near_empty(pdfs, example):
    need_tool("pdftohtml")
    assert len(pages(pdfs[example])) > 1
    assert page_problems(pdfs[example], columns=1 if example == "chinese-first" else 2) == []


def test_the_page_check_fails_when_headings_are_not_kept_with_their_text(pdfs):
    need_tool("pdftohtml")
    assert any("is followed by" in p for p in page_problems(pdfs["delegation-unkept"], columns=2))


def test_a_pdf_from_the_command_line_embeds_its_fonts_and_is_the_same_on_every_run(runner, tmp_path):
    need_tool("soffice")
    pdffonts = need_tool("pdffonts")
    spec = EXAMPLES / "civil-society.yaml"
    outputs = []
    for name in ("a.pdf", "b.pdf"):
        result = runner.invoke(main, ["render", str(spec), "-o", str(tmp_path / name)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0].startswith(b"%PDF-") and outputs[0] == outputs[1]
    fonts = subprocess.run([pdffonts, str(tmp_path / "a.pdf")], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column
    info = subprocess.run(["pdfinfo", str(tmp_path / "a.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"CreationDate:\s+Thu Apr 20 00:00:00 2023", info), info  # the spec's date, not the clock
    assert "Civil-society input to the Global Digital Compact" in text(tmp_path / "a.pdf")


def test_an_arabic_english_letter_to_pdf_from_the_command_line(runner, tmp_path):
    """Issue 18's Arabic with issue 13's PDF and forms: `-o out.pdf` of the Arabic–English
    fixture as a letter with a masthead; poppler finds the Arabic title, masthead, text and
    signature in their logical order."""
    need_tool("soffice")
    need_tool("pdftotext")
    out = tmp_path / "ar.pdf"
    args = ["render", str(FIXTURES / "arabic_english.yaml"), "-o", str(out), "--set", "submission.form=letter",
            "--set", "submission.original_language=ar", "--set", 'submission.symbol="A/82/1"',
            "--set", 'submission.signatory={ar: "أ. ن. مثال", en: "A. N. Example"}']
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # poppler wraps right-to-left runs in embedding controls and lays short mixed lines out in
    # visual order: whole sentences are compared, and the short lines word by word
    body = " ".join(text(out).translate({c: " " for c in range(0x202A, 0x202F)}).split())
    assert "A/82/1" in body and "Original: Arabic" in body and "(Translation)" in body
    # (the Arabic column's right-to-left order itself: tests/writers/docx/test_languages.py; words with
    # lam-alef, ألا or الأصل, come back from poppler decomposed, so none is compared here)
    for word in ("بالعربية", "رسالة", "مؤرخة", "موجهة", "مثالستان", "ملتزمون", "الرقمية", "(توقيع) أ"):
        assert word in body, word
    assert "(Signed) A. N. Example" in body
    assert "Letter dated 1 March 2027 from the Delegation of Examplestan addressed to the Secretary-General" in body
