"""The terminology glossary and the check that unofficial translations follow it.

The glossary (`commitments/glossary.yaml`) records how the two official bilingual documents
render key terms. A translation written for the library must use one of those renderings
wherever its source text uses the term, so that a delegation's submission does not say
"network sovereignty" in one paragraph and "cyber sovereignty" in the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from drafter import paths
from drafter.checks import Checker
from drafter.errors import Location, Problem
from drafter.library import Item
from drafter.yamlload import load_file


@dataclass(frozen=True)
class Term:
    zh: str
    en: tuple[str, ...]
    sources: tuple[str, ...]
    check: bool = True

    def en_patterns(self) -> list[re.Pattern[str]]:
        """Word-bounded, whitespace-insensitive; short renderings (AI, UN) keep their case."""
        out = []
        for rendering in self.en:
            body = r"\s+".join(re.escape(w) for w in rendering.split())
            flags = 0 if len(rendering) <= 4 else re.IGNORECASE
            out.append(re.compile(r"(?<![A-Za-z])" + body + r"(?:s|es)?(?![A-Za-z])", flags))
        return out

    def in_en(self, text: str) -> bool:
        return any(p.search(text) for p in self.en_patterns())


def zh_occurrences(text: str, glossary: list[Term]) -> set[str]:
    """Terms occurring in Chinese text, a shorter term not counted where a longer one covers it."""
    covered = [False] * len(text)
    found: set[str] = set()
    for term in sorted(glossary, key=lambda t: -len(t.zh)):
        start = text.find(term.zh)
        while start != -1:
            span = range(start, start + len(term.zh))
            if not all(covered[i] for i in span):
                found.add(term.zh)
                for i in span:
                    covered[i] = True
            start = text.find(term.zh, start + 1)
    return found


def load_glossary(path: Path | None = None) -> list[Term]:
    """Load and validate the glossary (every pair needs zh, at least one en, and a source item)."""
    path = path or paths.commitments_dir() / "glossary.yaml"
    ck = Checker(load_file(path))
    top = ck.mapping(ck.doc.data, (), required=["terms"])
    terms: list[Term] = []
    seen: set[str] = set()
    for i, raw in enumerate((top or {}).get("terms") or []):
        m = ck.mapping(raw, ("terms", i), required=["zh", "en", "from"], optional=["check", "note"])
        if m is None:
            continue
        zh = ck.text(m.get("zh"), ("terms", i, "zh"))
        en = ck.str_list(m.get("en"), ("terms", i, "en"))
        src = ck.str_list(m.get("from"), ("terms", i, "from"))
        if zh in seen:
            ck.error(("terms", i, "zh"), f"term {zh!r} listed twice", "merge the renderings into one entry")
        if zh and en and src:
            seen.add(zh)
            terms.append(Term(zh, tuple(en), tuple(src), m.get("check", True) is not False))
    ck.raise_if_errors()
    return terms


def en_occurrences(text: str, glossary: list[Term]) -> set[str]:
    """Terms (by zh key) whose English rendering occurs, longest rendering first, as above."""
    covered = [False] * len(text)
    found: set[str] = set()
    pairs = sorted(((t, p) for t in glossary for p in t.en_patterns()), key=lambda tp: -len(tp[1].pattern))
    for term, pattern in pairs:
        for m in pattern.finditer(text):
            span = range(m.start(), m.end())
            if not all(covered[i] for i in span):
                found.add(term.zh)
                for i in span:
                    covered[i] = True
    return found


def check_translations(items: Iterable[Item], glossary: list[Term]) -> list[Problem]:
    """One problem per (item, term) where an unofficial translation misses the term's rendering."""
    problems = []
    enforced = [t for t in glossary if t.check]
    for item in items:
        for lang in sorted(item.unofficial):
            source_langs = [x for x in item.text if x not in item.unofficial]
            if not source_langs:
                continue
            src = source_langs[0]
            if src == "zh" and lang == "en":
                present = zh_occurrences(item.text["zh"], enforced)
                for term in enforced:
                    if term.zh in present and not term.in_en(item.text["en"]):
                        expected = " or ".join(repr(r) for r in term.en)
                        problems.append(Problem(item.location, f"{item.id}: {term.zh} is not rendered as {expected}",
                                                hint="use a glossary rendering in the English translation"))
            elif src == "en" and lang == "zh":
                present = en_occurrences(item.text["en"], enforced)
                for term in enforced:
                    if term.zh in present and term.zh not in item.text["zh"]:
                        problems.append(Problem(item.location, f"{item.id}: {'/'.join(term.en)} is not rendered as {term.zh}",
                                                hint="use the glossary rendering in the Chinese translation"))
    return problems


def check_provenance(glossary: list[Term], items: Mapping[str, Item]) -> list[Problem]:
    """Every pair must be attested in the official text (or title) of an item it names."""
    problems = []
    for term in glossary:
        ok_zh = ok_en = False
        for item_id in term.sources:
            item = items.get(item_id)
            if item is None:
                problems.append(Problem(Location("glossary.yaml"), f"term {term.zh}: unknown item {item_id!r}"))
                continue
            zh = " ".join(x for x in (item.text.get("zh"), item.title.get("zh")) if x and item.status("zh") == "source")
            en = " ".join(x for x in (item.text.get("en"), item.title.get("en")) if x and item.status("en") == "source")
            ok_zh = ok_zh or term.zh in re.sub(r"\s+", "", zh)
            ok_en = ok_en or term.in_en(en)
        if not (ok_zh and ok_en):
            problems.append(Problem(Location("glossary.yaml"), f"term {term.zh} / {term.en[0]} is not attested in the official text of {', '.join(term.sources)}",
                                    hint="name an item whose official texts use both"))
    return problems
