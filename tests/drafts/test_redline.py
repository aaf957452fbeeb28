"""`drafter trace --format docx --redline`: edited paragraphs rewritten as tracked changes."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from drafter.cli import main
from drafter.library.model import Library
from tests.drafts.test_trace import _english_draft
from tests.writers.conftest import strip_ignorable, unzip
from tests.writers.conftest import wml_schema as wml_schema  # noqa: F401 - the fixture
from tests.writers.docx.test_revisions import _texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _body(path: Path) -> etree._Element:
    return etree.fromstring(unzip(path.read_bytes())["word/document.xml"])


def test_trace_redline_rewrites_edited_paragraphs(library: Library, tmp_path: Path, runner, wml_schema) -> None:
    path = tmp_path / "forum.docx"
    _english_draft(library, path)
    out = tmp_path / "red.docx"
    result = runner.invoke(main, ["trace", str(path), "--format", "docx", "--redline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = _body(out)
    assert [t.text for t in root.iter(f"{W}delText")].count("accelerated") == 1
    assert "sped up" in [t.text for el in root.iter(f"{W}ins") for t in el.iter(f"{W}t")]
    assert {el.get(f"{W}author") for el in root.iter(f"{W}ins", f"{W}del")} == {"drafter trace"}
    assert all(el.get(f"{W}date") is None for el in root.iter(f"{W}ins", f"{W}del")), "no clock"
    ids = [el.get(f"{W}id") for el in root.iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids))
    # accepting every change gives the draft's paragraphs back
    assert _texts(root, "ins") == _texts(_body(path), "ins")
    # rejecting them gives the library's words where the draft edited them
    assert any("accelerated" in t for t in _texts(root, "del"))
    assert wml_schema.validate(strip_ignorable(root)), wml_schema.error_log.last_error
    again = tmp_path / "again.docx"
    runner.invoke(main, ["trace", str(path), "--format", "docx", "--redline", "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()


def test_trace_redline_needs_docx(tmp_path: Path, runner, library: Library) -> None:
    path = tmp_path / "forum.docx"
    _english_draft(library, path)
    result = runner.invoke(main, ["trace", str(path), "--redline"])
    assert result.exit_code == 2
    assert "--redline needs --format docx" in result.output


def test_trace_redline_chinese_in_words(tmp_path: Path, runner) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("公平推进数字基础设施建设与创新发展。")
    path = tmp_path / "zh.docx"
    doc.save(str(path))
    out = tmp_path / "zh.red.docx"
    result = runner.invoke(main, ["trace", str(path), "--format", "docx", "--redline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = _body(out)
    assert [t.text for t in root.iter(f"{W}delText")] == ["促进"]
    assert _texts(root, "del") == ["公平促进数字基础设施建设与创新发展。"]
    assert _texts(root, "ins") == ["公平推进数字基础设施建设与创新发展。"]
