"""Does a judge reading title and abstract agree with the gold annotators?  The audit's judge, calibrated.

    python bench/calibrate.py sample  --cv /tmp/cv15base           # the sampled CV edges, as JSON lines
    python bench/calibrate.py compare --cv /tmp/cv15base           # judgements against the folds' held-out gold
    python bench/calibrate.py compare --cv /tmp/cv15base --write   # also store "gold" in calibration.jsonl

``bench/audit.py`` measures precision on papers nobody annotated with our own
judgements (``bench/audit/relations.jsonl``).  Before a gap between those
figures and cross-validation is read as the product's, the judging is checked
on edges the gold does cover: the fineTunes, proposes and trainsOn edges of the
cross-validation exports of ``bench/quality.py --keep DIR`` (each fold's papers
unseen by the model that made its export) are sampled with ``random.Random(15)``,
judged blind in ``bench/audit/calibration.jsonl`` under the same standard, and
only then compared with each fold's held-out gold (``DIR/fold<k>.gold.json``).
See ``bench/audit/CALIBRATION.md``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "bench"))
from quality import scorer  # noqa: E402  the shared scorer, loaded as bench/quality.py loads it

JUDGED = ROOT / "bench" / "audit" / "calibration.jsonl"
WANTED = (("fineTunes", 60), ("proposes", 50), ("trainsOn", 40))
SEED = 15
FOLDS = 5


def _evidence(g, M, OA) -> dict:
    """(paper, predicate, entity) → [(order, sentence, quoted form)] from the export's evidence nodes."""
    from rdflib import RDF

    out = defaultdict(list)
    for e in g.subjects(RDF.type, M.Evidence):
        tail = str(e).rsplit("-", 1)[1]
        order = (tail.startswith("x"), int(tail.lstrip("x")))
        exact = ""
        for selector in g.objects(g.value(e, OA.hasTarget), OA.hasSelector):
            quoted = g.value(selector, OA.exact)
            exact = str(quoted) if quoted is not None else exact
        key = (g.value(e, RDF.subject), g.value(e, RDF.predicate), g.value(e, RDF.object))
        out[key].append((order, str(g.value(e, M.sentence)), exact))
    return out


def edges_of(cv: Path) -> list[dict]:
    """Every wanted paper → entity edge of the fold exports: fold, paper, title, name, aliases, forms, sentence."""
    import rdflib
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

    M = rdflib.Namespace("https://w3id.org/mlkg/ontology#")
    OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
    FABIO = rdflib.Namespace("http://purl.org/spar/fabio/")
    out = []
    for k in range(FOLDS):
        g = rdflib.Graph()
        g.parse(cv / f"fold{k}" / "kg.ttl", format="turtle")
        evidence = _evidence(g, M, OA)
        for rel, _ in WANTED:
            for paper, ent in g.subject_objects(M[rel]):
                evs = sorted(evidence.get((paper, M[rel], ent), []))
                arxiv = g.value(paper, FABIO.hasArXivId)
                out.append({"fold": k, "paper": str(paper).rsplit("/", 1)[1],
                            "arxiv_id": str(arxiv) if arxiv else str(paper).rsplit("/", 1)[1],
                            "title": str(g.value(paper, DCTERMS.title)), "name": str(g.value(ent, RDFS.label)),
                            "type": str(g.value(ent, RDF.type)).rsplit("#", 1)[1],
                            "aliases": sorted(str(a) for a in g.objects(ent, SKOS.altLabel)),
                            "relation": rel, "forms": sorted({x[2] for x in evs} - {""}),
                            "sentence": evs[0][1] if evs else ""})
    return sorted(out, key=lambda r: (r["fold"], r["paper"], r["relation"], r["name"]))


def sample(edges: list[dict], seed: int = SEED) -> list[dict]:
    """n edges per relation drawn with one random.Random(seed), relations in WANTED order (all when fewer)."""
    rng = random.Random(seed)
    picked = []
    for rel, n in WANTED:
        pool = [e for e in edges if e["relation"] == rel]
        picked += rng.sample(pool, min(n, len(pool)))
    return picked


