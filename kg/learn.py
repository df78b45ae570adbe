"""Training the relation decider from annotated papers (scikit-learn, deterministic).

Used by ``scripts/train_relations.py`` (the shipped model) and by
``bench/quality.py`` (one model per cross-validation fold).  Only training
needs scikit-learn; extraction reads the resulting JSON (:mod:`kg.extract.decide`).

A training row is one entity as the rules find it in an annotated paper: its
features (:mod:`kg.extract.features`) and, as label, the set of relations the
annotation gives the matching gold entity, or ``none`` when the annotation
has no such entity.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from kg import ingest
from kg.extract.decide import NONE
from kg.extract.features import OPEN, PHRASE
from kg.model import Paper

# Chosen by the grouped cross-validation of bench/quality.py (see the README's figures).  fine_tune_min is
# set for precision: a wrong "fine-tunes" costs users more than a missing one (0.7: CV fineTunes P 0.87,
# R 0.66; 0.5: P 0.81, R 0.71; relation F1 0.724 against 0.726). Re-swept on 2026-12-05 over the entities the rules find
# (grouped CV): 0.65 keeps two more right fine-tunes than 0.7 and no wrong one (fineTunes P 0.890 R 0.774 against
# P 0.887 R 0.750); 0.6 and 0.5 add wrong ones (P 0.868, 0.861).  override_min 0.5: the model's label set
# wins when it is more likely than not (CV relation 0.730 -> 0.734 against 0.8; 0.3/0.4 lower).
# drop_min 0.65: known lower-case techniques the paper applies ("pruning", "ensembling") were dropped at 0.6
# (CV entity 0.836 -> 0.838, relation 0.741 -> 0.742); phrase_drop_min 0.5, since the lower-case phrases
# have a model of their own (fit): CV entity 0.8388 -> 0.8397, typed 0.7850 -> 0.7873, relation 0.7418 ->
# 0.7410 (at 0.5 with the phrases pooled with the capitalised runs: entity 0.837, relation 0.736).
# capitalised_drop_min: the bar of capitalised runs and coined names, apart from the lower-case phrases'
# (0.4: CV entity 0.836, relation 0.741; 0.5: entity 0.839, relation 0.739: more names kept, more of them
# proposals labelled as used).
PARAMS = {"C": 0.3, "open_C": 0.3, "min_count": 2, "drop_min": 0.65, "phrase_drop_min": 0.5, "capitalised_drop_min": 0.4,
          "catalogue_drop_min": 0.9, "override_min": 0.5,
          "fine_tune_min": 0.65}


def norm(text: str) -> str:
    """The gold scorer's comparison key: case, accents, spaces and punctuation ignored."""
    text = str(text).replace("+", "plus").replace("\u03c0", "pi").replace("\u03a0", "pi")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def load_gold(paths: Iterable[str | Path]) -> list[dict]:
    papers: list[dict] = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            papers.extend(json.load(fh))
    return papers


def papers_for(gold: Sequence[dict], sources: Sequence[str | Path]) -> dict[str, Paper]:
    """The text of each gold paper, read from ``sources`` and matched by title as the scorer does."""
    by_title = {norm(p.title): p for p in ingest.read([Path(s) for s in sources]).papers}
    return {g["id"]: by_title[norm(g["title"])] for g in gold if norm(g["title"]) in by_title}


def label_of(mention, gold_paper: dict) -> str:
    """The label set the annotation gives the entity this mention names, or ``none``."""
    names = {norm(n) for n in (mention.text, *mention.aliases)} - {""}
    for ent in gold_paper["entities"]:
        if names & ({norm(ent["name"])} | {norm(a) for a in ent.get("aliases", [])}):
            rels = sorted({r["rel"] for r in gold_paper["relations"] if r["target"] == ent["name"]})
            return "+".join(rels) if rels else NONE
    return NONE


def feature_rows(gold: Sequence[dict], texts: dict[str, Paper], rules: bool = False) -> list[tuple]:
    """(gold paper id, features, label) for every entity the rules find in the annotated papers.

    With ``rules``, each row also ends with what the rules alone decide (a label set, as ``label``), so
    that ``bench/relations_matched.py`` can set the learned decider against them.
    """
    from kg.extract import pipeline

    nlp = pipeline.build_nlp(model_path=None, open_vocab=True)
    rows = []
    for g in gold:
        paper = texts.get(g["id"])
        if paper is None:
            continue
        text, title_end = pipeline.paper_text(paper.title, paper.abstract)
        doc = nlp.make_doc(text)
        doc.user_data["mlkg_text"] = text
        doc._.title_end = title_end
        doc.user_data[pipeline.FEATURES] = record = []
        pipeline.mentions_of(nlp(doc), relations=True)
        rows.extend((g["id"], features, label_of(mention, g), *((_rules_label(mention),) if rules else ()))
                    for mention, features in record)
    return rows


