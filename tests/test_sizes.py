"""Sizes written apart from a model's name make one model per size (kg/extract/rules/sizes.py)."""

from __future__ import annotations

import pytest

from kg import catalogue
from kg.extract.pipeline import find_candidates

TITLE = "A study of things\n"


def models_in(sentence: str) -> dict[str, tuple]:
    """surface -> (base, suffixes) of the model candidates found in one abstract sentence."""
    found = find_candidates(TITLE + sentence, len(TITLE) - 1, catalogue.default())
    return {c.text: (c.base, c.suffixes) for c in found if c.type.value == "Model"}


@pytest.mark.parametrize("sentence, sizes, plain", [
    ("Our servers run Llama 2 (70B) and BLOOM (176B) for chat.", ["Llama 2 70B", "BLOOM 176B"], ["Llama 2", "BLOOM"]),
    ("We fine-tune GPT-2 (base, medium) on recipes.", ["GPT-2 base", "GPT-2 medium"], ["GPT-2"]),
    ("The method scales Llama 2 models from 7B/13B to 70B with one card.",
     ["Llama 2 7B", "Llama 2 13B", "Llama 2 70B"], ["Llama 2"]),
    ("It fine-tunes a 175B GPT-3 on a single desktop card.", ["GPT-3 175B"], ["GPT-3"]),
    ("We compare against BERT base and large in every table.", ["BERT base", "BERT large"], []),
])
def test_each_size_written_apart_is_a_model(sentence, sizes, plain):
    got = models_in(sentence)
    for name in sizes:
        assert name in got, (name, got)
        assert got[name][1][-1] == name.rsplit(" ", 1)[1]  # the size is the variant's suffix
    for name in plain:
        assert name not in got  # the plain name only carried its sizes


@pytest.mark.parametrize("sentence, absent", [
    ("We compare BERT base and large language models on the same data.", "BERT large"),
    ("We evaluate Llama 2 with 2T tokens of extra pre-training.", "Llama 2 2T"),
    ("Llama 2 (see Section 3) is our baseline.", "Llama 2 3"),
])
def test_words_that_are_no_size_make_no_model(sentence, absent):
    assert absent not in models_in(sentence)


def test_sizes_of_a_proposed_model_are_proposed_models():
    text = "Vortexa: Small Models for Clinics\nWe release Vortexa models (0.5B, 1.5B and 3B) for clinics."
    found = find_candidates(text, text.index("\n"), catalogue.default())
    got = {c.text: c.proposed for c in found if c.type.value == "Model"}
    assert got.get("Vortexa") is True  # the title's name stays
    assert all(got.get(f"Vortexa {s}") is True for s in ("0.5B", "1.5B", "3B")), got
