"""Helpers for the draft tests: render specs with drafter, build drafts with python-docx,
compare the words of two drafts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.compare.normalise import normalise
from drafter.document.resolve import resolve
from drafter.drafts import read_draft
from drafter.spec.load import load_spec
from drafter.writers import render
from tests.conftest import EXAMPLES


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test session gets its own index cache, never the user's."""
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "drafter-cache"))


def variant(
    example: str,
    folder: Path,
    *,
    layout: str | None = None,
    provenance: str | None = None,
    languages: str | None = None,
) -> Path:
    """A copy of an example spec with its layout / provenance / languages replaced."""
    text = (EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8")
    if layout:
        text = re.sub(r"layout: \w+", f"layout: {layout}", text)
    if provenance:
        text = re.sub(r"provenance: \w+", f"provenance: {provenance}", text)
    if languages:
        text = re.sub(r"languages: \[[^\]]*\]", f"languages: [{languages}]", text)
    name = "-".join(x for x in (example, layout, provenance, languages and languages.replace(", ", "")) if x)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def render_spec(spec: Path, fmt: str, out: Path | None = None) -> Path:
    loaded, lib = load_spec(spec)
    target = out or spec.with_suffix("." + fmt)
    target.write_bytes(render(resolve(loaded, lib), fmt))
    return target


def words(path: Path) -> list[tuple[str, str, str]]:
    """What a reader reads: every heading, masthead line and paragraph, normalised, in order."""
    roles = ("body", "heading", "title", "subtitle", "byline", "clause")
    return [(b.role, b.lang, normalise(b.text)) for b in read_draft(path).blocks if b.role in roles]
