"""Finding repeats among millions of names in fixed memory.

Both the survey (output names of every variant) and a spreadsheet's rows (variant names) must
find the few names that occur twice without keeping every name. Each name is reduced to a
64-bit hash and marked in a fixed-size bit array; a hash whose bit is already set is a
*suspect*, and a second pass over the names confirms the suspects that really repeat (most
are bit collisions of different names). Memory is the bit array plus the suspects.
"""

from __future__ import annotations

import hashlib


class Filter:
    """A fixed-size bit filter of 64-bit name hashes; a set bit seen again is a suspect."""

    def __init__(self, expected: int):
        bits = 1 << max(16, min(27, (expected * 64).bit_length()))
        self.mask = bits - 1
        self.bits = bytearray(bits // 8)
        self.suspects: set[int] = set()

    def add(self, h: int) -> None:
        i = h & self.mask
        byte, bit = i >> 3, 1 << (i & 7)
        if self.bits[byte] & bit:
            self.suspects.add(h)
        else:
            self.bits[byte] |= bit


def hash64(key: str) -> int:
    """A stable 64-bit hash of a name (the same in every process, unlike `hash()`)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