def gold_relations(cv: Path, edge: dict, gold_by_title: dict, norm) -> set[str]:
    """The relations the fold's held-out gold gives the edge's entity in the edge's paper (empty: not annotated).

    An entity matches when one of its gold names (name, aliases) equals, after the scorer's normalisation,
    the edge's label, an alias of the node or a form its evidence quotes."""
    paper = gold_by_title[edge["fold"]].get(norm(edge["title"]))
    if paper is None:
        raise LookupError(f"no gold paper for {edge['title']!r} in fold {edge['fold']}")
    ours = {norm(x) for x in (edge["name"], *edge.get("aliases", ()), *edge.get("forms", ()))} - {""}
    names = {e["name"] for e in paper["entities"] if ours & {norm(x) for x in (e["name"], *e.get("aliases", ()))}}
    return {r["rel"] for r in paper["relations"] if r["target"] in names}


def kappa(rg: int, rn: int, wg: int, wn: int) -> float:
    """Cohen's kappa of judge (right/wrong) and gold (has/lacks): agreement beyond what the two rates give by chance."""
    n = rg + rn + wg + wn
    seen = (rg + wn) / n
    chance = ((rg + rn) * (rg + wg) + (wg + wn) * (rn + wn)) / (n * n)
    return (seen - chance) / (1 - chance) if chance < 1 else 1.0


def compare(cv: Path, write: bool) -> None:
    """Print the judge x gold table per relation and every disagreement; optionally store ``gold`` per line."""
    norm = scorer().norm  # the shared scorer's: how cross-validation matched names
    gold_by_title = {k: {norm(p["title"]): p for p in json.loads((cv / f"fold{k}.gold.json").read_text("utf-8"))}
                     for k in range(FOLDS)}
    edges = {(e["fold"], e["arxiv_id"], e["relation"], e["name"]): e for e in edges_of(cv)}
    rows = [json.loads(line) for line in JUDGED.read_text("utf-8").splitlines() if line.strip()]
    table = defaultdict(Counter)
    for row in rows:
        edge = edges[(row["fold"], row["arxiv_id"], row["relation"], row["name"])]
        rels = gold_relations(cv, edge, gold_by_title, norm)
        row["gold"] = row["relation"] in rels
        row["gold_relations"] = sorted(rels)
        table[row["relation"]][(row["verdict"], row["gold"])] += 1
    print(f"{'relation':<11}{'n':>4}{'R&G':>5}{'R&-G':>6}{'W&G':>5}{'W&-G':>6}{'judge P':>9}{'gold P':>8}{'agree':>7}{'kappa':>7}")
    for rel in [*[r for r, _ in WANTED], "all"]:
        t = sum(table.values(), Counter()) if rel == "all" else table[rel]
        n = sum(t.values())
        rg, rn, wg, wn = t[("right", True)], t[("right", False)], t[("wrong", True)], t[("wrong", False)]
        print(f"{rel:<11}{n:>4}{rg:>5}{rn:>6}{wg:>5}{wn:>6}{(rg + rn) / n:>9.3f}{(rg + wg) / n:>8.3f}{(rg + wn) / n:>7.3f}"
              f"{kappa(rg, rn, wg, wn):>7.2f}")
    for row in rows:
        if (row["verdict"] == "right") != row["gold"]:
            gold = ",".join(row["gold_relations"]) or "no such entity"
            print(f"  {row['verdict']:<5} gold={gold:<22} {row['relation']:<9} {row['name']!r} "
                  f"({row['arxiv_id']}): {row['why']}")
    if write:
        keep = ("arxiv_id", "name", "relation", "verdict", "should_be", "sentence", "why", "gold", "fold", "title",
                "forms")
        JUDGED.write_text("".join(json.dumps({k: row[k] for k in keep}, ensure_ascii=False) + "\n" for row in rows),
                          encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("step", choices=("sample", "compare"))
    ap.add_argument("--cv", type=Path, required=True, help="a bench/quality.py --keep DIR")
    ap.add_argument("--write", action="store_true", help="compare: store gold (true/false) in calibration.jsonl")
    args = ap.parse_args(argv)
    if args.step == "sample":
        for e in sample(edges_of(args.cv)):
            print(json.dumps(e, ensure_ascii=False))
    else:
        compare(args.cv, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
