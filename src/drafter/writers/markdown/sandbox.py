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
import threading
import time
from collections.abc import Callable
from functools import update_wrapper
from typing import Any, TypeVar, cast

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import SandboxedEnvironment

from drafter.writers.markdown.bounds import (
    MAX_INT_BITS,
    MAX_WORK,
    TemplateLimit,
    bound,
    charge,
    check_format,
    check_percent,
    check_width,
    measure,
    start,
)
from drafter.writers.markdown.filters import wrap_filters

TIME_LIMIT = 10.0  # seconds a user template may run
T = TypeVar("T")


class _Deadline(BaseException):
    """Raised inside the template thread when its time is up (not catchable as Exception)."""


def _seq_len(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple, bytes)) else None


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            n = _seq_len(seq)
            if n is not None and isinstance(times, int):
                bound(n * max(times, 0), "repeating this value")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateLimit("number too large for a template")
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and max(left.bit_length(), 1) * right > MAX_INT_BITS:
            raise TemplateLimit("number too large for a template")
    elif operator == "+":
        a, b = _seq_len(left), _seq_len(right)
        if a is not None and b is not None:
            bound(a + b, "joining these values")
    elif operator == "%" and isinstance(left, str):
        check_percent(left, right)


def _check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Bound the built-in methods that can make a value much larger than their inputs."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str):
        if name in ("ljust", "rjust", "center", "zfill", "expandtabs"):
            width = args[0] if args else kwargs.get("width", kwargs.get("tabsize", 8))
            check_width(width, "width")
            if name == "expandtabs" and isinstance(width, int):
                bound(len(owner) * max(width, 1), "expanding tabs")
        elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
            count = owner.count(args[0]) if args[0] else len(owner) + 1
            bound(len(owner) + count * len(args[1]), "the replaced text")
        elif name == "join" and args:
            raise TemplateLimit("use the `join` filter instead of str.join in templates")
        elif name == "translate":
            raise TemplateLimit("str.translate is not available in templates")
    elif isinstance(owner, list):
        if name == "extend" and args:
            n = _seq_len(args[0])
            if n is None:
                raise TemplateLimit("list.extend takes a list in templates")
            bound(len(owner) + n, "the list")
        elif name in ("append", "insert"):
            bound(len(owner) + 1, "the list")
    elif isinstance(owner, dict) and name == "update":
        bound(len(owner) + measure((args, kwargs)), "the mapping")


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
        wrap_filters(self.filters)
        self.concat = _bounded_join  # type: ignore[method-assign]

    def compile(self, source: Any, name: str | None = None, filename: str | None = None,
                raw: bool = False, defer_init: bool = False) -> Any:
        """Jinja's compile, with Python's nesting limits as located errors (`nesting.py`)."""
        from drafter.writers.markdown.nesting import guarded

        parent: Any = super()  # Jinja's overloads of compile() split on `raw`; ours passes it on
        return guarded(lambda: parent.compile(source, name, filename, raw, defer_init), self, source, name, filename)

    @staticmethod
    def start(budget: int = MAX_WORK) -> None:
        start(budget)

    @staticmethod
    def emit(text: str) -> str:
        charge(len(text))
        return text

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` runs sandboxed (Jinja) and bounded: no huge or argument-given widths."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__
        check_format(fmt)

        def checked(*args: Any, **kwargs: Any) -> str:
            bound(len(fmt) + measure((args, kwargs)), "the formatted text")
            return wrapped(*args, **kwargs)

        return update_wrapper(checked, value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _check_call(obj, args, kwargs)
        return super().call(context, obj, *args, **kwargs)

    @staticmethod
    def bounded_concat(parts: tuple[Any, ...]) -> str:
        bound(sum(measure(p) for p in parts), "joining with ~")
        return "".join(map(str, parts))


def _finalize(value: Any) -> Any:
    if not isinstance(value, str):
        bound(measure(value), "printing this value")
    return value


def _bounded_join(chunks: Any) -> str:
    chunks = list(chunks)
    bound(sum(len(c) if isinstance(c, str) else measure(c) for c in chunks), "the output of a macro or block")
    return "".join(chunks)


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
    return cast(T, box["value"])


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
