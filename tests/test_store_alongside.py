"""The store is loaded in a thread from the N-Triples the RDF export makes, as it makes them (kg.store.BackgroundStore)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import export, job, store
from kg.export import rdf

from conftest import EXAMPLES

ALL = ("ttl", "nt", "jsonld", "json", "html")
SAMPLE = EXAMPLES / "daily-papers-sample.txt"


def test_the_store_loaded_beside_the_exports_holds_the_n_triples_and_is_fresh(tmp_path, monkeypatch):
    fed = []
    real = store.BackgroundStore.feed
    monkeypatch.setattr(store.BackgroundStore, "feed", lambda self, data: (fed.append(data), real(self, data)))
    monkeypatch.setattr(rdf, "CHUNK_TRIPLES", 50)  # many chunks: more than the queue holds
    report = job.run([SAMPLE], tmp_path, formats=ALL)
    assert len(fed) > 10 and b"".join(fed) == (tmp_path / "kg.nt").read_bytes()
    assert store.fresh_store(tmp_path) is not None
    assert report.written[-1] == store.store_path(tmp_path)
    nt = ox.Store()
    nt.load(path=str(tmp_path / "kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    loaded = ox.Store.read_only(str(store.store_path(tmp_path) / "db"))
    assert len(nt) > 100 and set(loaded) == set(nt)


def test_without_n_triples_the_store_is_loaded_from_the_turtle_after(tmp_path):
    job.run([SAMPLE], tmp_path, formats=("ttl", "json"))
    nt = ox.Store()
    nt.load(path=str(tmp_path / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    assert set(ox.Store.read_only(str(store.store_path(tmp_path) / "db"))) == set(nt)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".kg.oxigraph")]


def test_a_failed_render_leaves_no_store_of_that_build(tmp_path, monkeypatch):
    real = export.render_into

    def render_into(fh, g, fmt):
        if fmt == "html":
            raise OSError("disk full")
        return real(fh, g, fmt)

    monkeypatch.setattr(export, "render_into", render_into)
    with pytest.raises(OSError, match="disk full"):
        job.run([SAMPLE], tmp_path, formats=ALL)
    assert not [p.name for p in tmp_path.iterdir() if "oxigraph" in p.name]


def test_a_failed_load_is_raised_never_blocks_the_writer_and_leaves_no_store(tmp_path, monkeypatch):
    def broken(self, store_):
        self.queue.get()
        raise RuntimeError("loader failed")

    monkeypatch.setattr(store.BackgroundStore, "_load_queued", broken)
    monkeypatch.setattr(rdf, "CHUNK_TRIPLES", 50)  # the writer goes on feeding after the loader died
    with pytest.raises(RuntimeError, match="loader failed"):
        job.run([SAMPLE], tmp_path, formats=ALL)
    assert (tmp_path / "kg.html").exists()  # the files are written; only the store is missing
    assert not [p.name for p in tmp_path.iterdir() if "oxigraph" in p.name]
