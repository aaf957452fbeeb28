"""Saving keeps the user's file: comments, key order and styles stay; the data is exactly the page's."""

from __future__ import annotations

import copy
import difflib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.load.yaml import loads
from drafter.studio.roundtrip import merge_text, plain
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
SPEC_FILES = [p for p in EXAMPLE_FILES if "\nsubmission:" in p.read_text(encoding="utf-8")]  # not batch files


def load(text: str):
    return loads(text, "spec.yaml").data


def changed_lines(a: str, b: str) -> list[str]:
    return [line for line in difflib.ndiff(a.splitlines(), b.splitlines()) if line[:1] in "+-"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_no_change_is_the_same_bytes(path):
    text = path.read_text(encoding="utf-8")
    assert merge_text(text, load(text), plain(load(text))) == text


@pytest.mark.parametrize("path", SPEC_FILES, ids=lambda p: p.name)
def test_one_change_changes_one_line(path):
    text = path.read_text(encoding="utf-8")
    data = plain(load(text))
    data["submission"]["date"] = "2024-01-31"
    out = merge_text(text, load(text), data)
    assert plain(load(out)) == data
    assert len(changed_lines(text, out)) == 2  # one line out, one in


def test_moving_and_editing_keeps_the_comments_on_the_entries():
    text = (EXAMPLES.parent / "tests" / "fixtures" / "studio_spec.yaml").read_text(encoding="utf-8")
    text = text.replace("      - use: cn-igf.connect.p1   # quoted as agreed\n",
                        "      - use: cn-igf.connect.p1   # quoted as agreed\n"
                        "      - use: cn-igf.connect.p2   # the language one\n")
    data = plain(load(text))
    entries = data["themes"]["connect"]["principles"]
    entries.reverse()
    entries[0]["text"] = {"en": "Language must never keep anyone offline."}
    out = merge_text(text, load(text), data)
    assert plain(load(out)) == data
    assert "- use: cn-igf.connect.p2   # the language one" in out
    assert "- use: cn-igf.connect.p1   # quoted as agreed" in out
    assert out.index("cn-igf.connect.p2") < out.index("cn-igf.connect.p1")
    assert out.startswith("# Our delegation's draft")


@pytest.mark.parametrize("value", ["no", "Yes", "on", "null", "~", "1:30", "0x1F", "2023-04-28", "012", "1e3",
                                   "- a", "a: b", "a #b", "'q'", '"q"', "@x", "`x`", "%x", "!x", "&x", "*x",
                                   " lead", "trail ", "two\nlines", "tab\there", "中文：标点", ""])
def test_new_strings_read_back_as_the_same_text(value):
    text = (EXAMPLES / "civil-society.yaml").read_text(encoding="utf-8")
    data = plain(load(text))
    data["submission"]["title"] = {"en": value}
    data["closing"][0]["text"]["en"] = value
    out = merge_text(text, load(text), data)
    assert plain(load(out)) == data


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"),
                                      blacklist_characters="\ufeff\x85"), max_size=80))
def test_any_text_round_trips(value):
    text = (EXAMPLES / "civil-society.yaml").read_text(encoding="utf-8")
    data = copy.deepcopy(plain(load(text)))
    data["preamble"][0]["text"]["en"] = value
    assert plain(load(merge_text(text, load(text), data))) == data


def test_removed_keys_go_and_new_keys_go_at_the_end():
    text = (EXAMPLES / "civil-society.yaml").read_text(encoding="utf-8")
    data = plain(load(text))
    del data["options"]["mark_edits"]
    data["themes"]["ai"] = {"principles": [{"use": "cn-igf.ai.p1"}]}
    out = merge_text(text, load(text), data)
    assert "mark_edits" not in out
    assert list(plain(load(out))["themes"]) == ["connect", "human-rights", "accountability", "ai"]
    assert "  ai:\n    principles:\n      - use: cn-igf.ai.p1\n" in out
