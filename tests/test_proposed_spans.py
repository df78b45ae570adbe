"""A proposed name of four capitalised words is proposed whole, not cut to its first three (sentences of our own)."""

from __future__ import annotations

import pytest

import kg.extract.rules  # noqa: F401  (registers the rules)
from kg.extract.rules.titles import proposal_spans
from kg.lexicon import Lexicon


def _proposed(text: str) -> list[str]:
    """The names ``proposal_spans`` finds in a text (title line, then the abstract)."""
    return [text[s:e] for s, e, _ in proposal_spans(text, Lexicon.load())]


@pytest.mark.parametrize("sentence, name", [
    ("Here we propose Two-Stage Sparse Token Routing, which skips idle experts.", "Two-Stage Sparse Token Routing"),
    ("We introduce Cross-View Depth Consistency Loss to align the views.", "Cross-View Depth Consistency Loss"),
    ("We present Kestrel, a small model for radar data.", "Kestrel"),
])
def test_a_proposed_name_is_taken_whole(sentence, name):
    assert name in _proposed("A Study\n" + sentence)


def test_no_part_of_a_longer_capitalised_name_is_proposed():
    got = _proposed("A Study\nWe introduce Slow Warm Start Policy Gradient Tuning (SWPG), which anneals the step.")
    assert not any(n.startswith("Slow Warm") for n in got)


@pytest.mark.parametrize("sentence, unwanted", [
    ("In this paper we propose a novel LLM-guided planner for household chores.", "LLM-guided"),
    ("Pocket: A 2.7B Parameter Assistant for Phones", "2.7B"),
    ("We present a 3D tracker that runs on a phone.", "3D"),
])
def test_a_size_a_dimension_or_a_hyphenated_adjective_is_no_proposed_name(sentence, unwanted):
    assert unwanted not in _proposed("A Study\n" + sentence)
