"""Library text is the sources' words: checked against the seed texts in ../shared/seeds/.

Each item's text in every source language (not unofficial, not supplied) must occur in its seed
once the seed is brought to the same form:

- whitespace is layout and is ignored — except, in a `seed_kind: web` source, a space between
  two CJK characters on one line, which is the source's own (two slogans side by side,
  优化数字营商环境 激活市场主体活力) and must be kept exactly;
- page-number lines and `─ n ─` page markers are removed;
- the item's recorded `repairs` are applied to the seed, and nothing else: a difference from the
  seed that no repair records fails. A rule repair must name how many characters it changed
  (counted here), and a literal repair must repair something the seed prints.

The mutation tests at the end prove that each part of the check can fail.
"""

from __future__ import annotations

import re
from functools import cache
from types import MappingProxyType

import pytest
from msgspec.structs import replace

from drafter.library.model import Item, Library
from drafter.library.notes import CJK, RULES, Repair
from tests.conftest import need_shared

_PAGE_LINE = re.compile(r"^[ \t]*\d+[ \t]*$", re.M)
_MARKER = re.compile(r"─\d*─")
_WS = re.compile(r"\s+")
_CJK_SPACE = re.compile(rf"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")
_KEPT = "\x00"  # stands for a kept space while the rest of the whitespace is squashed


def key(text: str, web: bool) -> str:
    """The comparison form: whitespace removed, except a web source's space between CJK characters."""
    if web:
        text = _CJK_SPACE.sub(_KEPT, text)
    return _WS.sub("", text).replace(_KEPT, " ")


@cache
def seed_key(name: str, web: bool) -> str:
    raw = (need_shared() / "seeds" / name).read_text(encoding="utf-8")
    return _MARKER.sub("", key(_PAGE_LINE.sub("", raw), web))


def _repaired(seed: str, item: Item, web: bool) -> tuple[str, str, list[str]]:
    """(seed with the item's literal repairs, then also its rule repairs; problems with repairs)."""
    problems = []
    for fix in item.repairs:
        if fix.rule:
            continue
        before, after = key(fix.before, web), key(fix.after, web)
        if before not in seed:
            problems.append(f"{item.id}: repair from {fix.before!r} repairs nothing: the seed does not print it")
        seed = seed.replace(before, after)
    literal = seed
    for fix in item.repairs:
        if fix.rule:
            seed = RULES[fix.rule].apply(seed)
    return literal, seed, problems


def failures(library: Library, items: list[Item] | None = None) -> list[str]:
    """Every difference between library text and seed that no repair records."""
    out: list[str] = []
    for item in items if items is not None else library.items.values():
        source = library.sources[item.source]
        if not source.seed:
            continue
        web = source.seed_kind == "web"
        literal, seed, problems = _repaired(seed_key(source.seed, web), item, web)
        out += problems
        changed = 0
        for lang, text in item.text.items():
            if item.status(lang) != "source":
                continue
            for part in text.split("\n"):
                k = key(part, web)
                at = seed.find(k)
                if at < 0:
                    out.append(f"{item.id} [{lang}]: not in the seed as printed or repaired: {part[:60]}")
                    continue
                changed += sum(1 for a, b in zip(literal[at:at + len(k)], seed[at:at + len(k)], strict=True) if a != b)
        for lang, title in item.title.items():
            if item.status(lang) == "source" and key(title, web) not in seed:
                out.append(f"{item.id} title [{lang}]: {title}")
        recorded = sum(fix.count for fix in item.repairs if fix.rule)
        if changed != recorded:
            out.append(f"{item.id}: rule repairs record {recorded} changed characters, the seed differs in {changed}")
    return out


def test_every_source_text_occurs_in_its_seed(library):
    assert not failures(library)
    checked = sum(1 for i in library.items.values() for lang in i.text if i.status(lang) == "source")
    assert checked >= 138


def test_repairs_are_counted_per_source(library):
    """The repairs the docs and the closing note report (docs/sources/*.md)."""
    by_source: dict[str, int] = {}
    for item in library.items.values():
        for fix in item.repairs:
            by_source[item.source] = by_source.get(item.source, 0) + fix.count
    assert by_source == {"cn-cyberspace-wp": 363, "gdi-nonpaper": 6, "cn-gdc": 2, "cn-igf": 1}


# -- the check can fail -------------------------------------------------------------------------


def _with_text(item: Item, lang: str, text: str, **changes: object) -> Item:
    return replace(item, text=MappingProxyType({**item.text, lang: text}), **changes)


