"""`load_spec` with one-off changes, as the command line's --layout/--languages/--set give them:
applied before the check, and a bad one is a located `<command line>` error."""

from __future__ import annotations

import pytest

from drafter.errors import DrafterError
from drafter.spec.load import load_spec
from tests.conftest import EXAMPLES, FIXTURES


def test_no_change_is_the_file_as_written():
    spec, _ = load_spec(FIXTURES / "minimal.yaml")
    assert spec.languages == ("en", "zh") and spec.layout == "parallel"


def test_the_changes_are_applied_before_the_check():
    spec, _ = load_spec(FIXTURES / "minimal.yaml", languages="zh,en", layout="sequential",
                        sets=["submission.title.en=Another title"])
    assert spec.languages == ("zh", "en") and spec.layout == "sequential"
    assert spec.title["en"] == "Another title"
    one, _ = load_spec(FIXTURES / "minimal.yaml", languages="en")
    assert one.languages == ("en",) and one.layout == "single"  # one language: no columns


def test_a_change_can_use_a_theme_of_the_specs_framework():
    spec, _ = load_spec(EXAMPLES / "delegation.yaml", sets=["themes.connect=null"])
    assert "connect" not in [t.key for t in spec.themes]


def test_a_bad_change_is_located_on_the_command_line():
    with pytest.raises(DrafterError) as caught:
        load_spec(FIXTURES / "minimal.yaml", sets=["submission.titel.en=x"])
    assert str(caught.value.problems[0]).startswith("<command line> --set 1:")
    assert "title" in str(caught.value.problems[0])  # the did-you-mean
