"""`drafter render SPEC [-o OUT] [--format FMT]` without importing Click.

Importing Click and every command's module is about half of a cold `drafter render` (the
rest is reading the cached spec and library, resolving and writing). The common invocation is
recognised here, strictly: the one argument and these options only, each at most once, an
output file (not `-`: stdout's broken-pipe handling is Click's) and a spec that is not a
folder. Anything else — another option, `--help`, a repeated or unusual token — is left to
Click, which parses it and reports usage errors as always. The work itself is
`rendering.render_spec` and the errors go through `console.reported`: the same bytes,
messages and exit codes as the Click command (tests/cli/test_fast.py runs both).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

_VALUED = {"-o": "output", "--output": "output", "--format": "fmt"}


def parse_render(argv: Sequence[str]) -> dict[str, str] | None:
    """The spec, output and format of a plain `render` invocation; None for anything else
    (which includes a value that starts with `-`, `-o -` among them)."""
    if sys.platform == "win32" or len(argv) < 2 or argv[0] != "render":
        return None  # on Windows Click also expands wildcards in arguments
    from drafter.cli.rendering import FORMAT_NAMES

    found: dict[str, str] = {}
    tokens = list(argv[1:])
    while tokens:
        token = tokens.pop(0)
        name, eq, value = token.partition("=")
        if token.startswith("--") and eq and name in _VALUED:
            key = _VALUED[name]
        elif token in _VALUED and tokens:
            key, value = _VALUED[token], tokens.pop(0)
        elif not token.startswith("-") and "spec" not in found:
            key, value = "spec", token
        else:
            return None
        if key in found or not value or value.startswith("-"):
            return None
        found[key] = value
    if "spec" not in found or os.path.isdir(found["spec"]):
        return None
    if "fmt" in found and found["fmt"] not in FORMAT_NAMES:
        return None
    return found


def run_fast(argv: Sequence[str]) -> bool:
    """Run `argv` here if it is a plain render (True); False: it is Click's to parse."""
    parsed = parse_render(argv)
    if parsed is None:
        return False
    import gc

    gc.disable()  # a short-lived process: the collector's passes over the library cost more than they free
    from drafter.cli.console import reported, safe_streams
    from drafter.cli.rendering import render_spec

    safe_streams()
    reported(lambda: render_spec(parsed["spec"], output=parsed.get("output"), fmt=parsed.get("fmt")))
    return True
