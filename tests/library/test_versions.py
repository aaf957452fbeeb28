"""Supplied versions (`versions:` in a user library): they replace an unofficial translation,
keep their own provenance and are shown as supplied, in JSON, Markdown and DOCX (issue 14)."""

from __future__ import annotations

import json
import shutil

import pytest
from docx import Document
from lxml import etree

from drafter.cli import main
from drafter.library.load import load_library
from tests.conftest import FIXTURES

OVERLAY = FIXTURES / "overlay" / "official-en.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    for name in ("official-en.yaml", "spec.yaml"):
        shutil.copy(FIXTURES / "overlay" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_version_replaces_the_unofficial_translation():
    lib = load_library([OVERLAY])
    item = lib.items["cn-cyberspace-wp.iv.1"]
    assert item.text["en"] == "Supplied official English of proposition 1."
    assert item.status("en") == "user" and item.status("zh") == "source" and "en" not in item.unofficial
    assert item.title["en"] == "Supplied title of proposition 1"
    assert item.supplied["en"].source == "wp-official-en" and dict(item.supplied["en"].ref) == {"en": "IV. 1"}
    # no title supplied: the library's own unofficial title is not shown above the supplied text
    assert "en" not in lib.items["cn-cyberspace-wp.iv.7"].title
    assert load_library().items["cn-cyberspace-wp.iv.1"].status("en") == "unofficial"  # the built-in is untouched


def test_json_shows_the_status_and_provenance(runner):
    result = runner.invoke(main, ["library", "show", "cn-cyberspace-wp.iv.1", "--format", "json",
                                  "--library", str(OVERLAY)])
    data = json.loads(result.stdout)
    assert data["translation"] == {"en": "user", "zh": "source"}
    assert data["versions"]["en"]["source"] == "wp-official-en" and data["versions"]["en"]["ref"] == {"en": "IV. 1"}
    listed = json.loads(runner.invoke(main, ["library", "list", "--source", "cn-cyberspace-wp", "--format", "json",
                                             "--library", str(OVERLAY)]).stdout)
    assert sum(1 for i in listed if i["translation"].get("en") == "user") == 2
    card = runner.invoke(main, ["library", "show", "cn-cyberspace-wp.iv.1", "--library", str(OVERLAY)]).stdout
    assert "(SUPPLIED VERSION: White paper, official English version, IV. 1" in card


def test_markdown_shows_the_version_as_supplied_with_its_own_source(runner, folder):
    result = runner.invoke(main, ["render", "spec.yaml", "--format", "md", "-o", "out.md"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr  # the submitter is China's delegation: no voice warning
    text = (folder / "out.md").read_text(encoding="utf-8")
    assert "Supplied official English of proposition 1. *\\[supplied version\\]*" in text  # the DOCX's mark
    assert "White paper, official English version (2022-11), IV. 1." in text  # its footnote
    assert "(cn-cyberspace-wp.iv.1)" not in text  # no internal ids unless options.show_ids
    assert "《携手构建网络空间命运共同体》白皮书（2022-11-07），四、" in text  # the Chinese still cites the white paper
    assert "replaces the library's unofficial translation with" not in text
    assert "is a version supplied for this submission in place of the library's unofficial translation" in text
    # proposition 2 is still the library's translation, and its mark and note say an official one exists
    assert "*\\[unofficial translation; an official version exists\\]*" in text
    assert "An official English version of “Jointly Build a Community" in text
    assert "State Council Information Office of the People's Republic of China, November 2022" in text


def test_docx_shows_the_version_as_supplied_with_its_own_source(runner, folder):
    result = runner.invoke(main, ["render", "spec.yaml", "--format", "docx", "-o", "out.docx"])
    assert result.exit_code == 0, result.output
    doc = Document(str(folder / "out.docx"))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    # numbered by Word (numbering.xml), so the cell's text starts with the paragraph's own words
    assert any(c.startswith("Supplied official English of proposition 1. [supplied version]") for c in cells), cells
    assert any("[unofficial translation; an official version exists]" in c for c in cells)
    footnotes = next(p for p in doc.part.package.iter_parts() if p.partname.endswith("/footnotes.xml"))
    notes = ["".join(n.itertext()) for n in etree.fromstring(footnotes.blob).iter(f"{W}footnote")]
    assert any("White paper, official English version (2022-11), IV. 1." in n for n in notes), notes
    assert any("is a version supplied for this submission" in c for c in cells)  # the note, in the table


@pytest.mark.parametrize(("version", "where", "message"), [
    ("- {of: cn-cyberspace-wp.iv.99, lang: en, text: x, source: {doc: own, ref: {en: p}}}",
     "bad.yaml:6:10:", "unknown item id 'cn-cyberspace-wp.iv.99' (did you mean"),
    ("- {of: cn-cyberspace-wp.iv.1, lang: zh, text: x, source: {doc: own, ref: {en: p}}}",
     "bad.yaml:6:39:", "cn-cyberspace-wp.iv.1 already has zh text in its source"),
    ("- {of: cn-gdc.ai.1, lang: en, text: x, source: {doc: own, ref: {en: p}}}",
     "bad.yaml:6:29:", "cn-gdc.ai.1 already has en text in its source"),
    ("- {of: cn-cyberspace-wp.iv.1, lang: en, text: x, source: {doc: nobody, ref: {en: p}}}",
     "bad.yaml:6:", "unknown source 'nobody'"),
    ("- {of: cn-cyberspace-wp.iv.1, lang: en, text: x, source: {doc: own, ref: {en: p}}}\n"
     "  - {of: cn-cyberspace-wp.iv.1, lang: en, text: y, source: {doc: own, ref: {en: q}}}",
     "bad.yaml:7:5:", "a second en version of cn-cyberspace-wp.iv.1 (the first is at bad.yaml:6:5)"),
])
def test_bad_versions_are_located_errors(runner, tmp_path, monkeypatch, version, where, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(
        "sources:\n  own: {title: {en: Ours}, languages: [en], original: zh}\n"
        "# a version of an item\n\nversions:\n  " + version + "\n", encoding="utf-8")
    result = runner.invoke(main, ["library", "list", "--library", "bad.yaml"])
    assert result.exit_code == 2
    assert any(line.startswith(where) and message in line for line in result.stderr.splitlines()), result.stderr
