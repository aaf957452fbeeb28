"""A Jinja2 sandbox with bounds, for templates shared between organisations.

Jinja's `SandboxedEnvironment` stops a template from reaching Python internals
(`''.__class__.__mro__`), but not from exhausting the machine: `"x" * 10**10`, a namespace
string doubled in a loop, three nested `range(100000)` loops. A user template is code from
someone else, so here it also gets:

- a size bound on every value it builds (`*`, `+`, `%`, `**`, `~`, string padding, `replace`,
  `join`, `format`, the size-amplifying filters, printing a container, list growth) and on
  every buffer a macro or block joins: `MAX_VALUE` characters or items each;
- a work bound: everything built or output during one render is charged to a budget of
  `MAX_WORK` characters, so no loop can pile up values (a list of big strings) until the
  memory runs out, even below the time bound;
- an output bound: rendering stops past `MAX_OUTPUT` characters;
- a time bound: the template runs in a worker thread and is stopped after `TIME_LIMIT` seconds.

Breaking a bound raises `TemplateLimit`, which the Markdown writer reports as bad input.
Templates get no `lipsum` (the one global that makes text from nothing).
"""

from __future__ import annotations

import contextlib
import ctypes
import re
import threading
import time
from collections.abc import Callable, Mapping
from functools import update_wrapper
from typing import Any, TypeVar

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_OUTPUT = 20 * 1024 * 1024
MAX_VALUE = MAX_OUTPUT
MAX_WORK = 10 * MAX_OUTPUT  # the built-in templates use about 7 times their output
MAX_INT_BITS = 64 * 1024
MAX_WIDTH = 10_000
TIME_LIMIT = 10.0

T = TypeVar("T")

_FORMAT_NUMBER = re.compile(r"\d{6,}")
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


class TemplateLimit(SecurityError):
    """A user template went past a size, output or time bound."""


class _Deadline(BaseException):
    """Raised inside the template thread when its time is up (not catchable as Exception)."""


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


def _charge(size: int) -> None:
    left = getattr(_work, "left", MAX_WORK) - size
    _work.left = left
    if left < 0:
        raise TemplateLimit(f"template built or printed more than {MAX_WORK:,} characters in all")


def _bound(size: int, what: str) -> None:
    """A value of `size` characters or items is about to be built: check it and charge it."""
    if size > MAX_VALUE:
        raise TemplateLimit(f"{what} would be {size:,} characters or items; templates may build at most {MAX_VALUE:,}")
    _charge(size)


def _width(value: Any, what: str) -> None:
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise TemplateLimit(f"{what} {value:,} is wider than {MAX_WIDTH:,}")


def _check_format(fmt: str) -> None:
    """`str.format`-style text: no huge widths, no widths taken from arguments."""
    for field in re.findall(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}", fmt):
        spec = field.partition(":")[2]
        if "{" in spec:
            raise TemplateLimit("format widths taken from arguments are not allowed in templates")
        if _FORMAT_NUMBER.search(spec):
            raise TemplateLimit(f"format width in {field!r} is wider than {MAX_WIDTH:,}")


def _check_percent(fmt: str, args: Any) -> None:
    for star_width, precision in _PERCENT_SPEC.findall(fmt):
        for number in (star_width, precision):
            if number == "*":
                raise TemplateLimit("'%*' widths are not allowed in templates")
            if number and int(number) > MAX_WIDTH:
                raise TemplateLimit(f"format width {number} is wider than {MAX_WIDTH:,}")
    _bound(len(fmt) + measure(args), "the formatted text")


def _seq_len(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple, bytes)) else None


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            n = _seq_len(seq)
            if n is not None and isinstance(times, int):
                _bound(n * max(times, 0), "repeating this value")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateLimit("number too large for a template")
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and max(left.bit_length(), 1) * right > MAX_INT_BITS:
            raise TemplateLimit("number too large for a template")
    elif operator == "+":
        a, b = _seq_len(left), _seq_len(right)
        if a is not None and b is not None:
            _bound(a + b, "joining these values")
    elif operator == "%" and isinstance(left, str):
        _check_percent(left, right)


