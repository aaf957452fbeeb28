"""`drafter import FILE.xlf`: the translator's file back into an overlay and a companion spec.

The round trip goes through translate-toolkit (as a CAT tool would write the targets) and ends in
a rendered DOCX read back with python-docx.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from tests.interchange.test_xliff import export

xliff2 = pytest.importorskip("translate.storage.xliff2")


def translate(path: str, fill: dict[str, str] | None = None, prefix: str = "译文：") -> None:
    """Fill every empty target (and the given units) as a CAT tool would."""
    store = xliff2.Xliff2File.parsefile(path)
    for unit in store.units:
        if fill and unit.getid() in fill:
            unit.target = fill[unit.getid()]
        elif not unit.target:
            unit.target = prefix + unit.source
    store.savefile(path)


def docx_text(path: str) -> str:
    import docx

    doc = docx.Document(path)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_round_trip_renders_the_new_language(runner: CliRunner, spec: Path) -> None:
    export(runner, spec, "zh")
    translate("s.xlf", {"cn-igf.ai.c1": "译者的译文。"})
    result = runner.invoke(main, ["import", "s.xlf", "-o", "overlay.yaml"])
    assert result.exit_code == 0, result.output
    assert "1 item translation into zh, 4 of the submission's own text" in result.output
    overlay = Path("overlay.yaml").read_text(encoding="utf-8")
    assert "of: cn-igf.ai.c1" in overlay and "译者的译文。" in overlay
    assert "cn-igf.data.p1" not in overlay  # the source's own zh is never replaced
    result = runner.invoke(main, ["render", "s.zh.yaml", "-o", "out.docx"])
    assert result.exit_code == 0, result.output
    text = docx_text("out.docx")
    assert "译文：We welcome the Compact & its <aims>." in text
    assert "译文：Data should serve development." in text
    assert "译者的译文。" in text and "所提供的文本" in text  # shown as a supplied version
    assert "译文：Our input" in text


def test_round_trip_into_french(runner: CliRunner, spec: Path) -> None:
    export(runner, spec, "fr")
    translate("s.xlf", prefix="FR: ")
    result = runner.invoke(main, ["import", "s.xlf", "-o", "overlay.yaml"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["render", "s.fr.yaml", "-o", "out.docx"])
    assert result.exit_code == 0, result.output
    assert "FR: Data should serve development." in docx_text("out.docx")


def _edit(path: str, old: str, new: str) -> None:
    p = Path(path)
    p.write_text(p.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda: _edit("s.yaml", "Data should serve development.", "Data serves development."), "s.xlf:",
         "unit 'para-3': the source text changed since export"),
        (lambda: _edit("s.xlf", 'unit id="para-3"', 'unit id="para-9"'), "s.xlf:", "unknown unit id 'para-9'"),
        (lambda: _edit("s.xlf", "译文：Data should serve development.", ""), "s.xlf:", "unit 'para-3': empty target"),
        (lambda: _edit("s.xlf", "<target", '<target xml:lang="fr"'), "s.xlf:", "target in 'fr'"),
        (lambda: _edit("s.xlf", 'srcLang="en"', 'srcLang="zh"'), "s.xlf:2:1", "srcLang 'zh' is not the spec's"),
        (lambda: _edit("s.xlf", 'trgLang="zh"', 'trgLang="en"'), "s.xlf:2:1", "first language"),
    ],
    ids=["source-changed", "unknown-id", "empty-target", "wrong-target-lang", "wrong-src", "target-is-source"],
)
def test_bad_translations_are_located_and_nothing_is_written(runner: CliRunner, spec: Path, change: object,
                                                            where: str, message: str) -> None:
    export(runner, spec, "zh")
    translate("s.xlf")
    change()  # type: ignore[operator]
    result = runner.invoke(main, ["import", "s.xlf", "-o", "overlay.yaml"])
    assert result.exit_code == 2, result.output
    line = next(x for x in result.output.splitlines() if message in x)
    assert line.startswith(where)
    if where == "s.xlf:":
        assert line.split(":")[1].isdigit() and line.split(":")[2].isdigit()  # file:line:col
    assert not Path("overlay.yaml").exists() and not Path("s.zh.yaml").exists()
    assert "Traceback" not in result.output


def test_missing_target_is_located(runner: CliRunner, spec: Path) -> None:
    export(runner, spec, "zh")
    result = runner.invoke(main, ["import", "s.xlf", "-o", "overlay.yaml"])  # nothing translated
    assert result.exit_code == 2
    assert any(x.startswith("s.xlf:") and "unit 'para-3': missing target" in x for x in result.output.splitlines())
    assert not Path("overlay.yaml").exists()


def test_import_needs_an_output_file(runner: CliRunner, spec: Path) -> None:
    export(runner, spec, "zh")
    translate("s.xlf")
    result = runner.invoke(main, ["import", "s.xlf"])
    assert result.exit_code == 2 and "-o OVERLAY.yaml" in result.output
