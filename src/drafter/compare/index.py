"""An index of texts (library items, per language) built once, queried per draft paragraph.

Comparing every draft paragraph with every library text costs draft × library; instead each
text is filed under its features (case-folded words; CJK character bigrams, see
`tokens.features`), and a query looks only at the texts sharing its rarest features, weighted
by inverse document frequency. The few best candidates are then scored exactly (`match.py`).
The work per query grows with the query's length and the rarity of its words, not with the
size of the library.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from drafter.compare.normalise import normalise
from drafter.compare.tokens import features, tokens

MAX_QUERY_FEATURES = 48
"""The rarest features of a query that are looked up; common words add nothing but cost."""


@dataclass(frozen=True)
class Entry:
    """One indexed text: `key` names it (an item id), `lang` its language."""

    key: str
    lang: str
    text: str
    normal: str  # normalise(text)


class Index:
    """Texts filed under their features, per language; immutable once built."""

    def __init__(self, entries: Iterable[tuple[str, str, str]]):
        """`entries`: (key, lang, text) triples, e.g. (item id, "en", item.text["en"])."""
        self.entries: list[Entry] = []
        self._postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._exact: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
        self._sizes: list[int] = []
        for key, lang, text in entries:
            normal = normalise(text, lang)
            n = len(self.entries)
            self.entries.append(Entry(key, lang, text, normal))
            feats = features(normal)
            self._sizes.append(len(feats))
            for feat in feats:
                self._postings[(lang, feat)].append(n)
            self._exact[(lang, tuple(tokens(normal)))].append(n)
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
        return [self.entries[i] for i in self._exact.get((lang, tuple(tokens(normalise(text, lang)))), ())]

    def candidates(self, text: str, lang: str, limit: int = 10) -> list[tuple[Entry, float]]:
        """Up to `limit` texts in `lang` sharing the most (weighted) features with `text`.

        The weight is a cosine over IDF-weighted feature sets, so a long item sharing many
        common words does not outrank a short one that shares the rare ones.
        """
        total = self._count.get(lang, 0)
        if not total:
            return []
        looked_up = []
        for feat in features(normalise(text, lang)):
            posting = self._postings.get((lang, feat))
            if posting:
                looked_up.append((len(posting), feat, posting))
        looked_up.sort()
        scores: dict[int, float] = defaultdict(float)
        query_weight = 0.0
        for df, _feat, posting in looked_up[:MAX_QUERY_FEATURES]:
            idf = math.log(1 + total / df)
            query_weight += idf * idf
            for n in posting:
                scores[n] += idf
        if not scores:
            return []
        ranked = sorted(
            ((score / math.sqrt(query_weight * max(self._sizes[n], 1)), n) for n, score in scores.items()),
            key=lambda pair: (-pair[0], pair[1]),
        )
        return [(self.entries[n], weight) for weight, n in ranked[:limit]]
