"""The bundled reference document's template, kept in drafter's cache (writers/docx/bundled.py):
the same value as reading the document, and the same bytes out."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.writers.docx import bundled
from drafter.writers.docx.reference import _read, load_template
from drafter.writers.docx.template import bundled_reference


@pytest.fixture()
def folder(cache_folder: Path) -> Iterator[Path]:
    bundled._bundled.cache_clear()
    _read.cache_clear()
    yield cache_folder
    bundled._bundled.cache_clear()


def test_the_cached_template_is_the_read_one(folder):
    read = load_template(None)
    assert bundled.decode(bundled.encode(read)) == read
    first = bundled.template(None)  # reads and stores
    assert first == read and len(list(folder.glob("reference-*.marshal"))) == 1
    bundled._bundled.cache_clear()
    _read.cache_clear()
    again = bundled.template(None)  # from the entry
    assert again == read
    assert [e.payload for e in again.entries] == [e.payload for e in read.entries]


def test_a_hit_reads_no_document(folder, monkeypatch):
    bundled.template(None)
    bundled._bundled.cache_clear()
    monkeypatch.setattr(bundled, "_read", lambda: pytest.fail("read the document although the cache held it"))
    assert bundled.template(None).main_part == "word/document.xml"


def test_a_corrupt_entry_is_read_again(folder):
    bundled.template(None)
    (entry,) = folder.glob("reference-*.marshal")
    for junk in (b"junk", entry.read_bytes()[:-40]):
        entry.write_bytes(junk)
        bundled._bundled.cache_clear()
        assert bundled.template(None) == load_template(None)


@pytest.mark.parametrize("payload", [{}, {"main_part": 1}, "x", None])
def test_decode_refuses_other_shapes(payload):
    with pytest.raises((ValueError, TypeError, KeyError)):
        bundled.decode(payload)


def test_a_user_reference_is_not_cached(folder, tmp_path):
    mine = tmp_path / "house.docx"
    shutil.copy(bundled_reference(), mine)
    assert bundled.template(mine) == load_template(mine)
    assert not list(folder.glob("reference-*.marshal"))
