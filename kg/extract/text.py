"""A paper's text cut into pieces once, and the bookkeeping of which spans are taken."""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg import names
from kg.catalogue import Catalogue, name_key
from kg.extract.types import Candidate

if TYPE_CHECKING:
    from kg.extract.rules.vocab import Vocab




def part_key(part: str) -> str:
    """:func:`name_key` of one part, fast for the plain ASCII parts that make up most text."""
    key = part.lower()
    if key.isascii() and key.isalnum():
        return key
    return name_key(part)


class Text:
    """A text cut into pieces and parts, computed once and shared by recognisers."""

    __slots__ = ("text", "pieces", "words", "firsts", "joins", "_parts", "_keys")

    def __init__(self, text: str):
        self.text = text
        self.pieces = names.pieces(text)
        self.words = [text[s:e] for s, e in self.pieces]
        # the key of a plain one-word piece is just its lower case: most pieces, no regex needed
        self.firsts = [w.lower() if w.isalpha() and w.isascii() else None for w in self.words]
        self.joins = [False] + [text[a[1]:b[0]] == " " for a, b in zip(self.pieces, self.pieces[1:])]
        self._parts: dict[int, list[tuple[int, int]]] = {}
        self._keys: dict[int, list[str]] = {}

    def parts(self, i: int) -> list[tuple[int, int]]:
        got = self._parts.get(i)
        if got is None:
            s, e = self.pieces[i]
            if self.text[s:e].isalpha():  # most words: one part, no regex needed
                got = self._parts[i] = [(s, e)]
            else:
                got = self._parts[i] = names.part_spans(self.text, s, e)
        return got

    def first_key(self, i: int) -> str:
        """The key of piece ``i``'s first part."""
        return self.firsts[i] or self.keys(i)[0]

    def keys(self, i: int) -> list[str]:
        """The name keys of piece ``i``'s parts."""
        got = self._keys.get(i)
        if got is None:
            first = self.firsts[i]
            if first is not None:
                got = self._keys[i] = [first]
            else:
                t = self.text
                got = self._keys[i] = [part_key(t[s:e]) for s, e in self.parts(i)]
        return got

    def joined(self, i: int) -> bool:
        """Piece ``i`` follows piece ``i-1`` after exactly one space."""
        return self.joins[i]

    def piece(self, i: int) -> str:
        return self.words[i]

class Coverage:
    """Which character ranges are already claimed."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.longest = max((b - a for a, b in self.spans), default=0)

    def hits(self, s: int, e: int) -> bool:
        spans = self.spans
        i = bisect_right(spans, (e, -1))  # spans starting before e
        while i > 0:
            i -= 1
            a, b = spans[i]
            if a < s - self.longest:
                break
            if s < b:
                return True
        return False

    def add(self, s: int, e: int) -> None:
        insort(self.spans, (s, e))
        self.longest = max(self.longest, e - s)


_Coverage = Coverage


def strictly_within(spans: Iterable[tuple[int, int]], s: int, e: int) -> bool:
    """Does every span that overlaps ``[s, e)`` lie inside it, none being it?  (A longer name around names.)"""
    return not any(a < s or b > e or (a, b) == (s, e) for a, b in spans if a < e and s < b)


@dataclass(frozen=True)
class Page:
    """What every recognition rule reads: the paper's text (title, newline, abstract), the catalogue, the words."""

    text: Text
    title_end: int
    catalogue: Catalogue
    vocab: "Vocab"


def spans(cands: list[Candidate]) -> list[tuple[int, int]]:
    """The (start, end) of each candidate: what a rule must not claim again."""
    return [(c.start, c.end) for c in cands]
