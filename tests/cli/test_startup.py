"""What a cold command imports: `--help` and the library commands load no writer, no Jinja2 and
no python-docx; a DOCX render loads no Jinja2, and once drafter's cache holds the spec, the
library and the bundled reference document, neither PyYAML nor lxml nor the batch machinery
(start-up time is measured in benchmarks/)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES

WRITERS = ("drafter.writers", "jinja2", "docx", "lxml", "markdown_it", "drafter.compare", "drafter.batch")

PROBE = """
import json, sys
sys.argv = ["drafter", *json.loads(sys.argv[1])]
from drafter.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def imported(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                          check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_help_imports_only_click_and_the_command_modules():
    modules = imported("--help")
    assert loaded(modules, WRITERS) == []
    assert loaded(modules, ("yaml", "drafter.library", "drafter.spec", "drafter.load", "tempfile", "pathlib",
                            "multiprocessing", "concurrent")) == []
    # nor the error family and the model's records (a located error is only ever needed by a command)
    assert loaded(modules, ("drafter.errors", "msgspec", "dataclasses")) == []


@pytest.mark.parametrize("args", [("library", "list"), ("library", "search", "data"),
                                  ("library", "show", "cn-gdc.basic.1")])
def test_library_commands_import_no_writer(args):
    assert loaded(imported(*args), WRITERS) == []


def test_a_docx_render_imports_no_jinja2(tmp_path):
    modules = imported("render", str(EXAMPLES / "delegation.yaml"), "--format", "docx", "-o", str(tmp_path / "d.docx"))
    assert "drafter.writers.docx" in modules  # the probe did render
    assert loaded(modules, ("jinja2", "markdown_it", "drafter.writers.markdown")) == []


BATCH_MACHINERY = ("multiprocessing", "concurrent.futures", "drafter.batch")


def test_a_warm_docx_render_imports_no_yaml_lxml_zipfile_or_batch(tmp_path):
    args = ("render", str(EXAMPLES / "delegation.yaml"), "--format", "docx", "-o", str(tmp_path / "d.docx"))
    imported(*args)  # fills the cache (the session's own folder, tests/conftest.py)
    modules = imported(*args)
    assert "drafter.writers.docx.layout" in modules  # the probe did render
    assert loaded(modules, ("yaml", "lxml", "zipfile", "docx", *BATCH_MACHINERY)) == []


def test_render_with_set_imports_the_overrides_not_the_batch_runner(tmp_path):
    modules = imported("render", str(EXAMPLES / "delegation.yaml"), "--set", "submission.layout=sequential",
                       "-o", str(tmp_path / "d.md"))
    assert "drafter.spec.command_line" in modules
    assert loaded(modules, ("multiprocessing", "concurrent.futures", "drafter.batch.run", "drafter.batch.survey")) == []


def test_a_warm_validate_imports_no_yaml():
    imported("validate", str(EXAMPLES / "delegation.yaml"))
    assert loaded(imported("validate", str(EXAMPLES / "delegation.yaml")), ("yaml",)) == []


INTERRUPT_AT = """
import sys
TARGET = sys.argv[1]
class Interrupt:
    # a Ctrl-C that lands while the CLI is being imported
    def find_spec(self, name, path=None, target=None):
        if name == TARGET:
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupt())
sys.argv = ["drafter", "--version"]
from drafter.__main__ import run
run()
"""


@pytest.mark.parametrize("module", ["drafter.cli", "drafter.cli.group", "click"])
def test_ctrl_c_while_the_command_starts_exits_130_in_one_line(module):
    done = subprocess.run([sys.executable, "-c", INTERRUPT_AT, module], capture_output=True, text=True)
    assert done.returncode == 130, done.stderr
    assert done.stderr == "interrupted while starting; nothing was written\n"


def test_ctrl_c_while_click_parses_exits_130(monkeypatch):
    """Click's own answer to a Ctrl-C while parsing is "Aborted!" and exit 1."""
    from click.testing import CliRunner

    from drafter.cli import main

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("click.Command.parse_args", interrupted)
    result = CliRunner().invoke(main, ["library", "list"])
    assert result.exit_code == 130 and "interrupted; nothing was written" in result.output
    assert "Aborted" not in result.output
