"""What one process does with a variant: check it, render it, write it; and its warm state.

The state (the plan with the parsed batch file and base spec, and the loaded libraries) is
built once per process and passed explicitly to everything here. A pool worker keeps it in the
one per-process slot, `WORKER`, filled by the pool's initializer and read only by the task
entry points (`batch/tasks.py`): on Linux the pool forks after the parent has installed it, so
workers start with it in memory; elsewhere the initializer rebuilds it from the batch file.
Either way a worker receives nothing but a `range` of variant indices and returns a small
`Result` per variant, never a document or a spec.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from drafter.batch.plan import Plan, load_plan
from drafter.batch.results import FAILED, OK, SKIPPED, Output, Result, VariantStatus
from drafter.batch.variants import Variant
from drafter.document.resolve import resolve
from drafter.errors import DrafterError, Location, Problem
from drafter.files import atomic_write
from drafter.inputs import Inputs
from drafter.library.load import load_library
from drafter.library.model import Library
from drafter.spec.check import check_spec
from drafter.spec.load import user_libraries
from drafter.spec.model import Spec
from drafter.writers import render

_WRITE_BEHIND = 2  # documents rendered but not yet on disk, per process
MAX_LIBRARIES = 8  # user-library combinations kept loaded per process


class State(Struct, eq=False):
    """Everything a process needs to render any variant of one batch, loaded once."""

    key: tuple[str, str]
    plan: Plan
    root: Path  # the output folder, resolved
    libraries: dict[tuple[str, ...], Library | DrafterError] = field(default_factory=dict)
    inputs: Inputs = field(default_factory=Inputs)  # what every variant reads (batch, base, …)
    variant_inputs: dict[tuple[tuple[str, ...], str | None], Inputs] = field(default_factory=dict)

    def inputs_of(self, spec: Spec, library: Library) -> Inputs:
        """The inputs of one variant's run: the plan's files, its libraries and reference
        document; cached, as most variants share them."""
        return self.inputs_for(library.files, spec.reference_doc)

    def inputs_for(self, library_files: tuple[str, ...], reference_doc: str | None) -> Inputs:
        """The plan's files plus these libraries and reference document (cached)."""
        key = (library_files, reference_doc)
        found = self.variant_inputs.get(key)
        if found is None:
            if len(self.variant_inputs) >= 64:
                self.variant_inputs.clear()
            found = self.variant_inputs[key] = self.inputs.adding((*library_files, reference_doc))
        return found

    def library(self, extra: tuple[str, ...]) -> Library:
        """The built-in library plus `extra` user libraries; failures are cached too.

        A bounded cache: at most `MAX_LIBRARIES` combinations (variants rarely name more than a
        few); the built-in library alone is never evicted.
        """
        found = self.libraries.get(extra)
        if found is None:
            if len(self.libraries) >= MAX_LIBRARIES:
                self.libraries.pop(next(k for k in self.libraries if k), None)
            try:
                found = load_library(extra)
            except DrafterError as exc:
                found = exc
            self.libraries[extra] = found
        if isinstance(found, DrafterError):
            raise found
        return found


def build_state(batch_file: str, output_dir: str) -> State:
    """Load the library and the plan of one batch run (the batch file may have changed since
    the last run, so the parent always loads afresh)."""
    library = load_library()
    plan = load_plan(batch_file, library.theme_keys)
    return State((str(batch_file), str(output_dir)), plan, Path(output_dir).resolve(), {(): library},
                 Inputs.of(plan.inputs))


class WorkerSlot:
    """Where a pool worker keeps its `State` between tasks, and which process started it.

    A process pool's initializer can leave nothing anywhere but in the process, so this is the
    one place a batch keeps process-wide state: installed by the parent before it forks (so
    forked workers inherit it) or by `init_worker`, cleared when the pool is done.
    """

    def __init__(self) -> None:
        self._state: State | None = None
        self.parent: int | None = None  # the batch process that started this worker

    def install(self, state: State | None) -> None:
        """Make `state` this process's (None clears it)."""
        self._state = state

    def current(self) -> State:
        """This worker's state; `init_worker` has always run before any task."""
        if self._state is None:
            raise RuntimeError("a batch task ran in a process whose initializer did not run")
        return self._state

    def has(self, key: tuple[str, str]) -> bool:
        """Whether the state of this batch run is already here (inherited when forked)."""
        return self._state is not None and self._state.key == key


