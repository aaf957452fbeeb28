"""Write the page's spec back into the user's file, keeping their comments and key order.

The page edits plain data (JSON). Saving merges that data into the file as ruamel.yaml reads
it in round-trip mode: a value that did not change keeps its node (style, quotes, comments);
a mapping keeps its key order, new keys go at its end, removed keys go; a list keeps the
nodes of the entries it still has, matched by value, then by the item they `use`, then by
position, so moving or editing a paragraph keeps the comment written on it.

ruamel.yaml only ever reads the user's own spec file, and only after drafter's safe loader
has accepted it; posted text is parsed by drafter's loader alone. Every string the merge
writes is plain only when YAML 1.1 and 1.2 read it the same (`use: cn-igf.connect.c1`),
otherwise double-quoted; and the result is read back with drafter's loader and compared with
the data before anything is written, so a save can never change what the spec says.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

from drafter.errors import InternalError
from drafter.load.yaml import Ambiguous, loads

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._/-]*\Z")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def plain(value: Any) -> Any:
    """Loaded YAML data as JSON data: a value written `2023-04-28` is the text "2023-04-28"."""
    if isinstance(value, dict):
        return {_key(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Ambiguous):
        return str(value)
    if isinstance(value, float) and value != value:  # NaN cannot be compared or sent as JSON
        return str(value)
    return value


def _key(key: Any) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True, ensure_ascii=False) == json.dumps(b, sort_keys=True, ensure_ascii=False)


def _indent(text: str) -> int:
    """The file's mapping indent: the smallest indentation of a nested `key:` line (default 2)."""
    found = [len(line) - len(line.lstrip(" ")) for line in text.splitlines()
             if line.startswith(" ") and line.strip() and not line.lstrip().startswith(("-", "#"))]
    smallest = min(found, default=2)
    return smallest if 1 < smallest <= 8 else 2


def _yaml(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a line the user did not fold
    yaml.allow_unicode = True
    try:
        _, seq_indent, dash_offset = load_yaml_guess_indent(text)
    except Exception:  # noqa: BLE001 - a guess only; the defaults below serve as well
        seq_indent, dash_offset = None, None
    mapping = _indent(text)
    if not seq_indent or dash_offset is None or dash_offset >= seq_indent:
        seq_indent, dash_offset = mapping, 0
    yaml.indent(mapping=mapping, sequence=seq_indent, offset=dash_offset)
    return yaml


def merge_text(base: str, base_data: Any, new: Any) -> str:
    """`base` (a spec file's text, `base_data` as drafter's loader read it) holding `new` data."""
    if _same(plain(base_data), new):
        return base
    yaml = _yaml(base)
    root = yaml.load(base) if base.strip() else None
    if root is None or not isinstance(new, dict) or not isinstance(plain(base_data), dict):
        root = _fresh(new)
    else:
        root = _merge(root, plain(base_data), new)
    out = io.StringIO()
    yaml.dump(root, out)
    text = out.getvalue()
    check = plain(loads(text, "<saved spec>").data)
    if not _same(check, new):
        raise InternalError("the saved spec would not read back as the data it was given")
    return text


def _merge(node: Any, old: Any, new: Any) -> Any:
    """`node` (ruamel) holding `old` (its plain data), changed to hold `new`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if _same(old, new):
        return node
    if isinstance(node, CommentedMap) and isinstance(old, dict) and isinstance(new, dict):
        keys = dict(zip(old.keys(), node.keys(), strict=True))  # plain key -> the node's own key
        for plain_key, node_key in keys.items():
            if plain_key not in new:
                del node[node_key]
        for k, v in new.items():
            if k in keys:
                merged = _merge(node[keys[k]], old[k], v)
                if merged is not node[keys[k]]:
                    node[keys[k]] = merged
            else:
                node[k] = _fresh(v)
        return node
    if isinstance(node, CommentedSeq) and isinstance(old, list) and isinstance(new, list):
        return _merge_list(node, old, new)
    return _fresh(new, like=node)


def _merge_list(node: Any, old: list[Any], new: list[Any]) -> Any:
    """Keep the nodes (and their comments) of entries that stay, wherever they move to."""
    taken: set[int] = set()
    match: dict[int, int] = {}
    rules: tuple[Callable[[Any, Any], bool], ...] = (
        lambda a, b: _same(a, b),
        lambda a, b: isinstance(a, dict) and isinstance(b, dict) and "use" in a and a.get("use") == b.get("use"),
    )
    for rule in rules:
        for j, value in enumerate(new):
            if j in match:
                continue
            i = next((i for i, o in enumerate(old) if i not in taken and rule(o, value)), None)
            if i is not None:
                match[j], taken = i, taken | {i}
    for j, value in enumerate(new):  # an entry edited in place: same position, same kind of value
        in_place = j not in match and j < len(old) and j not in taken and type(old[j]) is type(value)
        if in_place and (not isinstance(value, dict) or set(value) == set(old[j])):
            match[j], taken = j, taken | {j}
    items, comments = [], {}
    for j, value in enumerate(new):
        if j in match:
            i = match[j]
            items.append(_merge(node[i], old[i], value))
            if i in node.ca.items:
                comments[j] = node.ca.items[i]
        else:
            items.append(_fresh(value))
    del node[:]
    node.extend(items)
    node.ca.items.clear()
    node.ca.items.update(comments)
    return node


def _fresh(value: Any, like: Any = None) -> Any:
    """New ruamel data for plain data: block mappings, short scalar lists in flow style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = _fresh(v)
        return m
    if isinstance(value, list):
        s = CommentedSeq(_fresh(v) for v in value)
        if value and all(isinstance(v, str) and _PLAIN.match(v) and len(v) < 20 for v in value):
            s.fa.set_flow_style()
        return s
    if isinstance(value, str):
        return _string(value, like)
    return value


def _string(text: str, like: Any) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

    if isinstance(like, (FoldedScalarString, LiteralScalarString)) and _block_safe(text):
        return type(like)(text)  # keep the user's `>-` or `|` for a long text they edited
    if _PLAIN.match(text) and text.lower() not in _YAML11_WORDS:
        return text
    if "\n" in text and _block_safe(text):
        return LiteralScalarString(text)
    return DoubleQuotedScalarString(text)


def _block_safe(text: str) -> bool:
    """A block scalar keeps this text exactly: no edge spaces, no trailing space on a line."""
    if not text or text != text.strip() or "\r" in text or "\t" in text:
        return False
    return all(line == line.rstrip() for line in text.split("\n")) and "\n\n\n" not in text
