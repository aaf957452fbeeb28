"""Redline in Markdown: CriticMarkup `{--removed--}{++added++}` (issue 17)."""

from __future__ import annotations

import re
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from drafter.document.resolve import resolve
from drafter.spec.load import load_spec
from drafter.writers import render
from drafter.writers.markdown.escape import critic, inline
from tests.conftest import FIXTURES, need_tool

_DELETE = re.compile(r"\{--(.*?)--\}", re.DOTALL)
_INSERT = re.compile(r"\{\+\+(.*?)\+\+\}", re.DOTALL)


def accept(md: str) -> str:
    """What a CriticMarkup processor leaves after accepting every change."""
    return _INSERT.sub(r"\1", _DELETE.sub("", md))


def reject(md: str) -> str:
    return _INSERT.sub("", _DELETE.sub(r"\1", md))


@pytest.fixture(scope="module")
def red(library):
    spec, lib = load_spec(FIXTURES / "redline.yaml", library)
    return resolve(spec, lib)


@pytest.mark.parametrize("layout", ["parallel", "interleaved", "sequential"])
def test_accepting_gives_the_document_without_redline(red, layout):
    sub = replace(red, meta=replace(red.meta, layout=layout))
    md = render(sub, "md").decode()
    assert "{--should--}{++must++}" in md
    assert "公平{--促进--}{++推进++}" in md
    assert accept(md) == render(replace(sub, options=replace(sub.options, redline=False)), "md").decode()


def test_rejecting_gives_the_source_words(red):
    md = reject(render(red, "md").decode())
    assert "should be promoted equitably and fairly for all." in md
    assert "公平促进数字基础设施建设与创新发展。" in md
    assert "Our own commitment" not in md


def test_user_text_holding_criticmarkup_is_escaped(red):
    md = render(red, "md").decode()
    assert r"\{\-- not -\-\}" in md  # the spec's own "{-- not --}", shown literally
    assert accept(md).count("{--") == 0 and reject(md).count("{--") == 0
    assert inline("{++a++} {==b==}") == r"\{\++a+\+\} \{\==b=\=\}"


def test_pandoc_reads_it(red, tmp_path):
    pandoc = need_tool("pandoc")
    path = tmp_path / "red.md"
    path.write_bytes(render(red, "md"))
    out = subprocess.run([pandoc, "-f", "markdown-smart", "-t", "plain", str(path)],
                         capture_output=True, text=True, check=True).stdout
    assert "{--should--}" in out and "{++must++}" in out


_TEXT = st.text(alphabet="ab {}-+\\*数据，\n", max_size=12)


@given(st.lists(st.tuples(st.sampled_from(["equal", "delete", "insert"]), _TEXT.filter(bool)), max_size=6))
def test_property_marks_never_leak(parts):
    """Whatever the text, each line holds balanced marks and user text never closes one."""
    for line in critic(tuple(parts)):
        stripped = _INSERT.sub("", _DELETE.sub("", line))
        assert "{--" not in stripped and "{++" not in stripped
        assert "--}" not in stripped and "++}" not in stripped


_REFERENCE_ESCAPE = re.compile(r"([\\`*_\[\]{}<>#|~!&$^]|(?<!\w)@)")


@given(st.text(alphabet=st.sampled_from(list("\\`*_[]{}<>#|~!&$^@:-+= \t\r\naZ9中é\u05d0")), max_size=16))
@settings(max_examples=400, deadline=None)
def test_inline_escapes_exactly_as_one_substitution_did(text):
    """`inline` skips the substitutions a text does not need (issue 21); the result is the
    plain substitutions' result, whatever the text."""
    from drafter.writers.markdown import escape as E

    step = _REFERENCE_ESCAPE.sub(r"\\\1", text.strip(" \t\r\n"))
    if "\\{" in step or "\\}" in step:
        step = E._CRITIC_OPEN.sub(r"\\{\\\1", step)
        step = E._CRITIC_CLOSE.sub(r"\\\1\\}", step)
    step = E._SHORTCODE.sub(r"\\:", step)
    step = re.sub(r"[ \t]*[\r\n][ \t]*", " ", step)
    assert E.inline(text) == E.isolate(E._line_start(step))
