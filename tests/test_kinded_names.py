"""A known technique with a word of its kind before it names a more specific method (sentences of our own).

"length-weighted beam search" is one method, a kind of beam search; the annotation takes the
most specific form written.  The phrase is a wrapping candidate: the known name inside stays one too.
"""

from __future__ import annotations

from kg.catalogue import Catalogue, Entry
from kg.extract.pipeline import paper_text
from kg.extract.rules import ids
from kg.extract.runner import find_candidates
from kg.model import EntityType

T = EntityType.TECHNIQUE
CATALOGUE = Catalogue.from_entries([
    Entry(id="beam-search", type=T, label="beam search"),
    Entry(id="dropout", type=T, label="dropout"),
    Entry(id="reinforcement-learning", type=T, label="reinforcement learning"),
    Entry(id="zeta", type=EntityType.MODEL, label="Zeta"),
])
TITLE = "Composing Folk Tunes with Small Decoders"


def found(abstract: str, title: str = TITLE) -> dict[str, str]:
    text, title_end = paper_text(title, abstract)
    return {c.text: c.rule for c in find_candidates(text, title_end, CATALOGUE, open_vocab=True)}


def test_a_hyphenated_kind_before_a_known_technique_names_it():
    got = found("Our decoder relies on length-weighted beam search to rank the candidate melodies.")
    assert got.get("length-weighted beam search") == ids.KINDED
    assert got.get("beam search") == ids.CATALOGUE  # the known one stays a candidate of its own


def test_a_kind_after_a_verb_or_in_the_title_names_it_too():
    got = found("We adopt meter-aware beam search for every tune.")
    assert got.get("meter-aware beam search") == ids.KINDED
    got = found("Each tune is decoded in one pass.", title="Meter-Aware Beam Search for Folk Tunes")
    assert got.get("Meter-Aware Beam Search") == ids.KINDED


def test_a_dimension_or_a_bit_width_is_part_of_the_name():
    got = found("A 2D dropout layer regularises the spectrogram encoder of the tune model.")
    assert got.get("2D dropout") == ids.KINDED


def test_a_decimal_width_is_read_whole_never_from_its_middle():
    got = found("A 1.5D dropout layer and a 2.25-bit beam search shrink the tune model.")
    assert got.get("1.5D dropout") == ids.KINDED and got.get("2.25-bit beam search") == ids.KINDED
    assert "5D dropout" not in got and "25-bit beam search" not in got


def test_a_describing_hyphenated_word_is_no_kind():
    got = found("We use a training-free beam search and a parameter-efficient dropout schedule.")
    assert ids.KINDED not in got.values()


def test_the_second_half_of_a_longer_modifier_is_no_kind():
    """"melody graph-based beam search": "graph-based" is half of the modifier, which names no method alone."""
    got = found("The melody graph-based beam search orders the notes of a bar.")
    assert ids.KINDED not in got.values() and got.get("beam search") == ids.CATALOGUE
    got = found("Each bar is scored by reinforcement learning-based dropout of notes.")
    assert "learning-based dropout" not in got


def test_a_capitalised_word_after_the_known_one_makes_a_longer_name():
    got = found("Tunes pass through a Meter-aware Dropout Gate before decoding.")
    assert ids.KINDED not in got.values()


def test_a_kind_named_after_a_model_is_one_but_not_after_a_technique():
    """"Zeta-guided beam search" is steered by a model; "dropout-based beam search" combines two techniques."""
    got = found("Melodies come from Zeta-guided beam search; rhythms from a dropout-based beam search.")
    assert got.get("Zeta-guided beam search") == ids.KINDED
    assert "dropout-based beam search" not in got
