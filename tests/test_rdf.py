"""The RDF exports: round trips between formats and parsers, the core vocabulary, evidence, determinism.

The seeds export is parsed once per session (:func:`parsed`) and shared with
test_sparql.py and test_validate.py.  :func:`tiny_graph` is a hand-made graph
that carries every optional paper field the seeds lack (arXiv ids above all).
"""

from __future__ import annotations

import functools
import pickle
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.export import rdf
from kg.graph import build_graph, entity_iri, paper_iri
from kg.model import Corpus, Entity, Evidence, Paper, Relation, Source

# Plain namespaces: rdflib's closed ones warn when pytest inspects module globals.
RDF = rdflib.Namespace(rdf.RDF)
RDFS = rdflib.Namespace(rdf.RDFS)
SKOS = rdflib.Namespace(rdf.SKOS)
DCTERMS = rdflib.Namespace(rdf.DCTERMS)
XSD = rdflib.Namespace(rdf.XSD)
MLKG = rdflib.Namespace(rdf.MLKG)
OA = rdflib.Namespace(rdf.OA)
FABIO = rdflib.Namespace(rdf.FABIO)
SCHEMA = rdflib.Namespace(rdf.SCHEMA)
RELATIONS = {MLKG[r] for r in rdf.RELATIONS}
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


@functools.lru_cache(maxsize=None)
def parsed(path: str) -> rdflib.Graph:
    """An export file parsed by rdflib, once per session (the seeds take seconds)."""
    return rdflib.Graph().parse(path, format=RDFLIB_FORMATS[Path(path).suffix[1:]])


def seeds_graph(seeds_build, fmt: str = "ttl") -> rdflib.Graph:
    out, _ = seeds_build
    return parsed(str(out / f"kg.{fmt}"))


def tiny_corpus() -> Corpus:
    """Two papers and four entities, with every optional field filled in at least once."""
    abstract = "We fine-tune Llama 2 with LoRA and report results on GSM8K."
    ev = lambda start, end, rule="catalogue+fine-tune-cue": Evidence(  # noqa: E731
        sentence=abstract, field="abstract", start=start, end=end, sentence_start=0, rule=rule, confidence=0.9)
    return Corpus(
        papers=(
            Paper(key="arxiv-2305.14314", title="QLoRA-ish: Tuning Llama 2", abstract=abstract,
                  sources=(Source(page="pages/a.txt", line=3), Source(page="pages/b.txt", line=9)),
                  arxiv_id="2305.14314", authors=4, organization="Example Lab", date="2023-05-23",
                  upvotes=12, urls=("https://github.com/example/qlora", "https://example.org/project",
                                    "not a url")),
            Paper(key="t-0001", title="Llama 2", abstract="We release Llama 2.", date="--07-18",
                  sources=(Source(page="records.jsonl", line=0),)),
        ),
        entities=(
            Entity(key="llama", type="Model", label="Llama", is_family=True, in_catalogue=True),
            Entity(key="llama-2", type="Model", label="Llama 2", aliases=("LLaMA-2", "Llama2"),
                   variant_of="llama", in_catalogue=True),
            Entity(key="vicuna", type="Model", label="Vicuna", derived_from="llama", in_catalogue=True),
            Entity(key="lora", type="Technique", label="LoRA", aliases=("low-rank adaptation",)),
            Entity(key="gsm8k", type="Benchmark", label="GSM8K"),
        ),
        relations=(
            Relation(paper="arxiv-2305.14314", predicate="fineTunes", entity="llama-2",
                     evidence=(ev(13, 20), ev(0, 2, "repeat+fine-tune-cue"))),
            Relation(paper="arxiv-2305.14314", predicate="usesTechnique", entity="lora",
                     evidence=(ev(26, 30, "catalogue+used-in-our-work"),)),
            Relation(paper="arxiv-2305.14314", predicate="evaluatesOn", entity="gsm8k",
                     evidence=(ev(54, 59, "catalogue+benchmark-in-experiments"),)),
            Relation(paper="t-0001", predicate="proposes", entity="llama-2",
                     evidence=(Evidence(sentence="We release Llama 2.", start=11, end=18, rule="proposal",
                                        confidence=0.8),)),
        ),
    )


def tiny_graph():
    return build_graph(tiny_corpus())


def tiny_rdf(fmt: str = "ttl") -> rdflib.Graph:
    return rdflib.Graph().parse(data=rdf.serialize(tiny_graph(), fmt), format=RDFLIB_FORMATS[fmt])


# --------------------------------------------------------------------------- formats and parsers


def test_turtle_ntriples_and_jsonld_parse_back_into_isomorphic_graphs(seeds_build):
    ttl, nt, jsonld = (seeds_graph(seeds_build, f) for f in ("ttl", "nt", "jsonld"))
    assert len(ttl) > 50_000
    # The export has no blank nodes (below), so isomorphism is equality of the triple sets.
    assert set(ttl) == set(nt) == set(jsonld)


