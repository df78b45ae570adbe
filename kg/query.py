"""Asking the graph from Python: :class:`KnowledgeGraph`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from kg.export import jsongraph


class KnowledgeGraph:
    """The knowledge graph; the full ``networkx.MultiDiGraph`` is ``.nx``."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.nx = graph

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KnowledgeGraph):
            return NotImplemented
        a, b = self.nx, other.nx
        return (dict(a.nodes(data=True)) == dict(b.nodes(data=True))
                and sorted(a.edges(keys=True, data=True), key=_edge_key)
                == sorted(b.edges(keys=True, data=True), key=_edge_key))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        counts = self.counts()
        return "<KnowledgeGraph " + ", ".join(f"{v} {k}" for k, v in counts.items()) + ">"

    def counts(self) -> dict[str, int]:
        """Nodes per type and edges per relation."""
        nodes = Counter(d["type"] for _, d in self.nx.nodes(data=True))
        edges = Counter(k for _, _, k in self.nx.edges(keys=True))
        return {**{t: nodes[t] for t in sorted(nodes)}, **{k: edges[k] for k in sorted(edges)}}

    @classmethod
    def load(cls, directory: str | Path) -> "KnowledgeGraph":
        path = Path(directory)
        if path.is_dir():
            path = path / "kg.json"
        return cls(jsongraph.loads(path.read_text(encoding="utf-8")))


def _edge_key(edge: tuple) -> tuple:
    u, v, k, _ = edge
    return (u, v, k)
