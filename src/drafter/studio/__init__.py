"""drafter studio: pick, edit and preview a submission in the browser, no YAML needed.

A local web app over the same API as the CLI (library, validate, render, spec): the page is a
client of the JSON API in `api.py` (documented in docs/studio.md), served by Starlette and
uvicorn on 127.0.0.1 only, guarded by a per-launch token (`security.py`). The spec stays the
contract: the studio reads the spec file and writes it back with its comments and key order
(`roundtrip.py`, ruamel.yaml).

Its packages are an optional extra (`pip install 'drafter[studio]'`); nothing here is
imported by the rest of drafter, and this module imports none of them, so `drafter --help`
stays light and `drafter studio` can say what to install.
"""

from __future__ import annotations

import importlib.util

REQUIRED = ("starlette", "uvicorn", "ruamel.yaml")
INSTALL_HINT = "pip install 'drafter[studio]'"


def missing() -> list[str]:
    """The studio's packages that are not installed (found without importing them)."""
    out = []
    for name in REQUIRED:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a parent package missing, or a module set to None
            found = False
        if not found:
            out.append(name)
    return out
