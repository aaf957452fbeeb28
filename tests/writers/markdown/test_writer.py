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
    assert 'date: "28 April 2023 / 2023年4月28日"' in head and '- "Example"' in head and '- "示例"' in head
    body = out.split("---\n", 2)[2]
    assert "Example" not in body and "28 April 2023" not in body  # shown once, in pandoc's title block


def test_unofficial_and_edited_are_marked(library):
    text = BASE.replace(
        "- use: cn-igf.connect.p1",
        "- use: cn-igf.intro\n      - use: cn-igf.connect.p1\n        text: {en: Changed., zh: 已改。}",
    )
    out = md_text(text, library)
    assert "*〔非官方译文〕*" in out  # the marks the DOCX has, in the same brackets
    assert " *\\[edited\\]*" in out and "*〔已修改〕*" in out
    assert "unofficial translation" in out and "非官方译文" in out


def test_mark_edits_off(library):
    text = (
        BASE.replace("- use: cn-igf.connect.p1", "- use: cn-igf.connect.p1\n        text: {en: Changed., zh: 已改。}")
        + "options: {mark_edits: false}\n"
    )
    assert "edited\\]" not in md_text(text, library)


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


@pytest.mark.parametrize("fmt", ["md", "docx", "html"])
def test_same_input_same_bytes_in_fresh_processes(tmp_path, fmt):
    """Determinism across processes: two interpreters with different hash seeds (so any set
    or dict ordered by hash would differ) render the same spec to the same bytes."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    spec = tmp_path / "spec.yaml"
    spec.write_text(BASE, encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        done = subprocess.run([sys.executable, "-m", "drafter", "render", str(spec), "--format", fmt, "-o", "-"],
                              capture_output=True, env=env, check=False, cwd=tmp_path)
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000
# -- the Markdown says what the DOCX says (issue 13) ------------------------------------------

def pandoc_blocks(markdown: str) -> dict:
    """The document as pandoc reads it (its JSON AST), a real client."""
    import json
    import subprocess

    from tests.conftest import need_tool

    pandoc = need_tool("pandoc")
    done = subprocess.run([pandoc, "-f", "markdown", "-t", "json"], input=markdown, capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def plain(inlines: list) -> str:
    out = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Quoted", "Span"):
            out.append(plain(content[-1] if kind in ("Quoted", "Span") else content))
    return "".join(out)


def meta_text(meta: dict, key: str) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    items = value["c"] if value["t"] == "MetaList" else [value]
    return [plain(item["c"]) if item["t"] == "MetaInlines" else item["c"] for item in items]


@pytest.mark.parametrize("name", ["delegation", "chinese-first", "civil-society", "letter", "global-dialogue-input",
                                  "delegation@gdc-2024", "letter@gdc-2024"])
def test_pandoc_shows_each_heading_submitter_and_date_once(name, monkeypatch):
    """Also for a questionnaire (a user framework) and for the 2023 examples restructured into the
    adopted Compact (`@gdc-2024`, as `--framework gdc-2024` does): issue 13's parity, issue 18's
    frameworks."""
    from drafter.spec.restructure import restructure

    monkeypatch.chdir(EXAMPLES.parent)
    name, _, framework = name.partition("@")
    spec, lib = load_spec(f"examples/{name}.yaml")
    if framework:
        spec = restructure(spec, lib, framework)
    sub = resolve(spec, lib)
    doc = pandoc_blocks(render(sub, "md").decode("utf-8"))
    headers = [plain(b["c"][2]) for b in doc["blocks"] if b["t"] == "Header"]
    if sub.meta.layout in ("parallel", "interleaved"):
        expected_h1 = [" / ".join(t.heading.values()) for t in sub.themes]
        if sub.preamble_heading:
            expected_h1.insert(0, " / ".join(sub.preamble_heading.values()))
    else:
        expected_h1 = [t.heading[sub.meta.languages[0]] for t in sub.themes]
    h1 = [plain(b["c"][2]) for b in doc["blocks"] if b["t"] == "Header" and b["c"][0] == 1]
    for heading in expected_h1:
        assert h1.count(heading) == 1, heading
    if sub.preamble_heading:  # the DOCX has "Introduction" and "Conclusion": so has the Markdown
        assert any(sub.preamble_heading[sub.meta.languages[0]] in h for h in headers)
    if sub.closing_heading and sub.closing:
        assert any(sub.closing_heading[sub.meta.languages[0]] in h for h in headers)
    authors, dates = meta_text(doc["meta"], "author"), meta_text(doc["meta"], "date")
    body = " ".join(plain(b["c"]) for b in doc["blocks"] if b["t"] in ("Para", "Plain"))
    for lang in sub.meta.languages:
        shown_in_meta = sub.meta.submitter[lang] in authors
        assert shown_in_meta + body.count(sub.meta.submitter[lang] + " — ") <= 1, lang
        date = sub.meta.date_display[lang]
        assert (date in " ".join(dates)) + body.count(" — " + date) <= 1, lang


def test_citations_are_the_docx_footnotes_word_for_word(subs):
    """Both writers print the model's footnote: same text, same count, no internal ids."""
    from tests.writers.conftest import W, xml

    sub = subs["full"]
    md = render(sub, "md").decode("utf-8")
    md_notes = [line.split(": ", 1)[1] for line in md.splitlines() if line.startswith("[^")]
    docx = render(sub, "docx")
    notes = xml(docx, "word/footnotes.xml").findall(f"{W}footnote")
    by_id = {n.get(f"{W}id"): "".join(n.itertext()).strip() for n in notes if n.get(f"{W}type") is None}
    docx_notes = [by_id[r.get(f"{W}id")] for r in xml(docx).iter(f"{W}footnoteReference")]
    assert [n.replace("\\", "") for n in md_notes] == docx_notes
    assert not any("cn-igf." in n for n in md_notes)
    assert any(n.startswith("Ibid.,") for n in md_notes) and "(2023)" in md_notes[0]


