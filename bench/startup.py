"""Start-up time of `mlkg --help` against a bare Python start in the same run.

    python bench/startup.py [--runs 10]

Prints the median wall time of each and the difference (what mlkg adds).
Target: `mlkg --help` under 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    bare = median_seconds([sys.executable, "-c", "pass"], args.runs)
    cases = {"mlkg --help": ["-m", "kg.cli", "--help"], "mlkg build --help": ["-m", "kg.cli", "build", "--help"],
             "import kg": ["-c", "import kg"]}
    print(f"{'python -c pass':20s} {bare:6.3f} s")
    for name, argv in cases.items():
        seconds = median_seconds([sys.executable, *argv], args.runs)
        print(f"{name:20s} {seconds:6.3f} s  (+{seconds - bare:.3f} s over a bare start; target < 0.3 s)")


if __name__ == "__main__":
    main()
