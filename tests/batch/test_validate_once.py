"""Each variant's spec is validated once per run: the survey names and places the variants, the
one check before rendering validates (issue 21). Counted by calls, never timed."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import drafter.batch.workers as workers
from drafter.batch import render_batch
from tests.conftest import FIXTURES


@pytest.fixture
def checks(monkeypatch):
    """Every spec `check_spec` validates, counted by its submission title and layout."""
    seen: Counter[tuple[str, str]] = Counter()
    real = workers.check_spec

    def counting(doc, library):
        sub = doc.data.get("submission") or {}
        seen[(json.dumps(sub.get("title"), sort_keys=True), str(sub.get("layout")))] += 1
        return real(doc, library)

    monkeypatch.setattr(workers, "check_spec", counting)
    return seen


def test_a_run_validates_each_variant_once(checks, tmp_path):
    result = render_batch(FIXTURES / "batch_broken.yaml", tmp_path / "out", jobs=1)
    assert (result.ok, result.skipped) == (2, 1)
    assert sum(checks.values()) == 3  # first, broken, last: once each (twice before issue 21)


def test_a_dry_run_validates_each_variant_once(checks, tmp_path):
    result = render_batch(FIXTURES / "batch_broken.yaml", tmp_path / "out", jobs=1, dry_run=True)
    assert (result.ok, result.skipped) == (2, 1)
    assert sum(checks.values()) == 3
    assert not (tmp_path / "out").exists()


def test_the_invalid_variant_and_the_count_are_still_reported(tmp_path):
    said: list[str] = []
    render_batch(FIXTURES / "batch_broken.yaml", tmp_path / "out", jobs=1, echo=said.append)
    text = "\n".join(said)
    assert "variant 'broken' is invalid and is skipped:" in text
    assert "unknown layout 'diagonal'" in text
    assert "1 of 3 variant(s) invalid; they are skipped" in text
    assert text.index("is invalid") < text.index("1 of 3") < text.index("wrote 2 file(s)")