def test_item_ids_only_when_asked(library):
    shown = md_text(BASE + "options: {provenance: footnotes, show_ids: true}\n", library)
    assert "[cn-igf.connect.p1\\]" in shown.replace("\\[", "[")
    assert "cn-igf.connect.p1" not in md_text(BASE + "options: {provenance: footnotes}\n", library)
    annex = md_text(BASE + "options: {show_ids: true}\n", library)
    assert "`cn-igf.connect.p1`" in annex and "`cn-igf.connect.p1`" not in md_text(BASE, library)


def test_a_letter_in_markdown(library):
    text = BASE.replace("  languages: [en, zh]\n", "  languages: [en, zh]\n  form: letter\n  original_language: zh\n"
                        "  signatory: {en: \"A. N. Example\\nAmbassador\", zh: 阿·恩·示例}\n")
    out = md_text(text, library)
    assert "**Letter dated 28 April 2023 from Example addressed to the Secretary-General**" in out
    assert "Original: Chinese · \\(Translation\\)" in out.replace("(Translation)", "\\(Translation\\)") or \
        "Original: Chinese · (Translation)" in out
    assert "(Signed) A. N. Example\\\nAmbassador" in out and "阿·恩·示例（签名）" in out
    assert "1\\." not in out  # nothing numbered


@pytest.mark.parametrize("name", EXAMPLE_SPECS)
def test_the_sandbox_and_the_trusted_environment_print_the_same(name, monkeypatch, tmp_path):
    """drafter's own templates run outside the sandbox (writer._builtin_environment); the same
    templates given as user templates run inside it, and must print the same bytes."""
    import shutil

    from drafter import paths
    from drafter.writers.markdown.sandbox import BoundedSandbox
    from drafter.writers.markdown.writer import _builtin_environment, render_markdown

    assert not isinstance(_builtin_environment(), BoundedSandbox)
    shutil.copytree(paths.templates_dir() / "markdown", tmp_path / "markdown")
    monkeypatch.chdir(EXAMPLES.parent)
    spec, lib = load_spec(f"examples/{name}")
    sub = resolve(spec, lib)
    assert render_markdown(sub, templates=tmp_path) == render_markdown(sub)
