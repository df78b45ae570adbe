"""A fast look at the experiment pairing scorer under grouped cross-validation (the folds of bench/quality.py).

    python bench/pairing_cv.py --cache /tmp/pairing-cv.json    # extract once (minutes), then refit in seconds

For each fold the relation decider is fitted on the other folds (as in quality.py), every paper's candidate
experiments are read through it, and each candidate is labelled by the gold (names compared as the scorer
does).  The cached candidates then let the pairing scorer be refitted with other settings in seconds; the F1
printed is a proxy of the scorer's experiment F1 (a gold experiment no candidate reaches counts as missed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def candidate_table(nlp, papers: list[dict], texts: dict) -> list[dict]:
    """One dict per candidate: paper id, kind, facts, evidence facts, gold label."""
    from kg import learn
    from kg.extract.experiment_training import paper_candidates

    out = []
    for paper in papers:
        found = texts.get(paper["id"])
        if found is None:
            continue
        cands, mentions = paper_candidates(nlp, found.title, found.abstract)
        key = learn.norm
        entities = {e["name"]: {key(e["name"])} | {key(a) for a in e.get("aliases", ())} for e in paper["entities"]}
        gold = {(x["kind"], x["model"], x["data"]) for x in paper.get("experiments", ())}
        for c in cands:
            mnames = {key(mentions[c.model].text)} | {key(a) for a in mentions[c.model].aliases}
            dnames = {key(mentions[c.data].text)} | {key(a) for a in mentions[c.data].aliases}
            hits = {(k, m, d) for k, m, d in gold
                    if k == c.kind.value and entities[m] & mnames and entities[d] & dnames}
            out.append(dict(paper=paper["id"], kind=c.kind.value, facts=frozenset(c.facts),
                            where=c.where_facts, hits=frozenset(hits)))
    return out


def extract_all(cache: Path) -> dict:
    import tempfile

    import quality
    from kg import learn
    from kg.extract.pipeline import build_nlp

    gold = learn.load_gold(quality.GOLD)
    extra = learn.load_gold(quality.EXTRA)
    texts = learn.papers_for(gold + extra, quality.SOURCES)
    rows = learn.feature_rows(gold + extra, texts)
    folds = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, fold in enumerate(quality.folds_of(gold)):
            path = Path(tmp) / f"fold{k}.json"
            learn.dump(learn.fit([r for r in rows if r[0] not in fold]), path)
            nlp = build_nlp(model_path=str(path))
            train = [g for g in gold + extra if g["id"] not in fold]
            held = [g for g in gold if g["id"] in fold]
            folds.append(dict(train=candidate_table(nlp, train, texts), test=candidate_table(nlp, held, texts),
                              n_gold=sum(len({(x["kind"], x["model"], x["data"]) for x in g.get("experiments", ())})
                                         for g in held)))
            print(f"fold {k}: {len(folds[-1]['train'])} train, {len(folds[-1]['test'])} test candidates",
                  flush=True)
    cache.write_text(json.dumps(dict(folds=folds), default=sorted), encoding="utf-8")  # sets as sorted lists
    return _read(cache)


def _read(cache: Path) -> dict:
    """The cached candidates (JSON: reading a cache never runs code), their sets made sets again."""
    data = json.loads(cache.read_text(encoding="utf-8"))
    for fold in data["folds"]:
        for c in fold["train"] + fold["test"]:
            c["facts"], c["hits"] = frozenset(c["facts"]), frozenset(map(tuple, c["hits"]))
            c["where"] = None if c["where"] is None else frozenset(c["where"])
    return data


def decide(c: dict, weights: dict | None, threshold: float) -> bool:
    from kg.extract import pairing
    from kg.extract.cues import experiment_rules as rules
    from kg.model import ExperimentKind

    kind = ExperimentKind(c["kind"])
    if c["where"] is None or rules.vetoed(kind, c["where"] | (c["facts"] & rules.PAPER_FACTS)):
        return False
    if rules.rule_for(kind, c["facts"], c["where"]):
        return True
    return weights is not None and pairing.probability(weights, c["kind"], c["facts"]) >= threshold


def reaches_scorer(c: dict) -> bool:
    """Neither vetoed nor stated by a rule: the pairing scorer decides this candidate."""
    from kg.extract.cues import experiment_rules as rules
    from kg.model import ExperimentKind

    kind = ExperimentKind(c["kind"])
    return not (rules.vetoed(kind, c["where"] | (c["facts"] & rules.PAPER_FACTS))
                or rules.rule_for(kind, c["facts"], c["where"]))


def evaluate(data: dict, fit, threshold: float | None = None) -> tuple[float, float, float, int, int, int]:
    """Micro P/R/F1 over folds; ``fit(train candidates) -> weights`` (None: rules alone)."""
    tp = fp = fn = 0
    for f in data["folds"]:
        weights = fit(f["train"])
        th = threshold if threshold is not None else (weights or {}).get("threshold", 0.5)
        found = set()
        for c in f["test"]:
            if decide(c, weights, th):
                if c["hits"]:
                    found |= {(c["paper"],) + h for h in c["hits"]}
                else:
                    fp += 1
        tp += len(found)
        fn += f["n_gold"] - len(found)
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9), tp, fp, fn


def main() -> None:
    from kg.extract import pairing

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--grid", action="store_true", help="also other regularisations, thresholds and training rows")
    args = ap.parse_args()
    data = _read(args.cache) if args.cache.is_file() else extract_all(args.cache)
    print("rules alone        P %.3f R %.3f F1 %.3f  tp %d fp %d fn %d" % evaluate(data, lambda rows: None))
    for c in (0.03, 0.1, 0.3, 1.0) if args.grid else (0.1,):
        for th in (0.3, 0.4, 0.5, 0.6) if args.grid else (0.4,):
            for scope, pick in (("all", lambda c: True), ("residual", reaches_scorer))[:2 if args.grid else 1]:
                def fit(rows, c=c, pick=pick):
                    return pairing.fit([(r["kind"], r["facts"], bool(r["hits"])) for r in rows
                                        if r["where"] is not None and pick(r)], c=c)
                print(f"C {c:<5} th {th} {scope:<9}" + " P %.3f R %.3f F1 %.3f  tp %d fp %d fn %d"
                      % evaluate(data, fit, th))


if __name__ == "__main__":
    main()
