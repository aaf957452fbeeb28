"""The deterministic zip container of a .docx: pre-compressed entries, fixed dates and order.

Reference-document parts are compressed once per process and copied into every output as they
are; the parts drafter generates are deflated per document (`DEFLATE_LEVEL`).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

from msgspec import Struct


class ZipEntry(Struct, frozen=True):
    """One zip member, already compressed: reference-document parts are compressed once per
    process and copied into every output as they are."""

    name: str
    payload: bytes  # deflated (method 8) or stored (method 0) bytes
    crc: int
    size: int
    method: int


DEFLATE_LEVEL = 3
"""zlib level for generated parts. Level 3 deflates a full submission's document.xml twice as
fast as zlib's default 6 for about 12 % more bytes (61 KB instead of 55 KB for the largest
fixture): batch users render thousands of files (issue 8), and nobody notices 5 KB."""


def deflate(name: str, data: bytes, level: int = DEFLATE_LEVEL) -> ZipEntry:
    """Compress `data` as a raw deflate stream; store it when that does not make it smaller."""
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    packed = comp.compress(data) + comp.flush()
    crc = zlib.crc32(data)
    if len(packed) >= len(data):
        return ZipEntry(name, data, crc, len(data), 0)
    return ZipEntry(name, packed, crc, len(data), 8)


def stored(name: str, data: bytes) -> ZipEntry:
    """An uncompressed entry (the committed reference document, whose bytes must not depend on
    the zlib build that made them)."""
    return ZipEntry(name, data, zlib.crc32(data), len(data), 0)


_DOS_DATE = (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01, the earliest date zip can store
_DOS_TIME = 0
_MADE_BY = 3 << 8 | 20  # Unix, zip spec 2.0
_EXTERNAL = (0o100644 << 16)  # regular file, rw-r--r--


def sort_key(name: str) -> tuple[int, str]:
    """`[Content_Types].xml` first (some readers sniff it), then by name."""
    return (0 if name == "[Content_Types].xml" else 1, name)


def write_zip(entries: Iterable[ZipEntry]) -> bytes:
    """A zip archive of `entries` with fixed dates and permissions, in a fixed order.

    Written by hand rather than with `zipfile` so that pre-compressed entries are copied
    without being inflated and deflated again; `zipfile` and Word read it like any other.
    """
    ordered = sorted(entries, key=lambda e: sort_key(e.name))
    names = [e.name for e in ordered]
    if len(set(names)) != len(names):
        raise ValueError("duplicate zip member names")
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in ordered:
        name = e.name.encode("utf-8")
        flags = 0 if e.name.isascii() else 0x800
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, e.method, _DOS_TIME, _DOS_DATE,
                            e.crc, len(e.payload), e.size, len(name), 0)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", _MADE_BY, 20, flags, e.method,
                                   _DOS_TIME, _DOS_DATE, e.crc, len(e.payload), e.size, len(name),
                                   0, 0, 0, 0, _EXTERNAL, offset) + name)
        chunks.append(local)
        chunks.append(name)
        chunks.append(e.payload)
        offset += len(local) + len(name) + len(e.payload)
    directory = b"".join(central)
    if offset > 0xFFFFFFFF or len(ordered) > 0xFFFF:
        raise ValueError("document too large for a zip without zip64")
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(ordered), len(ordered), len(directory), offset, 0)
    return b"".join(chunks) + directory + end
