"""Turtle, N-Triples and JSON-LD made from one pass over the triples, a chunk at a time, are each format's bytes."""

from __future__ import annotations

import io

import kg
import pytest

from kg.export import rdf


def _together(g, formats=("ttl", "nt", "jsonld")) -> dict[str, bytes]:
    outputs = {f: io.BytesIO() for f in formats}
    rdf.write_together(g, outputs)
    return {f: b.getvalue() for f, b in outputs.items()}


@pytest.mark.parametrize("chunk", [1, 97, 10**9])
def test_every_chunking_gives_the_bytes_of_each_format_alone(seeds_build, monkeypatch, chunk):
    """Chunk 1 serialises every node's block alone: subjects never run across chunks, prefixes appear once."""
    g = kg.load(seeds_build[0]).nx
    monkeypatch.setattr(rdf, "CHUNK_TRIPLES", chunk)
    made = _together(g)
    for fmt, data in made.items():
        assert data == rdf.serialize(g, fmt), fmt
    assert made["ttl"].count(b"@prefix mlkg:") == 1


def test_blocks_are_the_triples_in_order_and_never_share_a_subject_across_a_boundary(seeds_build):
    g = kg.load(seeds_build[0]).nx
    blocks = list(rdf.blocks(g))
    assert [t for b in blocks for t in b] == list(rdf.triples(g))
    assert all(a[-1].subject != b[0].subject for a, b in zip(blocks, blocks[1:]))


def test_two_formats_or_one_may_be_asked_for(seeds_build):
    g = kg.load(seeds_build[0]).nx
    assert _together(g, ("nt",)) == {"nt": rdf.serialize(g, "nt")}
    with pytest.raises(ValueError, match="unknown RDF format"):
        _together(g, ("ttl", "json"))
