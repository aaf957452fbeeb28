"""`drafter batch`: many variants of one submission from one batch file, fast and safely.

The batch file (docs/batch.md) names a base spec, the formats, an output pattern, and the
variants: a list of named overrides, a matrix of values, or both. A run has two stages:

1. `survey` — every variant is expanded, named and validated and every output name checked
   (collisions, escapes) before anything is written; batch-file errors stop here (exit 2);
2. `run` — worker processes render the valid variants of this shard, each file written
   atomically, and `manifest.json` records every variant's outputs, hashes and status.

Modules: `plan` (the batch file; its overrides are `spec.overrides`, dotted paths), `naming` (output names),
`survey`, `workers`, `manifest`, `run`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from pathlib import Path

    from drafter.batch.run import BatchResult, default_jobs, render_batch
    from drafter.batch.survey import Shard, parse_shard

__all__ = ["BatchResult", "Shard", "default_jobs", "parse_shard", "render_batch", "run_batch"]

# Imported when first asked for, not with the package: `drafter render --set` needs only
# `spec.command_line`, and `run` brings multiprocessing, concurrent.futures, json and hashlib.
_LAZY = {"BatchResult": "run", "default_jobs": "run", "render_batch": "run", "Shard": "survey",
         "parse_shard": "survey"}


def __getattr__(name: str) -> Any:
    """The public names of `run` and `survey`, imported on first use (PEP 562)."""
    if name in _LAZY:
        return getattr(import_module(f"drafter.batch.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'drafter.batch' has no attribute {name!r}")


def run_batch(batch_file: str | Path, output_dir: str | Path, *, jobs: int | None = None,
              shard: str | None = None, dry_run: bool = False,
              echo: Callable[[str], None] | None = None, out: Callable[[str], None] | None = None,
              progress: TextIO | None = None) -> int:
    """The CLI's entry point: `render_batch`, reduced to the exit code."""
    from drafter.batch.run import render_batch

    return render_batch(batch_file, output_dir, jobs=jobs, shard=shard, dry_run=dry_run,
                        echo=echo, out=out, progress=progress).exit_code
