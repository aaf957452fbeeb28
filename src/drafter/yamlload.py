"""Safe YAML loading that keeps line and column for every value.

Specs are written by hand under deadline pressure and batch files come from strangers, so the
loader is stricter than `yaml.safe_load`:

- no object construction: only mappings, sequences, strings, numbers, booleans and null;
- aliases are refused (a "billion laughs" document is tiny on disk and explodes when walked),
  and so are merge keys (`<<`); anchors alone are harmless and ignored;
- nesting depth and file size are capped before the parser sees the text (deep nesting
  overflows the C parser's stack);
- duplicate mapping keys are errors, including keys that compare equal once typed (`1`/`true`);
- YAML 1.1 surprises are errors with a hint to quote: `no`/`on`/`yes`/`off` read as
  booleans, `01234` as octal, `1:30` as sexagesimal 90, `0x1F` as hex. Only `true`/`false`
  and plain decimal integers are read as such. Unquoted dates stay the text that was written.

The result is a `YamlDoc`: plain Python data plus the location of every value and key, looked
up by key path, so validators can report `file:line:col`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError, Location, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 48
MAX_NODES = 500_000

Path_ = tuple[Any, ...]

_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_TRUE_FALSE = {"true": True, "false": False}
_BRACKETS_OPEN = frozenset("[{")
_BRACKETS_CLOSE = frozenset("]}")


@dataclass
class YamlDoc:
    """Loaded data plus where each part of it stands in the file."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def loc(self, path: Path_ = (), *, key: bool = False) -> Location:
        """Location of the value at `path` (or of its key), falling back to the nearest parent."""
        table = self.key_marks if key else self.marks
        probe = tuple(path)
        while True:
            if probe in table:
                line, col = table[probe]
                return Location(self.file, line, col)
            if key and probe in self.marks:
                line, col = self.marks[probe]
                return Location(self.file, line, col)
            if not probe:
                return Location(self.file, 1, 1)
            probe = probe[:-1]


def _loader_classes() -> tuple[type, type]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml, loader


def _precheck(text: str, file: str) -> None:
    """Refuse what would hurt the parser itself: oversize input and deep nesting."""
    if len(text) > MAX_BYTES:
        raise DrafterError.at(
            Location(file, 1, 1),
            f"file is {len(text):,} characters; the limit is {MAX_BYTES:,}",
            hint="split it, or move long text into a user library file",
        )
    depth = 0
    in_single = in_double = False
    line_no = 1
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if indent // 2 > MAX_DEPTH * 2 and stripped and not stripped.startswith("#"):
            raise DrafterError.at(
                Location(file, line_no, indent + 1),
                f"indentation deeper than {MAX_DEPTH * 4} spaces",
                hint="a spec never needs this much nesting; check the indentation",
            )
        for col, ch in enumerate(line, start=1):
            if in_double:
                if ch == '"' and line[col - 2 : col - 1] != "\\":
                    in_double = False
                continue
            if in_single:
                if ch == "'":
                    in_single = False
                continue
            if ch == "#":
                break
            if ch == '"':
                in_double = True
            elif ch == "'" and (col == 1 or line[col - 2] in " [{,:"):
                in_single = True
            elif ch in _BRACKETS_OPEN:
                depth += 1
                if depth > MAX_DEPTH:
                    raise DrafterError.at(
                        Location(file, line_no, col),
                        f"brackets nested deeper than {MAX_DEPTH} levels",
                        hint="a spec never needs this much nesting",
                    )
            elif ch in _BRACKETS_CLOSE and depth:
                depth -= 1
        line_no += 1


