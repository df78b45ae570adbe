"""Precision of the graph's claims on papers nobody annotated: a fixed sample of edges, judged by hand.

    python bench/audit.py                                   # build, sample fineTunes/proposes/trainsOn, score
    python bench/audit.py --out /tmp/audit                  # keep the build there (--from reads it back)
    python bench/audit.py --from /tmp/audit --relations fineTunes --n 120
    python bench/audit.py --from /tmp/audit --unjudged      # the sampled edges with no judgement, as JSON lines
    python bench/audit.py --input ../shared/seeds --judged bench/audit/seeds.jsonl   # another corpus

The cross-validated figures of ``bench/quality.py`` are measured on the 420
annotated papers the rules have been read against for many sessions.  This
script measures on the others: the papers of
``../shared/external/recent-papers/papers.jsonl`` whose normalised title is
in neither gold file are built (``kg.json`` only) and, per relation, the
first ``--n`` edges in the order of a
keyed hash (``--seed``) are the sample.  A hash rank, not a shuffle, so an
edge keeps its place when a change adds or removes other edges: after a fix
the sample is the same edges, less the removed ones, plus the next in line
(an added edge that ranks inside the window pushes the last one out, and an
entity whose label changes is ranked anew).

Judgements are our own annotation, kept in the repo (``bench/audit/``, see
its README): one JSON object per line, matched to an edge by arXiv id,
relation and name (a paper with no arXiv id, as on a listing page, by the
key the export gives it), where the name may be the entity's label or any
form the edge's evidence quotes.  Precision is right / judged over the
sampled edges that have a judgement, with a 95% Wilson interval; judged
edges that are gone from the export are counted apart (wrong ones removed by
a fix, right ones lost).  Entities have their own sample and script:
``bench/audit_entities.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
RECENT = SHARED / "external" / "recent-papers" / "papers.jsonl"
GOLD = [SHARED / "gold" / "train.gold.json", SHARED / "gold" / "dev.gold.json"]
JUDGED = ROOT / "bench" / "audit"
SEED = 15
PAPER = "/paper/"


def norm(text: str) -> str:
    """A title or name compared without case, punctuation or spacing ("Llama-3 8B" = "llama 3 8b")."""
    return re.sub(r"[^0-9a-z.]+", " ", text.casefold()).strip()


def unseen_papers(inputs: Path | list[Path] = RECENT, gold: list[Path] | None = None) -> list:
    """The papers of ``inputs`` (read as ``mlkg build`` reads them) whose title no gold file (default: both) has.

    A gold title is compared as written and as ingest cleans it ("360$^\\circ$" is "360°" in the paper read).
    """
    from kg import ingest
    from kg.clean import plain_text

    raw = [p["title"] for path in (GOLD if gold is None else gold) for p in json.loads(path.read_text(encoding="utf-8"))]
    titles = {norm(t) for t in raw} | {norm(plain_text(t)) for t in raw}
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    return [p for p in ingest.read(paths).papers if norm(p.title) not in titles]


def build(papers: list, out: Path) -> Path:
    """The product's path (ingest → extract → resolve → graph) into ``out/kg.json``."""
    from kg import catalogue, export
    from kg.extract import extract
    from kg.graph import build_graph
    from kg.resolve import resolve

    out.mkdir(parents=True, exist_ok=True)
    export.write_all(build_graph(resolve(papers, extract(papers, processes=1), catalogue.default())), out, ("json",))
    return out / "kg.json"


