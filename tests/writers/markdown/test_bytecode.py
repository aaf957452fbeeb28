"""The built-in templates' compiled code is kept in the private cache; user templates never are."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLES, ROOT

RENDER = """
import sys
from pathlib import Path
from drafter.document.resolve import resolve
from drafter.spec.load import load_spec
from drafter.writers.markdown.writer import render_markdown
sub = resolve(*load_spec(Path(sys.argv[1])))
templates = Path(sys.argv[2]) if len(sys.argv) > 2 else None
sys.stdout.write(render_markdown(sub, templates=templates))
"""


def render_md(cache_dir, *args: str) -> str:
    env = {"DRAFTER_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", RENDER, str(EXAMPLES / "delegation.yaml"), *args], env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout


def test_a_second_run_reads_the_compiled_templates_and_says_the_same(tmp_path):
    first = render_md(tmp_path / "c")
    compiled = sorted((tmp_path / "c").glob("template-*.marshal"))
    assert compiled
    stamps = [p.stat().st_mtime_ns for p in compiled]
    assert render_md(tmp_path / "c") == first
    assert [p.stat().st_mtime_ns for p in compiled] == stamps  # read, not rewritten


def test_a_corrupt_compiled_template_is_recompiled(tmp_path):
    first = render_md(tmp_path / "c")
    for p in (tmp_path / "c").glob("template-*.marshal"):
        p.write_bytes(b"\x00broken")
    assert render_md(tmp_path / "c") == first


def test_user_templates_are_not_cached(tmp_path):
    from drafter import paths

    user = tmp_path / "mine"
    user.mkdir()
    name = "submission.md.j2"
    (user / name).write_text((paths.templates_dir() / "markdown" / name).read_text(encoding="utf-8")
                             + "\nmine\n", encoding="utf-8")
    before = set()
    render_md(tmp_path / "c")
    before = {p.name for p in (tmp_path / "c").glob("template-*")}
    render_md(tmp_path / "c", str(user))
    assert {p.name for p in (tmp_path / "c").glob("template-*")} <= before
