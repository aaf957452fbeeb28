"""Running a batch: survey the plan, render in worker processes, publish the manifest.

Speed comes from doing little per variant: each worker process loads the library, the batch
file and the templates once, then renders whole ranges of variants it is sent as three
integers, returning a short tuple per variant. The parent keeps only a bounded window of
ranges in flight and streams results straight into the manifest, so neither rendered bytes
nor per-variant records pile up.

Stopping: a Ctrl-C (or SIGTERM, as Slurm and Kubernetes send) during the survey stops at
once — nothing has been written yet, and the workers are ended with the run. Once writing has
begun, the first signal starts nothing new and lets the variants in hand finish — every file
is written atomically, so none is ever half there — marks the rest `interrupted` in the
manifest and exits 130. Any further signal only makes the stop come sooner (after the variant
being rendered in this process, `--jobs 1`); no signal ever interrupts the bookkeeping, so the
manifest is always written and always lists exactly the files on disk. Workers ignore the
signals, finish their few variants, and die with their parent however it ends.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO, TypeVar, cast

from msgspec import Struct

from drafter.batch.manifest import ManifestWriter
from drafter.batch.results import FAILED, SKIPPED, Result
from drafter.batch.survey import (
    Shard,
    Survey,
    manifest_name,
    parse_shard,
    report_invalid,
    survey,
    survey_chunk,
    warn_once,
)
from drafter.batch.tasks import render_task, survey_task
from drafter.batch.workers import WORKER, Interrupted, State, build_state, init_worker, render_many
from drafter.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, DrafterError, Location

T = TypeVar("T")
Echo = Callable[[str], None]


class BatchResult(Struct, frozen=True):
    """What a run did; `exit_code` is what the CLI exits with."""

    variants: int
    ok: int
    failed: int
    skipped: int
    interrupted: int
    files: int
    manifest: str | None
    exit_code: int


def default_jobs() -> int:
    """The CPUs this process may use (a Slurm or container CPU set, not the whole machine)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def _quiet(_: str) -> None:
    return None


def render_batch(batch_file: str | Path, output_dir: str | Path, *, jobs: int | None = None,
                 shard: str | None = None, dry_run: bool = False, echo: Echo | None = None,
                 out: Echo | None = None, progress: TextIO | None = None) -> BatchResult:
    """Render every variant of a batch file (or one shard of them) into `output_dir`.

    Raises `DrafterError` for a bad batch file, shard, or output folder, and for collisions,
    before anything is written. Invalid variants are reported through `echo`, skipped, and
    recorded in the manifest; `exit_code` is 2 if any variant was not rendered.
    """
    echo, out = echo or _quiet, out or _quiet
    part = parse_shard(shard)
    root = Path(output_dir)
    if os.path.lexists(root) and not os.path.isdir(root):
        raise DrafterError.at(Location(str(root)), "the output folder is a file",
                              hint="give a folder with -o")
    stop = _Stop(echo)
    with stop.installed():
        return _run(str(batch_file), str(output_dir), part, jobs, dry_run, echo, out, progress, stop)


def _run(batch_file: str, output_dir: str, part: Shard, jobs: int | None, dry_run: bool,
         echo: Echo, out: Echo, progress: TextIO | None, stop: _Stop) -> BatchResult:
    root = Path(output_dir)
    state = build_state(batch_file, output_dir)
    stop.check()
    jobs = max(1, min(jobs or default_jobs(), len(part.indices(state.plan.count)) or 1))
    with _Workers(state, jobs) as workers:
        everything = range(state.plan.count)
        findings = workers.map(
            lambda chunk: survey_chunk(state, part, chunk, dry_run),
            lambda chunk: (survey_task, part.k, part.n, chunk, dry_run),
            _chunks(everything, jobs, 64), stop)
        found = survey(state, part, echo, out if dry_run else None, (f for _, f in findings))
        stop.check()
        if found.invalid:
            echo(f"{found.invalid} of {found.variants} variant(s) invalid; they are skipped")
        if dry_run:
            echo(f"dry run: {found.files} file(s) from {found.variants - found.invalid} "
                 f"variant(s) would be written to {output_dir}; nothing was written")
            return BatchResult(found.variants, found.variants - found.invalid, 0, found.invalid,
                               0, 0, None, EXIT_BAD_INPUT if found.invalid else EXIT_OK)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DrafterError.at(Location(str(root)),
                                  f"cannot create the output folder: {exc.strerror}",
                                  hint="choose a folder you can write to") from None
        return _write(state, part, workers, _Reporter(found, echo), progress, stop)


def _sha256(path: str | Path) -> str | None:
    """The batch file's identity, so `drafter batch merge` joins only one batch file's shards."""
    import hashlib

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


