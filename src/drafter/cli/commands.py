"""Every `drafter` command, registered on the group by importing its module."""

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
