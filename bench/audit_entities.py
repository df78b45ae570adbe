"""Entity precision on papers nobody annotated: r2's fixed sample of (paper, entity) pairs, judged by hand.

    python bench/audit_entities.py --from /tmp/r2-recent            # precision per type against the judgements
    python bench/audit_entities.py --from /tmp/r2-recent --draw     # the sample itself, as JSON lines to judge
    python bench/audit_entities.py --from /tmp/r2-recent --changed --before /tmp/old
        # pairs a change added or removed (over all papers), to judge the new ones
    python bench/audit_entities.py --from /tmp/r2-recent --before /tmp/old
        # also: precision over all pairs before and after, from the judged draw and the judged change
    python bench/audit_entities.py --from /tmp/r8-seeds --judged bench/audit/seed_entities.jsonl --n 250
        # the seed papers in no gold file (their pairs are keyed by title: the pages give no arXiv id)

``--from`` is a build of the recent papers in no gold file (see
``bench/audit/README.md``: ``mlkg build FILE --out DIR``).  A pair is a
paper's arXiv id with the label and type of an entity it has an edge to.
The sample is ``random.Random(15).sample`` of the sorted pairs of the build
it was drawn from; after a change the same judged pairs are looked up again:
those still there keep their verdict, those gone are counted apart (wrong
ones removed, right ones lost), and pairs the change added are listed by
``--changed`` so they can be judged and added to the file (with
``"outside_draw": true``: they count in the estimate over all pairs, never in
the draw's precision).  The estimate over all pairs is the draw's precision
on the pairs the change left alone, with the changed pairs' own verdicts.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "bench" / "audit" / "entities.jsonl"
TYPES = ("Model", "Benchmark", "Dataset", "Technique")


def pairs_of(build: Path) -> dict[tuple[str, str, str], dict]:
    """(arxiv_id, label, type) -> relations and quoted forms, for every paper -> entity edge of a kg.json."""
    graph = json.loads((build / "kg.json").read_text(encoding="utf-8"))
    nodes = {node["id"]: node for node in graph["nodes"]}
    pairs: dict[tuple[str, str, str], dict] = defaultdict(lambda: {"relations": set(), "sentences": []})
    for edge in graph["edges"]:
        paper, entity = nodes[edge["source"]], nodes[edge["target"]]
        if paper.get("type") != "Paper" or entity.get("type") not in TYPES:
            continue
        pair = pairs[(paper_key(paper), entity["label"], entity["type"])]
        pair["field"] = "arxiv_id" if paper.get("arxiv_id") else "title"
        pair["relations"].add(edge["predicate"])
        pair["sentences"] += [ev["sentence"] for ev in edge.get("evidence", [])][:1]
    return pairs


def paper_key(paper: dict) -> str:
    """A paper's arXiv id; its title where it has none (the seed pages give no ids)."""
    return paper.get("arxiv_id") or paper.get("title") or paper["label"]


def draw(pairs: dict, n: int = 300, seed: int = 15) -> list[tuple[str, str, str]]:
    """The audit sample: a seeded draw over the sorted pairs (the draw the judgements were made on)."""
    return random.Random(seed).sample(sorted(pairs), n)


def judged(path: Path = JUDGED, drawn: bool | None = True) -> dict[tuple[str, str, str], dict]:
    """The verdicts by pair: of the draw (``drawn``), of the pairs judged outside it (False), or all (None)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {(paper_key(row), row["name"], row["type"]): row for row in rows
            if drawn is None or drawn != bool(row.get("outside_draw"))}


def estimate(before: dict, after: dict, verdicts: dict) -> str:
    """Precision over all pairs, before and after a change: the draw's precision on the pairs the change
    left alone stands for all of those; every pair it removed or added is judged itself."""
    unchanged, removed, added = set(before) & set(after), set(before) - set(after), set(after) - set(before)
    alone = [k for k, row in verdicts.items() if k in unchanged and not row.get("outside_draw")]
    unjudged = sorted((removed | added) - set(verdicts))
    if not alone or unjudged:
        return f"{len(unjudged)} changed pairs not judged yet (--changed lists them)"
    p = sum(verdicts[k]["verdict"] == "right" for k in alone) / len(alone)
    right = {name: sum(verdicts[k]["verdict"] == "right" for k in keys) for name, keys in
             (("removed", removed), ("added", added))}
    p_before = (p * len(unchanged) + right["removed"]) / len(before)
    p_after = (p * len(unchanged) + right["added"]) / len(after)
    return (f"pairs {len(before)} -> {len(after)}: removed {len(removed)} ({right['removed']} right), added "
            f"{len(added)} ({right['added']} right); P over all pairs {p_before:.3f} -> {p_after:.3f} "
            f"(unchanged pairs {p:.3f} on {len(alone)} drawn)")


def precision(pairs: dict, verdicts: dict) -> tuple[dict[str, Counter], Counter]:
    """Verdicts of the judged pairs still in the build, per type; and of those gone, by verdict."""
    present: dict[str, Counter] = defaultdict(Counter)
    gone: Counter = Counter()
    for key, row in verdicts.items():
        if key in pairs:
            present[key[2]][row["verdict"]] += 1
        else:
            gone[row["verdict"]] += 1
    return present, gone


def report(present: dict[str, Counter], gone: Counter) -> str:
    total = sum(present.values(), Counter())
    lines = []
    for kind, counts in [(kind, present.get(kind, Counter())) for kind in TYPES] + [("all", total)]:
        n = sum(counts.values())
        if n:
            wrong = ", ".join(f"{v} {c}" for v, c in sorted(counts.items()) if v != "right")
            lines.append(f"{kind:10s} P {counts['right'] / n:.3f}  ({counts['right']}/{n}; {wrong or 'none wrong'})")
    lines.append(f"judged pairs gone from the build: {dict(sorted(gone.items())) or 'none'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="build", type=Path, required=True, help="a build of the unannotated recent papers")
    ap.add_argument("--draw", action="store_true", help="print the seeded sample as JSON lines")
    ap.add_argument("--changed", action="store_true", help="print pairs added / removed against --before")
    ap.add_argument("--before", type=Path, help="the build before a change: list (--changed) or weigh its pairs")
    ap.add_argument("--judged", type=Path, default=JUDGED,
                    help="the judgements to score against (default r2's; bench/audit/seed_entities.jsonl for the seeds)")
    ap.add_argument("--n", type=int, default=300, help="size of the draw (300 for r2's file, 250 for the seeds')")
    args = ap.parse_args(argv)
    pairs = pairs_of(args.build)
    if args.draw:
        for key in draw(pairs, n=args.n):
            info = pairs[key]
            print(json.dumps({info["field"]: key[0], "name": key[1], "type": key[2], "relations": sorted(info["relations"]),
                              "sentence": (info["sentences"] or [""])[0]}, ensure_ascii=False))
        return 0
    if args.changed:
        old = pairs_of(args.before)
        verdicts = judged(args.judged, drawn=None)
        for sign, keys in (("+", sorted(set(pairs) - set(old))), ("-", sorted(set(old) - set(pairs)))):
            for key in keys:
                mark = verdicts[key]["verdict"] if key in verdicts else "?"
                print(sign, mark, json.dumps(list(key), ensure_ascii=False))
        return 0
    print(report(*precision(pairs, judged(args.judged))))
    if args.before:
        print(estimate(pairs_of(args.before), pairs, judged(args.judged, drawn=None)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
