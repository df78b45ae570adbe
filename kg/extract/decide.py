"""Decide what a paper does with each entity, from a linear model stored as JSON.

The model (``kg/data/models/relations.json``, trained by
``scripts/train_relations.py``) is a multinomial logistic regression over
*label sets*: ``evaluatesOn+trainsOn`` is one class, so an entity can carry
several relations, and ``none`` is the class of names that are not entities
of the paper at all.  Loading it reads numbers, never code.

The cue rules stay the first opinion (they generalise well on their own);
the model, which reads every sentence naming the entity, overrules them
where it is confident (:func:`decide`).  Its thresholds live in the model
file's ``params``, chosen by grouped cross-validation (``bench/quality.py``).
"""

from __future__ import annotations

import json
import math
from operator import add
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.extract.cues.relation_rules import id_of, train_and_evaluate
from kg.extract.features import CATALOGUE, INTRODUCED, OPEN, SAID_FINE_TUNED
from kg.extract.rules.ids import CAPITALISED_PHRASE, METHOD_PHRASE
from kg.extract.relations import PRECEDENCE
from kg.model import EntityType, Predicate

NONE = "none"
CAPITALISED, METHOD = f"rec={CAPITALISED_PHRASE}", f"rec={METHOD_PHRASE}"  # the open rules' markers
TRAIN_AND_EVALUATE = f"cue={id_of(train_and_evaluate)}"  # "we train and evaluate on X": both data edges
BOTH_DATA = "evaluatesOn+trainsOn"
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
        """The softmax of the classes' scores (by the matrix: the same floats as the lists of :meth:`_scores`)."""
        return _softmax(self._scores_numpy(features))

    def _scores(self, features: dict[str, float]) -> list[float]:
        """Intercept plus each known feature's weighted row, added in the features' order: the plain form of
        :meth:`_scores_numpy`, which the tests hold it to."""
        scores = list(self.intercept)
        weights = self.weights
        for name, value in features.items():
            row = weights.get(name)
            if row is not None:  # most features are 1.0, and s + w * 1.0 == s + w exactly
                scores = list(map(add, scores, row)) if value == 1.0 else [s + w * value for s, w in zip(scores, row)]
        return scores

    @cached_property
    def _np(self) -> tuple[dict[str, int], object]:
        """Row index of each feature and the matrix of [intercept, weights...] (numpy comes with spaCy)."""
        import numpy

        index = {name: i for i, name in enumerate(self.weights, 1)}
        return index, numpy.array([self.intercept, *self.weights.values()], dtype=numpy.float64).reshape(
            len(index) + 1, len(self.classes))

    def _scores_numpy(self, features: dict[str, float]) -> list[float]:
        """:meth:`_scores` as one gather and one running sum: ``add.accumulate`` adds row after row, in order,
        so every score is the same float as the lists give (a plain ``sum`` would add pairwise)."""
        return _running_sum(self._gather(features)[1])

    def _gather(self, features: dict[str, float]) -> tuple[list[str], object]:
        """The known features' names, in order, and the matrix of [intercept, each one's weights * value]."""
        import numpy

        index, matrix = self._np
        names = [name for name in features if name in index]  # a name's hash is kept: the lookups after are cheap
        picked = matrix.take([0, *map(index.__getitem__, names)], axis=0)  # take: half the cost of matrix[rows]
        values = [1.0, *map(features.__getitem__, names)]
        if values.count(1.0) != len(values):  # w * value, then the sum: the lists' order of operations
            picked *= numpy.array(values)[:, None]
        return names, picked

    def reasons(self, features: dict[str, float], cls_index: int, n: int = 3) -> tuple[str, ...]:
        """The ``n`` features that push class ``cls_index`` most (the plain form of :func:`_reasons_of`)."""
        weights = self.weights
        pushes = [(weights[f][cls_index] * v, f) for f, v in features.items() if f in weights]
        return tuple(f for w, f in sorted(pushes, reverse=True)[:n] if w > 0)

    def allowed_classes(self, etype: EntityType) -> list[int]:
        """The indices of the classes other than ``none`` that a type may take, in the classes' order."""
        return self._allowed_by_type[etype]

    @cached_property
    def _allowed_by_type(self) -> dict[EntityType, list[int]]:
        return {t: [i for i, c in enumerate(self.classes) if c != NONE and _allowed(c, t)] for t in ALLOWED}


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _running_sum(picked) -> list[float]:
    """The rows added one after another, in order (``add.accumulate``; a plain ``sum`` would add pairwise)."""
    import numpy

    return numpy.add.accumulate(picked, axis=0)[-1].tolist()


