"""Time ``kg.load`` of the seeds export, and the first questions asked of it.

    python bench/load.py [EXPORT_DIR]

Without EXPORT_DIR the seeds are built once into a temporary directory
first (not timed).  Prints the best and median of several loads, and the
time of the first query (which builds the name index) and of a second one,
and ``import kg`` + ``kg.load`` in a fresh interpreter.
Target: ``kg.load`` well under a second.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
RUNS = 7


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def report(export: Path) -> None:
    import kg

    size = (export / "kg.json").stat().st_size
    times = [timed(lambda: kg.load(export))[1] for _ in range(RUNS)]
    g = kg.load(export)
    print(f"graph: {g.nx.number_of_nodes()} nodes, {g.nx.number_of_edges()} edges, kg.json {size / 1e6:.1f} MB")
    print(f"kg.load       best {min(times) * 1000:7.1f} ms   median {statistics.median(times) * 1000:7.1f} ms"
          f"   ({RUNS} runs; target well under 1000 ms)")
    _, first = timed(lambda: g.papers(fine_tunes="Llama", evaluated_on="GSM8K"))
    _, second = timed(lambda: g.papers(fine_tunes="Llama", evaluated_on="GSM8K"))
    _, top = timed(lambda: g.top("benchmarks", family="Llama"))
    print(f"first query   {first * 1000:7.1f} ms (builds the name index)")
    print(f"second query  {second * 1000:7.1f} ms")
    print(f"top(family)   {top * 1000:7.1f} ms")
    code = f"import time; t = time.perf_counter(); import kg; kg.load({str(export)!r}); print(time.perf_counter() - t)"
    fresh = float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
    print(f"import kg + kg.load in a fresh interpreter {fresh * 1000:7.1f} ms")


def main() -> None:
    if len(sys.argv) > 1:
        return report(Path(sys.argv[1]))
    from kg import job

    with tempfile.TemporaryDirectory() as out:
        print(f"building {SEEDS} (not timed) ...")
        job.run([SEEDS], out, formats=("json",), processes=2)
        report(Path(out))


if __name__ == "__main__":
    main()
