"""JSON Schema of the spec, so editors (yaml-language-server) complete and check keys.

Generated from the table the validator reads (`fields.SPEC`) and from the library (theme keys,
sources, frameworks, item ids as examples), so the schema cannot drift from the validator.
`docs/schema/spec-1.json` is this output, committed; a test keeps it current.
"""

from __future__ import annotations

from typing import Any

from drafter.library.model import ID_REGEX, LANGUAGES, Library
from drafter.spec.fields import DATE_REGEX, ENTRY, SPEC, SPEC_VERSION, THEME, Key

SCHEMA_ID = "https://drafter.invalid/schema/spec-1.json"

Schema = dict[str, Any]


def _nullable(schema: Schema, key: Key) -> Schema:
    """`schema`, with `null` allowed too when the key's `null` means "not given"."""
    if key.nullable and "type" in schema:
        schema["type"] = [schema["type"], "null"]
    return schema


def _lang_text(key: Key) -> Schema:
    return {
        "description": key.description,
        "type": "object",
        "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES},
        "additionalProperties": False,
        "minProperties": 1,
    }


def _choices(key: Key, library: Library) -> list[str | None]:
    if key.choices_from == "frameworks":
        found: list[str | None] = list(sorted(library.frameworks))
    elif key.choices_from == "sources":
        found = list(sorted(library.sources))
    elif key.choices_from == "themes":
        found = list(library.theme_keys)
    else:
        found = list(key.choices)
    return [*found, None] if key.nullable else found


def _entry(library: Library) -> Schema:
    """A paragraph entry: exactly one of `use` (maybe with `text`), `text`, `include`."""
    return {
        "type": "object",
        "oneOf": [
            {"required": ["use"], "properties": {k: {} for k in ENTRY.names if k != "include"},
             "additionalProperties": False},
            {
                "required": ["text"],
                "not": {"required": ["use"]},
                "properties": {"text": {}},
                "additionalProperties": False,
            },
            {"required": ["include"], "properties": {"include": {}}, "additionalProperties": False},
        ],
        "properties": {k.name: _value(k, library) for k in ENTRY.keys},
    }


def _mapping(key: Key, library: Library) -> Schema:
    schema: Schema = {"description": key.description} if key.description else {}
    schema["type"] = "object"
    if key.required_names:
        schema["required"] = list(key.required_names)
    schema["properties"] = {k.name: _value(k, library) for k in key.keys}
    schema["additionalProperties"] = False
    return _nullable(schema, key)


def _value(key: Key, library: Library) -> Schema:
    """The schema of one key's value."""
    kind = key.kind
    if kind == "version":
        return {"const": SPEC_VERSION, "description": key.description}
    if kind == "choice":
        return {"enum": _choices(key, library)}
    if kind == "lang_text":
        return _lang_text(key)
    if kind == "date":
        return _nullable({"type": "string", "pattern": f"^{DATE_REGEX}$"}, key)
    if kind == "languages":
        return {"type": "array", "items": {"enum": list(key.choices)}, "minItems": 1, "maxItems": 2,
                "uniqueItems": True}
    if kind == "bool":
        return {"type": "boolean", "description": key.description} if key.description else {"type": "boolean"}
    if kind == "text":
        text: Schema = {"type": "string", "minLength": 1, "description": key.description} if key.description \
            else {"type": "string"}
        return _nullable(text, key)
    if kind == "text_list":
        return _nullable({"type": "array", "items": {"type": "string"}}, key)
    return _structured(key, library)


def _structured(key: Key, library: Library) -> Schema:
    """The schema of a value the library shapes: an item id, entries, a framework, themes, a block."""
    kind = key.kind
    if kind == "item_id":
        return {"type": "string", "description": key.description, "examples": sorted(library.items),
                "pattern": f"^{ID_REGEX}$"}
    if kind == "entries":
        return _nullable({"type": "array", "items": _entry(library)}, key)
    if kind == "framework":
        return {"description": key.description,
                "anyOf": [{"enum": _builtin(library)}, {"type": "string", "pattern": FRAMEWORK_FILE}]}
    if kind == "themes":
        return _nullable({"type": "object"}, key)  # which keys: see `_themes`, by framework
    return _mapping(key, library)


FRAMEWORK_FILE = r"\.ya?ml$"  # a user framework: its themes and sections are its own


def _builtin(library: Library) -> list[str]:
    return sorted(k for k, fw in library.frameworks.items() if fw.builtin)


def _themes(library: Library) -> Schema:
    """`themes` by framework: a built-in framework's theme keys (principles, commitments and
    include under each), or anything a user framework file declares."""
    theme = _mapping(THEME, library)
    keys: list[str] = []
    for key in _builtin(library):
        keys.extend(t for t in library.frameworks[key].theme_keys if t not in keys)
    builtin = {"type": ["object", "null"], "properties": {k: {"$ref": "#/$defs/theme"} for k in keys},
               "additionalProperties": False}
    own = {"type": ["object", "null"], "additionalProperties": {"type": ["object", "null"]}}
    return {
        "$defs": {"theme": theme},
        "if": {"required": ["framework"], "properties": {"framework": {"type": "string", "pattern": FRAMEWORK_FILE}}},
        "then": {"properties": {"themes": own}},
        "else": {"properties": {"themes": builtin}},
    }


def spec_schema(library: Library) -> Schema:
    """The JSON Schema (draft 2020-12) of a spec against this library."""
    body = _mapping(SPEC, library)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"drafter submission spec, format {SPEC_VERSION}",
        **body,
        **_themes(library),
    }
