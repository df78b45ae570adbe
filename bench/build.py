"""Time each stage of a full build of the seeds, and the peak memory.

    python bench/build.py [INPUT ...] [--processes N]

Prints one line per stage (ingest, extract, resolve, graph, each export),
the wall time of the whole run including interpreter start-up as measured by
a fresh process, and the peak resident memory.  Target: the seeds build under
5 s wall on a 2-core machine, start-up included.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", default=[str(SEEDS)])
    ap.add_argument("--processes", "-j", type=int, default=None)
    args = ap.parse_args()

    from kg import job
    from kg.extract import default_processes

    processes = args.processes or default_processes()
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        report = job.run(args.inputs, out, formats=("ttl", "nt", "jsonld", "json", "html"), processes=processes)
        total = time.perf_counter() - t0
    print(f"graph: {report.graph.number_of_nodes()} nodes, {report.graph.number_of_edges()} edges, "
          f"{processes} process(es)")
    for stage, seconds in report.timings.items():
        print(f"  {stage:<14}{seconds:8.3f} s")
    print(f"  {'in-process':<14}{total:8.3f} s")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak RSS {peak_kb / 1024:.0f} MB (largest worker {children_kb / 1024:.0f} MB)")

    with tempfile.TemporaryDirectory() as out:
        cli = Path(sys.executable).with_name("mlkg")
        t0 = time.perf_counter()
        subprocess.run([str(cli), "build", *args.inputs, "--out", out, "--quiet"], check=True)
        print(f"`mlkg build` wall, start-up included: {time.perf_counter() - t0:.2f} s (target < 5 s)")


if __name__ == "__main__":
    main()
