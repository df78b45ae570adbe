"""The corpus as a ``networkx.MultiDiGraph``.

Node keys are IRIs.  Every node has ``type`` (``Paper`` or an entity type) and
``label``; papers carry their metadata, entities their ``aliases`` and
``is_family``; where known (kg/external.py) ``same_as`` (Hugging Face Hub,
arXiv pages) and ``source`` (the paper that introduced an entity).  Paper → entity edges are keyed by predicate and carry their
``evidence`` (a list of dicts); model lineage edges are keyed ``variantOf``
and, for separately named fine-tunes (Vicuna from Llama), ``derivedFrom``.

Nodes and edges are added in sorted order, so the same corpus always gives
the same graph, and the same exports.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Sequence

import networkx as nx

from kg.external import entity_ids, entity_links, paper_links
from kg.experiments import graph_record
from kg.model import DERIVED_FROM, VARIANT_OF, Corpus, Evidence, Paper

RESOURCE = "https://w3id.org/mlkg/resource/"


def paper_iri(key: str) -> str:
    return f"{RESOURCE}paper/{key}"


def entity_iri(key: str) -> str:
    return f"{RESOURCE}entity/{key}"


def build_graph(corpus: Corpus) -> nx.MultiDiGraph:
    """The graph of a resolved corpus.

    >>> from kg.model import *
    >>> ev = Evidence(sentence="We fine-tune Llama 2.", start=13, end=20, rule="r", confidence=0.9)
    >>> corpus = Corpus(
    ...     papers=(Paper(key="p1", title="T", abstract="We fine-tune Llama 2."),),
    ...     entities=(Entity(key="llama", type="Model", label="Llama", is_family=True),
    ...               Entity(key="llama-2", type="Model", label="Llama 2", variant_of="llama")),
    ...     relations=(Relation(paper="p1", predicate="fineTunes", entity="llama-2", evidence=(ev,)),))
    >>> g = build_graph(corpus)
    >>> sorted(k for _, _, k in g.edges(keys=True))
    ['fineTunes', 'variantOf']
    """
    g = nx.MultiDiGraph()
    add_papers(g, list(corpus.papers))
    add_corpus(g, corpus)
    return g


class _PaperNode:
    """Plain instances whose ``__dict__`` is a paper node's attributes: Python shares one table of
    keys among such dicts (a split dict), 288 bytes a paper instead of 464."""


def add_papers(g: nx.MultiDiGraph, papers: Iterable[Paper]) -> None:
    """A node for each paper, in order; each item of a list is let go (``None``) once its node is made.

    A build hands over its only list of papers (or a stream of them: :func:`add_papers_in_key_order`),
    so they are freed while the graph grows: the papers and the graph are never both whole in memory.
    """
    let_go = isinstance(papers, list)
    for i, p in enumerate(papers):
        if let_go:
            papers[i] = None  # type: ignore[call-overload]
        _add_paper_node(g, *_paper_node(p))


def add_papers_in_key_order(g: nx.MultiDiGraph, papers: Iterable[Paper]) -> None:
    """:func:`add_papers` for papers given in any order, put in the graph by key.

    The nodes are made as the papers come, so the memory each paper's making frees (its
    sightings, read in that order) is freed in whole blocks and reused by the next nodes.
    """
    iris, nodes = [], []
    for p in papers:
        iri, node = _paper_node(p)
        iris.append(iri)
        nodes.append(node)
    order = array("q", sorted(range(len(iris)), key=iris.__getitem__))  # keys are unique; no int objects kept
    for i in order:
        _add_paper_node(g, iris[i], nodes[i])
        nodes[i] = None


def _paper_node(p: Paper) -> tuple[str, dict]:
    """A paper's IRI and node attributes (a split dict: see :class:`_PaperNode`)."""
    node = _PaperNode()
    node.type, node.key, node.label, node.title, node.abstract = "Paper", p.key, p.title, p.title, p.abstract
    node.sources = [f"{s.page}:{s.line}" for s in p.sources]
    node.arxiv_id, node.authors, node.organization, node.date = p.arxiv_id, p.authors, p.organization, p.date
    node.upvotes, node.urls = p.upvotes, list(p.urls) if p.urls else NO_URLS
    if p.arxiv_id:
        node.same_as = paper_links(p.arxiv_id)
    return paper_iri(p.key), node.__dict__


def _add_paper_node(g: nx.MultiDiGraph, iri: str, node: dict) -> None:
    if isinstance(g, PaperGraph) and iri not in g._node:
        g._succ[iri] = g._pred[iri] = NO_EDGES
    else:
        g.add_node(iri)
        if node["urls"] is NO_URLS:
            node["urls"] = []
    g._node[iri] = node  # networkx's own store of node attributes (G._node, as for subclasses)


