"""The safe YAML loader, rule by rule (issue 7, item 3).

Each refusal is checked where it matters: aliases before anything is expanded, depth before
PyYAML's recursive composer could run (it is never used at all), duplicate keys by typed
value, YAML 1.1 readings wrapped instead of converted, loader exceptions turned into located
errors. Both parsers are covered: libyaml's (CSafeLoader) and the pure-Python fallback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from drafter.errors import DrafterError
from drafter.load import yaml as yamlload
from drafter.load.checks import Checker
from drafter.load.yaml import MAX_BYTES, MAX_DEPTH, Ambiguous, load_file, loads


@pytest.fixture(params=["libyaml", "python"])
def parser(request, monkeypatch):
    """Run a test with libyaml's parser and again with PyYAML's pure-Python one."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML built without libyaml")
    else:
        monkeypatch.setattr(yamlload, "_loader_classes", lambda: (yaml, yaml.SafeLoader))
    return request.param


def error_of(text: str) -> DrafterError:
    with pytest.raises(DrafterError) as exc:
        loads(text, "t.yaml")
    return exc.value


def first(text: str) -> str:
    return str(error_of(text).problems[0])


# -- aliases ---------------------------------------------------------------------------------

BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def test_alias_bomb_is_refused_at_the_first_alias_before_any_expansion(parser):
    start = time.perf_counter()
    assert first(BILLION_LAUGHS) .startswith("t.yaml:2:8: alias *a is not allowed")
    assert time.perf_counter() - start < 1.0  # nothing was expanded (9**9 values otherwise)


def test_alias_is_refused_even_once(parser):
    assert "alias *x is not allowed" in first("a: &x {b: 1}\nc: *x\n")


def test_anchor_without_alias_is_harmless(parser):
    assert loads("a: &x {b: 1}\nc: 2\n").data == {"a": {"b": 1}, "c": 2}


def test_merge_key_is_refused(parser):
    assert "merge keys (<<) are not allowed" in first("a: {b: 1}\nc:\n  <<: {d: 2}\n")


def test_the_recursive_composer_is_never_used(monkeypatch):
    """PyYAML's composer recurses once per level; drafter builds from events instead."""

    def boom(*args, **kwargs):
        raise AssertionError("compose called")

    monkeypatch.setattr(yaml, "compose", boom)
    monkeypatch.setattr(yaml, "load", boom)
    monkeypatch.setattr(yaml, "safe_load", boom)
    assert loads("a: [1, {b: c}]\n").data == {"a": [1, {"b": "c"}]}


# -- depth -----------------------------------------------------------------------------------

