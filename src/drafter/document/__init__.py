"""The document layer: the model every writer reads, and the decisions made for it."""
