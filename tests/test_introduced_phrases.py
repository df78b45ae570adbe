"""Lower-case method phrases the paper says it introduces are its proposals (sentences of our own)."""

from __future__ import annotations

import pytest

from kg.catalogue import Catalogue
from kg.extract.pipeline import paper_text
from kg.extract.rules import ids
from kg.extract.runner import find_candidates

TITLE = "Stable Rollouts for Long-Horizon World Models"


def proposed(abstract: str) -> dict[str, bool]:
    text, title_end = paper_text(TITLE, abstract)
    return {c.text: c.proposed for c in find_candidates(text, title_end, Catalogue.from_entries([]), open_vocab=True)
            if c.rule == ids.METHOD_PHRASE}


@pytest.mark.parametrize("abstract, name", [
    ("To keep long rollouts stable, we further introduce drift-aware sampling, which resamples stale states.",
     "drift-aware sampling"),
    ("Our framework introduces horizon-banded supervision, where near and far frames get separate targets.",
     "horizon-banded supervision"),
    ("We propose echo-gated pooling to merge the two streams.", "echo-gated pooling"),
    ("We also introduce stale-state reweighting and tile-wise annealing to curb drift.", "tile-wise annealing"),
    ("We also introduce stale-state reweighting and tile-wise annealing to curb drift.", "stale-state reweighting"),
])
def test_a_bare_phrase_after_a_verb_of_introducing_is_proposed(abstract, name):
    assert proposed(abstract).get(name) is True


@pytest.mark.parametrize("abstract, name", [
    ("We propose a drift-aware sampling mechanism that resamples stale states.", "drift-aware sampling"),
    ("Prior methods rely on drift-aware sampling, which resamples stale states.", "drift-aware sampling"),
    ("We introduce a planner and train it with curriculum learning on short clips.", "curriculum learning"),
])
def test_a_phrase_inside_a_longer_description_or_only_used_is_not(abstract, name):
    assert proposed(abstract).get(name) is False
