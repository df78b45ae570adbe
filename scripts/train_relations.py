"""Train the relation decider shipped in kg/data/models/relations.json.

    python scripts/train_relations.py            # writes kg/data/models/relations.json
    python scripts/train_relations.py --out F    # writes elsewhere (the reproducibility test)

Deterministic: the same gold files and code give the same bytes.  Trains on
every annotated paper: ../shared/gold/train.gold.json, dev.gold.json and the
project's own annotations in training/*.gold.json (see training/README.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread: the same sums in the same order
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
GOLD = [SHARED / "gold" / "train.gold.json", SHARED / "gold" / "dev.gold.json",
        *sorted((ROOT / "training").glob("*.gold.json"))]
SOURCES = [SHARED / "seeds", SHARED / "external" / "recent-papers" / "papers.jsonl"]
OUT = ROOT / "kg" / "data" / "models" / "relations.json"


def main(argv: list[str] | None = None) -> int:
    from kg import learn

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    gold = learn.load_gold(GOLD)
    rows = learn.feature_rows(gold, learn.papers_for(gold, SOURCES))
    learn.dump(learn.fit(rows), args.out)
    print(f"trained on {len(rows)} entities of {len(gold)} papers -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
