"""Extraction quality: grouped cross-validation by paper over train + dev, and the dev gold.

    python bench/quality.py                # cross-validation + dev gold (about a minute)
    python bench/quality.py --ablation     # also: catalogue only / + patterns / rules without the model
    python bench/quality.py --scirex       # also: recall on the SciREX papers (outside check)
    python bench/quality.py --rules        # only: each named rule switched off in turn, and what it buys
    python bench/quality.py --no-model     # the dev check with the rules alone
    python bench/quality.py --keep DIR     # keep the folds' exports and held-out gold, for score.py --details

Cross-validation is the estimate of what users get on papers nobody has seen:
the annotated papers of ``../shared/gold/train.gold.json`` and
``dev.gold.json`` are split into five folds *by paper*; for each fold the
relation decider is trained (:func:`kg.learn.fit`) on the other four folds
plus the project's own annotations (``training/*.gold.json``, never scored),
the held-out papers are extracted with that model through the product's own
path (extract → resolve → graph → Turtle) and scored by
``../shared/tools/score.py``.  Counts are summed over folds (micro average).

The dev figure is the shipped model (trained on everything) scored on the dev
gold: a check, not a target, since the model has seen those papers.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
GOLD = [SHARED / "gold" / "train.gold.json", SHARED / "gold" / "dev.gold.json"]
EXTRA = sorted((ROOT / "training").glob("*.gold.json"))
SOURCES = [SHARED / "seeds", SHARED / "external" / "recent-papers" / "papers.jsonl"]
FOLDS = 5
RELATIONS = ["proposes", "fineTunes", "evaluates", "evaluatesOn", "trainsOn", "usesTechnique", "mentions"]


def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_ttl(papers, out: Path, model_path: str | None, **flags) -> Path:
    from kg import catalogue, export
    from kg.extract import extract
    from kg.graph import build_graph
    from kg.resolve import resolve

    extractions = extract(papers, processes=1, model_path=model_path, **flags)
    export.write_all(build_graph(resolve(papers, extractions, catalogue.default())), out, ("ttl",))
    return out / "kg.ttl"


class Tally:
    """Counts summed over folds: entity/typed/relation, per type, per relation, confusion, experiments."""

    def __init__(self, score):
        self.score = score
        self.counts = {k: [0, 0, 0] for k in ("entity", "typed", "relation")}
        self.per_type = {t: [0, 0, 0] for t in score.TYPES}
        self.per_rel = {r: [0, 0, 0] for r in RELATIONS}
        self.confusion: Counter = Counter()
        self.loss: Counter = Counter()  # relation edges right and wrong, by where they are lost (see report)
        self.exp = [0, 0, 0]
        self.values = [0, 0]

    def add(self, ttl: Path, gold: list[dict]) -> None:
        s = self.score
        ex = s.Export(str(ttl))
        counts, per_type, _, _ = s.score(ex, gold)
        for k in self.counts:
            self.counts[k] = [a + b for a, b in zip(self.counts[k], counts[k])]
        for t in self.per_type:
            self.per_type[t] = [a + b for a, b in zip(self.per_type[t], per_type[t])]
        (tp, fp, fn), (vr, vt), _, _ = s.experiment_score(ex, gold)
        self.exp = [self.exp[0] + tp, self.exp[1] + fp, self.exp[2] + fn]
        self.values = [self.values[0] + vr, self.values[1] + vt]
        for paper in gold:
            self._relations(ex, paper)

    def _relations(self, ex, paper: dict) -> None:
        node = ex.papers_by_title.get(self.score.norm(paper["title"]))
        edges = ex.edges(node) if node is not None else []
        gold_rels = defaultdict(set)
        for r in paper["relations"]:
            gold_rels[r["target"]].add(r["rel"])
        matched = set()
        for ent in paper["entities"]:
            names = self.score.gold_names(ent)
            nodes = {n for _, n in edges if ex.labels(n) & names}
            pred = {rel for rel, n in edges if n in nodes}
            matched |= nodes
            for rel in RELATIONS:
                g, p = rel in gold_rels[ent["name"]], rel in pred
                self.per_rel[rel][0] += g and p
                self.per_rel[rel][1] += p and not g
                self.per_rel[rel][2] += g and not p
            gold = gold_rels[ent["name"]]
            if nodes:
                self.confusion[("+".join(sorted(gold)), "+".join(sorted(pred)))] += 1
                self.loss.update(right=len(gold & pred), label_fn=len(gold - pred), label_fp=len(pred - gold))
            else:
                self.loss["missing_fn"] += len(gold)
        for rel, n in edges:
            if n not in matched:
                self.per_rel[rel][1] += 1
                self.loss["extra_fp"] += 1

    def report(self, title: str) -> None:
        prf = self.score.prf
        print(f"\n{title}")
        print(f"{'':<14}{'P':>7}{'R':>7}{'F1':>7}")
        for k, c in self.counts.items():
            print(f"{k:<14}" + "".join(f"{v:7.3f}" for v in prf(*c)))
        if sum(self.exp):
            p, r, f = prf(*self.exp)
            print(f"{'experiment':<14}{p:7.3f}{r:7.3f}{f:7.3f}   values right {self.values[0]}/{self.values[1]}")
        print("per type (an entity found with the annotated type):")
        for t, c in self.per_type.items():
            p, r, f = prf(*c)
            print(f"  {t:<12}{p:7.3f}{r:7.3f}{f:7.3f}   (gold {c[0] + c[2]})")
        print("per relation (entities matched or not):")
        for rel, c in self.per_rel.items():
            p, r, f = prf(*c)
            print(f"  {rel:<12}{p:7.3f}{r:7.3f}{f:7.3f}   (gold {c[0] + c[2]})")
        self._losses()
        print("confusion on matched entities (gold -> predicted), the 12 commonest errors:")
        right = sum(n for (g, p), n in self.confusion.items() if g == p)
        total = sum(self.confusion.values())
        print(f"  label sets right: {right}/{total} = {right / max(total, 1):.3f}")
        errors = [(n, g, p) for (g, p), n in self.confusion.items() if g != p]
        for n, g, p in sorted(errors, key=lambda e: (-e[0], e[1], e[2]))[:12]:
            print(f"  {n:4d}  {g or '-':<22} -> {p or '-'}")


    def _losses(self) -> None:
        """Where relation edges are lost: label sets of found entities, or the entities themselves; and the ceiling
        of the labels alone (every found entity given its annotated label set, the entities left as they are)."""
        lo = self.loss
        p, r, f = self.score.prf(lo["right"] + lo["label_fn"], lo["extra_fp"], lo["missing_fn"])
        print(f"relation edges lost: labels of found entities FN {lo['label_fn']} FP {lo['label_fp']}; entities not "
              f"found FN {lo['missing_fn']}; names the annotation lacks FP {lo['extra_fp']}")
        print(f"  with the annotated label set on every found entity: relation P {p:.3f} R {r:.3f} F1 {f:.3f}")


def folds_of(gold: list[dict]) -> list[set[str]]:
    ids = sorted(p["id"] for p in gold)
    random.Random(13).shuffle(ids)
    return [set(ids[k::FOLDS]) for k in range(FOLDS)]


def experiment_weights(train: list[dict], texts: dict, model_path: str | None) -> dict:
    """The experiment pairing scorer (kg/extract/pairing.py) fitted on ``train`` only."""
    from kg import learn
    from kg.extract import pairing
    from kg.extract.experiment_training import training_rows
    from kg.extract.pipeline import build_nlp

    by_key = {learn.norm(p.title): (p.title, p.abstract) for p in texts.values()}
    rows = training_rows(build_nlp(model_path=model_path), train, by_key, learn.norm)
    return pairing.fit([(kind, facts, label) for kind, facts, label, _ in rows])


def cross_validate(gold: list[dict], extra: list[dict], tmp: Path) -> None:
    """Both learned parts (relation decider, experiment pairing) are refitted on each fold's training papers."""
    from kg import learn
    from kg.extract import pairing

    texts = learn.papers_for(gold + extra, SOURCES)
    rows = learn.feature_rows(gold + extra, texts)
    score = scorer()
    rules, learned = Tally(score), Tally(score)
    shipped_weights = pairing.default_weights
    for k, fold in enumerate(folds_of(gold)):
        model = learn.fit([r for r in rows if r[0] not in fold])
        path = tmp / f"fold{k}.json"
        learn.dump(model, path)
        train = [g for g in gold + extra if g["id"] not in fold]
        held_out = [g for g in gold if g["id"] in fold]
        papers = [texts[g["id"]] for g in held_out if g["id"] in texts]
        (tmp / f"fold{k}.gold.json").write_text(json.dumps(held_out, ensure_ascii=False, indent=1), encoding="utf-8")
        weights = experiment_weights(train, texts, str(path))
        pairing.default_weights = lambda: weights
        try:
            learned.add(build_ttl(papers, tmp / f"fold{k}", str(path)), held_out)
            rules.add(build_ttl(papers, tmp / f"rules{k}", None), held_out)
        finally:
            pairing.default_weights = shipped_weights
    rules.report(f"rules alone for entities and relations (no relation decider, no open vocabulary; the "
                 f"experiment pairing is still fitted on each fold), {len(gold)} papers of train + dev")
    learned.report(f"grouped {FOLDS}-fold cross-validation by paper, {len(gold)} papers of train + dev "
                   f"(+{len(extra)} own annotations in training only)")


