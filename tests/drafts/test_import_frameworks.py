"""drafter import / trace for drafts of any framework: gdc-2024 and a user's questionnaire file,
given with --framework or detected from the draft's headings; edits made with python-docx as a
Word user makes them; a wrong --framework refused with located errors."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import docx
import pytest

from drafter.cli import main
from drafter.library.load import load_library
from drafter.spec.load import load_spec
from tests.conftest import EXAMPLES
from tests.drafts.conftest import variant, words

NEW_EN = "Examplestan will report every year on the connectivity of its rural schools."
NEW_ZH = "示例国将每年报告其农村学校的联网情况。"


def _render(runner, spec: Path, out: Path, *extra: str) -> Path:
    result = runner.invoke(main, ["render", str(spec), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def _import(runner, draft: Path, spec: Path, *extra: str) -> str:
    result = runner.invoke(main, ["import", str(draft), "-o", str(spec), *extra])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["validate", str(spec)])
    assert result.exit_code == 0, result.output
    return spec.read_text(encoding="utf-8")


def _questionnaire(folder: Path) -> Path:
    """The questionnaire example with its framework file, laid out as in examples/."""
    (folder / "frameworks").mkdir()
    shutil.copy(EXAMPLES / "frameworks" / "global-dialogue-2026.yaml", folder / "frameworks")
    spec = folder / "global-dialogue-input.yaml"
    shutil.copy(EXAMPLES / "global-dialogue-input.yaml", spec)
    return spec


def _themes(spec: Path) -> list[tuple[str, tuple[str, ...]]]:
    loaded, _ = load_spec(spec)
    return [(t.key, tuple(t.sections)) for t in loaded.themes]


def _row(table, en_start: str):
    return next(r for r in table.rows if r.cells[0].text.startswith(en_start))


def _word_edit(draft: Path, edited: Path, en_start: str) -> None:
    """As a Word user: one word changed in a paragraph, a new row (paragraph) inserted below it."""
    document = docx.Document(str(draft))
    table = document.tables[-1]
    row = _row(table, en_start)
    para = row.cells[0].paragraphs[0]
    para.runs[0].text = para.text.replace("should", "must", 1)
    for run in para.runs[1:]:
        run.text = ""
    new = copy.deepcopy(row._tr)
    row._tr.addnext(new)
    added = _row(table, para.text)._tr.getnext()
    for cell, text in zip(added.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc"),
                          (NEW_EN, NEW_ZH), strict=True):
        paras = list(cell.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"))
        runs = list(paras[0].iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
        runs[0].text = text
        for r in runs[1:]:
            r.text = ""
        for extra in paras[1:]:
            extra.getparent().remove(extra)
    document.save(str(edited))


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_gdc_2024_draft_round_trips_detected(fmt: str, tmp_path: Path, runner) -> None:
    draft = _render(runner, EXAMPLES / "delegation.yaml", tmp_path / f"draft.{fmt}", "--framework", "gdc-2024")
    spec = tmp_path / "imported.yaml"
    text = _import(runner, draft, spec)
    assert "framework: gdc-2024\n" in text
    gdc_2024 = load_library().frameworks["gdc-2024"]
    themes = _themes(spec)
    assert [k for k, _ in themes] == [k for k in gdc_2024.theme_keys if k in dict(themes)]
    assert {k for k, _ in themes} == {"digital-divides", "digital-space", "data-governance", "ai-governance"}
    again = _render(runner, spec, tmp_path / f"again.{fmt}")
    assert words(again) == words(draft)
    if fmt == "md":
        assert again.read_bytes() == draft.read_bytes()


@pytest.mark.parametrize("languages", ["zh", "en"])
def test_detected_from_one_languages_headings(languages: str, tmp_path: Path, runner) -> None:
    spec = variant("delegation", tmp_path, languages=languages)
    draft = _render(runner, spec, tmp_path / "draft.docx", "--framework", "gdc-2024")
    result = runner.invoke(main, ["import", str(draft)])
    assert result.exit_code == 0, result.output
    assert "framework: gdc-2024\n" in result.stdout and "digital-divides:" in result.stdout


def test_gdc_2024_docx_edited_in_word_round_trips(tmp_path: Path, runner) -> None:
    draft = _render(runner, EXAMPLES / "delegation.yaml", tmp_path / "draft.docx", "--framework", "gdc-2024")
    edited = tmp_path / "edited.docx"
    _word_edit(draft, edited, "Language should not be")
    spec = tmp_path / "imported.yaml"
    text = _import(runner, edited, spec, "--framework", "gdc-2024")
    assert NEW_EN in text and "Language must not be" in text
    loaded, _ = load_spec(spec)
    divides = next(t for t in loaded.themes if t.key == "digital-divides")
    entries = list(divides.sections["principles"])
    at = next(i for i, e in enumerate(entries) if e.use == "cn-igf.connect.p2")
    assert "must" in entries[at].text["en"] and "zh" not in entries[at].text, "only the English was edited"
    assert entries[at + 1].use is None and entries[at + 1].text["en"] == NEW_EN
    again = _render(runner, spec, tmp_path / "again.docx")
    assert words(again) == words(edited)


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_questionnaire_round_trips_detected(fmt: str, tmp_path: Path, runner) -> None:
    source = _questionnaire(tmp_path)
    draft = _render(runner, source, tmp_path / f"answers.{fmt}")
    out = tmp_path / "back" / "imported.yaml"
    out.parent.mkdir()
    text = _import(runner, draft, out)
    assert 'framework: "../frameworks/global-dialogue-2026.yaml"\n' in text, "relative to the spec written"
    assert _themes(out) == _themes(source) == [("q1", ("answer",)), ("q2", ("answer",)), ("q3", ("answer",))]
    loaded, original = load_spec(out)[0], load_spec(source)[0]
    assert [len(t.sections["answer"]) for t in loaded.themes] == [len(t.sections["answer"]) for t in original.themes]
    assert len(loaded.preamble) == 1, "the questions are the framework's words, not paragraphs"
    again = _render(runner, out, tmp_path / f"again.{fmt}")
    assert words(again) == words(draft)


def test_questionnaire_docx_edited_with_framework_option(tmp_path: Path, runner, monkeypatch) -> None:
    source = _questionnaire(tmp_path)
    draft = _render(runner, source, tmp_path / "answers.docx")
    document = docx.Document(str(draft))
    row = _row(document.tables[-1], "Artificial intelligence can speed up")
    row.cells[0].paragraphs[0].runs[0].text = "Artificial intelligence can speed up progress on health."
    for run in row.cells[0].paragraphs[0].runs[1:]:
        run.text = ""
    elsewhere = tmp_path / "mail"
    elsewhere.mkdir()
    edited = elsewhere / "edited.docx"  # no framework file beside it: the option names it
    document.save(str(edited))
    monkeypatch.chdir(tmp_path)
    text = _import(runner, edited, Path("imported.yaml"), "--framework", "frameworks/global-dialogue-2026.yaml")
    assert 'framework: "./frameworks/global-dialogue-2026.yaml"\n' in text
    assert "progress on health.\"" in text
    assert _themes(Path("imported.yaml")) == _themes(source)


def test_without_the_file_a_questionnaire_falls_back_with_a_warning(tmp_path: Path, runner) -> None:
    source = _questionnaire(tmp_path)
    draft = _render(runner, source, tmp_path / "answers.md")
    alone = tmp_path / "alone"
    alone.mkdir()
    moved = Path(shutil.copy(draft, alone / "answers.md"))
    result = runner.invoke(main, ["import", str(moved)])
    assert result.exit_code == 0, result.output
    assert "no heading of any framework found (gdc-2023, gdc-2024); imported as gdc-2023" in result.stderr
    assert "framework: gdc-2023" in result.stdout


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_wrong_framework_is_a_located_error(fmt: str, tmp_path: Path, runner) -> None:
    draft = _render(runner, EXAMPLES / "delegation.yaml", tmp_path / f"draft.{fmt}", "--framework", "gdc-2024")
    ok = runner.invoke(main, ["import", str(draft), "--framework", "gdc-2024"])
    assert ok.exit_code == 0, ok.output
    spec = tmp_path / "wrong.yaml"
    result = runner.invoke(main, ["import", str(draft), "--framework", "gdc-2023", "-o", str(spec)])
    assert result.exit_code == 2 and not spec.exists()
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{draft}:") and "is not a heading of gdc-2023" in first
    assert "it is a heading of gdc-2024: give --framework gdc-2024" in first
    assert "Traceback" not in result.output


def test_a_typo_heading_gets_a_did_you_mean(tmp_path: Path, runner) -> None:
    draft = _render(runner, EXAMPLES / "delegation.yaml", tmp_path / "draft.md", "--framework", "gdc-2024")
    text = draft.read_text(encoding="utf-8").replace("## Commitments / 承诺", "## Comitments", 1)
    draft.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["import", str(draft), "--framework", "gdc-2024"])
    assert result.exit_code == 2
    assert "heading 'Comitments' is not a heading of gdc-2024 (did you mean 'Commitments'?)" in result.stderr
    detected = runner.invoke(main, ["import", str(draft)])  # detected: a warning, the paragraphs kept
    assert detected.exit_code == 0 and "warning: heading 'Comitments'" in detected.stderr


def test_unknown_framework_option(tmp_path: Path, runner) -> None:
    draft = _render(runner, EXAMPLES / "delegation.yaml", tmp_path / "draft.md")
    result = runner.invoke(main, ["import", str(draft), "--framework", "gdc-2025"])
    assert result.exit_code == 2
    assert "--framework: unknown framework 'gdc-2025' (did you mean 'gdc-2023'?)" in result.stderr
    missing = runner.invoke(main, ["trace", str(draft), "--framework", "nowhere.yaml"])
    assert missing.exit_code == 2 and "framework file 'nowhere.yaml' not found" in missing.stderr


def test_letter_in_gdc_2024_keeps_its_frame(tmp_path: Path, runner) -> None:
    draft = _render(runner, EXAMPLES / "letter.yaml", tmp_path / "letter.docx", "--framework", "gdc-2024")
    spec = tmp_path / "letter-imported.yaml"
    text = _import(runner, draft, spec)
    assert "framework: gdc-2024\n" in text
    loaded, _ = load_spec(spec)
    original, _ = load_spec(EXAMPLES / "letter.yaml")
    assert loaded.form == "letter" and dict(loaded.addressee) == dict(original.addressee)
    assert dict(loaded.signatory) == dict(original.signatory)
    assert loaded.original_language == original.original_language and loaded.date == original.date
    assert {t.key for t in loaded.themes} <= set(load_library().frameworks["gdc-2024"].theme_keys)
    again = _render(runner, spec, tmp_path / "again.docx")
    assert words(again) == words(draft)


def test_trace_knows_a_questionnaires_questions(tmp_path: Path, runner) -> None:
    source = _questionnaire(tmp_path)
    draft = _render(runner, source, tmp_path / "answers.md")
    detected = runner.invoke(main, ["trace", str(draft), "--format", "json"])
    assert detected.exit_code == 0, detected.output
    assert "What are the most important" not in detected.stdout
    alone = tmp_path / "alone"
    alone.mkdir()
    moved = Path(shutil.copy(draft, alone / "answers.md"))
    unaware = runner.invoke(main, ["trace", str(moved), "--format", "json"])
    assert "What are the most important" in unaware.stdout, "the mutation: without the framework, a paragraph"
    given = runner.invoke(main, ["trace", str(moved), "--format", "json", "--framework",
                                 str(tmp_path / "frameworks" / "global-dialogue-2026.yaml")])
    assert given.exit_code == 0 and given.stdout == detected.stdout.replace(str(draft), str(moved))



EN_FR_LETTER = """\
drafter: 1
submission:
  title: {en: Contribution, fr: Contribution}
  submitter: {en: Permanent Mission of Examplestan, fr: la Mission permanente d’Exemplestan}
  date: "2027-03-01"
  languages: [en, fr]
  form: letter
  original_language: en
  addressee: {en: President of the General Assembly, fr: le Président de l’Assemblée générale}
  signatory: {en: "A. N. Example\\nAmbassador", fr: "A. N. Exemple\\nAmbassadeur"}
