"""The node-link JSON of an update, spliced as the RDF is (:mod:`kg.export.splice`).

:func:`kg.export.jsongraph.dump_into` writes ``{"directed":…,"edges":[…],"graph":…,"multigraph":…,"nodes":[…]}``
with every edge record of a node's out-edges together (networkx lists edges by source) and one record per
node, each made from that node's attributes and out-edges alone: what its digest covers.  So a node whose
digest is unchanged has its edge records and its own record copied from the previous file (by the kernel,
at the places the fragment index gives); the others are encoded.  The file is byte-identical to
:func:`~kg.export.jsongraph.dump_into`'s (tests/test_splice.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import networkx as nx

from kg.export.jsongraph import _node_link_data, edge_record, encode_compact, node_record
from kg.export.splice import Fragments, _Old, _Out


def _parts(g: nx.MultiDiGraph) -> tuple[bytes, bytes, bytes]:
    """The text before the edge records, between them and the node records, and after those."""
    data = _node_link_data(g)
    texts = []
    for n, key in enumerate(sorted(data)):
        value = data[key]
        head = ("," if n else "") + encode_compact(key) + ":"
        texts.append(head + ("[" if key in ("edges", "nodes") else encode_compact(value)))
    keys = sorted(data)
    cut_edges, cut_nodes = keys.index("edges"), keys.index("nodes")
    if cut_edges > cut_nodes:
        raise RuntimeError("the node-link keys are not in the order the splice expects")
    before = "{" + "".join(texts[:cut_edges + 1])
    between = "]" + "".join(texts[cut_edges + 1:cut_nodes + 1])
    after = "]" + "".join(texts[cut_nodes + 1:]) + "}\n"
    return before.encode(), between.encode(), after.encode()


def _edges_text(g: nx.MultiDiGraph, u: str) -> bytes:
    records = [edge_record(u, v, k, d) for v, keydict in g._succ[u].items() for k, d in keydict.items()]
    return encode_compact(records).encode("utf-8")[1:-1]


def _node_text(g: nx.MultiDiGraph, n: str) -> bytes:
    return encode_compact(node_record(n, g._node[n])).encode("utf-8")


def write(g: nx.MultiDiGraph, fh: BinaryIO, path: Path, state: Fragments, copy: bool = True) -> None:
    """The node-link JSON into ``fh``, unchanged nodes' parts copied from ``path`` (the previous file) when the
    index describes it; each node's places left in ``state.index.json``.  Raises :class:`kg.export.splice.Stale`
    when the previous file is not what the index says."""
    prev, index = state.previous, state.index
    digests = index.nodes
    old = _Old(path, prev.files["json"], unordered=True) if copy and prev is not None and "json" in prev.files else None
    try:
        out = _Out(fh)
        before, between, after = _parts(g)
        out.write(before)
        places: dict[str, list[int]] = {}
        first = True
        for u, succ in g._succ.items():
            if succ:
                places[u] = _piece(out, old, prev, u, digests[u], 0, b"" if first else b",", lambda: _edges_text(g, u))
                first = False
        out.write(between)
        for i, iri in enumerate(g._node):
            places.setdefault(iri, [0, 0])  # no out-edges: no edge records
            places[iri] += _piece(out, old, prev, iri, digests[iri], 2, b"," if i else b"", lambda: _node_text(g, iri))
        out.write(after)
        out.flush()
    finally:
        if old is not None:
            old.close()
    index.json = places
    index.files["json"] = {}


def _piece(out: _Out, old: _Old | None, prev, iri: str, digest: str, slot: int, separator: bytes, make) -> list[int]:
    """One node's edge records (``slot`` 0) or record (2), copied or made; its place in the new file."""
    known = prev.json.get(iri) if old is not None and prev.nodes.get(iri) == digest else None
    return out.piece(old, known[slot:slot + 2] if known is not None else None, separator, make)
