"""drafter import: drafter-rendered drafts back into specs (every layout, Word and Markdown),
drafts edited in the XML and re-saved by LibreOffice, Markdown edited by hand, Word files
drafter did not write."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.cli import main
from drafter.interchange.imports import import_file
from drafter.library.model import Library
from drafter.spec.load import load_spec
from tests.conftest import EXAMPLES, need_tool
from tests.drafts.conftest import render_spec, variant, words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _uses(spec) -> list[str | None]:
    return [e.use for e in spec.preamble] + [e.use for t in spec.themes for s in t.sections.values() for e in s]


def _import(draft: Path, runner) -> Path:
    spec = draft.with_name(draft.stem + "-imported.yaml")
    result = runner.invoke(main, ["import", str(draft), "-o", str(spec)])
    assert result.exit_code == 0, result.output
    return spec


def _same_words(draft: Path, runner, fmt: str | None = None) -> Path:
    """Import `draft`, render the spec in the draft's format: the words read back are the same."""
    spec = _import(draft, runner)
    again = render_spec(spec, fmt or draft.suffix[1:], spec.with_suffix(".again." + (fmt or draft.suffix[1:])))
    assert words(again) == words(draft)
    return spec


@pytest.mark.parametrize("fmt", ["docx", "md"])
@pytest.mark.parametrize("layout", ["parallel", "sequential", "interleaved"])
@pytest.mark.parametrize("provenance", ["annex", "footnotes", "none"])
def test_every_layout_round_trips(fmt: str, layout: str, provenance: str, tmp_path: Path, runner) -> None:
    draft = render_spec(variant("delegation", tmp_path, layout=layout, provenance=provenance), fmt)
    spec = _same_words(draft, runner)
    loaded, _ = load_spec(spec)
    original, _ = load_spec(EXAMPLES / "delegation.yaml")
    assert loaded.layout == layout and loaded.languages == ("en", "zh") and loaded.governing == "zh"
    assert loaded.title == original.title and loaded.submitter == original.submitter
    assert loaded.date == original.date
    if fmt == "docx":  # drafter's Markdown front matter has room for one subtitle: the title's other language
        assert loaded.subtitle == original.subtitle
    assert _uses(loaded) == _uses(original)
    assert [(e.use, e.attributed) for e in loaded.preamble] == [(e.use, e.attributed) for e in original.preamble]
    assert all(not e.text for t in loaded.themes for s in t.sections.values() for e in s), "nothing was edited"
    assert [(e.use, dict(e.text)) for e in loaded.closing] == [(e.use, dict(e.text)) for e in original.closing]


@pytest.mark.parametrize("example", ["civil-society", "chinese-first"])
@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_examples_with_edits_and_own_paragraphs_round_trip(example: str, fmt: str, tmp_path: Path, runner) -> None:
    draft = render_spec(variant(example, tmp_path), fmt)
    _same_words(draft, runner)


@pytest.mark.parametrize("languages", ["en", "zh"])
def test_one_language_drafts(languages: str, tmp_path: Path, runner) -> None:
    draft = render_spec(variant("delegation", tmp_path, languages=languages), "docx")
    spec = _same_words(draft, runner)
    assert load_spec(spec)[0].languages == (languages,)


def test_civil_society_edits_come_back_as_edits(tmp_path: Path) -> None:
    draft = render_spec(variant("civil-society", tmp_path), "md")
    text = import_file(draft).yaml
    assert '- use: cn-igf.connect.p2\n        text: {en: "Language must never be a barrier' in text
    assert "- use: cn-igf.connect.c1\n" in text
    assert '- text: {en: "Community networks should be recognised' in text
    assert "- use: cn-igf.human-rights.c2\n        text: {en:" in text  # known from the annex's id column


# -- edited in the XML, re-saved by LibreOffice -----------------------------------------------


def _rows(root: etree._Element) -> list[etree._Element]:
    return [tr for tr in root.iter(f"{W}tr")]


def _row_with(root: etree._Element, text: str) -> etree._Element:
    return next(tr for tr in _rows(root) if text in "".join(tr.itertext()))


