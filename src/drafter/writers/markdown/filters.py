"""Jinja2's built-in filters, wrapped with size checks where they can amplify their input.

`center`, `indent`, `wordwrap`, `replace`, `join`, `format`, `batch`, `slice` and `sum` can
turn a small value into a huge one; `string`, `pprint`, `tojson` and `list` print a value
whole. Each wrapper checks the size it is about to build (`bounds.py`) and then calls the
original filter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drafter.writers.markdown.bounds import bound, check_percent, check_width, measure

Filter = Callable[..., Any]


def _center(original: Filter) -> Filter:
    def center(value: Any, width: int = 80) -> Any:
        check_width(width, "center width")
        return original(value, width)
    return center


def _indent(original: Filter) -> Filter:
    def indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> Any:
        lines = str(s).count("\n") + 1
        pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        check_width(pad, "indent width")
        bound(measure(s) + lines * pad, "the indented text")
        return original(s, width, first, blank)
    return indent


def _wordwrap(original: Filter) -> Filter:
    def wordwrap(environment: Any, s: Any, width: int = 79, break_long_words: bool = True,
                 wrapstring: str | None = None, break_on_hyphens: bool = True) -> Any:
        breaks = measure(s) // max(int(width) if isinstance(width, int) else 1, 1) + 1
        bound(measure(s) + breaks * len(wrapstring or "\n"), "the wrapped text")
        return original(environment, s, width, break_long_words, wrapstring, break_on_hyphens)
    return wordwrap


def _replace(original: Filter) -> Filter:
    def replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> Any:
        text, old_s, new_s = str(s), str(old), str(new)
        hits = text.count(old_s) if old_s else len(text) + 1
        bound(len(text) + hits * len(new_s), "the replaced text")
        return original(eval_ctx, s, old, new, count)
    return replace


def _join(original: Filter) -> Filter:
    def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        items = list(value) if not isinstance(value, (list, tuple)) else value
        bound(measure(items) + len(items) * len(str(d)), "the joined text")
        return original(eval_ctx, items, d, attribute)
    return join


def _format(original: Filter) -> Filter:
    def format_(value: Any, *args: Any, **kwargs: Any) -> Any:
        check_percent(str(value), (args, kwargs))
        return original(value, *args, **kwargs)
    return format_


def _batch(original: Filter) -> Filter:
    def batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
        check_width(linecount, "batch size")
        return original(value, linecount, fill_with)
    return batch


def _slice(original: Filter) -> Filter:
    def slice_(value: Any, slices: int, fill_with: Any = None) -> Any:
        check_width(slices, "number of slices")
        return original(value, slices, fill_with)
    return slice_


def _sum(original: Filter) -> Filter:
    def sum_(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        items = list(iterable)
        if not isinstance(start, (int, float)):
            bound(measure((start, items)), "the sum")
        return original(environment, items, attribute, start)
    return sum_


def _printed(name: str, original: Filter) -> Filter:
    def check(*args: Any, **kwargs: Any) -> Any:
        value = args[1] if name == "tojson" else args[0]
        bound(measure(value), f"the `{name}` of this value")
        return original(*args, **kwargs)

    check.__name__ = original.__name__
    return check


_WRAPPERS: dict[str, Callable[[Filter], Filter]] = {
    "center": _center, "indent": _indent, "wordwrap": _wordwrap, "replace": _replace, "join": _join,
    "format": _format, "batch": _batch, "slice": _slice, "sum": _sum,
}
_PRINTED = ("string", "pprint", "tojson", "list")
# The wrappers Jinja must call with the environment or evaluation context first, as it calls
# the filters they wrap; the others take the value first whatever the original is marked.
_PASS_ARG = ("wordwrap", "sum", "replace", "join", *_PRINTED)


def wrap_filters(filters: dict[str, Filter]) -> None:
    """Size checks around the built-in filters that can amplify their input (in place)."""
    original = dict(filters)
    wrapped = {name: make(original[name]) for name, make in _WRAPPERS.items()}
    wrapped.update({name: _printed(name, original[name]) for name in _PRINTED})
    for name in _PASS_ARG:
        fn = wrapped[name]
        if hasattr(original[name], "jinja_pass_arg"):
            fn.jinja_pass_arg = original[name].jinja_pass_arg  # type: ignore[attr-defined]
    filters.update(wrapped)
