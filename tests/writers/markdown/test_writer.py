"""Markdown output: golden files for the examples (the bytes are the contract), and the
layout, marking and escaping rules checked on small specs.

Regenerate the golden files after an intended change with
`DRAFTER_UPDATE_GOLDEN=1 python -m pytest tests/writers/markdown/test_writer.py` and review the diff.
"""

from __future__ import annotations

import os

import pytest

from drafter.document.resolve import resolve
from drafter.load.yaml import loads
from drafter.spec.check import check_spec
from drafter.spec.load import load_spec
from drafter.writers import render
from drafter.writers.markdown.escape import inline
from tests.conftest import EXAMPLES, FIXTURES, example_specs

GOLDEN = FIXTURES.parent / "golden"
EXAMPLE_SPECS = [p.name for p in example_specs()]


def md_of(path) -> str:
    spec, lib = load_spec(path)
    return render(resolve(spec, lib), "md").decode("utf-8")


def md_text(text: str, library) -> str:
    return render(resolve(check_spec(loads(text, "spec.yaml"), library), library), "md").decode("utf-8")


@pytest.mark.parametrize("name", EXAMPLE_SPECS)
def test_examples_match_golden(name, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    out = md_of(f"examples/{name}")
    golden = GOLDEN / (name.removesuffix(".yaml") + ".md")
    if os.environ.get("DRAFTER_UPDATE_GOLDEN") == "1":
        golden.write_text(out, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}; run with DRAFTER_UPDATE_GOLDEN=1"
    assert out == golden.read_text(encoding="utf-8")


def test_examples_cover_the_three_users():
    assert {"delegation.yaml", "civil-society.yaml", "chinese-first.yaml"} <= set(EXAMPLE_SPECS)


def test_every_picked_paragraph_appears_exactly(library):
    spec, lib = load_spec(EXAMPLES / "delegation.yaml")
    out = render(resolve(spec, lib), "md").decode("utf-8")
    for theme in spec.themes:
        for entries in theme.sections.values():
            for entry in entries:
                item = lib.items[entry.use]
                for lang in ("en", "zh"):
                    for line in item.text[lang].split("\n"):
                        assert inline(line) in out, (item.id, lang)


def test_themes_in_framework_order_whatever_the_spec_order(library):
    text = (FIXTURES / "minimal.yaml").read_text(
        encoding="utf-8"
    ) + "  ai:\n    principles:\n      - use: cn-igf.ai.p1\n  data:\n    principles:\n      - use: cn-igf.data.p1\n"
    out = md_text(text, library)
    assert out.index("1. Connect") < out.index("2. Protect data") < out.index("3. Promote regulation")
    assert "一、确保所有人" in out and "三、促进人工智能监管" in out


BASE = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("layout", ["parallel", "sequential", "interleaved"])
def test_layouts_hold_both_languages(library, layout):
    out = md_text(BASE.replace("[en, zh]", f"[en, zh]\n  layout: {layout}"), library)
    item = library.items["cn-igf.connect.c1"]
    assert inline(item.text["en"]) in out and inline(item.text["zh"]) in out
    if layout == "parallel":
        assert "| English | 中文 |" in out
    if layout == "sequential":
        assert out.index(inline(item.text["en"])) < out.index("核心原则") < out.index(inline(item.text["zh"]))
    if layout == "interleaved":
        en_at = out.index(inline(item.text["en"]))
        assert en_at < out.index(inline(item.text["zh"])) < out.index("Our own commitment.")


def test_single_language_has_no_other_language(library):
    out = md_text(BASE.replace("[en, zh]", "[zh]"), library)
    assert "核心原则" in out and "Core principles" not in out
    assert 'lang: "zh-CN"' in out


def test_front_matter_for_pandoc(library):
    out = md_text(BASE, library)
    head = out.split("---\n")[1]
    assert 'title: "Minimal submission"' in head and 'lang: "en-GB"' in head
    assert 'date: "28 April 2023"' in head and '- "Example"' in head


def test_unofficial_and_edited_are_marked(library):
    text = BASE.replace(
        "- use: cn-igf.connect.p1",
        "- use: cn-igf.intro\n      - use: cn-igf.connect.p1\n        text: {en: Changed., zh: 已改。}",
    )
    out = md_text(text, library)
    assert "*（非官方译文）*" in out
    assert "*(edited)*" in out and "*（已修改）*" in out
    assert "unofficial translation" in out and "非官方译文" in out


def test_mark_edits_off(library):
    text = (
        BASE.replace("- use: cn-igf.connect.p1", "- use: cn-igf.connect.p1\n        text: {en: Changed., zh: 已改。}")
        + "options: {mark_edits: false}\n"
    )
    assert "(edited)" not in md_text(text, library)


@pytest.mark.parametrize("mode", ["annex", "footnotes", "none"])
def test_provenance_modes(library, mode):
    out = md_text(BASE + f"options: {{provenance: {mode}}}\n", library)
    ref = library.items["cn-igf.connect.c1"].ref["en"]
    assert (ref in out) == (mode != "none")
    assert ("[^1]:" in out) == (mode == "footnotes")
    assert ("Annex" in out) == (mode == "annex")


def test_governing_clause(library):
    out = md_text(BASE.replace("[en, zh]", "[en, zh]\n  governing: zh"), library)
    assert "the Chinese version shall prevail" in out and "以中文文本为准" in out


@pytest.mark.parametrize(
    "hostile",
    [
        "# Heading",
        "```\ncode",
        "<script>alert(1)</script>",
        "[link](http://x)",
        "![img](x.png)",
        "- item",
        "1. item",
        "> quote",
        "{{ 7*7 }}",
        "{% for x in y %}",
        "| a | b |",
        "[^1]: note",
        "***",
    ],
)
def test_user_text_cannot_inject_markdown_or_template_code(library, hostile):
    """An unnumbered preamble paragraph starts its own line, where injection would bite."""
    quoted = hostile.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    text = BASE.replace("[en, zh]", "[en]").replace("themes:", f'preamble:\n  - text: {{en: "{quoted}"}}\nthemes:')
    body = md_text(text, library).split("---\n", 2)[2]
    lines = [line for line in body.splitlines() if line.replace("\\", "").startswith(hostile.split("\n")[0][:3])]
    assert lines, "the paragraph must be in the output"
    line = lines[0]
    assert line == inline(hostile.split("\n")[0])  # a newline in text starts a new paragraph
    assert not line.startswith(("#", "`", "<", ">", "- ", "1.", "[", "!", "|", "*"))
    assert "<script>" not in body and "](" not in body.replace("\\]", "")
    assert "49" not in body  # template syntax in text is never evaluated


def test_same_input_same_bytes(library):
    assert md_text(BASE, library) == md_text(BASE, library)
