"""`drafter stats` as a table or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from drafter.cli.present import pad, width
from drafter.document.budget import Count


def stats_table(counts: Sequence[Count]) -> str:
    """One line per scope and language: paragraphs, length, limit, and how far over it is."""
    head = ("scope", "lang", "paragraphs", "length", "limit", "")
    rows = [head]
    for c in counts:
        status = f"OVER by {c.over:,}" if c.over else ("ok" if c.limit is not None else "")
        rows.append((c.scope, c.lang, str(c.paragraphs), f"{c.length:,} {c.unit}",
                     f"{c.limit.amount:,} {c.limit.unit}" if c.limit is not None else "—", status))
    widths = [max(width(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(pad(cell, widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
    over = sum(1 for c in counts if c.over)
    lines.append(f"({over} limit(s) exceeded)" if over else "(every limit respected)" if any(
        c.limit is not None for c in counts) else "(no limits in this framework)")
    return "\n".join(lines) + "\n"


def stats_json(counts: Sequence[Count]) -> str:
    """The counts as JSON (`drafter stats --format json`), one object per scope and language."""
    return json.dumps([{
        "scope": c.scope, "lang": c.lang, "paragraphs": c.paragraphs, "length": c.length, "unit": c.unit,
        "limit": {"amount": c.limit.amount, "unit": c.limit.unit} if c.limit is not None else None,
        "over": c.over,
    } for c in counts], ensure_ascii=False, indent=2) + "\n"
