"""The submission spec: `fields.py` (its keys), `check.py` (validation), `model.py` (the
validated `Spec`), `load.py` (file + libraries), `jsonschema.py` (the schema for editors)."""
