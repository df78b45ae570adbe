"""The model–data pairing scorer: a logistic regression over the facts of a candidate experiment.

Weights are learned from the gold's ``experiments`` by :func:`fit` (scikit-learn,
deterministic) and shipped as JSON in ``kg/data/models/experiments.json``;
inference is a dot product in pure Python.  Each fact is read once per kind,
so ``evaluatedOn`` and ``trainedOn`` have weights of their own.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from itertools import combinations
from functools import cache
from importlib import resources

FORMAT = "mlkg-experiment-pairing"
VERSION = 1


def features(kind: str, facts: Iterable[str]) -> list[str]:
    """The feature names of one candidate, prefixed with the kind: a bias, each fact and each pair of facts.

    Pairs let the weights say that a fact counts only beside another ("compared"
    means much with a model in the sentence, little for "our model").

    >>> features("evaluatedOn", ["co", "subject"])
    ['evaluatedOn:bias', 'evaluatedOn:co', 'evaluatedOn:subject', 'evaluatedOn:co&subject']
    """
    facts = sorted(set(facts))
    return ([f"{kind}:bias"] + [f"{kind}:{f}" for f in facts]
            + [f"{kind}:{a}&{b}" for a, b in combinations(facts, 2)])


def probability(weights: dict, kind: str, facts: Iterable[str]) -> float:
    """P(the pair is an experiment of this kind)."""
    w = weights["weights"]
    z = weights.get("intercept", 0.0) + sum(w.get(name, 0.0) for name in features(kind, facts))
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def fit(rows: Sequence[tuple[str, Iterable[str], bool]], c: float = 0.1, threshold: float = 0.4) -> dict:
    """Weights from labelled candidates ``(kind, facts, is_gold)``; the same rows always give the same dict.

    ``scripts/train_experiments.py`` builds the rows from gold papers with
    :func:`kg.extract.experiment_training.training_rows`; a cross-validation splits
    those papers and calls this on each part.
    """
    from sklearn.linear_model import LogisticRegression

    # C and the threshold were chosen by a 5-fold cross-validation grouped by paper over train + dev

    names = sorted({n for kind, facts, _ in rows for n in features(kind, facts)})
    column = {n: i for i, n in enumerate(names)}
    x = [[0.0] * len(names) for _ in rows]
    for row, (kind, facts, _) in zip(x, rows):
        for n in features(kind, facts):
            row[column[n]] = 1.0
    y = [int(label) for _, _, label in rows]
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, fit_intercept=False)
    model.fit(x, y)
    weights = {n: round(float(w), 6) for n, w in zip(names, model.coef_[0]) if abs(w) >= 1e-6}
    return {"format": FORMAT, "version": VERSION, "threshold": threshold, "intercept": 0.0,
            "weights": dict(sorted(weights.items()))}


def dumps(weights: dict) -> str:
    return json.dumps(weights, indent=1, sort_keys=True) + "\n"


@cache
def default_weights() -> dict:
    """The shipped weights (``kg/data/models/experiments.json``); none at all keeps no experiment."""
    path = resources.files("kg") / "data" / "models" / "experiments.json"
    if not path.is_file():
        return {"format": FORMAT, "version": VERSION, "threshold": 1.01, "weights": {}}
    return json.loads(path.read_text(encoding="utf-8"))
