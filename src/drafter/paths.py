"""Where the bundled library data and templates are.

A wheel carries them inside the package (`drafter/data/`, copied there by `setup.py`); a source
checkout or editable install reads the top-level `commitments/` and `templates/` folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    bundled = _PACKAGE / "data"
    if (bundled / "commitments").is_dir():
        return bundled
    checkout = _PACKAGE.parent.parent
    if (checkout / "commitments").is_dir():
        return checkout
    raise FileNotFoundError(
        "drafter's bundled data is missing: reinstall drafter (pip install --force-reinstall drafter)"
    )


def commitments_dir() -> Path:
    """The folder holding `sources.yaml`, `frameworks/` and one file per source."""
    return _data_root() / "commitments"


def docs_dir() -> Path:
    """The folder holding the user documentation (`docs/*.md`), for `drafter help`."""
    return _data_root() / "docs"


def templates_dir() -> Path:
    """The folder holding the bundled Markdown templates and the DOCX reference document."""
    return _data_root() / "templates"
