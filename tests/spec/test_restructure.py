"""A 2023 spec restructured for the adopted Compact; specs written for gdc-2024 and user frameworks."""

from __future__ import annotations

from collections import Counter

import pytest

from drafter.document.resolve import resolve
from drafter.errors import DrafterError
from drafter.load.yaml import loads
from drafter.spec.check import check_spec
from drafter.spec.load import load_spec
from drafter.spec.restructure import restructure
from tests.conftest import EXAMPLES


def entries(spec):
    return [e for t in spec.themes for s in t.sections.values() for e in s]


def test_delegation_restructured_keeps_every_paragraph_in_order(library):
    spec, lib = load_spec(EXAMPLES / "delegation.yaml", library)
    moved = restructure(spec, lib, "gdc-2024")
    assert moved.framework == "gdc-2024"
    before = Counter((e.use, e.path) for e in entries(spec))
    assert Counter((e.use, e.path) for e in entries(moved)) == before  # nothing dropped or added
    assert moved.preamble == spec.preamble and moved.closing == spec.closing
    keys = [t.key for t in moved.themes]
    assert keys == [k for k in lib.frameworks["gdc-2024"].theme_keys if k in keys]  # framework order
    where = {e.use: t.key for t in moved.themes for s in t.sections.values() for e in s if e.use}
    assert where["cn-igf.connect.c1"] == "digital-divides"
    assert where["cn-igf.human-rights.p3"] == "digital-space" and where["cn-gdc.commons.1"] == "digital-divides"


