"""Decide what a paper does with each entity, from a linear model stored as JSON.

The model (``kg/data/models/relations.json``, trained by
``scripts/train_relations.py``) is a multinomial logistic regression over
*label sets*: ``evaluatesOn+trainsOn`` is one class, so an entity can carry
several relations, and ``none`` is the class of names that are not entities
of the paper at all.  Loading it reads numbers, never code.

The decision favours precision where a wrong edge costs most: ``fineTunes``
needs a higher probability than the other relations (``FINE_TUNE_MIN``), or
the next best label set is taken.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from kg.model import EntityType, Predicate

NONE = "none"
# Label sets each type may take; a class outside its type's set is never chosen.
ALLOWED = {
    EntityType.MODEL: {"proposes", "fineTunes", "evaluates", "mentions"},
    EntityType.BENCHMARK: {"proposes", "evaluatesOn", "trainsOn", "mentions"},
    EntityType.DATASET: {"proposes", "evaluatesOn", "trainsOn", "mentions"},
    EntityType.TECHNIQUE: {"proposes", "usesTechnique", "mentions"},
}


@dataclass(frozen=True)
class Decision:
    """What the model decided for one entity, and why."""

    keep: bool
    predicates: tuple[Predicate, ...]
    confidence: float
    because: tuple[str, ...]  # the features that pushed the chosen class most


class LinearModel:
    """Weights per feature per class; scores are sparse dot products."""

    def __init__(self, data: dict):
        self.classes: list[str] = data["classes"]
        self.intercept: list[float] = data["intercept"]
        self.weights: dict[str, list[float]] = data["weights"]
        self.params: dict = data.get("params", {})

    @classmethod
    def load(cls, path: str | Path) -> "LinearModel":
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    def probabilities(self, features: dict[str, float]) -> list[float]:
        scores = list(self.intercept)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for i, w in enumerate(row):
                    scores[i] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def reasons(self, features: dict[str, float], cls_index: int, n: int = 3) -> tuple[str, ...]:
        pushes = [(self.weights[f][cls_index] * v, f) for f, v in features.items() if f in self.weights]
        return tuple(f for w, f in sorted(pushes, reverse=True)[:n] if w > 0)


def _allowed(label: str, etype: EntityType) -> bool:
    return label == NONE or all(part in ALLOWED[etype] for part in label.split("+"))


def decide(model: LinearModel, features: dict[str, float], etype: EntityType) -> Decision:
    """Choose the most probable label set the type allows; ``fineTunes`` must clear its own bar."""
    probs = model.probabilities(features)
    drop_min = model.params.get("drop_min", 0.5)
    fine_tune_min = model.params.get("fine_tune_min", 0.5)
    ranked = sorted((p, i) for i, p in enumerate(probs) if _allowed(model.classes[i], etype))
    ranked.reverse()
    for p, i in ranked:
        label = model.classes[i]
        if label == NONE:
            if p >= drop_min:
                return Decision(False, (), round(p, 3), model.reasons(features, i))
            continue
        if "fineTunes" in label and p < fine_tune_min:
            continue
        preds = tuple(Predicate(part) for part in label.split("+"))
        return Decision(True, preds, round(p, 3), model.reasons(features, i))
    return Decision(True, (Predicate.MENTIONS,), 0.0, ())
