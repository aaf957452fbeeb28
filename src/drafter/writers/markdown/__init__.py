"""The Markdown writer: `writer.py` (render), `escape.py` (text), `loader.py` (user templates),
`sandbox.py` (the bounded Jinja2 environment user templates run in)."""