def dev_check(tmp: Path) -> None:
    from kg import ingest

    papers = ingest.read([SHARED / "seeds"]).papers
    tally = Tally(scorer())
    dev = [p for p in json.load(open(GOLD[1], encoding="utf-8"))]
    tally.add(build_ttl(papers, tmp / "dev", None if ARGS.no_model else _shipped()), dev)
    tally.report("dev gold (60 seed papers; the shipped model has seen them: a check, not an estimate)")


def _shipped() -> str:
    from kg.extract.pipeline import DEFAULT_MODEL
    return DEFAULT_MODEL


def ablation(tmp: Path) -> None:
    from kg import ingest

    papers = ingest.read([SHARED / "seeds"]).papers
    dev = json.load(open(GOLD[1], encoding="utf-8"))
    for label, flags, model in (("catalogue only", dict(patterns=False, relations=False), None),
                                ("+ patterns", dict(patterns=True, relations=False), None),
                                ("+ relation rules", dict(patterns=True, relations=True), None),
                                ("+ learned decider", dict(patterns=True, relations=True), _shipped())):
        tally = Tally(scorer())
        tally.add(build_ttl(papers, tmp / label.replace(" ", "-"), model, **flags), dev)
        f = [tally.score.prf(*tally.counts[k])[2] for k in ("entity", "typed", "relation")]
        print(f"{label:<20} dev entity F1 {f[0]:.3f} | typed F1 {f[1]:.3f} | relation F1 {f[2]:.3f}")


