"""The document model every writer reads: `model.py`, built by `resolve.py` from a spec and the
library, with fixed phrases and numbering conventions from `labels.py`."""
