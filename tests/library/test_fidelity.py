"""Library text is the sources' words: checked against the seed texts in ../shared/seeds/.

Each item's text in every source language (not marked unofficial), with all whitespace
removed, must occur in its seed with whitespace, page-number lines and `─ n ─` page markers
removed, after applying the item's own recorded `repairs`. This is whitespace-insensitive on
purpose (repairing hard wraps and split words is allowed) and strict about every other
character.
"""

from __future__ import annotations

import re

import pytest
import yaml

from drafter import paths
from tests.conftest import need_shared

_PAGE_LINE = re.compile(r"^[ \t]*\d+[ \t]*$", re.M)
_MARKER = re.compile(r"─\d*─")
_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


def seed_text(name: str) -> str:
    raw = (need_shared() / "seeds" / name).read_text(encoding="utf-8")
    return _MARKER.sub("", squash(_PAGE_LINE.sub("", raw)))


def _repairs() -> dict[str, list[dict[str, str]]]:
    out = {}
    for f in sorted(paths.commitments_dir().glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for item in (data or {}).get("items", []) if isinstance(data, dict) else []:
            out[item["id"]] = item.get("repairs") or []
    return out


def test_every_source_text_occurs_in_its_seed(library):
    repairs = _repairs()
    seeds = {key: seed_text(src.seed) for key, src in library.sources.items() if src.seed}
    failures = []
    checked = 0
    for item in library.items.values():
        seed = seeds[item.source]
        for fix in repairs.get(item.id, []):
            seed = seed.replace(squash(fix["from"]), squash(fix["to"]))
        for lang, text in item.text.items():
            if item.status(lang) != "source":
                continue
            checked += 1
            for part in text.split("\n"):
                if squash(part) not in seed:
                    failures.append(f"{item.id} [{lang}]: {part[:80]}")
        for lang, title in item.title.items():
            if item.status(lang) == "source" and squash(title) not in seed:
                failures.append(f"{item.id} title [{lang}]: {title}")
    assert not failures, "\n".join(failures)
    assert checked >= 138


def test_fidelity_check_catches_a_changed_word(library):
    """The check itself must be able to fail: one altered character is caught."""
    item = library.items["cn-igf.connect.c1"]
    seed = seed_text(library.sources["cn-igf"].seed)
    assert squash(item.text["en"]) in seed
    assert squash(item.text["en"].replace("IPv6", "IPv4")) not in seed
    assert squash(item.text["zh"].replace("发展中国家", "发达国家")) not in seed


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_extraction_damage_left(library, lang):
    """Page markers, bullets and split-word hyphens must not survive into library text."""
    for item in library.items.values():
        text = item.text[lang]
        assert "─" not in text, item.id
        assert "⚫" not in text and "➢" not in text, item.id
        assert not re.search(r"\w -\w", text), (item.id, re.search(r"\w -\w", text))
        if lang == "zh":
            assert not re.search(r"(?<=[\u3000-\u9fff\uff00-\uffef]) | (?=[\u3000-\u9fff\uff00-\uffef])", text), item.id
