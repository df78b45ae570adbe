"""What the text says a new name is: Model or Technique (issue 14), read from the words that describe it."""

from __future__ import annotations

import pytest

from kg.catalogue import Catalogue
from kg.extract.pipeline import _described_type, find_candidates
from kg.model import EntityType

M, B, D, T = EntityType.MODEL, EntityType.BENCHMARK, EntityType.DATASET, EntityType.TECHNIQUE


def typed(text: str, name: str, title: str = "A Study of Tides") -> EntityType:
    """The type of the first candidate named ``name`` in a paper with this title and abstract."""
    full = f"{title}\n{text}"
    return next(c.type for c in find_candidates(full, len(title), Catalogue.from_entries([]), open_vocab=True)
                if c.text == name)


def described(text: str, name: str) -> EntityType | None:
    return _described_type(text, text.index(name) + len(name))


def test_an_acronym_defined_inside_a_description_does_not_end_it():
    text = "Scores come from tide2vec_small, a coastal flood forecasting (CFF) model whose outputs are hourly."
    assert described(text, "tide2vec_small") == M
    assert typed(text, "tide2vec_small") == M


def test_a_collection_of_methods_is_a_technique_whatever_the_word_before_methods():
    assert described("We present Kestrel, a collection of model pruning methods for sensor networks.", "Kestrel") == T
    assert described("We present Kestrel, a suite of network quantization techniques.", "Kestrel") == T


def test_a_family_of_models_is_still_a_model():
    assert described("We present Kestrel, a family of compact sonar models for reef surveys.", "Kestrel") == M
    assert described("We present Kestrel, a series of models for reef surveys.", "Kestrel") == M


def test_a_sentence_that_goes_on_after_a_name_does_not_describe_it():
    # no comma, copula or bracket: the words after the name are the rest of the sentence, not its kind
    assert described("Seasonal kelp resampling (SKR) yields larger model gains on sonar scans.", "SKR") is None
    assert described("In our trials Kestrel steadily overtakes bigger sonar models.", "Kestrel") is None


def test_a_kind_noun_right_after_a_name_still_types_it():
    assert described("We tune the Kestrel routing strategy on reef scans.", "Kestrel") == T
    assert described("Scans come from the Kestrel corpus of reef images.", "Kestrel") == D
    assert described("We release the Kestrel family of sonar models.", "Kestrel") == M


@pytest.mark.parametrize("text, kind", [
    ("Scans come from the Kestrel lagoons corpus of reef images.", D),  # a noun in -s before the kind noun
    ("We score buoys on the Kestrel tides benchmark each season.", B),
    ("Reef maps come from the Kestrel weakly supervised model.", M),  # an adverb before a participle
    ("Buoy logs pass through the Kestrel analysis pipeline nightly.", T),
])
def test_a_noun_or_adverb_before_the_kind_noun_keeps_the_type(text, kind):
    assert described(text, "Kestrel") == kind
