"""The `drafter` command line: parse arguments, call the library API, print.

`group.py` holds the command group and the one place errors become exit codes; each command
group has its module (`library.py`, `spec.py`, `batch.py`, `help.py`, `drafts.py` for trace
and import, `studio.py`, `interchange.py` for export); `present.py` formats what the library
commands print and `starter.py`
writes `drafter init`'s starter spec.
"""

from __future__ import annotations

from drafter.cli import (  # noqa: F401 - importing registers the commands
    batch,
    drafts,
    help,
    interchange,
    library,
    spec,
    stats,
    studio,
)
from drafter.cli.group import main

__all__ = ["main"]
