"""Text (issue 7, item 4): characters a document cannot hold, size caps, Markdown injection
checked with a real Markdown reader (pandoc, as CI installs it), and right-to-left text."""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.document.resolve import resolve
from drafter.load.checks import MAX_TEXT, Checker
from drafter.load.yaml import loads
from drafter.spec.check import check_spec
from drafter.writers import render
from drafter.writers.markdown.escape import heading, inline, isolate
from tests.conftest import FIXTURES, need_tool

BASE = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
RLI, LRI, PDI = "\u2067", "\u2066", "\u2069"


def checked(value: str) -> tuple[str | None, list[str]]:
    ck = Checker(loads("v: x\n", "t.yaml"))
    return ck.text(value, ("v",)), [str(p) for p in ck.problems]


# -- characters ----------------------------------------------------------------------------

XML_INVALID = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]] + [
    "\ud800", "\udbff", "\udc00", "\udfff", "\ufffe", "\uffff"]
# XML holds these, but in text they are damage (C1: Windows-1252 read as Latin-1) or line
# breaks that programs disagree on.
REFUSED_TOO = ["\x7f", "\x80", "\x85", "\x93", "\x9f", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", XML_INVALID + REFUSED_TOO, ids=[f"U+{ord(c):04X}" for c in XML_INVALID + REFUSED_TOO])
def test_xml_invalid_characters_are_located_errors_never_dropped(char):
    value, problems = checked(f"agreed {char} language")
    assert value is None
    assert problems == [problems[0]] and problems[0].startswith("t.yaml:1:4: v: text contains ")
    assert f"U+{ord(char):04X} at position 8" in problems[0]


def test_mis_decoded_windows_quotes_get_a_hint():
    assert "Windows-1252 character ('“')" in checked("\x93agreed\x94")[1][0]


@pytest.mark.parametrize("text", ["tab\there", "two\nlines", "nbsp\xa0é", "emoji 😀 and 𝔸", "combining e\u0301",
                                  "زبان فارسی\u200cها", "\U0010fffd private"])
def test_characters_a_document_can_hold_pass_unchanged(text):
    assert checked(text) == (text, [])


def test_carriage_returns_are_line_breaks():
    assert checked("a\r\nb\rc") == ("a\nb\nc", [])


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\u200b", "\u200e\u200f", "\ufeff \u2060"])
def test_text_that_shows_nothing_is_refused(text):
    value, problems = checked(text)
    assert value is None and ("text is empty" in problems[0] or "no visible character" in problems[0])


def test_paragraph_cap_is_exact():
    assert checked("x" * MAX_TEXT)[0] is not None
    value, problems = checked("x" * (MAX_TEXT + 1))
    assert value is None and f"text is {MAX_TEXT + 1:,} characters; the limit is {MAX_TEXT:,}" in problems[0]


# -- Markdown injection, read back by pandoc ---------------------------------------------------

HOSTILE = [
    "# Heading", "## Heading", "Heading\n===", "```", "~~~", "    indented code", "<script>alert(1)</script>",
    "<!-- comment -->", "[link](http://x)", "![img](x.png)", "<http://x>", "[ref]: http://x", "- item", "+ item",
    "* item", "1. item", "1) item", "(1) item", "(a) Member States", "a. first", "iv. fourth", "A. Smith",
    "(@) example", "> quote", "| a | b |", "|---|", "[^1]: note", "[^1]", "***", "---", "___", "Term\n: definition",
    ": definition", "::: warning", "Table: caption", "x^2^", "H~2~O", "~~struck~~", "*emph* _emph_ **strong**",
    "`code`", "`code`{=html}", "[span]{.red}", "{#id .class}", "$x^2$", "$$x$$", "\\(x\\)", "\\begin{document}",
    "&amp; &#x41; &copy;", "@doe2020 said", "[@doe2020]", "trailing backslash\\", "trailing spaces   ",
    "{{ 7*7 }}", "{% raw %}", "\\", "|", "%title", "<div>", "line one  \nline two",
]


LANG_TAG = re.compile(r'<span lang="[a-zA-Z-]+"( dir="rtl")?>|</span>')


def _paragraphs(ast: Any) -> list[tuple[tuple[str, ...], str, set[str]]]:
    """Every Para/Plain in a pandoc AST: (enclosing block types, text, inline types used)."""
    found: list[tuple[tuple[str, ...], str, set[str]]] = []

    def inlines(nodes: list[Any], kinds: set[str]) -> str:
        out = ""
        for node in nodes:
            # drafter's own language markup around a cell (`<span lang="zh-CN">…</span>`): a Span
            # with that attribute, or two raw tags where the reader has no spans; not user text
            if node["t"] == "RawInline" and LANG_TAG.fullmatch(node["c"][1]):
                continue
            if node["t"] == "Span" and any(k == "lang" for k, _ in node["c"][0][2]):
                out += inlines(node["c"][1], kinds)
                continue
            kinds.add(node["t"])
            if node["t"] == "Str":
                out += node["c"]
            elif node["t"] in ("Space", "SoftBreak"):
                out += " "
            elif isinstance(node.get("c"), list):
                out += inlines([x for x in node["c"] if isinstance(x, dict) and "t" in x], kinds)
        return out

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, list):
            for x in node:
                walk(x, path)
        elif isinstance(node, dict) and "t" in node:
            if node["t"] in ("Para", "Plain"):
                kinds: set[str] = set()
                found.append((path, inlines(node["c"], kinds), kinds))
            else:
                walk(node.get("c"), (*path, node["t"]))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value, path)

    walk(ast["blocks"], ())
    return found


