"""Extraction throughput on distinct abstracts: one core, all cores, and the tokenizer alone.

    python bench/extract.py [--n 10000] [--processes N]

The seeds hold about 630 distinct abstracts (and repeat some), and spaCy's
tokenizer caches what it has seen, so timing the seeds again and again would
flatter the figures.  This script makes N *distinct* abstracts: each variant
splices sentences of two real abstracts (the seeds and the SciREX papers) and
renumbers every number, deterministically (fixed seed).  Every figure is taken
in a fresh process, so no run warms the tokenizer cache of another.

Prints abstracts per second for: spaCy's tokenizer alone (a fresh
``spacy.blank("en")``), the lighter tokenizer the pipeline uses, the whole
extraction on one core, and on all cores;
and the peak resident memory of each run.  Target: extraction at least 1,000
distinct abstracts per second on one core, near-linear across cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SENTENCE = re.compile(r"(?<=[.!?])\s+")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def distinct_abstracts(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` distinct (title, abstract) pairs made from the real ones."""
    sys.path.insert(0, str(ROOT))
    from kg import ingest

    base = [(p.title, p.abstract) for p in ingest.read([SHARED / "seeds"]).papers]
    scirex = SHARED / "external" / "scirex" / "scirex_papers.jsonl"
    if scirex.exists():
        for line in scirex.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            base.append((rec["title"], rec["abstract"]))
    rng = random.Random(seed)
    out, seen = list(base[:n]), {a for _, a in base[:n]}
    while len(out) < n:
        (title, a), (_, b) = rng.choice(base), rng.choice(base)
        sa, sb = SENTENCE.split(a), SENTENCE.split(b)
        k = rng.randrange(len(sa))
        sa[k] = rng.choice(sb)
        text = NUMBER.sub(lambda m: str(rng.randint(1, 999)), " ".join(sa))
        if text not in seen:
            seen.add(text)
            out.append((f"{title} ({len(out)})", text))
    return out


def _child(mode: str, path: str, processes: int) -> None:
    """Run one measurement in this (fresh) process and print a JSON line."""
    sys.path.insert(0, str(ROOT))
    pairs = json.loads(Path(path).read_text(encoding="utf-8"))
    if mode in ("tokenizer", "light-tokenizer"):
        import spacy

        if mode == "tokenizer":
            nlp = spacy.blank("en")
        else:
            from kg.extract.pipeline import build_nlp
            nlp = build_nlp()
        texts = [f"{t}\n{a}" for t, a in pairs]
        t0 = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        seconds = time.perf_counter() - t0
    else:
        from kg.extract import build_nlp, extract
        from kg.model import Paper

        papers = [Paper(key=f"b{i}", title=t, abstract=a) for i, (t, a) in enumerate(pairs)]
        build_nlp()  # start-up (catalogue, pipeline) is not part of the throughput
        t0 = time.perf_counter()
        extract(papers, processes=processes)
        seconds = time.perf_counter() - t0
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"n": len(pairs), "seconds": seconds, "peak_mb": peak / 1024}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--processes", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], args.child[1], int(args.child[2]))
        return
    pairs = distinct_abstracts(args.n)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(pairs, fh)
    print(f"{len(pairs)} distinct abstracts, {sum(len(a) for _, a in pairs) / len(pairs):.0f} characters on average")
    runs = [("tokenizer alone (spacy.blank)", "tokenizer", 1),
            ("the pipeline's light tokenizer alone", "light-tokenizer", 1),
            ("extraction, 1 process", "extract", 1),
            (f"extraction, {args.processes} processes", "extract", args.processes)]
    one = None
    for label, mode, procs in runs:
        res = subprocess.run([sys.executable, __file__, "--child", mode, fh.name, str(procs)],
                             check=True, capture_output=True, text=True)
        got = json.loads(res.stdout.strip().splitlines()[-1])
        rate = got["n"] / got["seconds"]
        if mode == "extract" and procs == 1:
            one = rate
        scale = f"  ({rate / one:.2f}x one process)" if one and procs > 1 else ""
        print(f"  {label:<34}{rate:9.0f} abstracts/s   peak {got['peak_mb']:5.0f} MB{scale}")
    os.unlink(fh.name)


if __name__ == "__main__":
    main()
