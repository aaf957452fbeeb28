"""The `drafter` command line: parse arguments, call the library API, print.

`group.py` holds the command group; `console.py` what every command does at the terminal and
the one place errors become exit codes; `commands.py` registers each command group's module
(`library.py`, `spec.py`, `batch.py`, `help.py`, `drafts.py` for trace and import, `studio.py`,
`interchange.py` for export, `stats.py`); `rendering.py` is `render`'s work, shared with
`fast.py`, which runs the common `drafter render SPEC -o OUT` without importing Click;
`present*.py` format what the commands print and `starter.py` writes `drafter init`'s starter
spec.

`main` is loaded on first use (`from drafter.cli import main`), so that the fast path can
import `drafter.cli.fast` without Click and every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.cli.group import main

__all__ = ["main"]


def __getattr__(name: str) -> Any:
    if name == "main":
        from drafter.cli.commands import main as registered

        return registered
    raise AttributeError(f"module 'drafter.cli' has no attribute {name!r}")
