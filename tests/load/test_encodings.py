"""Files in UTF-16 or UTF-32, with or without a byte order mark, are named as such."""

from __future__ import annotations

import pytest

from drafter.errors import DrafterError
from drafter.load.yaml import decode, wide_encoding

TEXT = "drafter: 1\nsubmission: {title: {zh: 中文}}\n"


@pytest.mark.parametrize(("codec", "name"), [
    ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
    ("utf-32", "UTF-32"), ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"),
])
def test_wide_encodings_are_named(codec, name):
    raw = TEXT.encode(codec)
    assert wide_encoding(raw) == name
    with pytest.raises(DrafterError, match=f"file is {name} text"):
        decode(raw, "f.yaml")


@pytest.mark.parametrize("raw", [TEXT.encode(), b"\xef\xbb\xbf" + TEXT.encode(), b"", b"a", "中文：一".encode()])
def test_utf8_is_not_mistaken(raw):
    assert wide_encoding(raw) is None
