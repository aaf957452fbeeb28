"""The CLI through Click's runner: library commands, init, validate, render, schema, errors."""

from __future__ import annotations

import json

import pytest
import yaml

from drafter.cli import main
from tests.conftest import EXAMPLES, FIXTURES, example_specs


def run(runner, *args):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result


def test_help_lists_commands(runner):
    """The Commands section names exactly drafter's commands, each with its whole description
    (Click wraps a long one onto indented continuation lines; none is cut short with "...")."""
    out = run(runner, "--help").output
    section = out.split("Commands:\n", 1)[1]
    listed: dict[str, str] = {}
    for line in section.splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            name, _, text = line.strip().partition(" ")
            listed[name] = text.strip()
            last = name
        elif line.strip():
            listed[last] += " " + line.strip()
    assert set(listed) == {"batch", "export", "help", "import", "init", "library", "render", "schema", "stats",
                           "studio", "trace", "validate"}
    assert listed["render"] == "Render a spec to a DOCX, Markdown, HTML, PDF or Akoma Ntoso (akn) submission."
    assert listed["init"] == "Print a commented starter spec (or write it with -o)."
    assert not any(text.endswith("...") for text in listed.values())


def test_search_ipv6_shows_both_languages_and_source(runner):
    result = run(runner, "library", "search", "IPv6")
    assert result.exit_code == 0
    assert "cn-igf.connect.c1" in result.output
    assert "China IGF Input to the GDC" in result.output
    assert "en: " in result.output and "zh: " in result.output and "支持[IPv6]加快部署" in result.output


def test_search_ranks_source_text_first(runner):
    """IPv6 also appears in an unofficial translation; the source text comes first."""
    out = run(runner, "library", "search", "IPv6").output
    ids = [line.split()[0] for line in out.splitlines() if line and not line.startswith((" ", "("))]
    assert ids[0] == "cn-igf.connect.c1" and "cn-cyberspace-wp.iv.5" in ids


def test_search_chinese_and_ranking(runner):
    result = run(runner, "library", "search", "网络空间命运共同体", "--limit", "5")
    assert result.exit_code == 0
    assert "[网络空间命运共同体]" in result.output
    assert result.output.count("\n  zh: ") <= 5


def test_search_is_case_insensitive(runner):
    """Any case of the query finds the same items in the same order (the match shown as written)."""
    outputs = [run(runner, "library", "search", query).output for query in ("IPv6", "ipv6", "IPV6")]
    assert outputs[0] == outputs[1] == outputs[2]
    assert "cn-igf.connect.c1" in outputs[0] and "[IPv6]" in outputs[0]


def test_search_no_match(runner):
    assert "no items match" in run(runner, "library", "search", "zzzqqq").output


def test_list_json_has_all_items_with_status(runner):
    result = run(runner, "library", "list", "--format", "json")
    data = json.loads(result.output)
    assert len(data) == 138
    first = data[0]
    assert set(first) >= {"id", "source", "themes", "kind", "section", "title", "text", "translation"}
    for entry in data:
        assert set(entry["text"]) == {"en", "zh"}
        assert set(entry["translation"].values()) <= {"source", "unofficial"}


def test_list_filters(runner):
    data = json.loads(run(runner, "library", "list", "--source", "cn-igf", "--theme", "ai", "--format", "json").output)
    assert data and all(d["source"] == "cn-igf" and "ai" in d["themes"] for d in data)
    table = run(runner, "library", "list", "--kind", "measure").output
    assert "(13 items)" in table


def test_list_unknown_theme_suggests(runner):
    result = run(runner, "library", "list", "--theme", "conect")
    assert result.exit_code == 2
    assert "did you mean 'connect'?" in result.output


def test_show(runner):
    result = run(runner, "library", "show", "cn-cyberspace-wp.iv.1")
    assert result.exit_code == 0
    assert "UNOFFICIAL TRANSLATION" in result.output and "source text" in result.output


def test_show_unknown_id_suggests(runner):
    result = run(runner, "library", "show", "cn-igf.connect.c9")
    assert result.exit_code == 2
    assert "unknown item id 'cn-igf.connect.c9'" in result.output and "did you mean" in result.output


def test_sources_and_themes(runner):
    out = run(runner, "library", "sources").output
    for key in ("cn-gdc", "cn-cyberspace-wp", "gdi-nonpaper", "cn-igf"):
        assert key in out
    themes = run(runner, "library", "themes").output
    assert "7. commons" in themes and "Core principles / 核心原则" in themes


def test_init_renders(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(runner, "init", "-o", "spec.yaml").exit_code == 0
    assert run(runner, "validate", "spec.yaml").exit_code == 0
    result = run(runner, "render", "spec.yaml", "--format", "md")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "spec.md").read_text(encoding="utf-8")
    from drafter.library.load import load_library

    library = load_library()
    quoted = library.items["cn-igf.connect.c1"].text["en"].split("\n")[0]  # quoted exactly
    assert quoted[:60] in text.replace("\\", "")
    assert "Language must never keep anyone offline. *\\[edited\\]*" in text  # the starter's edit, marked
    assert "Our own commitment." in text and "我们自己的承诺。" in text  # its own paragraph, both languages
    before = (tmp_path / "spec.yaml").read_bytes()
    result = run(runner, "init", "-o", "spec.yaml")
    assert result.exit_code == 2 and "file exists" in result.output  # never overwrites
    assert (tmp_path / "spec.yaml").read_bytes() == before