def test_turtle_loads_in_pyoxigraph_with_the_same_triples(seeds_build):
    """An independent parser reads the Turtle as the same triples as the N-Triples (rdflib agrees, above)."""
    out, _ = seeds_build
    from_turtle = set(ox.parse(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE))
    assert from_turtle == set(ox.parse(path=str(out / "kg.nt"), format=ox.RdfFormat.N_TRIPLES))
    assert len(from_turtle) == len(seeds_graph(seeds_build))
    # The store holds them all too (it keeps xsd:nonNegativeInteger values as xsd:integer: compare counts).
    store = ox.Store()
    store.bulk_load(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(from_turtle)


def test_the_export_has_no_blank_nodes(seeds_build):
    g = seeds_graph(seeds_build)
    assert not any(isinstance(t, rdflib.BNode) for triple in g for t in triple)


def test_same_graph_gives_the_same_bytes_in_another_process(tmp_path):
    """Determinism across processes (hash seeds differ), not only within one."""
    graph_file = tmp_path / "graph.pickle"
    graph_file.write_bytes(pickle.dumps(tiny_graph()))
    script = ("import pickle, sys\nfrom kg.export import rdf\n"
              f"g = pickle.loads(open({str(graph_file)!r}, 'rb').read())\n"
              "for f in ('ttl', 'nt', 'jsonld'):\n    sys.stdout.buffer.write(rdf.serialize(g, f))\n")
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                           env={"PYTHONHASHSEED": "12345", "PATH": ""}).stdout
    here = b"".join(rdf.serialize(tiny_graph(), f) for f in ("ttl", "nt", "jsonld"))
    assert other == here


# --------------------------------------------------------------------------- the core vocabulary


def test_relation_triples_are_exactly_the_papers_direct_edges(seeds_build):
    """The seven relations appear only on paper → entity edges; mentions is never materialised."""
    _, report = seeds_build
    g = seeds_graph(seeds_build)
    exported = {(s, p, o) for s, p, o in g if p in RELATIONS}
    expected = {(rdflib.URIRef(u), MLKG[k], rdflib.URIRef(v))
                for u, v, k in report.graph.edges(keys=True) if k in rdf.RELATIONS}
    assert exported == expected
    papers = set(g.subjects(RDF.type, MLKG.Paper))
    assert {s for s, _, _ in exported} <= papers
    # A paper with a specific edge to an entity has no extra mlkg:mentions edge to it.
    specific = {(s, o) for s, p, o in exported if p != MLKG.mentions}
    assert not any((s, o) in specific for s, _, o in g.triples((None, MLKG.mentions, None)))


def test_entities_keep_type_label_aliases_and_lineage(seeds_build):
    _, report = seeds_build
    g = seeds_graph(seeds_build)
    for iri, data in report.graph.nodes(data=True):
        node = rdflib.URIRef(iri)
        if data["type"] == "Paper":
            assert list(g.objects(node, DCTERMS.title)) == [rdflib.Literal(data["title"])]
            continue
        assert MLKG[data["type"]] in set(g.objects(node, RDF.type))
        assert g.value(node, RDFS.label) == rdflib.Literal(data["label"])
        assert {str(a) for a in g.objects(node, SKOS.altLabel)} == set(data["aliases"])
    lineage = {(rdflib.URIRef(u), rdflib.URIRef(v)) for u, v, k in report.graph.edges(keys=True) if k == "variantOf"}
    assert set(g.subject_objects(MLKG.variantOf)) == lineage


def test_only_papers_carry_a_title(seeds_build):
    g = seeds_graph(seeds_build)
    assert set(g.subjects(DCTERMS.title)) == set(g.subjects(RDF.type, MLKG.Paper))


# --------------------------------------------------------------------------- evidence


EDGE_WITH_EVIDENCE = """
PREFIX mlkg: <https://w3id.org/mlkg/ontology#>
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX oa:   <http://www.w3.org/ns/oa#>
SELECT ?paper ?relation ?entity ?sentence ?field ?exact ?start ?end WHERE {
  ?paper ?relation ?entity .
  ?evidence rdf:subject ?paper ; rdf:predicate ?relation ; rdf:object ?entity ;
            mlkg:sentence ?sentence ;
            oa:hasTarget ?target .
  ?target oa:hasSource ?paper ; mlkg:textField ?field ;
          oa:hasSelector [ oa:exact ?exact ] , [ oa:start ?start ; oa:end ?end ] .
}"""


