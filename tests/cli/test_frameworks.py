"""`drafter library frameworks`, `library themes --framework`, `render --framework` through the CLI."""

from __future__ import annotations

from drafter.cli import main
from tests.conftest import EXAMPLES

QUESTIONNAIRE = EXAMPLES / "frameworks" / "global-dialogue-2026.yaml"


def test_library_frameworks_lists_both_and_the_crosswalk(runner):
    out = runner.invoke(main, ["library", "frameworks"]).output
    assert out.startswith("gdc-2023  Global Digital Compact consultation (2023)")
    assert "gdc-2024  Global Digital Compact (A/RES/79/1, annex I)" in out
    assert "5 themes and 1 unnumbered part(s)" in out
    assert "crosswalk from gdc-2023: drafter render SPEC --framework gdc-2024" in out
    assert "titles in: ar, zh, en, fr, ru, es" in out  # the UN's order


def test_themes_of_the_adopted_compact(runner):
    out = runner.invoke(main, ["library", "themes", "--framework", "gdc-2024"]).output
    lines = out.splitlines()
    assert lines[0].startswith("gdc-2024: Global Digital Compact")
    assert any(line.startswith("  -. cross-cutting   Principles / 原则  (para. 8, unconfirmed)") for line in lines)
    objectives = [line.split()[1] for line in lines if line[2:3].isdigit()]
    assert objectives == ["digital-divides", "digital-economy", "digital-space", "data-governance", "ai-governance"]
    assert "Expand inclusion in and benefits from the digital economy for all* /" in out  # not confirmed
    assert "       - Internet governance / 互联网治理*  (paras 26–29)" in lines
    assert lines[-1] == "* not official wording in that language (docs/frameworks.md)"


def test_themes_of_a_framework_file(runner):
    result = runner.invoke(main, ["library", "themes", "--framework", str(QUESTIONNAIRE)])
    assert result.exit_code == 0, result.output
    assert "  1. q1              Opportunities and risks / 机遇与风险*  (limit en: 300 words, zh: 600 characters)" \
        in result.output
    assert "limit for the whole submission: en: 900 words, zh: 1,800 characters" in result.output


def test_unknown_framework_key(runner):
    result = runner.invoke(main, ["library", "themes", "--framework", "gdc-2025"])
    assert result.exit_code == 2 and "unknown framework 'gdc-2025'" in result.output


def test_render_a_2023_spec_in_the_2024_structure(runner):
    result = runner.invoke(main, ["render", str(EXAMPLES / "delegation.yaml"), "--framework", "gdc-2024",
                                  "--format", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "# 1. Close all digital divides and accelerate progress across the Sustainable Development Goals / " \
        "一、弥合所有数字鸿沟" in md
    assert "## Principles / 原则" in md and "Core principles" not in md


def test_validate_says_ok_for_the_questionnaire_answer(runner):
    result = runner.invoke(main, ["validate", str(EXAMPLES / "global-dialogue-input.yaml")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ") and "warning" not in result.output


def test_an_output_never_replaces_the_framework_file(runner, tmp_path):
    """The framework file is an input like the spec: render and stats --svg refuse to write over it."""
    (tmp_path / "frameworks").mkdir()
    framework = tmp_path / "frameworks" / QUESTIONNAIRE.name
    framework.write_bytes(QUESTIONNAIRE.read_bytes())
    spec = tmp_path / "input.yaml"
    spec.write_bytes((EXAMPLES / "global-dialogue-input.yaml").read_bytes())
    for args in (["render", str(spec), "-o", str(framework)], ["stats", str(spec), "--svg", str(framework)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and "would overwrite the input file" in result.output, args
        assert framework.read_bytes() == QUESTIONNAIRE.read_bytes()
