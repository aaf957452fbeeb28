"""Templates too deep for Python: a located error instead of SyntaxError or RecursionError.

Jinja2 compiles a template to Python source and then to bytecode, and Python has fixed limits
there: 20 statically nested blocks (`{% for %}` nested ~20 deep), 100 levels of indentation
(`{% if %}` nested ~95 deep), and a recursion limit that deep brackets (`((((…`), long chains
of filters (`x|e|e|e…`) or of `+` exhaust while parsing. Such a template is not bad drafter
input in any other way, so it gets the same treatment as a syntax error: the file, the line
where it nests deepest, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drafter.errors import Location
from drafter.writers.markdown.loader import TemplateRefused

_OPEN = {"(", "[", "{"}
_CLOSE = {")", "]", "}"}
_BLOCKS = {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "trans"}


def deepest_line(env: Any, source: str) -> int | None:
    """The line where blocks and brackets together nest deepest (None if it cannot lex)."""
    depth, best, line = 0, -1, None
    after_block = False
    try:
        for lineno, kind, value in env.lex(source):
            if kind == "whitespace":
                continue
            if kind == "operator" and value in _OPEN:
                depth += 1
            elif kind == "operator" and value in _CLOSE:
                depth -= 1
            elif after_block and kind == "name":
                if value in _BLOCKS:
                    depth += 1
                elif value.startswith("end") and value[3:] in _BLOCKS:
                    depth -= 1
            after_block = kind == "block_begin"
            if depth > best:
                best, line = depth, lineno
    except Exception:  # noqa: BLE001 - a template the lexer refuses has its own error later
        return None
    return line


def guarded(compile_: Callable[[], Any], env: Any, source: Any, name: str | None,
            filename: str | None) -> Any:
    """`compile_()`, with Python's own limits turned into a located `TemplateRefused`."""
    try:
        return compile_()
    except (SyntaxError, RecursionError, MemoryError) as exc:
        line = deepest_line(env, source) if isinstance(source, str) else None
        what = {"RecursionError": "too deep to parse", "MemoryError": "too big to compile"}.get(
            type(exc).__name__, f"beyond what Python can compile ({getattr(exc, 'msg', exc)})")
        raise TemplateRefused(f"template nests blocks, brackets or filters {what}",
                              Location(filename or name or "<template>", line),
                              "nest fewer {% for %}/{% if %} blocks (at most 15), brackets or "
                              "chained filters; move parts into macros") from None
