"""Procedure search for the kiosk, the public listing and the API: accent-insensitive, ranked
(exact code, then name prefix, then every word, then words with a small typo), plain Python
plus RapidFuzz for the typo distance."""
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

from rapidfuzz import fuzz, process

from .text import fold

T = TypeVar("T")
TYPO_SCORE = 75          # RapidFuzz ratio (0-100) for "the same word with a small typo"
SHORTEST_TYPO_WORD = 3   # shorter words must match as typed: "ho" is no typo of "hon"


@dataclass(frozen=True)
class Entry(Generic[T]):
    code: str
    name: str
    folded: str
    words: frozenset
    item: T


class SearchIndex(Generic[T]):
    """Items with a code and a name, searchable by `search(query)` in ranked order."""

    def __init__(self, items: Iterable[T], code=lambda item: item["code"], name=lambda item: item["name"]):
        self.entries = []
        for position, item in enumerate(items):
            folded = fold(name(item))
            self.entries.append((position, Entry(code(item), name(item), folded, frozenset(folded.split()), item)))
        self.vocabulary = sorted({word for _, entry in self.entries for word in entry.words})

    def search(self, query: str) -> list[T]:
        """Items matching `query`, best first; every item, in order, for an empty query."""
        raw, words = query.strip(), fold(query).split()
        if not words:
            return [entry.item for _, entry in self.entries]
        alternatives = [self._close_words(word) for word in words]
        ranked = []
        for position, entry in self.entries:
            rank = _rank(raw, " ".join(words), words, alternatives, entry)
            if rank is not None:
                ranked.append((rank, position, entry.item))
        ranked.sort(key=lambda found: (found[0], found[1]))
        return [item for _, _, item in ranked]

    def _close_words(self, word: str) -> frozenset:
        """Words of the catalogue within a small typo of `word` (itself included)."""
        if len(word) < SHORTEST_TYPO_WORD:
            return frozenset((word,))
        close = process.extract(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=8)
        return frozenset([word] + [found for found, _, _ in close])


def _rank(raw: str, folded_query: str, words: list[str], alternatives: list[frozenset], entry: Entry) -> tuple | None:
    """Lower is better: (tier, tie-break); None when the entry does not match."""
    if raw and entry.code == raw:
        return (0, 0)
    if raw and entry.code.startswith(raw):
        return (1, len(entry.code))
    if entry.folded.startswith(folded_query):
        return (2, len(entry.folded))
    if all(word in entry.folded for word in words):
        return (3, len(entry.folded))
    if all(alternative & entry.words or any(w in entry.folded for w in alternative) for alternative in alternatives):
        return (4, len(entry.folded))
    return None
