"""The graph holds each IRI string once and each evidence record in a split dict (kg.graph.add_corpus)."""

from __future__ import annotations

import tracemalloc

from kg.graph import build_graph, evidence_record
from kg.model import Corpus, Entity, EntityType, Evidence, Paper, Predicate, Relation


def _corpus() -> Corpus:
    ev = Evidence(sentence="We tune Quokka-7B with LoRA.", start=8, end=17, rule="listed+tune", confidence=0.9)
    lora = Evidence(sentence="We tune Quokka-7B with LoRA.", start=23, end=27, rule="listed+use", confidence=0.8)
    return Corpus(
        papers=(Paper(key="p1", title="T", abstract="We tune Quokka-7B with LoRA."),),
        entities=(Entity(key="quokka", type=EntityType.MODEL, label="Quokka", is_family=True),
                  Entity(key="quokka-7b", type=EntityType.MODEL, label="Quokka-7B", variant_of="quokka"),
                  Entity(key="lora", type=EntityType.TECHNIQUE, label="LoRA")),
        relations=(Relation(paper="p1", predicate=Predicate.FINE_TUNES, entity="quokka-7b", evidence=(ev,)),
                   Relation(paper="p1", predicate=Predicate.USES_TECHNIQUE, entity="lora", evidence=(lora,))))


def test_every_edge_names_its_ends_by_the_nodes_own_strings():
    g = build_graph(_corpus())
    own = {key: key for key in g._node}
    for u, v in g.edges():
        assert next(k for k in g._succ[u] if k == v) is own[v]
    papers = [u for u, d in g.nodes(data=True) if d["type"] == "Paper"]
    (paper,) = papers
    sources = [k for v in g._succ[paper] for k in g._pred[v] if k == paper]
    assert len(sources) == 2 and sources[0] is sources[1]  # one string a paper, however many its edges


def _allocated(make) -> float:
    """Bytes a record made by ``make`` holds, over 500 of them."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [make() for _ in range(500)]
        return (tracemalloc.get_traced_memory()[0] - before) / len(kept)
    finally:
        tracemalloc.stop()


def test_an_evidence_record_is_the_model_dump_in_less_memory():
    ev = _corpus().relations[0].evidence[0]
    record, plain = evidence_record(ev), ev.model_dump(mode="json")
    assert record == plain and list(record) == list(plain)
    assert _allocated(lambda: evidence_record(ev)) < 0.8 * _allocated(lambda: ev.model_dump(mode="json"))
    record["extra"] = 1  # an ordinary dict to its readers
    assert record["extra"] == 1 and "extra" not in evidence_record(ev)