def _rules_label(mention) -> str:
    return "+".join(sorted({mention.predicate.value, *(p.value for p in mention.also)}))


def fit(rows: Sequence[tuple[str, dict, str]], params: dict | None = None) -> dict:
    """A multinomial logistic regression over label sets, as a JSON-ready dict.

    The open-vocabulary candidates (feature ``open``) are scored by models of
    their own, fitted apart: their phrases, most of which are no entity, would
    otherwise pull the named candidates' weights their way.  Capitalised runs and
    coined names (features prefixed ``open:``) and lower-case method phrases
    (feature ``phrase`` too, features prefixed ``phrase:``) each have one: about
    four in ten of the first are names, one in ten of the second, and what tells
    a name differs.  They are stored among the same weights (each intercept, less
    the ones already counted, as the weight of its marker), so one linear scoring
    serves all three.
    """
    params = {**PARAMS, **(params or {})}
    named = [r for r in rows if OPEN not in r[1]]
    parts = [_fit_linear(named, params["C"], params["min_count"])]
    for prefix in (OPEN, PHRASE):
        group = [r for r in rows if OPEN in r[1] and (PHRASE in r[1]) == (prefix == PHRASE)]
        markers = {k for _, f, _ in group for k in f if not k.startswith(prefix + ":")}
        own = [(g, {k: v for k, v in f.items() if k not in markers}, label) for g, f, label in group]
        parts.append(_fit_linear(own, params["open_C"], params["min_count"]) if own else None)
    wider = sorted({c for part in parts if part for c in part[0]})
    (classes, intercept, weights), cap, phrase = [_widen(*part, wider) if part else None for part in parts]
    for marker, part, below in ((OPEN, cap, intercept), (PHRASE, phrase, cap[1] if cap else intercept)):
        if part:
            weights.update(part[2])
            weights[marker] = [round(o - b, 4) for o, b in zip(part[1], below)]
    return {
        "about": "relation decider: multinomial logistic regression over label sets; see kg/learn.py",
        "params": params,
        "classes": classes,
        "intercept": intercept,
        "weights": weights,
    }


def _widen(classes: list[str], intercept: list[float], weights: dict[str, list[float]], wider: list[str]
           ) -> tuple[list[str], list[float], dict[str, list[float]]]:
    """The same model over the classes ``wider``: a class it never saw gets no chance (intercept -30)."""
    at = {c: i for i, c in enumerate(classes)}
    return (wider, [intercept[at[c]] if c in at else -30.0 for c in wider],
            {name: [row[at[c]] if c in at else 0.0 for c in wider] for name, row in weights.items()})


def _fit_linear(rows: Sequence[tuple[str, dict, str]], c: float, min_count: int
                ) -> tuple[list[str], list[float], dict[str, list[float]]]:
    """Classes, intercepts and non-zero weights (rounded) of one logistic regression."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for _, features, _ in rows:
        for name in features:
            counts[name] = counts.get(name, 0) + 1
    keep = {n for n, k in counts.items() if k >= min_count}
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{k: v for k, v in f.items() if k in keep} for _, f, _ in rows])
    y = [label for _, _, label in rows]
    clf = LogisticRegression(C=c, max_iter=5000, tol=1e-6)
    clf.fit(x, y)
    coef, bias = clf.coef_, clf.intercept_
    if len(clf.classes_) == 2:  # one row for the second class; as a softmax, the first scores 0
        coef, bias = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], bias])
    coef = np.round(coef, 4)
    names = vec.get_feature_names_out()
    weights = {str(names[j]): [float(w) for w in coef[:, j]] for j in range(len(names))
               if np.any(coef[:, j] != 0)}
    return [str(k) for k in clf.classes_], [float(b) for b in np.round(bias, 4)], weights


def dump(model: dict, path: str | Path) -> None:
    """Write a model so that retraining gives the very same bytes."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(model, fh, sort_keys=True, separators=(",", ":"))
        fh.write("\n")
