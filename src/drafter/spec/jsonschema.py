"""JSON Schema of the spec, so editors (yaml-language-server) complete and check keys.

Generated from the same constants `spec/check.py` validates against, and from the library (theme
keys, sources, item ids as examples), so the schema cannot drift from the validator.
"""

from __future__ import annotations

from typing import Any

from drafter.library.model import KINDS, LANGUAGES, SECTIONS, Library
from drafter.spec.fields import INCLUDE_KEYS, LAYOUTS, PROVENANCE

SCHEMA_ID = "https://drafter.invalid/schema/spec-1.json"


def _lang_text(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "object",
        "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
        "additionalProperties": False,
        "minProperties": 1,
    }


def spec_schema(library: Library) -> dict[str, Any]:
    ids = sorted(library.items)
    include = {
        "description": "Bulk pick of library items matching every filter.",
        "type": "object",
        "properties": {
            "source": {"enum": sorted(library.sources)},
            "theme": {"enum": list(library.theme_keys)},
            "kind": {"enum": list(KINDS)},
            "tag": {"type": "string"},
            "section": {"enum": list(SECTIONS)},
        },
        "additionalProperties": False,
    }
    assert set(include["properties"]) == set(INCLUDE_KEYS)
    entry = {
        "type": "object",
        "oneOf": [
            {
                "required": ["use"],
                "properties": {"use": {}, "text": {}, "attributed": {}},
                "additionalProperties": False,
            },
            {
                "required": ["text"],
                "not": {"required": ["use"]},
                "properties": {"text": {}},
                "additionalProperties": False,
            },
            {"required": ["include"], "properties": {"include": {}}, "additionalProperties": False},
        ],
        "properties": {
            "use": {
                "type": "string",
                "description": "A library item id.",
                "examples": ids,
                "pattern": r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$",
            },
            "text": _lang_text("New text, or an edit of the item's text, per language."),
            "attributed": {
                "type": "boolean",
                "description": "Quote the item as its source author's words, with a lead-in naming the author "
                "(As stated by China: “…”); not with an edit.",
            },
            "include": include,
        },
    }
    entries = {"type": ["array", "null"], "items": entry}
    theme = {
        "type": ["object", "null"],
        "properties": {"principles": entries, "commitments": entries, "include": include},
        "additionalProperties": False,
    }
    framework = library.framework()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "drafter submission spec, format 1",
        "type": "object",
        "required": ["drafter", "submission"],
        "additionalProperties": False,
        "properties": {
            "drafter": {"const": 1, "description": "Spec format version."},
            "framework": {"enum": sorted(library.frameworks)},
            "submission": {
                "type": "object",
                "required": ["title", "languages"],
                "additionalProperties": False,
                "properties": {
                    "title": _lang_text("Title of the submission."),
                    "subtitle": _lang_text("Optional subtitle."),
                    "submitter": _lang_text("Who submits it."),
                    "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                    "languages": {
                        "type": "array",
                        "items": {"enum": list(LANGUAGES)},
                        "minItems": 1,
                        "maxItems": 2,
                        "uniqueItems": True,
                    },
                    "layout": {"enum": list(LAYOUTS)},
                    "governing": {"enum": [*LANGUAGES, None]},
                },
            },
            "preamble": entries,
            "themes": {
                "type": "object",
                "properties": {t.key: theme for t in framework.themes},
                "additionalProperties": False,
            },
            "closing": entries,
            "options": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "provenance": {"enum": list(PROVENANCE)},
                    "mark_edits": {"type": "boolean"},
                    "reference_doc": {"type": "string"},
                    "attributed": {
                        "type": "boolean",
                        "description": "Attribute every quoted item that speaks in its author's voice.",
                    },
                    "redline": {
                        "type": "boolean",
                        "description": "Show every edit as a tracked change against the source's words "
                        "(Word revisions in DOCX, CriticMarkup in Markdown).",
                    },
                    "redline_author": {
                        "type": "string",
                        "minLength": 1,
                        "description": "The author named on every tracked change (default: the submitter).",
                    },
                },
            },
            "libraries": {"type": "array", "items": {"type": "string"}},
        },
    }
