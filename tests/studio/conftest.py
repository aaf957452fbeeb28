"""Studio fixtures: a spec with the user's comments in a folder of its own, and an API client.

The API tests talk to the real ASGI app (guard included) through Starlette's TestClient, with
the Host and token a browser opened on `drafter studio`'s address would send.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

pytest.importorskip("starlette", reason="the studio extra is not installed: pip install -e '.[test]'")

PORT = 8765
TOKEN = "test-token-0123456789"
ORIGIN = f"http://127.0.0.1:{PORT}"


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    target = folder / "spec.yaml"
    shutil.copy(FIXTURES / "studio_spec.yaml", target)
    return target


def make_client(spec: Path, **kwargs):
    from starlette.testclient import TestClient

    from drafter.studio.app import create_app
    from drafter.studio.workspace import Workspace

    app = create_app(Workspace(spec), token=TOKEN, port=PORT)
    return TestClient(app, base_url=ORIGIN, **kwargs)


@pytest.fixture
def client(spec_file: Path):
    """A client that sends the token header (as a script would) and this server's Origin."""
    with make_client(spec_file, headers={"X-Drafter-Token": TOKEN, "Origin": ORIGIN}) as c:
        yield c


@pytest.fixture
def bare(spec_file: Path):
    """A client with no token and no Origin."""
    with make_client(spec_file) as c:
        yield c
