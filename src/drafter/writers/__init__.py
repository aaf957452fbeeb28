"""Writers: each takes a `Submission` and nothing else, and returns the document's bytes or text."""
