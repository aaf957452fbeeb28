"""`drafter batch merge`: shard manifests joined, and every mismatch refused with a located error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import main
from tests.conftest import EXAMPLES, need_tool

ROOT = Path(__file__).resolve().parents[2]


def copy_example(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("batch.yaml", "delegation.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder / "batch.yaml"


def sharded(runner, folder: Path, n: int = 3) -> list[Path]:
    batch_file = copy_example(folder)
    for k in range(1, n + 1):
        result = runner.invoke(main, ["batch", str(batch_file), "-o", str(folder / "out"), "--shard", f"{k}/{n}",
                                      "-j", "1"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return [folder / "out" / f"manifest.{k}-of-{n}.json" for k in range(1, n + 1)]


def merge(runner, *args: object):
    return runner.invoke(main, ["batch", "merge", *map(str, args)], catch_exceptions=False)


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_merged_shards_equal_one_unsharded_run(runner, tmp_path):
    parts = sharded(runner, tmp_path / "a")
    result = merge(runner, *reversed(parts), "-o", tmp_path / "merged.json")
    assert result.exit_code == 0, result.output
    merged = read(tmp_path / "merged.json")
    whole_file = copy_example(tmp_path / "b")
    runner.invoke(main, ["batch", str(whole_file), "-o", str(tmp_path / "b" / "out"), "-j", "1"])
    whole = read(tmp_path / "b" / "out" / "manifest.json")
    assert merged["variants"] == whole["variants"]
    assert merged["summary"] == whole["summary"] == {**whole["summary"], "variants": 6, "ok": 6, "files": 12}
    assert merged["shards"] == 3 and merged["batch_sha256"] == whole["batch_sha256"]


def test_a_missing_or_repeated_shard_is_refused(runner, tmp_path):
    one, two, _ = sharded(runner, tmp_path)
    result = merge(runner, one, two, two, "-o", tmp_path / "m.json")
    assert result.exit_code == 2
    assert f"{two}: shard 2/3 given twice" in result.output
    assert "shard(s) 3 of 3 missing" in result.output
    assert not (tmp_path / "m.json").exists()


def test_shards_of_another_batch_file_are_refused(runner, tmp_path):
    one, two, three = sharded(runner, tmp_path / "a")
    batch_file = copy_example(tmp_path / "b")
    batch_file.write_text(batch_file.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    runner.invoke(main, ["batch", str(batch_file), "-o", str(tmp_path / "b" / "out"), "--shard", "3/3", "-j", "1"])
    other = tmp_path / "b" / "out" / "manifest.3-of-3.json"
    result = merge(runner, one, two, other, "-o", tmp_path / "m.json")
    assert result.exit_code == 2 and f"{other}: 'batch_sha256' is" in result.output
    four = tmp_path / "four.json"
    four.write_text(json.dumps({**read(three), "shard": "3/4"}), encoding="utf-8")
    result = merge(runner, one, two, four, "-o", tmp_path / "m.json")
    assert result.exit_code == 2 and f"{four}: shard 3/4, but" in result.output


def test_a_broken_manifest_is_located(runner, tmp_path):
    one, two, three = sharded(runner, tmp_path)
    three.write_text('{"drafter": 1,\n  "variants": [,]}', encoding="utf-8")
    result = merge(runner, one, two, three, "-o", tmp_path / "m.json")
    assert result.exit_code == 2 and f"{three}:2:" in result.output and "not JSON" in result.output
    three.write_text("[]", encoding="utf-8")
    assert "not a drafter batch manifest" in merge(runner, one, two, three, "-o", tmp_path / "m.json").output


def test_merge_never_writes_over_an_input(runner, tmp_path):
    parts = sharded(runner, tmp_path)
    before = parts[0].read_bytes()
    result = merge(runner, *parts, "-o", parts[0])
    assert result.exit_code == 2 and parts[0].read_bytes() == before


def test_a_batch_file_named_merge_still_runs_with_run(runner, tmp_path):
    batch_file = copy_example(tmp_path)
    named = tmp_path / "merge"
    batch_file.rename(named)
    result = runner.invoke(main, ["batch", "run", str(named), "-o", str(tmp_path / "out"), "--dry-run"])
    assert result.exit_code == 0, result.output


def test_a_sharded_batch_through_gnu_parallel_merges(tmp_path):
    parallel = need_tool("parallel")
    batch_file = copy_example(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    drafter = [sys.executable, "-m", "drafter"]
    subprocess.run([parallel, "--will-cite", "--halt", "now,fail=1", "-j", "2", *drafter, "batch", str(batch_file),
                    "-o", str(tmp_path / "out"), "--shard", "{}/3", "-j", "1", ":::", "1", "2", "3"],
                   check=True, env=env, capture_output=True)
    parts = sorted((tmp_path / "out").glob("manifest.*-of-3.json"))
    assert len(parts) == 3
    subprocess.run([*drafter, "batch", "merge", *map(str, parts), "-o", str(tmp_path / "manifest.json")],
                   check=True, env=env, capture_output=True)
    merged = read(tmp_path / "manifest.json")
    assert [v["index"] for v in merged["variants"]] == list(range(6))
    assert merged["summary"]["ok"] == 6 and merged["summary"]["files"] == 12
    assert all((tmp_path / "out" / o["path"]).is_file() for v in merged["variants"] for o in v["outputs"])


@pytest.mark.parametrize("args", [["batch", "--help"], ["batch", "merge", "--help"], ["batch", "run", "--help"]])
def test_help(runner, args):
    assert runner.invoke(main, args).exit_code == 0
