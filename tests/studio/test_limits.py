"""The studio's budget shows the framework's limits (issue 18's `limit:` on a theme or section)."""

from __future__ import annotations

from drafter.spec.load import load_spec
from drafter.studio.stats import section_limit
from tests.conftest import EXAMPLES


def test_a_questions_limit_is_its_answer_sections(library):
    spec, lib = load_spec(EXAMPLES / "global-dialogue-input.yaml", library)
    assert section_limit(lib, spec.framework, "q1", "answer") == {"en": 300, "zh": 600}
    assert section_limit(lib, spec.framework, "q3", "answer") == {"en": 200, "zh": 400}
    assert section_limit(library, "gdc-2024", "ai-governance", "commitments") is None