@pytest.mark.parametrize("source", ["cn-gdc", "cn-igf", "gdi-nonpaper", "cn-cyberspace-wp"])
def test_init_prefilled_from_source_is_valid(runner, tmp_path, source):
    out = tmp_path / "s.yaml"
    assert run(runner, "init", "--source", source, "-o", str(out)).exit_code == 0
    result = run(runner, "validate", str(out))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    used = [e["use"] for t in data["themes"].values() for s in t.values() for e in s] + [
        e["use"] for e in data.get("preamble", [])
    ]
    assert all(u.startswith(source + ".") for u in used)


def test_init_unknown_source(runner):
    result = run(runner, "init", "--source", "cn-ig")
    assert result.exit_code == 2 and "did you mean 'cn-igf'?" in result.output


def test_validate_reports_located_errors(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("cn-igf.connect.p1", "cn-igf.conect.p1"),
        encoding="utf-8",
    )
    result = run(runner, "validate", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:10:" in result.output and "did you mean 'cn-igf.connect.p1'?" in result.output
    assert "Traceback" not in result.output


def test_validate_strict_turns_warnings_into_errors(runner, tmp_path):
    spec = tmp_path / "w.yaml"
    spec.write_text(
        (FIXTURES / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace("      - use: cn-igf.connect.p1", "      - use: cn-igf.connect.p1\n        text: {en: Changed.}"),
        encoding="utf-8",
    )
    ok = run(runner, "validate", str(spec))
    assert ok.exit_code == 0 and "warning:" in ok.output
    strict = run(runner, "validate", "--strict", str(spec))
    assert strict.exit_code == 2 and "[--strict]" in strict.output


def test_missing_spec_file(runner, tmp_path):
    result = run(runner, "validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2 and "cannot read file" in result.output


def test_render_md_to_stdout(runner):
    result = run(runner, "render", str(FIXTURES / "minimal.yaml"), "--format", "md", "-o", "-")
    assert result.exit_code == 0
    assert result.output.startswith("---\ntitle:")


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_render_to_stdout_gives_the_bytes_of_the_file(runner, tmp_path, fmt):
    """`-o -` writes the document's bytes as they are: no newline added, nothing re-encoded."""
    spec = str(FIXTURES / "minimal.yaml")
    assert run(runner, "render", spec, "--format", fmt, "-o", str(tmp_path / f"x.{fmt}")).exit_code == 0
    result = run(runner, "render", spec, "--format", fmt, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == (tmp_path / f"x.{fmt}").read_bytes()


def test_render_docx_to_a_real_stdout_pipe(tmp_path):
    """Through a real process and pipe, not Click's test runner: deprecation warnings are
    errors here too, so a deprecated stream API would fail this test."""
    import subprocess
    import sys

    spec = str(FIXTURES / "minimal.yaml")
    command = [sys.executable, "-W", "error", "-m", "drafter", "render", spec, "--format", "docx"]
    done = subprocess.run([*command, "-o", "-"], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    subprocess.run([*command, "-o", str(tmp_path / "x.docx")], check=True, capture_output=True, timeout=120)
    assert done.stdout == (tmp_path / "x.docx").read_bytes()
    assert done.stdout.startswith(b"PK\x03\x04")


def test_render_to_missing_folder_is_clean_error(runner, tmp_path):
    result = run(
        runner, "render", str(FIXTURES / "minimal.yaml"), "--format", "md", "-o", str(tmp_path / "no" / "x.md")
    )
    assert result.exit_code == 2 and "does not exist" in result.output


def test_render_default_name(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(runner, "render", str(FIXTURES / "minimal.yaml"), "--format", "md").exit_code == 0
    assert (tmp_path / "minimal.md").is_file()


def test_user_library_option(runner, tmp_path):
    lib = tmp_path / "ngo.yaml"
    lib.write_text(
        "sources:\n  my-ngo:\n    title: {en: Paper}\n    languages: [en]\n    original: en\nsource: my-ngo\nitems:\n"
        "  - id: my-ngo.x.1\n    kind: statement\n    section: principles\n    themes: []\n"
        "    source: {doc: my-ngo, ref: {en: p1}}\n    text: {en: Hello world.}\n",
        encoding="utf-8",
    )
    out = run(runner, "library", "show", "my-ngo.x.1", "--library", str(lib))
    assert out.exit_code == 0 and "Hello world." in out.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(lib.read_text(encoding="utf-8").replace("themes: []", "themes: [nowhere]"), encoding="utf-8")
    result = run(runner, "library", "list", "--library", str(bad))
    assert result.exit_code == 2 and f"{bad}:" in result.output and "unknown theme 'nowhere'" in result.output


def test_schema_validates_examples(runner):
    import jsonschema

    schema = json.loads(run(runner, "schema").output)
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in example_specs():
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../docs/schema/spec-1.json"), path
        jsonschema.validate(yaml.safe_load(text.replace("date: 2", 'date: "2')), schema)


def test_schema_rejects_bad_spec(runner):
    import jsonschema

    schema = json.loads(run(runner, "schema").output)
    bad = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    bad["submission"]["layout"] = "paralel"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_committed_schema_is_current(runner):
    committed = (EXAMPLES.parent / "docs" / "schema" / "spec-1.json").read_text(encoding="utf-8")
    assert json.loads(committed) == json.loads(run(runner, "schema").output), (
        "run: drafter schema > docs/schema/spec-1.json"
    )