def rule_ablation(gold: list[dict], tmp: Path) -> None:
    """What each named rule buys: F1 on train + dev with the rule switched off, against all rules on.

    The shipped decider is used (it has seen these papers, so the figures say
    what a rule contributes to the product, not what it would on new papers).
    A rule whose removal raises F1 is harmful there; one that changes nothing
    is dead on these papers.
    """
    from kg import learn
    from kg.extract.engine import REGISTRY

    papers = list(learn.papers_for(gold, SOURCES).values())
    score = scorer()

    def f1s(disabled: frozenset[str], label: str) -> list[float]:
        tally = Tally(score)
        tally.add(build_ttl(papers, tmp / label, _shipped(), disabled_rules=disabled), gold)
        return [score.prf(*tally.counts[k])[2] for k in ("entity", "typed", "relation")] + \
            [score.prf(*tally.exp)[2]]

    base = f1s(frozenset(), "all")
    print(f"all rules on, {len(papers)} papers of train + dev: entity {base[0]:.3f} | typed {base[1]:.3f} | "
          f"relation {base[2]:.3f} | experiment {base[3]:.3f}")
    print(f"{'rule':<28}{'stage':<20}{'entity':>9}{'typed':>9}{'relation':>9}{'exper.':>9}   (F1 lost when off)")
    for rule_id in REGISTRY.ids():
        rule = REGISTRY.get(rule_id)
        off = f1s(frozenset({rule_id}), "off-" + rule_id)
        lost = [b - o for b, o in zip(base, off)]
        flag = "  dead here" if not any(abs(x) > 5e-4 for x in lost) else \
            ("  harmful here" if min(lost) < -5e-4 and max(lost) <= 5e-4 else "")
        print(f"{rule_id:<28}{rule.stage:<20}" + "".join(f"{x:+9.3f}" for x in lost) + flag)


def main() -> None:
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ablation", action="store_true", help="dev figures of each stage of the extractor")
    ap.add_argument("--scirex", action="store_true", help="also report recall on the SciREX papers")
    ap.add_argument("--no-model", action="store_true", help="dev check with the rules alone")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep each fold's Turtle (DIR/fold<k>/kg.ttl) and held-out gold (DIR/fold<k>.gold.json) "
                         "for score.py --details")
    ap.add_argument("--rules", action="store_true",
                    help="only the per-rule ablation: each named rule off in turn, on train + dev")
    ARGS = ap.parse_args()
    from kg import learn

    gold = learn.load_gold(GOLD)
    extra = learn.load_gold(EXTRA)
    with tempfile.TemporaryDirectory() as scratch:
        tmp = ARGS.keep or scratch
        Path(tmp).mkdir(parents=True, exist_ok=True)
        if ARGS.rules:
            rule_ablation(gold, Path(tmp))
            return
        cross_validate(gold, extra, Path(tmp))
        dev_check(Path(tmp))
        if ARGS.ablation:
            print()
            ablation(Path(tmp))
        if ARGS.scirex:
            from kg import ingest
            papers = ingest.read([SHARED / "external" / "scirex" / "scirex_papers.jsonl"]).papers
            tally = Tally(scorer())
            gold_sx = learn.load_gold([SHARED / "external" / "scirex" / "scirex.gold.json"])
            tally.add(build_ttl(papers, Path(tmp) / "scirex", _shipped()), gold_sx)
            c = tally.counts
            print(f"\nSciREX (recall only): entity recall {tally.score.prf(*c['entity'])[1]:.3f} | "
                  f"relation recall {tally.score.prf(*c['relation'])[1]:.3f}")


ARGS = None

if __name__ == "__main__":
    main()
