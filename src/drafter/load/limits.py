"""How much a YAML file drafter reads may hold: generous for any real spec, library or batch."""

from __future__ import annotations

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 48
MAX_NODES = 200_000
MAX_DIGITS = 100
