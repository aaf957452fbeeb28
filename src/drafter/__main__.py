"""`python -m drafter` and the `drafter` script: the CLI, entered through `run`.

`run` first offers the arguments to the render fast path (`cli/fast.py`: a plain `drafter
render SPEC -o OUT` runs without importing Click), then imports the CLI. Both inside a `try`,
so that a Ctrl-C while the command is still starting (the import of Click and the commands
takes most of a cold start) exits 130 with one line, as one during a command does, instead of
a traceback. A signal that arrives even earlier, while Python itself is starting, is Python's
to answer: no drafter code is running yet.
"""

from __future__ import annotations

import os
import sys


def run() -> None:
    """Start the `drafter` command (the console script's entry point)."""
    try:
        from drafter.cli.fast import run_fast

        if run_fast(sys.argv[1:]):
            _done()
        from drafter.cli import main
    except KeyboardInterrupt:
        from drafter.errors import EXIT_INTERRUPTED

        sys.stderr.write("interrupted while starting; nothing was written\n")
        sys.exit(EXIT_INTERRUPTED)
    main()


def _done() -> None:
    """End a fast-path render that succeeded, without the interpreter's teardown: the output is
    written, closed and renamed into place (`files.atomic_write`), and what is left is freeing
    every object of the library one by one, a fifth of the command's time (benchmarks/). The
    streams are flushed first; no exit handler is registered on this path."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    run()
