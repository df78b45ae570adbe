"""Candidates: the spans the recognition rules find."""

from __future__ import annotations

from dataclasses import dataclass

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
    wraps: bool = False  # a longer name around named ones ("Hierarchical Progressive Knowledge Distillation"): both stay
    # set by the relation tagger
    predicate: Predicate | None = None
    relation_rule: str | None = None
    relation_confidence: float | None = None
    sentence: tuple[int, int] | None = None  # (start, end) characters of its sentence

    @property
    def length(self) -> int:
        return self.end - self.start
