"""Candidates: the spans the recognition rules find."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import EntityType, Predicate

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE


@dataclass(slots=True)
class Candidate:
    """A span that may name an entity."""

    start: int
    end: int
    text: str
    type: EntityType
    rule: str
    confidence: float
    entry_id: str | None = None
    base: str | None = None
    suffixes: tuple[str, ...] = ()
    aliases: list[str] = field(default_factory=list)
    proposed: bool = False
    long_span: tuple[int, int] | None = None  # where an acronym's long form was written
    # set by the relation tagger
    predicate: Predicate | None = None
    relation_rule: str | None = None
    relation_confidence: float | None = None
    sentence: tuple[int, int] | None = None  # (start, end) characters of its sentence

    @property
    def length(self) -> int:
        return self.end - self.start
