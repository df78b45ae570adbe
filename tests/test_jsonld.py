"""Compact JSON-LD: one shipped @context, keys that read as words, and the same triples as the Turtle."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
import rdflib

from conftest import ROOT
from kg.export import jsonld, rdf
from test_rdf import tiny_graph


def _triples(data: bytes, fmt: str) -> set:
    return set(rdflib.Graph().parse(data=data, format=fmt))


def test_the_export_carries_the_shipped_context_and_short_keys():
    doc = json.loads(rdf.serialize(tiny_graph(), "jsonld"))
    shipped = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert doc["@context"] == shipped
    keys = {k for node in doc["@graph"] for k in node}
    assert {"label", "fineTunes", "title"} <= keys
    assert not any(k.startswith("http") for k in keys)
    types = {t for node in doc["@graph"] for t in ([node["@type"]] if isinstance(node["@type"], str)
                                                    else node["@type"])}
    assert "Paper" in types and "Annotation" in types


def test_tiny_graph_round_trips_to_the_turtle_triples():
    g = tiny_graph()
    assert _triples(rdf.serialize(g, "jsonld"), "json-ld") == _triples(rdf.serialize(g, "ttl"), "turtle")


def test_seeds_round_trip_under_pyoxigraph(seeds_build):
    """(rdflib reads the seeds' kg.jsonld back to the Turtle's triples in test_rdf.py.)"""
    out, _ = seeds_build
    ttl = (out / "kg.ttl").read_bytes()
    doc = (out / "kg.jsonld").read_bytes()
    assert set(ox.parse(doc, format=ox.RdfFormat.JSON_LD)) == set(ox.parse(ttl, format=ox.RdfFormat.TURTLE))


@pytest.mark.parametrize("literal", [
    ox.Literal("0.90", datatype=ox.NamedNode(rdf.XSD + "decimal")),
    ox.Literal("--04-01", datatype=ox.NamedNode(rdf.XSD + "gMonthDay")),
    ox.Literal("April, maybe"),
    ox.Literal("7", datatype=ox.NamedNode(rdf.XSD + "integer")),
    ox.Literal("false", datatype=ox.NamedNode(rdf.XSD + "boolean")),
    ox.Literal("bonjour", language="fr"),
])
@pytest.mark.parametrize("predicate", [rdf.DATE, rdf.M["confidence"], rdf.LABEL,
                                       ox.NamedNode("https://example.org/unknown#p")])
def test_any_literal_under_any_property_reads_back_unchanged(literal, predicate):
    """A datatype the context does not declare for a key is written as a value object, not coerced."""
    triple = ox.Triple(ox.NamedNode("https://w3id.org/mlkg/resource/paper/x"), predicate, literal)
    import io

    buffer = io.BytesIO()
    jsonld.write(buffer, [triple])
    assert [q.triple for q in ox.parse(buffer.getvalue(), format=ox.RdfFormat.JSON_LD)] == [triple]


def test_a_huge_integer_stays_an_integer_when_read_back():
    """JSON numbers past 2**53 become doubles in JSON-LD readers: such a count is written as a typed value."""
    import pyoxigraph as ox

    from kg.export import jsonld

    big = ox.Triple(ox.NamedNode("https://w3id.org/mlkg/resource/paper/p"),
                    ox.NamedNode("https://w3id.org/mlkg/ontology#authorCount"),
                    ox.Literal("100000000000000000000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    buf = io.BytesIO()
    jsonld.write(buf, [big])
    back = list(ox.parse(buf.getvalue(), format=ox.RdfFormat.JSON_LD))
    assert [t.object for t in back] == [big.object]
