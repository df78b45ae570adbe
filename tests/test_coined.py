"""Coined names standing alone: "HistGen", "D2SA", "NGRL", "Tool-Decathlon" (sentences of our own).

Before the ``coined`` candidates, a made-up name that no catalogue knew and no
context rule typed (in a list of other unknown names, after its kind, as a
sentence's subject) was never even a candidate.
"""

from __future__ import annotations

from kg.catalogue import Catalogue, Entry
from kg.extract.pipeline import paper_text
from kg.extract.rules import ids
from kg.extract.rules.coined import coined_shape
from kg.extract.runner import find_candidates
from kg.model import EntityType

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE
CATALOGUE = Catalogue.from_entries([
    Entry(id="zeta", type=M, label="Zeta"),
    Entry(id="quokkabench", type=B, label="QuokkaBench"),
])
TITLE = "Reading Ward Notes with Small Models"


def found(abstract: str, title: str = TITLE, open_vocab: bool = True) -> dict[str, tuple[str, EntityType]]:
    text, title_end = paper_text(title, abstract)
    return {c.text: (c.rule, c.type) for c in find_candidates(text, title_end, CATALOGUE, open_vocab=open_vocab)}


def test_the_shapes_of_coined_names():
    assert all(coined_shape(w, False) for w in ("WardGen", "QPMixer", "FERNtime", "K9Q", "note2vec", "QRTL",
                                                 "Ward-Decathlon", "COCOX-cls"))
    assert not any(coined_shape(w, False) for w in ("Ward", "notes", "GPUs", "LLMs", "7B", "3D", "x2014",
                                                     "Ab", "-Ward"))


def test_unknown_names_in_a_list_of_unknown_names_are_candidates():
    got = found("We compare our tagger against NoteGen, WardBiT and QRTL on three hospitals.")
    for name in ("NoteGen", "WardBiT", "QRTL"):
        assert got.get(name, ("",))[0] == ids.CAPITALISED_PHRASE


def test_a_trailing_plus_is_part_of_a_coined_name():
    got = found("Sepsis alerts improve when the triage rules of WardSieve++ replace those of NoteGen+ in two wards.")
    assert got.get("WardSieve++", ("",))[0] == ids.CAPITALISED_PHRASE and "NoteGen+" in got
    assert "WardSieve" not in got and "NoteGen" not in got


def test_a_coined_name_takes_the_type_its_kind_word_gives_it():
    got = found("We release the triage corpus WardNotes-7 and train a small model (NoteSeer) on it.")
    assert got["WardNotes-7"][1] == D
    assert got["NoteSeer"][1] == M


def test_a_coined_name_listed_with_a_known_benchmark_is_a_benchmark():
    got = found("Results on QuokkaBench and TriageX show steady gains.")
    assert got["TriageX"][1] == B


def test_only_the_kind_right_before_counts():
    got = found("Experiments on two benchmarks show that WardFlow outperforms Zeta.")
    assert got["WardFlow"][1] == T


def test_coined_names_are_left_to_the_decider():
    got = found("We compare against NoteGen and WardBiT.", open_vocab=False)
    assert "NoteGen" not in got and "WardBiT" not in got


def test_adjectives_metrics_hardware_and_phrase_words_are_no_coined_names():
    got = found("An LLM-based scorer reports BERTScore on VRAM-bound GPUs; our Vision-Language Encoder "
                "runs in FP16 and is hARmful-free.")
    assert not {"LLM-based", "BERTScore", "FP16", "Vision-Language", "hARmful"} & set(got)


def test_a_name_found_by_another_rule_is_left_to_it():
    got = found("We propose NoteSeer, a triage model. NoteSeer reads notes.", title="NoteSeer: Triage from Notes")
    assert got.get("NoteSeer", ("",))[0] != ids.CAPITALISED_PHRASE
