"""What rendering one variant gives back: small named tuples a worker process can send cheaply."""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

VariantStatus = Literal["ok", "failed", "skipped", "interrupted"]
OK: Final = "ok"  # every output written
FAILED: Final = "failed"  # valid, but rendering or writing went wrong
SKIPPED: Final = "skipped"  # invalid: reported as its result arrives, nothing written
INTERRUPTED: Final = "interrupted"  # not rendered: the run was stopped first


class Output(NamedTuple):
    """One file written for a variant, as the manifest records it."""

    path: str  # relative to the output folder, `/`-separated
    format: str
    sha256: str
    size: int


class Result(NamedTuple):
    """What became of one variant."""

    variant: int  # the variant's index, in plan order
    status: VariantStatus
    error: str | None  # the located problems, one per line, when not ok
    internal: bool  # the error is a bug in drafter (exit code 1), not bad input
    outputs: tuple[Output, ...]
    warnings: tuple[str, ...] = ()  # the spec's and the writers' warnings (located), when valid
