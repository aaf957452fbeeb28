"""A disk that fills while the manifest is written: the run's files go again, no temporary
file stays, and the error says so — the folder never holds outputs no manifest describes."""

from __future__ import annotations

import errno
import os

from drafter.batch import manifest as manifest_module
from drafter.cli import main
from tests.conftest import EXAMPLES


def test_a_full_disk_while_publishing_the_manifest(runner, tmp_path, monkeypatch):
    real = os.replace

    def full(src, dst, *a, **kw):
        if str(dst).endswith("manifest.json"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(manifest_module.os, "replace", full)
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(EXAMPLES / "batch.yaml"), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 2, result.output
    assert f"{out}/manifest.json: cannot write the manifest: No space left on device" in result.stderr
    assert "were removed again" in result.stderr
    assert [p for p in out.rglob("*") if p.is_file()] == []  # no output, no temporary file


def test_a_full_disk_while_streaming_entries(runner, tmp_path, monkeypatch):
    class Full:
        def __init__(self, fh):
            self.fh, self.calls = fh, 0

        def write(self, text):
            self.calls += 1
            if self.calls > 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.fh.write(text)

        def __getattr__(self, name):
            return getattr(self.fh, name)

    real_init = manifest_module.ManifestWriter.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.out.file = Full(self.out.file)  # the manifest's temporary file (files.AtomicFile)

    monkeypatch.setattr(manifest_module.ManifestWriter, "__init__", init)
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(EXAMPLES / "batch.yaml"), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 2 and "cannot write the manifest" in result.stderr, result.output
    assert [p for p in out.rglob("*") if p.is_file()] == []


def test_a_previous_manifest_never_outlives_the_files_it_described(runner, tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(main, ["batch", str(EXAMPLES / "batch.yaml"), "-o", str(out)]).exit_code == 0
    (out / "manifest.json").chmod(0o644)
    first = (out / "manifest.json").read_bytes()
    assert runner.invoke(main, ["batch", str(EXAMPLES / "batch.yaml"), "-o", str(out)]).exit_code == 0
    assert (out / "manifest.json").read_bytes() == first  # same run, same manifest
