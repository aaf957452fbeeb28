"""The terminology glossary and the check that unofficial translations follow it.

The glossary (`commitments/glossary.yaml`) records how the two official bilingual documents
render key terms. A translation written for the library must use one of those renderings
wherever its source text uses the term, so that a delegation's submission does not say
"network sovereignty" in one paragraph and "cyber sovereignty" in the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drafter import paths
from drafter.checks import Checker
from drafter.errors import Problem
from drafter.library import Item
from drafter.yamlload import load_file


@dataclass(frozen=True)
class Term:
    zh: str
    en: tuple[str, ...]
    sources: tuple[str, ...]
    check: bool = True

    def in_en(self, text: str) -> bool:
        folded = text.casefold()
        return any(re.search(r"(?<![a-z])" + re.escape(r.casefold()), folded) for r in self.en)


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


def check_translations(items: Iterable[Item], glossary: list[Term]) -> list[Problem]:
    """One problem per (item, term) where an unofficial translation misses the term's rendering."""
    problems = []
    for item in items:
        for lang in sorted(item.unofficial):
            source_langs = [x for x in item.text if x not in item.unofficial]
            if not source_langs:
                continue
            src = source_langs[0]
            for term in glossary:
                if not term.check:
                    continue
                if src == "zh" and lang == "en" and term.zh in item.text["zh"] and not term.in_en(item.text["en"]):
                    expected = " or ".join(repr(r) for r in term.en)
                    problems.append(Problem(item.location, f"{item.id}: term {term.zh} is rendered without {expected}",
                                            hint="use the glossary rendering in the English translation"))
                elif src == "en" and lang == "zh" and term.in_en(item.text["en"]) and term.zh not in item.text["zh"]:
                    problems.append(Problem(item.location, f"{item.id}: term {'/'.join(term.en)} is not rendered as {term.zh}",
                                            hint="use the glossary rendering in the Chinese translation"))
    return problems
