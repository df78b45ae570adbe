"""Rebuild the catalogue files ``kg/data/*.jsonl`` from ``kg/data/curated/`` and the gazetteers.

Every catalogue file is derived by one module of this folder, in this order,
each step reading the files the steps before it wrote (a benchmark name that is
already a model's is dropped, and so on):

1. ``derive_models.py``      → ``models.jsonl``
2. ``derive_techniques.py``  → ``techniques.jsonl``
3. ``derive_benchmarks.py``  → ``benchmarks.jsonl``, ``datasets.jsonl``
4. ``derive_external_ids.py`` → ``external_ids.jsonl``

``--check`` writes nothing: it derives every file from the shipped ones and
says which differ (exit 1), so a hand edit of a catalogue file, or a curated
change nobody rebuilt, is caught.

Usage (from the repository root)::

    python scripts/derive_catalogue.py [--check] [--only models|techniques|benchmarks|external_ids]
                                       [--gazetteers DIR] [--words PATH] [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import derive_benchmarks  # noqa: E402
import derive_external_ids  # noqa: E402
import derive_models  # noqa: E402
import derive_techniques  # noqa: E402
from derive_common import DATA, GAZETTEERS  # noqa: E402

from kg.catalogue import CatalogueError  # noqa: E402

STEPS = ("models", "techniques", "benchmarks", "external_ids")


def derive_step(step: str, data: Path, gazetteers: Path, words: Path) -> dict[str, str]:
    """File name → text for one step, reading the other catalogue files from ``data``."""
    if step == "models":
        return derive_models.derive(data, gazetteers)
    if step == "techniques":
        return derive_techniques.derive(data, gazetteers, words)
    if step == "benchmarks":
        return derive_benchmarks.derive(data, gazetteers, words)
    return derive_external_ids.text(data, gazetteers)


def differing(data: Path, gazetteers: Path, words: Path, steps=STEPS) -> list[str]:
    """The shipped files in ``data`` that differ from what the steps derive from them."""
    out = []
    for step in steps:
        for name, text in derive_step(step, data, gazetteers, words).items():
            path = data / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                out.append(name)
    return out


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except CatalogueError as exc:  # a catalogue file another step wrote or someone edited
        print(f"error: {exc}", file=sys.stderr)
        return 1


def run(argv: list[str] | None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a shipped file differs")
    ap.add_argument("--only", choices=STEPS, action="append", help="run only this step (repeatable)")
    ap.add_argument("--gazetteers", type=Path, default=GAZETTEERS)
    ap.add_argument("--words", type=Path, default=derive_benchmarks.WORDS, help="English word list (wamerican)")
    ap.add_argument("--data", type=Path, default=DATA, help="catalogue directory to read and write")
    args = ap.parse_args(argv)
    if not args.gazetteers.is_dir():
        print(f"no gazetteers at {args.gazetteers} (give --gazetteers)", file=sys.stderr)
        return 2
    steps = [s for s in STEPS if not args.only or s in args.only]
    if args.check:
        stale = differing(args.data, args.gazetteers, args.words, steps)
        for name in stale:
            print(f"{args.data / name}: differs from what the scripts derive", file=sys.stderr)
        return 1 if stale else 0
    for step in steps:
        for name, text in derive_step(step, args.data, args.gazetteers, args.words).items():
            (args.data / name).write_text(text, encoding="utf-8")
            print(f"wrote {args.data / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