def test_the_restructured_submission_renders_in_the_2024_structure(library):
    spec, lib = load_spec(EXAMPLES / "delegation.yaml", library)
    sub = resolve(restructure(spec, lib, "gdc-2024"), lib)
    assert sub.meta.framework == "gdc-2024"
    assert sub.themes[0].heading["en"].startswith("1. Close all digital divides")
    assert sub.themes[0].sections[0].heading["en"] == "Principles"
    numbers = [p.number for p in sub.paragraphs() if p.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_section_keeps_its_key_and_an_exception_moves_its_item(library):
    text = ("drafter: 1\nsubmission: {title: T, languages: [en]}\nthemes:\n  fragmentation:\n"
            "    commitments:\n      - use: gdi-nonpaper.economy.3\n      - use: cn-igf.fragmentation.c1\n")
    spec = check_spec(loads(text, "s.yaml"), library)
    moved = restructure(spec, library, "gdc-2024")
    by_key = {t.key: t for t in moved.themes}
    assert [e.use for e in by_key["digital-economy"].sections["commitments"]] == ["gdi-nonpaper.economy.3"]
    assert [e.use for e in by_key["digital-space"].sections["commitments"]] == ["cn-igf.fragmentation.c1"]


def test_no_crosswalk_is_a_clear_error(library):
    spec, lib = load_spec(EXAMPLES / "delegation.yaml", library)
    moved = restructure(spec, lib, "gdc-2024")
    with pytest.raises(DrafterError, match="no crosswalk from gdc-2024 to gdc-2023"):
        restructure(moved, lib, "gdc-2023")


def test_a_spec_may_use_the_objectives_directly(library):
    text = ("drafter: 1\nframework: gdc-2024\nsubmission: {title: {en: T, zh: T}, languages: [en, zh]}\nthemes:\n"
            "  digital-economy:\n    include: {source: gdi-nonpaper}\n"
            "  cross-cutting:\n    principles:\n      - use: cn-gdc.basic.2\n")
    spec = check_spec(loads(text, "s.yaml"), library)
    sub = resolve(spec, library)
    assert [t.key for t in sub.themes] == ["cross-cutting", "digital-economy"]
    assert sub.themes[0].heading["en"] == "Principles"  # unnumbered, before the objectives
    assert sub.themes[1].heading["en"].startswith("2. Expand inclusion") and "(unofficial wording)" in \
        sub.themes[1].heading["en"]  # objective 2 keeps its number; its title is not confirmed
    assert {p.item_id for s in sub.themes[1].sections for p in s.paragraphs} == {
        f"gdi-nonpaper.economy.{n}" for n in range(2, 7)}


def test_2023_theme_keys_are_unknown_in_a_2024_spec(library):
    text = "drafter: 1\nframework: gdc-2024\nsubmission: {title: T, languages: [en]}\nthemes:\n  connect: {}\n"
    with pytest.raises(DrafterError, match="unknown theme 'connect'"):
        check_spec(loads(text, "s.yaml"), library)


def test_a_user_framework_relative_to_the_spec(library):
    spec, lib = load_spec(EXAMPLES / "global-dialogue-input.yaml", library)
    assert spec.framework == "global-dialogue-2026" and "global-dialogue-2026" in lib.frameworks
    assert "global-dialogue-2026" not in library.frameworks  # the shared library is left alone
    sub = resolve(spec, lib)
    assert [t.key for t in sub.themes] == ["q1", "q2", "q3"]
    assert all(p.number is None for p in sub.paragraphs())  # the questionnaire numbers no paragraph
    assert sub.themes[0].sections[0].heading == {}  # a single answer: no heading
    assert sub.themes[0].prompt["en"].startswith("What are the most important")
    assert sub.themes[0].prompt["zh"].endswith("（非官方措辞）")  # our translation, marked


def test_a_language_the_item_lacks_is_supplied_not_edited(library):
    text = ("drafter: 1\nsubmission: {title: {en: T, fr: T}, languages: [en, fr]}\nthemes:\n  connect:\n"
            "    principles:\n      - use: cn-igf.connect.p2\n"
            "        text: {fr: \"La langue ne devrait pas dissuader quiconque de se connecter à Internet.\"}\n")
    spec = check_spec(loads(text, "s.yaml"), library)
    assert not spec.warnings  # not "edited in fr but not in en"
    version = resolve(spec, library).paragraphs()[0].versions
    assert version["en"].status == "source" and version["fr"].status == "unofficial"


def test_an_item_lacking_a_language_is_an_error_unless_supplied(library):
    text = ("drafter: 1\nsubmission: {title: {en: T, ru: T}, languages: [en, ru]}\nthemes:\n  connect:\n"
            "    principles:\n      - use: cn-igf.connect.p2\n")
    with pytest.raises(DrafterError) as err:
        check_spec(loads(text, "s.yaml"), library)
    assert "cn-igf.connect.p2 has no ru text in the library" in str(err.value)
    assert "your own translation (shown as unofficial)" in str(err.value)


def test_an_overlay_supplies_a_language_the_library_lacks(tmp_path, library):
    """Issue 14's `versions:` in a user library: an official French text of an item (say) is used
    and cited with its own source, so the spec needs no text of its own."""
    (tmp_path / "fr.yaml").write_text(
        "sources:\n  igf-fr: {title: {fr: \"Contribution du FGI chinois (version française)\"}, languages: [fr], "
        "original: zh}\nversions:\n  - of: cn-igf.connect.p2\n    lang: fr\n"
        "    text: \"La langue ne devrait pas dissuader quiconque de se connecter à Internet.\"\n"
        "    source: {doc: igf-fr, ref: {fr: \"Principe 2\"}}\n", encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(
        "drafter: 1\nlibraries: [fr.yaml]\nsubmission: {title: {en: T, fr: T}, languages: [en, fr]}\n"
        "themes:\n  connect:\n    principles:\n      - use: cn-igf.connect.p2\n", encoding="utf-8")
    spec, lib = load_spec(tmp_path / "spec.yaml", library)
    version = resolve(spec, lib).paragraphs()[0].versions["fr"]
    assert version.status == "user" and version.text.startswith("La langue")
    assert version.provenance.source == "igf-fr"
