"""`drafter batch merge`: the manifests of `--shard K/N` runs joined into one.

Shards run anywhere (GNU parallel, a Slurm array, a Kubernetes indexed Job: docs/batch.md)
and each writes `manifest.K-of-N.json`. Merging checks that they belong together — the same
batch file (by name and content hash), base, formats, output pattern and shard count — and
that every shard 1..N is there exactly once, then writes one manifest with the variants in
plan order and the summary recomputed. Every refusal is a located error (exit 2).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, Location, Problem

SAME = ("drafter", "batch", "batch_sha256", "base", "formats", "output", "from", "sheet", "planned")


def _read(path: Path) -> dict[str, Any]:
    where = Location(str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DrafterError.at(where, f"cannot read the manifest: {exc.strerror}",
                              hint="give the manifest.K-of-N.json files the shards wrote") from None
    except UnicodeDecodeError:
        raise DrafterError.at(where, "not a UTF-8 JSON manifest", hint="give a manifest a shard wrote") from None
    except json.JSONDecodeError as exc:
        raise DrafterError.at(Location(str(path), exc.lineno, exc.colno), f"not JSON: {exc.msg}",
                              hint="a shard's manifest is whole once its run ends; rerun that shard") from None
    if not isinstance(data, dict) or data.get("drafter") != 1 or not isinstance(data.get("variants"), list):
        raise DrafterError.at(where, "not a drafter batch manifest", hint="give a manifest a shard wrote")
    return data


def _shard(path: Path, data: dict[str, Any]) -> tuple[int, int]:
    text = data.get("shard")
    try:
        k, n = (int(x) for x in str(text).split("/"))
    except ValueError:
        k = n = 0
    if not 1 <= k <= n:
        raise DrafterError.at(Location(str(path)), f"bad shard {text!r} in the manifest",
                              hint="give manifests of `drafter batch --shard K/N` runs")
    return k, n


def merge(paths: Sequence[Path]) -> dict[str, Any]:
    """The merged manifest of the shard manifests at `paths` (see the module docstring)."""
    manifests = [(p, _read(p)) for p in paths]
    problems: list[Problem] = []
    first_path, first = manifests[0]
    seen: dict[int, Path] = {}
    count = 0
    for path, data in manifests:
        k, n = _shard(path, data)
        count = count or n
        where = Location(str(path))
        if n != count:
            problems.append(Problem(where, f"shard {k}/{n}, but {first_path} is of {count} shards",
                                    hint="merge the manifests of one sharded run"))
        for key in SAME:
            if data.get(key) != first.get(key):
                problems.append(Problem(where, f"{key!r} is {data.get(key)!r}, but {first.get(key)!r} in "
                                        f"{first_path}", hint="merge the manifests of one batch file's run"))
        if k in seen:
            problems.append(Problem(where, f"shard {k}/{n} given twice (also {seen[k]})",
                                    hint="give each shard once"))
        seen[k] = path
    missing = [str(k) for k in range(1, count + 1) if k not in seen]
    if missing:
        problems.append(Problem(Location(str(first_path)), f"shard(s) {', '.join(missing)} of {count} missing",
                                hint="run them (`drafter batch --shard K/N`) and give their manifests too"))
    if problems:
        raise DrafterError(problems)
    return _joined(manifests, count)


def _joined(manifests: list[tuple[Path, dict[str, Any]]], count: int) -> dict[str, Any]:
    variants: dict[int, dict[str, Any]] = {}
    for path, data in manifests:
        for entry in data["variants"]:
            index = entry.get("index") if isinstance(entry, dict) else None
            if not isinstance(index, int) or index in variants:
                raise DrafterError.at(Location(str(path)), f"variant entry {index!r} is bad or in two shards",
                                      hint="merge manifests written by drafter, unedited")
            variants[index] = entry
    planned = manifests[0][1].get("planned")
    if isinstance(planned, int) and sorted(variants) != list(range(planned)):
        raise DrafterError.at(Location(str(manifests[0][0])),
                              f"the shards list {len(variants)} of the {planned} planned variants",
                              hint="rerun the shards of this batch file and merge their manifests")
    header = {k: v for k, v in manifests[0][1].items() if k not in ("variants", "summary", "shard")}
    ordered = [variants[i] for i in sorted(variants)]
    status = Counter(str(v.get("status")) for v in ordered)
    outputs = [o for v in ordered for o in v.get("outputs") or [] if isinstance(o, dict)]
    summary = {"variants": len(ordered), "ok": status["ok"], "failed": status["failed"],
               "skipped": status["skipped"], "interrupted": status["interrupted"],
               "files": len(outputs), "bytes": sum(int(o.get("size") or 0) for o in outputs)}
    return {**header, "shards": count, "variants": ordered, "summary": summary}


def merge_files(paths: Sequence[str | Path], output: str | Path) -> dict[str, int]:
    """Merge the shard manifests into `output` (written atomically, never over an input)."""
    from drafter.files import atomic_write

    inputs = [Path(p) for p in paths]
    merged = merge(inputs)
    text = json.dumps(merged, ensure_ascii=False, indent=2) + "\n"
    atomic_write(output, text.encode("utf-8"), keep=inputs)
    return dict(merged["summary"])
