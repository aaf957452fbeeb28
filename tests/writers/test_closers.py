"""`bidi.closers`: what a text leaves open is closed, and nothing else is added."""

from __future__ import annotations

import pytest

from drafter.writers import bidi

LRE, RLE, PDF, LRO, RLO = "\u202a\u202b\u202c\u202d\u202e"
LRI, RLI, FSI, PDI = "\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize(("text", "closed"), [
    ("plain", ""), ("中文", ""), (f"a{RLO}b", PDF), (f"{RLO}{LRE}x", PDF + PDF), (f"{RLO}x{PDF}", ""),
    (f"{RLI}x", PDI), (f"{RLI}{RLO}x", PDF + PDI), (f"{RLI}{RLO}x{PDI}", ""), (f"{PDF}{PDI}x", ""),
    (f"{RLO}{RLI}x{PDF}", PDI + PDF), (f"{LRO}{FSI}{RLE}", PDF + PDI + PDF), ("مرحبا", ""),
])
def test_closers(text, closed):
    assert bidi.closers(text) == closed
