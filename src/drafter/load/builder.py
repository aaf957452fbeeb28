"""Building plain data from the YAML parser's events, iteratively, with every value's location.

`yaml.py` feeds the events to a `Builder`; this module decides what each event becomes: plain
mappings, lists, strings, numbers, booleans and null, `Ambiguous` for YAML 1.1 surprises, and a
located problem for everything refused (tags, aliases, merge keys, duplicate keys, depth, size).
"""

from __future__ import annotations

import re
from typing import Any

from msgspec import Struct

from drafter.errors import DrafterError, Location, Problem
from drafter.load.limits import MAX_DEPTH, MAX_DIGITS, MAX_NODES

Path_ = tuple[Any, ...]


class Ambiguous(Struct, frozen=True):
    """A plain scalar YAML 1.1 would silently turn into something else than what was written.

    `str()` gives the text as written, so code that only prints a value never alters it.
    """

    raw: str
    reading: str

    def __str__(self) -> str:
        return self.raw

    def message(self) -> str:
        return f"{self.raw!r} would be read as {self.reading}, not as text"

    def hint(self) -> str:
        if "date" in self.reading:
            return f'quote it ("{self.raw}") to keep it as text'
        other = "write true or false" if "yes/no" in self.reading else "write a plain decimal number"
        return f'quote it ("{self.raw}") if you mean the text, or {other}'

_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_TRUE_FALSE = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}
_PLAIN_TAGS = {
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
}


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


_BAD_KEY = object()  # stands for a key that was reported; its value is built and dropped
_NO_KEY = object()  # a mapping waits for its next key


class _Frame:
    """An open mapping or sequence while its events arrive."""

    __slots__ = ("container", "path", "key", "first_seen")

    def __init__(self, container: Any, path: Path_):
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.first_seen: dict[Any, int] = {}


