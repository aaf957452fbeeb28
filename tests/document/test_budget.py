"""Budgets: each answer counted on fixed texts against its limit; warnings that name key, count, limit."""

from __future__ import annotations

import json

import pytest

from drafter.cli import main
from drafter.document.budget import budgets, coverage, limit_warnings, spec_budgets
from drafter.document.counting import count
from drafter.document.resolve import resolve
from drafter.spec.load import load_spec
from tests.conftest import EXAMPLES

FRAMEWORK = """\
key: budget-test
title: {en: Budget test, zh: 预算测试}
numbered_paragraphs: false
limit: {en: {words: 25}, zh: {characters: 40}}
sections:
  - key: answer
    title: {en: Answer, zh: 答复}
    heading: false
themes:
  - key: q1
    title: {en: First, zh: 第一}
    limit: {en: {words: 10}, zh: {characters: 12}}
  - key: q2
    title: {en: Second, zh: 第二}
    limit: {en: {characters: 60}}
"""
# q1 en: 12 words (limit 10); zh: 21 characters (limit 12); q2 en: 54 characters (limit 60)
SPEC = """\
drafter: 1
framework: ./budget.yaml
submission:
  title: {en: Budget, zh: 预算}
  languages: [en, zh]
themes:
  q1:
    answer:
      - text:
          en: "Close the digital divides: connect every school, hospital and library by 2030."
          zh: "弥合数字鸿沟：到2030年连接每所学校、医院和图书馆。"
  q2:
    answer:
      - text:
          en: "Data should serve development.\\nPrivacy protects people."
          zh: "数据应服务于发展。"
"""


@pytest.fixture
def spec_file(tmp_path):
    (tmp_path / "budget.yaml").write_text(FRAMEWORK, encoding="utf-8")
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def test_the_fixed_texts_count_as_stated():
    assert count("Close the digital divides: connect every school, hospital and library by 2030.", "en") == 12
    # 6 + 1 + 1 ("2030") + 7 + 6: punctuation does not count, a run of digits counts one
    assert count("弥合数字鸿沟：到2030年连接每所学校、医院和图书馆。", "zh") == 21
    assert count("Data should serve development.", "en", "characters") == 30
    assert count("Data should serve development.\nPrivacy protects people.", "en", "characters") == 54
    assert count("数字治理", "zh", "words") == 4  # a Chinese limit in words is counted in characters


def test_budgets_per_theme_and_language_against_the_limits(spec_file, library):
    spec, lib = load_spec(spec_file, library)
    counts = {(c.scope, c.lang): c for c in spec_budgets(spec, lib, resolve(spec, lib))}
    q1 = counts[("q1", "en")]
    assert (q1.paragraphs, q1.length, q1.unit, q1.limit.amount, q1.over) == (1, 12, "words", 10, 2)
    assert counts[("q1", "zh")].length == 21 and counts[("q1", "zh")].over == 9
    q2 = counts[("q2", "en")]
    assert (q2.length, q2.unit, q2.over) == (54, "characters", 0)  # two lines, the break not counted
    assert counts[("q2", "zh")].limit is None
    total = counts[("submission", "en")]
    assert total.length == 12 + 7 and total.limit.amount == 25 and not total.over
    assert ("q1.answer", "en") not in counts  # one section: the theme's row says it all


def test_the_warning_names_the_key_the_count_and_the_limit(spec_file, library):
    spec, lib = load_spec(spec_file, library)
    warnings = limit_warnings(spec_budgets(spec, lib, resolve(spec, lib)))
    lines = [str(w) for w in warnings]
    assert lines == [
        f"{spec_file}:7:3: themes.q1: warning: q1 (en): 12 words, limit 10 "
        "(2 words over; shorten it, or check the limit with `drafter stats`)",
        f"{spec_file}:7:3: themes.q1: warning: q1 (zh): 21 characters, limit 12 "
        "(9 characters over; shorten it, or check the limit with `drafter stats`)",
    ]


def test_validate_warns_and_strict_makes_it_an_error(spec_file, runner):
    ok = runner.invoke(main, ["validate", str(spec_file)])
    assert ok.exit_code == 0 and "q1 (en): 12 words, limit 10" in ok.output
    strict = runner.invoke(main, ["render", "--strict", str(spec_file), "--format", "md", "-o", "-"])
    assert strict.exit_code == 2 and "[--strict]" in strict.output and "---\ntitle" not in strict.output


def test_stats_table_and_json(spec_file, runner):
    table = runner.invoke(main, ["stats", str(spec_file)])
    assert table.exit_code == 0
    assert any(line.split()[:6] == ["q1", "en", "1", "12", "words", "10"] for line in table.output.splitlines())
    assert "OVER by 2" in table.output and "(2 limit(s) exceeded)" in table.output
    rows = json.loads(runner.invoke(main, ["stats", str(spec_file), "--format", "json"]).stdout)
    assert {"scope": "q2", "lang": "en", "paragraphs": 1, "length": 54, "unit": "characters",
            "limit": {"amount": 60, "unit": "characters"}, "over": 0} in rows


def test_the_example_answers_within_every_limit(library):
    spec, lib = load_spec(EXAMPLES / "global-dialogue-input.yaml", library)
    counts = spec_budgets(spec, lib, resolve(spec, lib))
    assert all(c.limit is not None for c in counts if c.scope.startswith("q"))
    assert not limit_warnings(counts)


def test_coverage_sections_by_sources(library):
    spec, lib = load_spec(EXAMPLES / "global-dialogue-input.yaml", library)
    sub = resolve(spec, lib)
    cov = coverage(sub, lib.frameworks[spec.framework])
    assert cov.columns == ("cn-igf", "gdi-nonpaper", "own text")
    rows = {r.scope: r for r in cov.rows}
    assert set(rows) == {"q1.answer", "q2.answer", "q3.answer"}
    q1 = rows["q1.answer"]
    assert q1.cells["cn-igf"].paragraphs == 1 and q1.cells["own text"].paragraphs == 1
    assert q1.cells["cn-igf"].share == pytest.approx(q1.cells["cn-igf"].length / 300)


def test_a_framework_without_limits_counts_without_warning(library):
    spec, lib = load_spec(EXAMPLES / "delegation.yaml", library)
    counts = budgets(resolve(spec, lib), lib.frameworks["gdc-2023"], {}, spec.file)
    assert counts and all(c.limit is None for c in counts) and not limit_warnings(counts)
    assert {c.scope for c in counts} >= {"preamble", "connect", "connect.principles", "closing", "submission"}


def test_limited_budgets_are_the_limited_ones_of_all(tmp_path):
    """`limited=True` (what every render and validate asks for its warnings) counts only the
    scopes a limit applies to, with the same counts as the full table (issue 21)."""
    from drafter.document.budget import spec_budgets
    from drafter.document.resolve import resolve
    from drafter.spec.load import load_spec
    from tests.conftest import EXAMPLES

    for spec_file in sorted(EXAMPLES.glob("*.yaml")):
        try:
            spec, lib = load_spec(spec_file)
        except Exception:  # noqa: BLE001 - batch files and the like are not specs
            continue
        sub = resolve(spec, lib)
        every = spec_budgets(spec, lib, sub)
        assert spec_budgets(spec, lib, sub, limited=True) == [c for c in every if c.limit is not None]
