"""Text that must survive the real clients (issue 12, classes 3, 10, 11, 12), each check with a
mutation that shows it can fail:

- tabs: LibreOffice keeps a leading and an inner tab (read back as LibreOffice's own text);
- an unbalanced U+202E in a user paragraph does not reverse drafter's "[edited]" mark (PDF text);
- Markdown: `:smile:` stays text and a leading no-break space stays, with pandoc's gfm and
  commonmark_x readers;
- a reference document holding every hostile part still gives a document LibreOffice and
  python-docx open.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from drafter.document.resolve import resolve
from drafter.spec.load import load_spec
from drafter.writers import bidi
from drafter.writers.docx import wordml
from drafter.writers.docx.layout import render_docx
from drafter.writers.markdown.writer import render_markdown
from tests import hostile_docx as H
from tests.conftest import need_tool
from tests.writers.conftest import pdf_text

SPEC = """drafter: 1
submission:
  title: {{en: "Hostile text", zh: 文本}}
  submitter: {{en: Example, zh: 示例}}
  date: "2023-04-28"
  languages: [en]
themes:
  connect:
    principles:
      - use: cn-igf.connect.p1
        text: {{en: "{edited}"}}
    commitments:
      - text: {{en: "{own}"}}
"""


def submission(tmp_path: Path, edited: str = "Edited text.", own: str = "Own text.", library=None):
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC.format(edited=edited, own=own), encoding="utf-8")
    spec, lib = load_spec(path, library)
    return resolve(spec, lib)


def libreoffice_text(docs: dict[str, bytes], folder: Path) -> dict[str, str]:
    """Each document as LibreOffice reads it, saved as plain UTF-8 text (tabs kept)."""
    soffice = need_tool("soffice")
    paths = []
    for name, data in docs.items():
        (folder / f"{name}.docx").write_bytes(data)
        paths.append(str(folder / f"{name}.docx"))
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                    "txt:Text (encoded):UTF8", "--outdir", str(folder), *paths],
                   capture_output=True, text=True, timeout=240, check=False)
    return {name: (folder / f"{name}.txt").read_text(encoding="utf-8-sig") for name in docs}


@pytest.fixture(autouse=True)
def _fresh_lines():
    """`wordml.line` caches laid-out lines and `escape.inline` escaped ones; the mutations below
    change what lies under them, so nothing laid out before or during a mutated render may be
    served to another render."""
    from drafter.writers.markdown import escape

    wordml.line.cache_clear()
    escape.inline.cache_clear()
    yield
    wordml.line.cache_clear()
    escape.inline.cache_clear()


def test_libreoffice_keeps_leading_and_inner_tabs(tmp_path, library, monkeypatch):
    sub = submission(tmp_path, own="\\tLeading tab, then an inner\\ttab.", library=library)
    good = render_docx(sub)
    # the mutation: a raw tab in w:t without xml:space, as drafter wrote it before
    monkeypatch.setattr(wordml, "run", lambda text, lang, style=None, **kw: (
        f"<w:r>{wordml.rpr(lang, style, kw.get('implicit', ''), kw.get('rtl', ''))}"
        + (f"<w:t>{wordml.esc(kw['number'])}</w:t><w:tab/>" if kw.get("number") else "")
        + f"<w:t>{wordml.esc(text)}</w:t></w:r>"))
    wordml.line.cache_clear()  # lines laid out before the mutation are cached
    bad = render_docx(sub)
    text = libreoffice_text({"good": good, "bad": bad}, tmp_path)
    assert "\tLeading tab, then an inner\ttab." in text["good"]
    assert "inner\ttab" not in text["bad"]  # proves the check can fail


def test_unbalanced_override_does_not_reverse_the_edited_mark(tmp_path, library, monkeypatch):
    sub = submission(tmp_path, edited="Open \\u202eoverride left open", library=library)
    good = pdf_text(render_docx(sub), tmp_path, "good")
    assert "[edited]" in good and "]detide[" not in good
    monkeypatch.setattr(bidi, "closers", lambda text: "")  # the mutation: nothing closes it
    wordml.line.cache_clear()  # lines laid out before the mutation are cached
    bad = pdf_text(render_docx(sub), tmp_path, "bad")
    assert "]detide[" in bad  # proves the check can fail


def test_markdown_isolates_user_text_from_the_mark(tmp_path, library):
    out = render_markdown(submission(tmp_path, edited="Open \\u202eoverride", library=library))
    line = next(x for x in out.splitlines() if "override" in x)
    assert line.index("\u2069") < line.index("[edited")  # the isolate closes before the mark


@pytest.mark.parametrize("reader", ["gfm", "commonmark_x"])
def test_pandoc_shows_shortcodes_and_keeps_a_leading_no_break_space(tmp_path, library, reader, monkeypatch):
    pandoc = need_tool("pandoc")
    sub = submission(tmp_path, own="\\u00a0Indented :smile: and :+1: here.", library=library)

    def plain(markdown: str) -> str:
        return subprocess.run([pandoc, "-f", reader, "-t", "plain", "--wrap=none"], input=markdown,
                              capture_output=True, text=True, check=True).stdout

    shown = plain(render_markdown(sub))
    assert ":smile: and :+1: here." in shown and "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}" not in shown
    assert "\u00a0Indented" in shown
    from drafter.writers.markdown import escape

    monkeypatch.setattr(escape, "_SHORTCODE", __import__("re").compile(r"(?!)"))  # the mutation
    escape.inline.cache_clear()  # lines escaped before the mutation are cached
    assert ":smile:" not in plain(render_markdown(sub))  # proves the check can fail


def test_a_reference_with_every_hostile_part_opens_in_libreoffice_and_python_docx(tmp_path, library):
    ref = tmp_path / "hostile.docx"
    ref.write_bytes(H.everything())
    data = render_docx(submission(tmp_path, library=library), ref)
    H.check_clean(data)
    text = pdf_text(data, tmp_path, "hostile")
    assert "Hostile text" in text and "Own text." in text
