"""Shared fixtures: the built-in library (loaded once), the `../shared` folder, a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from drafter.library.load import load_library
from drafter.library.model import Library

# Property tests are derandomized in CI so a red build is reproducible; locally they explore.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


def example_specs() -> list[Path]:
    """The example specs: examples/*.yaml but the batch files (those name a `base:` spec)."""
    return sorted(p for p in EXAMPLES.glob("*.yaml")
                  if not any(line.startswith("base:") for line in p.read_text(encoding="utf-8").splitlines()))


def shared_dir() -> Path:
    return Path(os.environ.get("DRAFTER_SHARED", ROOT.parent / "shared"))


def need_shared() -> Path:
    """`../shared` (seeds, OOXML schemas): skip without it, except in CI where it must exist."""
    path = shared_dir()
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {path} is missing: CI must run with ../shared beside the clone")
        pytest.skip(f"{path} not found: these tests need the project's shared folder (present in CI)")
    return path


def need_tool(name: str) -> str:
    """A command-line tool a real-client test needs; CI installs it, so there it must exist."""
    import shutil

    found = shutil.which(name)
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but `{name}` is not installed: .ci/run installs it")
        pytest.skip(f"`{name}` is not installed (apt-get install it to run this test)")
    return found


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or fill the user's own cache (drafter/cache.py): one folder per session."""
    os.environ.pop("DRAFTER_NO_CACHE", None)
    os.environ["DRAFTER_CACHE_DIR"] = str(tmp_path_factory.mktemp("drafter-cache"))


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """drafter's cache switched on, in a folder of this test's own (whatever the environment
    running the tests says about DRAFTER_CACHE_DIR or DRAFTER_NO_CACHE)."""
    target = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(target))
    monkeypatch.delenv("DRAFTER_NO_CACHE", raising=False)
    return target
