"""Train the experiment pairing scorer and write ``kg/data/models/experiments.json``.

    python scripts/train_experiments.py [--gold FILE ...] [--check]

Reads the gold papers' titles and abstracts from ``../shared/seeds`` and
``../shared/external/recent-papers/papers.jsonl``, runs the extraction pipeline
over them, labels every candidate model–data–kind triple by the gold's
``experiments`` (names compared as the scorer compares them) and fits
:func:`kg.extract.pairing.fit`.  It trains on the papers the relation decider
trains on (train and dev gold, and the project's own annotations in
``training/``), as ``bench/quality.py`` fits it on each fold's training papers:
the cross-validated figure then estimates the shipped scorer.  The dev gold is
no held-out check of it.  Deterministic: the same gold gives the same file.
``--check`` compares instead of writing (exit 1 when the shipped file differs).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kg" / "data" / "models" / "experiments.json"
sys.path.insert(0, str(ROOT))  # this checkout's kg, not whichever one is installed
sys.path.insert(0, str(ROOT / "scripts"))
from train_relations import GOLD, SOURCES as INPUTS  # noqa: E402  (one list of the annotated papers and their texts)


def key(text: str) -> str:
    """The scorer's normalisation of names and titles (one copy, in kg.learn)."""
    from kg.learn import norm

    return norm(text)


def rows_for(gold_paths: list[Path], inputs=INPUTS) -> list[tuple]:
    """Labelled candidate rows ``(kind, facts, is_gold, paper id)`` for the papers of the gold files."""
    from kg import ingest
    from kg.extract.experiment_training import training_rows
    from kg.extract.pipeline import build_nlp

    papers = ingest.read(list(inputs)).papers
    texts = {key(p.title): (p.title, p.abstract) for p in papers}
    gold = [p for path in gold_paths for p in json.loads(Path(path).read_text(encoding="utf-8"))]
    return training_rows(build_nlp(), gold, texts, key)


def train(gold_paths: list[Path]) -> str:
    from kg.extract import pairing

    rows = rows_for(gold_paths)
    return pairing.dumps(pairing.fit([(kind, facts, label) for kind, facts, label, _ in rows]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, action="append")
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing")
    args = ap.parse_args(argv)
    text = train(args.gold or GOLD)
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("experiments.json is up to date" if same else "experiments.json differs from a retraining")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(json.loads(text)['weights'])} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
