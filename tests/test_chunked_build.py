"""A build extracts its papers a chunk at a time (kg.job.CHUNK), resolving each chunk before the next:
the files are those of a build that extracts every paper at once."""

from __future__ import annotations

from pathlib import Path

from kg import job

from conftest import EXAMPLES

FORMATS = ("ttl", "json")


def files(out: Path) -> dict[str, bytes]:
    return {name: (out / f"kg.{name}").read_bytes() for name in FORMATS}


def test_a_chunked_build_writes_the_files_of_a_whole_one_and_counts_every_chunks_cache_hits(tmp_path, monkeypatch,
                                                                                            extracted_sizes):
    whole = job.run([EXAMPLES], tmp_path / "whole", FORMATS, cache=False)
    sizes = extracted_sizes
    sizes.clear()  # counted from here on, not in the whole build
    monkeypatch.setattr(job, "CHUNK", 3)
    out = tmp_path / "chunked"
    first = job.run([EXAMPLES], out, FORMATS)
    papers = sum(1 for _, d in whole.graph.nodes(data=True) if d["type"] == "Paper")
    assert papers > 6 and sum(sizes) == papers and max(sizes) == 3  # several chunks, none larger
    assert files(out) == files(tmp_path / "whole")
    assert first.cached == 0
    again = job.run([EXAMPLES], out, FORMATS)
    assert again.cached == papers  # every chunk's hits, not the last chunk's
    assert files(out) == files(tmp_path / "whole")
