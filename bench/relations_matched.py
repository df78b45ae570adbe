"""What the learned relation decider adds over the cue rules, on the entities both find (grouped CV).

    python bench/relations_matched.py            # about two minutes

``bench/quality.py`` scores the whole product, where relation F1 is bounded
by entity recall: an entity never found has no relation to get right.  This
script looks only at the other part, the label set of the names the rules
find that the annotation also has (named candidates; the open-vocabulary
phrases are left out), on the same five folds by paper.  For each held-out
entity it compares three deciders trained on the other folds (plus the
project's own annotations, never scored):

- ``rules``: the cue rules alone (their most specific predicate, and both data
  edges where they say so);
- ``shipped``: the product's path, :func:`kg.extract.decide.decide` with the
  model of :func:`kg.learn.fit` and its thresholds (the model overrules the
  rules only when sure);
- ``argmax``: the same model's most likely label set allowed for the type
  (what the model knows, without the thresholds);
- ``per-relation``: one binary logistic regression per relation over the same
  features (a label set is the product of the seven yes/no chances), to see
  whether one label per relation beats one label per set.

It prints triple precision/recall/F1 and exact label sets right, and what
the shipped decider did with the rules' label sets (kept, dropped, changed).
"""

from __future__ import annotations

import math
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

RELATIONS = ["proposes", "fineTunes", "evaluates", "evaluatesOn", "trainsOn", "usesTechnique", "mentions"]


def options(etype) -> list[frozenset[str]]:
    """The label sets an entity of this type may get: one relation, or both data edges."""
    from kg.extract.decide import ALLOWED

    allowed = ALLOWED[etype]
    out = [frozenset({a}) for a in sorted(allowed)]
    if "trainsOn" in allowed:
        out.append(frozenset({"evaluatesOn", "trainsOn"}))
    return out


def per_relation(train: list[tuple], test: list[tuple], c: float) -> list[dict[str, float]]:
    """P(relation) for each test row, one binary logistic regression per relation."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    x, xt = vec.fit_transform([r[1] for r in train]), vec.transform([r[1] for r in test])
    out: list[dict[str, float]] = [{} for _ in test]
    for rel in RELATIONS:
        y = [rel in r[2].split("+") for r in train]
        if not any(y):
            continue
        probs = LogisticRegression(C=c, max_iter=5000, tol=1e-6).fit(x, y).predict_proba(xt)[:, 1]
        for row, p in zip(out, probs):
            row[rel] = float(p)
    return out


def main() -> None:
    import quality
    from kg import learn
    from kg.extract.decide import NONE, LinearModel, decide
    from kg.extract.features import OPEN
    from kg.model import Predicate

    gold, extra = learn.load_gold(quality.GOLD), learn.load_gold(quality.EXTRA)
    rows = learn.feature_rows(gold + extra, learn.papers_for(gold + extra, quality.SOURCES), rules=True)
    scored = {g["id"] for g in gold}
    counts = {k: [0, 0, 0, 0] for k in ("rules", "shipped", "argmax", "per-relation")}
    total = 0
    moves: Counter = Counter()  # what the shipped decider did with the rules' label set
    for fold in quality.folds_of(gold):
        train = [r for r in rows if r[0] not in fold]
        model = LinearModel(learn.fit([r[:3] for r in train]))
        named = [r for r in train if r[2] != NONE and OPEN not in r[1]]
        test = [r for r in rows if r[0] in fold and r[0] in scored and r[2] != NONE and OPEN not in r[1]]
        chances = per_relation(named, test, learn.PARAMS["C"])
        for row, chance in zip(test, chances):
            _, features, label, rules = row
            etype = _etype(features)
            truth = frozenset(label.split("+"))
            decision = decide(model, features, etype, tuple(Predicate(p) for p in rules.split("+")))
            probs = dict(zip(model.classes, model.probabilities(features)))
            opts = options(etype)
            picks = {
                "rules": frozenset(rules.split("+")),
                "shipped": frozenset(p.value for p in decision.predicates) if decision.keep else frozenset(),
                "argmax": max(opts, key=lambda o: probs.get("+".join(sorted(o)), -1.0)),
                "per-relation": max(opts, key=lambda o: sum(
                    math.log(max(1e-9, chance.get(r, 0.0) if r in o else 1 - chance.get(r, 0.0)))
                    for r in RELATIONS)),
            }
            moves[_move(picks["shipped"], picks["rules"], truth)] += 1
            for name, pick in picks.items():
                c = counts[name]
                c[0] += len(pick & truth)
                c[1] += len(pick - truth)
                c[2] += len(truth - pick)
                c[3] += pick == truth
            total += 1
    print(f"label sets of {total} entities found by the rules and annotated, grouped 5-fold CV by paper")
    print(f"{'decider':<14}{'P':>7}{'R':>7}{'F1':>7}   exact")
    for name, (tp, fp, fn, exact) in counts.items():
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"{name:<14}{p:7.3f}{r:7.3f}{2 * p * r / max(p + r, 1e-9):7.3f}   {exact}/{total} = {exact / total:.3f}")
    print("the shipped decider against the rules: " + "; ".join(f"{k} {moves[k]}" for k in MOVES))


MOVES = ("kept", "dropped", "changed, now right", "changed, was right", "changed, both wrong")


def _move(shipped: frozenset[str], rules: frozenset[str], truth: frozenset[str]) -> str:
    if shipped == rules:
        return MOVES[0]
    if not shipped:
        return MOVES[1]
    return MOVES[2] if shipped == truth else MOVES[3] if rules == truth else MOVES[4]


def _etype(features: dict):
    from kg.model import EntityType

    return next(EntityType(k.split("=", 1)[1]) for k in features if k.startswith("type="))


if __name__ == "__main__":
    main()
