"""Learners with feature interactions for the relation decider, against the shipped logistic regression.

    python bench/learners.py                    # every learner, scored on the rows (a few minutes)
    python bench/learners.py linear hgb-blend   # some of them
    python bench/learners.py --full hgb-blend   # one learner through the product's path (bench/quality.py's CV)

Same five folds by paper as ``bench/quality.py``, same training rows (the
entities the rules find in train + dev + the project's own annotations, with
their features from :mod:`kg.extract.features`), same decision rule
(:func:`kg.extract.decide.decide` with the shipped thresholds); only the
probabilities change.  The row score counts, over held-out gold papers,
entities kept with an annotated label (entity), relation triples (relation)
and fine-tunes, on the rows the rules find: entities never found are left
out, so it runs higher than the product's figure.  ``--full`` gives the
product's figure (extract → resolve → graph → Turtle → score.py).

Measured 2026-12-05 (s14, on main c5697c4, a loaded machine: about 6 minutes
for all; row score, F1 of entity and relation, fineTunes P and R):

    linear       shipped learn.fit                              0.894  0.810  0.893 0.798
    crosses      + rules' label and cue x place/sentence role   0.895  0.806  0.904 0.786
    balanced     class weights (named rows)                     0.893  0.805  0.883 0.810
    one-vs-rest  (named rows)                                   0.894  0.808  0.882 0.798
    hgb          histogram gradient boosting (named rows)       0.894  0.800  0.915 0.774
    hgb-blend    mean of hgb and linear (named rows)            0.893  0.810  0.919 0.810
    drop-blend   p(none) averaged with binary trees' (all)      0.892  0.807  0.904 0.786

Product CV (``--full``), against the shipped linear model's entity 0.853,
relation 0.771, experiment 0.742, fineTunes P 0.893 R 0.838: hgb-blend
0.853, 0.771, 0.736, fineTunes P 0.919 R 0.850.  Better fine-tunes, the same
entity and relation F1 and a lower experiment F1: not shipped (the bar was
+0.004 entity or relation F1 with no experiment loss).  Also tried in a
scratch harness (relation F1 of the row score): C 1.0 / 0.1 (0.806 / 0.807),
each cross family alone (0.807-0.809), class weights on every group (entity
0.876, relation 0.770), trees on the 1,053 features seen 10 times (0.802),
blends 0.3 / 0.7 (0.809 / 0.805), other drop bars with drop-blend
(0.806-0.808).

Why nothing gains: on named entities the rules' label set is right 0.905 of
the time against 0.895 for the linear model's best allowed class and 0.880
for the trees' (held-out argmax); where a model confidently (p >= 0.5)
disagrees with the rules it is right about half the time (linear 6 of 12,
trees 8 of 34).  Trees rank "no entity" a little better (ROC AUC: named
0.846 -> 0.855 blended, capitalised runs 0.759 -> 0.775, phrases 0.731 ->
0.751), but the gain does not survive the decision at or near the shipped
bars.  Learning curve (product CV, entity / relation F1, by how many of the
project's own annotations are in training): none 0.846 / 0.760, 360 0.854 /
0.768, 600 0.853 / 0.771: more rows of the same kind add little too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread: the same sums in the same order
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402

import quality  # noqa: E402
from kg import learn  # noqa: E402
from kg.extract import decide as D  # noqa: E402
from kg.extract.features import OPEN, PHRASE  # noqa: E402
from kg.model import EntityType, Predicate  # noqa: E402

# features whose crosses with the rules' label were tried (where and how the entity is said)
ROLES = ("in-title", "first-sentence", "last-sentence", "sent-ours", "sent-background", "sent-experiment",
         "sent-related-work", "sent-contrast", "in-list", "in-parens")


def group_of(f: dict) -> str:
    return "named" if OPEN not in f else "phrase" if PHRASE in f else "open"


def etype_of(f: dict) -> EntityType:
    return next(EntityType(k.partition("type=")[2]) for k in f if k.rpartition(":")[2].startswith("type="))


def vocab(rows, min_count: int) -> list[str]:
    counts: dict[str, int] = {}
    for _, f, *_ in rows:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    return sorted(k for k, c in counts.items() if c >= min_count)


def dense(rows, names: list[str]) -> np.ndarray:
    at = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, (_, f, *_) in enumerate(rows):
        for k, v in f.items():
            if k in at:
                x[i, at[k]] = v
    return x


def hgb(**kw):
    from sklearn.ensemble import HistGradientBoostingClassifier

    opts = dict(max_iter=100, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=10, l2_regularization=1.0,
                random_state=0, early_stopping=False)
    return HistGradientBoostingClassifier(**{**opts, **kw})


def in_classes(clf, p: np.ndarray, classes: list[str]) -> np.ndarray:
    """A classifier's probabilities reordered to the linear model's classes (a class it never saw: 0)."""
    at = {c: i for i, c in enumerate(clf.classes_)}
    return np.stack([p[:, at[c]] if c in at else np.zeros(len(p)) for c in classes], axis=1)


def sparse_lr(train, classes, **kw) -> Callable:
    """One logistic regression on the named rows as learn.fit makes it, with other options (class weights, OvR)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    keep = set(vocab(train, learn.PARAMS["min_count"]))
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{k: v for k, v in f.items() if k in keep} for _, f, *_ in train])
    clf = LogisticRegression(C=learn.PARAMS["C"], max_iter=5000, tol=1e-6, class_weight=kw.get("class_weight"))
    clf = OneVsRestClassifier(clf) if kw.get("ovr") else clf
    clf.fit(x, [r[2] for r in train])
    return lambda test: in_classes(clf, clf.predict_proba(vec.transform([r[1] for r in test])), classes)


