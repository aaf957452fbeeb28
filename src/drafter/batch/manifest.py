"""`manifest.json`: what a batch run wrote, streamed to disk and published atomically.

Entries are appended to a temporary file in the output folder as results arrive (in plan
order, so the file is deterministic), and the file is renamed to its final name only when the
run ends — normally, with failures, or interrupted. Readers never see half a manifest, and the
run never holds more than one entry in memory.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any

from drafter.batch.plan import Variant
from drafter.batch.workers import Result
from drafter.errors import DrafterError, Location
from drafter.load.yaml import Ambiguous


def _plain(value: Any) -> Any:
    if isinstance(value, Ambiguous):
        return value.raw
    raise TypeError(type(value).__name__)


def _dumps(value: Any, indent: str) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_plain)
    return text.replace("\n", "\n" + indent)


class ManifestWriter:
    """Writes the manifest entry by entry; `close()` publishes it, an exception discards it."""

    def __init__(self, path: Path, header: dict[str, Any]):
        self.path = path
        self.counts: Counter[str] = Counter()
        self.files = 0
        self.bytes = 0
        self.entries = 0
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=".manifest.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise DrafterError.at(Location(str(path)), f"cannot write in {str(path.parent)!r}: "
                                  f"{exc.strerror}", hint="choose a folder you can write to") from None
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        head = _dumps(header, "")
        self.fh.write(head[:-2] + ',\n  "variants": [')

    def add(self, variant: Variant, result: Result | None) -> None:
        """Record one variant; `result` None means it was not rendered (interrupted)."""
        from drafter.batch.workers import INTERRUPTED

        _, status, error, _, outputs = result or (variant.index, INTERRUPTED, None, False, ())
        entry = {
            "index": variant.index,
            "name": variant.name,
            "overrides": {ov.path: ov.written for ov in variant.overrides},
            **({"row": variant.row} if variant.row is not None else {}),
            "status": status,
            "error": error,
            "outputs": [{"path": p, "format": f, "sha256": h, "size": n} for p, f, h, n in outputs],
        }
        self.fh.write(("," if self.entries else "") + "\n    " + _dumps(entry, "    "))
        self.entries += 1
        self.counts[status] += 1
        self.files += len(outputs)
        self.bytes += sum(n for *_, n in outputs)

    def summary(self) -> dict[str, int]:
        return {"variants": self.entries, "ok": self.counts["ok"], "failed": self.counts["failed"],
                "skipped": self.counts["skipped"], "interrupted": self.counts["interrupted"],
                "files": self.files, "bytes": self.bytes}

    def close(self) -> None:
        """Finish the JSON, flush it to disk and rename it into place in one step."""
        self.fh.write(("\n  ]" if self.entries else "]") + ',\n  "summary": '
                      + _dumps(self.summary(), "  ") + "\n}\n")
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.fh.close()
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)

    def __enter__(self) -> ManifestWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()
