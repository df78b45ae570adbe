"""The store is loaded in a thread from the N-Triples file as it is written, while the exports render (kg.store.BackgroundStore)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import job, store
from kg.export import rdf, splice

from conftest import EXAMPLES

ALL = ("ttl", "nt", "jsonld", "json", "html")


def test_the_store_loaded_beside_the_exports_holds_the_n_triples_and_is_fresh(tmp_path, monkeypatch):
    fed = []  # (path, bytes written, whether kg.nt was in place yet) at each chunk
    real = store.BackgroundStore.feed
    monkeypatch.setattr(rdf, "CHUNK_TRIPLES", 100)  # several chunks
    monkeypatch.setattr(splice, "NT_FEED_BYTES", 20_000)  # the same when the build splices (it keeps a cache)
    monkeypatch.setattr(store, "CHUNK_BYTES", 3000)  # loaded in several pieces, some lines cut by the reads
    monkeypatch.setattr(store.BackgroundStore, "feed", lambda self, path, size: (
        fed.append((path, size, (tmp_path / "kg.nt").exists())), real(self, path, size)))
    report = job.run([EXAMPLES / "daily-papers-sample.txt"], tmp_path, formats=ALL)
    assert len(fed) > 3 and not any(in_place for *_, in_place in fed)  # loaded as it was written
    assert all(path.name.startswith(".kg.nt.") for path, *_ in fed)  # the temporary file, before its rename
    sizes = [size for _, size, _ in fed]
    assert sizes == sorted(sizes) and sizes[-1] == (tmp_path / "kg.nt").stat().st_size
    assert store.fresh_store(tmp_path) is not None
    assert report.written[-1] == store.store_path(tmp_path)
    nt = ox.Store()
    nt.load(path=str(tmp_path / "kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    loaded = ox.Store.read_only(str(store.store_path(tmp_path) / "db"))
    assert len(nt) > 100 and set(loaded) == set(nt)


def test_a_line_longer_than_a_read_is_loaded_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "CHUNK_BYTES", 10)
    nt = tmp_path / "a.nt"
    lines = [f'<http://e.org/s{n}> <http://e.org/p> "{"x" * 25 * n}" .\n'.encode() for n in range(4)]
    nt.write_bytes(b"")
    background = store.BackgroundStore(tmp_path / "out")
    with nt.open("ab") as fh:
        for n, line in enumerate(lines):
            fh.write(line)
            fh.flush()
            background.feed(nt, fh.tell())
    background.finish()
    loaded = ox.Store.read_only(str(store.store_path(tmp_path / "out") / "db"))
    assert sorted(len(q.object.value) for q in loaded) == [0, 25, 50, 75]


def test_a_failed_render_leaves_no_store_of_that_build(tmp_path, monkeypatch):
    from kg.export import html

    def render_into(*args, **kwargs):  # the page, whole or spliced (kg/export/htmlsplice.py)
        raise OSError("disk full")

    monkeypatch.setattr(html, "render_into", render_into)
    with pytest.raises(OSError, match="disk full"):
        job.run([EXAMPLES / "daily-papers-sample.txt"], tmp_path, formats=ALL)
    assert not [p.name for p in tmp_path.iterdir() if "oxigraph" in p.name]


@pytest.mark.parametrize("chunk_triples", [rdf.CHUNK_TRIPLES, 20])  # one chunk; many
def test_a_failed_load_is_raised_and_leaves_no_store(tmp_path, monkeypatch, chunk_triples):
    def broken(store_, data):
        raise RuntimeError("loader failed")

    monkeypatch.setattr(store, "_load_chunk", broken)
    monkeypatch.setattr(rdf, "CHUNK_TRIPLES", chunk_triples)
    with pytest.raises(RuntimeError, match="loader failed"):
        job.run([EXAMPLES / "daily-papers-sample.txt"], tmp_path, formats=ALL)
    assert (tmp_path / "kg.html").exists()  # the files are written; only the store is missing
    assert not [p.name for p in tmp_path.iterdir() if "oxigraph" in p.name]
