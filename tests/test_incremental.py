"""Incremental builds (--update with the per-paper extraction cache) and builds on a Dask cluster.

Both must give exactly the files a full serial build of the same inputs gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import cache, ingest, job
from kg.cli import cli

from conftest import EXAMPLES

# loopback only: the socket guard of tests/conftest.py lets these tests reach 127.0.0.1
pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1"])

FILES = ("kg.ttl", "kg.nt", "kg.json", "kg.html")
FORMATS = ("ttl", "nt", "json", "html")


def files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def new_page(tmp_path: Path) -> Path:
    """A second input with new papers, one also on the sample page (its sightings must merge)."""
    seen = ingest.read([EXAMPLES]).papers[0]
    rows = [{"title": "Sparse adapters for small translators",
             "abstract": "We fine-tune Mistral-7B with LoRA and evaluate it on FLORES-200."},
            {"title": "A benchmark of table questions",
             "abstract": "We introduce TabAsk, a benchmark of 3,000 table questions, and evaluate GPT-4o on it."},
            {"title": seen.title, "abstract": seen.abstract, "date": "2025-11-21"}]
    path = tmp_path / "new" / "day2.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_update_equals_a_full_build_and_extracts_only_new_papers(tmp_path, extracted_sizes):
    new = new_page(tmp_path)
    full = job.run([EXAMPLES, new], tmp_path / "full", FORMATS)
    assert full.cached == 0
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, FORMATS)
    extracted = extracted_sizes
    extracted.clear()  # counted from here on: the update alone
    result = CliRunner().invoke(cli, ["build", str(new), "--out", str(out), "--update", "-f", ",".join(FORMATS)])
    assert result.exit_code == 0, result.output
    assert extracted == [2]  # the two new papers; the sample's papers (and the re-sighted one) come from the cache
    assert files(out) == files(tmp_path / "full")
    recorded = json.loads((out / cache.CACHE_DIR / cache.INPUTS).read_text(encoding="utf-8"))["inputs"]
    assert recorded == [str(EXAMPLES.resolve()), str(new.resolve())]


def test_a_changed_extractor_misses_the_cache(tmp_path, monkeypatch):
    out = tmp_path / "out"
    job.run([EXAMPLES], out, ("json",))
    again = job.run([EXAMPLES], out, ("json",))
    assert again.cached > 0
    monkeypatch.setattr(cache, "extractor_version", lambda: "another extractor")
    changed = job.run([EXAMPLES], out, ("json",))
    assert changed.cached == 0
    assert files_equal(out, tmp_path / "fresh")


def files_equal(out: Path, fresh: Path) -> bool:
    job.run([EXAMPLES], fresh, ("json",), cache=False)
    return (out / "kg.json").read_bytes() == (fresh / "kg.json").read_bytes()


def test_the_extractor_version_follows_the_data_files(tmp_path, monkeypatch):
    before = cache.extractor_version()
    package = tmp_path / "kg"
    for sub in ("extract", "data"):
        (package / sub).mkdir(parents=True)
    for name in ("names.py", "catalogue.py", "model.py", "extract/pipeline.py", "data/generic.txt"):
        (package / name).write_text("x\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    cache.extractor_version.cache_clear()
    try:
        one = cache.extractor_version()
        cache.extractor_version.cache_clear()
        (package / "data" / "generic.txt").write_text("y\n", encoding="utf-8")
        assert cache.extractor_version() != one
    finally:
        monkeypatch.undo()
        cache.extractor_version.cache_clear()
    assert cache.extractor_version() == before


def test_update_without_an_earlier_build_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--out", str(tmp_path / "none"), "--update"])
    assert result.exit_code == 1
    assert "no earlier build to update" in result.output and "Traceback" not in result.output


def test_update_with_an_earlier_input_gone_is_one_line(tmp_path):
    page = tmp_path / "page.jsonl"
    page.write_text(json.dumps({"title": "Gone soon", "abstract": "We evaluate Qwen2-7B."}) + "\n", encoding="utf-8")
    job.run([page], tmp_path / "out", ("json",))
    page.unlink()
    result = CliRunner().invoke(cli, ["build", str(new_page(tmp_path)), "--out", str(tmp_path / "out"), "--update"])
    assert result.exit_code == 1 and "is gone" in result.output


def test_a_dask_cluster_build_is_byte_identical_to_a_serial_one(tmp_path):
    distributed = pytest.importorskip("distributed")
    new = new_page(tmp_path)
    serial = job.run([EXAMPLES, new], tmp_path / "serial", FORMATS, cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        result = CliRunner().invoke(cli, ["build", str(EXAMPLES), str(new), "--out", str(tmp_path / "dask"),
                                          "-f", ",".join(FORMATS), "--cluster", address])
    assert result.exit_code == 0, result.output
    assert files(tmp_path / "dask") == files(tmp_path / "serial")
    assert serial.cached == 0


def test_a_bad_cluster_address_is_one_line(tmp_path):
    for address, message in (("8786", "takes tcp://"), ("tcp://127.0.0.1:1", "cannot reach")):
        result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--out", str(tmp_path / "x"), "--cluster", address])
        assert result.exit_code == 1, result.output
        assert message in result.output and "Traceback" not in result.output
