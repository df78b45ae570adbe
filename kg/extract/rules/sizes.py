"""Sizes written apart from their model's name: each is a model of its own.

Papers write a model's sizes after its name in parentheses ("Foo-2 (70B)",
"Foo (base, medium)"), in a list after a few words ("Foo models from 7B/13B to
70B"), coordinated with a first size class ("Foo base and large"), or before
the name ("175B Foo-3").  The guidelines annotate one model per size
("Foo-2 70B"), and the plain name written only to carry the sizes is no
mention of its own.  This link rule runs after the names are spread (rule
``size-list``): a model candidate in the abstract followed (or preceded) by
such sizes gives one variant candidate per size, with the name as its base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from kg.extract.decisions import Add, Decision, Drop
from kg.extract.engine import rule
from kg.extract.rules.ids import SIZE_LIST
from kg.extract.text import Page
from kg.extract.types import M, Candidate
from kg.lexicon import Lexicon
from kg.extract.uncased import compile_ignorecase

_SIZE = r"\d+(?:\.\d+)?[BMT]"
_SEP = r"\s*(?:,\s*(?:and|or|to)?|/|and|or|to|&)\s*"
_JOINERS = ("and", "or", "to")


@dataclass(frozen=True)
class _Patterns:
    paren: re.Pattern[str]  # "Foo (7B, 13B)", "Foo models (0.5B and 3B)", "Foo (base, medium)"
    listed: re.Pattern[str]  # "Foo models from 7B/13B to 70B": sizes only
    more: re.Pattern[str]  # "Foo base and large": a second size class after a first
    before: re.Pattern[str]  # "175B Foo-3"
    size_words: frozenset[str]
    kind_words: frozenset[str]  # "models", "variants": the kind of the names just listed


@cache
def _patterns(lexicon: Lexicon) -> _Patterns:
    size_words = lexicon.words("size_words")
    words = "|".join(sorted(size_words, key=len, reverse=True))
    gap = "|".join(sorted(lexicon.words("size_gap_words"), key=len, reverse=True))
    units = "|".join(sorted(lexicon.words("data_units"), key=len, reverse=True))
    item = rf"(?:{_SIZE}|(?:{words}))"
    return _Patterns(
        paren=compile_ignorecase(rf"(?:\s+(?:{gap}))*\s*\(\s*(?P<run>{item}(?:{_SEP}{item})*)\s*\)"),
        listed=compile_ignorecase(rf"(?:\s+(?:{gap})){{1,4}}\s+(?P<run>{_SIZE}(?:{_SEP}{_SIZE})+)(?![\w\-])"
                                  rf"(?!\s+(?:{units}))"),
        more=compile_ignorecase(rf"{_SEP}(?P<run>(?:{words}))(?![\w\-])(?:\s+(?P<next>[a-z]+)\b)?"),
        before=re.compile(rf"(?<![\w.\-])(?P<size>{_SIZE})[ \-]$"),
        size_words=size_words,
        kind_words=lexicon.words("size_gap_words"),
    )


def _items(m: re.Match[str]) -> list[tuple[int, int]]:
    """The spans of the sizes and size words of a matched run."""
    at = m.start("run")
    return [(at + w.start(), at + w.end()) for w in re.finditer(r"[\w.]+", m.group("run"))
            if w.group().lower() not in _JOINERS]


def _variant(cand: Candidate, base: str, start: int, end: int, size: str) -> Candidate:
    return Candidate(start, end, f"{base} {size}", M, SIZE_LIST, 0.8, entry_id=cand.entry_id,
                     base=base, suffixes=(*cand.suffixes, size), proposed=cand.proposed)


def _describes_more(word: str | None, pats: _Patterns) -> bool:
    """"Foo base and large language models": the size word belongs to the words after it."""
    return bool(word) and word.islower() and word not in STOP_WORDS and word not in pats.kind_words


def _coordinated(t: str, cand: Candidate, pats: _Patterns) -> list[Candidate]:
    """"Foo base and large": the size class after the first one names a variant too."""
    last = cand.suffixes[-1]
    m = pats.more.match(t, cand.end) if last.lower() in pats.size_words else None
    if not m or _describes_more(m.group("next"), pats):
        return []
    s, e = m.span("run")
    return [_variant(replace(cand, suffixes=cand.suffixes[:-1]), cand.base or cand.text, s, e, t[s:e])]


def _listed_after(t: str, cand: Candidate, pats: _Patterns) -> list[Candidate]:
    """One variant per size written after a plain name; the first is written where the name is."""
    m = pats.paren.match(t, cand.end) or pats.listed.match(t, cand.end)
    if not m:
        return []
    spans = _items(m)
    single = len(spans) == 1 and m.group().endswith(")")
    out = []
    for k, (s, e) in enumerate(spans):
        at = (cand.start, m.end() if single else cand.end) if k == 0 else (s, e)
        out.append(_variant(cand, cand.text, *at, t[s:e]))
    return out


def _size_before(t: str, cand: Candidate, pats: _Patterns) -> list[Candidate]:
    m = pats.before.search(t, max(0, cand.start - 12), cand.start)
    return [_variant(cand, cand.text, m.start("size"), cand.end, m.group("size"))] if m else []


@rule(SIZE_LIST, stage="spread", rank=12, confidence=0.8,
      finds="sizes written apart from their model (Foo-2 (70B), Foo base and large, 175B Foo-3)")
def distribute_sizes(page: Page, found: list[Candidate]) -> list[Decision]:
    t = page.text.text
    pats = _patterns(page.vocab.lexicon)
    decisions: list[Decision] = []
    for i, cand in enumerate(found):
        if cand.type != M or cand.start < page.title_end:
            continue
        if cand.suffixes:
            decisions.extend(Add(c) for c in _coordinated(t, cand, pats))
            continue
        got = _listed_after(t, cand, pats) or _size_before(t, cand, pats)
        if got:  # the plain name only carried its sizes
            decisions.extend([*(Add(c) for c in got), Drop(i)])
    return decisions
