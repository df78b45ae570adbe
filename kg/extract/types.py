"""Candidates: the spans the recognition rules find."""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter

from kg.model import EntityType, Predicate

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that may name an entity; frozen: later stages return decisions (:mod:`kg.extract.decisions`)."""

    start: int
    end: int
    text: str
    type: EntityType
    rule: str
    confidence: float
    entry_id: str | None = None
    base: str | None = None
    suffixes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    proposed: bool = False
    long_span: tuple[int, int] | None = None  # where an acronym's long form was written
    wraps: bool = False  # a longer name around named ones ("Layered Adaptive Knowledge Distillation"): both stay
    # set by the relation tagger
    predicate: Predicate | None = None
    relation_rule: str | None = None
    relation_confidence: float | None = None
    sentence: tuple[int, int] | None = None  # (start, end) characters of its sentence

    @property
    def length(self) -> int:
        return self.end - self.start


_FIELDS = tuple(f.name for f in fields(Candidate))
_VALUES = attrgetter(*_FIELDS)


def changed(cand: Candidate, **changes) -> Candidate:
    """``dataclasses.replace(cand, **changes)``, about a third cheaper: ``replace`` reads the fields' definitions
    and runs the frozen ``__init__`` on every call, and the relation tagger makes one per name."""
    new = object.__new__(Candidate)
    set_field = object.__setattr__
    for name, value in zip(_FIELDS, _VALUES(cand)):
        set_field(new, name, value)
    for name, value in changes.items():
        set_field(new, name, value)
    return new
