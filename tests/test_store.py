"""The on-disk SPARQL store beside the exports: written by a build, opened by queries, never stale."""

from __future__ import annotations

import json
import os

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import job, sparql, store
from kg.cli import cli

COUNT_PAPERS = """# How many papers?
PREFIX mlkg: <https://w3id.org/mlkg/ontology#>
SELECT (COUNT(?p) AS ?n) WHERE { ?p a mlkg:Paper }
"""


def records(path, *titles):
    path.write_text("".join(json.dumps({"title": t, "abstract": f"We fine-tune Mistral-7B for {t.lower()} "
                                        "and evaluate it on GSM8K."}) + "\n" for t in titles), encoding="utf-8")
    return path


def count(source) -> int:
    return int(sparql.run(sparql.parse_query(COUNT_PAPERS), source).rows[0][0])


@pytest.fixture
def built(tmp_path):
    out = tmp_path / "out"
    job.run([records(tmp_path / "a.jsonl", "Tiny solvers", "Small provers")], out, ("ttl", "json"))
    return out


def test_build_writes_a_store_with_the_same_triples_as_the_turtle(built):
    db = store.fresh_store(built)
    assert db is not None and db.is_dir()
    on_disk = ox.Store.read_only(str(db))
    parsed = ox.Store()
    parsed.bulk_load(path=str(built / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    assert set(on_disk) == set(parsed)
    assert store.stamp(built)["triples"] == len(parsed)


def test_queries_open_the_store_not_the_turtle(built):
    opened = sparql.load_export(built)
    assert isinstance(opened, ox.Store)
    (built / "kg.ttl").unlink()  # the Turtle is not read when the store is there
    assert count(built) == 2


def test_a_turtle_newer_than_the_store_is_used_instead(built, tmp_path):
    other = tmp_path / "other"
    job.run([records(tmp_path / "b.jsonl", "One", "Two", "Three")], other, ("ttl",), store=False)
    os.replace(other / "kg.ttl", built / "kg.ttl")  # a later build that wrote no store
    os.utime(built / "kg.ttl")
    assert store.fresh_store(built) is None
    assert count(built) == 3


def test_a_rebuild_replaces_the_store(built, tmp_path):
    job.run([records(tmp_path / "c.jsonl", "Only one")], built, ("ttl",))
    (built / "kg.ttl").unlink()
    assert count(built) == 1
    assert [p.name for p in built.iterdir() if p.name.startswith(".kg")] == []  # no temporary left


def test_no_store_flag_and_the_cli_query(tmp_path):
    src = records(tmp_path / "a.jsonl", "Tiny solvers")
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(src), "--out", str(tmp_path / "n"), "-f", "ttl", "--no-store", "-q"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "n" / store.STORE_DIR).exists()
    result = runner.invoke(cli, ["build", str(src), "--out", str(tmp_path / "s"), "-f", "ttl", "-q"])
    assert result.exit_code == 0 and (tmp_path / "s" / store.STORE_DIR).is_dir()
    rq = tmp_path / "count.rq"
    rq.write_text(COUNT_PAPERS, encoding="utf-8")
    (tmp_path / "s" / "kg.ttl").unlink()
    result = runner.invoke(cli, ["sparql", str(rq), "--export", str(tmp_path / "s"), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "1"]


def test_out_of_memory_is_reported_as_such(built, monkeypatch):
    class Exhausted:
        def bulk_load(self, **kwargs):
            raise MemoryError

    monkeypatch.setattr(sparql.ox, "Store", Exhausted)
    with pytest.raises(sparql.QueryError, match="out of memory"):
        sparql.load_export(built / "kg.ttl")


@pytest.mark.parametrize("suffix", [".nt", ".ttl", None])
def test_a_source_loaded_in_many_small_chunks_gives_every_triple(tmp_path, monkeypatch, suffix):
    """The bulk loader gets a bounded piece at a time (it holds what it is given): no triple is lost or split."""
    triples = [ox.Triple(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                         ox.Literal(f"line one\nline \"two\" of {i}")) for i in range(500)]
    monkeypatch.setattr(store, "CHUNK_BYTES", 300)
    monkeypatch.setattr(store, "CHUNK_QUADS", 7)
    source = triples
    if suffix:
        source = tmp_path / f"kg{suffix}"
        fmt = ox.RdfFormat.N_TRIPLES if suffix == ".nt" else ox.RdfFormat.TURTLE
        ox.serialize(triples, str(source), format=fmt)
    db = store.write_store(source, tmp_path / "out")
    loaded = ox.Store.read_only(str(db / "db"))
    assert {q.triple for q in loaded} == set(triples)
