"""The entry points a pool worker runs: each reads the worker's state from its slot.

Kept apart from `workers.py` and `survey.py` so that neither needs the other's entry point,
and so that the slot (`workers.WORKER`) is read in this one module.
"""

from __future__ import annotations

from drafter.batch.results import Result
from drafter.batch.survey import Finding, Shard, survey_chunk
from drafter.batch.workers import WORKER, parent_alive, render_many


def render_task(indices: range) -> list[Result]:
    """Render the variants in `indices`, in order (see `workers.render_many`)."""
    parent_alive()
    return render_many(WORKER.current(), indices)


def survey_task(k: int, n: int, indices: range, want_paths: bool) -> list[Finding]:
    """Check the variants in `indices` for shard `k` of `n` (see `survey.survey_chunk`)."""
    parent_alive()
    return survey_chunk(WORKER.current(), Shard(k, n), indices, want_paths)
