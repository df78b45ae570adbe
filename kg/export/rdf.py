"""The graph as RDF in the vocabulary of ``ontology/mlkg.ttl``.

Triples are generated from the NetworkX graph in a fixed order and streamed
through pyoxigraph's serialisers (an order of magnitude faster than rdflib's),
so the same graph gives byte-identical Turtle, N-Triples and JSON-LD.

Every paper → entity edge is a plain triple (``?paper mlkg:fineTunes ?model``)
*and* an evidence resource that restates it (``rdf:subject``/``rdf:predicate``/
``rdf:object``) with the sentence, its offsets, the rule and a confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.graph import RESOURCE
from kg.model import DERIVED_FROM, VARIANT_OF

MLKG = "https://w3id.org/mlkg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
FABIO = "http://purl.org/spar/fabio/"
SCHEMA = "https://schema.org/"

PREFIXES = {
    "mlkg": MLKG, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS, "xsd": XSD,
    "owl": OWL, "prov": PROV, "oa": OA, "fabio": FABIO, "schema": SCHEMA,
    "paper": RESOURCE + "paper/", "entity": RESOURCE + "entity/", "evidence": RESOURCE + "evidence/",
}

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}

_CODE_HOSTS = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|"
                         r"codeberg\.org)/", re.IGNORECASE)


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


TYPE = _n(RDF + "type")
LABEL = _n(RDFS + "label")
ALT_LABEL = _n(SKOS + "altLabel")


def _lit(value: object, datatype: str | None = None) -> ox.Literal:
    if datatype:
        return ox.Literal(str(value), datatype=_n(datatype))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_n(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_n(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=_n(XSD + "decimal"))
    return ox.Literal(str(value))


def _date(value: str) -> ox.Literal:
    if value.startswith("--"):
        return _lit(value, XSD + "gMonthDay")
    return _lit(value, XSD + "date")


def _iri_or_none(url: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(url)
    except ValueError:
        return None


def triples(g: nx.MultiDiGraph) -> Iterator[ox.Triple]:
    """All triples of the graph, in a stable order: papers, entities, evidence."""
    T = ox.Triple
    nodes = sorted(g.nodes(data=True), key=lambda nd: (nd[1]["type"] != "Paper", nd[0]))
    for iri, data in nodes:
        s = _n(iri)
        if data["type"] == "Paper":
            yield from _paper(s, data)
            for _, target, key, edata in sorted(g.out_edges(iri, keys=True, data=True), key=lambda e: (e[2], e[1])):
                yield T(s, _n(MLKG + key), _n(target))
            continue
        yield T(s, TYPE, _n(MLKG + data["type"]))
        if data.get("is_family"):
            yield T(s, TYPE, _n(MLKG + "ModelFamily"))
        yield T(s, LABEL, _lit(data["label"]))
        for alias in data.get("aliases", ()):
            yield T(s, ALT_LABEL, _lit(alias))
        yield T(s, _n(MLKG + "inCatalogue"), _lit(bool(data.get("in_catalogue"))))
        for _, parent, key in sorted(g.out_edges(iri, keys=True)):
            if key in (VARIANT_OF, DERIVED_FROM):
                yield T(s, _n(MLKG + key), _n(parent))
    for iri, data in nodes:
        if data["type"] != "Paper":
            continue
        n = 0
        for _, target, key, edata in sorted(g.out_edges(iri, keys=True, data=True), key=lambda e: (e[2], e[1])):
            for ev in edata.get("evidence", ()):
                n += 1
                yield from _evidence(_n(f"{RESOURCE}evidence/{data['key']}/{n}"), _n(iri), key, _n(target), ev)


def _paper(s: ox.NamedNode, d: dict) -> Iterator[ox.Triple]:
    T = ox.Triple
    yield T(s, TYPE, _n(MLKG + "Paper"))
    yield T(s, _n(DCTERMS + "title"), _lit(d["title"]))
    yield T(s, _n(DCTERMS + "abstract"), _lit(d["abstract"]))
    if d.get("date"):
        yield T(s, _n(DCTERMS + "date"), _date(d["date"]))
    if d.get("arxiv_id"):
        yield T(s, _n(FABIO + "hasArXivId"), _lit(d["arxiv_id"]))
        yield T(s, _n(OWL + "sameAs"), _n(f"https://arxiv.org/abs/{d['arxiv_id']}"))
    if d.get("authors") is not None:
        yield T(s, _n(MLKG + "authorCount"), _lit(int(d["authors"])))
    if d.get("organization"):
        yield T(s, _n(MLKG + "organization"), _lit(d["organization"]))
    if d.get("upvotes") is not None:
        yield T(s, _n(MLKG + "upvotes"), _lit(int(d["upvotes"])))
    for page in sorted({src.rsplit(":", 1)[0] for src in d.get("sources", ())}):
        yield T(s, _n(MLKG + "sourcePage"), _lit(page))
    for url in d.get("urls", ()):
        node = _iri_or_none(url)
        if node is None:
            continue
        yield T(s, _n(MLKG + ("codeRepository" if _CODE_HOSTS.match(url) else "link")), node)


def _evidence(ev_node: ox.NamedNode, paper: ox.NamedNode, predicate: str, target: ox.NamedNode,
              ev: dict) -> Iterator[ox.Triple]:
    T = ox.Triple
    yield T(ev_node, TYPE, _n(MLKG + "Evidence"))
    yield T(ev_node, _n(RDF + "subject"), paper)
    yield T(ev_node, _n(RDF + "predicate"), _n(MLKG + predicate))
    yield T(ev_node, _n(RDF + "object"), target)
    yield T(ev_node, _n(MLKG + "sentence"), _lit(ev["sentence"]))
    yield T(ev_node, _n(MLKG + "textField"), _lit(ev["field"]))
    yield T(ev_node, _n(MLKG + "start"), _lit(int(ev["start"])))
    yield T(ev_node, _n(MLKG + "end"), _lit(int(ev["end"])))
    yield T(ev_node, _n(MLKG + "rule"), _lit(ev["rule"]))
    yield T(ev_node, _n(MLKG + "confidence"), _lit(f"{float(ev['confidence']):.2f}", XSD + "decimal"))


def serialize(g: nx.MultiDiGraph, fmt: str = "ttl") -> bytes:
    """The graph in one RDF format (``ttl``, ``nt`` or ``jsonld``)."""
    prefixes = PREFIXES if fmt in ("ttl", "jsonld") else None
    return ox.serialize(triples(g), format=FORMATS[fmt], prefixes=prefixes)


def write(g: nx.MultiDiGraph, path: str | Path, fmt: str = "ttl") -> None:
    Path(path).write_bytes(serialize(g, fmt))
