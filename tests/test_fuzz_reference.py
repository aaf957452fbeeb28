"""Fuzzing the inputs a writer takes from others (issue 12): reference documents and templates.

- reference documents: hypothesis mutates a valid .docx (the bundled reference, with a
  letterhead header and footnotes so there is more to break) — its parts (XML replaced,
  truncated, given a DTD or entities, attributes set to odd numbers), its relationships
  (external, dangling, clashing ids, pointing at drafter's own parts) and its zip entries
  (renamed with `../`, `/`, `\\`, drive letters, other case, duplicated, dropped). Every
  render must end in a `DrafterError` naming the file, or in a .docx that passes
  `hostile_docx.check_clean` (and so opens in python-docx);
- templates: sources built from Jinja2 pieces (nested blocks, brackets, filter chains,
  surrogate escapes, includes, macros) through the sandboxed writer: a `DrafterError` naming
  a template, or Markdown that encodes as UTF-8 — never another exception. (The writer's own
  time limit stays at its default here: the limit stops a template by an exception raised
  in its thread, which hypothesis's garbage-collection hooks would see.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.document.resolve import resolve
from drafter.errors import DrafterError
from drafter.spec.load import load_spec
from drafter.writers.docx import reference
from drafter.writers.docx.layout import render_docx
from drafter.writers.markdown.writer import render_markdown
from tests import hostile_docx as H
from tests.conftest import FIXTURES

SETTINGS = {"deadline": None, "database": None,
            "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}


@pytest.fixture(scope="module")
def sub(library):
    spec, lib = load_spec(FIXTURES / "docx_small.yaml", library)
    return resolve(spec, lib)


def _base() -> H.Members:
    m = H.with_header(H.bundled())
    notes = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{H.W_NS}"><w:footnote w:type="separator" '
             'w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote></w:footnotes>').encode()
    m = H.replace(m, "word/footnotes.xml", notes)
    m = H.add_rel(m, "word/_rels/document.xml.rels", "rIdFn", "footnotes", "footnotes.xml")
    return H.add_override(m, "word/footnotes.xml",
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")


BASE = _base()
PARTS = [n for n, _ in BASE]
XML_PARTS = [n for n in PARTS if n.endswith((".xml", ".rels"))]
ODD_NAMES = st.sampled_from(["../x.xml", "/word/styles.xml", "word\\styles.xml", "C:/x.xml", "Word/Styles.xml",
                             "word/drafter-header1.xml", "word/drafter-footer1.xml", "word/footnotes.xml",
                             "docProps/core.xml", "[Content_Types].xml", "word/_rels/document.xml.rels",
                             "word/vbaProject.bin", "word/media/i.png", "", ".", "word/", "a" * 300 + ".xml"])
TARGETS = st.sampled_from(["styles.xml", "../docProps/core.xml", "../[Content_Types].xml", "_rels/document.xml.rels",
                           "document.xml", "header1.xml", "footnotes.xml", "../../../etc/passwd", "/word/styles.xml",
                           "http://evil.example/x", "missing.xml", "vbaProject.bin", "media/i.png", "#frag", ""])
KINDS = st.sampled_from(["styles", "settings", "header", "footer", "footnotes", "image", "customXml", "theme",
                         "attachedTemplate", "http://schemas.microsoft.com/office/2006/relationships/vbaProject"])
IDS = st.sampled_from(["rId1", "rId3", "rIdHdr", "rIdDrafterHeader1", "rIdDrafterFooter1", "rIdDrafterFootnotes",
                       "rIdRef1", "", "x y"])
NUMBERS = st.sampled_from(["1e400", "-5", "99999999999999999999", "NaN", "inf", "1.5", "0x10", "", "1in", "-0", "720"])
XML_JUNK = st.sampled_from([
    b"", b"<", b"<a>", b"not xml", H.LAUGHS + b"<w:settings/>",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    f'<w:styles xmlns:w="{H.W_NS}"/>'.encode(), f'<w:document xmlns:w="{H.W_NS}"><w:body/></w:document>'.encode(),
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    b"\xff\xfe<\x00a\x00/\x00>\x00", b"<a>" * 3000,
])


OPS = st.one_of(
    st.tuples(st.just("replace"), st.sampled_from(XML_PARTS), XML_JUNK),
    st.tuples(st.just("truncate"), st.sampled_from(PARTS), st.floats(0, 1)),
    st.tuples(st.just("rename"), st.integers(0, 40), ODD_NAMES),
    st.tuples(st.just("duplicate"), st.integers(0, 40)),
    st.tuples(st.just("drop"), st.integers(0, 40)),
    st.tuples(st.just("rel"), st.sampled_from(["word/_rels/document.xml.rels", "word/_rels/settings.xml.rels",
                                                "word/_rels/header1.xml.rels", "_rels/.rels"]),
              IDS, KINDS, TARGETS, st.booleans()),
    st.tuples(st.just("number"), st.sampled_from(["w:left", "w:right", "w:top", "w:w", "w:h", "w:gutter"]), NUMBERS),
    st.tuples(st.just("add"), ODD_NAMES, XML_JUNK),
)


def apply(ops: list[tuple]) -> H.Members:
    """The base reference with the operations done in order (kept small for hypothesis to show)."""
    import re

    m = list(BASE)
    for op, *args in ops:
        names = [n for n, _ in m]
        if op == "replace":
            m = H.replace(m, args[0], args[1])
        elif op == "truncate" and args[0] in names:
            data = dict(m)[args[0]]
            m = H.replace(m, args[0], data[: int(len(data) * args[1])])
        elif op == "rename" and m:
            i = args[0] % len(m)
            m[i] = (args[1], m[i][1])
        elif op == "duplicate" and m:
            m.append(m[args[0] % len(m)])
        elif op == "drop" and m:
            m.pop(args[0] % len(m))
        elif op == "rel":
            m = H.add_rel(m, *args[:4], external=args[4])
        elif op == "number" and "word/document.xml" in names:
            attr, value = args[0].encode(), args[1].encode()
            m = H.edit(m, "word/document.xml", lambda d, a=attr, v=value: re.sub(a + rb'="[^"]*"', a + b'="' + v + b'"',
                                                                                 d, count=1))
        elif op == "add":
            m.append((args[0], args[1]))
    return m


@settings(max_examples=300, **SETTINGS)
@given(ops=st.lists(OPS, min_size=1, max_size=4))
def test_mutated_reference_documents(sub, tmp_path_factory, ops):
    path = Path(tmp_path_factory.mktemp("ref")) / "house.docx"
    path.write_bytes(H.zipped(apply(ops)))
    reference._read.cache_clear()
    try:
        data = render_docx(sub, path)
    except DrafterError as exc:
        assert all(str(p.location).startswith(str(path)) for p in exc.problems), str(exc)
        return
    H.check_clean(data)


# -- templates ---------------------------------------------------------------------------------

PIECES = st.sampled_from([
    "{{ meta.title.en }}", "{% for x in langs %}", "{% endfor %}", "{% if true %}", "{% endif %}",
    "(", ")", "[", "]", "{{ (", ") }}", "|e", "|upper", '{{ "\\ud800" }}', '{{ "\\U0001F600" }}', "\n",
    "{% macro m() %}{% endmacro %}", "{{ m() }}", "{% include 'markdown/macros.md.j2' %}",
    "{{ 1 + 1 }}", "{{ x }}", "{% raw %}", "{% endraw %}", "{#", "#}", "{{", "}}", "{%", "%}", "é", "\t",
])


@st.composite
def template_source(draw) -> str:
    parts = draw(st.lists(PIECES, max_size=40))
    if draw(st.booleans()):  # deep structure, beyond what Python compiles
        kind = draw(st.sampled_from(["for", "if", "paren", "filter", "list"]))
        n = draw(st.integers(10, 300))
        deep = {"for": "{% for x in langs %}" * n + "{% endfor %}" * n,
                "if": "{% if true %}" * n + "{% endif %}" * n,
                "paren": "{{ " + "(" * n + "1" + ")" * n + " }}",
                "filter": "{{ 'x'" + "|e" * n + " }}", "list": "{{ " + "[" * n + "]" * n + " }}"}[kind]
        parts.insert(draw(st.integers(0, len(parts))), deep)
    return "".join(parts)


@settings(max_examples=200, **SETTINGS)
@given(source=template_source())
def test_generated_templates(sub, tmp_path_factory, source):
    folder = Path(tmp_path_factory.mktemp("tpl"))
    (folder / "markdown").mkdir()
    (folder / "markdown" / "submission.md.j2").write_text(source, encoding="utf-8", errors="surrogatepass")
    try:
        out = render_markdown(sub, templates=folder)
    except DrafterError as exc:
        assert all(str(p.location).startswith(str(folder)) for p in exc.problems), str(exc)
        return
    out.encode("utf-8")
