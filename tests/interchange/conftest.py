"""Fixtures for the interchange tests: a small spec with own paragraphs, library items in both
statuses, and a CLI run in a scratch folder."""

from __future__ import annotations

from pathlib import Path

import pytest

SPEC = """\
drafter: 1
framework: gdc-2023
submission:
  title: {en: "Our input"}
  submitter: {en: "A <group> & friends"}
  date: "2024-01-02"
  languages: [en]
preamble:
  - text: {en: "We welcome the Compact & its <aims>."}
themes:
  data:
    principles:
      - use: cn-igf.data.p1
      - use: cn-gdc.data.1
    commitments:
      - text: {en: "Data should serve development."}
  ai:
    commitments:
      - use: cn-igf.ai.c1
"""


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "s.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path