class Builder:
    """Turns the parser's event stream into plain data, collecting every problem on the way.

    Iterative (an explicit stack of open collections), so no input can exhaust the C stack.
    """

    def __init__(self, file: str):
        self.file = file
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.stack: list[_Frame] = []
        self.documents = 0
        self.result: Any = None
        self.seen = 0  # index just past the last event fed: the parser's output reached here

    def problem(self, mark: tuple[int, int], message: str, hint: str = "") -> None:
        self.problems.append(Problem(Location(self.file, *mark), message, hint=hint))

    def fatal(self, event: Any, message: str, hint: str = "") -> DrafterError:
        return DrafterError.at(Location(self.file, *_mark(event)), message, hint=hint)

    def feed(self, event: Any, resolver: Any) -> None:
        import yaml

        self.seen = event.end_mark.index
        if isinstance(event, yaml.AliasEvent):
            raise self.fatal(event, f"alias *{event.anchor} is not allowed",
                             "write the value out in full; aliases can hide huge expansions")
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fatal(event, "more than one YAML document in the file",
                                 "remove the second `---` and what follows, or put it in its own file")
            return
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self.attach(frame.container)
            return
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fatal(event, f"more than {MAX_NODES:,} values in one file",
                             "split the file; no spec or library file needs this many")
        is_key = bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is _NO_KEY
        if isinstance(event, yaml.ScalarEvent):
            if is_key:
                self.take_key(event, resolver)
            else:
                self.attach(self.scalar(event, resolver), _mark(event))
            return
        # a mapping or sequence starts
        if len(self.stack) >= MAX_DEPTH:
            raise self.fatal(event, f"nested deeper than {MAX_DEPTH} levels",
                             "a spec never needs this much nesting; check brackets and indentation")
        kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
        self.check_collection_tag(event, kind)
        if is_key:
            self.problem(_mark(event), "a key must be plain text", "quote the key")
            parent = self.stack[-1]
            parent.key = _BAD_KEY
        path = self.child_path()
        if path is not None:
            self.marks[path] = _mark(event)
        self.stack.append(_Frame({} if kind == "map" else [], path if path is not None else (_BAD_KEY,)))

    def child_path(self) -> Path_ | None:
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if isinstance(parent.container, list):
            return (*parent.path, len(parent.container))
        if parent.key is _BAD_KEY:
            return None
        return (*parent.path, parent.key)

    def take_key(self, event: Any, resolver: Any) -> None:
        frame = self.stack[-1]
        mark = _mark(event)
        tag = event.tag
        if tag is None or tag == "!":
            tag = resolver.resolve(_scalar_node_class(), event.value, event.implicit)
        if tag == "tag:yaml.org,2002:merge":
            self.problem(mark, "merge keys (<<) are not allowed", "write the keys out")
            frame.key = _BAD_KEY
            return
        key = self.scalar(event, resolver)
        if isinstance(key, Ambiguous):
            key = key.raw
        if key in frame.first_seen:
            self.problem(
                mark,
                f"duplicate key {event.value!r} (first at line {frame.first_seen[key]})",
                "remove one of them; YAML would silently keep only the last",
            )
            frame.key = _BAD_KEY
            return
        frame.first_seen[key] = mark[0]
        frame.key = key
        self.key_marks[frame.path + (key,)] = mark

    def attach(self, value: Any, mark: tuple[int, int] | None = None) -> None:
        if not self.stack:
            self.result = value
            if mark is not None:
                self.marks[()] = mark
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            if mark is not None:
                self.marks[frame.path + (len(frame.container),)] = mark
            frame.container.append(value)
            return
        key, frame.key = frame.key, _NO_KEY
        if key is _BAD_KEY:
            return
        if mark is not None:
            self.marks[frame.path + (key,)] = mark
        frame.container[key] = value

    def check_collection_tag(self, event: Any, kind: str) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag == f"tag:yaml.org,2002:{kind}":
            return
        self.problem(_mark(event), f"tag {tag!r} is not allowed", "remove the tag; drafter reads plain data")

    def scalar(self, event: Any, resolver: Any) -> Any:
        raw = event.value
        tag = event.tag
        explicit = tag is not None and tag != "!"
        if not explicit:
            if event.style in ("'", '"', "|", ">"):
                return raw
            tag = resolver.resolve(_scalar_node_class(), raw, event.implicit)
        if tag not in _PLAIN_TAGS:
            self.problem(_mark(event), f"tag {tag!r} is not allowed", "remove the tag; drafter reads plain data")
            return raw
        if tag == "tag:yaml.org,2002:str" or event.style in ("'", '"', "|", ">"):
            return raw
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            if raw in _TRUE_FALSE:
                return _TRUE_FALSE[raw]
            return Ambiguous(raw, "a yes/no value (YAML 1.1 boolean)")
        if tag == "tag:yaml.org,2002:int":
            return self.integer(event, raw)
        if tag == "tag:yaml.org,2002:float":
            if _PLAIN_FLOAT.match(raw) and len(raw) <= MAX_DIGITS:
                return float(raw)
            return Ambiguous(raw, "a special, very long or base-60 number")
        return Ambiguous(raw, "a date (YAML 1.1 timestamp)")  # date fields take it as written

    def integer(self, event: Any, raw: str) -> Any:
        """A plain decimal integer; YAML 1.1's other notations stay `Ambiguous`."""
        if not _PLAIN_INT.match(raw):
            return Ambiguous(raw, "a number in YAML 1.1 notation (octal, hex or base 60)")
        if len(raw) > MAX_DIGITS:
            self.problem(_mark(event), f"number with {len(raw):,} digits is too long",
                         f'quote it if you mean text; numbers in drafter files have at most {MAX_DIGITS} digits')
            return raw
        return int(raw)


def _scalar_node_class() -> type:
    import yaml

    return yaml.ScalarNode


def plain_scalar(text: str) -> Any:
    """`true`/`false`, a plain decimal number, or else the text itself.

    How drafter types text that is not YAML but may stand for a value (a CSV cell): only what
    cannot mean anything else is typed; none of YAML 1.1's other readings (`no`, `01234`,
    `1:30`, dates) apply, so such text stays text.
    """
    if text in _TRUE_FALSE:
        return _TRUE_FALSE[text]
    if len(text) <= MAX_DIGITS:
        if _PLAIN_INT.match(text):
            return int(text)
        if _PLAIN_FLOAT.match(text):
            return float(text)
    return text
