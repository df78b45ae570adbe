"""Names typed by the verb or the apposition around them: ``object`` ("fine-tune X", "we evaluate Orion-3")
and ``apposition`` ("CodeRiver, a new suite of …")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.catalogue import name_key
from kg.extract.rules.common import (_ITEM, _LIST, _MEASURE, GENERIC_KEYS, _inner_capital_or_digit,
                                     _name_like, _trim_name)
from kg.extract.rules.patterns import context_patterns
from kg.extract.rules.vocab import Vocab
from kg.extract.rules.wordpatterns import word_patterns
from kg.extract.engine import rule
from kg.extract.rules.ids import APPOSITION, OBJECT, RESULTS_ON
from kg.extract.text import Coverage, Page, Text, spans
from kg.extract.types import Candidate
from kg.lexicon import Lexicon
from kg.model import EntityType
from kg.extract.uncased import compile_ignorecase

M = EntityType.MODEL



_VERSIONED = re.compile(r"[A-Z][A-Za-z]+(?:[- ]v?\d+(?:\.\d+)*)(?:[- ][A-Z][a-z]+)?")


def object_names(text: Text, taken: list[tuple[int, int]], v: Vocab) -> list[Candidate]:
    """A new name right after "fine-tune", "prompt", "distill … into": a model; and versioned names evaluated."""
    t = text.text
    covered = Coverage(taken)
    out = []
    cp = context_patterns(v.lexicon)
    for m in cp.tuned.finditer(t):
        s, e = m.span("name")
        name = t[s:e]
        if covered.hits(s, e) or not _inner_capital_or_digit(name) or not _name_like(name) or _MEASURE.match(name):
            continue
        out.append(Candidate(s, e, name, M, OBJECT, 0.6))
        covered.add(s, e)
    for m in cp.evaluated.finditer(t):
        ls = m.start("list")
        for item in re.finditer(_ITEM, m.group("list")):
            s, e = _trim_name(t, ls + item.start(), ls + item.end())
            name = t[s:e]
            if (not _VERSIONED.fullmatch(name) or covered.hits(s, e) or not _name_like(name)
                    or name_key(name) in GENERIC_KEYS):
                continue
            out.append(Candidate(s, e, name, M, OBJECT, 0.55))
            covered.add(s, e)
    return out


@cache
def _results_on(lexicon: Lexicon) -> re.Pattern[str]:
    """"evaluated on A and B", "experiments on A, B and C": the data results are reported on."""
    return compile_ignorecase(r"\b" + lexicon.fragments("result_on_words") + r"\s+(?:[a-z\-]+\s+){0,3}?on\s+(?:the\s+)?"
                              + _LIST)


def results_on_names(text: Text, taken: list[tuple[int, int]], v: Vocab, start: int = 0) -> list[Candidate]:
    """New names written as names (inner capital or digit) in a list results are reported on: benchmarks."""
    t = text.text
    covered = Coverage(taken)
    out = []
    for m in _results_on(v.lexicon).finditer(t, start):
        ls = m.start("list")
        items = list(re.finditer(_ITEM, m.group("list")))
        if len(items) < 2:
            continue  # one name after "on" is as often a method or a model ("results on Foo-2 show")
        for item in items:
            s, e = _trim_name(t, ls + item.start(), ls + item.end())
            name = t[s:e]
            if (covered.hits(s, e) or not _inner_capital_or_digit(name) or not _name_like(name)
                    or _MEASURE.match(name) or name_key(name) in GENERIC_KEYS):
                continue
            out.append(Candidate(s, e, name, EntityType.BENCHMARK, RESULTS_ON, 0.55))
            covered.add(s, e)
    return out


_APPOSITION_SITE = re.compile(r",\s+(?:a|an|our)\s")  # in every typed-apposition match, after the name


def _typed_apposition_matches(t: str, start: int, pattern: re.Pattern[str] | None = None) -> Iterator[re.Match]:
    """``pattern.finditer(t, start)`` for the typed-apposition pattern (``None``: the shipped one), in linear time.

    finditer would try the pattern at every position, and from each one inside
    a long hyphen chain or capitalised run ("A-A-A-…", "AbCdEf…") its name
    part scans to the run's end: quadratic.  A match's name (at most three
    words, single spaces) ends at a comma before "a/an/our", so only the
    positions just before such a comma are tried, in order: the same matches.
    """
    pattern = pattern or word_patterns(Lexicon.load()).typed_apposition
    pos = start
    for site in _APPOSITION_SITE.finditer(t, start):
        comma = site.start()
        first, spaces = comma, 0  # the earliest start: at most two spaces, no other space, before the comma
        while first > pos and not (t[first - 1].isspace() and (t[first - 1] != " " or spaces == 2)):
            spaces += t[first - 1] == " "
            first -= 1
        for p in range(max(pos, first), comma):
            m = pattern.match(t, p)
            if m:
                yield m
                pos = m.end()
                break


def typed_appositions(text: Text, taken: list[tuple[int, int]], v: Vocab, start: int = 0) -> list[Candidate]:
    """A name written as one (inner capital or digit), then ", a … benchmark/dataset/model"."""
    t = text.text
    covered = Coverage(taken)
    out = []
    for m in _typed_apposition_matches(t, start, word_patterns(v.lexicon).typed_apposition):
        s, e = _trim_name(t, *m.span("name"))
        name = t[s:e]
        if covered.hits(s, e) or not _inner_capital_or_digit(name) or not _name_like(name) or _MEASURE.match(name):
            continue
        ty = v.head_types.get(m.group("head").split()[-1].lower(), M)
        new = (m.group("det") == "our" or bool(re.search(r"\b(?:new|novel)\b", m.group("adj")))
               or bool(context_patterns(v.lexicon).released_before.search(t, max(0, s - 40), s)))
        out.append(Candidate(s, e, name, ty, APPOSITION, 0.6, proposed=new))
        covered.add(s, e)
    return out


@rule(OBJECT, stage="context", rank=7, confidence=0.6, new=True,
      finds="a new name right after fine-tune, prompt, distill … into; versioned names evaluated: a model")
def find_objects(page: Page, found: list[Candidate]) -> list[Candidate]:
    return object_names(page.text, spans(found), page.vocab)


@rule(APPOSITION, stage="context", rank=8, confidence=0.6, new=True,
      finds="a name followed by its kind (CodeRiver, a new suite of …)")
def find_appositions(page: Page, found: list[Candidate]) -> list[Candidate]:
    return typed_appositions(page.text, spans(found), page.vocab, page.title_end)


@rule(RESULTS_ON, stage="context", rank=9, confidence=0.55, new=True,
      finds="new names in a list results are reported on (evaluated on Foo-1 and Bar2): benchmarks")
def find_results_on(page: Page, found: list[Candidate]) -> list[Candidate]:
    return results_on_names(page.text, spans(found), page.vocab, page.title_end)
