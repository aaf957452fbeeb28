"""The commitment library: `model.py` (sources, frameworks, items), `load.py` (validated
loading), `search.py` (full-text search), `glossary.py` (terminology and translation checks)."""
