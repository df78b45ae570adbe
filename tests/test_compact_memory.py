"""The compact in-memory forms keep every value and its order; the build lets papers go as the graph grows."""

from __future__ import annotations

import sys

import networkx as nx

from kg.graph import add_papers, paper_iri
from kg.memory import share_fields_set
from kg.model import Paper, PaperExtraction, Source


def _paper(n: int, arxiv: str | None = None) -> Paper:
    return Paper(key=f"k{n}", title=f"On tables {n}", abstract="We count chairs.", arxiv_id=arxiv,
                 sources=(Source(page="p.txt", line=n),), urls=("https://example.org/a",))


def test_paper_nodes_hold_every_attribute_in_order():
    g = nx.MultiDiGraph()
    add_papers(g, [_paper(1), _paper(2, "2401.00001")])
    plain = {"type": "Paper", "key": "k2", "label": "On tables 2", "title": "On tables 2",
             "abstract": "We count chairs.", "sources": ["p.txt:2"], "arxiv_id": "2401.00001", "authors": None,
             "organization": None, "date": None, "upvotes": None, "urls": ["https://example.org/a"]}
    got = g.nodes[paper_iri("k2")]
    assert list(got.items())[:len(plain)] == list(plain.items()) and list(got)[len(plain):] == ["same_as"]
    assert "same_as" not in g.nodes[paper_iri("k1")]
    assert sys.getsizeof(g.nodes[paper_iri("k1")]) < sys.getsizeof(dict(g.nodes[paper_iri("k1")]))
    g.nodes[paper_iri("k1")].setdefault("experiments", []).append(1)  # still a dict like any other
    assert g.nodes[paper_iri("k1")]["experiments"] == [1]


def test_add_papers_lets_each_paper_go():
    papers = [_paper(n) for n in range(3)]
    add_papers(nx.MultiDiGraph(), papers)
    assert papers == [None, None, None]


def test_one_fields_set_for_many_models():
    a, b = (share_fields_set(PaperExtraction(paper_key=k, mentions=(), experiments=())) for k in "ab")
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__ and a != b
    assert a.model_dump() == {"paper_key": "a", "mentions": (), "experiments": ()}


def test_a_build_extracting_in_workers_never_loads_spacy_in_the_parent(tmp_path):
    """The parent only merges; each forked worker builds its own pipeline. Same extractions as one process."""
    import json
    import subprocess
    from pathlib import Path

    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps({"title": f"Notes {n}", "abstract": "We fine-tune BERT on GLUE."}) + "\n"
                               for n in range(200)), encoding="utf-8")
    code = (
        "import sys\n"
        "from kg import ingest\n"
        "from kg.extract import extract\n"
        f"papers = ingest.read([{str(records)!r}]).papers\n"
        "forked = extract(papers, processes=2)\n"
        "print('spacy' in sys.modules)\n"
        "print(forked == extract(papers, processes=1), len(forked), sum(bool(x.mentions) for x in forked))\n"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout.split("\n")[:2] == ["False", "True 200 200"], out.stdout + out.stderr


def test_streamed_papers_are_those_read_in_the_same_order(tmp_path):
    from kg import ingest

    page = tmp_path / "r.jsonl"
    page.write_text("".join('{"title": "%s", "abstract": "We weigh apples."}\n' % t
                            for t in ("Zebra notes", "Apple notes", "zebra notes!", "Mango notes")), encoding="utf-8")
    result, stream = ingest.read_streamed([page])
    assert result.papers == () and result.entries_read == 4
    papers = list(stream)
    assert [p.title for p in papers] == ["Zebra notes", "Apple notes", "Mango notes"]  # as first read, merged
    assert tuple(sorted(papers, key=lambda p: p.key)) == ingest.read([page]).papers  # read() sorts them by key


def test_papers_given_in_any_order_become_nodes_in_key_order():
    from kg.graph import PaperGraph, add_papers_in_key_order

    one, two = nx.MultiDiGraph(), PaperGraph()
    add_papers(one, [_paper(n) for n in (1, 2, 3)])
    add_papers_in_key_order(two, [_paper(n) for n in (3, 1, 2)])
    assert list(two.nodes(data=True)) == list(one.nodes(data=True))


def test_papers_without_edges_share_one_empty_adjacency_until_given_an_edge():
    import pickle

    from kg.graph import NO_EDGES, NO_URLS, NodePapers, PaperGraph

    g = PaperGraph()
    add_papers(g, [_paper(1), Paper(key="k2", title="Bare", abstract="Nothing.")])
    linked, bare = paper_iri("k2"), paper_iri("k1")
    assert g._succ[linked] is NO_EDGES and g.nodes[linked]["urls"] == [] and g.nodes[linked]["urls"] is NO_URLS
    g.add_node("entity", type="Model")
    g.add_edge(linked, "entity", key="mentions")
    assert list(g.successors(linked)) == ["entity"] and list(g.successors(bare)) == [] and not NO_EDGES
    try:
        g.nodes[bare]["urls"].append("x")  # its own list (it gives a URL): any list operation works
        g.nodes[bare]["urls"].pop()
        NO_URLS.append("x")
    except TypeError:
        pass
    else:
        raise AssertionError("the shared empty list took an item")
    copy = pickle.loads(pickle.dumps(g))
    assert copy._succ[bare] is NO_EDGES and nx.utils.graphs_equal(copy, g)
    assert [(p.key, p.title) for p in NodePapers(g)] == [("k1", "On tables 1"), ("k2", "Bare")]
    assert [p.key for p in NodePapers(g)[1:]] == ["k2"]
