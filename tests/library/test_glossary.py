"""The terminology glossary, the check that unofficial translations follow it, and the marking
of translation status in the library's JSON.

The matching rules tested here are the ones the header of commitments/glossary.yaml states.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from types import MappingProxyType

import pytest
from msgspec.structs import replace

from drafter.cli import main
from drafter.errors import DrafterError, Location
from drafter.library.glossary import (
    Term,
    check_provenance,
    check_translations,
    en_occurrences,
    en_pattern,
    en_spans,
    load_glossary,
    zh_occurrences,
)
from drafter.library.model import Item
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def glossary() -> list[Term]:
    return load_glossary()


def make_item(text: dict[str, str], unofficial: str, title: dict[str, str] | None = None) -> Item:
    return Item(
        id="test.item.1", source="test", kind="statement", section="commitments", themes=(),
        ref=MappingProxyType({}), title=MappingProxyType(title or {}), text=MappingProxyType(text),
        unofficial=frozenset({unofficial}), location=Location("test.yaml", 3, 9),
    )


def messages(problems) -> list[str]:
    return [p.message for p in problems]


# -- the built-in library and glossary ------------------------------------------------------

def test_builtin_library_follows_the_glossary(library, glossary):
    assert messages(check_translations(library.items.values(), glossary)) == []


def test_library_check_command_passes(runner):
    result = runner.invoke(main, ["library", "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 66 of 138 items have unofficial translations")


def test_glossary_size_unique_and_attested(library, glossary):
    assert len(glossary) >= 80
    zh = [t.zh for t in glossary]
    assert len(zh) == len(set(zh))
    assert all(t.en and (t.sources or t.basis) for t in glossary)
    assert messages(check_provenance(glossary, library.items)) == []


def test_glossary_sources_are_the_bilingual_documents(library, glossary):
    for term in glossary:
        for item_id in term.sources:
            assert library.items[item_id].source in ("cn-gdc", "cn-igf"), (term.zh, item_id)


def test_unenforced_terms_are_few_and_explained(glossary):
    unchecked = [t for t in glossary if not t.check]
    assert len(unchecked) <= 10, [t.zh for t in unchecked]
    for term in glossary:
        if not term.check or term.not_in:
            assert len(term.note) > 20, term.zh


def test_provenance_catches_an_unattested_rendering(library, glossary):
    term = next(t for t in glossary if t.zh == "网络主权")
    bad = Term(term.zh, (*term.en, "network sovereignty"), term.sources)
    (problem,) = check_provenance([bad], library.items)
    assert "网络主权 / network sovereignty is not attested" in problem.message
    unknown = Term("网络主权", ("cyber sovereignty",), ("cn-gdc.nope",))
    assert any("unknown item 'cn-gdc.nope'" in m for m in messages(check_provenance([unknown], library.items)))


def test_provenance_ignores_unofficial_translations(library):
    # cn-igf.intro's Chinese is a library translation, so it cannot attest a pair
    term = Term("数字合作", ("digital cooperation",), ("cn-igf.intro",))
    assert library.items["cn-igf.intro"].status("zh") == "unofficial"
    assert check_provenance([term], library.items)


# -- matching rules -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("rendering", "text", "matches"),
    [
        # plural -s / -es, in both directions
        ("digital divide", "bridge the digital divides", True),
        ("international organizations", "an international organization", True),
        ("Member States", "each Member State", True),
        ("backdoors", "a backdoor", True),
        # -y / -ies, in both directions
        ("technical community", "technical communities", True),
        ("information and communications technologies", "information and communications technology", True),
        # case: long renderings ignore it, short ones (<= 4 characters) keep it
        ("Internet governance", "internet Governance", True),
        ("AI", "AI governance", True),
        ("AI", "ai", False),
        ("AI", "said", False),
        ("UN", "the UN system", True),
        ("UN", "an un-official text", False),
        # whole words only; whitespace-insensitive; ’ equals '
        ("terrorism", "cyberterrorism", False),
        ("terrorism", "counter-terrorism", True),
        ("global digital governance", "global\n   digital governance", True),
        ("people’s livelihood", "improving people's livelihoods", True),
        ("digital divide", "digital dividends", False),
    ],
)
def test_en_pattern(rendering, text, matches):
    assert bool(en_pattern(rendering).search(text.replace("’", "'"))) is matches


def test_longest_match_chinese(glossary):
    assert zh_occurrences("推动国际法治", glossary) == {"国际法治"}
    assert zh_occurrences("遵守国际法", glossary) == {"国际法"}
    assert zh_occurrences("落实可持续发展目标", glossary) == {"可持续发展目标"}
    # both, where each also stands on its own
    assert zh_occurrences("国际法治与国际法", glossary) == {"国际法治", "国际法"}


def test_longest_match_english(glossary):
    assert en_occurrences("Internet governance", glossary) == {"互联网治理"}
    # overlapping without one lying inside the other: both count
    assert en_occurrences("global Internet governance", glossary) == {"全球互联网", "互联网治理"}
    assert en_occurrences("the international rule of law", glossary) == {"国际法治"}
    assert en_occurrences("Internet governance and the Internet", glossary) == {"互联网治理", "互联网"}


def test_not_in_phrases(glossary):
    assert en_occurrences("the Internet of Things", glossary) == set()
    assert en_occurrences("Internet infrastructure resources", glossary) == {"互联网"}
    assert en_occurrences("the 2030 Agenda for Sustainable Development", glossary) == {"可持续发展"}
    assert zh_occurrences("打击网络恐怖主义", glossary) == {"网络恐怖主义"}
    assert zh_occurrences("世界知识产权组织", glossary) == set()
    assert zh_occurrences("《人工智能伦理建议书》", glossary) == {"人工智能"}


def test_one_english_rendering_of_two_terms_accepts_either(glossary):
    (occ,) = en_spans("technology transfer", glossary)
    assert {t.zh for t in occ.terms} == {"技术转让", "技术转移"}
    for zh in ("技术转让", "技术转移"):
        item = make_item({"en": "We support technology transfer.", "zh": f"我们支持{zh}。"}, "zh")
        assert check_translations([item], glossary) == []
    item = make_item({"en": "We support technology transfer.", "zh": "我们支持技术流动。"}, "zh")
    assert messages(check_translations([item], glossary)) == [
        "test.item.1: technology transfer is not rendered as 技术转让 or 技术转移"]


def test_check_both_directions_and_titles(glossary):
    zh_to_en = make_item({"zh": "尊重网络主权。", "en": "Respect network sovereignty."}, "en",
                         title={"zh": "数字鸿沟", "en": "The digital gap"})
    en_to_zh = make_item({"en": "Capacity-building matters.", "zh": "建设能力很重要。"}, "zh")
    assert messages(check_translations([zh_to_en, en_to_zh], glossary)) == [
        "test.item.1: 网络主权 is not rendered as 'cyber sovereignty'",
        "test.item.1: 数字鸿沟 is not rendered as 'digital divide' (title)",
        "test.item.1: Capacity-building is not rendered as 能力建设",
    ]


def test_unenforced_terms_are_not_reported_but_still_cover(glossary):
    # 研发 is check: false: a translation may spell it out
    item = make_item({"zh": "加强研发合作。", "en": "Strengthen cooperation in research and development."}, "en")
    assert check_translations([item], glossary) == []


def test_source_language_text_is_never_checked(glossary):
    item = make_item({"zh": "尊重网络主权。", "en": "Respect network sovereignty."}, "zh")
    # zh is the translation here; the English source has no glossary term, so nothing to check
    assert check_translations([item], glossary) == []


# -- loading the glossary -------------------------------------------------------------------

GLOSSARY = """\
terms:
  - zh: 互联网
    en: [Internet]
    from: [cn-gdc.preamble.1]
{extra}
"""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    check: false", "need a `note:` saying why"),
        ("    not_in: [Internet of Things]", "need a `note:` saying why"),
        ("    not_in: [Web of Things]\n    note: why not", "contains none of the renderings"),
        ("    not_in: [物联网]\n    note: why not", "does not contain '互联网'"),
        ("    check: no\n    note: why not", "must be true or false"),
        ("    colour: red", "unknown key 'colour'"),
        ("  - zh: 互联网\n    en: [Internet]\n    from: [cn-gdc.preamble.1]", "listed twice"),
    ],
)
def test_bad_glossary_entries_are_located_errors(tmp_path, extra, message):
    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY.format(extra=extra), encoding="utf-8")
    with pytest.raises(DrafterError) as exc:
        load_glossary(path)
    text = str(exc.value)
    assert message in text
    assert re.search(r"glossary\.yaml:\d+:\d+: ", text)


# -- the command on a user library ----------------------------------------------------------

def test_check_reports_bad_user_translations(runner):
    result = runner.invoke(main, ["library", "check", str(FIXTURES / "glossary_bad.yaml")])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if "glossary_bad.yaml:" in line]
    assert len(lines) == 3, result.stderr
    assert re.search(r"glossary_bad\.yaml:10:9: my-think-tank\.sovereignty\.1: 网络主权 is not rendered as "
                     r"'cyber sovereignty'", lines[0])
    assert re.search(r"glossary_bad\.yaml:10:9: my-think-tank\.sovereignty\.1: 数字鸿沟 is not rendered as "
                     r"'digital divide'", lines[1])
    assert re.search(r"glossary_bad\.yaml:20:9: my-think-tank\.ai\.1: 人工智能治理 is not rendered as "
                     r"'AI governance' or 'governance of artificial intelligence' \(title\)", lines[2])
    assert "ok:" not in result.stdout


def test_check_passes_good_user_libraries(runner):
    files = [str(FIXTURES / "glossary_good.yaml"), str(FIXTURES / "glossary_ngo.yaml")]
    result = runner.invoke(main, ["library", "check", *files])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 3 of 3 items have unofficial translations")


def test_check_on_a_missing_file(runner, tmp_path):
    result = runner.invoke(main, ["library", "check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "user library not found" in result.stderr


# -- translation status in JSON -------------------------------------------------------------

def test_json_shows_translation_status_of_both_languages(runner):
    result = runner.invoke(main, ["library", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 138
    unofficial = Counter()
    for item in items:
        assert set(item["text"]) == {"en", "zh"}, item["id"]
        assert set(item["translation"]) == {"en", "zh"}, item["id"]
        assert set(item["translation"].values()) <= {"source", "unofficial"}, item["id"]
        assert "source" in item["translation"].values(), item["id"]
        for lang, status in item["translation"].items():
            if status == "unofficial":
                unofficial[(item["source"], lang)] += 1
    assert unofficial == {("cn-cyberspace-wp", "en"): 50, ("gdi-nonpaper", "zh"): 14, ("cn-igf", "zh"): 2}
    by_id = {i["id"]: i["translation"] for i in items}
    assert by_id["cn-igf.intro"] == {"en": "source", "zh": "unofficial"}
    assert by_id["cn-igf.ai.c1"] == {"en": "source", "zh": "unofficial"}
    assert by_id["gdi-nonpaper.intro"] == {"en": "source", "zh": "source"}


def test_show_json_marks_an_unofficial_translation(runner):
    result = runner.invoke(main, ["library", "show", "cn-cyberspace-wp.iv.1", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["translation"] == {"en": "unofficial", "zh": "source"}


# -- taught renderings, official ones and their basis (issue 14) ---------------------------------


@pytest.mark.parametrize(("zh", "wrong", "right"), [
    ("老年人", "the elderly", "older persons"),
    ("互联网基础资源", "basic Internet resources", "critical Internet resources"),
    ("人工智能治理", "regulation of artificial intelligence", "governance of artificial intelligence"),
    ("多利益相关方", "multi-party", "multi-stakeholder"),
    ("网络恐怖主义", "cyber-terrorism", "cyberterrorism"),
])
def test_translations_must_use_the_taught_rendering(glossary, zh, wrong, right):
    """What the official texts wrote ("the old") is recorded, never taught to a translation."""
    bad = make_item({"zh": f"支持{zh}。", "en": f"Support {wrong}."}, "en")
    good = make_item({"zh": f"支持{zh}。", "en": f"Support {right}."}, "en")
    assert any(zh in m for m in messages(check_translations([bad], glossary)))
    assert not any(zh in m for m in messages(check_translations([good], glossary)))


def test_official_renderings_still_find_the_term_in_english(glossary):
    assert en_occurrences("help the elderly to go online", glossary) == {"老年人"}
    item = make_item({"en": "Help the elderly to go online.", "zh": "帮助用户上网。"}, "zh")
    assert any("老年人" in m for m in messages(check_translations([item], glossary)))


def test_official_renderings_must_be_attested(library, glossary):
    (elderly,) = [t for t in glossary if t.zh == "老年人"]
    assert elderly.basis and "46/91" in elderly.basis
    forged = replace(elderly, official=(*elderly.official, "senior citizens"))
    assert messages(check_provenance([forged], library.items)) == [
        f"term 老年人 / senior citizens is not attested in the official texts of {', '.join(elderly.sources)}"]
    no_basis = replace(elderly, basis="")
    assert messages(check_provenance([no_basis], library.items)) == [
        f"term 老年人 / older persons is not attested in the official texts of {', '.join(elderly.sources)}"]
