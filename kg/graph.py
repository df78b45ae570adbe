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

import networkx as nx

from kg.external import entity_ids, entity_links, paper_links
from kg.experiments import graph_record
from kg.model import DERIVED_FROM, VARIANT_OF, Corpus, Paper

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


def add_papers(g: nx.MultiDiGraph, papers: list[Paper]) -> None:
    """A node for each paper, in order; each list item is let go (``None``) once its node is made.

    A build hands over its only list of papers, so they are freed while the graph grows: the
    papers and the graph are never both whole in memory.
    """
    for i, p in enumerate(papers):
        papers[i] = None  # type: ignore[call-overload]
        node = _PaperNode()
        node.type, node.key, node.label, node.title, node.abstract = "Paper", p.key, p.title, p.title, p.abstract
        node.sources = [f"{s.page}:{s.line}" for s in p.sources]
        node.arxiv_id, node.authors, node.organization, node.date = p.arxiv_id, p.authors, p.organization, p.date
        node.upvotes, node.urls = p.upvotes, list(p.urls)
        if p.arxiv_id:
            node.same_as = paper_links(p.arxiv_id)
        iri = paper_iri(p.key)
        g.add_node(iri)
        g._node[iri] = node.__dict__  # networkx's own store of node attributes (G._node, as for subclasses)


def add_corpus(g: nx.MultiDiGraph, corpus: Corpus) -> None:
    """The entities, lineage, experiments and relations of ``corpus``; its papers' nodes are in ``g`` already."""
    for e in corpus.entities:
        g.add_node(
            entity_iri(e.key),
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
            g.add_edge(entity_iri(e.key), entity_iri(e.variant_of), key=VARIANT_OF, predicate=VARIANT_OF)
        if e.derived_from:
            g.add_edge(entity_iri(e.key), entity_iri(e.derived_from), key=DERIVED_FROM, predicate=DERIVED_FROM)
    for x in corpus.experiments:
        g.nodes[paper_iri(x.paper)].setdefault("experiments", []).append(graph_record(x, entity_iri))
    for r in corpus.relations:
        g.add_edge(
            paper_iri(r.paper),
            entity_iri(r.entity),
            key=r.predicate.value,
            predicate=r.predicate.value,
            evidence=[ev.model_dump(mode="json") for ev in r.evidence],
        )