def trees(train, classes, blend: float = 1.0, linear=None) -> Callable:
    """Gradient-boosted trees over the features seen 20 times or more, optionally averaged with the linear model."""
    names = vocab(train, 20)
    clf = hgb().fit(dense(train, names), [r[2] for r in train])

    def predict(test):
        p = in_classes(clf, clf.predict_proba(dense(test, names)), classes)
        return p if blend == 1.0 else blend * p + (1 - blend) * np.array([linear.probabilities(r[1]) for r in test])
    return predict


def drop_blend(train, classes, linear) -> Callable:
    """The linear model's probabilities with p(none) averaged with binary trees' (the labels' shares kept)."""
    names = vocab(train, 5)
    clf = hgb(max_leaf_nodes=8, min_samples_leaf=20, learning_rate=0.05)
    clf.fit(dense(train, names), [r[2] == D.NONE for r in train])
    at = classes.index(D.NONE)

    def predict(test):
        q = clf.predict_proba(dense(test, names))[:, list(clf.classes_).index(True)]
        p = np.array([linear.probabilities(r[1]) for r in test])
        none = (q + p[:, at]) / 2
        rest = 1 - p[:, at]
        p *= ((1 - none) / np.where(rest > 0, rest, 1))[:, None]
        p[:, at] = none
        return p
    return predict


def crossed(f: dict) -> dict:
    """A named row with the rules' label crossed with each place and sentence role, and each cue with each role."""
    if OPEN in f:
        return f
    heads = [k for k in f if k.startswith(("strongest=", "rule-pred=", "cue="))]
    return {**f, **{f"{h}&{r}": 1.0 for h in heads for r in ROLES if r in f}}


# name -> (groups whose probabilities it gives, fit(train rows, classes, linear model) -> predict(test rows));
# "crosses" is the linear model on rows with crossed features
LEARNERS: dict[str, tuple[tuple[str, ...], Callable | None]] = {
    "linear": ((), None),
    "crosses": ((), None),
    "balanced": (("named",), lambda tr, cl, lm: sparse_lr(tr, cl, class_weight="balanced")),
    "one-vs-rest": (("named",), lambda tr, cl, lm: sparse_lr(tr, cl, ovr=True)),
    "hgb": (("named",), lambda tr, cl, lm: trees(tr, cl)),
    "hgb-blend": (("named",), lambda tr, cl, lm: trees(tr, cl, 0.5, lm)),
    "drop-blend": (("named", "open", "phrase"), lambda tr, cl, lm: drop_blend(tr, cl, lm)),
}


class Decider(D.LinearModel):
    """The linear model, except for the groups of rows a learner scores (its probabilities as log-scores)."""

    def __init__(self, linear: dict, predictors: dict[str, Callable], cross: bool = False):
        super().__init__(linear)
        self.predictors, self.cross, self.table = predictors, cross, {}

    def _gather(self, features):
        if self.cross:
            return super()._gather(crossed(features))
        p = self.table.get(id(features))
        if p is None:
            predict = self.predictors.get(group_of(features))
            if predict is None:
                return super()._gather(features)
            p = predict([("", features, "")])[0]
        return [], np.log(np.clip(p, 1e-300, None))[None, :]  # decide's softmax gives p back

    def precompute(self, rows: list[tuple]) -> None:
        """Score ``rows`` in one batch per group (a row at a time is slow for trees)."""
        for group, predict in self.predictors.items():
            part = [r for r in rows if group_of(r[1]) == group]
            if part:
                self.table.update(zip((id(r[1]) for r in part), predict(part)))


