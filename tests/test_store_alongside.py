"""The store is loaded from the N-Triples export in a thread while the other formats render (kg.store.BackgroundStore)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import export, job, store

from conftest import EXAMPLES

ALL = ("ttl", "nt", "jsonld", "json", "html")


def test_the_store_loaded_beside_the_exports_holds_the_n_triples_and_is_fresh(tmp_path, monkeypatch):
    started = []
    real = store.BackgroundStore.start
    monkeypatch.setattr(store.BackgroundStore, "start", lambda self, path: (started.append(path), real(self, path)))
    report = job.run([EXAMPLES / "daily-papers-sample.txt"], tmp_path, formats=ALL)
    assert len(started) == 1 and started[0].name.startswith(".kg.nt.")  # the temporary file, before its rename
    assert store.fresh_store(tmp_path) is not None
    assert report.written[-1] == store.store_path(tmp_path)
    nt = ox.Store()
    nt.load(path=str(tmp_path / "kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    loaded = ox.Store.read_only(str(store.store_path(tmp_path) / "db"))
    assert len(nt) > 100 and set(loaded) == set(nt)


def test_a_failed_render_leaves_no_store_of_that_build(tmp_path, monkeypatch):
    real = export.render_into

    def render_into(fh, g, fmt):
        if fmt == "html":
            raise OSError("disk full")
        return real(fh, g, fmt)

    monkeypatch.setattr(export, "render_into", render_into)
    with pytest.raises(OSError, match="disk full"):
        job.run([EXAMPLES / "daily-papers-sample.txt"], tmp_path, formats=ALL)
    assert not [p.name for p in tmp_path.iterdir() if "oxigraph" in p.name]


def test_a_failed_load_is_raised_and_leaves_no_store(tmp_path, monkeypatch):
    def broken(store_, fh):
        raise RuntimeError("loader failed")

    monkeypatch.setattr(store, "_load_nt", broken)
    with pytest.raises(RuntimeError, match="loader failed"):
        job.run([EXAMPLES / "daily-papers-sample.txt"], tmp_path, formats=ALL)
    assert (tmp_path / "kg.html").exists()  # the files are written; only the store is missing
    assert not [p.name for p in tmp_path.iterdir() if "oxigraph" in p.name]
