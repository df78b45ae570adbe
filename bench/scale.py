"""A build at scale, then what serving it costs: wall time and peak memory of each step, in fresh processes.

    python bench/scale.py [--n 100000] [--processes N] [--cluster local:2] [--keep DIR]

Makes N distinct papers (as bench/extract.py does: sentences of the real
abstracts spliced and renumbered), then measures, each as its own `mlkg`
process (wall time and peak resident memory from /usr/bin/time or getrusage):

1. a full build of N-50 papers, every format and the on-disk store;
2. adding a page of 50 new papers with ``--update`` (the extraction cache);
3. a count query with ``mlkg sparql`` (opens the store; no Turtle parsing);
4. ``kg.load`` of the node-link JSON; ``mlkg --help``.

Printed next to the figures measured on `main` before this work (issue 16),
for 100,000 papers on 2 cores.  Run it once at most on a shared machine: at
100,000 papers it takes many minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COUNT = "# How many papers?\nSELECT (COUNT(?p) AS ?n) WHERE { ?p a <https://w3id.org/mlkg/ontology#Paper> }\n"
BEFORE = {  # main before issue 16, 100,000 papers, 2 cores (the table)
    "full build": "639 s, 2.9 GB (all formats, no store)",
    "--update with 50 papers": "a full rebuild",
    "sparql count": "90 s, 5.6 GB (re-parses the Turtle)",
    "kg.load": "11-15 s",
    "mlkg --help": "1.1-2 s",
}


def measure(argv: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MB, stdout) of one child process (its own peak, from wait4)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as fh, tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(argv, stdout=fh, stderr=errors, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - t0
        fh.seek(0)
        errors.seek(0)
        if proc.returncode:
            raise SystemExit(f"{' '.join(argv[:3])} … failed:\n{errors.read()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, fh.read()


def papers(n: int, path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from extract import distinct_abstracts

    with path.open("w", encoding="utf-8") as fh:
        for title, abstract in distinct_abstracts(n):
            fh.write(json.dumps({"title": title, "abstract": abstract}, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--processes", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cluster", default=None, help="build on Dask (tcp://HOST:PORT or local:N)")
    ap.add_argument("--keep", type=Path, default=None, help="build into this directory and keep it")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mlkg-scale-"))
    out = args.keep or tmp / "out"
    corpus, day = tmp / "corpus.jsonl", tmp / "day.jsonl"
    t0 = time.perf_counter()
    papers(args.n, corpus)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    corpus.write_text("".join(lines[:-50]), encoding="utf-8")
    day.write_text("".join(lines[-50:]), encoding="utf-8")
    print(f"{args.n} distinct papers made in {time.perf_counter() - t0:.0f} s; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    mlkg = [str(BIN / "mlkg")]
    build = [*mlkg, "build", str(corpus), "--out", str(out), "-q", "-j", str(args.processes)]
    if args.cluster:
        build += ["--cluster", args.cluster]
    rq = tmp / "count.rq"
    rq.write_text(COUNT, encoding="utf-8")
    steps = [
        ("full build", build),
        ("--update with 50 papers", [*mlkg, "build", str(day), "--out", str(out), "--update"]),
        ("sparql count", [*mlkg, "sparql", str(rq), "--export", str(out), "-f", "csv"]),
        ("kg.load", [sys.executable, "-c", f"import kg; kg.load({str(out)!r})"]),
        ("mlkg --help", [*mlkg, "--help"]),
    ]
    for name, argv in steps:
        seconds, peak, output = measure(argv)
        extra = f"  -> {output.splitlines()[-1]} papers" if name == "sparql count" else ""
        if name.startswith("--update"):
            extra = "  " + " ".join(output.split())[-300:]  # its stage times
        print(f"  {name:<26}{seconds:8.1f} s  peak {peak:6.0f} MB{extra}   (before: {BEFORE[name]})")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"  output {size / 1e9:.2f} GB in {out}" + ("" if args.keep else " (removed)"))
    if not args.keep:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
