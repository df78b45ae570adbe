"""The graph as node-link JSON: everything ``kg.load`` needs, no re-extraction."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from itertools import islice
from types import GeneratorType
from typing import BinaryIO

import networkx as nx

FORMAT_VERSION = 1
# Sorted keys, no spaces: the node-link file and the HTML page embed the same bytes.
encode_compact = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def dump_into(fh: BinaryIO, g: nx.MultiDiGraph) -> None:
    """Node-link JSON with sorted keys, written item by item so no whole-document string is held.

    The bytes are those of one ``json.dumps(..., sort_keys=True)`` of the
    node-link data, so equal graphs give equal files.
    """
    data = _node_link_data(g)
    fh.write(b"{")
    for n, key in enumerate(sorted(data)):
        fh.write((("," if n else "") + encode_compact(key) + ":").encode("utf-8"))
        value = data[key]
        if isinstance(value, (list, GeneratorType)):
            write_array(fh, value, encode_compact)
        else:
            fh.write(encode_compact(value).encode("utf-8"))
    fh.write(b"}\n")


def node_record(n: str, attrs: dict) -> dict:
    """A node's record in the node-link JSON (also what :mod:`kg.export.jsonsplice` encodes)."""
    return {**attrs, "id": n}


def edge_record(u: str, v: str, k: str, d: dict) -> dict:
    """An edge's record in the node-link JSON (also what :mod:`kg.export.jsonsplice` encodes)."""
    return {**d, "source": u, "target": v, "key": k}


def _node_link_data(g: nx.MultiDiGraph) -> dict:
    """``nx.node_link_data(g, edges="edges")`` with our graph tag, its node and edge lists made lazily.

    Each node's or edge's record is made as it is written and let go: the
    whole list of records took about 470 bytes a node.
    """
    return {
        "directed": g.is_directed(),
        "multigraph": True,
        "graph": {"format": "mlkg-node-link", "version": FORMAT_VERSION},
        "nodes": (node_record(n, attrs) for n, attrs in g.nodes(data=True)),
        "edges": (edge_record(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)),
    }


ARRAY_BATCH = 1_000  # items encoded by one call of the encoder at most (the per-item calls cost more than the encoding)
BATCH_BYTES = 2**18  # and about this much text at once


def write_array(fh: BinaryIO, items: Iterable[object], encode: Callable[[object], str]) -> None:
    """A JSON array written a batch of items at a time (about :data:`BATCH_BYTES`): the bytes of encoding the
    whole list at once.

    ``encode`` is a JSON encoder (one with compact separators, possibly with
    escapes that map one character to a fixed text): it is given a list of
    items, whose text without its brackets is the items' texts joined by commas.

    >>> buffer = io.BytesIO(); write_array(buffer, iter([1, {"a": 2}]), encode_compact); buffer.getvalue()
    b'[1,{"a":2}]'
    """
    fh.write(b"[")
    items = iter(items)
    first, size = True, 16
    while batch := list(islice(items, size)):
        data = encode(batch).encode("utf-8")
        if not first:
            fh.write(b",")
        fh.write(memoryview(data)[1:-1])  # no copy of the batch's text without its brackets
        first = False
        # the next batch of about BATCH_BYTES, at most ARRAY_BATCH items: long records are never held by the thousand
        size = max(1, min(ARRAY_BATCH, len(batch) * BATCH_BYTES // len(data)))
    fh.write(b"]")


def dumps(g: nx.MultiDiGraph) -> str:
    """:func:`dump_into` as a string."""
    buffer = io.BytesIO()
    dump_into(buffer, g)
    return buffer.getvalue().decode("utf-8")


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
