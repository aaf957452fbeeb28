"""The terminology glossary and the check that unofficial translations follow it.

The glossary (`commitments/glossary.yaml`) records how the two official bilingual documents
render key terms. A translation written for the library must use one of those renderings
wherever its source text uses the term, so that a delegation's submission does not say
"network sovereignty" in one paragraph and "cyber sovereignty" in the next.

Matching rules (the header of glossary.yaml states the same; tests/library/test_glossary.py holds both
to them):

- Chinese: exact substring.
- English: whitespace-insensitive, on word boundaries; renderings of up to four characters
  (AI, UN, ICT, R&D, SDGs) are case-sensitive, longer ones are not; ’ and ' are the same; the
  last word matches in the singular and the plural (-s, -es, -y/-ies), whichever is recorded.
- Longest match, in both languages: where one term's occurrence lies wholly inside a longer
  term's occurrence (国际法 in 国际法治, "Internet" in "Internet governance"), only the longer
  term counts there. Every term takes part in this, including `check: false` ones; only the
  report is limited to enforced terms.
- `not_in`: phrases inside which a term does not count at all (e.g. "Internet" in "Internet
  of Things", which the official texts never pair with a Chinese term).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path

from msgspec import Struct

from drafter import paths
from drafter.errors import Location, Problem, raise_if_errors
from drafter.library.files import display
from drafter.library.model import Item, Library
from drafter.load.checks import Checker
from drafter.load.yaml import load_file

SHORT = 4  # renderings of up to this many characters are matched case-sensitively
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})  # same length: spans stay valid
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _norm(text: str) -> str:
    return text.translate(_APOSTROPHES)


def _last_word(word: str) -> str:
    """Regex for the last word of a rendering, matching its singular and plural."""
    lower = word.lower()
    if len(word) > 3 and lower.endswith("ies"):
        return re.escape(word[:-3]) + "(?:y|ies)"
    if len(word) > 2 and lower.endswith("y") and lower[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if len(word) > 2 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return re.escape(word[:-1]) + "(?:s|es)?"
    return re.escape(word) + "(?:s|es)?"


def en_pattern(rendering: str) -> re.Pattern[str]:
    """The pattern an English rendering is matched with (see the module docstring)."""
    words = _norm(rendering).split()
    body = r"\s+".join([re.escape(w) for w in words[:-1]] + [_last_word(words[-1])])
    flags = 0 if len(rendering) <= SHORT else re.IGNORECASE
    return re.compile(r"(?<![A-Za-z])" + body + r"(?![A-Za-z])", flags)


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in _norm(phrase).split()), re.IGNORECASE)


class Term(Struct, frozen=True, dict=True):
    """One glossary entry: a Chinese term, the English renderings a translation must use (`en`),
    and those the official texts use but a translation should not (`official`, e.g. "the old"
    where UN usage is "older persons"; `basis` says where a taught rendering comes from)."""

    zh: str
    en: tuple[str, ...]
    sources: tuple[str, ...]
    check: bool = True
    not_in: tuple[str, ...] = ()
    note: str = ""
    location: Location = Location("glossary.yaml")
    official: tuple[str, ...] = ()
    basis: str = ""

    @cached_property
    def en_patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(en_pattern(r) for r in self.en)

    @cached_property
    def all_patterns(self) -> tuple[re.Pattern[str], ...]:
        """Taught and official renderings: what finds the term in an English source text."""
        return self.en_patterns + tuple(en_pattern(r) for r in self.official)

    def in_en(self, text: str) -> bool:
        """Whether any rendering occurs in English text (no longest-match, no `not_in`)."""
        text = _norm(text)
        return any(p.search(text) for p in self.en_patterns)

    def excluded_spans(self, text: str, lang: str) -> list[tuple[int, int]]:
        """Spans of `text` (normalized if English) inside which this term does not count."""
        spans = []
        for phrase in self.not_in:
            if bool(_CJK.search(phrase)) != (lang == "zh"):
                continue
            if lang == "zh":
                start = text.find(phrase)
                while start != -1:
                    spans.append((start, start + len(phrase)))
                    start = text.find(phrase, start + 1)
            else:
                spans.extend(m.span() for m in _phrase_pattern(phrase).finditer(text))
        return spans


class Occurrence(Struct, frozen=True):
    """Where glossary terms occur in a text: one span, every term matching exactly there."""

    start: int
    end: int
    text: str
    terms: tuple[Term, ...]


def _longest(matches: list[tuple[int, int, Term, str]]) -> list[Occurrence]:
    """Longest match: drop every occurrence lying wholly inside a longer one already taken.

    `matches` are (start, end, term, matched text). Terms matching the very same span (two zh
    terms with one English rendering, 技术转让 / 技术转移 "technology transfer") share it.
    """
    spans: dict[tuple[int, int], list[Term]] = {}
    texts: dict[tuple[int, int], str] = {}
    for start, end, term, text in matches:
        group = spans.setdefault((start, end), [])
        if term not in group:
            group.append(term)
        texts.setdefault((start, end), text)
    taken: list[Occurrence] = []
    for (start, end), terms in sorted(spans.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        if not any(o.start <= start and end <= o.end for o in taken):
            taken.append(Occurrence(start, end, texts[(start, end)], tuple(terms)))
    return sorted(taken, key=lambda o: o.start)


def _usable(term: Term, start: int, end: int, excluded: Mapping[str, list[tuple[int, int]]]) -> bool:
    return not any(s <= start and end <= e for s, e in excluded.get(term.zh, ()))


def zh_spans(text: str, glossary: Iterable[Term]) -> list[Occurrence]:
    """Occurrences of glossary terms in Chinese text, after `not_in` and longest-match."""
    glossary = list(glossary)
    excluded = {t.zh: t.excluded_spans(text, "zh") for t in glossary if t.not_in}
    matches = []
    for term in glossary:
        start = text.find(term.zh)
        while start != -1:
            end = start + len(term.zh)
            if _usable(term, start, end, excluded):
                matches.append((start, end, term, term.zh))
            start = text.find(term.zh, start + 1)
    return _longest(matches)


def en_spans(text: str, glossary: Iterable[Term]) -> list[Occurrence]:
    """Occurrences of glossary renderings in English text, after `not_in` and longest-match."""
    glossary = list(glossary)
    text = _norm(text)
    excluded = {t.zh: t.excluded_spans(text, "en") for t in glossary if t.not_in}
    matches = []
    for term in glossary:
        for pattern in term.all_patterns:
            for m in pattern.finditer(text):
                if _usable(term, m.start(), m.end(), excluded):
                    matches.append((m.start(), m.end(), term, " ".join(m.group().split())))
    return _longest(matches)


def zh_occurrences(text: str, glossary: Iterable[Term]) -> set[str]:
    """The zh keys of the terms occurring in Chinese text (see `zh_spans`)."""
    return {t.zh for o in zh_spans(text, glossary) for t in o.terms}


def en_occurrences(text: str, glossary: Iterable[Term]) -> set[str]:
    """The zh keys of the terms whose English renderings occur in text (see `en_spans`)."""
    return {t.zh for o in en_spans(text, glossary) for t in o.terms}


def load_glossary(path: Path | None = None) -> list[Term]:
    """Load and validate the glossary (every pair needs zh, at least one en, and a source item)."""
    path = path or paths.commitments_dir() / "glossary.yaml"
    ck = Checker(load_file(path, display(path)))
    top = ck.mapping(ck.doc.data, (), required=["terms"])
    terms: list[Term] = []
    seen: set[str] = set()
    for i, raw in enumerate((top or {}).get("terms") or []):
        where = ("terms", i)
        m = ck.mapping(raw, where, required=["zh", "en"] if "basis" in (raw or {}) else ["zh", "en", "from"],
                       optional=["from", "check", "note", "not_in", "official", "basis"])
        if m is None:
            continue
        zh = ck.text(m.get("zh"), (*where, "zh"))
        en = ck.str_list(m.get("en"), (*where, "en"))
        src = ck.str_list(m.get("from") or [], (*where, "from"))
        official = ck.str_list(m.get("official") or [], (*where, "official"))
        basis = ck.text(m["basis"], (*where, "basis")) if "basis" in m else ""
        if official and not src:
            ck.error(where, f"term {zh!r}: `official` renderings need `from:` items that attest them",
                     "name the items whose official texts use them")
        not_in = ck.str_list(m.get("not_in") or [], (*where, "not_in"))
        note = m.get("note")
        check = m.get("check", True)
        if not isinstance(check, bool):
            ck.error((*where, "check"), f"`check` must be true or false, not {check!r}")
        if note is not None and not isinstance(note, str):
            ck.error((*where, "note"), "`note` must be text")
            note = None
        if (check is False or not_in) and not note:
            ck.error(where, f"term {zh!r}: `check: false` and `not_in` need a `note:` saying why",
                     "explain why the rule does not fit this term")
        for j, phrase in enumerate(not_in):
            if zh and bool(_CJK.search(phrase)) and zh not in phrase:
                ck.error((*where, "not_in", j), f"{phrase!r} does not contain {zh!r}",
                         "list phrases the term occurs in")
            elif not _CJK.search(phrase) and en and not any(
                    en_pattern(r).search(_norm(phrase)) for r in [*en, *official]):
                ck.error((*where, "not_in", j), f"{phrase!r} contains none of the renderings of {zh!r}",
                         "list phrases the term occurs in")
        if zh in seen:
            ck.error((*where, "zh"), f"term {zh!r} listed twice", "merge the renderings into one entry")
        if zh and en and (src or basis):
            seen.add(zh)
            terms.append(Term(zh, tuple(en), tuple(src), check is not False, tuple(not_in), note or "",
                              ck.doc.loc(where), tuple(official), basis or ""))
    ck.raise_if_errors()
    return terms


def _texts(item: Item, lang: str) -> list[tuple[str, str]]:
    """(what, text) pairs of an item in one language: its text, then its title if any."""
    out = [("text", item.text[lang])] if lang in item.text else []
    if lang in item.title:
        out.append(("title", item.title[lang]))
    return out


def check_translations(items: Iterable[Item], glossary: list[Term]) -> list[Problem]:
    """One problem per (item, part, term) where an unofficial translation misses the term's rendering.

    Text and title are checked separately, each against the same part in the source language.
    """
    problems = []
    for item in items:
        source_langs = [x for x in item.text if x not in item.unofficial]
        if not source_langs:
            continue
        src = source_langs[0]
        for lang in sorted(item.unofficial):
            if (src, lang) not in (("zh", "en"), ("en", "zh")):
                continue
            translated = dict(_texts(item, lang))
            for part, source_text in _texts(item, src):
                target = translated.get(part)
                if target is None:
                    continue
                where = "" if part == "text" else " (title)"
                reported: set[tuple[str, ...]] = set()
                spans = zh_spans(source_text, glossary) if src == "zh" else en_spans(source_text, glossary)
                for occ in spans:
                    missing = _missing(occ, src, target)
                    if missing is not None and missing[0] not in reported:
                        key, message, hint = missing
                        reported.add(key)
                        problems.append(Problem(item.location, f"{item.id}: {message}{where}", hint=hint))
    return problems


def _missing(occ: Occurrence, src: str, target: str) -> tuple[tuple[str, ...], str, str] | None:
    """(terms, message, hint) if an enforced term found in the source text (in `src`) lacks its
    rendering in the translation `target`; None when it is there or not enforced."""
    if not any(t.check for t in occ.terms):
        return None
    if src == "zh":
        (term,) = occ.terms
        if term.in_en(target):
            return None
        return ((term.zh,), f"{term.zh} is not rendered as {' or '.join(repr(r) for r in term.en)}",
                "use a glossary rendering in the English translation")
    if any(t.zh in target for t in occ.terms):
        return None
    return (tuple(t.zh for t in occ.terms), f"{occ.text} is not rendered as {' or '.join(t.zh for t in occ.terms)}",
            "use the glossary rendering in the Chinese translation")


def check_provenance(glossary: list[Term], items: Mapping[str, Item]) -> list[Problem]:
    """Every rendering must be attested with the zh term in the official text or title of one item it names."""
    problems = []
    for term in glossary:
        official: list[tuple[str, str]] = []
        for item_id in term.sources:
            item = items.get(item_id)
            if item is None:
                problems.append(Problem(term.location, f"term {term.zh}: unknown item {item_id!r}",
                                        hint="name an item of the built-in library"))
                continue
            if item.status("zh") != "source" or item.status("en") != "source":
                continue
            zh = re.sub(r"\s+", "", " ".join(x for x in (item.text["zh"], item.title.get("zh")) if x))
            en = " ".join(x for x in (item.text["en"], item.title.get("en")) if x)
            official.append((zh, _norm(en)))
        attested = (() if term.basis else term.en) + term.official
        for rendering in attested:
            pattern = en_pattern(rendering)
            if not any(term.zh in zh and pattern.search(en) for zh, en in official):
                problems.append(Problem(
                    term.location,
                    f"term {term.zh} / {rendering} is not attested in the official texts of {', '.join(term.sources)}",
                    hint="name an item whose official Chinese and English both use it"))
    return problems


class GlossaryReport(Struct, frozen=True):
    """What `check_library` checked, when every translation follows the glossary."""

    items: int  # items checked
    translated: int  # of them, items with an unofficial translation
    terms: int  # glossary terms
    enforced: int  # of them, terms with `check: true`


def check_library(library: Library, *, user_only: bool = False) -> GlossaryReport:
    """Check the library's unofficial translations against the glossary (`drafter library check`).

    With `user_only`, only the items of the user library files are checked; otherwise every
    item, and also that every glossary pair is attested in the official texts. Raises
    `DrafterError` with one problem per violation.
    """
    glossary = load_glossary()
    targets = list(library.items.values())
    if user_only:
        targets = [i for i in targets if i.location.file in library.user_files]
    problems = check_translations(targets, glossary)
    if not user_only:
        problems += check_provenance(glossary, library.items)
    raise_if_errors(problems)
    return GlossaryReport(len(targets), sum(1 for i in targets if i.unofficial), len(glossary),
                          sum(1 for t in glossary if t.check))
