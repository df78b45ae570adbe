"""Peak memory and time of `mlkg build` on inputs at the limits.

    python bench/limits.py            # the full sizes: about five minutes on 2 cores
    python bench/limits.py --quick    # a tenth of the sizes, under a minute
    python bench/limits.py --case lines --case binary
    python bench/limits.py --case tiny100k --case tiny1m --stages   # and each stage's time and peak

Each case is built in a fresh process (`mlkg build INPUT --out TMP -j N`,
every format) and reported as: peak RSS of the main process (VmHWM), of the
largest forked extraction worker (it shares the main process's pages at the
fork), wall time, CPU time of all its processes (steadier than wall time on a shared
machine), exit status, the first warning or error and the last line
the command printed (its clear message or its summary).  With --stages, each
stage of the build (ingest, extraction with the cache, graph, exports, store)
follows on its own line: its wall and CPU time in the main process, and the
main process's peak RSS while it ran (the peak is reset as a stage starts,
through /proc/self/clear_refs).  The cases:

  page       a 50 MB listing page of real abstracts (the seeds, titles numbered)
  lines      a 50 MB page of two-word lines: 12.5 million entries too short to keep
  one-line   a 50 MB page that is one line
  files      a directory of 10,000 small pages, one paper each
  binary     a 50 MB binary file
  zero       a zero-byte file
  json       a 100 MB JSON document that is not an array (over the 64 MB limit for one)
  tiny100k   100,000 tiny records in JSON Lines ({"title": "Paper number N", "abstract": "We study things."})
  tiny1m     a million of them (several minutes on 2 cores: not in the default run)
  empty60    a 60 MB .json array of 20 million empty objects (read one at a time, all refused)

The inputs are generated in a temporary directory and removed afterwards.
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
SEEDS = ROOT.parent / "shared" / "seeds"
MB = 2**20

RUNNER = """
import functools, resource, sys, time
import kg.cache, kg.export, kg.job, kg.query

STAGES, STACK = [], []  # (name, seconds, cpu, peak kB); the running peak of each open stage

def hwm():
    with open("/proc/self/status") as fh:  # VmHWM: this process's own peak (ru_maxrss carries the parent's over exec)
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))

def reset_hwm():  # the peak from here on (Linux >= 4.0); a stage's own peak, not the one before it
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass

