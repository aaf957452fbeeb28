"""The spec's keys and the values they take, in one place for the validator, the JSON Schema
and batch overrides."""

from __future__ import annotations

import re

SPEC_VERSION = 1
LAYOUTS = ("parallel", "sequential", "interleaved")
PROVENANCE = ("annex", "footnotes", "none")
TOP_KEYS = ("drafter", "framework", "submission", "preamble", "themes", "closing", "options", "libraries")
SUBMISSION_KEYS = ("title", "subtitle", "submitter", "date", "languages", "layout", "governing")
OPTION_KEYS = ("provenance", "mark_edits", "reference_doc", "attributed", "redline", "redline_author")
ENTRY_KEYS = ("use", "text", "include", "attributed")
INCLUDE_KEYS = ("source", "theme", "kind", "tag", "section")
DATE_PATTERN = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z")  # ASCII digits: int() reads others too


def date_problem(text: str) -> str | None:
    """Why `text` (YYYY, YYYY-MM or YYYY-MM-DD) is not a date of the calendar, or None.

    The shape alone lets through `2023-13-01`, `2023-02-30` and `0000-01-01`; each would
    print as nonsense ("30 February 2023") and make core.xml's timestamp invalid.
    """
    import calendar

    if not DATE_PATTERN.match(text):
        return "not in the form YYYY-MM-DD"
    parts = [int(p) for p in text.split("-")]
    if parts[0] < 1:
        return "the year 0000 does not exist"
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return f"there is no month {parts[1]:02d}"
    if len(parts) > 2:
        days = calendar.monthrange(parts[0], parts[1])[1]
        if not 1 <= parts[2] <= days:
            return f"{calendar.month_name[parts[1]]} {parts[0]} has no day {parts[2]:02d} (it has {days})"
    return None
