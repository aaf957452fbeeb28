"""Parsed YAML files kept between runs (load/yamlcache.py): the same document as a parse, read
back without PyYAML, one entry per path, never used for other bytes, never for a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter import cache
from drafter.errors import DrafterError
from drafter.load import yaml as Y
from drafter.load import yamlcache
from drafter.load.builder import Ambiguous
from tests.conftest import EXAMPLES, FIXTURES

TRICKY = """\
date: 2023-04-28
answer: no
octal: 01234
list: [1, 2.5, true, null, "x"]
nested: {a: [{b: c}], 2: two, false: no-key, 2.5: f}
text: "中文 \\u00e9"
"""


@pytest.fixture()
def folder(cache_folder: Path) -> Path:
    return cache_folder


def same(a: Y.YamlDoc, b: Y.YamlDoc) -> None:
    assert (a.file, a.data, a.marks, a.key_marks) == (b.file, b.data, b.marks, b.key_marks)
    assert repr(a.data) == repr(b.data)  # the same types, Ambiguous included, not just equal values


@pytest.mark.parametrize("path", [EXAMPLES / "delegation.yaml", FIXTURES / "batch_broken.yaml", "tricky"])
def test_a_cached_file_is_the_parsed_document(folder, tmp_path, path):
    if path == "tricky":
        path = tmp_path / "tricky.yaml"
        path.write_text(TRICKY, encoding="utf-8")
    first = Y.load_file(path)
    assert len(list(folder.glob("yaml-*.marshal"))) == 1
    assert yamlcache.lookup(Path(path), Path(path).read_bytes()) is not None
    same(Y.load_file(path), first)
    same(Y.load_file(path), Y.loads(Path(path).read_text(encoding="utf-8"), str(path)))


def test_the_tricky_values_survive(folder, tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    Y.load_file(path)
    doc = Y.load_file(path)
    assert isinstance(doc.data["date"], Ambiguous) and str(doc.data["date"]) == "2023-04-28"
    assert isinstance(doc.data["answer"], Ambiguous)
    assert doc.data["nested"][2] == "two" and doc.data["nested"][False] == "no-key" and doc.data["nested"][2.5] == "f"
    assert doc.loc(("nested", "a", 0, "b")).line == 5


def test_a_hit_does_not_parse(folder, tmp_path, monkeypatch):
    path = tmp_path / "t.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    Y.load_file(path)
    monkeypatch.setattr(Y, "loads", lambda *a, **k: pytest.fail("parsed although the cache was current"))
    assert Y.load_file(path, "shown.yaml").file == "shown.yaml"  # the name is the caller's, not the entry's


def test_an_edited_file_is_parsed_again_and_replaces_its_entry(folder, tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert Y.load_file(path).data == {"a": 1}
    path.write_text("a: 2\n", encoding="utf-8")
    assert Y.load_file(path).data == {"a": 2}
    assert len(list(folder.glob("yaml-*.marshal"))) == 1


def test_a_file_with_problems_is_never_stored(folder, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")  # a duplicate key
    for _ in range(2):
        with pytest.raises(DrafterError, match="duplicate"):
            Y.load_file(path)
    assert not list(folder.glob("yaml-*.marshal"))


def test_a_corrupt_or_foreign_entry_is_ignored(folder, tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    Y.load_file(path)
    (entry,) = folder.glob("yaml-*.marshal")
    name = entry.name.removesuffix(".marshal")
    raw = path.read_bytes()
    import hashlib

    for payload in ((hashlib.sha256(raw).hexdigest(), {"a": (1, 2)}, {}, {}), ("x",), "junk"):
        cache.write(name, payload)
        assert Y.load_file(path).data == {"a": [1, 2]}
    entry.write_bytes(b"\x00not marshal")
    assert Y.load_file(path).data == {"a": [1, 2]}


def test_no_cache_no_entry(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    path = tmp_path / "t.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert Y.load_file(path).data == {"a": 1}
    assert not folder.exists()


def test_loads_as_file_is_a_parse_and_feeds_the_files_entry(folder, tmp_path, monkeypatch):
    """`drafter import` checks the spec it writes through `loads_as_file`: the same document as
    `loads`; stored as the parse of the file it will be, so loading that file, or importing
    again to it, parses nothing."""
    text = (EXAMPLES / "delegation.yaml").read_text(encoding="utf-8")
    target = tmp_path / "spec.yaml"
    first = Y.loads_as_file(text, target, "spec.yaml")
    same(first, Y.loads(text, "spec.yaml"))
    parses: list[str] = []
    real = Y.loads
    monkeypatch.setattr(Y, "loads", lambda t, f="<string>": parses.append(f) or real(t, f))
    same(Y.loads_as_file(text, target, "spec.yaml"), first)
    target.write_bytes(text.encode("utf-8"))
    same(Y.load_file(target, "spec.yaml"), first)
    assert parses == []  # both answered from the cache
    Y.loads_as_file(text + "\nextra: 1\n", target, "spec.yaml")
    assert parses == ["spec.yaml"]  # other bytes: parsed afresh


def test_a_repeated_import_parses_its_spec_once(folder, tmp_path, monkeypatch):
    from drafter.interchange.imports import import_file

    draft, out = tmp_path / "draft.md", tmp_path / "out.yaml"
    draft.write_text("# Connect all people\n\nEveryone should be connected to the Internet, everywhere.\n",
                     encoding="utf-8")
    first = import_file(draft, output=out)
    parses: list[str] = []
    real = Y.loads
    monkeypatch.setattr(Y, "loads", lambda t, f="<string>": parses.append(f) or real(t, f))
    again = import_file(draft, output=out)
    assert (again.yaml, again.notes) == (first.yaml, first.notes) and parses == []
    import_file(draft)  # to stdout: no file to keep a parse for, parsed each time
    assert len(parses) == 1
