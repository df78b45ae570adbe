"""SciREX misses by cause: build the SciREX papers, score them, and class every missed gold name.

    python bench/scirex_misses.py [--out DIR]

Causes: ``not-in-text`` (the name is not written in the title or abstract as annotated),
``dropped`` (a candidate with that name was found and the decider or a later stage dropped it),
``boundary`` (a candidate overlaps the name's place but spans other words), ``no-candidate``.
An outside check of recall: nothing read here may become a name list, rule or feature.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SX = ROOT.parent / "shared" / "external" / "scirex"


def _score_module():
    spec = importlib.util.spec_from_file_location("score", ROOT.parent / "shared" / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _where(text: str, names: set[str], norm) -> tuple[int, int] | None:
    """The first place in ``text`` whose words normalise to one of ``names``."""
    words = list(re.finditer(r"\S+", text))
    for i in range(len(words)):
        for j in range(i, min(i + 10, len(words))):
            got = norm(text[words[i].start():words[j].end()])
            if got in names:
                return words[i].start(), words[j].end()
    return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", help="keep the build here")
    args = ap.parse_args()
    from kg import catalogue, export, ingest
    from kg.extract import extract
    from kg.extract.pipeline import paper_text
    from kg.extract.runner import find_candidates
    from kg.graph import build_graph
    from kg.resolve import resolve

    s = _score_module()
    papers = ingest.read([SX / "scirex_papers.jsonl"]).papers
    out = Path(args.out or tempfile.mkdtemp())
    exs = extract(papers)
    export.write_all(build_graph(resolve(papers, exs, catalogue.default())), out, ("ttl",))
    ex = s.Export(str(out / "kg.ttl"))
    gold = s.load_gold([SX / "scirex.gold.json"])
    by_title = {s.norm(p.title): (p, e) for p, e in zip(papers, exs)}
    causes: Counter = Counter()
    found = total = 0
    for g in gold:
        node = ex.papers_by_title.get(s.norm(g["title"]))
        labels = set().union(*(ex.labels(n) for _, n in ex.edges(node))) if node is not None else set()
        paper, extraction = by_title.get(s.norm(g["title"]), (None, None))
        for ent in g["entities"]:
            total += 1
            names = s.gold_names(ent)
            if labels & names:
                found += 1
                continue
            if paper is None:
                causes["no-paper"] += 1
                continue
            text, title_end = paper_text(paper.title, paper.abstract)
            cands = find_candidates(text, title_end, catalogue.default(), open_vocab=True)
            place = _where(text, names, s.norm)
            same = [c for c in cands if {s.norm(c.text), *map(s.norm, c.aliases)} & names]
            near = [c for c in cands if place and c.start < place[1] and place[0] < c.end]
            cause = ("dropped" if same else "not-in-text" if place is None else
                     "boundary" if near else "no-candidate")
            causes[cause] += 1
            shown = ", ".join(f"{c.text!r}/{c.type.value}/{c.rule}" for c in (same or near)[:3])
            where = text[max(0, place[0] - 60):place[1] + 40].replace("\n", " | ") if place else ""
            print(f"{cause:<12} {ent['type']:<9} {ent['name']!r:<40} [{shown}] …{where}…")
    print(f"\nentity recall {found}/{total} = {found / total:.3f}; misses by cause: {dict(causes.most_common())}")


if __name__ == "__main__":
    main()