WORKER = WorkerSlot()


def init_worker(batch_file: str, output_dir: str, parent: int | None = None) -> None:
    """Pool initializer: the parent alone handles Ctrl-C and SIGTERM (it stops cleanly and
    writes the manifest); workers finish the variant in hand. But a worker never outlives
    its parent: on Linux the kernel kills it when the parent dies (`PR_SET_PDEATHSIG`), and
    everywhere it checks, before each chunk, that its parent is still the one that started
    it. A forked worker already has the state; a spawned one loads it here, once."""
    WORKER.parent = parent if parent is not None else os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent()
    parent_alive()
    if not WORKER.has((str(batch_file), str(output_dir))):
        WORKER.install(build_state(batch_file, output_dir))


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent exits, however the parent ends."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl: the check below remains
        pass


def parent_alive() -> None:
    """Exit at once if the parent that started this worker is gone (its children are then
    re-parented, so the parent id changes)."""
    if WORKER.parent is not None and os.getppid() != WORKER.parent:
        os._exit(1)


def problems_text(exc: DrafterError) -> str:
    """An error's located problems, one per line (as the manifest and the survey report them)."""
    return "\n".join(str(p) for p in exc.problems)


def expand(state: State, variant: Variant, *, validate: bool = True) -> tuple[Any, tuple[tuple[str, str], ...]]:
    """The variant's spec document and its outputs; `DrafterError` if they cannot be made.
    A variant with problems in its spreadsheet row gets the spec check's problems added (so one
    run shows all) unless `validate` is false (the survey, which only names variants)."""
    if variant.problems:
        raise DrafterError(variant.problems + (_spec_problems(state, variant) if validate else ()))
    doc = state.plan.spec_doc(variant)
    return doc, state.plan.outputs(variant, doc.data)


def _spec_problems(state: State, variant: Variant) -> tuple[Problem, ...]:
    try:
        check(state, state.plan.spec_doc(variant))
    except DrafterError as exc:
        return exc.problems
    return ()


def check(state: State, doc: Any) -> tuple[Spec, Library]:
    """Validate a variant's spec document (the same checks as `drafter validate`)."""
    libs, problems = user_libraries(doc)
    if problems:
        raise DrafterError(problems)
    library = state.library(tuple(libs))
    return check_spec(doc, library), library


def writer_warnings(spec: Spec, library: Library, outputs: tuple[tuple[str, str], ...]) -> tuple[Problem, ...]:
    """The writers' warnings about their inputs (a reference document's dropped parts)."""
    if spec.reference_doc is None or not any(fmt == "docx" for fmt, _ in outputs):
        return ()
    from drafter.writers import input_warnings

    try:
        return input_warnings(resolve(spec, library), "docx")
    except DrafterError:
        return ()  # the render reports it, for this variant


def variant_inputs(state: State, doc: Any) -> Inputs | None:
    """What a variant's run reads (the plan's files, its libraries, its reference document),
    found without validating its spec: the survey checks no output replaces one of them before
    anything is written, and leaves validation to the one check before rendering. None when
    its libraries cannot be loaded (the variant is invalid; the check reports it)."""
    libs, problems = user_libraries(doc)
    if problems:
        return None
    try:
        library = state.library(tuple(libs))
    except DrafterError:
        return None
    options = doc.data.get("options") if isinstance(doc.data, dict) else None
    raw = options.get("reference_doc") if isinstance(options, dict) else None
    reference = str(Path(doc.file).parent / raw) if isinstance(raw, str) and raw else None
    return state.inputs_for(library.files, reference)


