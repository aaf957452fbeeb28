"""`options.redline` and `options.redline_author` (issue 17): checked, defaulted, overridable."""

from __future__ import annotations

import zipfile

from drafter.cli import main
from tests.conftest import FIXTURES
from tests.spec.test_check import BASE, check, errors_of


def test_off_by_default(library):
    spec = check(BASE, library)
    assert spec.redline is False and spec.redline_author is None


def test_options_read(library):
    spec = check(BASE.replace("drafter: 1", "drafter: 1\noptions: {redline: true, redline_author: Mission X}"),
                 library)
    assert spec.redline is True and spec.redline_author == "Mission X"


def test_bad_values_are_located_errors(library):
    text = BASE.replace("drafter: 1", "drafter: 1\noptions: {redline: yes, redline_author: 12}")
    errors = errors_of(text, library)
    assert any("options.redline" in e and "yes/no" in e for e in errors), errors
    assert any("options.redline_author" in e and "expected text" in e for e in errors), errors


def test_render_redline_flag(tmp_path, runner):
    out = tmp_path / "small.docx"
    result = runner.invoke(main, ["render", str(FIXTURES / "docx_small.yaml"), "--redline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
    assert "<w:del " in body and "<w:ins " in body
    plain = tmp_path / "plain.docx"
    runner.invoke(main, ["render", str(FIXTURES / "docx_small.yaml"), "-o", str(plain)])
    with zipfile.ZipFile(plain) as z:
        assert "<w:ins " not in z.read("word/document.xml").decode()