def _reasons_of(names: list[str], picked, cls_index: int, n: int = 3) -> tuple[str, ...]:
    """:meth:`LinearModel.reasons` from :meth:`LinearModel._gather`'s rows, which hold each weight * value already:
    only the positive pushes are sorted (the others never count), with the same order and ties."""
    column = picked[1:, cls_index].tolist()
    pushes = [(w, f) for w, f in zip(column, names) if w > 0]
    return tuple(f for _, f in sorted(pushes, reverse=True)[:n])


def _allowed(label: str, etype: EntityType) -> bool:
    return label == NONE or all(part in ALLOWED[etype] for part in label.split("+"))


def _said(features: dict[str, float], name: str) -> bool:
    """The text's own word, on a named candidate or on an open one (whose features are all prefixed ``open:``)."""
    return bool(features.get(name) or features.get(f"{OPEN}:{name}"))


# the bar a model trained before a bar existed uses instead: the phrases' for capitalised runs, the named one
# for catalogue names
_BAR_FALLBACK = {"capitalised_drop_min": "phrase_drop_min", "catalogue_drop_min": "drop_min"}


def _drop_bar(features: dict[str, float]) -> str:
    """The param that bars dropping: named candidates, lower-case method phrases (mostly no entity) and
    capitalised runs and coined names (nearly as often names as not) each have their own; so have catalogue
    names, known entities whose drops at the named bar were right no more often than wrong (grouped CV: 26
    non-entities against 29 annotated entities)."""
    if not features.get(OPEN):
        return "catalogue_drop_min" if features.get(CATALOGUE) else "drop_min"
    return "capitalised_drop_min" if features.get(CAPITALISED) and not features.get(METHOD) else "phrase_drop_min"


def decide(model: LinearModel, features: dict[str, float], etype: EntityType,
           rules: tuple[Predicate, ...]) -> Decision:
    """The rules' label set, unless the model is sure of better.

    The model drops a name it finds no entity of the paper (``drop_min``; ``catalogue_drop_min`` for a
    catalogue name;
    ``phrase_drop_min`` for the over-generated lower-case method phrases, ``capitalised_drop_min``
    for the other open-vocabulary candidates),
    replaces the rules' label set with its own when that one is likely enough
    (``override_min``; never with one half of both data edges the text states, nor a named candidate's
    proposal: in grouped CV such overrides were wrong two times in three),
    and turns ``fineTunes`` into ``evaluates`` when it doubts it
    (``fine_tune_min``): a wrong fine-tune costs more than a missed one.
    """
    names, picked = model._gather(features)  # the features' rows, read once for the scores and the reasons
    probs = _softmax(_running_sum(picked))
    params = model.params
    by_class = dict(zip(model.classes, probs))
    none_at = model.classes.index(NONE) if NONE in model.classes else -1
    bar = _drop_bar(features)
    fallback = _BAR_FALLBACK.get(bar)
    drop_min = params.get(bar, params.get(fallback, 1.01) if fallback else 1.01)
    # "we propose X": X is an entity; so is an open one the text introduces ("we introduce x y", "a Foo Block
    # governed by …"): in the annotated papers four in five of these are the paper's proposals
    named_proposal = Predicate.PROPOSES in rules and (not features.get(OPEN) or bool(features.get(INTRODUCED)))
    if none_at >= 0 and probs[none_at] >= drop_min and not named_proposal:
        return Decision(False, (), round(probs[none_at], 3), _reasons_of(names, picked, none_at))
    label = "+".join(sorted(p.value for p in rules))
    allowed = [(probs[i], i) for i in model.allowed_classes(etype)]
    if allowed:
        p, i = max(allowed)
        narrower = label == BOTH_DATA and model.classes[i] in BOTH_DATA.split("+")  # the text says both: keep both
        if p >= params.get("override_min", 1.01) and not narrower and not named_proposal:
            label = model.classes[i]
    if _said(features, TRAIN_AND_EVALUATE) and label in ("trainsOn", "evaluatesOn"):  # the text says both
        label = BOTH_DATA
    fine_tune = sum(p for c, p in by_class.items() if "fineTunes" in c)
    explicit = _said(features, SAID_FINE_TUNED)  # the text says so: no doubt to weigh
    if "fineTunes" in label and not explicit and fine_tune < params.get("fine_tune_min", 0.0):
        label = label.replace("fineTunes", "evaluates")
    predicates = tuple(sorted({Predicate(x) for x in label.split("+")}, key=PRECEDENCE.__getitem__))
    at = model.classes.index(label) if label in model.classes else None
    confidence = by_class.get(label, max((p for p, _ in allowed), default=0.0))
    return Decision(True, predicates, round(confidence, 3), _reasons_of(names, picked, at) if at is not None else ())
