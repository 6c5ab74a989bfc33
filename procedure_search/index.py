"""Procedure search for the kiosk, the public listing and the API: accent-insensitive, ranked
(exact code, then name prefix, then every word, then words with a small typo), plain Python
plus RapidFuzz for the typo distance."""
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Generic, Iterable, TypeVar

from .text import fold

T = TypeVar("T")
TYPO_SCORE = 75          # RapidFuzz ratio (0-100) for "the same word with a small typo"
SHORTEST_TYPO_WORD = 3   # shorter words must match as typed: "ho" is no typo of "hon"


class SearchIndex(Generic[T]):
    """Items with a code and a name, searchable by `search(query)` in ranked order.

    Built once, searched many times: a query word is looked for in the catalogue's vocabulary
    (a few thousand words), not in every name, because a word without spaces is inside a name
    exactly when it is inside one of the name's words."""

    def __init__(self, items: Iterable[T], code=lambda item: item["code"], name=lambda item: item["name"]):
        self.items = list(items)
        self.codes = [code(item) for item in self.items]
        self.folded = [fold(name(item)) for item in self.items]
        self.lengths = [len(folded) for folded in self.folded]
        positions = defaultdict(list)   # word -> positions of the items whose name has it
        for position, folded in enumerate(self.folded):
            for word in set(folded.split()):
                positions[word].append(position)
        self.vocabulary = sorted(positions)
        self.holders = [positions[word] for word in self.vocabulary]
        # The vocabulary as one text, one word a line, to find a piece of a word with str.find.
        self.text = "\n".join(self.vocabulary)
        self.starts = [0] * len(self.vocabulary)
        for index in range(1, len(self.vocabulary)):
            self.starts[index] = self.starts[index - 1] + len(self.vocabulary[index - 1]) + 1
        self.sorted_codes = sorted((c, position) for position, c in enumerate(self.codes))

    def search(self, query: str) -> list[T]:
        """Items matching `query`, best first; every item, in order, for an empty query."""
        raw, words = query.strip(), fold(query).split()
        if not words:
            return list(self.items)
        alternatives = [self._close_words(word) for word in words]
        having = {word: self._having(word) for alternative in alternatives for word in alternative}
        every_word = set.intersection(*(having[word] for word in words))
        close = set.intersection(*(set().union(*(having[w] for w in alternative)) for alternative in alternatives))
        folded_query, by_code = " ".join(words), self._code_prefixed(raw)
        name_first = {position for position in every_word if self.folded[position].startswith(folded_query)}
        # (tier, tie-break, position): lower is better.
        ranked = [(0, 0, position) if self.codes[position] == raw else (1, len(self.codes[position]), position)
                  for position in by_code]
        ranked += [(2 if position in name_first else 3 if position in every_word else 4, self.lengths[position],
                    position) for position in close.difference(by_code)]
        ranked.sort()
        return [self.items[position] for _, _, position in ranked]

    def _close_words(self, word: str) -> frozenset:
        """Words of the catalogue within a small typo of `word` (itself included)."""
        if len(word) < SHORTEST_TYPO_WORD:
            return frozenset((word,))
        from rapidfuzz import fuzz, process   # here: a server worker that never searches never loads it
        close = process.extract(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=8)
        return frozenset([word] + [found for found, _, _ in close])

    def _having(self, piece: str) -> set:
        """Positions of the items whose folded name contains `piece` (no spaces in it)."""
        found, at = set(), self.text.find(piece)
        while at != -1:
            index = bisect_right(self.starts, at) - 1
            found.update(self.holders[index])
            at = self.text.find(piece, self.starts[index + 1]) if index + 1 < len(self.starts) else -1
        return found

    def _code_prefixed(self, raw: str) -> list[int]:
        """Positions of the items whose code starts with `raw` as typed."""
        found, index = [], bisect_left(self.sorted_codes, (raw,))
        while index < len(self.sorted_codes) and self.sorted_codes[index][0].startswith(raw):
            found.append(self.sorted_codes[index][1])
            index += 1
        return found
