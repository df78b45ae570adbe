"""Coordinated names that share their head ("prompt/prefix tuning") are each a name (rules/ellipsis.py)."""

from __future__ import annotations

import pytest

from kg import catalogue
from kg.extract.pipeline import find_candidates

TITLE = "A study of things\n"


def found(sentence: str, open_vocab: bool = False) -> dict[str, str]:
    """surface -> rule of the candidates found in one abstract sentence."""
    got = find_candidates(TITLE + sentence, len(TITLE) - 1, catalogue.default(), open_vocab=open_vocab)
    return {c.text: c.rule for c in got}


@pytest.mark.parametrize("sentence, names", [
    ("Our method beats prompt/prefix tuning on every split.", ["prompt tuning", "prefix tuning"]),
    ("Sharding removes redundancy in data and model parallelism.", ["data parallelism", "model parallelism"]),
    ("The trainer mixes data, tensor and pipeline parallelism.",
     ["data parallelism", "tensor parallelism", "pipeline parallelism"]),
])
def test_each_coordinated_name_is_found(sentence, names):
    got = found(sentence)
    assert all(n in got for n in names), got


def test_an_unknown_coordinated_phrase_is_left_to_the_decider():
    got = found("Two objectives, masked and permuted language modeling, train the encoder.", open_vocab=True)
    assert got.get("masked language modeling") == "shared-head"  # known
    assert got.get("permuted language modeling") == "method-phrase"  # open: the learned decider keeps or drops it
    assert "permuted language modeling" not in found("Two objectives, masked and permuted language modeling.")


@pytest.mark.parametrize("sentence, absent", [
    ("We add dropout and weight decay to the recipe.", "dropout decay"),  # both names already: nothing shared
    ("We apply LoRA and pipeline parallelism.", "LoRA parallelism"),
    ("Models trained with and without pipeline parallelism differ.", "with parallelism"),
])
def test_words_that_are_no_shared_name_stay_apart(sentence, absent):
    assert absent not in found(sentence, open_vocab=True)
