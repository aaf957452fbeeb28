"""`manifest.json`: what a batch run wrote, streamed to disk and published atomically.

Entries are appended to a temporary file in the output folder (`files.AtomicFile`) as results
arrive (in plan order, so the file is deterministic), and the file is renamed to its final name
only when the run ends — normally, with failures, or interrupted. Readers never see half a manifest, and the
run never holds more than one entry in memory.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any

from drafter.batch.results import INTERRUPTED, Result
from drafter.batch.variants import Variant
from drafter.files import AtomicFile
from drafter.load.yaml import Ambiguous


def _plain(value: Any) -> Any:
    if isinstance(value, Ambiguous):
        return value.raw
    raise TypeError(type(value).__name__)


def _dumps(value: Any, indent: str) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_plain)
    return text.replace("\n", "\n" + indent)


MAX_TRACKED = 200_000  # outputs whose digests are kept to find identical ones (8 bytes each, plus the dict)


class ManifestWriter:
    """Writes the manifest entry by entry; `close()` publishes it, an exception discards it.

    It also notes outputs with the same bytes as an earlier one (`duplicates`): two variants
    that render the same file are almost always a batch file whose overrides change nothing
    (a layout for a one-language variant), and the user is told.
    """

    def __init__(self, path: Path, header: dict[str, Any]):
        self.path = path
        self.digests: dict[bytes, str] = {}  # first 8 bytes of a sha256 -> the first path with it
        self.duplicates: list[tuple[str, str]] = []  # (path, the earlier path with the same bytes)
        self.counts: Counter[str] = Counter()
        self.files = 0
        self.bytes = 0
        self.entries = 0
        self.out = AtomicFile(path)
        head = _dumps(header, "")
        self._write(head[:-2] + ',\n  "variants": [')

    def _write(self, text: str) -> None:
        self.out.file.write(text.encode("utf-8"))

    def add(self, variant: Variant, result: Result | None) -> None:
        """Record one variant; `result` None means it was not rendered (interrupted)."""
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
        self._write(("," if self.entries else "") + "\n    " + _dumps(entry, "    "))
        self.entries += 1
        self.counts[status] += 1
        self.files += len(outputs)
        self.bytes += sum(n for *_, n in outputs)
        for path, _fmt, digest, _size in outputs:
            key = bytes.fromhex(digest[:16])
            first = self.digests.get(key)
            if first is not None:
                self.duplicates.append((path, first))
            elif len(self.digests) < MAX_TRACKED:
                self.digests[key] = path

    def summary(self) -> dict[str, int]:
        return {"variants": self.entries, "ok": self.counts["ok"], "failed": self.counts["failed"],
                "skipped": self.counts["skipped"], "interrupted": self.counts["interrupted"],
                "files": self.files, "bytes": self.bytes}

    def close(self) -> None:
        """Finish the JSON, flush it to disk and rename it into place in one step."""
        self._write(("\n  ]" if self.entries else "]") + ',\n  "summary": ' + _dumps(self.summary(), "  ") + "\n}\n")
        self.out.commit()

    def discard(self) -> None:
        """Drop the unfinished manifest; an earlier one, if any, stays."""
        self.out.discard()

    def __enter__(self) -> ManifestWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()
