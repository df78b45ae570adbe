"""Longest span first: a known name inside a longer written name belongs to that name; spans end where names do."""

from __future__ import annotations

import pytest

from kg import catalogue
from kg.extract.pipeline import find_candidates

TITLE = "A study of things\n"


def names_in(sentence: str) -> dict[str, str | None]:
    """surface -> catalogue id, for the names found in one abstract sentence."""
    found = find_candidates(TITLE + sentence, len(TITLE) - 1, catalogue.default())
    return {c.text: c.entry_id for c in found}


@pytest.mark.parametrize("sentence, longer, known", [
    ("We train continual learners on Split CIFAR-100 and report forgetting.", "Split CIFAR-100", "CIFAR-100"),
    ("Robustness drops on Occluded nuScenes scenes at night.", "Occluded nuScenes", "nuScenes"),
    ("Agents such as Gemini Ultra Deep Planner write long reports.", "Gemini Ultra Deep Planner", "Gemini"),
])
def test_a_known_name_inside_a_longer_name_is_the_longer_name(sentence, longer, known):
    got = names_in(sentence)
    assert longer in got and got[longer] is None  # a new entity, not the catalogue entry
    assert known not in got


@pytest.mark.parametrize("sentence, name", [
    ("We use the Google Speech Commands corpus for keyword spotting.", "Speech Commands"),
    ("Results on the CIFAR-10 Dataset improve by two points.", "CIFAR-10"),
    ("Gemini Valence correlates with human ratings.", "Gemini"),
])
def test_makers_and_words_of_the_sentence_do_not_extend_a_known_name(sentence, name):
    assert name in names_in(sentence)


def test_a_score_after_a_name_is_not_a_version():
    got = names_in("Our model reaches MMLU 71.3 and ZetaBench 21.4, while AlpacaEval 2.0 ranks it first.")
    assert "MMLU" in got and "MMLU 71.3" not in got
    assert "AlpacaEval 2.0" in got


def test_a_pronoun_after_a_model_is_not_a_variant_word():
    got = names_in("We evaluate Qwen2.5 it is fast, and Gemma-2-2b-it is slower.")
    assert "Qwen2.5" in got and "Qwen2.5 it" not in got
    assert "Gemma-2-2b-it" in got
