"""The runner of the names stage: every recognition rule, stage by stage, over one paper's text.

Stages, in order (each rule is registered with its stage in :mod:`kg.extract.rules`):

``names``    find: known names, their variants and compounds; names written like models or benchmarks
``define``   link: acronym definitions join a long form and its short form (or add the short form)
``context``  find: new names typed by the words around them (lists, objects, appositions, scores)
``propose``  link: what the paper introduces; the names only a proposal reveals
``phrases``  find: lower-case method phrases and capitalised runs (only with ``open_vocab``)
``spread``   link: a new name found once is found wherever else it is written; none inside a URL

Within a stage the rules run in rank order, each function once (one scan may find
several rule ids).  A *find* rule returns new candidates and must not claim a span
already taken; a *link* rule returns decisions (:mod:`kg.extract.decisions`: add,
drop, propose, retype, alias-of, rename, no-lineage), which the runner applies in
the order given; candidates are frozen and never edited in place.  Candidates of a
switched-off rule are dropped as soon as they appear.

Overlap policy: at the end of every find stage that ran, and once at the very end,
overlapping candidates are resolved by :func:`resolve`: the longest span wins,
then the lowest rank, then the earliest start; the result is in text order.  A wrapping
candidate (``wraps``: a capitalised name around known techniques) keeps the named ones inside it.
Link stages leave overlaps to the next resolution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

import kg.extract.rules  # noqa: F401  (registers every rule)
from kg.catalogue import Catalogue
from kg.extract.decisions import apply
from kg.extract.gate import nothing_to_find
from kg.extract.engine import REGISTRY
from kg.extract.rules.ids import CAPITALISED_PHRASE, CATALOGUE_RULES, METHOD_PHRASE, rank_of
from kg.extract.text import Coverage, Page, Text, spans, strictly_within
from kg.extract.rules.vocab import vocab
from kg.extract.types import Candidate
from kg.lexicon import Lexicon

# (stage, kind): kind "find" adds candidates and resolves overlaps at its end, "link" rewrites the list
STAGES = (("names", "find"), ("define", "link"), ("context", "find"), ("propose", "link"),
          ("phrases", "find"), ("spread", "link"))

RULE_RANK = {rule_id: rank_of(rule_id) for rule_id in REGISTRY.ids()}
NEW_NAME_RULES = frozenset(r for r in REGISTRY.ids() if REGISTRY.get(r).new)


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """Longest span first, then the most trusted rule (lowest rank), then the earliest; in text order.

    A wrapping name (``wraps``) is weighed after the others: it is kept when every kept name it overlaps
    lies inside it; the open-vocabulary ones inside give way to it, the others stay names of their own.
    """
    ranked = sorted((c for c in cands if not c.wraps), key=lambda c: (-c.length, RULE_RANK.get(c.rule, 99), c.start))
    kept: list[Candidate] = []
    taken = Coverage([])  # sorted spans and a binary search, not a look at every kept one
    for c in ranked:
        if taken.hits(c.start, c.end):
            continue
        kept.append(c)
        taken.add(c.start, c.end)
    wrapping = [c for c in cands if c.wraps]
    if wrapping:
        kept = _wrap(kept, wrapping)
    return sorted(kept, key=lambda c: c.start)


def _wrap(kept: list[Candidate], wrapping: list[Candidate]) -> list[Candidate]:
    """Add the wrapping names that cross no kept name and no other wrapping name; drop the open names inside."""
    chosen: list[Candidate] = []
    for w in sorted(wrapping, key=lambda c: (-c.length, c.start)):
        inside = [c for c in kept if c.start < w.end and w.start < c.end]
        if not strictly_within(spans(inside), w.start, w.end) or any(c.start < w.end and w.start < c.end for c in chosen):
            continue
        chosen.append(w)
        dropped = {id(c) for c in inside if c.rule in (METHOD_PHRASE, CAPITALISED_PHRASE) and not c.wraps}
        kept = [c for c in kept if id(c) not in dropped]
    return kept + chosen


def switched_off(patterns: bool = True, open_vocab: bool = False, disabled: Iterable[str] = ()) -> frozenset[str]:
    """The rule ids not to run: ``disabled``, all but the catalogue's without ``patterns``, phrases without open vocabulary."""
    off = set(disabled)
    if not patterns:
        off |= set(REGISTRY.ids()) - CATALOGUE_RULES
    if not open_vocab:
        off |= {METHOD_PHRASE, CAPITALISED_PHRASE}
    return frozenset(off)


@cache
def _plan(off: frozenset[str]) -> tuple[tuple[str, tuple[Callable, ...]], ...]:
    """(kind, functions to call) of each stage, for one set of rules switched off: each function once."""
    return tuple((kind, tuple(dict.fromkeys(r.run for r in REGISTRY.stage(stage, off)))) for stage, kind in STAGES)


def find_candidates(text: str, title_end: int, catalogue: Catalogue, patterns: bool = True,
                    open_vocab: bool = False, disabled: Iterable[str] = (),
                    lexicon: Lexicon | None = None) -> list[Candidate]:
    """Every name in a paper's text, overlaps resolved, aliases and proposals linked.

    ``lexicon``: the word lists to read (``None``: the shipped ones).
    """
    lexicon = lexicon or Lexicon.load()
    if nothing_to_find(text, catalogue, lexicon):  # most tiny records: no rule could start a name
        return []
    off = switched_off(patterns, open_vocab, disabled)
    page = Page(Text(text), title_end, catalogue, vocab(lexicon))
    found: list[Candidate] = []
    for kind, runs in _plan(off):
        for run in runs:
            got = run(page, found)
            found = found + got if kind == "find" else apply(found, got)
            if off:
                found = [c for c in found if c.rule not in off]
        if runs and kind == "find":
            found = resolve(found)
    return resolve(found)
