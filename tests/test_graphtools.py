"""GraphML and GEXF exports (for Gephi and Cytoscape) load back in networkx with every node and edge."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.export import graphtools, render
from kg.model import Corpus, Entity, Evidence, Paper, Relation
from kg.graph import build_graph

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


def _corpus() -> Corpus:
    ev = Evidence(sentence="We fine-tune Zorp-2 on the Quux set.", start=13, end=19, rule="r1", confidence=0.8)
    ev2 = Evidence(sentence="Zorp-2 again, tuned.", start=0, end=6, rule="r2", confidence=0.9)
    return Corpus(
        papers=(Paper(key="p1", title="Tuning Zorp", abstract="We fine-tune Zorp-2 on the Quux set.",
                      arxiv_id="2401.00001"),
                Paper(key="p2", title="Other", abstract="Zorp-2 again, tuned.")),
        entities=(Entity(key="zorp", type="Model", label="Zorp", is_family=True),
                  Entity(key="zorp-2", type="Model", label="Zorp-2", variant_of="zorp", aliases=("Zorp 2", "zorp2")),
                  Entity(key="quux", type="Dataset", label="Quux")),
        relations=(Relation(paper="p1", predicate="fineTunes", entity="zorp-2", evidence=(ev,)),
                   Relation(paper="p1", predicate="trainsOn", entity="quux", evidence=(ev,)),
                   Relation(paper="p1", predicate="mentions", entity="zorp", evidence=(ev,)),
                   Relation(paper="p2", predicate="evaluates", entity="zorp-2", evidence=(ev2, ev))),
    )


@pytest.mark.parametrize("fmt", graphtools.FORMATS)
def test_exports_read_back_with_the_same_counts_and_attributes(fmt, tmp_path):
    g = build_graph(_corpus())
    path = tmp_path / f"kg.{fmt}"
    path.write_bytes(render(g, fmt))
    back = READERS[fmt](path)
    assert back.number_of_nodes() == g.number_of_nodes() == 5
    assert back.number_of_edges() == g.number_of_edges() == 5
    zorp2 = back.nodes["https://w3id.org/mlkg/resource/entity/zorp-2"]
    assert zorp2["label"] == "Zorp-2" and zorp2["aliases"] == "Zorp 2; zorp2" and zorp2["type"] == "Model"
    p2 = "https://w3id.org/mlkg/resource/paper/p2"
    (edge,) = [d for u, v, d in back.edges(data=True) if u == p2]
    assert edge["evidence_count"] == 2 and edge["confidence"] == pytest.approx(0.9) and edge["rules"] == "r2; r1"
    assert "arxiv_id" not in back.nodes[p2]  # None is left out, not written as "None"


@pytest.mark.parametrize("fmt", graphtools.FORMATS)
def test_exports_are_byte_identical_from_run_to_run(fmt):
    assert render(build_graph(_corpus()), fmt) == render(build_graph(_corpus()), fmt)


def test_seeds_graph_reads_back_whole(seeds_build, tmp_path):
    import kg

    g = kg.load(seeds_build[0]).nx
    for fmt, read in READERS.items():
        path = tmp_path / f"kg.{fmt}"
        path.write_bytes(render(g, fmt))
        back = read(path)
        assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges()), fmt
