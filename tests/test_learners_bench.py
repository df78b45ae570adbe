"""bench/learners.py: another learner's probabilities reach the shipped decision rule, and rows are counted right."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import load_bench
from kg.extract.decide import decide
from kg.model import EntityType, Predicate

LINEAR = {"classes": ["evaluates", "fineTunes", "none"], "intercept": [1.0, 0.0, 0.0], "weights": {},
          "params": {"override_min": 0.5, "fine_tune_min": 0.6, "drop_min": 0.7, "phrase_drop_min": 0.7}}


@pytest.fixture(scope="module")
def learners():
    return load_bench("learners")


def constant(p):
    return lambda rows: np.array([p] * len(rows))


def test_a_learner_scores_its_group_and_the_linear_model_the_others(learners):
    model = learners.Decider(LINEAR, {"named": constant([0.1, 0.8, 0.1])})
    named = {"type=Model": 1.0, "cue=tuned-on": 1.0}
    got = decide(model, named, EntityType.MODEL, (Predicate.EVALUATES,))
    assert got.predicates == (Predicate.FINE_TUNES,) and got.confidence == pytest.approx(0.8)
    # an open candidate has no predictor here: the linear intercepts alone, which favour "evaluates"
    opened = {"open": 1.0, "open:type=Model": 1.0}
    assert decide(model, opened, EntityType.MODEL, (Predicate.EVALUATES,)).predicates == (Predicate.EVALUATES,)


def test_precomputed_rows_give_the_same_decision_as_one_at_a_time(learners):
    calls = []

    def predict(rows):
        calls.append(len(rows))
        return np.array([[0.2, 0.7, 0.1] if "cue=x" in r[1] else [0.1, 0.1, 0.8] for r in rows])

    rows = [("p1", {"type=Model": 1.0, "cue=x": 1.0}, "fineTunes"), ("p1", {"type=Model": 1.0}, "none")]
    batch, single = learners.Decider(LINEAR, {"named": predict}), learners.Decider(LINEAR, {"named": predict})
    batch.precompute(rows)
    assert calls == [2]
    for _, f, _ in rows:
        assert decide(batch, f, EntityType.MODEL, (Predicate.EVALUATES,)) == \
            decide(single, f, EntityType.MODEL, (Predicate.EVALUATES,))


def test_row_counts_entities_triples_and_fine_tunes(learners):
    model = learners.Decider(LINEAR, {"named": lambda rows: np.array(
        [[0.05, 0.05, 0.9] if "drop-me" in r[1] else [0.1, 0.8, 0.1] for r in rows])})
    rows = [("p", {"type=Model": 1.0}, "fineTunes", "evaluates"),  # right: entity, triple and fine-tune
            ("p", {"type=Model": 1.0}, "evaluates", "evaluates"),  # kept with the wrong label
            ("p", {"type=Model": 1.0, "drop-me": 1.0}, "evaluates", "evaluates"),  # an annotated entity dropped
            ("p", {"type=Model": 1.0}, "none", "evaluates")]  # a name the annotation lacks, kept
    counts = learners.row_counts(model, rows)
    assert counts.tolist() == [2, 1, 1,  # entity TP FP FN
                               1, 2, 2,  # relation TP FP FN
                               1, 2, 0]  # fineTunes TP FP FN
