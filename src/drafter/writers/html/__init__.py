"""HTML writer: a `Submission` as one self-contained, escaped HTML page (the studio's preview).

See `writer.py`; `drafter render --format html` writes the same bytes.
"""

from __future__ import annotations

from drafter.writers.html.writer import STYLE, render_html

__all__ = ["STYLE", "render_html"]
