"""Inputs at the limits, small enough for CI: memory stays bounded and the message is clear.

Each case reads in a child process and reports how far its peak RSS rose
above what the imports alone took.  bench/limits.py runs the full sizes
(a 50 MB page, 10,000 files) through `mlkg build` and prints the figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

from conftest import EXAMPLES

MB = 2**20
ABSTRACT = ("We fine-tune Llama 3 with LoRA and evaluate the resulting model on GSM8K, "
            "reporting accuracy across several reasoning tasks.")


def read_in_child(path: Path) -> tuple[float, str]:
    """(MB the peak RSS rose while reading ``path``, what the read said) in a fresh process."""
    script = textwrap.dedent(f"""
        import re
        from kg import ingest

        def status(field):  # kB; VmHWM is the peak RSS, reset below once the imports are done
            with open("/proc/self/status") as fh:
                return int(re.search(field + r":\\s+(\\d+) kB", fh.read()).group(1))

        with open("/proc/self/clear_refs", "w") as fh:  # VmHWM := VmRSS (Linux 4.0+)
            fh.write("5")
        before = status("VmHWM")
        try:
            result = ingest.read([{str(path)!r}])
            said = f"{{len(result.papers)}} papers; " + "; ".join(map(str, result.problems[:3]))
        except ingest.IngestError as exc:
            said = str(exc)
        print((status("VmHWM") - before) / 1024, said, sep="\\n")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rise, said = proc.stdout.split("\n", 1)
    return float(rise), said.strip()


NOT_A_LISTING = "no papers found: not a listing page (expected title lines each followed by an abstract)"


@pytest.mark.parametrize("name, content, said, bound_mb", [
    # _Lines reads a line at a time, _classify is a generator, _Problems keeps fifty.
    # Before: 465 MB for these 4 MB of two-word lines, 5.8 GB for 50 MB.
    ("lines.txt", lambda: b"a b\n" * 1_000_000, NOT_A_LISTING, 20),
    # _Lines never holds more than MAX_LINE_BYTES of a line.  Before: 414 MB for this 20 MB line.
    ("one-line.txt", lambda: b"word " * (4 * MB), NOT_A_LISTING, 20),
    # Only the first 8 KB are read.  Before: the whole 50 MB.
    ("blob.txt", lambda: os.urandom(1024) + b"\x00" * (50 * MB), "binary file (contains NUL bytes): skipped", 5),
    ("zero.txt", lambda: b"", "empty file: skipped", 5),
    ("blank.txt", lambda: b" \n\t\r\n" * (MB // 5), "empty file: skipped", 5),
], ids=["a million short lines", "one 20 MB line", "50 MB binary", "zero bytes", "1 MB of white space"])
def test_a_file_at_the_limits_is_refused_in_bounded_memory(tmp_path, name, content, said, bound_mb):
    page = tmp_path / name
    page.write_bytes(content())
    rise, message = read_in_child(page)
    assert message == f"{name}: {said}"
    assert rise < bound_mb, f"reading {name} raised the peak RSS by {rise:.0f} MB"


def test_a_directory_of_a_thousand_small_pages(tmp_path):
    """bench/limits.py runs 10,000 through a whole build."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(1000):
        (folder / f"{n:04d}.txt").write_text(f"Paper Number {n}\n\n{ABSTRACT}\n", encoding="utf-8")
    (folder / "zero.txt").write_bytes(b"")
    rise, said = read_in_child(folder)
    assert said == "1000 papers; pages/zero.txt: empty file: skipped"
    assert rise < 20, f"reading 1,000 pages raised the peak RSS by {rise:.0f} MB"


def test_a_thousand_unreadable_files_are_counted_after_twenty_warnings(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((EXAMPLES / "daily-papers-sample.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    for n in range(1000):
        (folder / f"bad-{n:04d}.json").write_text(json.dumps({"not": "a list"}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning")]
    assert len(warnings) == 20 and warnings[0] == "warning in/bad-0000.json: JSON is not a list of paper records"
    assert "… and 980 more" in result.output and "1000 problem(s)" in result.output


def test_exports_are_streamed_to_disk_not_held_together_in_memory(tmp_path):
    """Protection: write_all renders each format into its temporary file (before: all five held at once,
    4.5 GB at the peak of a 50 MB page's build, then 1.3 GB; see bench/limits.py)."""
    import tracemalloc

    from kg import export
    from kg.graph import build_graph
    from kg.model import Corpus, Paper

    abstract = ABSTRACT + " " + "All of this is filler text for size. " * 80
    g = build_graph(Corpus(papers=tuple(Paper(key=f"t-{n:05d}", title=f"Paper {n}", abstract=abstract)
                                        for n in range(2000)), entities=(), relations=()))
    tracemalloc.start()
    try:
        written = export.write_all(g, tmp_path, formats=("ttl", "nt", "jsonld", "json", "html"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    total = sum(p.stat().st_size for p in written)
    assert total > 25 * MB
    # Streaming holds the largest text page (HTML: its text and its bytes); holding all five needs > total.
    assert peak < 0.8 * total, f"writing {total / MB:.0f} MB of exports held {peak / MB:.0f} MB at once"


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_the_json_and_the_page_are_written_record_by_record(tmp_path, fmt):
    """Protection: neither writer builds the whole document as one string (before: the text, its
    escaped copies and its bytes, three times the file at once; a 50 MB page's build peaked 0.5 GB higher)."""
    import tracemalloc

    from kg import export
    from kg.graph import build_graph
    from kg.model import Corpus, Paper

    long_title = "A title that goes on " * 150
    g = build_graph(Corpus(papers=tuple(Paper(key=f"t-{n:05d}", title=f"{long_title}{n}", abstract=ABSTRACT)
                                        for n in range(2000)), entities=(), relations=()))
    tracemalloc.start()
    try:
        [written] = export.write_all(g, tmp_path, formats=(fmt,))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = written.stat().st_size
    assert size > 10 * MB
    assert peak < 0.5 * size, f"writing {size / MB:.0f} MB of {fmt} held {peak / MB:.0f} MB at once"
