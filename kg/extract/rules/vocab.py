"""The recognition rules' words, read once per lexicon from ``kg/data/lexicon/``.

Noun → entity type is one table (``head_nouns.txt``); the rules ask
:meth:`Vocab.head_type` (the nearest telling noun of some words) or
:meth:`Vocab.naming_type` (the head of a long form).  A :class:`Vocab` is built
from a :class:`kg.lexicon.Lexicon` passed explicitly (a custom catalogue
directory may carry its own lists) and cached on that lexicon, so on its path.

>>> v = vocab(Lexicon.load())
>>> v.head_type(["new", "benchmark"]), v.naming_type("models"), v.naming_type("corpus")
(<EntityType.BENCHMARK: 'Benchmark'>, None, <EntityType.DATASET: 'Dataset'>)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from kg.lexicon import Lexicon, LexiconError
from kg.model import EntityType


@dataclass(frozen=True)
class Vocab:
    """Word lists of the recognition rules."""

    head_types: Mapping[str, EntityType]  # a noun → the type it gives the name beside it
    naming_heads: Mapping[str, EntityType]  # singular heads that type a long form whatever surrounds it
    quantifiers: frozenset[str]  # "a family of models": the noun after "of" counts
    genre_heads: frozenset[str]  # "Survey: …": the kind of paper, not a name
    place_words: frozenset[str]  # "… at SemEval-2024": a setting, not the title's subject
    prepositions: frozenset[str]
    method_heads: frozenset[str]  # last words of a long form that make it a method
    not_method_heads: frozenset[str]  # … that make it no method ("dataset", "score")
    not_name_words: frozenset[str]  # capitalised words after a known name that do not extend it
    lexicon: Lexicon  # where the words came from, for the patterns built on them

    def head_type(self, words: list[str]) -> EntityType | None:
        """The type that the first telling noun of ``words`` gives: "a benchmark", "models", "method"."""
        for w in words:
            ty = self.head_types.get(w.lower().strip(",.;:()"))
            if ty is not None:
                return ty
        return None

    def naming_type(self, head: str) -> EntityType | None:
        return self.naming_heads.get(head)


def _head_nouns(lexicon: Lexicon) -> tuple[dict[str, EntityType], dict[str, EntityType]]:
    types, naming = {}, {}
    for line in lexicon.lines("head_nouns"):
        noun, type_name, *flags = line.split()
        try:
            ty = EntityType(type_name)
        except ValueError:
            raise LexiconError(f"{lexicon.path('head_nouns')}: {line!r}: unknown entity type {type_name!r}") from None
        types[noun] = ty
        if "naming" in flags:
            naming[noun] = ty
    return types, naming


@cache
def vocab(lexicon: Lexicon) -> Vocab:
    """The rules' words for one lexicon (cached on it: one per data directory)."""
    types, naming = _head_nouns(lexicon)
    return Vocab(types, naming, lexicon.words("quantifiers"), lexicon.words("genre_heads"),
                 lexicon.words("place_words"), lexicon.words("prepositions"), lexicon.words("method_heads"),
                 lexicon.words("not_method_heads"), lexicon.words("not_name_words"), lexicon)
