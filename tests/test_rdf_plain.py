"""Plain papers (title, abstract, pages, nothing else) written from templates: the bytes of their triples."""

from __future__ import annotations

import io

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.export import rdf, rdf_plain
from kg.graph import paper_iri

EMPTY = {"arxiv_id": None, "authors": None, "organization": None, "date": None, "upvotes": None, "urls": []}
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["We study things.", 'a "quoted" word', "back\\slash", "tab\there", "line\u2028break", "é ü 中文", ""])
KEYS = st.from_regex(r"[A-Za-z0-9_.:-]{1,10}", fullmatch=True) | st.sampled_from(["t-00a1", "_x", "-lead", "a.b"])
PAPER = st.fixed_dictionaries(
    {"key": KEYS, "title": TEXT, "abstract": TEXT, "sources": st.lists(TEXT.map(lambda t: f"{t}.jsonl:3"), max_size=3)},
    optional={"date": st.sampled_from(["2025-01-02", "--03-04"]), "upvotes": st.integers(0, 9),
              "urls": st.just(["https://github.com/a/b"]), "same_as": st.just(["https://arxiv.org/abs/1"])})


def _graph(papers: list[dict], edge: bool = False) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for p in papers:
        g.add_node(paper_iri(p["key"]), **{"type": "Paper", "label": p["title"], **EMPTY, **p})
    if edge and papers:
        g.add_node("https://w3id.org/mlkg/resource/entity/m", type="Model", label="M")
        g.add_edge(paper_iri(papers[0]["key"]), "https://w3id.org/mlkg/resource/entity/m", key="proposes",
                   evidence=[{"sentence": "We propose M.", "field": "abstract", "start": 0, "end": 1,
                              "rule": "r", "confidence": 0.9}])
    return g


def _together(g: nx.MultiDiGraph) -> dict[str, bytes]:
    outputs = {f: io.BytesIO() for f in ("ttl", "nt", "jsonld")}
    rdf.write_together(g, outputs)
    return {f: b.getvalue() for f, b in outputs.items()}


@settings(max_examples=200, deadline=None)
@given(papers=st.lists(PAPER, max_size=5, unique_by=lambda p: p["key"]), edge=st.booleans())
def test_any_papers_give_the_bytes_of_their_triples(papers, edge):
    g = _graph(papers, edge)
    for fmt, data in _together(g).items():
        assert data == rdf.serialize(g, fmt), fmt


def test_a_tiny_record_is_plain_and_written_as_its_triples_would_be():
    g = _graph([{"key": f"t-{n:04x}", "title": f"Paper number {n}", "abstract": "We study things.",
                 "sources": ["tiny.jsonl:1", "tiny.jsonl:9", "other.jsonl:2"]} for n in range(5)])
    assert all(isinstance(b, rdf_plain.PlainPaper) for b in rdf.blocks(g, plain=True))
    assert _together(g) == {fmt: rdf.serialize(g, fmt) for fmt in ("ttl", "nt", "jsonld")}


def test_anything_more_than_title_abstract_and_pages_is_made_of_triples():
    base = {"key": "t-1", "title": "T", "abstract": "A", "sources": ["a.txt:1"]}
    assert rdf_plain.plain_paper(paper_iri("t-1"), {"type": "Paper", **EMPTY, **base}, False) is not None
    for more in ({"date": "2025-01-02"}, {"upvotes": 0}, {"urls": ["https://x.org/"]}, {"colour": "red"},
                 {"experiments": [{}]}, {"title": 'a "b"'}, {"abstract": "a\nb"}):
        assert rdf_plain.plain_paper(paper_iri("t-1"), {"type": "Paper", **EMPTY, **base, **more}, False) is None
    assert rdf_plain.plain_paper(paper_iri("t-1"), {"type": "Paper", **EMPTY, **base}, True) is None  # has edges
    assert rdf_plain.plain_paper(paper_iri("a.b"), {"type": "Paper", **EMPTY, **base}, False) is None