class _Reporter:
    """Prints what the one validation before rendering found, as each result arrives in plan
    order: invalid variants (the first few in full), and each warning once."""

    def __init__(self, found: Survey, echo: Echo):
        self.found, self.echo = found, echo
        self.warned: set[str] = set()

    def __call__(self, text: str) -> None:
        self.echo(text)

    def result(self, name: str, result: Result | None) -> None:
        if result is None:
            return
        if result.status == SKIPPED and result.error is not None:
            report_invalid(self.found, name, result.error, self.echo)
        warn_once(result.warnings, name, self.warned, self.echo)

    def invalid(self) -> None:
        if self.found.invalid:
            self.echo(f"{self.found.invalid} of {self.found.variants} variant(s) invalid; they are skipped")


def _write(state: State, part: Shard, workers: _Workers, echo: _Reporter,
           progress: TextIO | None, stop: _Stop) -> BatchResult:
    plan = state.plan
    name = manifest_name(part)
    header = {"drafter": 1, "batch": Path(plan.file).name, "batch_sha256": _sha256(plan.file),
              "base": plan.base_name, "formats": list(plan.formats), "output": plan.pattern.text,
              "shard": part.text, "planned": plan.count}
    if plan.rows_from is not None:
        header.update({"from": plan.rows_from, "sheet": plan.sheet})
    indices = part.indices(plan.count)
    bar = _Progress(progress, len(indices)) if progress is not None else None
    internal = False
    lost: str | None = None
    stop.check()  # the last moment a stop leaves nothing behind at all
    with ManifestWriter(state.root / name, header, os.path.join(state.key[1], name)) as manifest:
        written = 0
        workers.writing = True
        try:
            results = workers.map(
                lambda chunk: render_many(state, chunk, lambda: stop.requested),
                lambda chunk: (render_task, chunk),
                _chunks(indices, workers.jobs, 16), stop)
            for chunk, done in results:
                by_index = {r.variant: r for r in done}
                for index in chunk:
                    result = by_index.get(index)
                    variant = plan.variant(index)
                    manifest.add(variant, result)
                    echo.result(variant.name, result)
                    written += 1
                    if result is not None and result.status == FAILED:
                        internal |= result.internal
                        echo(f"variant {variant.name!r} failed: {result.error}")
                if manifest.broken:
                    stop.requested = True
                stop.tell()
                if bar:
                    bar.update(len(chunk))
        except BrokenProcessPool as exc:  # a worker was killed (out of memory, kill -9)
            internal = True
            lost = f"internal error: a worker process died ({exc}); rerun to render it"
            echo(lost)
        finally:
            if bar:
                bar.close()
        for index in indices[written:]:
            manifest.add(plan.variant(index), Result(index, FAILED, lost, True, ()) if lost else None)
        summary = manifest.summary()
        echo.invalid()
        _warn_duplicates(manifest.duplicates, echo)
    stop.tell()
    rel = os.path.join(state.key[1], name)
    echo(f"wrote {summary['files']} file(s) for {summary['ok']} of {summary['variants']} "
         f"variant(s); manifest: {rel}")
    if stop.requested:
        echo(f"interrupted: {summary['interrupted']} variant(s) not rendered ({rel} says which)")
    code = EXIT_INTERRUPTED if stop.requested else EXIT_INTERNAL if internal else \
        EXIT_BAD_INPUT if summary["ok"] != summary["variants"] else EXIT_OK
    return BatchResult(summary["variants"], summary["ok"], summary["failed"], summary["skipped"],
                       summary["interrupted"], summary["files"], rel, code)


def _warn_duplicates(duplicates: list[tuple[str, str]], echo: Echo, most: int = 10) -> None:
    """Say which outputs have the same bytes as an earlier one: their overrides changed nothing."""
    for path, first in duplicates[:most]:
        echo(f"warning: {path} is identical to {first} (same bytes): the overrides that tell them apart "
             "change nothing here (a layout of a one-language variant, say)")
    if len(duplicates) > most:
        echo(f"warning: {len(duplicates) - most} more output(s) identical to earlier ones (manifest.json has the "
             "sha256 of each)")


