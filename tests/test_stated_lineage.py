"""A paper's own new model is a variant of the one model the paper fine-tunes (kg/stated_lineage.py)."""

from __future__ import annotations

from kg import catalogue
from kg.extract import extract
from kg.model import Corpus, Entity, EntityType, Evidence, Paper, Predicate, Relation
from kg.resolve import resolve
from kg.stated_lineage import with_stated_bases


def lineage(title: str, abstract: str) -> dict[str, str | None]:
    papers = [Paper(key="p", title=title, abstract=abstract)]
    corpus = resolve(papers, extract(papers), catalogue.default())
    return {e.label: e.variant_of for e in corpus.entities if e.type == EntityType.MODEL}


def test_a_released_fine_tune_hangs_under_its_base():
    got = lineage("Quokka: a small model for chemistry questions",
                  "We introduce Quokka-7B, a chemistry assistant obtained by fine-tuning Mistral-7B on "
                  "ChemInstruct. Quokka-7B achieves 71.2% accuracy on ChemBench.")
    assert got["Quokka-7B"] == "quokka" and got["Quokka"] == "mistral-7b"


def _corpus(models: dict[str, tuple[bool, str | None]], edges: list[tuple[str, str, str]]) -> Corpus:
    ents = tuple(Entity(key=k, type=EntityType.MODEL, label=k, in_catalogue=cat, variant_of=parent)
                 for k, (cat, parent) in models.items())
    rels = tuple(Relation(paper="p", predicate=Predicate(pred), entity=k,
                          evidence=(Evidence(sentence=s, field="abstract", start=0, end=1, sentence_start=0,
                                             rule="r", confidence=1.0),))
                 for pred, k, s in edges)
    return Corpus(papers=(Paper(key="p", title="t", abstract="a"),), entities=ents, relations=rels)


def _parents(corpus: Corpus) -> dict[str, str | None]:
    return {e.key: e.variant_of for e in with_stated_bases(corpus).entities}


def test_the_name_guess_gives_way_below_a_catalogued_parent_but_the_catalogue_is_kept():
    models = {"Kite": (True, None), "Kite-Med": (False, "Kite"), "Base-7B": (True, None)}
    said = "Kite-Med, a model based on Base-7B, wins."
    got = _parents(_corpus(models, [("proposes", "Kite-Med", said), ("fineTunes", "Base-7B", said)]))
    assert got == {"Kite": None, "Kite-Med": "Base-7B", "Base-7B": None}
    got = _parents(_corpus(models, [("proposes", "Kite", said), ("fineTunes", "Base-7B", said)]))
    assert got["Kite"] is None  # a catalogued model keeps the catalogue's lineage


def test_two_bases_or_no_sentence_naming_both_leave_the_lineage_alone():
    models = {"Kite": (False, None), "A-7B": (True, None), "B-7B": (True, None)}
    both = "Kite is fine-tuned from A-7B and B-7B."
    two = [("proposes", "Kite", both), ("fineTunes", "A-7B", both), ("fineTunes", "B-7B", both)]
    assert _parents(_corpus(models, two))["Kite"] is None
    apart = [("proposes", "Kite", "We present Kite."), ("fineTunes", "A-7B", "We fine-tune A-7B.")]
    assert _parents(_corpus(models, apart))["Kite"] is None


def test_no_cycle_when_the_base_already_descends_from_the_new_model():
    models = {"Kite": (False, None), "Kite-7B": (False, "Kite")}
    said = "Kite is tuned from Kite-7B."
    got = _parents(_corpus(models, [("proposes", "Kite", said), ("fineTunes", "Kite-7B", said)]))
    assert got == {"Kite": None, "Kite-7B": "Kite"}