class _Shared:
    """Mixin of the empty values many paper nodes share: adding to one would add to all, so it raises."""

    def _refuse(self, *args, **kwargs):
        raise TypeError(f"this empty {type(self).__bases__[-1].__name__} is shared by many nodes: "
                        "give the node its own before adding to it")

    __setitem__ = __ior__ = __iadd__ = __imul__ = setdefault = update = append = extend = insert = _refuse


class _NoEdges(_Shared, dict):
    def __reduce__(self):  # pickled and copied as the one shared value
        return "NO_EDGES"


class _NoUrls(_Shared, list):
    def __reduce__(self):
        return "NO_URLS"


NO_EDGES = _NoEdges()  # the adjacency (successors and predecessors) of every paper without edges yet
NO_URLS = _NoUrls()  # the URLs of every paper that gives none (equal to [], as a loaded graph has)


class PaperGraph(nx.MultiDiGraph):
    """A MultiDiGraph whose papers without edges share one empty adjacency (:data:`NO_EDGES`) and one
    empty URL list (:data:`NO_URLS`): 260 bytes less a paper, most of a corpus of tiny records.

    An edge added to such a paper gives it its own adjacency first; everything else networkx
    does reads the shared values and never writes them (its graphs are copied into plain dicts).
    """

    def add_edge(self, u, v, key=None, **attr):
        if isinstance(self._succ.get(u), _NoEdges):
            self._succ[u] = self.adjlist_inner_dict_factory()
        if isinstance(self._pred.get(v), _NoEdges):
            self._pred[v] = self.adjlist_inner_dict_factory()
        return super().add_edge(u, v, key, **attr)


class NodePaper:
    """What extraction reads of a paper (key, title, abstract), read from its node: no Paper kept for it."""

    __slots__ = ("key", "title", "abstract")

    def __init__(self, key: str, title: str, abstract: str):
        self.key, self.title, self.abstract = key, title, abstract


class NodePapers(Sequence):
    """The papers of ``g``, in node order, as :class:`NodePaper` values made when read (slices too).

    A build extracts from this view of its paper nodes, so that a million papers are held once,
    as nodes, and not also as ``Paper`` records; forked workers inherit the graph.
    """

    def __init__(self, g: nx.MultiDiGraph):
        self.nodes = g._node
        self.iris = [iri for iri, data in g._node.items() if data.get("type") == "Paper"]

    def __len__(self) -> int:
        return len(self.iris)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._paper(iri) for iri in self.iris[i]]
        return self._paper(self.iris[i])

    def _paper(self, iri: str) -> NodePaper:
        d = self.nodes[iri]
        return NodePaper(d["key"], d["title"], d["abstract"])


def add_corpus(g: nx.MultiDiGraph, corpus: Corpus) -> None:
    """The entities, lineage, experiments and relations of ``corpus``; its papers' nodes are in ``g`` already.

    Every edge names its ends by the nodes' own IRI strings (networkx keeps the ones it is given
    in each adjacency), and its evidence as split dicts (:func:`evidence_record`).
    """
    iris: dict[str, str] = {}

    def iri(key: str) -> str:
        found = iris.get(key)
        return found if found is not None else iris.setdefault(key, entity_iri(key))

    for e in corpus.entities:
        g.add_node(
            iri(e.key),
            type=e.type.value,
            key=e.key,
            label=e.label,
            aliases=list(e.aliases),
            is_family=e.is_family,
            in_catalogue=e.in_catalogue,
            **entity_links(e.type.value, entity_ids(e.type.value, (e.label, *e.aliases))),
        )
    for e in corpus.entities:
        if e.variant_of:
            g.add_edge(iri(e.key), iri(e.variant_of), key=VARIANT_OF, predicate=VARIANT_OF)
        if e.derived_from:
            g.add_edge(iri(e.key), iri(e.derived_from), key=DERIVED_FROM, predicate=DERIVED_FROM)
    for x in corpus.experiments:
        g.nodes[paper_iri(x.paper)].setdefault("experiments", []).append(graph_record(x, iri))
    paper, source = None, ""
    for r in corpus.relations:  # sorted by paper: one IRI string a paper
        if r.paper != paper:
            paper, source = r.paper, paper_iri(r.paper)
        g.add_edge(source, iri(r.entity), key=r.predicate.value, predicate=r.predicate.value,
                   evidence=[evidence_record(ev) for ev in r.evidence])


class _EvidenceValues:
    """Plain instances whose ``__dict__`` is one evidence record: a split dict, as for :class:`_PaperNode`."""


def evidence_record(ev: Evidence) -> dict:
    """What ``ev.model_dump(mode="json")`` gives (a test checks it), made as a split dict: 220 bytes
    instead of 340, and twice as fast; the rule and field names are interned."""
    values = _EvidenceValues()
    values.sentence, values.field, values.start, values.end = ev.sentence, sys.intern(ev.field), ev.start, ev.end
    values.sentence_start, values.rule, values.confidence = ev.sentence_start, sys.intern(ev.rule), ev.confidence
    values.because = list(ev.because)
    return values.__dict__
