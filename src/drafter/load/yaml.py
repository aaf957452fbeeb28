"""Safe YAML loading that keeps line and column for every value.

Specs are written by hand under deadline pressure and batch files come from strangers, so the
loader is stricter than `yaml.safe_load`:

- no object construction: only mappings, sequences, strings, numbers, booleans and null; any
  tag other than the plain ones (`!!python/object`, `!!binary`, `!!set`, `!include`) is an error;
- aliases are refused (a "billion laughs" document is tiny on disk and explodes when walked),
  and so are merge keys (`<<`); anchors alone are harmless and ignored;
- the data is built in one iterative pass over the parser's events, never by PyYAML's
  composer: the composer recurses once per nesting level and a few thousand `[` (or `- - -`
  on one line) overflow the C stack and kill the process. Nesting depth, the number of values
  and aliases are checked event by event, before anything deep is built, and these limits are
  drafter's own whatever the parser underneath (see `_first_own_problem`);
- duplicate mapping keys are errors, including keys that compare equal once typed (`1`/`true`);
- YAML 1.1 surprises are wrapped in `Ambiguous` (reported by `Checker.typed` with a hint to
  quote): `no`/`on`/`yes`/`off` read as booleans, `01234` as octal, `1:30` as sexagesimal 90,
  `0x1F` as hex, `.inf`, and unquoted dates and times (`2023-04-28`), which `safe_load`
  turns into date objects that print differently. Only `true`/`false` and plain decimal
  numbers are typed. `str()` of an `Ambiguous` is the text as written, so a date field
  accepts an unquoted date unchanged.

The result is a `YamlDoc`: plain Python data plus the location of every value and key, looked
up by key path, so validators can report `file:line:col`. The events become data in
`builder.py`; the limits are in `limits.py`.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from drafter.errors import DrafterError, Location
from drafter.load.builder import Ambiguous, Builder, plain_scalar
from drafter.load.limits import MAX_BYTES, MAX_DEPTH, MAX_DIGITS, MAX_NODES

__all__ = [
    "MAX_BYTES", "MAX_DEPTH", "MAX_DIGITS", "MAX_NODES", "Ambiguous", "YamlDoc", "decode", "load_file", "loads",
    "plain_scalar",
]


Path_ = tuple[Any, ...]


class YamlDoc(Struct):
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


def _loader_classes() -> tuple[Any, type]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml, loader


def loads(text: str, file: str = "<string>") -> YamlDoc:
    """Parse YAML text safely; raise `DrafterError` with every problem found."""
    yaml, loader = _loader_classes()
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > MAX_BYTES:
        raise DrafterError.at(
            Location(file, 1, 1),
            f"file is {len(text):,} characters; the limit is {MAX_BYTES:,}",
            hint="split it, or move long text into a user library file",
        )
    _refuse_line_separators(text, file)
    builder = Builder(file)
    try:
        _build(builder, text, loader)
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, file) from None
    except yaml.MarkedYAMLError as exc:
        raise _first_own_problem(builder, text, loader, exc) or _syntax_error(exc, text, file) from None
    except yaml.YAMLError as exc:
        raise DrafterError.at(Location(file, 1, 1), f"invalid YAML: {_one_line(str(exc))}") from None
    except (ValueError, RecursionError, UnicodeError, OverflowError) as exc:
        raise DrafterError.at(Location(file, 1, 1), f"unreadable YAML: {_one_line(str(exc))}",
                              hint="check the file is plain UTF-8 YAML") from None
    if builder.problems:
        raise DrafterError(builder.problems)
    return YamlDoc(file, builder.result, builder.marks, builder.key_marks)


def _build(builder: Builder, text: str, loader: type, *, until: int | None = None) -> None:
    """Feed the parser's events to `builder`; with `until`, stop at the first event starting there."""
    import yaml

    resolver = yaml.resolver.Resolver()
    for event in yaml.parse(text, Loader=loader):
        if until is not None and event.start_mark is not None and event.start_mark.index >= until:
            return
        builder.feed(event, resolver)


