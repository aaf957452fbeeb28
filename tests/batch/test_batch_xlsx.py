"""`drafter batch` with `variants: {from: a workbook}`: .xlsx written by openpyxl, and CSV and
.xlsx saved by LibreOffice Calc (the real client), through the real CLI."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.batch.test_batch_rows import batch, manifest, md, outputs, sheet_batch
from tests.conftest import need_tool

openpyxl = pytest.importorskip("openpyxl")


def xlsx(path: Path, rows: list[list], title: str = "Sheet1", more: dict[str, list[list]] | None = None) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for name, extra_rows in (more or {}).items():
        other = wb.create_sheet(name)
        for row in extra_rows:
            other.append(row)
    wb.save(path)


# -- .xlsx --------------------------------------------------------------------------------------------

def test_xlsx_cells_keep_their_types_and_errors_name_the_cell(runner, tmp_path):
    xlsx(tmp_path / "sig.xlsx", [["unused"]], more={"Members": [
        ["name", "submission.submitter.en", "submission.date", "options.mark_edits", "submission.layout"],
        ["acme", "Acme Network", datetime.date(2024, 5, 1), False, None],
        [2024, "Numbered", None, True, "diagonal"],
        ["yes-text", "Yes Org", "2024-05-02", "yes", None],
    ]})
    path = sheet_batch(tmp_path, "sig.xlsx", extra="  sheet: Members\n")
    out = tmp_path / "out"
    result = batch(runner, path, "-o", out)
    assert result.exit_code == 2
    sheet = tmp_path / "sig.xlsx"
    assert f"{sheet}:Members!E3: submission.layout: unknown layout 'diagonal'" in result.stderr
    assert f"{sheet}:Members!D4: options.mark_edits: expected true or false, got text" in result.stderr
    assert outputs(out) == {"acme.md"}
    m = manifest(out)
    assert m["from"] == "sig.xlsx" and m["sheet"] == "Members"
    assert m["variants"][0]["overrides"] == {"submission.submitter.en": "Acme Network",
                                             "submission.date": "2024-05-01", "options.mark_edits": False}
    assert m["variants"][1]["name"] == "2024"
    assert "1 May 2024" in md(out, "acme")


def test_xlsx_sheet_names_are_checked_with_a_suggestion(runner, tmp_path):
    xlsx(tmp_path / "sig.xlsx", [["name"], ["a"]], title="Members")
    path = sheet_batch(tmp_path, "sig.xlsx", extra="  sheet: Member\n")
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'batch.yaml'}:6:10: the workbook has no sheet 'Member' "
                                    "(did you mean 'Members'?)")


def test_a_sheet_name_with_spaces_is_quoted_as_in_excel(runner, tmp_path):
    xlsx(tmp_path / "sig.xlsx", [["name", "submision.layout"], ["a", "parallel"]], title="Our members")
    result = batch(runner, sheet_batch(tmp_path, "sig.xlsx"), "-o", tmp_path / "out")
    assert result.stderr.startswith(f"{tmp_path / 'sig.xlsx'}:'Our members'!B1: unknown path 'submision.layout'")


def test_formulas_are_never_computed_and_errors_are_refused(runner, tmp_path):
    xlsx(tmp_path / "sig.xlsx", [["name", "submission.submitter.en"], ["fine", "Fine"],
                                 ["formula", '="Example "&"Network"'], ["=LOWER(\"X\")", "Named by formula"]])
    wb = openpyxl.load_workbook(tmp_path / "sig.xlsx")
    wb.active["B5"] = "#N/A"
    wb.active["B5"].data_type = "e"
    wb.active["A5"] = "error"
    wb.save(tmp_path / "sig.xlsx")
    out = tmp_path / "out"
    result = batch(runner, sheet_batch(tmp_path, "sig.xlsx"), "-o", out)
    assert result.exit_code == 2
    sheet = tmp_path / "sig.xlsx"
    assert f"{sheet}:Sheet1!B3: submission.submitter.en: a formula with no saved result (drafter never " \
           "computes formulas" in result.stderr
    assert f"{sheet}:Sheet1!A4: a formula with no saved result" in result.stderr
    assert f"{sheet}:Sheet1!B5: submission.submitter.en: the cell holds the error #N/A" in result.stderr
    assert outputs(out) == {"fine.md"}


def test_without_openpyxl_an_xlsx_says_how_to_install_it(runner, tmp_path, monkeypatch):
    xlsx(tmp_path / "sig.xlsx", [["name"], ["a"]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    result = batch(runner, sheet_batch(tmp_path, "sig.xlsx"), "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'batch.yaml'}:5:9: reading .xlsx files needs the optional "
                                    "packages openpyxl and defusedxml (pip install 'drafter[xlsx]'")


# -- real clients: LibreOffice Calc saves the spreadsheets --------------------------------------------

def calc(source: Path, fmt: str) -> Path:
    """`source` converted by LibreOffice Calc (headless, a throw-away profile) into `fmt`."""
    soffice = need_tool("soffice")
    outdir = source.parent / f"lo-{fmt}"
    profile = (source.parent / "lo-profile").as_uri()
    filt = 'csv:Text - txt - csv (StarCalc):44,34,76,1' if fmt == "csv" else fmt
    done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                           "--convert-to", filt, "--outdir", str(outdir), str(source)],
                          capture_output=True, text=True, timeout=240, check=False)
    target = outdir / f"{source.stem}.{fmt}"
    if not target.exists():
        if "could not be loaded" in done.stderr and os.environ.get("CI") != "true":
            pytest.skip("LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")
        pytest.fail(f"LibreOffice did not convert {source.name}: {done.stderr or done.stdout}")
    return target


def test_libreoffice_saved_xlsx_with_formulas_gives_their_saved_results(runner, tmp_path):
    made = tmp_path / "made"
    made.mkdir()
    xlsx(made / "sig.xlsx", [["name", "submission.submitter.en", "submission.submitter.zh", "submission.date"],
                             ['=LOWER(SUBSTITUTE(B2," ","-"))', "Example Digital Rights Network", "示例数字权利网络",
                              datetime.date(2024, 5, 1)],
                             ["open-commons", '="Open "&"Commons Lab"', "开放共享实验室", "2024-05-02"]])
    saved = calc(made / "sig.xlsx", "xlsx")
    shutil.copy(saved, tmp_path / "sig.xlsx")
    out = tmp_path / "out"
    result = batch(runner, sheet_batch(tmp_path, "sig.xlsx"), "-o", out)
    assert result.exit_code == 0, result.output
    assert outputs(out) == {"example-digital-rights-network.md", "open-commons.md"}
    assert "Open Commons Lab" in md(out, "open-commons")
    first = manifest(out)["variants"][0]["overrides"]
    assert first == {"submission.submitter.en": "Example Digital Rights Network",
                     "submission.submitter.zh": "示例数字权利网络", "submission.date": "2024-05-01"}


def test_libreoffice_saved_csv_is_read_like_a_typed_one(runner, tmp_path):
    made = tmp_path / "made"
    made.mkdir()
    xlsx(made / "sig.xlsx", [["name", "submission.submitter.en", "submission.submitter.zh", "submission.languages"],
                             ["acme", "Acme Network, Asia", "阿克米", "[en, zh]"],
                             ["multi", "First line\nsecond line", "多行", "[zh, en]"]])
    saved = calc(made / "sig.xlsx", "csv")
    shutil.copy(saved, tmp_path / "sig.csv")
    out = tmp_path / "out"
    result = batch(runner, sheet_batch(tmp_path, "sig.csv"), "-o", out)
    assert result.exit_code == 0, result.output
    m = manifest(out)
    assert m["variants"][1]["overrides"] == {"submission.submitter.en": "First line\nsecond line",
                                             "submission.submitter.zh": "多行", "submission.languages": ["zh", "en"]}
    assert "Acme Network, Asia" in md(out, "acme")