def _check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Bound the built-in methods that can make a value much larger than their inputs."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str):
        if name in ("ljust", "rjust", "center", "zfill", "expandtabs"):
            width = args[0] if args else kwargs.get("width", kwargs.get("tabsize", 8))
            _width(width, "width")
            if name == "expandtabs" and isinstance(width, int):
                _bound(len(owner) * max(width, 1), "expanding tabs")
        elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
            count = owner.count(args[0]) if args[0] else len(owner) + 1
            _bound(len(owner) + count * len(args[1]), "the replaced text")
        elif name == "join" and args:
            raise TemplateLimit("use the `join` filter instead of str.join in templates")
        elif name == "translate":
            raise TemplateLimit("str.translate is not available in templates")
    elif isinstance(owner, list):
        if name == "extend" and args:
            n = _seq_len(args[0])
            if n is None:
                raise TemplateLimit("list.extend takes a list in templates")
            _bound(len(owner) + n, "the list")
        elif name in ("append", "insert"):
            _bound(len(owner) + 1, "the list")
    elif isinstance(owner, dict) and name == "update":
        _bound(len(owner) + measure((args, kwargs)), "the mapping")


def _wrap_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Size checks around the built-in filters that can amplify their input."""
    original = dict(filters)

    def center(value: Any, width: int = 80) -> Any:
        _width(width, "center width")
        return original["center"](value, width)

    def indent(s: Any, width: Any = 4, first: bool = False, blank: bool = False) -> Any:
        lines = str(s).count("\n") + 1
        pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        _width(pad, "indent width")
        _bound(measure(s) + lines * pad, "the indented text")
        return original["indent"](s, width, first, blank)

    def wordwrap(environment: Any, s: Any, width: int = 79, break_long_words: bool = True,
                 wrapstring: str | None = None, break_on_hyphens: bool = True) -> Any:
        breaks = measure(s) // max(int(width) if isinstance(width, int) else 1, 1) + 1
        _bound(measure(s) + breaks * len(wrapstring or "\n"), "the wrapped text")
        return original["wordwrap"](environment, s, width, break_long_words, wrapstring, break_on_hyphens)

    def replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> Any:
        text, old_s, new_s = str(s), str(old), str(new)
        hits = text.count(old_s) if old_s else len(text) + 1
        _bound(len(text) + hits * len(new_s), "the replaced text")
        return original["replace"](eval_ctx, s, old, new, count)

    def join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        items = list(value) if not isinstance(value, (list, tuple)) else value
        _bound(measure(items) + len(items) * len(str(d)), "the joined text")
        return original["join"](eval_ctx, items, d, attribute)

    def format_(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_percent(str(value), (args, kwargs))
        return original["format"](value, *args, **kwargs)

    def batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
        _width(linecount, "batch size")
        return original["batch"](value, linecount, fill_with)

    def slice_(value: Any, slices: int, fill_with: Any = None) -> Any:
        _width(slices, "number of slices")
        return original["slice"](value, slices, fill_with)

    def sum_(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
        items = list(iterable)
        if not isinstance(start, (int, float)):
            _bound(measure((start, items)), "the sum")
        return original["sum"](environment, items, attribute, start)

    def printed(name: str) -> Callable[..., Any]:
        def check(*args: Any, **kwargs: Any) -> Any:
            value = args[1] if name == "tojson" else args[0]
            _bound(measure(value), f"the `{name}` of this value")
            return original[name](*args, **kwargs)

        check.__name__ = original[name].__name__
        for attr in ("jinja_pass_arg",):
            if hasattr(original[name], attr):
                setattr(check, attr, getattr(original[name], attr))
        return check

    for fn, name in ((wordwrap, "wordwrap"), (sum_, "sum")):
        fn.jinja_pass_arg = original[name].jinja_pass_arg  # type: ignore[attr-defined]
    for fn, name in ((replace, "replace"), (join, "join")):
        fn.jinja_pass_arg = original[name].jinja_pass_arg  # type: ignore[attr-defined]
    filters.update(center=center, indent=indent, wordwrap=wordwrap, replace=replace, join=join,
                   format=format_, batch=batch, slice=slice_, sum=sum_)
    for name in ("string", "pprint", "tojson", "list"):
        filters[name] = printed(name)


class _CodeGenerator(CodeGenerator):
    """Compiles `a ~ b` to a size-checked join (the one operator the sandbox cannot intercept),
    and counts every piece of output, also what macros and blocks collect before joining."""

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        self.write("environment.emit(")
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        super()._output_child_post(node, frame, finalize)
        self.write(")")

    def _output_const_repr(self, group: Any) -> str:
        return f"environment.emit({super()._output_const_repr(group)})"

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(SandboxedEnvironment):
    """`SandboxedEnvironment` plus size bounds on everything a template can build."""

    code_generator_class = _CodeGenerator
    intercepted_binops = frozenset(["*", "**", "%", "+"])

    def __init__(self, **options: Any):
        super().__init__(finalize=_finalize, **options)
        self.globals.pop("lipsum", None)
        _wrap_filters(self.filters)
        self.concat = _bounded_join  # type: ignore[assignment]

    def compile(self, source: Any, name: str | None = None, filename: str | None = None,  # type: ignore[override]
                raw: bool = False, defer_init: bool = False) -> Any:
        """Jinja's compile, with Python's nesting limits as located errors (`nesting.py`)."""
        from drafter.writers.markdown.nesting import guarded

        return guarded(lambda: super(BoundedSandbox, self).compile(source, name, filename, raw, defer_init),
                       self, source, name, filename)

    @staticmethod
    def start(budget: int = MAX_WORK) -> None:
        start(budget)

    @staticmethod
    def emit(text: str) -> str:
        _charge(len(text))
        return text

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` runs sandboxed (Jinja) and bounded: no huge or argument-given widths."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__
        _check_format(fmt)

        def checked(*args: Any, **kwargs: Any) -> str:
            _bound(len(fmt) + measure((args, kwargs)), "the formatted text")
            return wrapped(*args, **kwargs)

        return update_wrapper(checked, value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        _check_call(obj, args, kwargs)
        return super().call(context, obj, *args, **kwargs)

    @staticmethod
    def bounded_concat(parts: tuple[Any, ...]) -> str:
        _bound(sum(measure(p) for p in parts), "joining with ~")
        return "".join(map(str, parts))


def _finalize(value: Any) -> Any:
    if not isinstance(value, str):
        _bound(measure(value), "printing this value")
    return value


def _bounded_join(chunks: Any) -> str:
    chunks = list(chunks)
    _bound(sum(len(c) if isinstance(c, str) else measure(c) for c in chunks), "the output of a macro or block")
    return "".join(chunks)


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


def run_with_deadline(fn: Callable[[], T], seconds: float | None = None) -> T:
    """Run `fn` in a worker thread; stop it with `TemplateLimit` after `seconds`.

    The worker is stopped by raising an exception inside it (CPython's
    `PyThreadState_SetAsyncExc`), which takes effect at its next bytecode: template loops are
    Python code, and every single operation that could run long in C is size-bounded above.
    The caller waits on an event in short slices, so Ctrl-C is handled at once (and stops the
    worker too); it never relies on `Thread.join`/`is_alive`, which an interrupted join can
    leave claiming a running thread has stopped.
    """
    seconds = TIME_LIMIT if seconds is None else seconds
    box: dict[str, Any] = {}
    done = threading.Event()
    cancelled = threading.Event()  # Ctrl-C came before the worker could be stopped from outside

    def target() -> None:
        try:
            if not cancelled.is_set():
                box["value"] = fn()
        except _Deadline as exc:
            box["deadline"] = _template_traceback(exc)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            box["error"] = exc
        finally:
            done.set()

    worker = threading.Thread(target=target, name="drafter-template", daemon=True)
    deadline = time.monotonic() + seconds
    try:
        worker.start()  # inside the `try`: Ctrl-C may come while the thread is starting
        while not done.wait(0.05) and time.monotonic() < deadline:
            pass
    except BaseException:  # KeyboardInterrupt: stop the worker too, then let it propagate
        cancelled.set()
        _stop(worker, done)
        raise
    if not done.is_set():
        _stop(worker, done)
        done.wait(1.0)
    if "error" in box:
        raise box["error"]
    if "value" not in box:
        stopped = box.get("deadline")
        raise TemplateLimit(f"template ran longer than {seconds:g} seconds").with_traceback(
            stopped.__traceback__ if stopped is not None else None)
    return box["value"]


def _template_traceback(exc: BaseException) -> BaseException:
    """The exception with template lines in its traceback (so the stop can be located)."""
    try:
        from jinja2.debug import rewrite_traceback_stack

        return rewrite_traceback_stack()
    except Exception:  # noqa: BLE001 - locating is a nicety; the stop itself stands
        return exc


def _stop(worker: threading.Thread, done: threading.Event) -> None:
    ident = worker.ident
    if ident is None or done.is_set():
        return
    with contextlib.suppress(AttributeError):  # not CPython: the daemon thread is left behind
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(_Deadline))