def test_one_query_returns_every_edge_with_its_evidence(seeds_build):
    out, report = seeds_build
    store = ox.Store()
    store.bulk_load(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    rows = list(store.query(EDGE_WITH_EVIDENCE))
    found = {(r["paper"].value, r["relation"].value.split("#")[1], r["entity"].value) for r in rows}
    edges = {(u, k, v) for u, v, k in report.graph.edges(keys=True) if k in rdf.RELATIONS}
    edges |= {(p, "reports", f"{rdf.RESOURCE}experiment/{d['key']}-{n}")  # experiments have evidence too
              for p, d in report.graph.nodes(data=True) for n, _ in enumerate(d.get("experiments", ()), start=1)}
    assert found == edges
    papers = report.graph.nodes
    for r in rows:
        text = papers[r["paper"].value][r["field"].value]
        start, end = int(r["start"].value), int(r["end"].value)
        assert text[start:end] == r["exact"].value
        assert r["sentence"].value in text


def test_evidence_resources_for_the_tiny_graph():
    g = tiny_rdf()
    paper = rdflib.URIRef(paper_iri("arxiv-2305.14314"))
    llama2 = rdflib.URIRef(entity_iri("llama-2"))
    evidence = sorted(g.subjects(RDF.subject, paper))
    assert [str(e).rsplit("/", 1)[1] for e in evidence] == [
        "arxiv-2305.14314-1", "arxiv-2305.14314-2", "arxiv-2305.14314-3", "arxiv-2305.14314-4"]
    first = evidence[0]
    assert set(g.objects(first, RDF.type)) == {OA.Annotation, MLKG.Evidence}
    assert g.value(first, RDF.predicate) == MLKG.evaluatesOn  # edges are numbered by relation, then entity
    ft = [e for e in evidence if g.value(e, RDF.predicate) == MLKG.fineTunes]
    assert len(ft) == 2 and all(g.value(e, RDF.object) == llama2 == g.value(e, OA.hasBody) for e in ft)
    target = g.value(ft[0], OA.hasTarget)
    assert g.value(target, OA.hasSource) == paper
    selectors = {g.value(s, RDF.type): s for s in g.objects(target, OA.hasSelector)}
    quote, position = selectors[OA.TextQuoteSelector], selectors[OA.TextPositionSelector]
    assert g.value(quote, OA.exact) == rdflib.Literal("Llama 2")
    assert g.value(quote, OA.prefix) == rdflib.Literal("We fine-tune ")
    assert g.value(quote, OA.suffix) == rdflib.Literal(" with LoRA and report results on")
    assert g.value(position, OA.start) == rdflib.Literal(13, datatype=XSD.nonNegativeInteger)
    assert g.value(ft[0], MLKG.confidence) == rdflib.Literal("0.90", datatype=XSD.decimal)
    assert g.value(ft[0], MLKG.rule) == rdflib.Literal("catalogue+fine-tune-cue")
    # The relation properties never leave the papers: evidence names them with rdf:predicate only.
    assert not [t for t in g if t[1] in RELATIONS and t[0] not in set(g.subjects(RDF.type, MLKG.Paper))]


# --------------------------------------------------------------------------- papers


def test_papers_carry_their_metadata():
    g = tiny_rdf()
    p = rdflib.URIRef(paper_iri("arxiv-2305.14314"))
    assert g.value(p, FABIO.hasArXivId) == rdflib.Literal("2305.14314")
    assert g.value(p, SCHEMA.url) == rdflib.URIRef("https://arxiv.org/abs/2305.14314")
    assert g.value(p, DCTERMS.date) == rdflib.Literal("2023-05-23", datatype=XSD.date)
    assert g.value(p, MLKG.authorCount) == rdflib.Literal(4)
    assert g.value(p, MLKG.organization) == rdflib.Literal("Example Lab")
    assert g.value(p, MLKG.upvotes) == rdflib.Literal(12)
    assert set(g.objects(p, MLKG.sourcePage)) == {rdflib.Literal("pages/a.txt"), rdflib.Literal("pages/b.txt")}
    assert g.value(p, MLKG.codeRepository) == rdflib.URIRef("https://github.com/example/qlora")
    assert list(g.objects(p, MLKG.link)) == [rdflib.URIRef("https://example.org/project")]
    undated = rdflib.URIRef(paper_iri("t-0001"))
    assert g.value(undated, DCTERMS.date) == rdflib.Literal("--07-18", datatype=XSD.gMonthDay)
    assert g.value(undated, FABIO.hasArXivId) is None
    assert (rdflib.URIRef(entity_iri("llama")), RDF.type, MLKG.ModelFamily) in g
    assert (rdflib.URIRef(entity_iri("vicuna")), MLKG.derivedFrom, rdflib.URIRef(entity_iri("llama"))) in g


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_every_format_of_the_tiny_graph_holds_the_same_triples(fmt):
    assert isomorphic(tiny_rdf(fmt), tiny_rdf("nt"))
    assert set(tiny_rdf(fmt)) == set(tiny_rdf("nt"))
