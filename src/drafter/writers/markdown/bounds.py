"""The bounds a user template runs within: value sizes, total work and output, format widths.

`sandbox.py` and `filters.py` call these before anything large is built; breaking a bound
raises `TemplateLimit`, which the Markdown writer reports as bad input.

The work budget is per thread (`threading.local`): a render runs in one thread (the caller's,
or the deadline's worker thread), and `start()` sets its budget when it begins, so renders in
other threads never share one.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import Any

from jinja2.exceptions import SecurityError

MAX_OUTPUT = 20 * 1024 * 1024
MAX_VALUE = MAX_OUTPUT
MAX_WORK = 10 * MAX_OUTPUT  # the built-in templates use about 7 times their output
MAX_INT_BITS = 64 * 1024
MAX_WIDTH = 10_000


_FORMAT_NUMBER = re.compile(r"\d{6,}")
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


class TemplateLimit(SecurityError):
    """A user template went past a size, output or time bound."""


def measure(value: Any, limit: int = MAX_VALUE) -> int:
    """Roughly how many characters `str(value)` gives; stops counting once past `limit`."""
    if isinstance(value, str):
        return len(value)
    total, seen, stack = 0, 0, [value]
    while stack:
        item = stack.pop()
        seen += 1
        if isinstance(item, str):
            total += len(item) + 4
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += 2 + 2 * len(item)
            stack.extend(item)
        elif isinstance(item, Mapping):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 16
        if total > limit or seen > limit:
            return max(total, limit + 1)
    return total


_work = threading.local()  # what the render in this thread may still build and output


def start(budget: int = MAX_WORK) -> None:
    """Begin a render in this thread: it may build and output `budget` characters in all."""
    _work.left = budget


def charge(size: int) -> None:
    """Charge `size` characters to this thread's render budget; `TemplateLimit` once it is spent."""
    left = getattr(_work, "left", MAX_WORK) - size
    _work.left = left
    if left < 0:
        raise TemplateLimit(f"template built or printed more than {MAX_WORK:,} characters in all")


def bound(size: int, what: str) -> None:
    """A value of `size` characters or items is about to be built: check it and charge it."""
    if size > MAX_VALUE:
        raise TemplateLimit(f"{what} would be {size:,} characters or items; templates may build at most {MAX_VALUE:,}")
    charge(size)


def check_width(value: Any, what: str) -> None:
    """Refuse a width, count or padding larger than `MAX_WIDTH`."""
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise TemplateLimit(f"{what} {value:,} is wider than {MAX_WIDTH:,}")


def check_format(fmt: str) -> None:
    """`str.format`-style text: no huge widths, no widths taken from arguments."""
    for field in re.findall(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}", fmt):
        spec = field.partition(":")[2]
        if "{" in spec:
            raise TemplateLimit("format widths taken from arguments are not allowed in templates")
        if _FORMAT_NUMBER.search(spec):
            raise TemplateLimit(f"format width in {field!r} is wider than {MAX_WIDTH:,}")


def check_percent(fmt: str, args: Any) -> None:
    """`%`-formatting: no widths from arguments or over `MAX_WIDTH`, and a bounded result."""
    for star_width, precision in _PERCENT_SPEC.findall(fmt):
        for number in (star_width, precision):
            if number == "*":
                raise TemplateLimit("'%*' widths are not allowed in templates")
            if number and int(number) > MAX_WIDTH:
                raise TemplateLimit(f"format width {number} is wider than {MAX_WIDTH:,}")
    bound(len(fmt) + measure(args), "the formatted text")


def collect(chunks: Any, limit: int = MAX_OUTPUT) -> str:
    """Join a template's output stream, stopping as soon as it passes `limit` characters."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise TemplateLimit(f"template output passed {limit:,} characters")
        out.append(chunk)
    return "".join(out)