def _spec_with(texts: list[str], languages: str) -> str:
    quoted = [json.dumps(t, ensure_ascii=False) for t in texts]
    lines = "".join(f"  - text: {{en: {q}, zh: {q}}}\n" for q in quoted)
    return BASE.replace("[en, zh]", languages).replace("themes:", "preamble:\n" + lines + "themes:")


def _read_back(markdown: str, reader: str) -> list[tuple[tuple[str, ...], str, set[str]]]:
    pandoc = need_tool("pandoc")
    done = subprocess.run([pandoc, "-f", reader, "-t", "json"], input=markdown, capture_output=True,
                          text=True, encoding="utf-8", check=True, timeout=60)
    return _paragraphs(json.loads(done.stdout))


def _check_read_back(library, texts: list[str], layout: str, reader: str) -> None:
    """Render `texts` as paragraphs, read the Markdown back, and find each line as written.

    Every line gets a marker at its end (a paragraph's lines become paragraphs or table rows
    of their own), so a line that opened a block or merged into its neighbour is caught.
    """
    languages = "[en]" if layout == "single" else f"[en, zh]\n  layout: {layout}"
    marked = ["\n".join(f"{line} ZQX{i}x{j}" for j, line in enumerate(t.split("\n"))) for i, t in enumerate(texts)]
    spec = check_spec(loads(_spec_with(marked, languages), "spec.yaml"), library)
    markdown = render(resolve(spec, library), "md").decode("utf-8")
    paragraphs = _read_back(markdown, reader)
    parent = () if layout != "parallel" else ("Table",)
    for text in marked:
        for line in text.split("\n"):
            marker = line.rsplit(" ", 1)[1]
            hits = [p for p in paragraphs if p[1].endswith(marker)]
            assert hits, (reader, layout, line, markdown)
            for path, got, kinds in hits:
                assert " ".join(got.split()) == " ".join(line.split()), (reader, layout, line, got)
                assert path == parent, (reader, layout, line, path)
                assert kinds <= {"Str", "Space", "SoftBreak"}, (reader, layout, line, kinds)


@pytest.mark.parametrize("reader", ["commonmark_x-smart", "markdown-smart"])
@pytest.mark.parametrize("layout", ["single", "parallel"])
def test_user_text_reads_back_as_one_plain_paragraph(library, reader, layout):
    """Each hostile text is one paragraph (or table cell) of plain text, exactly as written."""
    _check_read_back(library, HOSTILE, layout, reader)


MARKDOWN_TOKENS = st.sampled_from(list("#*_`[]()<>!|~^$@{}:=+-.\\&%'\" \tabc1") + ["(a)", "1.", "iv.", "--", "<!--"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(MARKDOWN_TOKENS, min_size=1, max_size=12).map("".join).filter(str.strip),
                min_size=1, max_size=30))
def test_random_markdown_punctuation_reads_back_exactly(library, texts):
    _check_read_back(library, texts, "single", "commonmark_x-smart")


def test_escaping_leaves_plain_text_alone():
    for text in ["Connect all people to the Internet.", "确保所有人都能接入互联网。", "e-mail a@b.org, 3.5%"]:
        assert inline(text) in (text, text.replace("a@b", "a@b"))


# -- right to left -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        ("نلتزم بسد الفجوة الرقمية.", RLI + "نلتزم بسد الفجوة الرقمية." + PDI),
        ("אנו מחויבים.", RLI + "אנו מחויבים." + PDI),
        ("2030: الهدف", RLI + "2030: الهدف" + PDI),  # numbers are weak: the first letter decides
        ("The UN (الأمم المتحدة) agrees.", LRI + "The UN (الأمم المتحدة) agrees." + PDI),
        ("unbalanced \u202eoverride", LRI + "unbalanced \u202eoverride" + PDI),
        ("Connect all people.", "Connect all people."),
        ("确保所有人都能接入互联网。", "确保所有人都能接入互联网。"),
        ("", ""),
    ],
)
def test_isolate(text, wrapped):
    assert isolate(text) == wrapped


def test_rtl_paragraph_renders_isolated_with_marks_outside(library):
    edit = "- use: cn-igf.connect.p1\n        text: {en: \"نص معدل.\", zh: 已改。}"
    spec = BASE.replace("- use: cn-igf.connect.p1", edit)
    out = render(resolve(check_spec(loads(spec, "spec.yaml"), library), library), "md").decode("utf-8")
    assert f"{RLI}نص معدل.{PDI} *\\[edited\\]*" in out  # the mark stays outside, left to right


def test_rtl_headings_are_isolated_too():
    assert heading("عنوان") == RLI + "عنوان" + PDI
    assert heading("Title") == "Title"


def test_rtl_survives_a_markdown_reader(library):
    spec = BASE.replace('"Our own commitment."', '"نلتزم بسد الفجوة الرقمية."')
    markdown = render(resolve(check_spec(loads(spec, "spec.yaml"), library), library), "md").decode("utf-8")
    texts = [p[1] for p in _read_back(markdown, "commonmark_x")]
    assert any(f"{RLI}نلتزم بسد الفجوة الرقمية.{PDI}" in t for t in texts)