def inside(path: Path, root: Path) -> bool:
    """True if `path`, with every existing symbolic link followed, is within `root`."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def target_path(root: Path, rel: str, *, create: bool) -> Path:
    """Where a relative output goes; refuses anything that would land outside `root`, and
    folders the pattern needs where a file (or nothing creatable) is."""
    target = root.joinpath(*rel.split("/"))
    if not inside(target.parent, root):
        raise DrafterError.at(Location(str(target)), "refusing to write outside the output folder "
                              "(a folder on the way is a symbolic link that leads out of it)",
                              hint="remove the link, or choose another -o folder")
    if create and target.parent != root:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DrafterError.at(Location(str(target)), f"cannot create the folder "
                                  f"{str(target.parent)!r}: {exc.strerror}",
                                  hint="a file may stand where the output pattern needs a folder; "
                                       "move it, or change `output`") from None
        if not inside(target.parent, root):  # pragma: no cover - a link swapped in meanwhile
            raise DrafterError.at(Location(str(target)), "refusing to write outside the output folder")
    return target


def _write(root: Path, rel: str, data: bytes, inputs: Inputs) -> None:
    atomic_write(target_path(root, rel, create=True), data, keep=inputs)


def _render(state: State, index: int, writer: ThreadPoolExecutor) -> tuple[Result, list[Future[None]]]:
    """Check and render variant `index`, handing each file to the writer thread. This is the
    one validation of a variant's spec (the survey only names and places it); its warnings
    travel back in the result, for the parent to print once."""
    variant = state.plan.variant(index)
    try:
        doc, outputs = expand(state, variant)
        spec, library = check(state, doc)
    except DrafterError as exc:
        return Result(index, SKIPPED, problems_text(exc), False, ()), []
    warnings = tuple(str(w) for w in (*spec.warnings, *writer_warnings(spec, library, outputs)))
    done: list[Output] = []
    futures: list[Future[None]] = []
    try:
        sub = resolve(spec, library)
        inputs = state.inputs_of(spec, library)
        for fmt, rel in outputs:
            data = render(sub, fmt)
            futures.append(writer.submit(_write, state.root, rel, data, inputs))
            done.append(Output(rel, fmt, hashlib.sha256(data).hexdigest(), len(data)))
    except DrafterError as exc:
        return Result(index, FAILED, problems_text(exc), False, tuple(done), warnings), futures
    except Exception as exc:  # noqa: BLE001 - a bug in one variant must not stop the others
        return Result(index, FAILED, _internal(exc), True, tuple(done), warnings), futures
    return Result(index, OK, None, False, tuple(done), warnings), futures


def _internal(exc: Exception) -> str:
    return f"internal error: {type(exc).__name__}: {exc}"


def _settle(result: Result, futures: list[Future[None]]) -> Result:
    """The result once its files are on disk: only files actually written are listed."""
    index, status, error, internal, outputs, warnings = result
    written: list[Output] = []
    status_now: VariantStatus = status
    for output, future in zip(outputs, futures, strict=False):
        try:
            future.result()
        except DrafterError as exc:
            status_now, error = FAILED, problems_text(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - as in _render
            status_now, error, internal = FAILED, _internal(exc), True
            continue
        written.append(output)
    return Result(index, status_now, error, internal, tuple(written), warnings)


def render_many(state: State, indices: Sequence[int],
                stop: Callable[[], bool] = lambda: False) -> list[Result]:
    """Render variants in order, writing behind: a thread writes (and fsyncs) each file while
    the next document renders, so the disk's latency overlaps the CPU's work. At most a few
    documents wait for the disk, and every write has finished when this returns."""
    results: list[Result] = []
    pending: deque[tuple[Result, list[Future[None]]]] = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="drafter-write") as writer:
        try:
            for index in indices:
                if stop():
                    break
                pending.append(_render(state, index, writer))
                while len(pending) > _WRITE_BEHIND:
                    results.append(_settle(*pending.popleft()))
        except KeyboardInterrupt:  # a second Ctrl-C in this process: keep what is on disk
            results.extend(_settle(*p) for p in pending)
            raise Interrupted(results) from None
        results.extend(_settle(*p) for p in pending)
    return results


class Interrupted(KeyboardInterrupt):
    """Ctrl-C while rendering in this process, carrying the variants already written."""

    def __init__(self, results: list[Result]):
        super().__init__()
        self.results = results
