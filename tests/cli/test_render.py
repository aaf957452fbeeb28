"""`drafter render` and friends, issue 13: the format follows -o, one-off overrides located at
the command line, `init --form`, whole help texts and `drafter help`."""

from __future__ import annotations

import json

import pytest
import yaml

from drafter.cli import main
from tests.conftest import EXAMPLES, FIXTURES

MINIMAL = str(FIXTURES / "minimal.yaml")


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


# -- the format follows -o ------------------------------------------------------------------

@pytest.mark.parametrize(("name", "magic"), [("out.docx", b"PK"), ("out.md", b"---\n"), ("out.markdown", b"---\n"),
                                             ("OUT.MD", b"---\n")])
def test_the_extension_chooses_the_format(runner, tmp_path, name, magic):
    result = run(runner, "render", MINIMAL, "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(magic)


def test_format_is_needed_only_without_an_extension(runner, tmp_path):
    assert run(runner, "render", MINIMAL, "-o", tmp_path / "plain", "--format", "md").exit_code == 0
    assert (tmp_path / "plain").read_bytes().startswith(b"---\n")
    assert run(runner, "render", MINIMAL, "-o", tmp_path / "plain2").exit_code == 0
    assert (tmp_path / "plain2").read_bytes()[:2] == b"PK"  # no extension, no --format: docx
    assert run(runner, "render", MINIMAL, "-o", tmp_path / "same.md", "--format", "md").exit_code == 0


def test_standard_output_takes_the_format_option(runner):
    result = run(runner, "render", MINIMAL, "--format", "md", "-o", "-")
    assert result.exit_code == 0 and result.output.startswith("---\ntitle:")
    assert run(runner, "render", MINIMAL, "-o", "-").stdout_bytes[:2] == b"PK"


@pytest.mark.parametrize(("args", "expected"), [
    (("-o", "{dir}/out.txt"), "<command line> -o: unknown output extension '.txt'"),
    (("-o", "{dir}/out.md", "--format", "docx"), "<command line> --format: --format docx does not match the output"),
    (("-o", "{dir}/out.pdf", "--format", "md"), "<command line> --format: --format md does not match the output"),
])
def test_a_mismatch_or_unknown_extension_is_a_located_error_and_writes_nothing(runner, tmp_path, args, expected):
    result = run(runner, "render", MINIMAL, *(a.format(dir=tmp_path) for a in args))
    assert result.exit_code == 2
    assert result.stderr.startswith(expected), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_default_name_takes_the_formats_extension(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(runner, "render", MINIMAL, "--format", "md").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["minimal.md"]


def test_pdf_without_libreoffice_names_the_package(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run(runner, "render", MINIMAL, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    assert "PDF output needs LibreOffice" in result.stderr and "libreoffice-writer-nogui" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


# -- one-off overrides -----------------------------------------------------------------------

def test_layout_languages_and_provenance_options(runner):
    out = run(runner, "render", MINIMAL, "-o", "-", "--format", "md", "--layout", "sequential",
              "--languages", "zh,en", "--provenance", "footnotes").output
    assert out.index("核心原则") < out.index("Core principles")  # Chinese first, one after the other
    assert "[^1]:" in out  # footnotes
    single = run(runner, "render", MINIMAL, "-o", "-", "--format", "md", "--languages", "en").output
    assert "核心原则" not in single


def test_set_reaches_any_value_of_the_spec(runner):
    out = run(runner, "render", MINIMAL, "-o", "-", "--format", "md", "--set", "submission.form=letter",
              "--set", "submission.signatory={en: A. N. Example, zh: 示例}",
              "--set", "themes.connect.commitments[1].text.en=Changed on the command line.").output
    assert "**Letter dated 28 April 2023 from Example addressed to the Secretary-General**" in out
    assert "(Signed) A. N. Example" in out and "示例（签名）" in out
    assert "Changed on the command line." in out and "Our own commitment." not in out


def test_set_null_removes_a_key(runner):
    out = run(runner, "render", MINIMAL, "-o", "-", "--format", "md", "--set", "themes.connect.commitments=").output
    assert "Key commitments" not in out and "Core principles" in out


@pytest.mark.parametrize(("args", "expected"), [
    (("--set", "submision.layout=parallel"),
     "<command line> --set 1: submision.layout: unknown path 'submision.layout' (did you mean 'submission.layout'?)"),
    (("--set", "nonsense"), "<command line> --set 1: bad --set 'nonsense'"),
    (("--layout", "sequental"),
     "<command line> --layout: submission.layout: unknown layout 'sequental' (did you mean 'sequential'?)"),
    (("--languages", "en,de"), "<command line> --languages: submission.languages[1]: unknown language 'de'"),
    (("--provenance", "annex", "--set", "options.provenance=none"),
     "<command line> --set 1: options.provenance: 'options.provenance' is also set by --provenance"),
    (("--set", "themes.connect.principles[5].use=cn-igf.connect.p2"), "<command line> --set 1: "),
    (("--set", "submission.layout=[a"), "<command line> --set 1:2:1: invalid YAML"),
])
def test_override_problems_are_located_at_the_command_line(runner, tmp_path, args, expected):
    result = run(runner, "render", MINIMAL, "-o", tmp_path / "x.md", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "x.md").exists()


def test_validate_takes_the_same_overrides(runner):
    result = run(runner, "validate", MINIMAL, "--languages", "en")
    assert result.exit_code == 0 and "languages en" in result.output
    assert run(runner, "validate", MINIMAL, "--set", "submission.form=memo").exit_code == 2


def test_paths_in_overrides_are_relative_to_the_working_folder(runner, tmp_path, monkeypatch):
    (tmp_path / "libs").mkdir()
    (tmp_path / "libs" / "mine.yaml").write_text(
        "sources:\n  mine:\n    title: {en: Mine, zh: 我的}\n    languages: [en, zh]\n    original: en\nsource: mine\n"
        "items:\n  - id: mine.x.1\n    kind: statement\n    section: principles\n    themes: [connect]\n"
        "    source: {doc: mine, ref: {en: p1, zh: 第1段}}\n    text: {en: Our line., zh: 我们的话。}\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = run(runner, "render", MINIMAL, "-o", "-", "--format", "md", "--set", "libraries=[libs/mine.yaml]",
              "--set", "themes.connect.principles[0].use=mine.x.1")
    assert out.exit_code == 0, out.output
    assert "Our line." in out.output


# -- empty specs, starters, help -------------------------------------------------------------

def test_an_empty_spec_validates_with_a_warning(runner, tmp_path):
    spec = tmp_path / "empty.yaml"
    spec.write_text("drafter: 1\nsubmission: {title: {en: T}, languages: [en]}\n", encoding="utf-8")
    result = run(runner, "validate", spec)
    assert result.exit_code == 0
    assert f"{spec}:1:1: warning: the submission has no paragraphs" in result.stderr
    assert "ok: " in result.stdout and ": 0 paragraphs" in result.stdout
    assert run(runner, "validate", "--strict", spec).exit_code == 2


@pytest.mark.parametrize("form", ["contribution", "letter", "note-verbale"])
def test_init_form_writes_a_valid_starter_that_names_its_file(runner, tmp_path, form):
    out = tmp_path / f"my-{form}.yaml"
    assert run(runner, "init", "--form", form, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert f"#   drafter render my-{form}.yaml -o my-{form}.docx" in text
    result = run(runner, "validate", out)
    assert result.exit_code == 0, result.output
    # the one warning a starter shows on purpose: an edit in one language only
    assert result.output.count("warning") == 1 and "edited in en but not in zh" in result.output
    data = yaml.safe_load(text)
    assert data["submission"].get("form", "contribution") == form
    rendered = run(runner, "render", out, "-o", "-", "--format", "md").output
    if form == "note-verbale":
        assert "presents its compliments to the Secretary-General" in rendered and "(Signed)" not in rendered
        assert "**Note verbale dated 28 April 2023 from the Permanent Mission of Examplestan" in rendered
    if form == "letter":
        assert "I have the honour" in rendered and "(Signed) A. N. Example" in rendered


def test_init_form_with_a_source_keeps_one_preamble(runner, tmp_path):
    out = tmp_path / "s.yaml"
    assert run(runner, "init", "--form", "letter", "--source", "cn-igf", "-o", out).exit_code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "text" in data["preamble"][0] and any("use" in e for e in data["preamble"])
    assert run(runner, "validate", out).exit_code == 0


def test_init_to_stdout_names_no_file(runner):
    assert "drafter render SPEC.yaml -o SPEC.docx" in run(runner, "init").output


def test_top_level_help_shows_whole_descriptions(runner):
    out = run(runner, "--help").output
    commands = " ".join(out.split("Commands:")[1].split())  # wrapped lines joined
    assert "..." not in commands
    assert "with manifest.json." in commands and "sources, themes, frameworks, check." in commands
    sub = " ".join(run(runner, "library", "--help").output.split("Commands:")[1].split())
    assert "..." not in sub and "(all terms must match)." in sub


def test_batch_help_points_to_something_a_pip_user_has(runner):
    out = run(runner, "batch", "--help").output
    assert "drafter help batch" in out and "docs/batch.md" not in out
    page = run(runner, "help", "batch")
    assert page.exit_code == 0 and page.output.startswith("# Batch")
    topics = run(runner, "help").output
    assert "spec" in topics and "batch" in topics
    wrong = run(runner, "help", "bach")
    assert wrong.exit_code == 2 and "did you mean 'batch'?" in wrong.stderr


def test_examples_validate_without_warnings(runner):
    for path in sorted(EXAMPLES.glob("*.yaml")):
        if "\nbase: " not in path.read_text(encoding="utf-8"):  # batch files name a base spec
            result = run(runner, "validate", path)
            assert result.exit_code == 0 and "warning" not in result.output, (path, result.output)


def test_schema_knows_the_new_keys(runner):
    schema = json.loads(run(runner, "schema").output)
    sub = schema["properties"]["submission"]["properties"]
    assert sub["form"]["enum"] == ["contribution", "letter", "note-verbale"]
    for key in ("symbol", "original_language", "agenda_item", "addressee", "signatory"):
        assert key in sub
    assert "show_ids" in schema["properties"]["options"]["properties"]


# -- issue 18's frameworks with issue 13's one-off changes -------------------------------------

def test_framework_restructures_after_the_command_lines_changes(runner):
    """`--framework gdc-2024` with `--languages` and `--set`: the 2023 spec in one language,
    restructured into the Compact's objectives, as a letter."""
    out = run(runner, "render", str(EXAMPLES / "delegation.yaml"), "--framework", "gdc-2024", "--languages", "en",
              "--set", "submission.form=letter", "-o", "-", "--format", "md").output
    headings = [line for line in out.splitlines() if line.startswith("# ")]
    assert headings[0] == "# Close all digital divides and accelerate progress across the Sustainable Development Goals"
    assert not any(h.startswith("# Connect all people") for h in headings)  # a 2023 theme
    assert not any(h[2].isdigit() for h in headings)  # a letter numbers no heading, objectives included
    assert "**Letter dated 28 April 2023 from the Delegation of Examplestan addressed to the Secretary-General**" in out
    assert "中文" not in out


def test_set_framework_names_a_file_from_the_working_folder(runner, monkeypatch):
    """A framework file on the command line is relative to where the command runs (like every
    path there), not to the spec; the file's own themes are keys `--set` may reach."""
    monkeypatch.chdir(EXAMPLES.parent)
    args = ["render", "examples/global-dialogue-input.yaml", "-o", "-", "--format", "md",
            "--set", "framework=examples/frameworks/global-dialogue-2026.yaml", "--set", "themes.q3=null"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Capacity-building" in result.output and "The road to New York 2027" not in result.output
