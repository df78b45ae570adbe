"""GraphML and GEXF written element by element are the bytes networkx's whole-tree writers give."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from kg.export import graphtools, xmlgraph

AWKWARD = ["", "a & b < c > d \"quoted\" 'single'", "tab\there\nnew line\rreturn", "\x01\x1f\x7f\x85\u2028",
           "lone \ud800 surrogate", "ünïcödé 漢字 🙂", "  spaces  "]


def _whole(g, fmt):
    buffer = io.BytesIO()
    graphtools.write_whole(buffer, g, fmt)
    return buffer.getvalue()


def _streamed(g, fmt):
    buffer = io.BytesIO()
    graphtools.write(buffer, g, fmt)
    return buffer.getvalue()


def _graph(n_papers: int, with_edges: bool = True) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(n_papers):
        g.add_node(f"p{i}", type="Paper", key=f"k{i}", label=AWKWARD[i % len(AWKWARD)], title=f"T {i}",
                   authors=i if i % 3 else None, upvotes=float(i) / 7, urls=[f"https://x.org/{i}", "b"],
                   is_family=bool(i % 2), abstract=AWKWARD[(i + 1) % len(AWKWARD)])
    for j in range(5):
        g.add_node(f"e{j}", type="Model", key=f"m{j}", label=f"M{j}", aliases=[], in_catalogue=True)
    if with_edges:
        for i in range(n_papers):
            for j in range(i % 4):
                g.add_edge(f"p{i}", f"e{j}", key="evaluates", predicate="evaluates",
                           evidence=[{"sentence": AWKWARD[i % len(AWKWARD)], "rule": "r", "confidence": 0.5}] * j)
        g.add_edge("e1", "e0", key="variantOf", predicate="variantOf")
        g.add_edge("p0", "e4", key="mentions", predicate="mentions", evidence=[])
    return g


@pytest.mark.parametrize("fmt", graphtools.FORMATS)
@pytest.mark.parametrize("n_papers", [1, 7, xmlgraph.CHUNK + 3])
def test_streamed_export_equals_the_whole_tree_writer(fmt, n_papers):
    g = _graph(n_papers)
    assert _streamed(g, fmt) == _whole(g, fmt)


@pytest.mark.parametrize("fmt", graphtools.FORMATS)
def test_a_graph_without_edges_streams_the_same_bytes(fmt):
    g = _graph(3, with_edges=False)
    assert _streamed(g, fmt) == _whole(g, fmt)


def test_edges_of_one_chunk_keep_their_order_when_a_target_is_a_later_source(monkeypatch):
    """A chunk graph made naively would list a node's out-edges where it first appeared as a target."""
    monkeypatch.setattr(xmlgraph, "CHUNK", 50)
    g = nx.MultiDiGraph()
    g.add_nodes_from(["a", "b", "c", "d"])
    g.add_edge("a", "d", key="x")
    g.add_edge("b", "c", key="y")
    g.add_edge("d", "b", key="z")
    assert _streamed(g, "gexf") == _whole(g, "gexf")


def test_names_that_mean_structure_to_gexf_fall_back_to_the_whole_writer():
    g = _graph(2)
    g.nodes["p0"]["start"] = "2024-01-01"
    assert not xmlgraph.streamable(lambda: graphtools.flat_nodes(g), lambda: graphtools.flat_edges(g))
    assert _streamed(g, "gexf") == _whole(g, "gexf")
