"""Languages in Markdown, as pandoc reads them: the front matter's `lang` (and `dir` for Arabic),
a `lang` attribute on every part in another language, right-to-left lines isolated as before."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from drafter.document.resolve import resolve
from drafter.spec.load import load_spec
from drafter.writers.markdown.writer import render_markdown
from tests.conftest import EXAMPLES, FIXTURES, need_tool


def pandoc_ast(markdown: str, reader: str = "markdown") -> dict[str, Any]:
    pandoc = need_tool("pandoc")
    done = subprocess.run([pandoc, "-f", reader, "-t", "json"], input=markdown, capture_output=True,
                          text=True, encoding="utf-8", check=True, timeout=60)
    return json.loads(done.stdout)


def langs_in(node: Any, out: list[str]) -> list[str]:
    """Every `lang` attribute of a Div or Span in the AST, in document order."""
    if isinstance(node, dict):
        if node.get("t") in ("Div", "Span"):
            out += [v for k, v in node["c"][0][2] if k == "lang"]
        for value in node.values():
            langs_in(value, out)
    elif isinstance(node, list):
        for value in node:
            langs_in(value, out)
    return out


def markdown_of(library, path, **changes) -> str:
    spec, lib = load_spec(path, library)
    sub = resolve(spec, lib)
    if changes:
        from msgspec.structs import replace

        sub = replace(sub, meta=replace(sub.meta, **changes))
    return render_markdown(sub)


def meta_text(ast: dict[str, Any], key: str) -> str:
    node = ast["meta"][key]
    return "".join(x.get("c", " ") if isinstance(x.get("c"), str) else " " for x in node["c"])


def test_pandoc_reads_the_arabic_english_parallel_table(library):
    ast = pandoc_ast(markdown_of(library, FIXTURES / "arabic_english.yaml"))
    assert meta_text(ast, "lang") == "ar-SA" and meta_text(ast, "dir") == "rtl"
    found = langs_in(ast["blocks"], [])
    assert found and set(found) == {"en-GB"}  # every English cell marked, the Arabic is the document's


@pytest.mark.parametrize("layout", ["sequential", "interleaved"])
def test_pandoc_reads_a_div_per_part_in_the_second_language(library, layout):
    ast = pandoc_ast(markdown_of(library, EXAMPLES / "delegation.yaml", layout=layout))
    assert meta_text(ast, "lang") == "en-GB"
    found = langs_in(ast["blocks"], [])
    assert found and set(found) == {"zh-CN"}
    divs = [b for b in ast["blocks"] if b["t"] == "Div"]
    assert divs and all(dict(d["c"][0][2])["lang"] == "zh-CN" for d in divs)


def test_a_single_language_submission_needs_only_the_front_matter(library):
    md = markdown_of(library, EXAMPLES / "civil-society.yaml")
    assert "<div" not in md and "<span" not in md and 'lang: "en-GB"' in md


def test_right_to_left_lines_stay_isolated(library):
    md = markdown_of(library, FIXTURES / "arabic_english.yaml")
    line = next(x for x in md.splitlines() if "نحن ملتزمون" in x)
    assert "\u2067نحن ملتزمون" in line  # a right-to-left isolate, as before issue 18
