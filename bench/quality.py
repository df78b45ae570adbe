"""Extraction quality on the dev gold, with an ablation of what each part buys.

    python bench/quality.py [--gold ../shared/gold/dev.gold.json] [--scirex]

Builds the seeds three times and scores each Turtle export with
``../shared/tools/score.py``:

  catalogue only    known names from kg/data, every edge a plain `mentions`
  + patterns        names the catalogue has never seen (shapes, acronyms,
                    proposals, lists), still `mentions` only
  + relation rules  the full extractor: what each paper does with each name

With ``--scirex`` it also prints the entity and relation recall on the
SciREX papers (an outside check annotated by others; precision means little
there because its gold lists only salient entities).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score.py"

CONFIGS = [
    ("catalogue only", dict(patterns=False, relations=False)),
    ("+ patterns", dict(patterns=True, relations=False)),
    ("+ relation rules", dict(patterns=True, relations=True)),
]


def build(inputs: list[Path], out: Path, patterns: bool, relations: bool) -> Path:
    sys.path.insert(0, str(ROOT))
    from kg import catalogue, export, ingest
    from kg.extract import extract
    from kg.graph import build_graph
    from kg.resolve import resolve

    read = ingest.read(inputs)
    extractions = extract(read.papers, processes=1, patterns=patterns, relations=relations)
    graph = build_graph(resolve(read.papers, extractions, catalogue.default()))
    export.write_all(graph, out, ("ttl",))
    return out / "kg.ttl"


def score(ttl: Path, gold: Path, *extra: str) -> str:
    run = subprocess.run([sys.executable, str(SCORER), "--ttl", str(ttl), "--gold", str(gold), *extra],
                         capture_output=True, text=True, check=False)
    return run.stdout


def summary(output: str) -> str:
    last = [line for line in output.splitlines() if line.startswith(("entity F1", "entity recall"))]
    return last[-1] if last else output.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev.gold.json")
    ap.add_argument("--scirex", action="store_true", help="also report recall on the SciREX papers")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for label, flags in CONFIGS:
            ttl = build([SHARED / "seeds"], Path(tmp) / label.replace(" ", "-"), **flags)
            out = score(ttl, args.gold)
            print(f"{label:<18}{summary(out)}")
            if label == CONFIGS[-1][0]:
                print("\n" + "\n".join(l for l in out.splitlines() if re.match(r"^\s*(P|entity|typed|relation|"
                                                                                  r"  [A-Z]|query)", l)))
        if args.scirex:
            papers = SHARED / "external" / "scirex" / "scirex_papers.jsonl"
            ttl = build([papers], Path(tmp) / "scirex", patterns=True, relations=True)
            out = score(ttl, SHARED / "external" / "scirex" / "scirex.gold.json", "--min-entity-recall", "0.01")
            print(f"\nSciREX (outside check, recall is what counts): {summary(out)}")


if __name__ == "__main__":
    main()
