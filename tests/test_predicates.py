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
