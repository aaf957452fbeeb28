"""The coverage picture: well-formed SVG, text escaped, same bytes every run, and a browser draws it."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

from drafter.cli import main
from drafter.document.budget import Cell, Coverage, Row, coverage
from drafter.document.resolve import resolve
from drafter.library.framework import Limit
from drafter.spec.load import load_spec
from drafter.writers.svg import OVER, coverage_svg
from tests.conftest import EXAMPLES, need_tool

SVG = "{http://www.w3.org/2000/svg}"


def example_svg(library) -> bytes:
    spec, lib = load_spec(EXAMPLES / "global-dialogue-input.yaml", library)
    return coverage_svg(coverage(resolve(spec, lib), lib.frameworks[spec.framework]), "words")


def test_the_picture_is_svg_with_one_row_per_section_and_a_column_per_source(library):
    root = ET.fromstring(example_svg(library))
    assert root.tag == f"{SVG}svg"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert any(t.startswith("1. Opportunities and risks") for t in texts)
    assert any(t.startswith("China IGF Input") for t in texts)
    assert "1 ¶ · 16 words · 5%" in texts  # the cn-igf principle in q1: 16 of 300 words


def test_same_coverage_same_bytes(library):
    assert example_svg(library) == example_svg(library)


def test_titles_are_text_never_markup():
    hostile = '<script>alert(1)</script> & "quotes"'
    cov = Coverage(hostile, "en", ("src",), {"src": hostile},
                   (Row(hostile, "q1.answer", Limit("en", "words", 10), {"src": Cell(2, 12, 1.2)}),))
    data = coverage_svg(cov, "words")
    assert b"<script>" not in data and b"&lt;script&gt;" in data
    root = ET.fromstring(data)
    assert any(r.get("fill") == OVER for r in root.iter(f"{SVG}rect"))  # over the limit: red
    assert any(hostile in (t.text or "") for t in root.iter(f"{SVG}text"))


def test_stats_writes_the_picture(runner, tmp_path):
    target = tmp_path / "coverage.svg"
    result = runner.invoke(main, ["stats", str(EXAMPLES / "global-dialogue-input.yaml"), "--svg", str(target)])
    assert result.exit_code == 0, result.output
    assert ET.parse(target).getroot().tag == f"{SVG}svg"


def test_chromium_draws_it(library, tmp_path):
    """A real client: headless Chromium renders the SVG to a PNG that is not blank."""
    chromium = need_tool("chromium")
    source = tmp_path / "coverage.svg"
    source.write_bytes(example_svg(library))
    shot = tmp_path / "coverage.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                    "--window-size=1100,500", f"--user-data-dir={tmp_path / 'profile'}", source.as_uri()],
                   capture_output=True, timeout=120, check=False)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(set(_pixels(data))) > 10  # text and shaded cells, not a blank page


def _pixels(png: bytes) -> bytes:
    """The PNG's decompressed image data (filter bytes and all: enough to tell blank from drawn)."""
    import struct
    import zlib

    pos, idat = 8, b""
    while pos < len(png):
        size, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + size]
        pos += size + 12
    return zlib.decompress(idat)
