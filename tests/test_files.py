"""Writing files (issue 7, item 7): atomic replacement, permissions, cleanup, safe names."""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter import files as output
from drafter.errors import DrafterError
from drafter.files import MAX_NAME_BYTES, WINDOWS_RESERVED, atomic_write, safe_name


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- atomic_write --------------------------------------------------------------------------

def test_writes_new_file_with_umask_permissions(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "a.md", b"hello")
    finally:
        os.umask(old)
    assert (tmp_path / "a.md").read_bytes() == b"hello"
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_umask_is_read_without_changing_it(monkeypatch, mask):
    old = os.umask(mask)
    try:
        calls = []
        real = os.umask
        monkeypatch.setattr(os, "umask", lambda m: calls.append(m) or real(m))
        value = output._umask()
        monkeypatch.undo()
        if Path("/proc/self/status").exists():
            assert calls == []  # read from /proc: no window where another thread sees umask 0
        assert value == mask
        assert os.umask(mask) == mask  # and it is unchanged
    finally:
        os.umask(old)


def test_replacing_keeps_the_old_files_permissions(tmp_path):
    target = tmp_path / "a.md"
    target.write_bytes(b"old")
    target.chmod(0o600)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_temp_file_is_in_the_target_folder_and_synced(tmp_path, monkeypatch):
    seen = {}
    real_fsync = os.fsync

    def fsync(fd):
        seen.setdefault("fds", []).append(fd)
        return real_fsync(fd)

    real_replace = os.replace

    def replace(src, dst):
        seen["src"], seen["dst"] = Path(src), Path(dst)
        return real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    atomic_write(tmp_path / "a.md", b"x")
    assert seen["src"].parent == tmp_path and seen["dst"] == tmp_path / "a.md"
    assert seen["src"].name.startswith(".a.md.") and seen["src"].name.endswith(".tmp")
    assert len(seen["fds"]) >= 1


class Boom(Exception):
    pass


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt(), Boom("bug")])
@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_failure_mid_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch, failure, where):
    target = tmp_path / "a.md"
    target.write_bytes(b"the last good version")

    def fail(*args, **kwargs):
        raise failure

    if where == "write":
        real_fdopen = os.fdopen

        def fdopen(fd, *args, **kwargs):
            fh = real_fdopen(fd, *args, **kwargs)

            class Half:
                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    fh.close()

                def write(self, data):
                    fh.write(data[: len(data) // 2])  # half of it reaches the disk, then…
                    raise failure

                def __getattr__(self, name):
                    return getattr(fh, name)

            return Half()

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(os, where, fail)
    expected = DrafterError if isinstance(failure, OSError) else type(failure)
    with pytest.raises(expected) as exc:
        atomic_write(target, b"a new version that is longer than the old one")
    monkeypatch.undo()
    assert target.read_bytes() == b"the last good version"
    assert leftovers(tmp_path) == []
    if isinstance(failure, OSError):
        assert "No space left on device" in str(exc.value) and str(exc.value).startswith(str(target))


def test_missing_folder_folder_path_and_input_files(tmp_path):
    with pytest.raises(DrafterError, match="does not exist"):
        atomic_write(tmp_path / "nope" / "a.md", b"x")
    with pytest.raises(DrafterError, match="output path is a folder"):
        atomic_write(tmp_path, b"x")
    spec = tmp_path / "spec.yaml"
    spec.write_text("drafter: 1\n", encoding="utf-8")
    with pytest.raises(DrafterError, match="overwrite the input file"):
        atomic_write(tmp_path / "." / "spec.yaml", b"x", keep=[spec, None])
    assert spec.read_text(encoding="utf-8") == "drafter: 1\n"


def test_read_only_target_is_refused(tmp_path, monkeypatch):
    target = tmp_path / "a.md"
    target.write_bytes(b"keep me")
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # as a non-root user would see it
    with pytest.raises(DrafterError, match="read-only"):
        atomic_write(target, b"x")
    assert target.read_bytes() == b"keep me"


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_a_symlinked_target_is_replaced_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"not yours")
    link = tmp_path / "out.md"
    link.symlink_to(elsewhere)
    atomic_write(link, b"rendered")
    assert elsewhere.read_bytes() == b"not yours"
    assert not link.is_symlink() and link.read_bytes() == b"rendered"


def test_unwritable_folder_is_a_located_error(tmp_path, monkeypatch):
    def mkstemp(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output, "mkstemp", mkstemp)
    with pytest.raises(DrafterError, match="cannot write in .*Permission denied"):
        atomic_write(tmp_path / "a.md", b"x")


# -- safe_name ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "_._etc_passwd"),
        ("/etc/passwd", "_etc_passwd"),
        ("..", "_"),
        (".", "_"),
        ("", "_"),
        ("a/../../b", "a_._._b"),
        ("..\\..\\windows", "_._windows"),
        ("C:\\evil", "C__evil"),
        ("\\\\server\\share", "__server_share"),
        (".hidden", "hidden"),
        ("name. ", "name"),
        ("a<b>c:d\"e|f?g*h", "a_b_c_d_e_f_g_h"),
        ("tab\there", "tab_here"),
        ("CON", "CON_"),
        ("con.docx", "con_.docx"),
        ("CON.docx", "CON_.docx"),
        ("aux", "aux_"),
        ("Aux.tar.gz", "Aux_.tar.gz"),
        ("nul.txt", "nul_.txt"),
        ("COM1.md", "COM1_.md"),
        ("lpt9", "lpt9_"),
        ("COM¹.md", "COM¹_.md"),
        ("CONIN$", "CONIN$_"),
        ("con .docx", "con _.docx"),
        ("console.docx", "console.docx"),
        ("report\u202excod.docx", "report_xcod.docx"),  # right-to-left override spoofing
        ("zero\u200bwidth", "zero_width"),
        ("a\ud800b", "a_b"),
        ("e\u0301.md", "\u00e9.md"),  # NFD in, NFC out
        ("دفتر.md", "دفتر.md"),
        ("می\u200cخواهم.md", "می\u200cخواهم.md"),  # Persian zero-width non-joiner is spelling
    ],
)
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_every_reserved_name_with_any_extension():
    for reserved in WINDOWS_RESERVED:
        for name in (reserved, reserved.upper(), f"{reserved}.docx", f"{reserved.title()}.tar.gz"):
            stem = safe_name(name).partition(".")[0]
            assert stem.lower() not in WINDOWS_RESERVED, name