def _edit_docx(path: Path, out: Path, library: Library) -> None:
    """A reviewer's edits, made in the XML: a word changed in one language, a row deleted, a row
    moved, a new bilingual row added."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    c1 = library.get("cn-igf.connect.c1").text["en"]
    for t in root.iter(f"{W}t"):
        if t.text and "IPv6 should be accelerated" in t.text:
            t.text = t.text.replace("accelerated", "sped up")
    deleted = _row_with(root, library.get("cn-igf.connect.p3").text["en"][:40])
    deleted.getparent().remove(deleted)
    moved = _row_with(root, library.get("cn-gdc.connect.1").text["en"][:40])
    anchor = _row_with(root, c1[:40])
    moved.getparent().remove(moved)
    anchor.addnext(moved)
    new = etree.fromstring(etree.tostring(anchor))
    texts = [t for t in new.iter(f"{W}t")]
    for t in texts:
        t.text = ""
    cells = [tc for tc in new if tc.tag == f"{W}tc"]
    next(cells[0].iter(f"{W}t")).text = "Community networks deserve spectrum on fair terms."
    next(cells[1].iter(f"{W}t")).text = "社区网络应当在公平条件下获得频谱。"
    for ref in list(new.iter(f"{W}footnoteReference")):
        ref.getparent().getparent().remove(ref.getparent())
    moved.addnext(new)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _libreoffice_resave(path: Path, folder: Path) -> Path:
    soffice = need_tool("soffice")
    folder.mkdir()
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--convert-to",
            "docx",
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / path.name


def test_word_edits_resaved_by_libreoffice_come_back(library: Library, tmp_path: Path, runner) -> None:
    rendered = render_spec(variant("delegation", tmp_path, provenance="footnotes"), "docx")
    edited = tmp_path / "edited.docx"
    _edit_docx(rendered, edited, library)
    resaved = _libreoffice_resave(edited, tmp_path / "lo")
    spec = _same_words(resaved, runner)
    text = spec.read_text(encoding="utf-8")
    loaded, _ = load_spec(spec)
    connect = next(t for t in loaded.themes if t.key == "connect")
    commitments = connect.sections["commitments"]
    uses = [e.use for e in commitments]
    assert "cn-igf.connect.p3" not in [e.use for e in connect.sections["principles"]], "deleted row is gone"
    assert uses.index("cn-igf.connect.c1") + 1 == uses.index("cn-gdc.connect.1"), "the moved row follows c1"
    c1 = next(e for e in commitments if e.use == "cn-igf.connect.c1")
    assert set(c1.text) == {"en"} and "sped up" in c1.text["en"], "exactly the changed language"
    new = commitments[uses.index("cn-gdc.connect.1") + 1]
    assert new.use is None and new.text == {
        "en": "Community networks deserve spectrum on fair terms.",
        "zh": "社区网络应当在公平条件下获得频谱。",
    }
    assert "layout: parallel" in text and "provenance: footnotes" in text


def test_markdown_edited_by_hand(tmp_path: Path, runner, library: Library) -> None:
    draft = render_spec(variant("civil-society", tmp_path), "md")
    text = draft.read_text(encoding="utf-8")
    p2 = "4\\. Establish an environment for inclusive and equal participation"
    text = text.replace("shall be prohibited by law.", "must be prohibited by law.")  # a word changed
    text = re.sub(r"\n7\\\. Maintain a principle of inclusion and responsibility\.\n", "\n", text)  # deleted
    text = text.replace(p2, "4\\. A paragraph of our own, added in the editor.\n\n" + p2.replace("4", "5"))
    draft.write_text(text, encoding="utf-8")
    spec = _same_words(draft, runner)
    loaded, _ = load_spec(spec)
    entries = [e for t in loaded.themes for s in t.sections.values() for e in s]
    assert "cn-igf.accountability.p2" not in [e.use for e in entries]
    assert any(e.use is None and e.text == {"en": "A paragraph of our own, added in the editor."} for e in entries)
    p1 = next(e for e in entries if e.use == "cn-igf.accountability.p1")
    assert "must be prohibited" in p1.text["en"]


# -- Word files drafter did not write ---------------------------------------------------------


def test_foreign_word_file_becomes_a_spec_with_its_guesses(library: Library, tmp_path: Path, runner) -> None:
    document = docx.Document()
    document.add_paragraph("Views of the Examplestan Forum", style="Title")
    document.add_paragraph("Examplestan Forum")
    document.add_heading("Our views", level=1)
    document.add_paragraph(library.get("cn-igf.data.c2").text["en"])
    document.add_paragraph("We also want strong rules for data held by platforms.")
    document.add_paragraph(library.get("cn-igf.ai.p1").text["en"].replace("five", "several"))
    path = tmp_path / "forum.docx"
    document.save(str(path))
    spec_path = tmp_path / "forum.yaml"
    result = runner.invoke(main, ["import", str(path), "-o", str(spec_path)])
    assert result.exit_code == 0, result.output
    assert "guessed theme 'data' (from item cn-igf.data.c2)" in result.stderr
    assert "guessed theme 'data' (as the paragraph before)" in result.stderr
    assert "heading 'Our views' is not a heading of gdc-2023" in result.stderr
    loaded, _ = load_spec(spec_path)
    assert loaded.title == {"en": "Views of the Examplestan Forum"}
    by_theme = {t.key: [(e.use, dict(e.text)) for s in t.sections.values() for e in s] for t in loaded.themes}
    assert by_theme["data"][0] == ("cn-igf.data.c2", {})
    assert by_theme["data"][1] == (None, {"en": "We also want strong rules for data held by platforms."})
    assert by_theme["ai"][0][0] == "cn-igf.ai.p1" and "several" in by_theme["ai"][0][1]["en"]


def test_import_writes_nothing_on_failure_and_never_over_the_draft(tmp_path: Path, runner) -> None:
    draft = render_spec(variant("civil-society", tmp_path), "md")
    before = draft.read_bytes()
    result = runner.invoke(main, ["import", str(draft), "-o", str(draft)])
    assert result.exit_code == 2 and "would overwrite the input file" in result.stderr
    assert draft.read_bytes() == before
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    out = tmp_path / "out.yaml"
    result = runner.invoke(main, ["import", str(empty), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists() and "Traceback" not in result.output


def test_importers_are_chosen_by_file_type() -> None:
    from drafter.interchange.imports import IMPORTERS

    assert {".docx", ".md", ".txt"} <= set(IMPORTERS)


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_a_letter_comes_back_as_a_letter(fmt: str, tmp_path: Path, runner) -> None:
    """The frame drafter writes around a letter (issue 13) is read back into the spec's keys."""
    draft = render_spec(variant("letter", tmp_path), fmt)
    spec = _same_words(draft, runner)
    loaded, _ = load_spec(spec)
    original, _ = load_spec(EXAMPLES / "letter.yaml")
    assert (loaded.form, loaded.original_language) == ("letter", "zh")
    assert dict(loaded.signatory) == dict(original.signatory)
    assert dict(loaded.addressee) == dict(original.addressee)
    assert [e.use for e in loaded.preamble] == [None]  # the opening is the letter's own words