def _first_own_problem(builder: Builder, text: str, loader: type, exc: Any) -> DrafterError | None:
    """Drafter's own refusal (depth, aliases, size) that comes before the parser's error, if any.

    A parser reads ahead of the events it has handed over, and may fail on what it read before
    drafter has seen the events in between: libyaml scans up to a line (1,024 characters) ahead
    to find keys, and from 0.2.6 refuses more than 1,000 levels with its own "exceeded maximum
    nesting depth". Where that stretch could hide more levels than `MAX_DEPTH` allows, the text
    is read again up to the error with PyYAML's pure-Python parser, which hands each event over
    as it goes; the first problem in the file is then reported, with the same location and
    message whichever parser drafter runs on and whatever it says.
    """
    import yaml

    mark = exc.problem_mark or exc.context_mark
    until = mark.index if mark is not None else len(text)
    # every level opens at a character of its own, or shares it with one other level (a flow
    # pair whose key is a collection): a short stretch cannot hide too many levels
    if loader is yaml.SafeLoader or len(builder.stack) + 2 * (until - builder.seen + 1) <= MAX_DEPTH:
        return None
    try:
        _build(Builder(builder.file), text, yaml.SafeLoader, until=until)
    except DrafterError as own:
        return own
    except Exception:  # noqa: BLE001 - the pure-Python parser failing too: the first error stands
        return None
    return None


_YAML_BREAKS = re.compile("[\x85\u2028\u2029]")


def _refuse_line_separators(text: str, file: str) -> None:
    """NEL, LS and PS are line breaks to YAML 1.1 but not to editors: inside quotes YAML folds
    NEL to a space (a silently changed text), elsewhere they break lines no editor shows."""
    found = _YAML_BREAKS.search(text)
    if found:
        line, col = _position(text, found.start())
        what = f"the character U+{ord(found.group()):04X} (a line break to YAML) is not allowed in a YAML file"
        raise DrafterError.at(Location(file, line, col), what,
                              hint="use a normal line break, or write it as an escape inside double quotes")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _position(text: str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _reader_error(exc: Any, text: str, file: str) -> DrafterError:
    """A character YAML itself refuses (C0/C1 controls, U+FFFE, …), located in the file."""
    char = exc.character if isinstance(exc.character, int) else (ord(exc.character) if exc.character else 0)
    line, col = _position(text, exc.position)
    return DrafterError.at(
        Location(file, line, col),
        f"the character U+{char:04X} is not allowed in a YAML file",
        hint="remove it; such characters cannot appear in a document (often pasted from another program)",
    )


def _syntax_error(exc: Any, text: str, file: str) -> DrafterError:
    mark = exc.problem_mark or exc.context_mark
    what = _one_line(exc.problem or exc.context or "invalid YAML")
    context = exc.context or ""
    if "quoted scalar" in context and "end of stream" in what and exc.context_mark is not None:
        mark, what = exc.context_mark, "a quote opened here is never closed"
    elif "simple key" in context and exc.context_mark is not None:
        mark = exc.context_mark  # the line lacking its `:`, not the next one
    loc = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file, 1, 1)
    lines = text.split("\n")
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in line_text and ("token" in what or "tab" in what or "indentation" in what):
        hint = "indent with spaces, not tabs"
    else:
        hint = _yaml_hint(what, context, exc.context_mark)
    return DrafterError.at(loc, f"invalid YAML: {what}", hint=hint)


