"""Lower-case method phrases: "active learning", "data augmentation", "low-rank approximation".

A named technique is often written in lower case, which none of the
name-shaped recognisers see.  This recogniser proposes every two- or
three-word phrase ending in a method head noun (``kg/data/lexicon/method_phrase_heads.txt``)
whose first word is not a stop word or a describing word
(``kg/data/lexicon/method_phrase_modifiers_not.txt``).  It over-generates on purpose:
the learned decider keeps a phrase only when its words and context look like
a technique the paper names (rule ``method-phrase``, low confidence).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from kg.catalogue import name_key
from kg.extract.engine import rule
from kg.extract.rules.common import GENERIC_KEYS
from kg.extract.rules.ids import METHOD_PHRASE
from kg.extract.text import Coverage, Page, Text, spans
from kg.extract.types import Candidate
from kg.lexicon import Lexicon
from kg.model import EntityType

_WORD = r"[a-z][a-z]+(?:-[a-z]+)*"


@cache
def _pattern(lexicon: Lexicon) -> re.Pattern[str]:
    heads = sorted(lexicon.words("method_phrase_heads"), key=len, reverse=True)
    alternation = "|".join(re.escape(h) for h in heads)
    return re.compile(rf"(?<![\w\-])(?P<mods>(?:{_WORD} ){{1,2}})(?P<head>{alternation})s?(?![\w\-])", re.I)


def _excluded(lexicon: Lexicon) -> frozenset[str]:
    return lexicon.words("method_phrase_modifiers_not")


def _modifier_like(word: str, adjective_endings: tuple[str, ...]) -> bool:
    """Can this word open a three-word method name?  Hyphenated or adjective-shaped ("self-paced", "neural")."""
    return "-" in word or word.lower().endswith(adjective_endings)


def method_phrases(text: Text, taken: list[tuple[int, int]], title_end: int,
                   lexicon: Lexicon | None = None) -> list[Candidate]:
    """Candidate techniques written as lower-case phrases (Title Case in the title); ``None``: the shipped lexicon."""
    lexicon = lexicon or Lexicon.load()
    t = text.text
    covered = Coverage(taken)
    excluded = _excluded(lexicon)
    adjective_endings = lexicon.lines("adjective_endings")
    out: list[Candidate] = []
    for m in _pattern(lexicon).finditer(t):
        s, e = m.span()
        words = m.group("mods").split()
        while words and (words[0].lower() in STOP_WORDS or words[0].lower() in excluded):
            s += len(words[0]) + 1
            words = words[1:]
        if len(words) == 2 and not _modifier_like(words[0], adjective_endings):
            s += len(words[0]) + 1  # "combine active learning": a verb is no part of the name
            words = words[1:]
        if not words or any(w.lower() in STOP_WORDS for w in words):
            continue
        phrase = t[s:e]
        in_title = s < title_end
        if not in_title and not phrase.islower():
            continue  # capitalised outside the title: the name recognisers' business
        if covered.hits(s, e) or name_key(phrase) in GENERIC_KEYS:
            continue
        out.append(Candidate(start=s, end=e, text=phrase, type=EntityType.TECHNIQUE,
                             rule=METHOD_PHRASE, confidence=0.4))
    return out


@rule(METHOD_PHRASE, stage="phrases", rank=12, confidence=0.4,
      finds="a lower-case method phrase (active learning); only where the learned decider filters them")
def find_method_phrases(page: Page, found: list[Candidate]) -> list[Candidate]:
    return method_phrases(page.text, spans(found), page.title_end, page.vocab.lexicon)