DEEP = {
    "brackets": "[" * 10_000,
    "dashes-on-one-line": "- " * 10_000 + "x",
    "flow-mappings": "{a: " * 10_000,
    "after-quote": 'a: x"\nb: ' + "[" * 10_000,  # a quote inside plain text must not hide the brackets
    "after-escaped-backslash": 'a: "C:\\\\"\nb: ' + "[" * 10_000,  # nor an escaped backslash before a quote
    "indentation": "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)),
    "flow-pairs": "[" + "[" * 30 + "a" + "]: b" * 30 + "]",  # a pair whose key is a list: two levels at one `[`
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_deep_nesting_is_a_located_error(parser, text):
    error = error_of(text)
    assert f"nested deeper than {MAX_DEPTH} levels" in str(error)
    assert error.problems[0].location.line is not None


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_deep_nesting_gives_the_same_located_message_whichever_parser(text, monkeypatch):
    """libyaml from 0.2.6 refuses 1,000 levels itself, reading ahead of the events it hands
    over; drafter's limit (48) and its message and location must not depend on that."""
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    with_libyaml = str(error_of(text))
    monkeypatch.setattr(yamlload, "_loader_classes", lambda: (yaml, yaml.SafeLoader))
    assert str(error_of(text)) == with_libyaml


def reads_ahead(message: str) -> type:
    """A parser like libyaml >= 0.2.6 on `DEEP["brackets"]`: it fails at the 1,001st `[`,
    with a message of its own, before handing over a single event."""

    class Loader(yaml.SafeLoader):
        def check_event(self, *choices):
            mark = yaml.Mark("<unicode string>", 1000, 0, 1000, None, None)
            raise yaml.scanner.ScannerError("while increasing flow level", mark, message, mark)

    return Loader


@pytest.mark.parametrize("message", ["exceeded maximum nesting depth", "too many levels"])
def test_a_parser_refusing_deep_text_first_still_gives_drafters_message(monkeypatch, message):
    monkeypatch.setattr(yamlload, "_loader_classes", lambda: (yaml, reads_ahead(message)))
    assert first(DEEP["brackets"]) == (f"t.yaml:1:{MAX_DEPTH + 1}: nested deeper than {MAX_DEPTH} levels "
                                       "(a spec never needs this much nesting; check brackets and indentation)")


def test_libyaml_0_2_6_really_refuses_before_drafter_sees_the_events():
    """What the test above stands in for, wherever the installed libyaml does it."""
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    from yaml import _yaml

    if _yaml.get_version() < (0, 2, 6):
        pytest.skip(f"libyaml {_yaml.get_version_string()} has no nesting limit of its own")
    with pytest.raises(yaml.MarkedYAMLError, match="exceeded maximum nesting depth"):
        list(yaml.parse(DEEP["brackets"], Loader=yaml.CSafeLoader))
    assert f"nested deeper than {MAX_DEPTH} levels" in first(DEEP["brackets"])


def test_an_ordinary_syntax_error_is_not_read_twice(monkeypatch):
    """The second reading (pure Python, slower) happens only where read-ahead could hide levels."""
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    readings = []
    real = yamlload._build
    monkeypatch.setattr(yamlload, "_build", lambda *a, **k: (readings.append(a[2]), real(*a, **k)))
    message = first("a: 1\n" * 20_000 + "b: c: d\n")
    assert message.startswith("t.yaml:20001:5: invalid YAML: mapping values are not allowed")
    assert readings == [yaml.CSafeLoader]
    readings.clear()
    assert "nested deeper" in first(DEEP["brackets"])
    from yaml import _yaml

    refuses_first = _yaml.get_version() >= (0, 2, 6)  # see the test above
    assert readings == [yaml.CSafeLoader, yaml.SafeLoader] if refuses_first else [yaml.CSafeLoader]


def test_a_syntax_error_after_allowed_nesting_keeps_the_parsers_message(parser):
    text = "a: " + "[" * (MAX_DEPTH - 2) + "x: y: z" + "]" * (MAX_DEPTH - 2) + "\n"  # 48 levels with the pair
    assert "invalid YAML" in first(text) and "nested deeper" not in first(text)


def test_depth_limit_is_exact():
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert loads(ok).data is not None
    assert "nested deeper" in first("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


@pytest.mark.parametrize("text", ["'[' * 200_000", "'- ' * 200_000 + 'x'", "'{a: ' * 200_000"])
def test_deep_nesting_cannot_crash_the_process(text):
    """In a child process: a C stack overflow would kill it (exit -11), not raise."""
    code = (f"from drafter.load.yaml import loads\ntry:\n    loads({text})\n"
            "except Exception as e:\n    print(type(e).__name__)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "DrafterError"


def test_too_many_values():
    assert "more than 200,000 values" in first("[" + "1," * 200_001 + "1]")


# -- duplicate keys --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("a: 1\na: 2\n", "a"),
        ("1: x\ntrue: y\n", "true"),
        ("true: x\n1: y\n", "1"),
        ("1: x\n1.0: y\n", "1.0"),
        ("~: x\nnull: y\n", "null"),
        ("a: {b: 1, b: 2}\n", "b"),
        ("- {x: 1}\n- {y: 1, y: 2}\n", "y"),
        ("'no': 1\nno: 2\n", "no"),  # a key is text as written, quoted or not
    ],
)
def test_duplicate_keys_are_errors(parser, text, key):
    message = first(text)
    assert f"duplicate key {key!r}" in message and "first at line" in message


def test_duplicate_keys_are_all_reported_with_lines():
    error = error_of("a: 1\nb: 2\na: 3\nb: 4\n")
    assert [str(p).split(": ", 1)[0] for p in error.problems] == ["t.yaml:3:1", "t.yaml:4:1"]


# -- YAML 1.1 readings -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw",
    ["no", "No", "NO", "yes", "Yes", "on", "On", "OFF", "off",  # booleans in YAML 1.1
     "01234", "0x1F", "0b101", "1:30", "190:20:30", "1_000",  # octal, hex, binary, base 60, _
     ".inf", "-.inf", ".NaN", "1_000.5", "1:30.5",  # special and base-60 floats
     "2023-04-28", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5"],  # timestamps
)
def test_yaml11_readings_are_wrapped_never_converted(parser, raw):
    value = loads(f"v: {raw}\n").data["v"]
    assert isinstance(value, Ambiguous)
    assert value.raw == raw and str(value) == raw  # kept exactly as written
    ck = Checker(loads(f"v: {raw}\n", "t.yaml"))
    assert not ck.typed(value, ("v",), str)
    problem = str(ck.problems[0])
    assert f"{raw!r} would be read as" in problem and f'quote it ("{raw}")' in problem


@pytest.mark.parametrize(
    ("raw", "value"),
    [("true", True), ("False", False), ("12", 12), ("-3", -3), ("+7", 7), ("0", 0), ("1.5", 1.5),
     ("~", None), ("null", None), ("", None), ("'no'", "no"), ('"01234"', "01234"),
     ("'2023-04-28'", "2023-04-28"), ("!!str 123", "123"), ("y", "y"), ("n", "n"), ("0o17", "0o17")],
)
def test_plain_values(parser, raw, value):
    got = loads(f"v: {raw}\n").data["v"]
    assert got == value and type(got) is type(value)


def test_timestamps_keep_the_written_text_where_safe_load_would_change_it():
    raw = "2001-12-14t21:59:43.10-05:00"
    assert str(yaml.safe_load(f"v: {raw}")["v"]) != raw  # the hazard: a silently changed value
    assert str(loads(f"v: {raw}\n").data["v"]) == raw


def test_unquoted_date_is_accepted_where_a_date_is_expected(library):
    from drafter.spec.check import check_spec
    from tests.conftest import FIXTURES

    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace('"2023-04-28"', "2023-04-28")
    assert check_spec(loads(text, "spec.yaml"), library).date == "2023-04-28"


def test_numbers_too_long_are_refused():
    assert "number with 5,000 digits is too long" in first("v: " + "9" * 5000 + "\n")
    assert isinstance(loads("v: 1." + "5" * 200 + "\n").data["v"], Ambiguous)


# -- tags --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    ["v: !!python/object:os.system ls\n", "v: !!python/object/apply:os.system [ls]\n",
     "v: !!python/name:os.system\n", "!!python/object/new:dict {a: 1}\n", "v: !!set {a, b}\n",
     "v: !!omap [a: 1]\n", "v: !!binary aGk=\n", "v: !include other.yaml\n", "v: !!merge x\n"],
)
def test_tags_are_refused_and_nothing_is_constructed(parser, text):
    assert "is not allowed" in first(text)


