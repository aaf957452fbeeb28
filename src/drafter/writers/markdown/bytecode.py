"""Compiled built-in Markdown templates, kept between runs in drafter's one cache.

Compiling the bundled templates is most of a cold Markdown render's template time; Jinja2 can
keep the compiled code (`BytecodeCache`). Unlike the library cache this entry *is* code: it is
the compilation of drafter's own bundled templates, so it is read only from the private cache
folder (`drafter/cache.py`: owned by this user, writable by no one else — the trust Python's
own `__pycache__` asks for), named by drafter's and Python's versions and the template's path,
and checked by Jinja2 against the template source's checksum. Only the trusted environment
uses it: a run with user templates (`--templates`) compiles every template afresh in the
sandbox, drafter's own among them, so sandboxed and trusted code never share an entry.
"""

from __future__ import annotations

import os
from types import CodeType

from jinja2.bccache import Bucket, BytecodeCache

from drafter import cache, paths

USER = "user"  # the key of a template that is not drafter's own: never stored


class BuiltinBytecodeCache(BytecodeCache):
    """Stores `(source checksum, code)` for drafter's bundled templates (Jinja2's own bucket
    format reads its checksum with pickle, so it is not used)."""

    def __init__(self) -> None:
        self.builtin = os.path.join(str(paths.templates_dir()), "")

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        if not filename or not str(filename).startswith(self.builtin):
            return USER
        # `trusted`: compiled for the plain environment (writer._builtin_environment), whose
        # code differs from the sandbox's; entries from before the split were the sandbox's
        return cache.key("template", b"trusted", name.encode(), str(filename).encode("utf-8", "surrogateescape"))

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key == USER:
            return
        data = cache.read(bucket.key)
        if type(data) is tuple and len(data) == 2 and data[0] == bucket.checksum and type(data[1]) is CodeType:
            bucket.code = data[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key != USER and bucket.code is not None:
            cache.write(bucket.key, (bucket.checksum, bucket.code))