themes:
  connect:
    commitments:
      - use: cn-igf.connect.c1
        text: {fr: "Dans le cadre des mécanismes de coopération internationaux et régionaux, la coopération
          multilatérale et multipartite en matière d’infrastructures numériques devrait être encouragée."}
"""


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_an_english_french_letter_imports_its_english_and_says_what_it_left_out(tmp_path: Path, runner,
                                                                               fmt: str) -> None:
    """Import reads back the library's languages only; the French side's frame ("Original :
    anglais · (Traduction)", "Lettre datée du …, adressée au …") is recognised as frame, not
    imported as a paragraph, and the French paragraph left out is named in a warning."""
    source = tmp_path / "letter.yaml"
    source.write_text(EN_FR_LETTER, encoding="utf-8")
    draft = _render(runner, source, tmp_path / f"letter.{fmt}")
    spec = tmp_path / "letter-imported.yaml"
    result = runner.invoke(main, ["import", str(draft), "-o", str(spec)])
    assert result.exit_code == 0, result.output
    assert "warning: 1 paragraph in French (fr) not imported" in result.stderr
    loaded, _ = load_spec(spec)
    assert loaded.languages == ("en",) and loaded.form == "letter" and loaded.preamble == ()
    assert dict(loaded.addressee) == {"en": "President of the General Assembly"}
    assert [e.use for t in loaded.themes for s in t.sections.values() for e in s] == ["cn-igf.connect.c1"]
