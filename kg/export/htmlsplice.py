"""The HTML page of an update, spliced as the node-link JSON is (:mod:`kg.export.jsonsplice`).

The page hands vis-network one record per node and one per edge (:mod:`kg.export.html`), a node's
out-edges' records together, in the graph's order.  A node's record is made from its attributes, its
degree, the number of papers linking to it and its leaderboard; its edges' records from its out-edges
and the names of their targets (the page numbers the edges as it loads them, so no record carries a
place).  Those inputs, with the node's RDF digest (attributes and out-edges), make the node's page
digest; a node whose page digest is unchanged has both pieces copied from the previous page (by the
kernel, at the places the fragment index gives), the others are encoded.  The rest of the page (counts,
the experiments' edges, the script) is made whole.  The page is byte-identical to
:func:`kg.export.html.render_into`'s (tests/test_splice.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from kg.export import html
from kg.export.splice import Fragments, _Old, _Out, _pickled


def page_digests(g: nx.MultiDiGraph, rdf_digests: dict[str, str], boards: dict) -> dict[str, str]:
    """IRI → what its page record and its edges' records are made from, digested."""
    degree, nodes = g.degree, g._node
    digests = {}
    for iri, d in nodes.items():
        papers = html.paper_count(g, iri) if d.get("type", "Technique") != "Paper" else 0
        targets = [html._name(g, v) for v in g._succ[iri]]
        digests[iri] = _pickled.digest((rdf_digests[iri], degree[iri], papers, boards.get(iri), targets))
    return digests


def write(g: nx.MultiDiGraph, fh: BinaryIO, path: Path, state: Fragments, copy: bool = True) -> None:
    """The page into ``fh``, unchanged nodes' records copied from ``path`` (the previous page) when the index
    describes it; each node's page digest and places left in ``state.index.html``.  Raises
    :class:`kg.export.splice.Stale` when the previous page is not what the index says."""
    prev, index = state.previous, state.index
    known = prev.html if copy and prev is not None and "html" in prev.files else {}
    boards = html.leaderboards(g)
    digests = page_digests(g, index.nodes, boards)
    places: dict[str, list] = {iri: [digest, 0, 0, 0, 0] for iri, digest in digests.items()}
    degree = g.degree
    old = _Old(path, prev.files["html"], unordered=True) if known else None
    try:
        out = _Out(fh)

        def nodes(_: object) -> None:
            out.write(b"[")
            for i, (iri, d) in enumerate(g._node.items()):
                _piece(out, old, known.get(iri), places[iri], 3, b"," if i else b"",
                       lambda: html._script_json(html.node_record(g, iri, d, degree[iri], boards)).encode())
            out.write(b"]")

        def edges(_: object) -> None:
            out.write(b"[")
            first = True
            for u, succ in g._succ.items():
                if succ:
                    _piece(out, old, known.get(u), places[u], 1, b"" if first else b",",
                           lambda: html._script_json(list(html.source_edge_records(g, u)))[1:-1].encode())
                    first = False
            out.write(b"]")

        html.render_into(out, g, arrays={"NODES": nodes, "EDGES": edges})
        out.flush()
    finally:
        if old is not None:
            old.close()
    index.html = places
    index.files["html"] = {}


def _piece(out: _Out, old: _Old | None, prior: list | None, mine: list, slot: int, separator: bytes,
           make: Callable[[], bytes]) -> None:
    """A node's edge records (``slot`` 1) or its record (3): copied from the previous page when the node's page
    digest (``mine[0]``) is the one ``prior`` noted, else made; its place in the new page noted in ``mine``."""
    known = prior[slot:slot + 2] if prior is not None and prior[0] == mine[0] else None
    mine[slot:slot + 2] = out.piece(old, known, separator, make)