def model_for(name: str, train: list[tuple]) -> Decider:
    """The decider of learner ``name`` trained on ``train``."""
    cross = name == "crosses"
    linear = learn.fit([(g, crossed(f) if cross else f, label) for g, f, label, *_ in train])
    groups, fit = LEARNERS[name]
    lm = D.LinearModel(linear)
    return Decider(linear, {g: fit([r for r in train if group_of(r[1]) == g], linear["classes"], lm) for g in groups},
                   cross)


def row_counts(model: D.LinearModel, test: list[tuple]) -> np.ndarray:
    """[entity TP FP FN, relation TP FP FN, fineTunes TP FP FN] of the decisions on held-out rows."""
    out = np.zeros(9, dtype=int)
    for _, f, label, rules_label in test:
        gold = set() if label == D.NONE else set(label.split("+"))
        rules = tuple(sorted((Predicate(x) for x in rules_label.split("+")), key=D.PRECEDENCE.__getitem__))
        d = D.decide(model, f, etype_of(f), rules)
        pred = {p.value for p in d.predicates} if d.keep else set()
        out += [bool(pred and gold), bool(pred and not gold), bool(gold and not pred),
                len(pred & gold), len(pred - gold), len(gold - pred),
                "fineTunes" in pred & gold, "fineTunes" in pred - gold, "fineTunes" in gold - pred]
    return out


def rows_and_folds() -> tuple[list[tuple], list[set[str]], list[dict], list[dict]]:
    gold, extra = learn.load_gold(quality.GOLD), learn.load_gold(quality.EXTRA)
    texts = learn.papers_for(gold + extra, quality.SOURCES)
    return learn.feature_rows(gold + extra, texts, rules=True), quality.folds_of(gold), gold, extra


def row_scores(names: list[str]) -> None:
    rows, folds, _, _ = rows_and_folds()
    prf = quality.scorer().prf
    for name in names:
        total = np.zeros(9, dtype=int)
        for fold in folds:
            train, test = [r for r in rows if r[0] not in fold], [r for r in rows if r[0] in fold]
            model = model_for(name, train)
            model.precompute(test)
            total += row_counts(model, test)
        e, r, ft = prf(*total[:3]), prf(*total[3:6]), prf(*total[6:])
        print(f"{name:<14} entity {e[2]:.3f} (P {e[0]:.3f} R {e[1]:.3f})  relation {r[2]:.3f} (P {r[0]:.3f} "
              f"R {r[1]:.3f})  fineTunes P {ft[0]:.3f} R {ft[1]:.3f}", flush=True)


def full_cv(name: str) -> None:
    """bench/quality.py's cross-validation (its learned half) with learner ``name``'s decider in the product."""
    from kg.extract import pairing, pipeline

    rows, folds, gold, extra = rows_and_folds()
    texts = learn.papers_for(gold + extra, quality.SOURCES)
    models: dict[str, D.LinearModel] = {}
    shipped_load, shipped_weights = pipeline.LinearModel, pairing.default_weights
    pipeline.LinearModel = type("Loader", (), {"load": staticmethod(lambda path: models[str(path)])})
    tally = quality.Tally(quality.scorer())
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for k, fold in enumerate(folds):
                path = str(Path(tmp) / f"fold{k}.json")
                train = [r for r in rows if r[0] not in fold]
                models[path] = model_for(name, train)
                held = [g for g in gold if g["id"] in fold]
                weights = quality.experiment_weights([g for g in gold + extra if g["id"] not in fold], texts, path)
                pairing.default_weights = lambda: weights
                papers = [texts[g["id"]] for g in held if g["id"] in texts]
                tally.add(quality.build_ttl(papers, Path(tmp) / f"fold{k}", path), held)
    finally:
        pipeline.LinearModel, pairing.default_weights = shipped_load, shipped_weights
    tally.report(f"grouped {quality.FOLDS}-fold cross-validation by paper, decider {name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("learners", nargs="*", help=f"some of {', '.join(LEARNERS)} (default: all)")
    ap.add_argument("--full", metavar="LEARNER", choices=list(LEARNERS), help="product-path CV of one learner")
    args = ap.parse_args()
    unknown = set(args.learners) - set(LEARNERS)
    if unknown:
        ap.error(f"unknown learners: {', '.join(sorted(unknown))}")
    if args.full:
        full_cv(args.full)
    else:
        row_scores(args.learners or list(LEARNERS))


if __name__ == "__main__":
    main()