def _yaml_hint(what: str, context: str, opened: Any) -> str:
    """What to do about a parser message, in the words of someone writing a spec."""
    if "quote opened here" in what:
        return "close the quote; inside double quotes write \\\" for a quote, inside single quotes ''"
    if "flow" in context and "did not find expected" in what:
        line = f" at line {opened.line + 1}" if opened is not None else ""
        return f"close the [ or {{ opened{line}, or quote text inside it that holds , : [ ] {{ or }}"
    if "mapping values are not allowed" in what:
        return "quote text that contains ': '"
    if "found character" in what and "cannot start any token" in what:
        return "quote the value (text may not start with @ ` % or a tab)"
    if "invalid Unicode character escape" in what:
        return ("\\uD800-\\uDFFF are halves of a surrogate pair, not characters: type the character "
                "itself; other escapes are \\n \\t \\\" \\\\ \\uXXXX")
    if "unknown escape character" in what:
        return "inside double quotes write a backslash as \\\\, or use single quotes"
    if "expected key" in what or "expected ':'" in what:
        return "check the indentation of this line and the one before, and quote text that holds quotes or ': '"
    if "expected '-' indicator" in what:
        return "a list item needs `- ` at the same indentation as the others"
    if "tab" in what:
        return "indent with spaces, not tabs"
    return "check indentation and quoting around this line"


def load_file(path: Path | str, display: str | None = None) -> YamlDoc:
    """Read and parse a YAML file; unreadable or non-UTF-8 files are located errors.

    Only regular files are read (a FIFO or `/dev/zero` would block or never end), and never
    more than `MAX_BYTES`, even if the file grows while it is read.
    """
    path = Path(path)
    name = display or str(path)
    try:
        info = os.stat(path)  # before opening: opening a FIFO would block
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise DrafterError.at(Location(name), f"cannot read file: it is {what}",
                                  hint="give the path of a .yaml file")
        if info.st_size > MAX_BYTES:
            raise DrafterError.at(Location(name, 1, 1), f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,}",
                                  hint="split it, or move long text into a user library file")
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DrafterError.at(Location(name), f"cannot read file: {exc.strerror}", hint="check the path") from None
    if len(raw) > MAX_BYTES:
        raise DrafterError.at(Location(name, 1, 1), f"file is over {MAX_BYTES:,} bytes")
    from drafter.load import yamlcache  # a file parsed before: no PyYAML import, no parse

    found = yamlcache.lookup(path, raw)
    if found is not None:
        return YamlDoc(name, *found)
    doc = loads(decode(raw, name), name)
    yamlcache.store(path, raw, doc.data, doc.marks, doc.key_marks)
    return doc


def loads_as_file(text: str, path: Path, display: str | None = None) -> YamlDoc:
    """`loads` of the text about to be written to `path`, through the parsed-YAML cache.

    `drafter import` checks the spec it writes by parsing it; the result is stored as the
    parse of `path` with exactly these bytes, so an unchanged re-import parses nothing and
    imports no PyYAML, and a `render` of the file just written finds it parsed already.
    """
    from drafter.load import yamlcache

    raw = text.encode("utf-8")
    found = yamlcache.lookup(path, raw)
    if found is not None:
        return YamlDoc(display or str(path), *found)
    doc = loads(text, display or str(path))
    yamlcache.store(path, raw, doc.data, doc.marks, doc.key_marks)
    return doc


_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
               (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def wide_encoding(raw: bytes) -> str | None:
    """"UTF-16" or "UTF-32" if `raw` is in one of them, with or without a byte order mark.

    Without a mark, the NUL bytes give it away (as YAML 1.2, section 5.2, detects it): text
    in those encodings has a NUL in every second or fourth byte of its ASCII characters, which
    UTF-8 text never has.
    """
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            return name
    head = raw[:4096]
    if len(head) < 4 or b"\x00" not in head[:4]:
        return None
    if head[:3] == b"\x00\x00\x00" or head[1:4] == b"\x00\x00\x00":
        return "UTF-32"
    if (head[0] == 0) != (head[1] == 0) and head.count(0) * 4 >= len(head):
        return "UTF-16"
    return None


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a BOM is allowed); anything else is a located error naming the encoding."""
    wide = wide_encoding(raw)
    if wide is not None:
        raise DrafterError.at(Location(name, 1, 1), f"file is {wide} text", hint="save it as UTF-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[line_start:exc.start].decode("utf-8", "replace")) + 1
        raise DrafterError.at(
            Location(name, line, col), f"file is not UTF-8 text (byte 0x{raw[exc.start]:02X})",
            hint="save it as UTF-8 (in Word or Notepad: Save As, encoding UTF-8)",
        ) from None
