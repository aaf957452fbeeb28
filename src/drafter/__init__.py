"""drafter: bilingual written submissions to UN consultations, built from the sources' own words.

The public API is importable from here, but lazily: `import drafter` must stay cheap because
the CLI imports it on every start (see `benchmarks/`).
"""

from __future__ import annotations

from typing import Any

from drafter.version import __version__

_API = {
    "load_library": "drafter.library.load",
    "load_spec": "drafter.spec.load",
    "resolve": "drafter.document.resolve",
    "render": "drafter.writers",
    "render_batch": "drafter.batch",
    "DrafterError": "drafter.errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'drafter' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
