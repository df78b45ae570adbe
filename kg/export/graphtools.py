"""The graph for Gephi and Cytoscape: GraphML and GEXF, with every attribute a string, number or boolean.

``networkx.write_graphml(g)`` fails on the graph as built: papers have
``None`` for unknown fields, lists of aliases, sources and URLs, and edges a
list of evidence records.  :func:`flatten` makes a copy both formats can
hold: ``None`` is left out, lists are joined with ``"; "``, and an edge's
evidence becomes its count, best confidence, first sentence and rules.
Node ids stay the IRIs of the RDF exports, so files can be joined.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import networkx as nx

FORMATS = ("graphml", "gexf")
JOIN = "; "


def _value(value):
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return JOIN.join(str(v) for v in value)
    return str(value)


def _flat(data: dict) -> dict:
    return {k: _value(v) for k, v in data.items() if v is not None and k != "evidence"}


def _evidence(records: list[dict]) -> dict:
    if not records:
        return {}
    return {
        "evidence_count": len(records),
        "confidence": max(float(r.get("confidence", 0.0)) for r in records),
        "sentence": records[0].get("sentence", ""),
        "rules": JOIN.join(dict.fromkeys(str(r.get("rule", "")) for r in records)),
    }


def flat_nodes(g: nx.MultiDiGraph) -> Iterator[tuple[object, dict]]:
    """Each node with plain attribute values, made as it is read."""
    for node, data in g.nodes(data=True):
        yield node, _flat(data)


def flat_edges(g: nx.MultiDiGraph) -> Iterator[tuple[object, object, object, dict]]:
    """Each edge with plain values and a unique ``id`` (``e0``, ``e1``, …), made as it is read."""
    for n, (u, v, key, data) in enumerate(g.edges(keys=True, data=True)):
        yield u, v, key, {"id": f"e{n}", **_flat(data), **_evidence(data.get("evidence") or [])}


def flatten(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` with plain attribute values; edges get a unique ``id`` (``e0``, ``e1``, …)."""
    flat = nx.MultiDiGraph()
    flat.add_nodes_from(flat_nodes(g))
    flat.add_edges_from(flat_edges(g))
    return flat


def write(fh: BinaryIO, g: nx.MultiDiGraph, fmt: str) -> None:
    """Write ``g`` as GraphML or GEXF, element by element (:mod:`kg.export.xmlgraph`); same graph, same bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    from kg.export import xmlgraph

    nodes, edges = (lambda: flat_nodes(g)), (lambda: flat_edges(g))
    if g.number_of_nodes() and xmlgraph.streamable(nodes, edges):
        (xmlgraph.write_graphml if fmt == "graphml" else xmlgraph.write_gexf)(fh, nodes, edges)
    else:
        write_whole(fh, g, fmt)


def write_whole(fh: BinaryIO, g: nx.MultiDiGraph, fmt: str) -> None:
    """networkx's own writers over the whole flattened graph in memory (what the streams must equal)."""
    flat = flatten(g)
    if fmt == "graphml":
        nx.write_graphml(flat, fh, encoding="utf-8", prettyprint=True)
    else:
        _write_gexf(fh, flat)


def _write_gexf(fh: BinaryIO, flat: nx.MultiDiGraph) -> None:
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)  # today's date: exports must not change from day to day
    writer.add_graph(flat)
    writer.write(fh)
