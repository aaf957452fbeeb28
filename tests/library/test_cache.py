"""The parsed-library cache (library/cache.py over drafter/cache.py): never stale, never trusted
blindly, safe with several processes, and optional."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
from pathlib import Path

import pytest

from drafter import cache
from drafter.library import cache as libcache
from drafter.library.load import compile_to, load_library, parse_library
from tests.library.test_load import USER_LIB


@pytest.fixture()
def folder(cache_folder: Path) -> Path:
    return cache_folder


@pytest.fixture()
def user(tmp_path) -> Path:
    f = tmp_path / "ngo.yaml"
    f.write_text(USER_LIB, encoding="utf-8")
    return f


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("library-*.marshal"))


def test_second_load_comes_from_the_cache_and_equals_a_parse(folder, user):
    first = load_library([user])
    assert len(entries(folder)) == 1
    again = load_library([user])
    parsed = parse_library([user])
    assert again.items == parsed.items and again.sources == parsed.sources
    assert again.frameworks == parsed.frameworks and again.files == parsed.files
    assert again.crosswalks == parsed.crosswalks and ("gdc-2023", "gdc-2024") in again.crosswalks
    assert again.user_files == parsed.user_files == first.user_files
    for key, item in parsed.items.items():  # locations are not part of ==, so compare them too
        assert again.items[key].location == item.location


def test_an_entry_is_read_not_rebuilt(folder, user, monkeypatch):
    load_library([user])

    def refuse(*args, **kwargs):
        raise AssertionError("parsed although the cache was current")

    monkeypatch.setattr("drafter.library.load.parse_library", refuse)
    assert "my-ngo.connect.1" in load_library([user]).items


def test_a_changed_file_is_never_answered_from_a_stale_entry(folder, user):
    load_library([user])
    user.write_text(USER_LIB.replace("Everyone should be online.", "Everyone is online."), encoding="utf-8")
    assert load_library([user]).items["my-ngo.connect.1"].text["en"] == "Everyone is online."
    assert len(entries(folder)) == 2


def test_a_changed_builtin_file_changes_the_key(tmp_path, folder):
    from drafter import paths

    root = tmp_path / "commitments"
    shutil.copytree(paths.commitments_dir(), root)
    before = libcache.library_key(root, [])
    path = root / "cn-gdc.yaml"
    path.write_bytes(path.read_bytes() + b"\n# edited\n")
    assert libcache.library_key(root, []) != before


def test_a_location_is_displayed_for_the_current_folder(folder, user, monkeypatch):
    load_library([user])
    monkeypatch.chdir(user.parent)
    item = load_library([user]).items["my-ngo.connect.1"]
    assert item.location.file == "ngo.yaml" and item.location.line


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9" * 50])
def test_a_corrupt_entry_is_ignored_and_rebuilt(folder, user, damage):
    load_library([user])
    (entry,) = entries(folder)
    entry.write_bytes(damage)
    assert "my-ngo.connect.1" in load_library([user]).items
    assert entry.read_bytes() != damage  # rebuilt


def test_a_foreign_or_misshapen_entry_is_ignored(folder, user):
    load_library([user])
    (entry,) = entries(folder)
    entry.write_bytes(cache.dumps("library-someone-else", ({}, {}, [], [], [])))
    assert len(load_library([user]).items) == 139
    entry.write_bytes(cache.dumps(entry.stem, ({}, {}, [[0, "not", "a", "source"]], [], [])))
    assert len(load_library([user]).items) == 139


def test_code_in_an_entry_is_not_a_library(folder, user):
    load_library([user])
    (entry,) = entries(folder)
    entry.write_bytes(cache.dumps(entry.stem, compile("raise SystemExit(9)", "x", "exec")))
    assert len(load_library([user]).items) == 139


def test_no_cache_switch_neither_reads_nor_writes(folder, user, monkeypatch):
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    load_library([user])
    assert not folder.exists()


def test_a_read_only_cache_folder_is_not_an_error(folder, user, monkeypatch):
    folder.mkdir(mode=0o500)
    if getattr(os, "getuid", lambda: 0)() == 0:  # root writes anyway: refuse as the kernel would

        def refuse(*args: object, **kwargs: object) -> int:
            raise PermissionError("read-only")

        monkeypatch.setattr(cache.os, "open", refuse)
    try:
        assert len(load_library([user]).items) == 139
        assert entries(folder) == []
    finally:
        folder.chmod(0o700)


def test_an_unwritable_cache_location_is_not_an_error(tmp_path, monkeypatch, user):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(blocker / "cache"))
    assert len(load_library([user]).items) == 139


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_is_not_trusted(folder, user):
    load_library([user])
    folder.chmod(0o777)
    try:
        assert cache.read(entries(folder)[0].stem) is None
        assert len(load_library([user]).items) == 139
    finally:
        folder.chmod(0o700)


def _load_in_child(user: str, out: multiprocessing.Queue) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    out.put(len(load_library([user]).items))


def test_concurrent_writers_leave_one_whole_entry(folder, user):
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_load_in_child, args=(str(user), queue)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [queue.get(timeout=5) for _ in procs] == [139] * 4
    assert len(entries(folder)) == 1
    assert not list(folder.glob("*.tmp"))
    assert cache.read(entries(folder)[0].stem) is not None


def test_the_bundled_cache_is_used_only_for_its_own_data(tmp_path, folder, monkeypatch):
    from drafter import paths

    root = tmp_path / "commitments"
    shutil.copytree(paths.commitments_dir(), root)
    bundled = tmp_path / "library.cache"
    compile_to(root, bundled)
    monkeypatch.setattr(libcache, "BUNDLED", bundled)
    monkeypatch.setattr("drafter.library.load.parse_library", lambda *a, **k: pytest.fail("parsed"))
    lib = load_library(root=root)
    assert len(lib.items) == 138 and not entries(folder)
    assert lib.items["cn-gdc.preamble.1"].location.file.endswith("cn-gdc.yaml")
    monkeypatch.undo()
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(folder))
    monkeypatch.setattr(libcache, "BUNDLED", bundled)
    path = root / "cn-gdc.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: cn-gdc.preamble.1", "- id: cn-gdc.preamble.x"),
                    encoding="utf-8")
    assert "cn-gdc.preamble.x" in load_library(root=root).items  # stale bundled cache ignored


def test_the_comparison_index_shares_the_one_cache(folder, user, monkeypatch):
    from drafter.compare.cache import cached_index

    first = cached_index((str(user),))
    assert len(list(folder.glob("index-*.marshal"))) == 1 and len(entries(folder)) == 1
    again = cached_index((str(user),))
    assert again.items == first.items
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    other = user.with_name("other.yaml")
    other.write_text(USER_LIB.replace("my-ngo", "their-ngo"), encoding="utf-8")
    cached_index((str(other),))
    assert len(list(folder.glob("index-*.marshal"))) == 1