def edges_of(kg_json: Path) -> list[dict]:
    """Paper → entity edges, flat: arxiv_id, name (the label), type, relation, forms (what the evidence quotes)
    and the first evidence sentence."""
    data = json.loads(kg_json.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    out = []
    for e in data["edges"]:
        paper, entity = nodes.get(e["source"]), nodes.get(e["target"])
        if paper is None or entity is None or PAPER not in e["source"] or entity.get("type") == "Paper":
            continue
        evidence = e.get("evidence") or []
        forms = {entity["label"]} | {_quoted(paper, ev) for ev in evidence if "start" in ev}
        out.append({"arxiv_id": paper.get("arxiv_id") or paper["key"], "name": entity["label"],
                    "type": entity["type"], "relation": e["predicate"], "forms": sorted(forms - {""}),
                    "sentence": evidence[0]["sentence"] if evidence else "", "title": paper.get("title", "")})
    return out


def _quoted(paper: dict, ev: dict) -> str:
    text = paper.get(ev.get("field", "abstract")) or ""
    return text[ev["start"]:ev["end"]]


def rank(seed: int, *parts: str) -> str:
    """An edge's place in the sample order: a keyed hash, stable whatever else the export holds."""
    return hashlib.sha256("\x1f".join((str(seed), *parts)).encode("utf-8")).hexdigest()


def sample(edges: list[dict], group: str, wanted: list[str], n: int, seed: int) -> dict[str, list[dict]]:
    """The first ``n`` edges of each wanted relation (or type: ``group``) in hash order."""
    by = defaultdict(list)
    for e in edges:
        if e[group] in wanted:
            by[e[group]].append(e)
    return {g: sorted(by[g], key=lambda e: rank(seed, g, e["arxiv_id"], norm(e["name"])))[:n] for g in wanted}


def load_judgements(path: Path, group: str) -> dict[tuple[str, str, str], dict]:
    """Judgements keyed by (arxiv_id, relation, normalised name); a later line overrides an earlier.  A line
    whose verdict is not yet given (``--unjudged`` prints them so) is an error, not a wrong edge."""
    out = {}
    if not path.exists():
        return out
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            j = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{i}: not JSON ({exc.msg})") from None
        missing = {"arxiv_id", "name", group, "verdict"} - set(j)
        if missing:
            raise ValueError(f"{path}:{i}: missing {', '.join(sorted(missing))}")
        if j["verdict"] not in ("right", "wrong"):
            raise ValueError(f"{path}:{i}: verdict must be right or wrong, not {j['verdict']!r}")
        out[(j["arxiv_id"], j[group], norm(j["name"]))] = j
    return out


def judgement_of(edge: dict, judged: dict, group: str) -> dict | None:
    """The judgement of an edge under its label or any form its evidence quotes."""
    for form in (edge["name"], *edge.get("forms", ())):
        j = judged.get((edge["arxiv_id"], edge[group], norm(form)))
        if j is not None:
            return j
    return None


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of k successes in n (95% by default); (0, 1) when n is 0."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def tally(picked: list[dict], judged: dict, group: str) -> dict:
    """Right / judged / unjudged over a sample, and the verdicts counted."""
    right = wrong = 0
    unjudged, verdicts = [], defaultdict(int)
    for e in picked:
        j = judgement_of(e, judged, group)
        if j is None:
            unjudged.append(e)
            continue
        verdicts[j["verdict"]] += 1
        right += j["verdict"] == "right"
        wrong += j["verdict"] != "right"
    return {"right": right, "judged": right + wrong, "unjudged": unjudged, "verdicts": dict(verdicts)}


def gone(edges: list[dict], judged: dict, group: str, wanted: list[str]) -> dict[str, dict[str, int]]:
    """Judged edges of the wanted groups that the export no longer has, by verdict (a fix's removals)."""
    present = {(e["arxiv_id"], e[group], norm(f)) for e in edges for f in (e["name"], *e.get("forms", ()))}
    out = {g: defaultdict(int) for g in wanted}
    for key, j in judged.items():
        if key[1] in out and key not in present:
            out[key[1]][j["verdict"]] += 1
    return out


def report(edges: list[dict], judged: dict, group: str, wanted: list[str], n: int, seed: int) -> list[dict]:
    """Print precision per group; return the unjudged sampled edges."""
    picked = sample(edges, group, wanted, n, seed)
    removed = gone(edges, judged, group, wanted)
    todo = []
    print(f"{group:<14}{'edges':>7}{'sample':>8}{'judged':>8}{'right':>7}{'P':>7}  95% CI        gone (judged wrong / right)")
    for g in wanted:
        t = tally(picked[g], judged, group)
        lo, hi = wilson(t["right"], t["judged"])
        p = t["right"] / t["judged"] if t["judged"] else float("nan")
        total = sum(e[group] == g for e in edges)
        gone_wrong = sum(v for k, v in removed[g].items() if k != "right")
        print(f"{g:<14}{total:>7}{len(picked[g]):>8}{t['judged']:>8}{t['right']:>7}{p:>7.3f}  [{lo:.3f}, {hi:.3f}]"
              f"  {gone_wrong} / {removed[g].get('right', 0)}")
        todo += t["unjudged"]
    return todo


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--from", dest="src", type=Path, help="read DIR/kg.json instead of building")
    ap.add_argument("--out", type=Path, help="build into DIR (kept); default: a temporary directory")
    ap.add_argument("--input", type=Path, default=RECENT,
                    help="papers to build (a file or directory mlkg build reads); default: the recent papers")
    ap.add_argument("--relations", default="fineTunes,proposes,trainsOn")
    ap.add_argument("--n", type=int, default=120, help="sample size per relation")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--judged", type=Path, help="judgement file (default: bench/audit/relations.jsonl; "
                    "the seed pages: bench/audit/seeds.jsonl)")
    ap.add_argument("--unjudged", action="store_true", help="print the sampled edges with no judgement")
    args = ap.parse_args()
    if args.src:
        kg_json = args.src / "kg.json"
    else:
        out = args.out or Path(tempfile.mkdtemp(prefix="mlkg-audit-"))
        kg_json = build(unseen_papers(args.input), out)
        print(f"built {kg_json}", file=sys.stderr)
    edges = edges_of(kg_json)
    group, wanted, rows = "relation", args.relations.split(","), edges  # entities: bench/audit_entities.py
    path = args.judged or JUDGED / "relations.jsonl"
    try:
        judged = load_judgements(path, group)
    except ValueError as exc:
        sys.exit(f"audit.py: {exc}")
    todo = report(rows, judged, group, wanted, args.n, args.seed)
    if args.unjudged:
        for e in todo:
            row = {"arxiv_id": e["arxiv_id"], "name": e["name"], group: e[group], "verdict": None,
                   "should_be": None, "sentence": e["sentence"], "why": ""}
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
