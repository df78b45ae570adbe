"""Extraction throughput on distinct abstracts: one core, all cores, and the tokenizer alone.

    python bench/extract.py [--n 10000] [--processes N]
    python bench/extract.py --long [--sizes 1000,10000,100000]

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

``--long`` makes abstracts of 1k, 10k and 100k characters (distinct sentences of
the real abstracts, joined) and prints the time per character at each size and
its ratio to the smallest: linear-time extraction keeps the ratio near 1.
Targets: at most 2x at 100k characters, and a 100,000-character abstract in
under 2 s.
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


def long_abstracts(size: int, total: int, seed: int = 11) -> list[tuple[str, str]]:
    """Abstracts of ``size`` characters (whole sentences), ``total`` characters in all, no sentence repeated."""
    sentences = []
    for _, abstract in distinct_abstracts(2000, seed):
        sentences.extend(s for s in SENTENCE.split(abstract) if s)
    random.Random(seed).shuffle(sentences)
    out, i = [], 0
    for k in range(max(1, total // size)):
        parts, length = [], 0
        while length < size and i < len(sentences):
            parts.append(sentences[i])
            length += len(sentences[i]) + 1
            i += 1
        out.append((f"A long paper number {k}", " ".join(parts)[:size]))
    return out


def _long(sizes: list[int]) -> None:
    """Time per character of extraction at each abstract size, each size in a fresh process."""
    base = None
    for size in sizes:
        pairs = long_abstracts(size, total=max(size, 50_000))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
            json.dump(pairs, fh)
        res = subprocess.run([sys.executable, __file__, "--child", "extract", fh.name, "1"],
                             check=True, capture_output=True, text=True)
        os.unlink(fh.name)
        got = json.loads(res.stdout.strip().splitlines()[-1])
        chars = sum(len(a) + len(t) for t, a in pairs)
        per_char = got["seconds"] / chars
        base = base or per_char
        print(f"  {size:>7} characters x {len(pairs):>3}: {got['seconds'] / len(pairs):8.3f} s per abstract, "
              f"{per_char * 1e6:7.2f} µs per character ({per_char / base:5.2f}x the {sizes[0]}-character rate)"
              f"   peak {got['peak_mb']:5.0f} MB")


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
        from kg.extract import extract
        from kg.model import Paper

        papers = [Paper(key=f"b{i}", title=t, abstract=a) for i, (t, a) in enumerate(pairs)]
        extract([], processes=processes)  # start-up (catalogue, pipeline, kept for the next call) is not timed
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
    ap.add_argument("--long", action="store_true", help="time per character on long abstracts instead")
    ap.add_argument("--sizes", default="1000,10000,100000", help="abstract lengths for --long")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], args.child[1], int(args.child[2]))
        return
    if args.long:
        _long([int(s) for s in args.sizes.split(",")])
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
