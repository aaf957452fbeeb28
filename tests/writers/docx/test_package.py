"""The .docx package as Word and LibreOffice see it: OOXML schema validity, what the schema
cannot see (cells ending in paragraphs, relationship ids, content types, docPr ids),
LibreOffice's rendering, byte determinism, and the reproducible bundled reference document.
"""

from __future__ import annotations

import importlib.util
import posixpath
import subprocess
import sys
from itertools import product

import pytest
from lxml import etree

from drafter.writers.docx import reference
from drafter.writers.docx.layout import render_docx
from tests.conftest import ROOT
from tests.writers.conftest import R_ID, W, pdf_text, render, strip_ignorable, unzip, variant

WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
LAYOUTS = ("parallel", "sequential", "interleaved")
PROVENANCE = ("footnotes", "annex", "none")


@pytest.fixture(scope="module")
def variants(subs) -> dict[str, bytes]:
    """Every layout x provenance of the small fixture, the full fixture, and English only."""
    out = {f"{lay}-{prov}": render(subs["small"], layout=lay, provenance=prov)
           for lay, prov in product(LAYOUTS, PROVENANCE)}
    out["full"] = render(subs["full"])
    out["english"] = render(subs["english"])
    return out


def wordml_parts(parts: dict[str, bytes]) -> list[str]:
    """The WordprocessingML parts (the theme is DrawingML, docProps are OPC)."""
    return [n for n in parts if n.startswith("word/") and n.endswith(".xml") and "/theme/" not in n]


def test_every_wordml_part_is_schema_valid(variants, wml_schema):
    checked = set()
    for name, data in variants.items():
        parts = unzip(data)
        for part in wordml_parts(parts):
            root = strip_ignorable(etree.fromstring(parts[part]))
            assert wml_schema.validate(root), f"{name}:{part}: {wml_schema.error_log.last_error}"
            checked.add(posixpath.basename(part))
    assert {"document.xml", "styles.xml", "settings.xml", "footnotes.xml", "fontTable.xml",
            "drafter-header1.xml", "drafter-footer2.xml"} <= checked


def test_what_the_schema_cannot_see(variants):
    for name, data in variants.items():
        parts = unzip(data)
        doc = etree.fromstring(parts["word/document.xml"])
        for tc in doc.iter(f"{W}tc"):
            assert etree.QName(tc[-1]).localname == "p", f"{name}: a table cell must end with a paragraph"
        body = doc.find(f"{W}body")
        assert etree.QName(body[-1]).localname == "sectPr" and etree.QName(body[-2]).localname == "p"
        doc_pr_ids = []
        for part in parts:
            if not part.endswith(".xml"):
                continue
            root = etree.fromstring(parts[part])
            doc_pr_ids += [el.get("id") for el in root.iter(WP_DOCPR)]
            rels_name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
            rel_ids = set()
            if rels_name in parts:
                for rel in etree.fromstring(parts[rels_name]):
                    rel_ids.add(rel.get("Id"))
                    if rel.get("TargetMode") != "External":
                        target = posixpath.normpath(posixpath.join(posixpath.dirname(part), rel.get("Target")))
                        assert target in parts, f"{name}: {rels_name} points at missing {target}"
            used = {el.get(R_ID) for el in root.iter() if isinstance(el.tag, str) and el.get(R_ID)}
            assert used <= rel_ids, f"{name}:{part}: dangling r:id {used - rel_ids}"
        assert len(doc_pr_ids) == len(set(doc_pr_ids)), f"{name}: duplicate wp:docPr ids"
        types = etree.fromstring(parts["[Content_Types].xml"])
        overrides = {t.get("PartName")[1:] for t in types if t.get("PartName")}
        defaults = {t.get("Extension") for t in types if t.get("Extension")}
        for part in parts:
            if part != "[Content_Types].xml":
                assert part in overrides or part.rsplit(".", 1)[-1] in defaults, f"{name}: no content type for {part}"
        assert overrides <= set(parts), f"{name}: content type for a missing part"


def test_same_submission_same_bytes(subs):
    first = render_docx(subs["full"])
    reference._read.cache_clear()  # a new process: the template read again
    assert render_docx(subs["full"]) == first
    assert render(subs["small"], layout="sequential") == render(subs["small"], layout="sequential")


def test_bundled_reference_document_rebuilds_byte_identical():
    path = ROOT / "scripts" / "build_reference_doc.py"
    spec = importlib.util.spec_from_file_location("build_reference_doc", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "templates" / "reference.docx").read_bytes()
    assert module.build() == committed, "templates/reference.docx is stale: run scripts/build_reference_doc.py"


def test_python_docx_is_never_imported_to_render():
    code = ("import sys, drafter, drafter.writers.docx.layout; assert 'docx' not in sys.modules; "
            "from drafter.spec.load import load_spec; from drafter.document.resolve import resolve; "
            f"s, lib = load_spec({str(ROOT / 'tests/fixtures/docx_small.yaml')!r}); "
            "drafter.writers.docx.layout.render_docx(resolve(s, lib)); assert 'docx' not in sys.modules, 'imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_libreoffice_shows_both_languages(subs, tmp_path):
    text = pdf_text(render_docx(variant(subs["small"], provenance="footnotes")), tmp_path, "small")
    flat = "".join(text.split())  # reading order: one column, then the next
    assert "Languagemustneverkeepanyoneoffline." in flat
    assert "公平促进数字基础设施建设与创新发展" in flat
    assert "〔非官方译文〕" in flat and "Page1of" in flat
    assert "ChinaIGFInputtotheGDC(2023),Introductoryparagraph" in flat  # a footnote, in full
    assert "Ibid.,Connectallpeople,CorePrinciple1." in flat  # the same source again
