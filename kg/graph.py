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
from kg.model import DERIVED_FROM, VARIANT_OF, Corpus

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
    for p in corpus.papers:
        g.add_node(
            paper_iri(p.key),
            type="Paper",
            key=p.key,
            label=p.title,
            title=p.title,
            abstract=p.abstract,
            sources=[f"{s.page}:{s.line}" for s in p.sources],
            arxiv_id=p.arxiv_id,
            authors=p.authors,
            organization=p.organization,
            date=p.date,
            upvotes=p.upvotes,
            urls=list(p.urls),
            **({"same_as": paper_links(p.arxiv_id)} if p.arxiv_id else {}),
        )
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
    return g