@pytest.mark.parametrize(
    "name",
    ["x" * 300 + ".docx", "é" * 150 + ".md", "中" * 100 + ".docx", "😀" * 80 + ".md",
     "e\u0301" * 120 + ".md", "👩\u200d💻" * 40 + ".md", "a" * 500],
)
def test_long_names_are_cut_on_character_boundaries_keeping_the_extension(name):
    cut = safe_name(name)
    encoded = cut.encode("utf-8")
    assert len(encoded) <= MAX_NAME_BYTES
    assert encoded.decode("utf-8") == cut
    assert Path(cut).suffix == Path(name).suffix
    stem = cut[: len(cut) - len(Path(cut).suffix)]
    assert not unicodedata.combining(stem[-1]) and stem[-1] != "\u200d"
    assert unicodedata.normalize("NFC", name).startswith(stem)


def test_nfc_and_nfd_give_the_same_name():
    assert safe_name(unicodedata.normalize("NFD", "Résumé ÉÈ.md")) == safe_name("Résumé ÉÈ.md")


@given(st.text(max_size=400))
def test_any_name_is_one_safe_component(name):
    cut = safe_name(name)
    assert cut and cut not in (".", "..")
    assert "/" not in cut and "\\" not in cut and "\x00" not in cut
    assert not cut.startswith(".") and not cut.endswith((".", " "))
    assert len(cut.encode("utf-8")) <= MAX_NAME_BYTES
    assert cut.partition(".")[0].rstrip(" ").lower() not in WINDOWS_RESERVED
    assert safe_name(cut) == cut  # stable: sanitising twice changes nothing


def test_mkstemp_makes_a_new_private_file_each_time(tmp_path):
    from drafter.files import mkstemp

    made = []
    for _ in range(3):
        fd, name = mkstemp(tmp_path, ".x.")
        os.close(fd)
        made.append(name)
        assert (os.stat(name).st_mode & 0o777) == 0o600
    assert len(set(made)) == 3 and all(os.path.basename(n).startswith(".x.") for n in made)
