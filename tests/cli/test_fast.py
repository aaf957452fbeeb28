"""The render fast path (`drafter/cli/fast.py`): a plain `drafter render SPEC [-o OUT]
[--format FMT]` runs without Click, and gives what the Click command gives — the same files,
bytes, messages and exit codes — for successes and for every kind of failure; anything else is
left to Click."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli.fast import parse_render
from tests.conftest import EXAMPLES, FIXTURES, need_tool

CLICK_PATH = "import sys; from drafter.cli import main; sys.argv[0] = 'drafter'; main()"


@pytest.mark.parametrize(("argv", "expected"), [
    (["render", "s.yaml"], {"spec": "s.yaml"}),
    (["render", "s.yaml", "-o", "o.docx"], {"spec": "s.yaml", "output": "o.docx"}),
    (["render", "-o", "o.md", "s.yaml"], {"spec": "s.yaml", "output": "o.md"}),
    (["render", "s.yaml", "--output=o.md", "--format=md"], {"spec": "s.yaml", "output": "o.md", "fmt": "md"}),
    (["render", "s.yaml", "--format", "akn", "--output", "o.xml"], {"spec": "s.yaml", "output": "o.xml", "fmt": "akn"}),
])
def test_the_plain_forms_are_taken(argv, expected):
    assert parse_render(argv) == expected


@pytest.mark.parametrize("argv", [
    ["render"], ["validate", "s.yaml"], ["render", "s.yaml", "--help"], ["render", "--help"],
    ["render", "s.yaml", "-o", "-"], ["render", "s.yaml", "-o"], ["render", "s.yaml", "-o", "a", "-o", "b"],
    ["render", "s.yaml", "t.yaml"], ["render", "s.yaml", "--format", "odt"], ["render", "s.yaml", "--strict"],
    ["render", "s.yaml", "--redline"], ["render", "s.yaml", "--set", "a=b"], ["render", "s.yaml", "-oout.docx"],
    ["render", "s.yaml", "--output="], ["render", "--", "s.yaml"], ["render", "-"], ["render", "s.yaml", "-h"],
    ["render", "s.yaml", "--out", "o.docx"], ["--version"], ["render", "s.yaml", "--library", "lib"],
])
def test_anything_else_is_left_to_click(argv):
    assert parse_render(argv) is None


def test_a_folder_as_spec_is_left_to_click(tmp_path):
    assert parse_render(["render", str(tmp_path)]) is None  # Click's "is a directory" usage error


def _run(folder: Path, args: list[str], click: bool) -> tuple[int, str, str, dict[str, bytes]]:
    command = [sys.executable, "-c", CLICK_PATH] if click else [sys.executable, "-m", "drafter"]
    done = subprocess.run([*command, *args], cwd=folder, capture_output=True)
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    tidy = (lambda b: b.decode("utf-8").replace(str(folder), "DIR"))  # noqa: E731
    return done.returncode, tidy(done.stdout), tidy(done.stderr), files


BROKEN = "drafter: 1\nsubmission:\n  title: {en: T, zh: T}\n  languages: [en, zh\nthemes: {}\n"
UNKNOWN = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("cn-igf.connect.c1", "cn-igf.connect.c99")

EMPTY = 'drafter: 1\nsubmission:\n  title: {en: T, zh: T}\n  date: "2023-04-28"\n  languages: [en, zh]\nthemes: {}\n'

CASES = {
    "a warning, then written": (["render", "empty.yaml", "-o", "out.docx"], {"empty.yaml": EMPTY}),
    "docx": (["render", "delegation.yaml", "-o", "out.docx"], {}),
    "default name": (["render", "delegation.yaml"], {}),
    "md": (["render", "minimal.yaml", "--format", "md", "-o", "out.md"], {}),
    "html by extension": (["render", "minimal.yaml", "--output=out.html"], {}),
    "akn, one file per language": (["render", "minimal.yaml", "--format", "akn", "-o", "out.xml"], {}),
    "broken YAML": (["render", "broken.yaml", "-o", "out.docx"], {"broken.yaml": BROKEN}),
    "unknown id": (["render", "unknown.yaml", "-o", "out.docx"], {"unknown.yaml": UNKNOWN}),
    "missing spec": (["render", "nowhere.yaml", "-o", "out.docx"], {}),
    "output over the spec": (["render", "minimal.yaml", "-o", "minimal.yaml"], {}),
    "output into a missing folder": (["render", "minimal.yaml", "-o", "no/such/out.docx"], {}),
    "extension and format disagree": (["render", "minimal.yaml", "--format", "md", "-o", "out.docx"], {}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_fast_path_gives_what_the_click_command_gives(tmp_path, case):
    args, extra = CASES[case]
    results = []
    for side in ("fast", "click"):
        folder = tmp_path / side
        folder.mkdir()
        shutil.copy(EXAMPLES / "delegation.yaml", folder)
        shutil.copy(FIXTURES / "minimal.yaml", folder)
        for name, text in extra.items():
            (folder / name).write_text(text, encoding="utf-8")
        results.append(_run(folder, args, click=side == "click"))
    fast, click = results
    assert fast == click
    code, _, err, files = fast
    assert "Traceback" not in err
    if case == "a warning, then written":
        assert code == 0 and "warning: the submission has no paragraphs" in err and "\nwrote out.docx" in err, err
    elif case in ("docx", "default name", "md", "html by extension", "akn, one file per language"):
        assert code == 0 and err.startswith("wrote "), err
        assert len(files) > 2  # the inputs and what was written
    else:
        assert code == 2 and err.strip(), err  # a located message, nothing written
        assert set(files) == {"delegation.yaml", "minimal.yaml", *extra}


PROBE = """
import atexit, json, os, sys
sys.argv = ["drafter", *json.loads(sys.argv[1])]