# -- keys and documents ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["? [a]\n: 1\n", "? {a: 1}\n: 1\n", "{[a]: 1}\n"])
def test_collection_keys_are_refused(parser, text):
    assert "a key must be plain text" in first(text)


def test_a_second_document_is_refused(parser):
    assert "more than one YAML document" in first("a: 1\n---\nb: 2\n")
    assert loads("---\na: 1\n...\n").data == {"a": 1}


# -- characters and encodings -------------------------------------------------------------------------

@pytest.mark.parametrize(("char", "code"), [("\x07", "0007"), ("\x1b", "001B"), ("\ufffe", "FFFE"), ("\x7f", "007F")])
def test_characters_yaml_refuses_are_located(parser, char, code):
    message = first(f"a: 1\nb: x{char}y\n")
    assert message.startswith("t.yaml:2:5: ") and f"U+{code} is not allowed" in message


def test_lone_surrogate_escape_never_reaches_a_document(parser):
    """libyaml refuses the escape; the pure-Python parser builds the string and checks refuse it."""
    try:
        doc = loads('a: "x\\ud800y"\n', "t.yaml")
    except DrafterError as exc:
        assert "surrogate" in str(exc)
        return
    ck = Checker(doc)
    assert ck.text(doc.data["a"], ("a",)) is None
    assert "half of a surrogate pair U+D800" in str(ck.problems[0])


