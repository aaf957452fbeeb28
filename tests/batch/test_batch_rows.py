"""`drafter batch` with `variants: {from: a spreadsheet}`, through the real CLI: CSV.

CSV files are written by the tests as bytes, so BOMs, delimiters, line endings and encodings
are exactly what a spreadsheet program would write. `.xlsx` and LibreOffice-saved files are in
test_batch_xlsx.py.
"""

from __future__ import annotations

import json
import re
import shutil
import tracemalloc
from pathlib import Path

import pytest

from drafter.batch.plan import load_plan
from drafter.cli import main
from tests.conftest import EXAMPLES, FIXTURES

HEADER = "name,submission.submitter.en,submission.submitter.zh,submission.languages,submission.layout"


def batch(runner, *args: str):
    return runner.invoke(main, ["batch", *map(str, args)], catch_exceptions=False)


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def outputs(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"manifest.json"}


def sheet_batch(folder: Path, sheet: str, data: bytes | None = None, *, extra: str = "",
                formats: str = "[md]") -> Path:
    """A batch file reading `sheet` (written from `data` if given) beside the test base spec."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "batch_base.yaml", folder / "base.yaml")
    if data is not None:
        (folder / sheet).write_bytes(data)
    path = folder / "batch.yaml"
    path.write_text(f"drafter: 1\nbase: base.yaml\nformats: {formats}\nvariants:\n  from: {sheet}\n{extra}",
                    encoding="utf-8")
    return path


def csv_bytes(*lines: str, newline: str = "\n", bom: bool = False) -> bytes:
    return (b"\xef\xbb\xbf" if bom else b"") + (newline.join(lines) + newline).encode("utf-8")


def md(folder: Path, name: str) -> str:
    return (folder / f"{name}.md").read_text(encoding="utf-8")


# -- the example ------------------------------------------------------------------------------

def test_the_coalition_example_gives_one_signed_file_per_organisation(runner, tmp_path):
    import docx

    out = tmp_path / "out"
    result = batch(runner, EXAMPLES / "coalition-batch.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    rows = (EXAMPLES / "coalition.csv").read_text(encoding="utf-8").splitlines()[1:]
    names = [r.split(",")[0] for r in rows]
    assert outputs(out) == {f"{n}.docx" for n in names}
    m = manifest(out)
    assert m["from"] == "coalition.csv" and m["sheet"] is None
    assert [(v["name"], v["row"]) for v in m["variants"]] == [(n, i + 2) for i, n in enumerate(names)]
    text = "\n".join(p.text for p in docx.Document(out / "rural-connectivity-forum.docx").paragraphs)
    assert "Rural Connectivity Forum, Examplestan" in text and "示例国农村连通论坛" in text
    assert "English version shall prevail" in text and "warning" not in result.stderr
    equal = "\n".join(p.text for p in docx.Document(out / "community-networks-alliance.docx").paragraphs)
    assert "Community Networks Alliance" in equal and "社区网络联盟" in equal and "prevail" not in equal
    assert m["variants"][2]["overrides"]["submission.governing"] is None  # `null` removed it


# -- reading CSV --------------------------------------------------------------------------------

@pytest.mark.parametrize(("delimiter", "bom", "newline"), [(",", False, "\n"), (";", True, "\r\n"),
                                                           ("\t", True, "\n")])
def test_csv_as_spreadsheet_programs_write_it(runner, tmp_path, delimiter, bom, newline):
    lines = [HEADER, 'acme,"Acme Network, Asia",阿克米,"[en, zh]",sequential',
             '"two lines","First line\nsecond line",二,,']
    data = csv_bytes(*(line.replace(",", delimiter) if delimiter != "," else line for line in lines),
                     newline=newline, bom=bom)
    if delimiter != ",":  # the commas inside quotes stay commas
        data = data.replace(f'Acme Network{delimiter} Asia'.encode(), b"Acme Network, Asia")
        data = data.replace(f'[en{delimiter} zh]'.encode(), b"[en, zh]")
    path = sheet_batch(tmp_path, "sig.csv", data)
    out = tmp_path / "out"
    result = batch(runner, path, "-o", out)
    assert result.exit_code == 0, result.output
    assert outputs(out) == {"acme.md", "two lines.md"}
    assert "Acme Network, Asia" in md(out, "acme") and "阿克米" in md(out, "acme")
    m = manifest(out)
    assert m["variants"][0]["overrides"] == {"submission.submitter.en": "Acme Network, Asia",
                                             "submission.submitter.zh": "阿克米",
                                             "submission.languages": ["en", "zh"],
                                             "submission.layout": "sequential"}
    assert m["variants"][1]["overrides"]["submission.submitter.en"] == "First line\nsecond line"
    assert [v["row"] for v in m["variants"]] == [2, 3]


def test_empty_cells_keep_the_base_value_and_null_removes_the_key(runner, tmp_path):
    data = csv_bytes("name,submission.submitter.en,submission.governing,submission.languages",
                     "kept,,,", "dropped,Someone,null,[en]", "  ,  ,  ,  ", ",,,")
    path = sheet_batch(tmp_path, "sig.csv", data)
    out = tmp_path / "out"
    result = batch(runner, path, "-o", out)
    assert result.exit_code == 0, result.output
    m = manifest(out)
    assert [v["name"] for v in m["variants"]] == ["kept", "dropped"]  # blank rows are no variants
    assert m["variants"][0]["overrides"] == {}
    assert m["variants"][1]["overrides"] == {"submission.submitter.en": "Someone",
                                             "submission.governing": None, "submission.languages": ["en"]}
    assert "shall prevail" in md(out, "kept") and "shall prevail" not in md(out, "dropped")
    assert "Example" in md(out, "kept")


def test_plain_cells_are_text_and_only_true_false_and_numbers_are_typed(tmp_path):
    data = csv_bytes("name,submission.submitter.en,submission.title.en,options.mark_edits,submission.date",
                     'a,No: Yes # not a comment,\'null\',false,2023-04-28',
                     'b,[Draft] Coalition,"""quoted""",TRUE,01234')
    path = sheet_batch(tmp_path, "sig.csv", data)
    plan = load_plan(path, ("connect", "data"))
    first, second = ({o.path: o.written for o in plan.variant(i).overrides} for i in (0, 1))
    assert first == {"submission.submitter.en": "No: Yes # not a comment", "submission.title.en": "null",
                     "options.mark_edits": False, "submission.date": "2023-04-28"}
    assert second == {"submission.submitter.en": "[Draft] Coalition", "submission.title.en": "quoted",
                      "options.mark_edits": True, "submission.date": "01234"}


# -- errors located in the spreadsheet ------------------------------------------------------------

@pytest.mark.parametrize(("header", "col", "message", "hint"), [
    ("name,submision.layout", 2, "unknown path 'submision.layout'", "did you mean 'submission.layout'?"),
    ("name,submission.layout,submission.submiter.en", 3, "unknown path 'submission.submiter.en'",
     "did you mean 'submission.submitter.en'?"),
    ("Name,submission.layout", 1, "unknown path 'Name'", "did you mean 'name'?"),
    ("NAME,submission.layout", 1, "unknown path 'NAME'", "did you mean 'name'?"),
    ("submission.layout,submission.title.en", 1, "the header has no `name` column", "add a column named name"),
    ("name,submission.layout,submission.layout", 3, "column 'submission.layout' appears twice", "keep one"),
    ("name,submission,submission.layout", 3, "'submission.layout' overlaps column 'submission' (B)", ""),
    ("name,themes.connect.principles.use", 2, "'themes.connect.principles' is a list", "principles[0]"),
])
def test_a_bad_header_stops_the_batch_located_at_its_column(runner, tmp_path, header, col, message, hint):
    path = sheet_batch(tmp_path, "sig.csv", csv_bytes(header, "a,parallel,sequential"))
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    line = next(line for line in result.stderr.splitlines() if message in line)
    assert line.startswith(f"{tmp_path / 'sig.csv'}:1:{col}: ") and hint in line, result.stderr
    assert not (tmp_path / "out").exists()


def test_a_column_the_matrix_varies_is_an_error(runner, tmp_path):
    path = sheet_batch(tmp_path, "sig.csv", csv_bytes("name,submission.layout", "a,parallel"),
                 extra="matrix:\n  submission.layout: [parallel, sequential]\n")
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{tmp_path / 'sig.csv'}:1:2: 'submission.layout' is also varied by the matrix" in result.stderr


def test_a_bad_cell_is_located_skipped_and_the_other_rows_still_render(runner, tmp_path):
    data = csv_bytes(HEADER, "first,A,甲,,", "broken,B,乙,\"[en, zh\",diagonal", "flow,C,丙,\"[en, [zh]\"",
                     "last,D,丁,,")
    path = sheet_batch(tmp_path, "sig.csv", data)
    out = tmp_path / "out"
    result = batch(runner, path, "-o", out)
    assert result.exit_code == 2
    sheet = tmp_path / "sig.csv"
    assert f"{sheet}:3:5: submission.layout: unknown layout 'diagonal'" in result.stderr
    assert f"{sheet}:3:4: submission.languages: expected a list, got text" in result.stderr
    assert re.search(rf"{re.escape(str(sheet))}:4:4: submission\.languages: invalid YAML: .* \(at (line 2, )?"
                     r"character \d+ of the cell\) \(close the \[", result.stderr), result.stderr
    assert outputs(out) == {"first.md", "last.md"}
    status = {v["name"]: (v["row"], v["status"]) for v in manifest(out)["variants"]}
    assert status == {"first": (2, "ok"), "broken": (3, "skipped"), "flow": (4, "skipped"), "last": (5, "ok")}


def test_a_duplicate_name_names_both_rows_and_skips_them(runner, tmp_path):
    data = csv_bytes("name,submission.submitter.en", "acme,One", "other,Two", "acme,Three", "solo,Four")
    path = sheet_batch(tmp_path, "sig.csv", data)
    out = tmp_path / "out"
    result = batch(runner, path, "-o", out)
    assert result.exit_code == 2
    for row in (2, 4):
        assert f"{tmp_path / 'sig.csv'}:{row}:1: name: rows 2 and 4 are both named 'acme'" in result.stderr
    assert outputs(out) == {"other.md", "solo.md"}
    assert [v["status"] for v in manifest(out)["variants"]] == ["skipped", "ok", "skipped", "ok"]


def test_row_problems_a_missing_name_and_a_stray_cell(runner, tmp_path):
    data = csv_bytes("name,submission.submitter.en", ",Nameless", "acme,Acme, Inc.", "fine,Fine")
    path = sheet_batch(tmp_path, "sig.csv", data)
    out = tmp_path / "out"
    result = batch(runner, path, "-o", out)
    assert result.exit_code == 2
    sheet = tmp_path / "sig.csv"
    assert f"{sheet}:2:1: name: the row has no name" in result.stderr
    assert f"{sheet}:3:3: a value in a column with no name in the header (a comma or semicolon" in result.stderr
    assert outputs(out) == {"fine.md"}


@pytest.mark.parametrize(("data", "where", "message"), [
    ("name,submission.submitter.en\nacme,Caf\xe9\n".encode("latin-1"), ":2: ", "not UTF-8 text (byte 0xE9"),
    ("name\nacme\n".encode("utf-16"), ":1: ", "the file is UTF-16 text"),
    (b'name,submission.submitter.en\nacme,"never closed\n', ":2: ", "a quote opened in this row is never closed"),
    (b'name,submission.submitter.en\nacme,"a"b\n', ":2: ", "a quote in the middle of a quoted cell"),
    (b"", ":1: ", "the first row is empty"),
    (b"name,submission.submitter.en\n", ":2: ", "no rows under the header"),
])
def test_unreadable_csv_is_a_located_error_and_nothing_is_written(runner, tmp_path, data, where, message):
    path = sheet_batch(tmp_path, "sig.csv", data)
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'sig.csv'}{where}"), result.stderr
    assert message in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("source", "extra", "where", "message"), [
    ("nowhere.csv", "", "batch.yaml:5:9", "spreadsheet 'nowhere.csv' not found"),
    ("sig.ods", "", "batch.yaml:5:9", "cannot read 'sig.ods' as a spreadsheet"),
    ("sig.csv", "  sheet: Sheet1\n", "batch.yaml:6:10", "a CSV file has no sheets"),
    ("sig.csv", "  set: {}\n", "batch.yaml:6:3", "unknown key 'set'"),
])
def test_bad_from_or_sheet_is_located_in_the_batch_file(runner, tmp_path, source, extra, where, message):
    path = sheet_batch(tmp_path, source, None if source == "nowhere.csv" else csv_bytes("name", "a"), extra=extra)
    result = batch(runner, path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    line = next(line for line in result.stderr.splitlines() if message in line)
    assert line.startswith(f"{tmp_path / where}: "), result.stderr


def test_ods_gets_a_hint_to_save_as_xlsx_or_csv(runner, tmp_path):
    path = sheet_batch(tmp_path, "sig.ods", b"PK\x03\x04")
    result = batch(runner, path, "-o", tmp_path / "out")
    assert "drafter does not read OpenDocument spreadsheets: save it as .xlsx or .csv" in result.stderr


def test_no_output_may_replace_the_spreadsheet_or_another_input(runner, tmp_path):
    for target in ("sig.csv", "SIG.CSV", "base.yaml", "batch.yaml"):
        path = sheet_batch(tmp_path, "sig.csv", csv_bytes("name", "a"),
                     extra=f'output: "{target}"\n'.replace("{", "{{").replace("}", "}}"))
        before = (tmp_path / "sig.csv").read_bytes(), (tmp_path / "base.yaml").read_bytes()
        result = batch(runner, path, "-o", tmp_path)
        assert result.exit_code == 2, (target, result.output)
        assert f"would write '{target}' over" in result.stderr and "an input of this run" in result.stderr
        assert ((tmp_path / "sig.csv").read_bytes(), (tmp_path / "base.yaml").read_bytes()) == before
        assert not (tmp_path / "manifest.json").exists()


# -- rows with the matrix, paths, workers, shards ---------------------------------------------------

def test_rows_combine_with_the_matrix_like_listed_variants(runner, tmp_path):
    path = sheet_batch(tmp_path, "sig.csv", csv_bytes("name,submission.submitter.en", "acme,Acme", "beta,Beta"),
                 extra="matrix:\n  submission.layout: [parallel, sequential]\n")
    out = tmp_path / "out"
    result = batch(runner, path, "-o", out, "--dry-run")
    assert result.exit_code == 0, result.output
    assert [Path(line).name for line in result.stdout.splitlines()] == [
        "acme_parallel.md", "acme_sequential.md", "beta_parallel.md", "beta_sequential.md"]
    assert batch(runner, path, "-o", out).exit_code == 0
    assert [(v["name"], v["row"]) for v in manifest(out)["variants"]] == [
        ("acme_parallel", 2), ("acme_sequential", 2), ("beta_parallel", 3), ("beta_sequential", 3)]


def test_the_spreadsheet_and_path_cells_are_relative_to_the_batch_file(tmp_path):
    (tmp_path / "specs").mkdir()
    shutil.copy(FIXTURES / "batch_base.yaml", tmp_path / "specs" / "base.yaml")
    (tmp_path / "batches" / "data").mkdir(parents=True)
    (tmp_path / "batches" / "data" / "sig.csv").write_bytes(csv_bytes("name,options.reference_doc", "house,house.docx"))
    path = tmp_path / "batches" / "batch.yaml"
    path.write_text("drafter: 1\nbase: ../specs/base.yaml\nvariants: {from: data/sig.csv}\n", encoding="utf-8")
    from drafter.library.load import load_library
    from drafter.spec.check import check_spec

    plan = load_plan(path, ("connect", "data"))
    spec = check_spec(plan.spec_doc(plan.variant(0)), load_library())
    assert Path(spec.reference_doc).resolve() == (tmp_path / "batches" / "house.docx").resolve()
    assert Path(plan.inputs[-1]).resolve() == (tmp_path / "batches" / "data" / "sig.csv").resolve()


def test_worker_processes_and_shards_read_the_rows_the_same(runner, tmp_path):
    both = '"[en, zh]"'
    rows = [f"org-{i:03d},Organisation {i},组织{i},{both if i % 3 else '[en]'},"
            f"{'diagonal' if i == 77 else ''}" for i in range(150)]
    path = sheet_batch(tmp_path, "sig.csv", csv_bytes(HEADER, *rows))
    base = tmp_path / "base.yaml"
    base.write_text(base.read_text(encoding="utf-8").replace("  governing: zh\n", ""), encoding="utf-8")
    one, two, shards = tmp_path / "one", tmp_path / "two", tmp_path / "shards"
    assert batch(runner, path, "-o", one, "--jobs", "1").exit_code == 2
    assert batch(runner, path, "-o", two, "--jobs", "2").exit_code == 2
    for k in (1, 2, 3):
        assert batch(runner, path, "-o", shards, "--shard", f"{k}/3", "--jobs", "2").exit_code in (0, 2)
    files = lambda d: {p.name: p.read_bytes() for p in d.iterdir() if not p.name.startswith("manifest")}  # noqa: E731
    assert len(files(one)) == 149 and files(one) == files(two) == files(shards)
    assert (one / "manifest.json").read_bytes() == (two / "manifest.json").read_bytes()
    skipped = [v for v in manifest(one)["variants"] if v["status"] == "skipped"]
    assert [(v["name"], v["row"]) for v in skipped] == [("org-077", 79)]


def test_spawned_workers_read_the_spreadsheet_themselves(tmp_path):
    """macOS and Windows start workers afresh: each loads the plan, spreadsheet included."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from drafter.batch.tasks import render_task
    from drafter.batch.workers import init_worker

    path = sheet_batch(tmp_path, "sig.csv", csv_bytes("name,submission.submitter.en", "acme,Acme", "beta,Beta"))
    out = tmp_path / "out"
    out.mkdir()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=init_worker,
                             initargs=(str(path), str(out))) as pool:
        results = pool.submit(render_task, range(2)).result(timeout=120)
    assert [(r.variant, r.status) for r in results] == [(0, "ok"), (1, "ok")]
    assert outputs(out) == {"acme.md", "beta.md"} and "Beta" in md(out, "beta")


def test_memory_stays_flat_in_the_number_of_rows(tmp_path):
    """Planning keeps no per-row data in memory: 10,000 rows cost what 1,000 do."""
    def peak(n: int) -> int:
        folder = tmp_path / str(n)
        rows = [f"org-{i:05d},Organisation number {i} of the coalition,组织{i},\"[en, zh]\"" for i in range(n)]
        path = sheet_batch(folder, "sig.csv", csv_bytes("name,submission.submitter.en,submission.submitter.zh,"
                                                  "submission.languages", *rows))
        tracemalloc.start()
        try:
            plan = load_plan(path, ("connect", "data"))
            for i in range(plan.count):
                plan.variant(i)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, big = peak(1_000), peak(10_000)
    assert big - small < 512 * 1024, (small, big)  # a list of the rows would take several MB
