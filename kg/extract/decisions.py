"""What a link rule decides about the candidates found so far, as small frozen records.

Candidates are frozen; a link rule never edits one.  It returns a list of
decisions, each naming a candidate by its index: the input list's positions
first, then one new position for each :class:`Add`, in order.  The runner
applies them in the order given with :func:`apply`: survivors keep their order,
added candidates follow in the order they were added.

A rule whose later steps read what its earlier ones decided works on a
:class:`Draft`, which applies each decision as it is made and keeps the log.

>>> from kg.extract.types import Candidate, M
>>> found = [Candidate(0, 4, "Zeta", M, "catalogue", 0.9)]
>>> [(c.text, c.proposed) for c in apply(found, [Propose(0), Add(Candidate(9, 12, "Foo", M, "proposal", 0.7))])]
[('Zeta', True), ('Foo', False)]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.types import Candidate, changed
from kg.model import EntityType


@dataclass(frozen=True)
class Add:
    """A new candidate."""

    cand: Candidate


@dataclass(frozen=True)
class _About:
    """A decision about the candidate at ``index``, with nothing more to say."""

    index: int


class Drop(_About):
    """The candidate is no name, or a part of a longer one."""


class Propose(_About):
    """The paper introduces what the candidate names."""


@dataclass(frozen=True)
class Retype:
    """The candidate names a thing of another type ("PolyglotMath-1M, a corpus")."""

    index: int
    type: EntityType


@dataclass(frozen=True)
class AliasOf:
    """The candidate is also written ``alias`` (an acronym's other form), defined at ``long_span``."""

    index: int
    alias: str
    long_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Rename:
    """The candidate is kept under another rule id (an unsure acronym the paper proposes)."""

    index: int
    rule: str


class NoLineage(_About):
    """The candidate's base and suffixes served to find it but name no model lineage."""


Decision = Add | Drop | Propose | Retype | AliasOf | Rename | NoLineage


def _apply_one(items: list[Candidate], alive: list[bool], d: Decision) -> None:
    if isinstance(d, Add):
        items.append(d.cand)
        alive.append(True)
    elif isinstance(d, Drop):
        alive[d.index] = False
    elif isinstance(d, Propose):
        items[d.index] = changed(items[d.index], proposed=True)
    elif isinstance(d, Retype):
        items[d.index] = changed(items[d.index], type=d.type)
    elif isinstance(d, AliasOf):
        c = items[d.index]
        items[d.index] = changed(c, aliases=(*c.aliases, d.alias), long_span=c.long_span or d.long_span)
    elif isinstance(d, Rename):
        items[d.index] = changed(items[d.index], rule=d.rule)
    elif isinstance(d, NoLineage):
        items[d.index] = changed(items[d.index], base=None, suffixes=())
    else:
        raise TypeError(f"not a decision: {d!r}")


def apply(found: list[Candidate], decisions: list[Decision]) -> list[Candidate]:
    """The candidates after ``decisions``, in order: survivors in their order, then the added ones."""
    items, alive = list(found), [True] * len(found)
    for d in decisions:
        _apply_one(items, alive, d)
    return [c for c, keep in zip(items, alive) if keep]


class Draft:
    """A link rule's working view: the candidates as its decisions so far leave them, and the decisions."""

    def __init__(self, found: list[Candidate]):
        self.items = list(found)
        self.alive = [True] * len(self.items)
        self.log: list[Decision] = []

    def __call__(self, *decisions: Decision) -> None:
        """Decide: record and apply at once, so the rule's next step sees it."""
        for d in decisions:
            self.log.append(d)
            _apply_one(self.items, self.alive, d)

    def entries(self) -> Iterator[tuple[int, Candidate]]:
        """(index, candidate) of every live candidate, in list order."""
        return ((i, c) for i, (c, keep) in enumerate(zip(self.items, self.alive)) if keep)

    def cands(self) -> list[Candidate]:
        return [c for _, c in self.entries()]

    def overlapping(self, s: int, e: int) -> int | None:
        """The index of the candidate whose span (or defined long form) overlaps ``[s, e)`` most."""
        best, best_overlap = None, 0
        for i, c in self.entries():
            for a, b in [(c.start, c.end)] + ([c.long_span] if c.long_span else []):
                overlap = min(b, e) - max(a, s)
                if overlap > best_overlap:
                    best, best_overlap = i, overlap
        return best
