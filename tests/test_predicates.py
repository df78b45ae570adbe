"""The predicate table (kg/data/predicates.tsv) against the ontology, and the readers that follow it."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg import predicates
from kg.predicates import PredicateTableError, parse

ROOT = Path(__file__).resolve().parent.parent
MLKG = rdflib.Namespace("https://w3id.org/mlkg/ontology#")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "mlkg.ttl", format="turtle")


def _iri(term: str) -> rdflib.URIRef:
    prefix, _, local = term.partition(":")
    assert prefix == "mlkg"
    return MLKG[local]


def test_namespace_is_the_exports_namespace():
    from kg.export.rdf import MLKG as EXPORTED

    assert str(MLKG) == EXPORTED


def test_every_row_is_an_object_property_with_its_label(ontology):
    for row in predicates.table():
        prop = _iri(row.term)
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology, row.id
        labels = {str(v) for v in ontology.objects(prop, RDFS.label)}
        assert row.label in labels, (row.id, labels)


def test_every_relation_property_of_the_ontology_has_a_row(ontology):
    mentions = MLKG["mentions"]
    relation_props = {mentions} | set(ontology.transitive_subjects(RDFS.subPropertyOf, mentions))
    lineage_props = {p for p in ontology.subjects(RDF.type, OWL.ObjectProperty)
                     if (p, RDFS.domain, MLKG["Model"]) in ontology and (p, RDFS.range, MLKG["Model"]) in ontology}
    rows = predicates.table()
    assert relation_props == {_iri(r.term) for r in rows if r.kind == "relation"}
    assert lineage_props == {_iri(r.term) for r in rows if r.kind == "lineage"}


def test_precedence_is_the_enum_order():
    from kg.model import Predicate

    assert predicates.precedence() == {p: i for i, p in enumerate(Predicate)}
    assert [p.value for p in Predicate] == list(predicates.relations())


def test_readers_follow_the_table():
    from kg import cli, query
    from kg.export import html, rdf
    from kg.model import EntityType, Predicate
    from kg.resolve import fit_predicate

    assert set(rdf.RELATIONS) == set(query.RELATIONS) == {r.id for r in predicates.table() if r.kind == "relation"}
    assert list(html.RELATIONS) == [r.id for r in predicates.table()]
    assert query.FILTERS["evaluated_on"] == ("evaluatesOn",) and cli.FILTER_VERBS["evaluated_on"] == "evaluate on"
    assert fit_predicate(Predicate.EVALUATES, EntityType.TECHNIQUE) is Predicate.USES_TECHNIQUE
    assert "mentions" not in query.COUNTED and set(query.WORKS_WITH) == {"proposes", "fineTunes", "evaluates"}


HEADER = "\t".join(predicates.COLUMNS)
ROW = "\t".join(["cites", "relation", "mlkg:cites", "cites", "cites", "cite", "#000000", "no", "no", "yes",
                 "-", "-", "-", "mentions"])
MENTIONS = "\t".join(["mentions", "relation", "mlkg:mentions", "mentions", "mentions", "mention", "#111111",
                      "no", "no", "no", "-", "-", "-", "-"])


def test_a_new_relation_is_one_row():
    rows = parse("# a comment\n" + "\n".join([HEADER, ROW, MENTIONS]))
    assert [r.id for r in rows] == ["cites", "mentions"]
    assert rows[0].keyword == "cites" and rows[0].as_type == (("Technique", "mentions"),)


@pytest.mark.parametrize("text, message", [
    ("id\tkind\n", "x.tsv:1: the header must be"),
    (HEADER + "\n" + ROW.replace("\tno\tno\t", "\tmaybe\tno\t"), "x.tsv:2: dashed is yes or no"),
    (HEADER + "\n" + ROW.replace("relation", "edge", 1), "x.tsv:2: kind is one of"),
    (HEADER + "\n" + ROW + "\n" + ROW, "x.tsv: id cites given twice"),
    (HEADER + "\n" + ROW, "x.tsv: cites becomes unknown relation mentions"),
    (HEADER + "\n" + ROW.rsplit("\t", 1)[0], "x.tsv:2: 13 columns, expected 14"),
])
def test_a_bad_table_is_one_error_naming_file_and_line(text, message):
    with pytest.raises(PredicateTableError, match=message.replace(".", r"\.")):
        parse(text, where="x.tsv")


def test_the_jsonld_context_names_every_row():
    import json

    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    for row in predicates.table():
        assert context.get(row.id) == {"@id": row.term, "@type": "@id"}, row.id


def test_the_shapes_check_every_relation():
    from rdflib.collection import Collection

    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    SHAPES = rdflib.Namespace("https://w3id.org/mlkg/shapes#")
    relations = {_iri(r.term) for r in predicates.table() if r.kind == "relation"}
    for shape, target in (("RelationSubject", SH.targetSubjectsOf), ("RelationObject", SH.targetObjectsOf)):
        assert set(shapes.objects(SHAPES[shape], target)) == relations, shape
    allowed = set(Collection(shapes, shapes.value(SHAPES["Evidence-predicate"], SH["in"])))
    assert allowed == relations | {MLKG["reports"]}
    restated = str(shapes.value(SHAPES["EdgeHasEvidence"], SH.select))
    assert all(f"?paper mlkg:{r.id} ?value" in restated for r in predicates.table() if r.kind == "relation")


NEW_RELATION = '''
import sys
from kg import predicates
text = predicates.resources.files("kg").joinpath(predicates.TABLE).read_text(encoding="utf-8")
row = "\\t".join(["cites", "relation", "mlkg:cites", "cites", "cites", "cite", "#123456", "no", "no", "yes",
                  "-", "-", "-", "mentions"])
rows = text.rstrip("\\n").split("\\n")
at = max(i for i, line in enumerate(rows) if "\\trelation\\t" in line)  # before mentions: the weakest but one
rows.insert(at, row)
predicates.table = lambda: predicates.parse("\\n".join(rows))

from kg.export import render
from kg.graph import build_graph
from kg.model import Corpus, Entity, Evidence, Paper, Predicate, Relation
from kg.query import KnowledgeGraph
from kg.resolve import fit_predicate
from kg import cli

ev = Evidence(sentence="We cite Foo.", start=7, end=10, rule="r", confidence=0.9)
corpus = Corpus(papers=(Paper(key="p1", title="T", abstract="We cite Foo."),),
                entities=(Entity(key="foo", type="Model", label="Foo"),),
                relations=(Relation(paper="p1", predicate="cites", entity="foo", evidence=(ev,)),))
g = build_graph(corpus)
assert Predicate.CITES == "cites" and list(Predicate)[-2:] == [Predicate.CITES, Predicate.MENTIONS]
assert fit_predicate(Predicate.CITES, "Technique") is Predicate.MENTIONS
assert "<https://w3id.org/mlkg/ontology#cites>" in render(g, "nt").decode()
assert b'"cites":{"color":"#123456"' in render(g, "html")
assert [link.relation for p in KnowledgeGraph(g).papers(cites="Foo") for link in p.links] == ["cites"]
assert cli.FILTER_VERBS["cites"] == "cite"
print("ok")
'''


def test_a_new_row_reaches_model_resolve_exports_api_and_cli():
    """Adding a relation needs no code: one row (here made up, in a subprocess) and the readers follow."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", NEW_RELATION], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]
