"""options.redline in the HTML page (the studio's preview): `<del>` / `<ins>` around the changes."""

from __future__ import annotations

import re

from msgspec.structs import replace

from drafter.document.resolve import resolve
from drafter.spec.load import load_spec
from drafter.writers import render
from tests.conftest import FIXTURES


def test_html_shows_the_changes(library):
    spec, lib = load_spec(FIXTURES / "redline.yaml", library)
    sub = resolve(spec, lib)
    page = render(sub, "html").decode()
    assert "<del>should</del><ins>must</ins>" in page
    assert "<del>促进</del><ins>推进</ins>" in page
    assert "<ins>Our own commitment: 5 &lt; 6.</ins>" in page
    plain = render(replace(sub, options=replace(sub.options, redline=False)), "html").decode()
    accepted = re.sub(r"</?ins>", "", re.sub(r"<del>.*?</del>", "", page))
    assert accepted == plain