def staged(name, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if STACK:
            STACK[-1] = max(STACK[-1], hwm())
        STACK.append(0)
        reset_hwm()
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            peak = max(STACK.pop(), hwm())
            STAGES.append((name, time.perf_counter() - t0, time.process_time() - c0, peak))
            if STACK:
                STACK[-1] = max(STACK[-1], peak)
    return wrapper

for owner, attr, name in [(kg.job.ingest, "read_streamed", "ingest: read"),
                          (kg.job, "add_papers_in_key_order", "ingest: merge into paper nodes"), (kg.job, "extract", "extract"),
                          (kg.cache.ExtractionCache, "extract", "cache+extract"), (kg.job, "resolve", "resolve"),
                          (kg.job, "add_corpus", "graph corpus"),
                          (kg.export, "write_all", "export files"), (kg.job, "write_store_timed", "export store"),
                          (kg.query.KnowledgeGraph, "counts", "summary counts")]:
    setattr(owner, attr, staged(name, getattr(owner, attr)))

from kg.cli import main
sys.argv = ["mlkg", "build", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
else:
    code = 0
own = max([hwm(), *(peak for *_, peak in STAGES)])
children = resource.getrusage(resource.RUSAGE_CHILDREN)
me = resource.getrusage(resource.RUSAGE_SELF)
cpu = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
for name, seconds, stage_cpu, peak in STAGES:
    print(f"@stage {name}|{seconds:.1f}|{stage_cpu:.1f}|{peak}", file=sys.stderr)
print(f"@@ {own} {children.ru_maxrss} {code} {cpu:.1f}", file=sys.stderr)
"""

def seed_papers() -> list[tuple[str, str]]:
    from kg import ingest

    return [(p.title, p.abstract) for p in ingest.read([SEEDS]).papers]


def make_page(path: Path, size: int) -> str:
    papers = seed_papers()
    written = n = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < size:
            title, abstract = papers[n % len(papers)]
            entry = f"{title} (copy {n // len(papers)})\n\n{abstract}\n\n"
            fh.write(entry)
            written += len(entry.encode("utf-8"))
            n += 1
    return f"{n:,} entries"


def make_lines(path: Path, size: int) -> str:
    with path.open("w") as fh:
        for _ in range(size // (4 * 100_000)):
            fh.write("a b\n" * 100_000)
    return f"{size // 4:,} lines"


def make_one_line(path: Path, size: int) -> str:
    with path.open("w") as fh:
        for _ in range(size // MB):
            fh.write("word " * (MB // 5))
    return "one line"


def make_files(path: Path, count: int) -> str:
    path.mkdir()
    papers = seed_papers()
    for n in range(count):
        title, abstract = papers[n % len(papers)]
        (path / f"{n:05d}.txt").write_text(f"{title} (copy {n // len(papers)})\n\n{abstract}\n", encoding="utf-8")
    return f"{count:,} files"


def make_binary(path: Path, size: int) -> str:
    path.write_bytes(os.urandom(size // 2) + b"\x00" + os.urandom(size // 2))
    return "random bytes"


def make_json(path: Path, size: int) -> str:
    papers = seed_papers()
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"papers": [')
        written = n = 0
        while written < size:
            title, abstract = papers[n % len(papers)]
            record = json.dumps({"title": f"{title} (copy {n})", "abstract": abstract}) + ",\n"
            fh.write(record)
            written += len(record)
            n += 1
        fh.write("{}]}")
    return f"{n:,} records"


def make_tiny(path: Path, count: int) -> str:
    with path.open("w", encoding="utf-8") as fh:
        for n in range(count):
            fh.write(json.dumps({"title": f"Paper number {n}", "abstract": "We study things."}) + "\n")
    return f"{count:,} records"


def make_empty_objects(path: Path, size: int) -> str:
    count = (size - 1) // 3
    with path.open("w", encoding="utf-8") as fh:
        fh.write("[{}")
        for _ in range(count // 100_000):
            fh.write(",{}" * 100_000)
        fh.write(",{}" * (count % 100_000) + "]")
    return f"{count + 1:,} objects"


CASES = {
    "page": ("page.txt", make_page, 50 * MB),
    "lines": ("lines.txt", make_lines, 50 * MB),
    "one-line": ("one-line.txt", make_one_line, 50 * MB),
    "files": ("files", make_files, 10_000),
    "binary": ("binary.txt", make_binary, 50 * MB),
    "zero": ("zero.txt", lambda p, _: (p.write_bytes(b""), "0 bytes")[1], 0),
    "json": ("records.json", make_json, 100 * MB),
    "tiny100k": ("tiny.jsonl", make_tiny, 100_000),
    "tiny1m": ("tiny.jsonl", make_tiny, 1_000_000),
    "empty60": ("empty.json", make_empty_objects, 60 * 10**6),
}
DEFAULT = [name for name in CASES if name != "tiny1m"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a tenth of each size")
    ap.add_argument("--case", action="append", choices=sorted(CASES), help="run only these (repeatable)")
    ap.add_argument("--processes", "-j", type=int, default=2)
    ap.add_argument("--stages", action="store_true",
                    help="also each stage's time, CPU time and peak RSS of the main process (its own, from its start)")
    args = ap.parse_args()

    print(f"{'case':<9}{'input':>22}{'main RSS':>10}{'worker':>8}{'wall':>8}{'cpu':>8}  exit  "
          "first warning / last line printed")
    for name in args.case or DEFAULT:
        filename, make, size = CASES[name]
        size = size // 10 if args.quick else size
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / filename
            what = make(target, size)
            if target.is_file():
                what = f"{target.stat().st_size / MB:.0f} MB, {what}"
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", RUNNER, str(target), "--out", str(Path(tmp) / "out"),
                                   "-j", str(args.processes)],
                                  capture_output=True, text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "300"})
            wall = time.perf_counter() - t0
        own, workers, code, cpu = proc.stderr.rsplit("@@ ", 1)[1].split()
        printed = proc.stdout + proc.stderr.rsplit("@@ ", 1)[0]
        stages = [line[7:].split("|") for line in printed.splitlines() if line.startswith("@stage ")]
        lines = [line for line in printed.splitlines() if line.strip() and not line.startswith("@stage ")]
        said = [line for line in lines if line.startswith(("error", "warning"))][:1] + lines[-1:]
        print(f"{name:<9}{what:>22}{int(own) / 1024:>8.0f}MB{int(workers) / 1024:>6.0f}MB{wall:>7.1f}s{cpu:>7}s"
              f"  {code:>4}  {' / '.join(line[:100] for line in said)}", flush=True)
        if args.stages:
            for stage, seconds, stage_cpu, peak in stages:
                print(f"  {stage:<29}{int(peak) / 1024:>8.0f}MB{'':>8}{seconds:>7}s{stage_cpu:>7}s", flush=True)


if __name__ == "__main__":
    main()
