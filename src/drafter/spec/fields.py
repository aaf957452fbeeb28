"""The spec's keys and the values they take, in one place for the validator, the JSON Schema
and batch overrides."""

from __future__ import annotations

import re

SPEC_VERSION = 1
LAYOUTS = ("parallel", "sequential", "interleaved")
PROVENANCE = ("annex", "footnotes", "none")
TOP_KEYS = ("drafter", "framework", "submission", "preamble", "themes", "closing", "options", "libraries")
SUBMISSION_KEYS = ("title", "subtitle", "submitter", "date", "languages", "layout", "governing")
OPTION_KEYS = ("provenance", "mark_edits", "reference_doc", "attributed")
ENTRY_KEYS = ("use", "text", "include", "attributed")
INCLUDE_KEYS = ("source", "theme", "kind", "tag", "section")
DATE_PATTERN = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
