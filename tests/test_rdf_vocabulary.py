"""Data, shapes and queries speak the vocabulary the ontology declares, spelled the same way.

A published graph whose data says fabio:hasArXivId while its shapes say
fabio:hasArXivID validates "clean" forever: the shape never fires.  These
tests compare the terms of the three with ontology/mlkg.ttl, and check that
every property the shapes constrain really occurs in an export.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection

from kg import sparql
from kg.validate import ONTOLOGY, SHAPES, declared_terms, parse, used_terms, vocabulary_findings

from kg.export import rdf

from test_rdf import FABIO, MLKG, OA, RDF, RDFS, SCHEMA, SKOS, seeds_graph, tiny_rdf

# The vocabularies the export does not write itself, only the ontology and shapes use.
OWL = rdflib.Namespace("http://www.w3.org/2002/07/owl#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
PROV = rdflib.Namespace(rdf.PROV)
MLS = rdflib.Namespace("http://www.w3.org/ns/mls#")
FAIR4ML = rdflib.Namespace("https://w3id.org/fair4ml#")

SHAPE_TERM_PROPERTIES = (SH.path, SH["class"], SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf,
                         SH.equals, SH.lessThan, SH.hasValue, SH["in"], SH.alternativePath)
PREFIXED = re.compile(r"(?<![\w<])([a-z][a-z0-9]*):([A-Za-z_][\w-]*)")


@pytest.fixture(scope="module")
def ontology():
    return parse(ONTOLOGY)


@pytest.fixture(scope="module")
def shapes():
    return parse(SHAPES)


def shape_terms(shapes: rdflib.Graph) -> set[rdflib.URIRef]:
    """Every IRI the shapes constrain or target (list members included), and those their SPARQL names."""
    terms = set()
    for prop in SHAPE_TERM_PROPERTIES:
        for value in shapes.objects(None, prop):
            members = list(Collection(shapes, value)) if (value, RDF.first, None) in shapes else [value]
            terms |= {m for m in members if isinstance(m, rdflib.URIRef)}
    prefixes = {str(p): str(ns) for p, ns in shapes.namespaces()}
    for select in shapes.objects(None, SH.select):
        terms |= _prefixed_terms(str(select), prefixes)
    return terms


def query_terms(text: str) -> set[rdflib.URIRef]:
    """The vocabulary IRIs a SPARQL query names with its PREFIX declarations."""
    prefixes = dict(re.findall(r"PREFIX\s+(\w+):\s*<([^>]+)>", text, re.IGNORECASE))
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("#", "PREFIX")))
    return _prefixed_terms(body, prefixes)


def _prefixed_terms(text: str, prefixes: dict[str, str]) -> set[rdflib.URIRef]:
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)  # not inside string literals
    return {rdflib.URIRef(prefixes[p] + local) for p, local in PREFIXED.findall(text) if p in prefixes and local}


# --------------------------------------------------------------------------- the ontology itself


def test_ontology_and_shapes_load_in_rdflib_and_pyoxigraph(ontology, shapes):
    assert (rdflib.URIRef("https://w3id.org/mlkg/ontology"), RDF.type, OWL.Ontology) in ontology
    for path in (ONTOLOGY, SHAPES):
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        assert len(store) > 100


def test_every_mlkg_term_has_a_label_a_definition_and_a_home(ontology):
    own = {t for t in declared_terms(ontology) if str(t).startswith(str(MLKG))}
    assert {MLKG.Paper, MLKG.Model, MLKG.ModelFamily, MLKG.Benchmark, MLKG.Dataset, MLKG.Technique,
            MLKG.Evidence, MLKG.variantOf, MLKG.derivedFrom} <= own
    for term in own:
        assert ontology.value(term, RDFS.label), term
        assert ontology.value(term, SKOS.definition), term
        assert ontology.value(term, RDFS.isDefinedBy) == rdflib.URIRef("https://w3id.org/mlkg/ontology"), term


def test_the_seven_relations_refine_mentions(ontology):
    six = ("proposes", "fineTunes", "evaluates", "evaluatesOn", "trainsOn", "usesTechnique")
    for name in six:
        assert (MLKG[name], RDFS.subPropertyOf, MLKG.mentions) in ontology
    for name in (*six, "mentions"):
        assert ontology.value(MLKG[name], RDFS.domain) == MLKG.Paper
        assert (MLKG[name], RDF.type, OWL.ObjectProperty) in ontology


@pytest.mark.parametrize("triple", [
    (MLKG.Paper, RDFS.subClassOf, SCHEMA.ScholarlyArticle),
    (MLKG.Paper, RDFS.subClassOf, FABIO.ResearchPaper),
    (MLKG.Model, RDFS.subClassOf, FAIR4ML.MLModel),
    (MLKG.Model, RDFS.subClassOf, MLS.Model),
    (MLKG.Dataset, RDFS.subClassOf, SCHEMA.Dataset),
    (MLKG.Benchmark, RDFS.subClassOf, MLS.Dataset),
    (MLKG.Technique, RDFS.subClassOf, MLS.Algorithm),
    (MLKG.Evidence, RDFS.subClassOf, OA.Annotation),
    (MLKG.Evidence, RDFS.subClassOf, PROV.Entity),
    (MLKG.mentions, RDFS.subPropertyOf, SCHEMA.mentions),
    (MLKG.derivedFrom, RDFS.subPropertyOf, FAIR4ML.fineTunedFrom),
    (MLKG.derivedFrom, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (MLKG.trainsOn, RDFS.seeAlso, FAIR4ML.trainedOn),
    (MLKG.evaluatesOn, RDFS.seeAlso, FAIR4ML.evaluatedOn),
    (MLKG.fineTunes, RDFS.seeAlso, FAIR4ML.fineTunedFrom),
])
def test_alignments_to_the_vocabularies_people_query(ontology, triple):
    assert triple in ontology


# --------------------------------------------------------------------------- data, shapes, queries vs ontology


def test_every_term_the_exports_use_is_declared(seeds_build, ontology):
    for graph in (seeds_graph(seeds_build), tiny_rdf()):
        assert vocabulary_findings(graph, ontology) == []


def test_every_term_the_shapes_use_is_declared(shapes, ontology):
    undeclared = shape_terms(shapes) - declared_terms(ontology)
    assert not undeclared, sorted(undeclared)


def test_every_property_the_shapes_check_occurs_in_an_export(seeds_build, shapes):
    """A shape on a property the data never writes is a shape that never fires."""
    used = set(used_terms(seeds_graph(seeds_build))) | set(used_terms(tiny_rdf()))
    paths = {p for p in shapes.objects(None, SH.path) if isinstance(p, rdflib.URIRef)}
    paths |= {m for alt in shapes.objects(None, SH.alternativePath) for m in Collection(shapes, alt)}
    paths |= set(shapes.objects(None, SH.targetSubjectsOf))
    assert paths and not paths - used, sorted(paths - used)


@pytest.mark.parametrize("query", sparql.all_queries(), ids=lambda q: q.name)
def test_every_term_the_queries_use_is_declared(query, ontology):
    undeclared = query_terms(query.text) - declared_terms(ontology)
    assert not undeclared, sorted(undeclared)


# --------------------------------------------------------------------------- the checks catch drift


def test_a_misspelt_term_in_the_data_is_caught(ontology):
    g = tiny_rdf()
    for s, o in list(g.subject_objects(FABIO.hasArXivId)):
        g.remove((s, FABIO.hasArXivId, o))
        g.add((s, FABIO.hasArXivID, o))
    findings = vocabulary_findings(g, ontology)
    assert [f.value for f in findings] == ["fabio:hasArXivID"]


def test_a_misspelt_term_in_the_shapes_or_a_query_is_caught(shapes, ontology):
    drifted = rdflib.Graph()
    for s, p, o in shapes:
        drifted.add((s, p, FABIO.hasArXivID if o == FABIO.hasArXivId else o))
    assert shape_terms(drifted) - declared_terms(ontology) == {FABIO.hasArXivID}
    text = "PREFIX mlkg: <https://w3id.org/mlkg/ontology#>\nSELECT * WHERE { ?p mlkg:finetunes ?m }"
    assert query_terms(text) - declared_terms(ontology) == {MLKG.finetunes}