def test_mutation_removing_a_space_between_slogans_fails(library):
    """The class the old check missed: a web source's space between two CJK characters."""
    item = library.items["cn-cyberspace-wp.iii.0.1"]
    assert "优化数字营商环境 激活市场主体活力" in item.text["zh"]
    assert not failures(library, [item])
    joined = _with_text(item, "zh", item.text["zh"].replace("营商环境 激活", "营商环境激活"))
    assert any("not in the seed" in f for f in failures(library, [joined]))
    added = _with_text(item, "zh", item.text["zh"].replace("中国先后", "中国 先后"))
    assert failures(library, [added])


def test_mutation_spaces_inside_chinese_of_a_pdf_source_are_layout(library):
    """In a PDF seed the spaces inside Chinese are extraction damage: ignoring them is right."""
    item = library.items["cn-gdc.preamble.2"]
    assert not failures(library, [_with_text(item, "zh", item.text["zh"].replace("网络空间", "网络 空间", 1))])


def test_mutation_an_unrecorded_difference_fails(library):
    item = library.items["cn-cyberspace-wp.iii.0.1"]
    one_more = _with_text(item, "zh", item.text["zh"].replace("以来，", "以来,", 1))
    assert any("record 3" in f for f in failures(library, [one_more]))
    unrepaired = replace(item, repairs=())
    assert any("not in the seed" in f for f in failures(library, [unrepaired]))
    wrong_count = replace(item, repairs=(replace(item.repairs[0], count=4),))
    assert any("record 4 changed characters, the seed differs in 3" in f for f in failures(library, [wrong_count]))
    changed_word = _with_text(item, "zh", item.text["zh"].replace("协商一致", "一致"))
    assert failures(library, [changed_word])


def test_mutation_literal_repairs_must_be_recorded_and_real(library):
    item = library.items["cn-igf.data.c2"]
    assert "illegal, and" in item.text["en"] and not failures(library, [item])
    assert any("not in the seed" in f for f in failures(library, [replace(item, repairs=())]))
    bogus = replace(item, repairs=(*item.repairs, Repair("en", "never printed", "not either", "test")))
    assert any("repairs nothing" in f for f in failures(library, [bogus]))
    ai = library.items["cn-gdc.ai.4"]
    assert "of AI products" in ai.text["en"] and not failures(library, [ai])
    assert failures(library, [replace(ai, repairs=())])


def test_fidelity_check_catches_a_changed_word(library):
    item = library.items["cn-igf.connect.c1"]
    assert not failures(library, [item])
    assert failures(library, [_with_text(item, "en", item.text["en"].replace("IPv6", "IPv4"))])
    assert failures(library, [_with_text(item, "zh", item.text["zh"].replace("发展中国家", "发达国家"))])


def test_rule_is_one_for_one_and_only_next_to_chinese():
    rule = RULES["zh-punctuation-width"]
    assert rule.apply("2020年以来,中国(先后)提出:a;b") == "2020年以来，中国（先后）提出：a;b"
    assert rule.apply("Internet (IGF), and") == "Internet (IGF), and"
    sample = "以来,中国;(北京):完"
    assert len(rule.apply(sample)) == len(sample)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_extraction_damage_left(library, lang):
    """Page markers, bullets and split-word hyphens must not survive into library text; spaces next
    to Chinese characters only where a web source prints them (the fidelity check holds those)."""
    for item in library.items.values():
        text = item.text[lang]
        assert "─" not in text, item.id
        assert "⚫" not in text and "➢" not in text, item.id
        assert not re.search(r"\w -\w", text), (item.id, re.search(r"\w -\w", text))
        if lang == "zh":
            web_source = item.status("zh") == "source" and library.sources[item.source].seed_kind == "web"
            stray = re.search(rf"(?<=[{CJK}]) | (?=[{CJK}])", text)
            assert web_source or not stray, (item.id, stray)


def test_chinese_source_text_has_no_half_width_punctuation_next_to_chinese(library):
    """The punctuation-width repair is complete: no half-width , : ; ( ) beside a Chinese character."""
    pattern = re.compile(rf"(?<=[{CJK}])[,:;()]|[,:;()](?=[{CJK}])")
    for item in library.items.values():
        for lang in ("zh",):
            assert not pattern.search(item.text.get(lang, "")), item.id
            assert not pattern.search(item.title.get(lang, "")), item.id