def report(how):
    clicked = sorted(m for m in sys.modules if m == "click" or m.startswith("click."))
    print(json.dumps({"how": how, "click": clicked, "exit_handlers": atexit._ncallbacks()}), flush=True)

real_exit = os._exit
os._exit = lambda code: (report(f"os._exit({code})"), real_exit(code))
from drafter.__main__ import run
try:
    run()
    report("returned")
except SystemExit as exc:
    report(f"exit {exc.code}")
"""


@pytest.mark.parametrize(("args", "how", "clicked"), [
    (["render", "delegation.yaml", "-o", "out.docx"], "os._exit(0)", False),
    (["render", "nowhere.yaml", "-o", "out.docx"], "exit 2", False),  # an error, reported without Click too
    (["render", "delegation.yaml", "-o", "out.docx", "--strict"], "exit 0", True),
])
def test_a_plain_render_does_not_import_click(tmp_path, args, how, clicked):
    """...and a successful one ends without the interpreter's teardown (os._exit), which is
    safe only while nothing registered an exit handler that would be skipped."""
    shutil.copy(EXAMPLES / "delegation.yaml", tmp_path)
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], cwd=tmp_path, capture_output=True,
                          text=True, check=False)
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["how"] == how and bool(seen["click"]) == clicked, (seen, done.stderr)
    if how.startswith("os._exit"):
        assert seen["exit_handlers"] == 0
        assert (tmp_path / "out.docx").stat().st_size > 20_000


def test_a_fast_path_pdf_leaves_no_temporary_folder(tmp_path):
    """The PDF writer's LibreOffice folder is removed by its `with` block, before the fast
    path ends without the interpreter's teardown (which would skip tempfile's finalizer)."""
    need_tool("soffice")
    temp = tmp_path / "temp"
    temp.mkdir()
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path)
    done = subprocess.run([sys.executable, "-m", "drafter", "render", "minimal.yaml", "-o", "out.pdf"],
                          cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "TMPDIR": str(temp)})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")
    assert list(temp.iterdir()) == []
