"""`inputs.Inputs`: the files of a run, recognised however an output names them."""

from __future__ import annotations

import os
import stat

import pytest

from drafter.errors import DrafterError
from drafter.files import atomic_write
from drafter.inputs import Inputs


def test_a_file_is_recognised_by_any_name(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text("x", encoding="utf-8")
    os.link(spec, tmp_path / "hard.yaml")
    (tmp_path / "soft.yaml").symlink_to(spec)
    inputs = Inputs.of([str(spec)])
    for name in ("spec.yaml", "hard.yaml", "soft.yaml", "./spec.yaml", "sub/../spec.yaml"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        assert inputs.clash(tmp_path / name) == str(spec), name
    assert inputs.clash(tmp_path / "other.yaml") is None
    assert inputs.clash("\x00bad") is None and inputs.clash("y" * 5000) is None


def test_trees_add_every_template_file(tmp_path):
    (tmp_path / "tpl" / "markdown").mkdir(parents=True)
    (tmp_path / "tpl" / "markdown" / "a.j2").write_text("a", encoding="utf-8")
    inputs = Inputs.of([], trees=[tmp_path / "tpl", None, tmp_path / "missing"])
    assert inputs.clash(tmp_path / "tpl" / "markdown" / "a.j2")
    assert not Inputs.of([None, tmp_path / "missing"])


def test_atomic_write_refuses_every_name_of_an_input(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text("keep me", encoding="utf-8")
    os.link(spec, tmp_path / "twin.yaml")
    with pytest.raises(DrafterError, match="output would overwrite the input file"):
        atomic_write(tmp_path / "twin.yaml", b"x", keep=Inputs.of([spec]))
    assert spec.read_text(encoding="utf-8") == "keep me"


def test_a_character_device_is_streamed_into_or_refused_but_never_replaced(tmp_path):
    atomic_write("/dev/zero", b"discarded", devices="stream")
    with pytest.raises(DrafterError, match="is a character device, not a regular file"):
        atomic_write("/dev/zero", b"x")
    with pytest.raises(DrafterError, match="cannot write to the character device: No space left"):
        atomic_write("/dev/full", b"x", devices="stream")
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode) and stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_with_a_reader_gets_the_bytes(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there: writing may start
    try:
        atomic_write(fifo, b"streamed", devices="stream")
        assert os.read(reader, 100) == b"streamed"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_an_output_path_past_path_max_is_a_located_error(tmp_path):
    deep = tmp_path.joinpath(*["d" * 200] * 25, "x.md")
    with pytest.raises(DrafterError, match="output path is longer than 4,000 bytes"):
        atomic_write(deep, b"x")