def _chunks(indices: range, jobs: int, most: int) -> Iterator[range]:
    """Ranges of a few variants each: large enough to amortise a round trip, small enough to
    balance the workers and let an interrupt take effect quickly."""
    size = max(1, min(most, len(indices) // (jobs * 8)))
    for start in range(0, len(indices), size):
        yield indices[start:start + size]


class _Workers:
    """The batch's worker processes, shared by the survey and the rendering; with one job,
    everything runs in this process instead (no pool, no pickling)."""

    def __init__(self, state: State, jobs: int):
        self.state, self.jobs = state, jobs
        self.pool: ProcessPoolExecutor | None = None
        self.writing = False  # once true, workers may be writing files: never kill them

    def __enter__(self) -> _Workers:
        if self.jobs > 1:
            WORKER.install(self.state)  # forked workers start with it; spawned ones load it again
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=context,
                                            initializer=init_worker,
                                            initargs=(*self.state.key, os.getpid()))
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is None:
            return
        if exc[0] is not None and not self.writing:
            # stopped during the survey: the workers only read, so end them now (SIGKILL: they
            # ignore SIGTERM, which is the parent's to handle)
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.kill()
        # Waiting costs nothing once the workers are ended, and a pool left running races the
        # interpreter's exit (concurrent.futures then writes to the pool's closed wake-up pipe:
        # "Exception ignored … Bad file descriptor" on stderr).
        self.pool.shutdown(wait=True, cancel_futures=True)
        WORKER.install(None)

    def map(self, local: Callable[[range], T], remote: Callable[[range], tuple[Any, ...]],
            chunks: Iterator[range], stop: _Stop | None = None) -> Iterator[tuple[range, T]]:
        """(chunk, result) in plan order; at most `2 × jobs` chunks in flight. Once `stop` is
        requested no chunk is started; those in flight finish (yielded) or are cancelled
        (yielded with an empty result)."""
        if self.pool is None:
            yield from self._here(local, chunks, stop)
            return
        window: deque[tuple[range, Future[T]]] = deque()
        try:
            while True:
                while len(window) < 2 * self.jobs and not (stop and stop.requested):
                    upcoming = next(chunks, None)
                    if upcoming is None:
                        break
                    fn, *args = remote(upcoming)
                    window.append((upcoming, self.pool.submit(fn, *args)))
                if not window:
                    return
                if stop is not None:
                    stop.tell()
                chunk, future = window.popleft()
                if stop is not None and stop.requested and future.cancel():
                    yield chunk, cast(T, [])
                else:
                    yield chunk, self._wait(future, stop)
        finally:
            for _, future in window:
                future.cancel()

    @staticmethod
    def _here(local: Callable[[range], T], chunks: Iterator[range], stop: _Stop | None) -> Iterator[tuple[range, T]]:
        """`map` with one job: each chunk in this process."""
        for chunk in chunks:
            if stop is not None and stop.requested:
                return
            try:
                result = local(chunk)
            except Interrupted as exc:  # only without `_Stop` installed (not the main thread)
                if stop is None:
                    raise
                stop.requested = True
                result = cast(T, exc.results)
            yield chunk, result

    @staticmethod
    def _wait(future: Future[T], stop: _Stop | None) -> T:
        """A chunk's result. While rendering, signals never interrupt the wait (`_Stop` only
        sets flags): chunks already in a worker take a fraction of a second, and their files
        are being written."""
        while True:
            try:
                return future.result()
            except KeyboardInterrupt:  # only without `_Stop` installed (not the main thread)
                if stop is None:
                    raise
                stop.requested = True


class _Stop:
    """SIGINT/SIGTERM during the survey: stop as soon as the chunks in hand are checked
    (nothing is written yet; `check` raises). While writing: the first finishes what is in
    hand, then stops; later ones stop sooner. The handler only sets flags — it never raises
    into the bookkeeping or the pool's locks, and never prints (a write to stderr interrupted
    by another would fail) — so the manifest stays exact; `tell` says what was asked, from
    the main loop."""

    def __init__(self, echo: Echo):
        self.requested = False
        self.signals = 0
        self.told = 0
        self.echo = echo

    def _handle(self, signum: int, frame: object) -> None:
        self.signals += 1
        self.requested = True

    def check(self) -> None:
        """Before anything is written, a stop is a plain interrupt: raise it here, at a point
        where no lock is held (raising from the handler could strike inside the pool's)."""
        if self.requested:
            raise KeyboardInterrupt

    def tell(self) -> None:
        """Report the signals received since last asked (called from the main loop)."""
        if self.signals and not self.told:
            self.echo("stopping after the variants in progress")
        self.told = self.signals

    @contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        old = {s: signal.signal(s, self._handle) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for s, handler in old.items():
                signal.signal(s, handler)


class _Progress:
    """A one-line progress bar on a terminal: done/total and documents per second."""

    def __init__(self, stream: TextIO, total: int):
        self.stream, self.total, self.done = stream, total, 0
        self.start = time.monotonic()

    def update(self, n: int) -> None:
        self.done += n
        width = 30
        filled = width * self.done // max(1, self.total)
        rate = self.done / max(1e-6, time.monotonic() - self.start)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                          f"variants, {rate:.0f}/s ")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
