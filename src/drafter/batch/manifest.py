"""`manifest.json`: what a batch run wrote, streamed to disk and published atomically.

Entries are appended to a temporary file in the output folder (`files.AtomicFile`) as results
arrive (in plan order, so the file is deterministic), and the file is renamed to its final name
only when the run ends — normally, with failures, or interrupted. Readers never see half a
manifest, and the run never holds more than one entry in memory (and the names of the files it
wrote).

The manifest describes exactly what is on disk, whatever happens: the previous run's manifest
is removed before the first file is replaced (it would describe files that are about to
change), and if the new one cannot be written — a full disk — the files this run wrote are
removed again, so that no output is left that no manifest describes. The error says so.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any

from drafter.batch.results import INTERRUPTED, Result
from drafter.batch.variants import Variant
from drafter.errors import DrafterError, Location
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

    def __init__(self, path: Path, header: dict[str, Any], shown: str | None = None):
        self.path = path
        self.shown = shown or str(path)  # the path as the user gave it, for messages
        self.digests: dict[bytes, str] = {}  # first 8 bytes of a sha256 -> the first path with it
        self.duplicates: list[tuple[str, str]] = []  # (path, the earlier path with the same bytes)
        self.counts: Counter[str] = Counter()
        self.files = 0
        self.bytes = 0
        self.entries = 0
        self.broken: OSError | None = None  # why the manifest could not be written
        self.written: list[Path] = []  # this run's files, removed again if the manifest fails
        where = Location(self.shown)
        if os.path.lexists(path) and (os.path.islink(path) or not os.path.isfile(path)):
            raise DrafterError.at(where, "the manifest's name is taken by a folder, link or "
                                  "other non-file", hint="move it away, or choose another -o folder")
        self.out = AtomicFile(path, checked=True, shown=self.shown)
        head = _dumps(header, "")
        self._put(head[:-2] + ',\n  "variants": [')
        if self.broken is None:
            try:
                if os.path.lexists(path):
                    os.unlink(path)  # it described the files this run is about to replace
            except OSError as exc:
                self.discard()
                raise DrafterError.at(where, f"cannot remove the previous manifest: {exc.strerror}",
                                      hint="make the folder writable") from None

    def _put(self, text: str) -> None:
        if self.broken is not None:
            return
        try:
            self.out.file.write(text.encode("utf-8"))
        except OSError as exc:
            self.broken = exc

    def add(self, variant: Variant, result: Result | None) -> None:
        """Record one variant; `result` None means it was not rendered (interrupted)."""
        result = result or Result(variant.index, INTERRUPTED, None, False, ())
        status, error, outputs = result.status, result.error, result.outputs
        entry = {
            "index": variant.index,
            "name": variant.name,
            "overrides": {ov.path: ov.written for ov in variant.overrides},
            **({"row": variant.row} if variant.row is not None else {}),
            "status": status,
            "error": error,
            "outputs": [{"path": p, "format": f, "sha256": h, "size": n} for p, f, h, n in outputs],
        }
        self._put(("," if self.entries else "") + "\n    " + _dumps(entry, "    "))
        self.written.extend(self.path.parent.joinpath(*p.split("/")) for p, *_ in outputs)
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
        """The counts the manifest ends with (and `drafter batch` reports)."""
        return {"variants": self.entries, "ok": self.counts["ok"], "failed": self.counts["failed"],
                "skipped": self.counts["skipped"], "interrupted": self.counts["interrupted"],
                "files": self.files, "bytes": self.bytes}

    def close(self) -> None:
        """Finish the JSON, flush it to disk and rename it into place in one step; if that
        fails, remove this run's files again and say so (`DrafterError`)."""
        self._put(("\n  ]" if self.entries else "]") + ',\n  "summary": '
                  + _dumps(self.summary(), "  ") + "\n}\n")
        try:
            if self.broken is not None:
                raise self.broken
            self.out.finish()
        except OSError as exc:
            self.discard()
            removed = 0
            for path in self.written:
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    removed += 1
            raise DrafterError.at(Location(self.shown), f"cannot write the manifest: "
                                  f"{exc.strerror or exc}; the {removed} file(s) this run wrote "
                                  "were removed again, as no manifest would describe them",
                                  hint="free some space (or fix the folder) and run the batch again") from None

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