def _mark(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed node tree into plain data, collecting every problem on the way."""

    def __init__(self, file: str):
        self.file = file
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.nodes = 0

    def problem(self, node: Any, message: str, hint: str = "") -> None:
        line, col = _mark(node)
        self.problems.append(Problem(Location(self.file, line, col), message, hint=hint))

    def build(self, node: Any, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise DrafterError.at(Location(self.file, *_mark(node)), f"more than {MAX_NODES:,} values in one file")
        if depth > MAX_DEPTH:
            raise DrafterError.at(Location(self.file, *_mark(node)), f"nested deeper than {MAX_DEPTH} levels")
        self.marks[path] = _mark(node)
        kind = type(node).__name__
        if kind == "MappingNode":
            return self.mapping(node, path, depth)
        if kind == "SequenceNode":
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        return self.scalar(node)

    def mapping(self, node: Any, path: Path_, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if type(key_node).__name__ != "ScalarNode":
                self.problem(key_node, "a key must be plain text", "quote the key")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "merge keys (<<) are not allowed", "write the keys out")
                continue
            key = self.scalar(key_node)
            if isinstance(key, Ambiguous):
                key = key.raw
            try:
                hash(key)
            except TypeError:  # pragma: no cover - scalars are always hashable
                key = str(key)
            if key in first_seen:
                line, _ = first_seen[key]
                self.problem(
                    key_node,
                    f"duplicate key {key_node.value!r} (first at line {line})",
                    "remove one of them; YAML would silently keep only the last",
                )
                continue
            first_seen[key] = _mark(key_node)
            self.key_marks[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def scalar(self, node: Any) -> Any:
        tag = node.tag
        raw = node.value
        if tag == "tag:yaml.org,2002:str" or node.style in ("'", '"', "|", ">"):
            return raw
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            lowered = raw.lower()
            if lowered in _TRUE_FALSE and raw in ("true", "false", "True", "False", "TRUE", "FALSE"):
                return _TRUE_FALSE[lowered]
            return Ambiguous(raw, "a yes/no value (YAML 1.1 boolean)")
        if tag == "tag:yaml.org,2002:int":
            if _PLAIN_INT.match(raw):
                return int(raw)
            return Ambiguous(raw, "a number in YAML 1.1 notation (octal, hex or base 60)")
        if tag == "tag:yaml.org,2002:float":
            if _PLAIN_FLOAT.match(raw):
                return float(raw)
            return Ambiguous(raw, "a special or base-60 number")
        if tag == "tag:yaml.org,2002:timestamp":
            return raw
        self.problem(node, f"tag {tag!r} is not allowed", "remove the tag; drafter reads plain data")
        return raw


@dataclass(frozen=True)
class Ambiguous:
    """A plain scalar YAML 1.1 would silently turn into something else than what was written."""

    raw: str
    reading: str

    def message(self) -> str:
        return f"{self.raw!r} would be read as {self.reading}, not as text"

    def hint(self) -> str:
        return f'quote it ("{self.raw}") if you mean the text, or write true/false or a plain number'


def loads(text: str, file: str = "<string>") -> YamlDoc:
    """Parse YAML text safely; raise `DrafterError` with every problem found."""
    yaml, loader = _loader_classes()
    if text.startswith("\ufeff"):
        text = text[1:]
    _precheck(text, file)
    if "*" in text:
        _refuse_aliases(yaml, loader, text, file)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        what = exc.problem or exc.context or "invalid YAML"
        line_text = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
        hint = "indent with spaces, not tabs" if "\t" in line_text else _yaml_hint(what)
        raise DrafterError.at(loc, f"invalid YAML: {what}", hint=hint) from None
    except yaml.YAMLError as exc:
        raise DrafterError.at(Location(file, 1, 1), f"invalid YAML: {exc}") from None
    except (ValueError, RecursionError, UnicodeError) as exc:
        raise DrafterError.at(Location(file, 1, 1), f"unreadable YAML: {exc}") from None
    builder = _Builder(file)
    data = None if node is None else builder.build(node, (), 0)
    if builder.problems:
        raise DrafterError(builder.problems)
    return YamlDoc(file, data, builder.marks, builder.key_marks)


def _refuse_aliases(yaml: Any, loader: type, text: str, file: str) -> None:
    try:
        for event in yaml.parse(text, Loader=loader):
            if type(event).__name__ == "AliasEvent":
                mark = event.start_mark
                raise DrafterError.at(
                    Location(file, mark.line + 1, mark.column + 1),
                    f"alias *{event.anchor} is not allowed",
                    hint="write the value out in full; aliases can hide huge expansions",
                )
    except yaml.YAMLError:
        return  # compose reports syntax errors with their location


def _yaml_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "quote text that contains ': '"
    if "found character" in what and ("'@'" in what or "'`'" in what):
        return "quote the value"
    return "check indentation and quoting around this line"


def load_file(path: Path | str, display: str | None = None) -> YamlDoc:
    """Read and parse a YAML file; unreadable or non-UTF-8 files are located errors."""
    path = Path(path)
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DrafterError.at(Location(name), f"cannot read file: {exc.strerror}", hint="check the path") from None
    if size > MAX_BYTES:
        raise DrafterError.at(Location(name, 1, 1), f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DrafterError.at(Location(name), f"cannot read file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DrafterError.at(Location(name, line), "file is not UTF-8 text", hint="save it as UTF-8") from None
    return loads(text, name)
