"""The graph for Gephi and Cytoscape: GraphML and GEXF, with every attribute a string, number or boolean.

``networkx.write_graphml(g)`` fails on the graph as built: papers have
``None`` for unknown fields, lists of aliases, sources and URLs, and edges a
list of evidence records.  :func:`flatten` makes a copy both formats can
hold: ``None`` is left out, lists are joined with ``"; "``, and an edge's
evidence becomes its count, best confidence, first sentence and rules.
Node ids stay the IRIs of the RDF exports, so files can be joined.
"""

from __future__ import annotations

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


def flatten(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` with plain attribute values; edges get a unique ``id`` (``e0``, ``e1``, …)."""
    flat = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        flat.add_node(node, **_flat(data))
    for n, (u, v, key, data) in enumerate(g.edges(keys=True, data=True)):
        flat.add_edge(u, v, key=key, id=f"e{n}", **_flat(data), **_evidence(data.get("evidence") or []))
    return flat


def write(fh: BinaryIO, g: nx.MultiDiGraph, fmt: str) -> None:
    """Write ``g`` as GraphML or GEXF; the same graph gives the same bytes."""
    flat = flatten(g)
    if fmt == "graphml":
        nx.write_graphml(flat, fh, encoding="utf-8", prettyprint=True)
    elif fmt == "gexf":
        _write_gexf(fh, flat)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _write_gexf(fh: BinaryIO, flat: nx.MultiDiGraph) -> None:
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)  # today's date: exports must not change from day to day
    writer.add_graph(flat)
    writer.write(fh)
