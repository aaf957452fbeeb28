"""An index of texts (library items, per language) built once, queried per draft paragraph.

Comparing every draft paragraph with every library text costs draft × library; instead each
text is filed under its features (case-folded words; CJK character bigrams, see
`tokens.features`), and a query looks only at the texts sharing its rarest features, weighted
by inverse document frequency. The few best candidates are then scored exactly (`match.py`).
The work per query grows with the query's length and the rarity of its words, not with the
size of the library.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

from msgspec import Struct

from drafter.compare.normalise import normalise
from drafter.compare.tokens import features, tokens

MAX_QUERY_FEATURES = 48
"""The rarest features of a query that are looked up; common words add nothing but cost."""
MIN_QUERY_FEATURES = 8
"""Common features are still looked up until this many features have been."""
RARE_MIN = 50


SEP = "\x1f"
"""Joins an entry's tokens in the cache; never part of a token (U+001F is whitespace)."""


class Entry(Struct, frozen=True, dict=True):
    """One indexed text: `key` names it (an item id), `lang` its language.

    `stored` is what the cache kept of it, (normal form, tokens joined by `SEP`), so that an
    index read from the cache does not normalise and tokenise again the library texts every
    draft paragraph is compared with (a third of a trace's matching time); None: computed.
    """

    key: str
    lang: str
    text: str
    stored: tuple[str, str] | None = None

    def __eq__(self, other: object) -> bool:
        """The same text, however it was computed: `stored` is a cache of what `text` gives."""
        if type(other) is not Entry:
            return NotImplemented
        return (self.key, self.lang, self.text) == (other.key, other.lang, other.text)

    def __hash__(self) -> int:
        return hash((self.key, self.lang, self.text))

    @cached_property
    def normal(self) -> str:
        """normalise(text), computed once."""
        return self.stored[0] if self.stored is not None else normalise(self.text, self.lang)

    @cached_property
    def toks(self) -> tuple[str, ...]:
        """tokens(normal), computed once, when the entry is first compared."""
        if self.stored is not None:
            joined = self.stored[1]
            return tuple(joined.split(SEP)) if joined else ()
        return tuple(tokens(self.normal))


def _key(toks: list[str] | tuple[str, ...]) -> bytes:
    """The key of a token sequence for exact lookup: a 16-byte digest (tokens never hold
    `SEP`), so the cache stores 16 bytes per text rather than its tokens; `exact` checks the
    tokens of what it finds, so even a collision could not give a wrong answer."""
    return hashlib.blake2b(SEP.join(toks).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def packed(posting: list[int] | bytes) -> bytes:
    """A posting list as the cache stores it: machine integers, decoded when looked up."""
    return posting if isinstance(posting, bytes) else array("i", posting).tobytes()


class Index:
    """Texts filed under their features, per language; immutable once built."""

    def __init__(self, entries: Iterable[tuple[str, str, str]]):
        """`entries`: (key, lang, text) triples, e.g. (item id, "en", item.text["en"])."""
        self.entries: list[Entry] = []
        self._postings: dict[tuple[str, str], list[int] | bytes] = defaultdict(list)
        self._exact: dict[tuple[str, bytes], list[int]] = defaultdict(list)
        self._sizes: list[int] = []
        for key, lang, text in entries:
            n = len(self.entries)
            entry = Entry(key, lang, text)
            normal = entry.normal
            self.entries.append(entry)
            feats = features(normal)
            self._sizes.append(len(feats))
            for feat in feats:
                self._postings[(lang, feat)].append(n)  # type: ignore[union-attr]
            self._exact[(lang, _key(entry.toks))].append(n)
        self._count_languages()

    def restore(
        self,
        entries: list[Entry],
        postings: dict[tuple[str, str], list[int] | bytes],
        exact: dict[tuple[str, bytes], list[int]],
        sizes: list[int],
    ) -> None:
        """Fill an index made with `Index.__new__` from its parts (the cache, `cache.py`)."""
        self.entries, self._postings, self._exact, self._sizes = entries, postings, exact, sizes
        self._count_languages()

    def _count_languages(self) -> None:
        self._count: dict[str, int] = defaultdict(int)
        for entry in self.entries:
            self._count[entry.lang] += 1

    @property
    def languages(self) -> frozenset[str]:
        """The languages that have at least one text in the index."""
        return frozenset(self._count)

    def __len__(self) -> int:
        return len(self.entries)

    def exact(self, text: str, lang: str) -> list[Entry]:
        """Texts that are the same words as `text` (`same_words`)."""
        return self.exact_normal(normalise(text, lang), lang)

    def exact_normal(self, normal: str, lang: str) -> list[Entry]:
        """As `exact`, for a text already normalised (`normalise`)."""
        toks = tuple(tokens(normal))
        found = (self.entries[i] for i in self._exact.get((lang, _key(toks)), ()))
        return [e for e in found if e.toks == toks]

    def candidates(self, text: str, lang: str, limit: int = 10) -> list[tuple[Entry, float]]:
        """Up to `limit` texts in `lang` sharing the most (weighted) features with `text`.

        The weight is a cosine over IDF-weighted feature sets, so a long item sharing many
        common words does not outrank a short one that shares the rare ones.
        """
        return self.candidates_normal(normalise(text, lang), lang, limit)

    def candidates_normal(self, normal: str, lang: str, limit: int = 10) -> list[tuple[Entry, float]]:
        """As `candidates`, for a text already normalised (`normalise`)."""
        total = self._count.get(lang, 0)
        if not total:
            return []
        looked_up = []
        for feat in features(normal):
            posting = self._postings.get((lang, feat))
            if posting:
                df = len(posting) // 4 if isinstance(posting, bytes) else len(posting)
                looked_up.append((df, feat, posting))
        looked_up.sort()
        common = max(RARE_MIN, total // 50)  # a feature in more than 2% of texts is common
        scores: dict[int, float] = defaultdict(float)
        query_weight = 0.0
        for taken, (df, _feat, posting) in enumerate(looked_up[:MAX_QUERY_FEATURES]):
            if df > common and taken >= MIN_QUERY_FEATURES:
                break  # the rare features already name the candidates; common ones only cost time
            idf = math.log(1 + total / df)
            query_weight += idf * idf
            numbers = array("i", posting) if isinstance(posting, bytes) else posting  # cached: decoded here
            for n in numbers:
                scores[n] += idf
        if not scores:
            return []
        sizes = self._sizes
        ranked = heapq.nlargest(
            limit,
            ((score / math.sqrt(query_weight * max(sizes[n], 1)), -n) for n, score in scores.items()),
        )
        return [(self.entries[-n], weight) for weight, n in ranked]
