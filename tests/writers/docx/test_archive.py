"""The deterministic zip container: readable by zipfile, ordered, dated 1980, byte-stable."""

from __future__ import annotations

import io
import zipfile

import pytest

from drafter.writers.docx.archive import deflate, stored, write_zip


def test_write_zip_is_readable_ordered_dated_and_deterministic():
    entries = [deflate("word/document.xml", b"<w:document/>" * 50), stored("[Content_Types].xml", b"<Types/>"),
               deflate("a.bin", b"x"), deflate("docProps/t\u00e9st.xml", b"<a/>")]
    data = write_zip(entries)
    assert data == write_zip(reversed(entries))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        infos = z.infolist()
        names = ["[Content_Types].xml", "a.bin", "docProps/t\u00e9st.xml", "word/document.xml"]
        assert [i.filename for i in infos] == names
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
        assert all(i.external_attr >> 16 == 0o100644 for i in infos)
        assert z.read("word/document.xml") == b"<w:document/>" * 50
        assert z.getinfo("word/document.xml").compress_type == zipfile.ZIP_DEFLATED
        assert z.getinfo("a.bin").compress_type == zipfile.ZIP_STORED  # deflate would not shrink it


def test_write_zip_rejects_duplicate_names():
    with pytest.raises(ValueError, match="duplicate"):
        write_zip([stored("a", b"1"), stored("a", b"2")])
