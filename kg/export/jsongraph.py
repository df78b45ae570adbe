"""The graph as node-link JSON: everything ``kg.load`` needs, no re-extraction."""

from __future__ import annotations

import json

import networkx as nx

FORMAT_VERSION = 1


def dumps(g: nx.MultiDiGraph) -> str:
    """Node-link JSON with sorted keys, so equal graphs give equal bytes."""
    data = nx.node_link_data(g, edges="edges")
    data["graph"] = {"format": "mlkg-node-link", "version": FORMAT_VERSION}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def loads(text: str) -> nx.MultiDiGraph:
    """The graph that :func:`dumps` wrote.

    >>> g = nx.MultiDiGraph(); g.add_node("a", type="Model", label="A"); _ = g.add_edge("p", "a", key="evaluates")
    >>> h = loads(dumps(g))
    >>> sorted(h.edges(keys=True)) == sorted(g.edges(keys=True)) and h.nodes["a"] == g.nodes["a"]
    True
    """
    data = json.loads(text)
    graph_meta = data.get("graph", {})
    if graph_meta.get("format") != "mlkg-node-link":
        raise ValueError("not an mlkg graph file (format tag missing)")
    g = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    g.graph.clear()
    return g