def test_bom_is_skipped_and_utf16_named(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_bytes("\ufeffa: 1\n".encode())
    assert load_file(f).data == {"a": 1}
    f.write_bytes("a: 1\n".encode("utf-16"))
    with pytest.raises(DrafterError, match="file is UTF-16 text"):
        load_file(f)


def test_non_utf8_is_located_at_the_byte(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_bytes("a: 1\nb: caf\xe9 crème\n".encode("latin-1"))
    with pytest.raises(DrafterError) as exc:
        load_file(f)
    assert str(exc.value).startswith(f"{f}:2:7: file is not UTF-8 text (byte 0xE9)")


def test_crlf_is_plain_yaml(parser):
    assert loads("a: 1\r\nb:\r\n  - x\r\n").data == {"a": 1, "b": ["x"]}


# -- sizes and files ------------------------------------------------------------------------------------

def test_oversize_text_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(yaml, "parse", lambda *a, **k: pytest.fail("parsed"))
    assert f"the limit is {MAX_BYTES:,}" in first("#" * (MAX_BYTES + 1))


def test_oversize_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    f = tmp_path / "big.yaml"
    with open(f, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    monkeypatch.setattr(yamlload, "decode", lambda *a: pytest.fail("read"))
    with pytest.raises(DrafterError, match="bytes; the limit is"):
        load_file(f)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "spec.yaml"
    os.mkfifo(pipe)
    box: dict[str, BaseException] = {}
    worker = threading.Thread(target=lambda: box.setdefault("e", pytest.raises(DrafterError, load_file, pipe).value))
    worker.daemon = True
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "load_file blocked on a FIFO"
    assert "not a regular file" in str(box["e"])


def test_a_folder_and_a_missing_file(tmp_path):
    with pytest.raises(DrafterError, match="it is a folder"):
        load_file(tmp_path)
    with pytest.raises(DrafterError, match="cannot read file"):
        load_file(tmp_path / "nope.yaml")


# -- the loader's own exceptions ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "exc", [ValueError("bad value"), RecursionError("too deep"), UnicodeError("odd"), OverflowError("big")])
def test_loader_exceptions_become_located_errors(monkeypatch, exc):
    def parse(*args, **kwargs):
        raise exc
        yield  # pragma: no cover

    monkeypatch.setattr(yaml, "parse", parse)
    message = first("a: 1\n")
    assert message.startswith("t.yaml:1:1: unreadable YAML:") and str(exc) in message


def test_syntax_errors_are_one_located_line(parser):
    for text in ['a: "x\nb: 1\n', "a: [1, 2\nb: 1\n", "a: b: c\n", "a:\n\tb: 1\n", "a: @x\n"]:
        message = first(text)
        assert message.startswith("t.yaml:") and "\n" not in message and "(" in message


def test_unclosed_quote_points_at_the_quote(parser):
    assert first('a: 1\nb: "x\nc: 2\n').startswith("t.yaml:2:4: invalid YAML: a quote opened here is never closed")


# -- locations -------------------------------------------------------------------------------------------

def test_every_value_and_key_is_located(parser):
    doc = loads("a:\n  b: [x, {c: 1}]\n  d: 'e'\n", "t.yaml")
    assert str(doc.loc(("a", "b", 1, "c"))) == "t.yaml:2:14"
    assert str(doc.loc(("a", "d"), key=True)) == "t.yaml:3:3"
    assert str(doc.loc(("a", "b", 0))) == "t.yaml:2:7"
    assert str(doc.loc(("a", "missing"))) == "t.yaml:2:3"  # falls back to the parent


# -- agreement with safe_load on everything safe_dump writes ----------------------------------------------

SCALARS = (st.text(max_size=30) | st.integers(-(2**63), 2**63) | st.booleans() | st.none()
           | st.floats(allow_nan=False, allow_infinity=False))
DATA = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25)


@given(DATA)
def test_plain_data_loads_as_safe_load_reads_it(data):
    text = yaml.safe_dump({"v": data}, allow_unicode=True)
    try:
        loaded = loads(text).data
    except DrafterError as exc:  # only characters YAML itself cannot carry
        assert "is not allowed in a YAML file" in str(exc) or "nested deeper" in str(exc)
        return
    assert loaded == yaml.safe_load(text)
